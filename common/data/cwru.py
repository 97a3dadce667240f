"""Real CWRU bearing data (the shared 12 kHz drive-end set, or loadN.npz files of its layout): one load = one plant.

Reads one ``loadN.npz`` of the shared, raw data set (see ``/work/shared/datasets/README.md``;
never copied into this repository). Each class key holds one continuous 1-D record. Per
class the record is split in time (first ``1 - test_fraction`` train, rest test), then
cut into windows (train stride from the WindowSpec, test non-overlapping).

Two honest class sets exist, because the normal record is only available at 0 HP:

* default: the 9-class fault-only task (IR/B/OR x 007/014/021), complete at all loads;
* 10-class: add ``normal``, available only in ``load0.npz`` (record 97). The record is
  cut into ``normal_parts`` disjoint contiguous parts and this plant takes part
  ``normal_part``, so plants sharing the record never share its samples. A load file
  without a normal record takes it from ``normal_path`` (default: ``load0.npz`` next to
  ``path``). Record 97 is reportedly sampled at 48 kHz although it is used with the
  12 kHz faults.
"""

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DataValidationError, raise_if_problems
from .locate import default_dir, find_file
from .paths import read_npz, resolve_existing
from .types import PlantData, WindowSet, recording_groups
from .windowing import WindowSpec, at_rate, cut_windows, min_split_samples, output_rate, split_recording

logger = logging.getLogger(__name__)

CWRU_FAULT_CLASSES: tuple[str, ...] = (
    "IR007", "B007", "OR007", "IR014", "B014", "OR014", "IR021", "B021", "OR021",
)
NORMAL_CLASS = "normal"
DEFAULT_CWRU_DIR = default_dir("cwru")
"""Where the loaders find the data set now (``common.data.locate``; for command-line defaults)."""

_METADATA_KEYS = frozenset({
    "classes", "file_numbers", "rpm_in_file", "lengths", "load_hp", "nominal_rpm", "fs_hz",
    "channel", "missing_classes", "missing_file_numbers",
})


@dataclass(frozen=True)
class CwruParams:
    """Which CWRU load file to read and which classes to use."""

    path: str = ""  # one loadN.npz file; leave it out to name the load instead
    load: int | None = None  # motor load 0-3 (HP): reads loadN.npz of the data set found by name (docs/data.md)
    data_dir: str | None = None  # with load: the folder holding loadN.npz (default: found by name, docs/data.md)
    # the classes to use, any subset and order (default: the 9 fault classes, those the file holds)
    classes: tuple[str, ...] = CWRU_FAULT_CLASSES
    normal_part: int | None = None  # which disjoint part of the normal record this plant takes
    normal_parts: int = 4  # into how many parts the normal record is cut
    # file holding the normal record when ``path`` lacks it; None = load0.npz beside path
    normal_path: str | None = None

    def problems(self) -> list[str]:
        out: list[str] = []
        if not self.path.strip() and self.load is None:
            out.append("neither path nor load is set: name the motor load (load: 0-3; the data set is found by "
                       "name, `factoryfl data fetch cwru`) or point path to one loadN.npz")
        if self.path.strip() and (self.load is not None or self.data_dir is not None):
            out.append("path and load/data_dir are both set: give either path (one loadN.npz) or load (and "
                       "optionally data_dir), not both")
        if self.load is not None and (not isinstance(self.load, int) or not 0 <= self.load <= 3):
            out.append(f"load must be an integer motor load 0, 1, 2 or 3 (HP), got {self.load!r}")
        if not self.classes:
            out.append(f"classes must not be empty: use e.g. {list(CWRU_FAULT_CLASSES)}")
        if len(set(self.classes)) != len(self.classes):
            out.append(f"classes contains duplicates: {list(self.classes)}")
        if self.normal_parts < 1:
            out.append(f"normal_parts must be >= 1, got {self.normal_parts}")
        if NORMAL_CLASS in self.classes:
            if self.normal_part is None:
                out.append(
                    "classes includes 'normal' but normal_part is not set: in the shared set only load0.npz has "
                    "the normal record (97); set normal_part to this plant's part (0..normal_parts-1) so plants "
                    "get disjoint parts (a load file with its own normal record, used by this plant alone: "
                    "normal_parts: 1, normal_part: 0), or drop 'normal' for the 9-class fault-only task"
                )
            elif not 0 <= self.normal_part < max(self.normal_parts, 1):
                out.append(
                    f"normal_part must be in [0, {self.normal_parts - 1}] (normal_parts={self.normal_parts}), "
                    f"got {self.normal_part}"
                )
        return out


