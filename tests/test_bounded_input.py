"""Bounded parsing (issue 20): no scenario, manifest or data file ends in a traceback, a hang or a
huge allocation. Each test is one finding of the issue; each fails on the code before the fix.

Every refusal is the project's own error (ConfigError for scenarios, DataValidationError for plant
data) naming the file, the key / line / window and the fix.
"""

from __future__ import annotations

import dataclasses
import io
import time
import tracemalloc
import typing
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from common.config import ConfigError, Scenario, load_scenario
from common.data import (
    DataValidationError,
    DirectoryParams,
    SyntheticParams,
    WindowSpec,
    load_directory,
    load_synthetic,
)
from common.data import directory as directory_module

PLANT = "plants:\n  - {id: a, data: {source: synthetic, num_windows_per_class: 4}}\n"
BASE = "name: bounded\nwindow: {length: 64}\n" + PLANT
SMALL_MEMORY = 32 * 2**20  # bytes a refusal may allocate (Python and numpy, as tracemalloc sees them)


@contextmanager
def bounded(seconds: float = 2.0, memory: int = SMALL_MEMORY) -> Iterator[None]:
    """Assert the block takes under ``seconds`` and allocates under ``memory`` bytes at its peak."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < memory, f"allocated {peak / 2**20:.0f} MiB at its peak"


def scenario_error(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "scenario.yaml"
    path.write_text(text)
    with bounded():
        with pytest.raises(ConfigError) as info:
            load_scenario(path)
    assert str(path) in str(info.value), "the error must name the file"
    return info.value


def problem_under(err: ConfigError, key: str) -> str:
    matches = [p for p in err.problems if p.startswith(key)]
    assert matches, f"no problem under {key!r}: {err.problems}"
    return matches[0]


def alias_bomb(levels: int = 8, width: int = 9) -> str:
    """The "billion laughs" anchors: level k lists level k-1 ``width`` times (width**levels strings)."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for k in range(1, levels + 1):
        lines.append(f"l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- one YAML loader


def test_scenario_alias_bomb_is_refused_at_once(tmp_path):
    # the old loader expanded `name: *l8` (43 million strings) into its "expected text" message
    err = scenario_error(tmp_path, alias_bomb() + "name: *l8\n" + PLANT)
    assert err.problems == ["l0 (line 1): YAML aliases (&/*) are not allowed: write the values out"]


def test_manifest_alias_bomb_is_refused_at_once(tmp_path):
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "manifest.yaml").write_text(alias_bomb() + "format: *l8\n")
    with bounded():
        with pytest.raises(DataValidationError) as info:
            load_directory("p", DirectoryParams(str(plant)), WindowSpec(length=64))
    text = str(info.value)
    assert "manifest.yaml" in text and "line 1" in text and "YAML aliases (&/*) are not allowed" in text


def test_duplicate_key_is_refused_naming_key_and_both_lines(tmp_path):
    err = scenario_error(tmp_path, BASE + "federation:\n  rounds: 3\n  rounds: 50\n")
    line = problem_under(err, "federation.rounds (line 7)")
    assert "duplicate key 'rounds' (first at line 6)" in line


def test_duplicate_manifest_key_is_refused(tmp_path):
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "manifest.yaml").write_text("format: factoryfl-plant/v1\nchannels: 1\nchannels: 2\n")
    with pytest.raises(DataValidationError) as info:
        load_directory("p", DirectoryParams(str(plant)), WindowSpec(length=64))
    assert "channels (line 3): duplicate key 'channels' (first at line 2)" in str(info.value)


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_deep_nesting_is_refused(tmp_path, shape):
    if shape == "flow":
        nested = "model: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"
    else:
        nested = "model:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)) + "  " * 200 + "x: 1\n"
    err = scenario_error(tmp_path, BASE + nested)
    assert "nested deeper than 64 levels" in " ".join(err.problems)


