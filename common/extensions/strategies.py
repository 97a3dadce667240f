"""Registry of aggregation strategys (``federation.strategy.name``)."""

from common.registry import Registry

STRATEGIES = Registry("aggregation strategy", "federation.strategy.name")
