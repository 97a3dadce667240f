"""Registry of anomaly detectors (``plants[].detector``)."""

from common.registry import Registry

DETECTORS = Registry("anomaly detector", "plants[].detector")