def test_oversized_yaml_is_refused_before_parsing(tmp_path):
    text = BASE + "# " + "x" * (17 * 2**20) + "\n"
    err = scenario_error(tmp_path, text)
    assert "larger than 16 MiB" in err.problems[0]


def test_integer_beyond_64_bits_is_refused_not_a_traceback(tmp_path):
    err = scenario_error(tmp_path, BASE + "seed: 0x" + "f" * 5000 + "\n")
    assert "seed (line 5)" in err.problems[0] and "beyond 64 bits" in err.problems[0]


# ----------------------------------------------------------------------------- upper bounds


def test_huge_window_length_is_refused_naming_the_key(tmp_path):
    err = scenario_error(tmp_path, "name: x\nwindow: {length: 1000000000}\n" + PLANT)
    assert "<= 1048576" in problem_under(err, "window.length")


def test_huge_window_length_is_refused_by_the_synthetic_loader_before_allocating():
    with bounded():
        with pytest.raises(DataValidationError, match="window.length must be <= 1048576"):
            load_synthetic("p", SyntheticParams(), WindowSpec(length=10**9))


@pytest.mark.parametrize("where", ["synthetic_plants: {count: 2, num_windows_per_class: 100000000}",
                                   "plants:\n  - {id: a, data: {source: synthetic, num_windows_per_class: 100000000}}"])
def test_huge_windows_per_class_are_refused(tmp_path, where):
    err = scenario_error(tmp_path, "name: x\n" + where + "\n")
    key = "synthetic_plants" if where.startswith("synthetic") else "plants[0].data"
    assert "num_windows_per_class must be <= 1000000" in problem_under(err, f"{key}.num_windows_per_class")


def test_huge_windows_per_class_are_refused_by_the_synthetic_loader():
    with bounded():
        with pytest.raises(DataValidationError, match="num_windows_per_class must be <= 1000000"):
            load_synthetic("p", SyntheticParams(num_windows_per_class=10**8), WindowSpec())


def test_windows_that_would_not_fit_in_memory_are_refused_at_load(tmp_path):
    # each setting within its own bound, together ~8 TiB of windows
    err = scenario_error(tmp_path, "name: x\nwindow: {length: 1048576}\n"
                                   "synthetic_plants: {count: 3, num_windows_per_class: 1000000}\n")
    line = problem_under(err, "synthetic_plants: num_windows_per_class=1000000")
    assert "more than the 8.0 GiB limit" in line
    assert len(err.problems) == 1, "reported once for all generated plants"


def test_huge_synthetic_plant_count_is_refused_at_once(tmp_path):
    err = scenario_error(tmp_path, "name: x\nsynthetic_plants: {count: 100000000}\n")
    assert "count must be <= 100000" in problem_under(err, "synthetic_plants.count")


def test_tiny_test_fraction_cannot_hang_the_synthetic_loader():
    with bounded():
        with pytest.raises(DataValidationError, match="test_fraction"):
            load_synthetic("p", SyntheticParams(), WindowSpec(length=8, test_fraction=1e-12))


# ----------------------------------------------------------------------------- finite floats


def _float_keys(cls: type, prefix: str = "") -> Iterator[str]:
    """Dotted keys of every float setting (float or float | None) reachable from ``cls``."""
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        if field.name in ("plants", "source_file", "base_dir"):
            continue
        tp = hints[field.name]
        args = [a for a in typing.get_args(tp) if a is not type(None)] if typing.get_origin(tp) in (
            typing.Union, __import__("types").UnionType) else [tp]
        key = f"{prefix}{field.name}"
        if float in args:
            yield key
        for arg in args:
            if dataclasses.is_dataclass(arg):
                yield from _float_keys(arg, key + ".")


FLOAT_KEYS = sorted(_float_keys(Scenario))


def _nested(key: str, value: str) -> str:
    parts = key.split(".")
    return "".join("  " * i + part + ":\n" for i, part in enumerate(parts[:-1])) + \
        "  " * (len(parts) - 1) + f"{parts[-1]}: {value}\n"


