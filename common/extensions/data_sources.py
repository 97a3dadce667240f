"""Registry of data sources (``plants[].data.source``)."""

from common.registry import Registry

DATA_SOURCES = Registry("data source", "plants[].data.source")
