"""Atomic file writes: temporary file, fsync, rename — a crash leaves the old version intact."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_json(path: Path, obj: Any, *, sort_keys: bool = True) -> None:
    """``sort_keys=False`` keeps the object's own key order (a results file whose first key warns)."""
    atomic_write_bytes(path, json.dumps(obj, indent=2, sort_keys=sort_keys, default=str).encode())
