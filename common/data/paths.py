"""Resolving user-given data paths the same way for every loader.

A relative path is tried against the configuration's base directory first and then the
current working directory, so configs work both from the repository root and from the
directory they live in. The error names every path tried.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import DataValidationError


def candidate_paths(raw: str, base_dir: Path) -> list[Path]:
    """Paths to try for ``raw``, in order, without duplicates."""
    path = Path(raw).expanduser()
    if path.is_absolute():
        return [path]
    out: list[Path] = []
    for root in (Path(base_dir), Path.cwd()):
        cand = (root / path).absolute()
        if cand not in out:
            out.append(cand)
    return out


def resolve_existing(raw: str, base_dir: Path, field: str) -> Path:
    """First existing candidate for ``raw``; DataValidationError naming all tried paths otherwise."""
    if not str(raw).strip():
        raise DataValidationError([f"{field} is empty: set it to an existing file or directory"])
    tried = candidate_paths(raw, base_dir)
    for cand in tried:
        if cand.exists():
            return cand
    listing = ", ".join(str(p) for p in tried)
    raise DataValidationError(
        [f"{field} {raw!r} not found; tried: {listing}: fix the path (relative paths are resolved "
         "against the config's directory, then the working directory)"]
    )


def read_npz(path: Path, expected: str) -> dict[str, np.ndarray]:
    """Every array of a ``.npz`` archive; an unreadable or oversized file is a DataValidationError
    naming it (sizes are read from the headers before anything is loaded)."""
    from .signal_files import READ_ERRORS, declared_size_problem

    too_big = declared_size_problem(path, str(path))
    if too_big:
        raise DataValidationError([too_big])
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {k: archive[k] for k in archive.files}
    except READ_ERRORS as exc:
        raise DataValidationError(
            [f"{path}: cannot read as a numpy .npz archive ({type(exc).__name__}: {exc}): point path to {expected}"]
        ) from exc
