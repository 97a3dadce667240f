"""Registry of data sources (``plants[].data.source``).

Each entry's ``target`` is the loader, ``loader(plant_id, params, window, *, base_dir) -> PlantData``;
its ``params`` fact names the settings dataclass (``"module:Class"``, built from the plant's
``data:`` mapping and checked with its ``problems()``). Both are imported only for a source that
is used, so listing and checking names stays cheap. Adding a source: one module under
``common/data/`` with a params dataclass and a loader, plus one ``DATA_SOURCES.add(...)`` here
(CONTRIBUTING.md walks through an example).
"""

from __future__ import annotations

import importlib
from typing import Any

from common.registry import Registry

DATA_SOURCES = Registry(
    "data source", "plants[].data.source",
    "Where a plant's windows come from: the settings under `plants[].data` besides `source:` are the "
    "fields of the source's params dataclass.",
)

DATA_SOURCES.add(
    "synthetic", "common.data.synthetic:load_synthetic", params="common.data.synthetic:SyntheticParams",
    summary="physically motivated synthetic bearing vibration; plants differ by speed, load, resonance, "
            "sensor gain, noise and sample rate",
)
DATA_SOURCES.add(
    "cwru", "common.data.cwru:load_cwru", params="common.data.cwru:CwruParams",
    summary="CWRU bearing data, one motor load (loadN.npz) per plant: the shared 12 kHz drive-end set, or a "
            "folder of the same layout at another rate or sensor position (fs_hz from the file); 9-class "
            "fault-only by default (the classes the file holds), 10-class with disjoint parts of the single "
            "normal record",
)
DATA_SOURCES.add(
    "directory", "common.data.directory:load_directory", params="common.data.directory:DirectoryParams",
    summary="bring your own data: a directory with manifest.yaml (format factoryfl-plant/v1, see "
            "common/data/FORMAT.md)",
)
DATA_SOURCES.add(
    "cmapss", "common.data.cmapss_source:load_cmapss", params="common.data.cmapss:CmapssParams",
    summary="NASA C-MAPSS turbofan run-to-failure data, one sub-set (fd001-fd004.npz) per site; windows of "
            "sequence_length cycles x 14 sensors (x 2 with baseline_cycles), operating-condition z-scoring, "
            "optional smoothing within each engine, target = capped RUL (task regression) and label = fails "
            "within failure_horizon cycles; test = the official test engines",
)

DATA_SOURCES.add(
    "tep", "common.data.tep:load_tep", params="common.data.tep:TepParams",
    summary="Tennessee Eastman process (revised, multimode), one operating mode (modeN.npz) per plant; windows of "
            "window.length rows x 53 variables, z-scored with the plant's own normal train rows; classes normal + "
            "idv01-idv28 (any subset); last test_fraction of every run = test; target: quality = soft sensor "
            "(regression of the 5 product analysers XMEAS(37..41) from 34 fast variables)",
)


def params_type(name: str) -> type[Any]:
    """The params dataclass of data source ``name`` (UnknownName if there is none)."""
    module_name, _, attribute = DATA_SOURCES.get(name).params.partition(":")
    return getattr(importlib.import_module(module_name), attribute)
