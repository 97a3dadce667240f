"""Real multi-site deployment: certificates, coordinator/plant commands, inference and export.

Nothing here imports Flower objects: the commands shell out to Flower's own executables
(`flower-superlink`, `flower-supernode`, `flwr`), so the exact commands stay visible.
"""
