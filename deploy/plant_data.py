"""Write one scenario plant's windows as a plant data directory (``factoryfl-plant/v1``, kind windows),
with their regression targets and the source's preprocessing recipe where it has them (C-MAPSS).

For demos and tests of a deployment: the plant then reads exactly the windows it would have
had in simulation, from its own disk, through the ``directory`` data source.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from common.config import load_scenario
from common.config.parse import ConfigError
from common.data import load_plant_data
from common.fileio import atomic_file, atomic_write_json, atomic_write_text
from common.task import DEFAULT_TASK

PREPROCESSING_FILE = "preprocessing.json"


def export_plant_dir(scenario_path: Path, plant_id: str, out_dir: Path) -> Path:
    """Write manifest.yaml + windows.npz for ``plant_id`` of the scenario into ``out_dir``."""
    from client.loader import window_spec

    scenario = load_scenario(scenario_path)
    plants = {p.id: p for p in scenario.plants}
    if plant_id not in plants:
        raise ConfigError(str(scenario_path), [f"--plant {plant_id!r}: no such plant in this scenario; its plants "
                                               f"are {sorted(plants)}"])
    spec = plants[plant_id]
    data = load_plant_data(spec.data.source, spec.id, spec.data.params, window_spec(scenario), Path(scenario.base_dir))
    out_dir = Path(out_dir)
    x = np.concatenate([data.train.x, data.test.x]).astype(np.float32)
    y = np.concatenate([data.train.y, data.test.y]).astype(np.int64)
    split = np.array(["train"] * len(data.train) + ["test"] * len(data.test))
    arrays: dict[str, np.ndarray] = {"x": x, "y": y, "split": split}
    if data.train.target is not None and data.test.target is not None:  # regression targets (e.g. RUL) travel too
        arrays["target"] = np.concatenate([data.train.target, data.test.target]).astype(np.float32)
    with atomic_file(out_dir / "windows.npz") as handle:  # a full disk leaves no half-written archive
        np.savez(handle, **arrays)  # type: ignore[arg-type]  # numpy types **kwds as allow_pickle too
    manifest = {"format": "factoryfl-plant/v1", "plant": plant_id,
                "notes": f"exported from {Path(scenario_path).name} ({spec.data.source})",
                "sample_rate_hz": float(data.sample_rate_hz), "channels": int(data.channels),
                "classes": list(data.class_names), "kind": "windows", "files": [{"file": "windows.npz"}]}
    if data.task != DEFAULT_TASK:  # the manifest names any other task
        manifest.update({"task": data.task, "target_name": data.target_name})
    if data.preprocessing is not None:  # how raw records become these windows, for `factoryfl predict`
        atomic_write_json(out_dir / PREPROCESSING_FILE, data.preprocessing)
        manifest["preprocessing"] = PREPROCESSING_FILE
    # last: a directory with a manifest is complete
    atomic_write_text(out_dir / "manifest.yaml", yaml.safe_dump(manifest, sort_keys=False))
    return out_dir
