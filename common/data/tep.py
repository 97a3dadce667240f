"""Tennessee Eastman process (revised model, multimode): one operating mode = one plant.

Reads ``modeN.npz`` of the shared, raw data set (``../shared/datasets/tep_multimode``, see its
README; never copied into this repository): one run per class (``normal``, ``idv01`` ..
``idv28``), rows x 53 variables (XMEAS(1..41), XMV(1..12)) every 36 s.

Windows are ``(53, L)``: the variables are the channels, ``L = window.length`` rows; the train
stride is ``window.stride`` rows. Every run is split in time before windowing (the last
``window.test_fraction`` of its rows is the test split) and prepared as :mod:`.process` says:
each variable is z-scored with the plant's own ``normal`` run's train rows (label-free, so
modes, whose means differ by orders of magnitude, become comparable); the statistics are the
plant's ``preprocessing`` recipe.

Quirks of the data (README "Known quirks") and what this loader does about them:

* Faults are on from row 0 and a fault run is bit-identical to the normal run until row
  ``first_row_differs_from_normal``: windows ending before that row are dropped from the fault
  class (they are normal rows; labelling them normal would only duplicate the normal run's own
  windows). A run that never departs from normal (mode 1 ``idv16``) gives no window at all; the
  class stays in ``class_names`` (so every mode shares one label space) and is named in a
  warning and in the notes.
* Runs that tripped early are short: a split part shorter than one window gives no window; each
  class without a train or test window is named in a warning and in the notes.
* A mode whose file has no run of some IDV (its ``missing_classes``, or no key): with the default
  class list that plant's classes are the others (the federation learns the missing one from the
  plants that have it, by name); a class named explicitly must be in the file.
* ``target: quality`` (issue 18's soft sensor): a K = 5 output regression plant. Inputs are the
  fast variables XMEAS(1..22) and XMV(1..12) (34 channels; the analysers XMEAS(23..41) are left
  out), the target is the product analysers XMEAS(37..41), one window per analyser sample, aligned
  and offset as :mod:`common.soft_sensor.tep_quality` says (``window.stride`` does not apply);
  ``y`` keeps the class of the run each window comes from.
* Default classes: all 29 (``normal`` + ``idv01..idv28``), the task of issue 18; the weak faults
  (IDV 3, 9, 15, 21 ...) are kept because a plant cannot know beforehand which faults its model
  will miss, and the per-class table shows them.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from common.soft_sensor.tep_quality import FAST_COLUMNS, QUALITY_NAMES, quality_splits

from .errors import DataValidationError, raise_if_problems
from .locate import default_dir, find_file
from .paths import read_npz, resolve_existing
from .process import ZScore, fit_zscore, split_run_windows, train_rows
from .types import PlantData, WindowSet, recording_groups
from .windowing import WindowSpec

logger = logging.getLogger(__name__)

NORMAL_CLASS = "normal"
TEP_CLASSES: tuple[str, ...] = (NORMAL_CLASS,) + tuple(f"idv{i:02d}" for i in range(1, 29))
DEFAULT_TEP_DIR = default_dir("tep")
"""Where the loaders find the data set now (``common.data.locate``; for command-line defaults)."""
NUM_VARIABLES = 53


@dataclass(frozen=True)
class TepParams:
    """Which TEP mode file to read, which classes to use."""

    mode: int = 1  # reads mode{mode}.npz in data_dir
    data_dir: str | None = None  # the folder holding modeN.npz (default: found by name, docs/data.md)
    # the classes to use (default: normal and IDV 1–28, those the file holds), any subset and order
    classes: tuple[str, ...] = TEP_CLASSES
    # fault: classify the run (53 channels); quality: regress the product analysers XMEAS(37..41)
    # from the fast variables (task regression, K = 5 outputs; the scenario sets target_outputs: 5)
    target: Literal["fault", "quality"] = "fault"
    # hours at the start of the normal run that only set each variable's centre and scale (the reference
    # period) and give no window: no statistic of the plant's windows then shapes them, so the plant can
    # train with DP; the reference rows themselves are outside the DP guarantee. None: z-score with the
    # normal run's train rows (no DP)
    reference_hours: float | None = None

    def problems(self) -> list[str]:
        out: list[str] = []
        if self.reference_hours is not None:
            if isinstance(self.reference_hours, bool) or not isinstance(self.reference_hours, (int, float)) or not (
                    self.reference_hours > 0 and np.isfinite(self.reference_hours)):
                out.append(f"reference_hours must be a number of hours > 0, got {self.reference_hours!r}")
            elif self.target != "fault":
                out.append("reference_hours applies to target fault only (the soft-sensor plant also offsets its "
                           "targets by the normal run's mean): drop it")
        if not isinstance(self.mode, int) or self.mode < 1:
            out.append(f"mode must be an integer >= 1 (the file mode<N>.npz), got {self.mode!r}")
        if self.data_dir is not None and not self.data_dir.strip():
            out.append("data_dir is empty: point it to the folder holding modeN.npz, or leave it out to find "
                       "the data set by name (`factoryfl data fetch tep`)")
        if not self.classes:
            out.append(f"classes must not be empty: use e.g. {list(TEP_CLASSES)}")
        if len(set(self.classes)) != len(self.classes):
            dupes = sorted({c for c in self.classes if list(self.classes).count(c) > 1})
            out.append(f"classes contains duplicates {dupes}: list each class once")
        return out


def tep_file(params: TepParams, base_dir: Path) -> Path:
    """The ``modeN.npz`` file ``params`` names (DataValidationError naming the paths tried)."""
    if params.data_dir is None:
        return find_file("tep", f"mode{params.mode}.npz")
    folder = resolve_existing(params.data_dir, base_dir, "tep data_dir")
    path = Path(folder) / f"mode{params.mode}.npz"
    if not path.is_file():
        present = sorted(p.name for p in Path(folder).glob("mode*.npz")) if Path(folder).is_dir() else []
        raise DataValidationError([f"tep mode {params.mode}: {path} not found (files there: {present}): set mode "
                                   "to one of them or data_dir to the folder of the TEP multimode set"])
    return path


def _first_differs(name: str, run: np.ndarray, normal: np.ndarray, arrays: dict[str, np.ndarray]) -> int:
    """First row where ``run`` departs from the normal run (-1: never); from the file, else computed."""
    if name == NORMAL_CLASS:
        return 0
    if "first_row_differs_from_normal" in arrays and "classes" in arrays:
        names = [str(c) for c in arrays["classes"].tolist()]
        if name in names:
            return int(arrays["first_row_differs_from_normal"][names.index(name)])
    n = min(len(run), len(normal))
    differs = np.flatnonzero((run[:n] != normal[:n]).any(axis=1))
    return int(differs[0]) if differs.size else (n if len(run) > n else -1)


def _file_classes(path: Path, arrays: dict[str, np.ndarray], params: TepParams) -> tuple[TepParams, list[str]]:
    """``params`` with the default class list narrowed to the fault classes the file holds, and those
    it lacks. A mode whose file has no run of some IDV (listed in its ``missing_classes``, or no key)
    is a plant without that class: the federation learns it from the plants that have it. A class the
    scenario names explicitly must be in the file (``_runs`` says which are not)."""
    if tuple(params.classes) != TEP_CLASSES:
        return params, []
    absent = [name for name in TEP_CLASSES if name != NORMAL_CLASS and name not in arrays]
    if not absent:
        return params, []
    logger.warning("tep %s: no run of %s in the file (its missing_classes: %s): this plant's classes are the other "
                   "%d", path.name, absent, _listed_missing(arrays), len(TEP_CLASSES) - len(absent))
    return dataclasses.replace(params, classes=tuple(c for c in TEP_CLASSES if c not in absent)), absent


def _listed_missing(arrays: dict[str, np.ndarray]) -> list[str]:
    raw = arrays.get("missing_classes")
    return [] if raw is None else [str(c) for c in np.asarray(raw).ravel().tolist()]


def _runs(path: Path, arrays: dict[str, np.ndarray], params: TepParams) -> dict[str, np.ndarray]:
    problems: list[str] = []
    available = [k for k in arrays if k in TEP_CLASSES]
    wanted = tuple(dict.fromkeys((NORMAL_CLASS,) + tuple(params.classes)))
    missing = [name for name in wanted if name not in arrays]
    if missing:
        why = " (the normal run z-scores every variable)" if NORMAL_CLASS in missing else ""
        listed = [name for name in missing if name in _listed_missing(arrays)]
        if listed:
            why += f"; the file lists {listed} as missing: leave them out of classes"
        problems.append(f"classes: {path}: class key(s) {missing} not in file{why}; available: {available} "
                        "(a plant may take any subset, in any order)")
    for name in wanted:
        if name not in arrays:
            continue
        run = arrays[name]
        if run.ndim != 2 or run.shape[1] != NUM_VARIABLES or not np.issubdtype(run.dtype, np.floating):
            problems.append(f"{path}: key {name!r} must be rows x {NUM_VARIABLES} floats, got {run.dtype} {run.shape}")
        elif not bool(np.isfinite(run).all()):
            row = int(np.flatnonzero(~np.isfinite(run).all(axis=1))[0])
            problems.append(f"{path}: key {name!r} has NaN/Inf in row {row}: use a clean copy of the data set")
    raise_if_problems(problems, f"tep {path.name}")
    return {name: np.asarray(arrays[name]) for name in dict.fromkeys((NORMAL_CLASS,) + tuple(params.classes))}


def load_tep(plant_id: str, params: TepParams, window: WindowSpec, *, base_dir: Path = Path(".")) -> PlantData:
    """Load one TEP operating mode as one plant (see the module docstring)."""
    context = f"tep plant {plant_id!r}"
    problems = params.problems() + window.problems()
    for key in ("resample_to_hz", "samples_per_revolution"):
        if getattr(window, key) is not None:
            problems.append(f"window.{key} does not apply to source tep (rows every 36 s; window length and "
                            "stride count rows): unset it")
    raise_if_problems(problems, context)
    path = tep_file(params, base_dir)
    arrays = read_npz(path, "a TEP multimode modeN.npz")
    params, absent = _file_classes(path, arrays, params)
    runs = _runs(path, arrays, params)
    variables = tuple(str(v) for v in arrays["variables"].tolist()) if "variables" in arrays else tuple(
        f"v{i}" for i in range(NUM_VARIABLES))
    normal = runs[NORMAL_CLASS]
    reference = _reference_rows(params, arrays, normal, window, path)
    if reference:  # the reference period sets the scale and gives no window
        zscore = fit_zscore(normal[:reference], variables)
    else:
        zscore = fit_zscore(normal[:train_rows(normal, window.test_fraction)], variables)  # normal train rows
    if params.target == "quality":
        return _quality_plant(plant_id, params, window, path, arrays, runs, zscore, absent)

    xs_train, ys_train, xs_test, ys_test = [], [], [], []
    empty: dict[str, list[str]] = {"train": [], "test": []}
    never: list[str] = []
    for label, name in enumerate(params.classes):
        first = _first_differs(name, runs[name], normal, arrays)
        if first < 0:
            never.append(name)
            first = len(runs[name])  # every window ends before it: none is kept
        rows = runs[name][reference:] if name == NORMAL_CLASS else runs[name]
        train, test = split_run_windows(zscore.apply(rows), window.length, window.train_stride,
                                        window.test_fraction, first_valid_row=first)
        for split, got in (("train", train), ("test", test)):
            if len(got) == 0 and name not in never:
                empty[split].append(f"{name} ({len(runs[name])} rows)")
        xs_train.append(train)
        xs_test.append(test)
        ys_train.append(np.full(len(train), label, dtype=np.int64))
        ys_test.append(np.full(len(test), label, dtype=np.int64))
    if never:
        logger.warning("tep plant %s (%s): %s never depart from the normal run (bit-identical): no windows, "
                       "class kept in class_names only", plant_id, path.name, never)
    for split, names in empty.items():
        if names:
            logger.warning("tep plant %s (%s): no %s window of %d rows for %s", plant_id, path.name, split,
                           window.length, names)
    notes = (f"TEP multimode {path.name} (mode {params.mode}), {len(params.classes)} classes, windows of "
             f"{window.length} rows x {NUM_VARIABLES} variables ({_interval_h(arrays) * 3600:g} s per row), each run "
             f"split in time before windowing (last {window.test_fraction:g} = test); {zscore.describe()}; "
             "fault windows ending before the run departs from normal are dropped")
    interval_h = _interval_h(arrays)
    if reference:
        notes += (f"; reference period: the normal run's first {reference} rows ({reference * interval_h:g} h) set the "
                  "scale and give no window (outside the DP guarantee)")
    if absent:
        notes += f"; no run in the file (not this plant's classes): {absent}"
    if never:
        notes += f"; no windows (run identical to normal): {never}"
    for split, names in empty.items():
        if names:
            notes += f"; no {split} window (run too short): {names}"
    return PlantData(
        plant_id=plant_id,
        train=WindowSet(np.concatenate(xs_train), np.concatenate(ys_train), groups=recording_groups(xs_train)),
        test=WindowSet(np.concatenate(xs_test), np.concatenate(ys_test), groups=recording_groups(xs_test)),
        class_names=tuple(params.classes),
        sample_rate_hz=1.0 / (interval_h * 3600.0),
        source="tep",
        notes=notes,
        preprocessing=zscore.recipe(f"{path.name}: rows 0..{zscore.rows - 1} of 'normal'"
                                    + (" (reference period, no window)" if reference else "")),
        # the reference period's rows give no window: the windows share no statistic of one another
        cross_window_statistics="" if reference else (
            f"every variable z-scored with the mean/std of the plant's {zscore.rows} normal train rows (shared by "
            "all its windows)"),
    )


def _reference_rows(params: TepParams, arrays: dict[str, np.ndarray], normal: np.ndarray, window: WindowSpec,
                    path: Path) -> int:
    """Rows of the normal run's reference period (``reference_hours``; 0 without one). DataValidationError
    when too little of the normal run would be left for one train and one test window."""
    if params.reference_hours is None:
        return 0
    rows = int(round(params.reference_hours / _interval_h(arrays)))
    left = len(normal) - rows
    need = window.length + window.length  # at least one train and one test window after the split
    if rows < 2 or left * min(window.test_fraction, 1 - window.test_fraction) < window.length or left < need:
        raise DataValidationError([f"tep {path.name}: reference_hours {params.reference_hours:g} takes {rows} of the "
                                   f"normal run's {len(normal)} rows: at least 2 must set the scale and enough must "
                                   f"stay for a train and a test window of {window.length} rows; choose fewer hours"])
    return rows


def _interval_h(arrays: dict[str, np.ndarray]) -> float:
    return float(arrays["sample_interval_h"]) if "sample_interval_h" in arrays else 0.01


def _quality_plant(plant_id: str, params: TepParams, window: WindowSpec, path: Path, arrays: dict[str, np.ndarray],
                   runs: dict[str, np.ndarray], zscore: ZScore, absent: list[str]) -> PlantData:
    """``target: quality``: the soft-sensor plant (:mod:`common.soft_sensor.tep_quality`)."""
    normal = runs[NORMAL_CLASS]
    first = {name: _first_differs(name, runs[name], normal, arrays) for name in params.classes}
    try:
        splits = quality_splits({n: zscore.apply(r) for n, r in runs.items()}, runs, tuple(params.classes), first,
                                window.length, window.test_fraction)
    except ValueError as exc:
        raise DataValidationError([f"tep plant {plant_id!r} ({path.name}), target quality: {exc}"]) from None
    empty = {split: [n for n, c in splits.windows_per_class.items() if c[i] == 0 and first[n] >= 0]
             for i, split in enumerate(("train", "test"))}
    for split, names in empty.items():
        if names:
            logger.warning("tep plant %s (%s): no %s soft-sensor window of %d rows for %s", plant_id, path.name, split,
                           window.length, names)
    inputs = [zscore.variables[c] for c in FAST_COLUMNS]
    recipe = zscore.recipe(f"{path.name}: rows 0..{zscore.rows - 1} of 'normal'") | {
        "inputs": inputs, "target_names": list(QUALITY_NAMES),
        "target_offset": [float(v) for v in splits.normal_mean]}
    offset = np.round(splits.normal_mean, 4).tolist()
    notes = (f"TEP multimode {path.name} (mode {params.mode}), soft sensor: targets {list(QUALITY_NAMES)} (product "
             f"analysers, mol %, as deviations from the normal run's train mean {offset}), one window of "
             f"{window.length} rows per analyser sample (window.stride does not apply) from the "
             f"{len(inputs)} fast variables XMEAS(1..22), XMV(1..12), runs of {len(params.classes)} classes, each "
             f"split in time (last {window.test_fraction:g} = test); {zscore.describe()}")
    if absent:
        notes += f"; no run in the file: {absent}"
    for split, names in empty.items():
        if names:
            notes += f"; no {split} window: {names}"
    return PlantData(
        plant_id=plant_id,
        train=WindowSet(splits.x_train, splits.y_train, target=splits.target_train),
        test=WindowSet(splits.x_test, splits.y_test, target=splits.target_test),
        class_names=tuple(params.classes),
        sample_rate_hz=1.0 / (_interval_h(arrays) * 3600.0),
        source="tep",
        notes=notes,
        task="regression",
        target_name="product composition XMEAS(37..41), mol % deviation from normal",
        target_names=QUALITY_NAMES,
        preprocessing=recipe,
        cross_window_statistics=(f"every variable z-scored with the mean/std of the plant's {zscore.rows} normal "
                                 "train rows, targets offset by the normal run's train mean"),
    )