def test_every_float_setting_is_found():
    assert {"federation.training.learning_rate", "federation.max_update_norm",
            "privacy.max_grad_norm", "simulation.gpus_per_plant"} <= set(FLOAT_KEYS)


@pytest.mark.parametrize("key", FLOAT_KEYS)
@pytest.mark.parametrize("value", [".inf", "-.inf", "1.0e+400", "'-inf'"])
def test_every_float_setting_must_be_finite(tmp_path, key, value):
    err = scenario_error(tmp_path, "name: bounded\n" + PLANT + _nested(key, value))
    assert "finite" in problem_under(err, key + ":")


# ----------------------------------------------------------------------------- plant ids and names


@pytest.mark.parametrize("plant_id", ["..", ".", "../escape", "a/b", "", " a", "-a", "é", "x" * 65])
def test_unsafe_plant_ids_are_refused(tmp_path, plant_id):
    err = scenario_error(tmp_path, f"name: x\nplants:\n  - {{id: {plant_id!r}, data: {{source: synthetic}}}}\n")
    assert "is not a valid plant id" in problem_under(err, "plants[0].id")


def test_unsafe_generated_ids_are_refused(tmp_path):
    err = scenario_error(tmp_path, "name: x\nsynthetic_plants: {count: 2, id_prefix: ../}\n")
    assert "cannot name a plant" in problem_under(err, "synthetic_plants.id_prefix")


def test_plant_id_pattern_is_the_deployed_one():
    from client.node_config import PLANT_ID_PATTERN as deployed
    from common.config.schema import PLANT_ID_PATTERN

    assert PLANT_ID_PATTERN.pattern == deployed.pattern
    assert not PLANT_ID_PATTERN.match("..") and not PLANT_ID_PATTERN.match(".")


def test_scenario_name_cannot_leave_the_runs_folder(tmp_path):
    err = scenario_error(tmp_path, "name: ../../elsewhere\n" + PLANT)
    assert "without '/'" in problem_under(err, "name")


# ----------------------------------------------------------------------------- plant data directories


def _manifest(files: list[dict[str, Any]], **extra: Any) -> str:
    body = {"format": "factoryfl-plant/v1", "sample_rate_hz": 12000, "channels": 1,
            "classes": ["normal", "fault"], "kind": "signals", "files": files, **extra}
    return yaml.safe_dump(body, sort_keys=False)


def _signal_dir(tmp_path: Path, first: str, **extra: Any) -> Path:
    """A plant directory whose first file is named ``first`` (the second is a valid rec2.npy)."""
    plant = tmp_path / "plant"
    plant.mkdir(exist_ok=True)
    rng = np.random.default_rng(0)
    np.save(plant / "rec2.npy", rng.standard_normal(4096).astype(np.float32))
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    np.save(outside / "secret.npy", rng.standard_normal(4096).astype(np.float32))
    (plant / "manifest.yaml").write_text(_manifest([{"file": first, "label": "normal"},
                                                    {"file": "rec2.npy", "label": "fault"}], **extra))
    return plant


DATA_ERROR_WINDOW = WindowSpec(length=64)


def _data_error(plant: Path, window: WindowSpec = DATA_ERROR_WINDOW) -> str:
    with pytest.raises(DataValidationError) as info:
        load_directory("p", DirectoryParams(str(plant)), window)
    return str(info.value)


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_manifest_paths_stay_inside_the_directory(tmp_path, how):
    secret = tmp_path / "outside" / "secret.npy"
    first = {"absolute": str(secret), "dotdot": "../outside/secret.npy", "symlink": "linked.npy"}[how]
    plant = _signal_dir(tmp_path, first)
    if how == "symlink":
        (plant / "linked.npy").symlink_to(secret)
    text = _data_error(plant)
    assert f"files[0].file {first!r}" in text
    assert "outside the plant directory" in text or "climbs out of the plant directory with '..'" in text
    assert "relative to that directory" in text


