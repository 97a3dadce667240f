"""The catalogue of extension points: one registry each, read by the config schema, the CLI and the docs.

Adding an extension is one new file (the implementation) plus one ``add(...)`` line in the registry's
module here. These modules import nothing heavy: entries name their implementation as
``"module:attribute"`` and it is imported only when used.
"""

from .data_sources import DATA_SOURCES
from .detectors import DETECTORS
from .metrics_loggers import METRICS_LOGGERS
from .strategies import STRATEGIES
from .tasks import TASKS
from .transfer_methods import TRANSFER_METHODS

ALL_REGISTRIES = (STRATEGIES, TRANSFER_METHODS, DETECTORS, DATA_SOURCES, TASKS, METRICS_LOGGERS)

__all__ = ["ALL_REGISTRIES", "DATA_SOURCES", "DETECTORS", "METRICS_LOGGERS", "STRATEGIES", "TASKS",
           "TRANSFER_METHODS"]