def _first_nonfinite(signal: np.ndarray) -> int | None:
    bad = np.flatnonzero(~np.isfinite(signal))
    return int(bad[0]) if bad.size else None




def _resolve_file(raw: str, base_dir: Path, field: str, problems: list[str]) -> Path | None:
    try:
        path = resolve_existing(raw, base_dir, field)
    except DataValidationError as exc:
        problems.extend(exc.problems)
        return None
    if path.is_dir():
        problems.append(f"{field} {path} is a directory: point it to one loadN.npz file inside it")
        return None
    return path


def _normal_source(
    path: Path, arrays: dict[str, np.ndarray], params: CwruParams, base_dir: Path, problems: list[str]
) -> tuple[Path, dict[str, np.ndarray]] | None:
    """Where the normal record comes from: ``path`` itself, else ``normal_path`` / load0.npz beside it."""
    if params.normal_path is None and NORMAL_CLASS in arrays:
        return path, arrays
    raw = params.normal_path if params.normal_path is not None else str(path.parent / "load0.npz")
    normal_file = _resolve_file(raw, base_dir, "cwru normal_path", problems)
    if normal_file is None:
        return None
    if normal_file == path:
        return path, arrays
    try:
        normal_arrays = read_npz(normal_file, "a CWRU loadN.npz")
    except DataValidationError as exc:
        problems.extend(exc.problems)
        return None
    if NORMAL_CLASS not in normal_arrays:
        problems.append(
            f"{normal_file}: key 'normal' not in file (needed for class 'normal' of {path.name}); available "
            f"class keys: {[k for k in normal_arrays if k not in _METADATA_KEYS]}: set normal_path to load0.npz"
        )
        return None
    return normal_file, normal_arrays