def test_symlink_inside_the_directory_is_fine(tmp_path):
    plant = _signal_dir(tmp_path, "linked.npy")
    (plant / "sub").mkdir()
    np.save(plant / "sub" / "real.npy", np.random.default_rng(1).standard_normal(4096).astype(np.float32))
    (plant / "linked.npy").symlink_to(plant / "sub" / "real.npy")
    data = load_directory("p", DirectoryParams(str(plant)), WindowSpec(length=64))
    assert len(data.train) > 0


def test_preprocessing_recipe_stays_inside_the_directory(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "recipe.json").write_text("{}")
    plant = _signal_dir(tmp_path, "rec1.npy", preprocessing="../outside/recipe.json")
    np.save(plant / "rec1.npy", np.zeros(4096, dtype=np.float32))
    text = _data_error(plant)
    assert "key 'preprocessing' '../outside/recipe.json' climbs out of the plant directory" in text


def _header_only(shape: tuple[int, ...], descr: str = "<f4") -> bytes:
    """A .npy header declaring ``shape`` with no data behind it."""
    buffer = io.BytesIO()
    np.lib.format.write_array_header_2_0(buffer, {"descr": descr, "fortran_order": False, "shape": shape})
    return buffer.getvalue()


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def _windows_dir(tmp_path: Path, members: dict[str, bytes]) -> Path:
    plant = tmp_path / "plant"
    plant.mkdir(exist_ok=True)
    with zipfile.ZipFile(plant / "w.npz", "w") as archive:
        for name, data in members.items():
            archive.writestr(f"{name}.npy", data)
    (plant / "manifest.yaml").write_text(_manifest([{"file": "w.npz"}], kind="windows"))
    return plant


def test_npz_declaring_a_tebibyte_is_refused_from_its_header(tmp_path):
    tib = (2**28, 1, 1024)  # float32: 2**40 bytes
    plant = _windows_dir(tmp_path, {"x": _header_only(tib), "y": _npy_bytes(np.zeros(4, dtype=np.int64))})
    with bounded():
        text = _data_error(plant, WindowSpec(length=1024))
    assert "w.npz (files[0])" in text and "1.0 TiB" in text and "array 'x'" in text
    assert "keep fewer or shorter" in text


def test_npy_recording_declaring_a_tebibyte_is_refused_from_its_header(tmp_path):
    plant = _signal_dir(tmp_path, "rec1.npy")
    (plant / "rec1.npy").write_bytes(_header_only((2**38,), "<f4"))
    with bounded():
        text = _data_error(plant)
    assert "rec1.npy (files[0])" in text and "1.0 TiB" in text


def test_declared_size_is_also_checked_against_available_memory(tmp_path):
    from common.data.signal_files import declared_size_problem

    path = tmp_path / "x.npy"
    np.save(path, np.zeros(1000, dtype=np.float64))
    assert declared_size_problem(path, "files[0]", limit=10**6) is None
    assert "7.8 KiB" in declared_size_problem(path, "files[0]", limit=4096)


def test_float64_beyond_float32_range_is_named_as_such(tmp_path):
    x = np.random.default_rng(0).standard_normal((6, 1, 64))
    x[2, 0, 5] = 1e300
    plant = _windows_dir(tmp_path, {"x": _npy_bytes(x), "y": _npy_bytes(np.array([0, 1, 0, 1, 0, 1]))})
    text = _data_error(plant)
    assert "w.npz (files[0])" in text and "values beyond float32 range" in text and "window 2" in text
    assert "NaN/Inf" not in text


def test_float64_recording_beyond_float32_range_is_named_as_such(tmp_path):
    plant = _signal_dir(tmp_path, "rec1.npy")
    sig = np.random.default_rng(0).standard_normal(4096)
    sig[100] = -1e300
    np.save(plant / "rec1.npy", sig)
    text = _data_error(plant)
    assert "rec1.npy (files[0])" in text and "values beyond float32 range" in text and "sample index 100" in text


