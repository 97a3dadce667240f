"""Reading one MATLAB file of an original; an unreadable one is a FetchError naming it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import FetchError


def read_mat(path: Path, name: str) -> dict[str, Any]:
    """``scipy.io.loadmat(path)``; ``name`` is how messages call the file (its name in the catalogue)."""
    from scipy.io import loadmat

    try:
        return dict(loadmat(path))
    except (ValueError, OSError, TypeError, NotImplementedError) as exc:
        raise FetchError(f"{name}: not a readable MATLAB file ({exc}): fetch it again or check the mirror") from exc