def load_cwru(plant_id: str, params: CwruParams, window: WindowSpec, *, base_dir: Path = Path(".")) -> PlantData:
    """Load one CWRU motor load as one plant (see the module docstring for the class options)."""
    context = f"cwru plant {plant_id!r}"
    problems = params.problems() + window.problems()
    path = _resolve_file(params.path, base_dir, "cwru path", problems) if params.path.strip() else None
    if path is None and not problems:  # named by load: found by the data set's name
        try:
            folder = None if params.data_dir is None else resolve_existing(params.data_dir, base_dir, "cwru data_dir")
            path = find_file("cwru", f"load{params.load}.npz", folder)  # problems() ensured load is set
        except DataValidationError as exc:
            problems.extend(exc.problems)
    raise_if_problems(problems, context)
    assert path is not None  # an unresolved path always adds a problem above
    arrays = read_npz(path, "a CWRU loadN.npz")
    available = [k for k in arrays if k not in _METADATA_KEYS]
    params = _file_classes(path, arrays, params)

    if "fs_hz" not in arrays:
        problems.append(f"{path}: key 'fs_hz' (sample rate) missing: use the CWRU npz from the shared data set")
    normal_from: Path | None = None
    normal_arrays: dict[str, np.ndarray] = {}
    records: dict[str, np.ndarray] = {}
    for name in params.classes:
        src_path, src_arrays = path, arrays
        if name == NORMAL_CLASS:
            found = _normal_source(path, arrays, params, base_dir, problems)
            if found is None:
                continue
            src_path, src_arrays = found
            normal_from, normal_arrays = src_path, src_arrays
        elif name not in arrays:
            problems.append(f"classes: {path}: class key {name!r} not in file; available class keys: {available} "
                            f"(a plant may take any subset, in any order, plus {NORMAL_CLASS!r})")
            continue
        sig = np.asarray(src_arrays[name])
        if sig.ndim != 1 or not np.issubdtype(sig.dtype, np.floating):
            problems.append(f"{src_path}: key {name!r} must be a 1-D float record, got {sig.dtype} {sig.shape}")
            continue
        bad = _first_nonfinite(sig)
        if bad is not None:
            problems.append(f"{src_path}: key {name!r} has a NaN/Inf value at sample index {bad}: use a clean copy")
            continue
        if name == NORMAL_CLASS and params.normal_part is not None:
            part_len = sig.size // params.normal_parts
            sig = sig[params.normal_part * part_len:(params.normal_part + 1) * part_len]
        sig, _ = at_rate(sig, _record_rate(src_arrays, arrays), _record_window(src_arrays, arrays, window),
                         _shaft_hz(src_arrays))
        if sig.size < min_split_samples(window):
            problems.append(
                f"{src_path}: key {name!r} has {sig.size} usable samples, too few for one train and one test "
                f"window of {window.length} at test_fraction {window.test_fraction}: shorten the window"
                + (" or use fewer normal_parts" if name == NORMAL_CLASS else "")
            )
            continue
        records[name] = sig
    raise_if_problems(problems, context)

    xs_train, ys_train, xs_test, ys_test = [], [], [], []
    for label, name in enumerate(params.classes):
        train_part, test_part = split_recording(records[name], window.test_fraction)
        xs_train.append(cut_windows(train_part, window.length, window.train_stride))
        xs_test.append(cut_windows(test_part, window.length, window.length))
        ys_train.append(np.full(xs_train[-1].shape[0], label, dtype=np.int64))
        ys_test.append(np.full(xs_test[-1].shape[0], label, dtype=np.int64))

    return PlantData(
        plant_id=plant_id,
        train=WindowSet(np.concatenate(xs_train), np.concatenate(ys_train), groups=recording_groups(xs_train)),
        test=WindowSet(np.concatenate(xs_test), np.concatenate(ys_test), groups=recording_groups(xs_test)),
        class_names=tuple(params.classes),
        sample_rate_hz=output_rate(float(arrays["fs_hz"]), window, _shaft_hz(arrays)),
        source="cwru",
        notes=_notes(path, arrays, params, normal_from, normal_arrays),
        shaft_speed_rpm=float(arrays["nominal_rpm"]) if "nominal_rpm" in arrays else None,
    )


def _file_classes(path: Path, arrays: dict[str, np.ndarray], params: CwruParams) -> CwruParams:
    """``params`` with the default class list narrowed to the fault classes the file holds. A load
    file without some record (a sensor position or rate where that fault was not recorded, listed in
    its ``missing_classes``) is a plant without that class: the federation learns it from the plants
    that have it, by name. A class the scenario names explicitly must be in the file."""
    if tuple(params.classes) != CWRU_FAULT_CLASSES:
        return params
    absent = [name for name in CWRU_FAULT_CLASSES if name not in arrays]
    if not absent or len(absent) == len(CWRU_FAULT_CLASSES):
        return params   # none missing, or none there at all: the usual error names the keys it has
    logger.warning("cwru %s: no record of %s in the file: this plant's classes are the other %d", path.name,
                   absent, len(CWRU_FAULT_CLASSES) - len(absent))
    return dataclasses.replace(params, classes=tuple(c for c in CWRU_FAULT_CLASSES if c not in absent))