def test_csv_beyond_float32_range_is_named_as_such(tmp_path):
    plant = _signal_dir(tmp_path, "rec1.csv")
    (plant / "rec1.csv").write_text("accel\n" + "0.5\n" * 10 + "1e300\n" + "0.25\n" * 4000)
    text = _data_error(plant)
    assert "rec1.csv (files[0])" in text and "values beyond float32 range" in text
    assert "at data row 10 (line 12" in text


def test_npz_holding_one_array_is_a_data_error(tmp_path):
    plant = _windows_dir(tmp_path, {})
    np.save(plant / "w.npy", np.zeros((4, 1, 64), dtype=np.float32))
    (plant / "w.npy").rename(plant / "w.npz")
    assert "holds one array, not a .npz archive" in _data_error(plant)


def test_npz_with_no_windows_is_a_data_error(tmp_path):
    plant = _windows_dir(tmp_path, {"x": _npy_bytes(np.zeros((0, 1, 64), dtype=np.float32)),
                                    "y": _npy_bytes(np.zeros(0, dtype=np.int64))})
    assert "no labelled test windows" in _data_error(plant)


def test_manifest_sample_rate_must_be_finite(tmp_path):
    plant = _signal_dir(tmp_path, "rec1.npy")
    np.save(plant / "rec1.npy", np.zeros(4096, dtype=np.float32))
    text = (plant / "manifest.yaml").read_text().replace("sample_rate_hz: 12000", "sample_rate_hz: .inf")
    (plant / "manifest.yaml").write_text(text)
    assert "key 'sample_rate_hz' must be a positive number" in _data_error(plant)


def test_overlapping_windows_beyond_memory_are_refused_before_cutting(tmp_path, monkeypatch):
    plant = _signal_dir(tmp_path, "rec1.npy")
    np.save(plant / "rec1.npy", np.zeros(20000, dtype=np.float32))
    monkeypatch.setattr(directory_module, "memory_limit", lambda: 2**20)  # stride 1: 16 MB of windows
    text = _data_error(plant, WindowSpec(length=256, stride=1))
    assert "rec1.npy (files[0])" in text and "raise window.stride" in text


def test_oversized_csv_is_refused_before_reading(tmp_path, monkeypatch):
    from common.data import signal_files

    plant = _signal_dir(tmp_path, "rec1.csv")
    (plant / "rec1.csv").write_text("accel\n" + "0.5\n" * 4096)
    monkeypatch.setattr(signal_files, "MAX_CSV_BYTES", 1024)
    assert "save the recording as .npy" in _data_error(plant)


def test_window_files_together_beyond_memory_are_refused_before_loading(tmp_path, monkeypatch):
    plant = tmp_path / "plant"
    plant.mkdir()
    x = np.zeros((64, 1, 64), dtype=np.float32)  # 16 KiB each
    for name in ("a", "b"):
        np.savez(plant / f"{name}.npz", x=x, y=np.zeros(64, dtype=np.int64))
    (plant / "manifest.yaml").write_text(_manifest([{"file": "a.npz"}, {"file": "b.npz"}], kind="windows"))
    monkeypatch.setattr(directory_module, "memory_limit", lambda: 40 * 2**10)
    text = _data_error(plant)
    assert "manifest.yaml: key 'files' lists window files declaring" in text and "once joined" in text


def test_windowing_refuses_a_stride_that_would_not_fit_in_memory_before_copying():
    """Stride 1 multiplies a recording by the window length: 3 M samples into 4096-sample windows
    would need ~46 GiB; refused at once, naming the settings to change."""
    import time

    from common.data.windowing import cut_windows

    started = time.perf_counter()
    with pytest.raises(DataValidationError, match=r"raise window\.stride"):
        cut_windows(np.zeros(3_000_000, np.float32), 4096, 1)
    assert time.perf_counter() - started < 2.0
    assert cut_windows(np.zeros(5000, np.float32), 1024, 512).shape == (8, 1, 1024)
