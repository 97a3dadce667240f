"""Register an extension for the length of a test only."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from common.registry import Entry, Registry


@contextlib.contextmanager
def registered(registry: Registry, name: str, target: str, *, summary: str, **meta: Any) -> Iterator[Entry]:
    """``registry.add(...)`` inside the block; the entry is gone again after it."""
    entry = registry.add(name, target, summary=summary, **meta)
    try:
        yield entry
    finally:
        if name in registry:
            registry.remove(name)
