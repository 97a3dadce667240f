"""Finding a named data set (``cwru``, ``cmapss``, ``tep``) on this machine.

A scenario may name a data set instead of a file (``source: cwru, load: 1``). Its folder is
looked for, in this order, in:

1. the plant's explicit ``data_dir`` (when given, the only place looked: a typo must not fall
   back silently to another copy);
2. ``$FACTORYFL_DATA_DIR/<folder>``;
3. the user data directory, ``$XDG_DATA_HOME/factoryfl/<folder>`` (default
   ``~/.local/share/factoryfl/<folder>``), where ``factoryfl data fetch`` puts it;
4. ``../shared/datasets/<folder>`` beside the repository root: an offline cache for a checkout
   (absent once the package is installed elsewhere; then simply not found there).

All roots hold the same layout: one folder per data set (:data:`DATASET_FOLDERS`), inside it
the converted files the loaders read (``loadN.npz``, ``fd00N.npz``, ``modeN.npz``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import DataValidationError

DATASET_FOLDERS: dict[str, str] = {"cwru": "cwru12k_de", "cmapss": "cmapss", "tep": "tep_multimode"}
"""Data set name -> its folder under every root (the names of the shared offline copy)."""

DATA_DIR_ENV = "FACTORYFL_DATA_DIR"
"""Environment variable naming a root that holds the data set folders (looked at before the user dir)."""

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATASETS = REPO_ROOT.parent / "shared" / "datasets"
"""The offline cache of a checkout: ``../shared/datasets`` relative to the repository root."""


@dataclass(frozen=True)
class Place:
    """One place a data set may be: what it is called in messages and the folder itself."""

    label: str
    folder: Path


def user_data_root() -> Path:
    """``$XDG_DATA_HOME/factoryfl``, else ``~/.local/share/factoryfl`` (the XDG base directory default)."""
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg and Path(xdg).expanduser().is_absolute() else Path.home() / ".local" / "share"
    return base / "factoryfl"


def fetch_root() -> Path:
    """Where ``factoryfl data fetch`` writes: ``$FACTORYFL_DATA_DIR`` when set, else the user data root."""
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(env).expanduser().absolute() if env else user_data_root()


def folder_of(name: str) -> str:
    """The folder name of data set ``name``; a DataValidationError listing the known names otherwise."""
    if name not in DATASET_FOLDERS:
        raise DataValidationError([f"unknown data set {name!r}: known data sets are {sorted(DATASET_FOLDERS)}"])
    return DATASET_FOLDERS[name]


def places(name: str) -> list[Place]:
    """Every place data set ``name`` is looked for without an explicit ``data_dir``, in order."""
    folder = folder_of(name)
    out: list[Place] = []
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        out.append(Place(f"${DATA_DIR_ENV}", Path(env).expanduser().absolute() / folder))
    out.append(Place("user data dir", user_data_root() / folder))
    out.append(Place("offline cache", SHARED_DATASETS / folder))
    return out


def default_dir(name: str) -> Path:
    """The folder the loaders would read data set ``name`` from now: the first place that exists,
    else where ``factoryfl data fetch`` would put it (for defaults of command-line options)."""
    for place in places(name):
        if place.folder.is_dir():
            return place.folder
    return fetch_root() / folder_of(name)


def find_file(name: str, filename: str, data_dir: Path | None = None) -> Path:
    """The file ``filename`` of data set ``name`` (e.g. ``("cwru", "load1.npz")``).

    ``data_dir`` (already resolved against the scenario's directory), when given, is the only folder
    looked in. Otherwise :func:`places` are tried in order. Not found: one DataValidationError naming
    the data set, every place looked and the fix.
    """
    candidates = [Place("data_dir", data_dir)] if data_dir is not None else places(name)
    for place in candidates:
        path = place.folder / filename
        if path.is_file():
            return path
    looked = "; ".join(f"{p.label} {p.folder}" for p in candidates)
    if data_dir is not None:
        fix = (f"point data_dir to the folder holding {filename}, or leave data_dir out to find the data set "
               f"by name (`factoryfl data fetch {name}`)")
    else:
        fix = (f"run `factoryfl data fetch {name}` (downloads and converts the public originals), or set "
               f"{DATA_DIR_ENV} to a folder holding {folder_of(name)}/{filename}")
    raise DataValidationError([f"data set {name!r}: {filename} not found; looked in: {looked}: {fix}"])
