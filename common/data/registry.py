"""Registry of data sources: name -> params type + loader.

The config layer looks a source up by name, builds its params dataclass from YAML, calls
``problems()`` and then the loader. Built-in sources: synthetic, cwru, directory, cmapss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cmapss import CmapssParams, load_cmapss
from .cwru import CwruParams, load_cwru
from .directory import DirectoryParams, load_directory
from .synthetic import SyntheticParams, load_synthetic
from .types import PlantData
from .windowing import WindowSpec

Loader = Callable[..., PlantData]
"""``loader(plant_id: str, params, window: WindowSpec, *, base_dir: Path) -> PlantData``."""


@dataclass(frozen=True)
class DataSource:
    """A named data source: its params dataclass and the function that loads one plant."""

    name: str
    params_type: type[Any]
    loader: Loader
    description: str

    def load(self, plant_id: str, params: Any, window: WindowSpec, *, base_dir: Path) -> PlantData:
        return self.loader(plant_id, params, window, base_dir=base_dir)


DATA_SOURCES: dict[str, DataSource] = {}


def register(source: DataSource) -> DataSource:
    """Add ``source`` to DATA_SOURCES; ValueError if the name is taken."""
    if source.name in DATA_SOURCES:
        raise ValueError(f"data source {source.name!r} is already registered")
    DATA_SOURCES[source.name] = source
    return source


def get_source(name: str) -> DataSource:
    """The source called ``name``; KeyError listing the known names otherwise."""
    try:
        return DATA_SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown data source {name!r}; known sources: {sorted(DATA_SOURCES)}") from None


register(DataSource(
    name="synthetic",
    params_type=SyntheticParams,
    loader=load_synthetic,
    description="physically motivated synthetic bearing vibration; plants differ by speed, load, "
                "resonance, sensor gain, noise and sample rate",
))
register(DataSource(
    name="cwru",
    params_type=CwruParams,
    loader=load_cwru,
    description="CWRU 12 kHz drive-end bearing data, one motor load (loadN.npz) per plant; "
                "9-class fault-only by default, 10-class with disjoint parts of the single normal record",
))
register(DataSource(
    name="directory",
    params_type=DirectoryParams,
    loader=load_directory,
    description="bring your own data: a directory with manifest.yaml (format factoryfl-plant/v1, see FORMAT.md)",
))
register(DataSource(
    name="cmapss",
    params_type=CmapssParams,
    loader=load_cmapss,
    description="NASA C-MAPSS turbofan run-to-failure data, one sub-set (fd001-fd004.npz) per site; windows of "
                "sequence_length cycles x 14 sensors (x 2 with baseline_cycles), operating-condition z-scoring, "
                "optional smoothing within each engine, target = capped RUL "
                "(task regression) and label = fails within failure_horizon cycles; test = the official test engines",
))
