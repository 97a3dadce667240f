"""Registry of transfer methods (``plants[].transfer``)."""

from common.registry import Registry

TRANSFER_METHODS = Registry("transfer method", "plants[].transfer")
