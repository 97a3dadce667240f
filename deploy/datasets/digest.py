"""Checksums: sha256 of a file and a content digest of converted arrays (independent of zip bytes)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def array_digest(arrays: Mapping[str, np.ndarray], keys: Iterable[str]) -> str:
    """sha256 over ``keys`` in sorted order: each key's name, dtype, shape and C-order bytes.

    A ``.npz`` file's own bytes carry zip timestamps, so converted data are pinned by this digest
    of their arrays instead: equal digests mean bit-identical arrays.
    """
    h = hashlib.sha256()
    for key in sorted(keys):
        a = np.ascontiguousarray(arrays[key])
        h.update(f"{key}\0{a.dtype.str}\0{a.shape!r}\0".encode())
        h.update(a.tobytes())
    return h.hexdigest()
