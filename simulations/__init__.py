"""Simulation: many virtual plants on one host through Flower's simulation engine (``runner.py``).

Flower's private internals are used only in ``flower_private.py``; ``benchmarks/`` measures
what ``results/`` reports.
"""
