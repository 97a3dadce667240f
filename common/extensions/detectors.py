"""Registry of anomaly detectors (``plants[].detector``): empty until the detectors arrive.

A detector will score a plant's own windows for anomalies, inside the plant; nothing it sees
leaves the plant. Its interface is fixed with the first detector. Adding one then follows the
other registries: one module (e.g. ``client/detectors/<name>.py``) plus one
``DETECTORS.add(name, "module:Class", summary=...)`` line here (CONTRIBUTING.md).
"""

from common.registry import Registry

DETECTORS = Registry(
    "anomaly detector", "plants[].detector",
    "Scores a plant's own windows for anomalies, inside the plant (arrives with a later issue).",
)
