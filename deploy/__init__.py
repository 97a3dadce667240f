"""Operations: a coordinator and plants on separate machines (certificates, the Flower commands, runs).

Nothing here imports Flower: the commands shell out to Flower's own executables
(`flower-superlink`, `flower-supernode`, `flwr`), so the exact commands stay visible. A plant's
own use of its model (predict, export) is in ``client/``.
"""