def _record_rate(src_arrays: dict[str, np.ndarray], arrays: dict[str, np.ndarray]) -> float:
    """The rate a record was sampled at: its own file's ``fs_hz`` (the normal record may come from
    another file), else the plant file's."""
    return float(src_arrays["fs_hz"]) if "fs_hz" in src_arrays else float(arrays["fs_hz"])


def _record_window(src_arrays: dict[str, np.ndarray], arrays: dict[str, np.ndarray], window: WindowSpec) -> WindowSpec:
    """How a record is brought to the plant's rate: the window's own rule when it sets one; else a record
    from a file at another rate (the shared normal record for a plant at 48 kHz) is resampled to the
    plant file's rate, so all its windows are at one rate."""
    if window.resample_to_hz is not None or window.samples_per_revolution is not None:
        return window
    rate, plant_rate = _record_rate(src_arrays, arrays), float(arrays["fs_hz"])
    return window if abs(rate - plant_rate) <= 1e-9 * plant_rate else dataclasses.replace(window,
                                                                                          resample_to_hz=plant_rate)


def _shaft_hz(arrays: dict[str, np.ndarray]) -> float | None:
    """The record's shaft speed in Hz from its file's nominal speed (order tracking), or None."""
    return float(arrays["nominal_rpm"]) / 60.0 if "nominal_rpm" in arrays else None


def _normal_record(normal_arrays: dict[str, np.ndarray]) -> str:
    """The normal record's number as its file lists it ("" when it does not)."""
    if "classes" in normal_arrays and "file_numbers" in normal_arrays:
        by_class = dict(zip(normal_arrays["classes"].tolist(), normal_arrays["file_numbers"].tolist()))
        if NORMAL_CLASS in by_class:
            return f" {by_class[NORMAL_CLASS]}"
    return ""


def _notes(path: Path, arrays: dict[str, np.ndarray], params: CwruParams, normal_from: Path | None,
           normal_arrays: dict[str, np.ndarray] | None = None) -> str:
    load = int(arrays["load_hp"]) if "load_hp" in arrays else "?"
    rpm = int(arrays["nominal_rpm"]) if "nominal_rpm" in arrays else "?"
    numbers = ""
    if "classes" in arrays and "file_numbers" in arrays:
        by_class = dict(zip(arrays["classes"].tolist(), arrays["file_numbers"].tolist()))
        numbers = ", records " + ", ".join(f"{c}={by_class[c]}" for c in params.classes if c in by_class)
    rate = f"{float(arrays['fs_hz']) / 1000:g} kHz" if "fs_hz" in arrays else "? kHz"
    channel = str(arrays["channel"]) if "channel" in arrays else "?"
    text = f"CWRU {rate} {channel}, {path.name}: load {load} HP, nominal {rpm} rpm{numbers}; "
    if NORMAL_CLASS in params.classes:
        normal_arrays = normal_arrays or {}
        record = _normal_record(normal_arrays)
        text += (f"{len(params.classes)}-class task with 'normal': part {params.normal_part} of "
                 f"{params.normal_parts} disjoint contiguous parts of normal record{record} from {normal_from}")
        if record.strip() == "97":
            text += (" (the shared set's only normal record; record 97 is reportedly sampled at 48 kHz although "
                     "used with the 12 kHz faults)")
        if normal_arrays and "fs_hz" in arrays and _record_rate(normal_arrays, arrays) != float(arrays["fs_hz"]):
            text += (f" (recorded at {_record_rate(normal_arrays, arrays) / 1000:g} kHz, brought to the plant's rate "
                     "before windowing)")
        text += "; "
    elif set(params.classes) == set(CWRU_FAULT_CLASSES):
        text += "9-class fault-only task (no normal class; complete at all four loads); "
    else:
        missing = [c for c in CWRU_FAULT_CLASSES if c not in arrays]
        text += f"class subset {list(params.classes)}" + (f" (no record of {missing} in the file)" if missing
                                                           else "") + "; "
    text += "each record split in time before windowing (train first, test last)"
    return text
