"""Bring-your-own-data source: one plant's data in a directory with a ``manifest.yaml``.

Format ``factoryfl-plant/v1`` (also in ``common/data/FORMAT.md``)
=================================================================

A plant directory holds ``manifest.yaml`` plus the data files it lists; file names are
relative to the directory::

    format: factoryfl-plant/v1     # required, exactly this string
    plant: my-plant                # optional, informational
    notes: "line 3, sensor A"      # optional, free text copied into PlantData.notes
    sample_rate_hz: 12000          # required, > 0
    channels: 1                    # required, integer >= 1
    classes: [normal, inner_race, outer_race]   # required, unique names; label i = classes[i]
    kind: signals                  # required: signals | windows
    files:                         # required, non-empty
      - {file: rec1.npy, label: normal}
      - {file: rec2.csv, label: inner_race}
      - {file: rec3.npy}           # no label: an unlabelled recording

``kind: signals`` -- each entry is one continuous recording of one condition:

* ``.npy``: shape (T,) for one channel or (C, T); real numbers.
* ``.csv``: T rows by C comma-separated columns, optional header row, blank lines ignored.
* ``label`` (optional) must be one of ``classes``. A labelled recording is split IN TIME
  (first ``1 - test_fraction`` for training, the rest for testing) before windowing, so
  overlapping training windows never share samples with test windows; test windows do not
  overlap. An unlabelled recording goes entirely to the training split (label -1), since
  the test split must be labelled. It needs at least one window; a labelled one needs one
  window on each side of the split.

``kind: windows`` -- pre-cut windows; entries are ``{file: windows.npz}`` (no ``label``), each
holding ``x`` (N, C, L) real, ``y`` (N,) integer class index (-1 = unlabelled) and
optionally ``split`` (N,) of ``"train"`` / ``"test"`` (test windows must be labelled) and
``target`` (N,) real regression targets (NaN = none; required with manifest ``task: regression``,
finite on test windows; the manifest may also give ``target_name`` and a ``preprocessing`` JSON
recipe file for raw records, e.g. C-MAPSS engine cycles). L must
equal the configured window length. Without ``split`` the labelled windows are split at
random, stratified per class, with a fixed seed; this assumes the windows do not overlap --
if they do, neighbours leak into the test split and you must supply ``split`` yourself
(e.g. by time). Unlabelled windows always go to training.

``kind: table`` -- process runs as CSV files with a header, one ``time`` column (``{column, unit}``)
and the ``variables`` columns (the channels); time must increase regularly (the interval is read
from it); every variable is z-scored with the ``normal_class``'s train rows (or, with ``scaling``,
with a centre and scale fixed in advance, which DP needs) and windows are cut as the ``tep``
source cuts them (:mod:`.process`, :mod:`.table_files`; FORMAT.md).

Checks: unknown and missing manifest keys, wrong types, missing or unreadable files, NaN/Inf
(first row / sample / window index), channel count vs ``channels``, window length, labels not
in ``classes`` or out of range (naming the row), recordings shorter than a window. All
problems are collected and raised together in one DataValidationError.

Bounds (issue 20): the manifest is read by ``common.config.yaml_safe`` (no aliases, no duplicate
keys, size and depth capped); every listed file must lie inside the directory (no absolute path,
no ``..``, no symlink out of it); a file's arrays are sized from their .npy headers and refused
above :data:`~common.data.signal_files.MAX_ARRAY_BYTES` or the memory available, before loading;
float64 samples beyond float32 range are named as such; resampling and the windows to be cut are
sized before they are allocated.
"""

import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common.config.yaml_safe import MAX_YAML_BYTES
from common.task import task_named

from .errors import DataValidationError, raise_if_problems
from .manifest import MANIFEST_NAME, Manifest, read_manifest
from .paths import resolve_existing
from .process import ZScore, fit_zscore, fixed_zscore, resample_rows, split_run_windows, train_rows
from .signal_files import (
    READ_ERRORS,
    WindowArchive,
    declared_arrays,
    memory_limit,
    read_signal_file,
    read_window_file,
    size_text,
)
from .table_files import INTERVAL_TOLERANCE, read_table
from .types import UNLABELLED, PlantData, WindowSet, recording_groups
from .validate import plant_problems
from .windowing import (
    WindowSpec,
    at_rate,
    cut_windows,
    min_split_samples,
    num_windows,
    output_rate,
    split_recording,
    target_rate,
)

logger = logging.getLogger(__name__)

SPLIT_SEED = 0
"""Seed of the stratified random split used for ``kind: windows`` without a ``split`` key."""


@dataclass(frozen=True)
class DirectoryParams:
    """Location of a plant data directory (or its manifest.yaml)."""

    # the plant's data directory, or its manifest.yaml (relative: against the scenario file's folder)
    path: str

    def problems(self) -> list[str]:
        if not self.path.strip():
            return [f"path is empty: point it to a plant directory containing {MANIFEST_NAME}"]
        if "\x00" in self.path:
            return [f"path {self.path[:80]!r} contains a NUL character: point it to a plant directory"]
        return []


def _concat(parts: list[np.ndarray], channels: int, length: int) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros((0, channels, length), dtype=np.float32)


def _labels(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _resample_bytes(channels: int, samples: int, rate_hz: float, window: WindowSpec,
                    shaft_hz: float | None = None) -> float:
    """Peak bytes of bringing a (C, T) recording to its target rate (``window.resample_to_hz`` or order
    tracking's; 0 when it stays as it is): a float64 copy, its spectrum, the float64 result and its
    float32 copy, at the longer of the two lengths."""
    target = target_rate(window, shaft_hz)
    if target is None or abs(target - rate_hz) <= 1e-9 * target:
        return 0.0
    out = samples * (target / rate_hz)
    return 32.0 * channels * max(samples, out) if math.isfinite(out) else math.inf


def _window_bytes(sig: np.ndarray, labelled: bool, window: WindowSpec) -> int:
    """Bytes of the float32 windows one recording is cut into (its train part, and its test part if labelled)."""
    channels, total = sig.shape
    if labelled:
        test = int(round(total * window.test_fraction))
        count = num_windows(total - test, window.length, window.train_stride) + num_windows(test, window.length,
                                                                                           window.length)
    else:
        count = num_windows(total, window.length, window.train_stride)
    return count * channels * window.length * 4


def _shaft_hz(manifest: Manifest, window: WindowSpec, problems: list[str]) -> float | None:
    """The shaft speed in Hz for order tracking (window.samples_per_revolution), from the manifest."""
    if window.samples_per_revolution is None:
        return None
    if manifest.shaft_speed_rpm is None:
        problems.append(f"{manifest.path}: window.samples_per_revolution (order tracking) needs the machine's shaft "
                        "speed: add shaft_speed_rpm (e.g. shaft_speed_rpm: 1750) or unset "
                        "window.samples_per_revolution")
        return None
    return manifest.shaft_speed_rpm / 60.0


def _load_signals(
    manifest: Manifest, window: WindowSpec, problems: list[str]
) -> tuple[WindowSet, WindowSet, str] | None:
    classes = manifest.classes or ()
    shaft_hz = _shaft_hz(manifest, window, problems)
    if window.samples_per_revolution is not None and shaft_hz is None:
        return None
    recordings: list[tuple[int, np.ndarray]] = []
    min_labelled = min_split_samples(window)
    limit, planned, over = memory_limit(), 0, False
    for entry in manifest.entries:
        sig = read_signal_file(entry.file, entry.where, manifest.channels, problems)
        if sig is None:
            continue
        if manifest.sample_rate_hz is not None:
            need = _resample_bytes(sig.shape[0], sig.shape[1], manifest.sample_rate_hz, window, shaft_hz)
            if need > limit:
                problems.append(
                    f"{entry.file} ({entry.where}): resampling its {sig.shape[1]} samples from "
                    f"{manifest.sample_rate_hz:g} to {target_rate(window, shaft_hz):g} Hz "
                    f"needs about {size_text(need)}, more than "
                    f"the {size_text(limit)} a plant may use: check window.resample_to_hz and the manifest's "
                    "sample_rate_hz, or shorten the recording")
                continue
            sig, _ = at_rate(sig, manifest.sample_rate_hz, window, shaft_hz)
        need = min_labelled if entry.label is not None else window.length
        if sig.shape[1] < need:
            problems.append(
                f"{entry.file} ({entry.where}): recording has {sig.shape[1]} samples, shorter than the {need} needed "
                + (f"for one train and one test window of {window.length} at test_fraction {window.test_fraction}"
                   if entry.label is not None else f"for one window of {window.length}")
                + ": record longer or shorten the window"
            )
            continue
        label = classes.index(entry.label) if entry.label in classes else UNLABELLED
        planned += 2 * _window_bytes(sig, entry.label is not None, window)  # cut, then joined
        if planned > limit and not over:
            over = True
            problems.append(
                f"{entry.file} ({entry.where}): the recordings up to this one make about {size_text(planned)} of "
                f"windows ({window.length} samples at stride {window.train_stride}), "
                f"more than the {size_text(limit)} a plant may use: raise window.stride (overlapping windows "
                "copy each sample length/stride times), use a shorter window or fewer recordings")
        recordings.append((label, sig))
    if problems:
        return None
    if not any(label >= 0 for label, _ in recordings):
        problems.append(f"{manifest.path}: no file has a label: "
                        "label at least one recording per class for the test split")
        return None

    c, length = manifest.channels or 1, window.length
    xs_tr, ys_tr, xs_te, ys_te = [], [], [], []
    for label, sig in recordings:
        if label == UNLABELLED:  # unlabelled: all of it for training, the test split must be labelled
            xs_tr.append(cut_windows(sig, length, window.train_stride))
            ys_tr.append(np.full(xs_tr[-1].shape[0], UNLABELLED, dtype=np.int64))
            continue
        train_part, test_part = split_recording(sig, window.test_fraction)
        xs_tr.append(cut_windows(train_part, length, window.train_stride))
        ys_tr.append(np.full(xs_tr[-1].shape[0], label, dtype=np.int64))
        xs_te.append(cut_windows(test_part, length, length))
        ys_te.append(np.full(xs_te[-1].shape[0], label, dtype=np.int64))
    unlabelled = sum(1 for label, _ in recordings if label == UNLABELLED)
    notes = (
        f"kind signals: {len(recordings)} recordings ({unlabelled} unlabelled, used for training only); "
        f"labelled recordings split in time before windowing (last {window.test_fraction:g} for test), "
        f"train stride {window.train_stride}, test windows non-overlapping"
    )
    return (
        WindowSet(_concat(xs_tr, c, length), _labels(ys_tr), groups=recording_groups(xs_tr)),
        WindowSet(_concat(xs_te, c, length), _labels(ys_te), groups=recording_groups(xs_te)),
        notes,
    )


def _stratified_test_mask(y: np.ndarray, test_fraction: float, seed: int) -> np.ndarray:
    """Random per-class test selection; every class with >= 2 windows keeps >= 1 on each side."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(y.shape, dtype=bool)
    for cls in np.unique(y[y >= 0]):
        idx = np.flatnonzero(y == cls)
        if idx.size < 2:
            logger.warning("class %d has %d labelled window(s); keeping it in training only", cls, idx.size)
            continue
        n_test = min(max(1, int(round(test_fraction * idx.size))), idx.size - 1)
        mask[rng.permutation(idx)[:n_test]] = True
    return mask


def _declared_total_problem(manifest: Manifest, problems: list[str]) -> bool:
    """True (with a problem naming ``files``) when the window files together declare more than a plant may
    load; read from their headers, before any file is loaded. A file alone over the limit is its reader's."""
    limit = memory_limit()
    sizes = []
    for entry in manifest.entries:
        try:
            sizes.append(sum(a.nbytes for a in declared_arrays(entry.file)))
        except READ_ERRORS:
            continue  # its reader names the problem
    total = sum(sizes)
    # joined into one array, then split into train and test: about twice the files' arrays
    if not sizes or max(sizes) > limit or 2 * total <= limit:
        return False
    problems.append(f"{manifest.path}: key 'files' lists window files declaring {size_text(total)} together, "
                    f"about {size_text(2 * total)} once joined, more than the {size_text(limit)} a plant may use: "
                    "list fewer or smaller files, or store float32 windows")
    return True


def _load_windows(
    manifest: Manifest, window: WindowSpec, problems: list[str]
) -> tuple[WindowSet, WindowSet, str] | None:
    num_classes = len(manifest.classes) if manifest.classes is not None else None
    rate = manifest.sample_rate_hz
    if window.samples_per_revolution is not None:
        problems.append(f"{manifest.path}: kind 'windows' holds pre-cut windows, which cannot be order-tracked "
                        "(window.samples_per_revolution): give continuous recordings (kind: signals) with "
                        "shaft_speed_rpm, or unset window.samples_per_revolution")
        return None
    if window.resample_to_hz is not None and rate is not None and abs(rate - window.resample_to_hz) > 1e-9 * rate:
        problems.append(f"{manifest.path}: kind 'windows' holds pre-cut windows at {rate:g} Hz, which cannot be "
                        f"resampled to window.resample_to_hz={window.resample_to_hz:g}: give continuous recordings "
                        "(kind: signals) or unset window.resample_to_hz")
        return None
    if _declared_total_problem(manifest, problems):
        return None
    archives: list[tuple[Path, WindowArchive]] = []
    for entry in manifest.entries:
        archive = read_window_file(entry.file, entry.where, manifest.channels, window.length, num_classes, problems)
        if archive is not None:
            archives.append((entry.file, archive))
    shapes = {path.name: tuple(a.x.shape[1:]) for path, a in archives}
    if len(set(shapes.values())) > 1:
        problems.append(f"{manifest.path}: inconsistent window shapes (C, L) across files: {shapes}: make them equal")
    if problems:
        return None
    with_split = [a.split is not None for _, a in archives]
    if any(with_split) and not all(with_split):
        missing = [p.name for p, a in archives if a.split is None]
        problems.append(f"{manifest.path}: some window files have 'split' and some do not ({missing}): "
                        "give all or none a split")
        return None
    with_target = [a.target is not None for _, a in archives]
    if any(with_target) and not all(with_target):
        missing = [p.name for p, a in archives if a.target is None]
        problems.append(f"{manifest.path}: some window files have 'target' and some do not ({missing}): "
                        "give all or none a target")
        return None
    if task_named(manifest.task).needs_target and not any(with_target):
        problems.append(f"{manifest.path}: task is {manifest.task!r} but no window file has a 'target': save "
                        "numpy.savez(..., target=values) with one value per window (NaN = none)")
        return None
    x = np.concatenate([a.x for _, a in archives])
    y = np.concatenate([a.y for _, a in archives])
    target = np.concatenate([a.target for _, a in archives if a.target is not None]) if all(with_target) else None
    if all(with_split):
        test = np.concatenate([a.split for _, a in archives if a.split is not None]) == "test"
        how = "split given in the files"
    else:
        test = _stratified_test_mask(y, window.test_fraction, SPLIT_SEED)
        how = (
            f"no split given: random stratified split (test_fraction {window.test_fraction:g}, seed {SPLIT_SEED}); "
            "windows are ASSUMED non-overlapping, if they overlap supply 'split' to avoid train/test leakage"
        )
    if not test.any():
        problems.append(f"{manifest.path}: no labelled test windows: label more windows or mark some split 'test'")
        return None
    if task_named(manifest.task).needs_target and target is not None and not np.isfinite(target[test]).all():
        bad = np.flatnonzero(test & ~np.isfinite(target))
        problems.append(f"{manifest.path}: test windows need a target, but it is NaN/Inf at window(s) "
                        f"{bad[:5].tolist()}: give them one or mark them split 'train'")
        return None
    notes = f"kind windows: {len(archives)} file(s), {x.shape[0]} windows; {how}"
    train_target, test_target = (None, None) if target is None else (target[~test], target[test])
    return WindowSet(x[~test], y[~test], train_target), WindowSet(x[test], y[test], test_target), notes


def _load_table(
    manifest: Manifest, window: WindowSpec, problems: list[str]
) -> tuple[WindowSet, WindowSet, str, ZScore, float] | None:
    """kind: table: CSV runs, z-scored with the normal class's train rows, split in time, then cut (as ``tep``)."""
    assert manifest.table is not None  # read_manifest records a problem for kind table without time/variables
    classes, spec = manifest.classes or (), manifest.table
    if window.samples_per_revolution is not None:
        problems.append(f"{manifest.path}: window.samples_per_revolution does not apply to kind 'table' (window "
                        "length and stride count rows of the runs): unset it")
        return None
    runs: list[tuple[int, str, np.ndarray]] = []
    intervals: dict[str, float] = {}
    for entry in manifest.entries:
        table = read_table(entry.file, entry.where, spec, problems)
        if table is None:
            continue
        intervals[entry.file.name] = table.interval_s
        rows, _ = resample_rows(table.rows, table.interval_s, window)  # window.resample_to_hz: to one interval
        need = min_split_samples(window) if entry.label is not None else window.length
        if len(rows) < need:
            at = f" at window.resample_to_hz={window.resample_to_hz:g}" if window.resample_to_hz is not None else ""
            problems.append(f"{entry.file} ({entry.where}): run has {len(rows)} rows{at}, fewer than the {need} "
                            "needed for " + (f"one train and one test window of {window.length} rows at test_fraction "
                                             f"{window.test_fraction}" if entry.label is not None
                                             else f"one window of {window.length} rows")
                            + ": record longer or shorten the window")
            continue
        runs.append((classes.index(entry.label) if entry.label in classes else UNLABELLED, entry.file.name, rows))
    interval = float(np.median(list(intervals.values()))) if intervals else 0.0
    if manifest.sample_rate_hz is not None:
        interval = 1.0 / manifest.sample_rate_hz
    for name, got in intervals.items():
        if abs(got - interval) > INTERVAL_TOLERANCE * interval:
            problems.append(f"{manifest.path}: file {name} is sampled every {got:g} s but the plant's interval is "
                            f"{interval:g} s (" + ("sample_rate_hz" if manifest.sample_rate_hz is not None
                                                   else "the median over its files") + "): resample the run or fix "
                            "the time column's unit")
    if problems:
        return None
    if not any(label >= 0 for label, _, _ in runs):
        problems.append(f"{manifest.path}: no file has a label: label at least one run per class for the test split")
        return None
    normal = classes.index(manifest.normal_class) if manifest.normal_class is not None else None
    basis = [rows[:train_rows(rows, window.test_fraction)] for label, _, rows in runs
             if label == normal or normal is None]
    if spec.scaling is not None:
        zscore = fixed_zscore(spec.variables, spec.scaling)
    elif not basis:
        problems.append(f"{manifest.path}: no run is labelled {manifest.normal_class!r} (normal_class), whose train "
                        "rows z-score the variables: add a normal run, set normal_class, or give fixed 'scaling'")
        return None
    else:
        zscore = fit_zscore(np.concatenate(basis), spec.variables)
    c, length = len(spec.variables), window.length
    xs_tr, ys_tr, xs_te, ys_te = [], [], [], []
    for label, _, rows in runs:
        z = zscore.apply(rows)
        if label == UNLABELLED:
            train, test = split_run_windows(z, length, window.train_stride, 0.0)
        else:
            train, test = split_run_windows(z, length, window.train_stride, window.test_fraction)
        xs_tr.append(train)
        ys_tr.append(np.full(len(train), label, dtype=np.int64))
        xs_te.append(test)
        ys_te.append(np.full(len(test), label, dtype=np.int64))
    train_set = WindowSet(_concat(xs_tr, c, length), _labels(ys_tr), groups=recording_groups(xs_tr))
    test_set = WindowSet(_concat(xs_te, c, length), _labels(ys_te), groups=recording_groups(xs_te))
    for split, ws in (("train", train_set), ("test", test_set)):
        empty = [name for name, n in zip(classes, ws.class_counts(len(classes))) if n == 0]
        if empty:
            logger.warning("%s: classes %s have no %s window of %d rows", manifest.path, empty, split, length)
    basis_text = ("fixed constants" if spec.scaling is not None
                  else f"the train rows of its {manifest.normal_class!r} runs" if normal is not None
                  else "the train rows of every run (no normal_class)")
    notes = (f"kind table: {len(runs)} CSV run(s), {c} variables every {interval:g} s; scaled with {basis_text}: "
             f"{zscore.describe()}; labelled runs split in time before windowing (last {window.test_fraction:g} "
             f"for test), train stride {window.train_stride} rows, test windows non-overlapping")
    if window.resample_to_hz is not None and abs(window.resample_to_hz * interval - 1.0) > 1e-9:
        notes += (f"; every run resampled from every {interval:g} s to every {1.0 / window.resample_to_hz:g} s "
                  "(window.resample_to_hz) before scaling and windowing: rows counted at that interval")
    return train_set, test_set, notes, zscore, interval


def _plant_dir(params: DirectoryParams, base_dir: Path) -> Path:
    try:
        path = resolve_existing(params.path, base_dir, "directory path")
        is_manifest, is_dir = path.is_file() and path.name == MANIFEST_NAME, path.is_dir()
    except DataValidationError:
        raise
    except (OSError, ValueError) as exc:  # a name too long, a path the OS refuses
        raise DataValidationError([f"directory path {params.path[:200]!r} cannot be used ({exc}): point it to the "
                                   f"folder holding {MANIFEST_NAME}"]) from None
    if is_manifest:
        return path.parent
    if not is_dir:
        raise DataValidationError([f"directory path {path} is not a directory: "
                                   f"point it to the folder holding {MANIFEST_NAME}"])
    return path


def load_directory(
    plant_id: str, params: DirectoryParams, window: WindowSpec, *, base_dir: Path = Path(".")
) -> PlantData:
    """Load one plant from a ``factoryfl-plant/v1`` directory (format in the module docstring)."""
    context = f"directory plant {plant_id!r}"
    problems = params.problems() + window.problems()
    raise_if_problems(problems, context)
    try:
        directory = _plant_dir(params, base_dir)
    except DataValidationError as exc:
        raise DataValidationError(exc.problems, context) from None
    manifest = read_manifest(directory, problems)
    if manifest is None:
        raise_if_problems(problems, context)
    assert manifest is not None  # read_manifest returns None only with a problem recorded
    zscore: ZScore | None = None
    rate = manifest.sample_rate_hz
    if manifest.kind == "table" and manifest.table is not None:
        table = _load_table(manifest, window, problems)
        result = None if table is None else table[:3]
        if table is not None:
            zscore, rate = table[3], 1.0 / table[4]
    else:
        loader = _load_windows if manifest.kind == "windows" else _load_signals
        result = loader(manifest, window, problems) if manifest.kind is not None else None
    raise_if_problems(problems, context)
    if result is None:  # kind missing/invalid is always a recorded problem; defensive
        raise DataValidationError([f"{manifest.path}: no data could be loaded"], context)
    train, test, how = result
    notes = f"directory {directory}" + (f" (plant {manifest.plant!r})" if manifest.plant else "") + f"; {how}"
    if manifest.notes:
        notes += f"; {manifest.notes}"
    assert manifest.classes is not None and rate is not None
    preprocessing = _preprocessing(manifest, context)
    statistics = (f"the preprocessing recipe in {manifest.preprocessing.name} (statistics of the plant's own "
                  "records, computed when the directory was exported)"
                  if preprocessing is not None and manifest.preprocessing is not None else "")
    if zscore is not None:
        assert manifest.table is not None
        rows_from = "manifest 'scaling' (fixed in advance)" if zscore.rows == 0 else "train rows"
        preprocessing = zscore.recipe(f"{manifest.path.parent.name}: {rows_from}") | {
            "time": {"column": manifest.table.time_column, "unit": manifest.table.time_unit}, "interval_s": 1.0 / rate}
        if window.resample_to_hz is not None:  # predict resamples a new run as the training runs were
            preprocessing["model_interval_s"] = 1.0 / window.resample_to_hz
        statistics = ("" if zscore.rows == 0 else  # fixed in advance (manifest 'scaling'): no statistic of the rows
                      f"every variable z-scored with the mean/std of {zscore.rows} train rows of the plant's runs")
    data = PlantData(
        plant_id=plant_id,
        train=train,
        test=test,
        class_names=manifest.classes,
        sample_rate_hz=output_rate(rate, window, shaft_hz=None if manifest.shaft_speed_rpm is None
                                   else manifest.shaft_speed_rpm / 60.0),
        source="directory",
        notes=notes,
        task=manifest.task,
        target_name=manifest.target_name,
        preprocessing=preprocessing,
        cross_window_statistics=statistics,
        shaft_speed_rpm=manifest.shaft_speed_rpm,
    )
    # the generic checks (validate.py) once more here, so that each problem names this manifest
    raise_if_problems([f"{manifest.path}: {problem}" for problem in plant_problems(data)], context)
    return data


def _preprocessing(manifest: Manifest, context: str) -> dict | None:
    """The manifest's preprocessing recipe (a JSON object), or None."""
    if manifest.preprocessing is None:
        return None
    try:
        too_big = manifest.preprocessing.stat().st_size > MAX_YAML_BYTES
        recipe = None if too_big else json.loads(manifest.preprocessing.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise DataValidationError([f"{manifest.preprocessing}: not readable JSON ({exc}): re-export the plant "
                                   "directory (factoryfl plant-data)"], context) from None
    if too_big:
        raise DataValidationError([f"{manifest.preprocessing}: larger than {size_text(MAX_YAML_BYTES)}, the limit for "
                                   "a preprocessing recipe: re-export the plant directory (factoryfl plant-data)"],
                                  context)
    if not isinstance(recipe, dict):
        raise DataValidationError([f"{manifest.preprocessing}: must hold a JSON object, got {type(recipe).__name__}"],
                                  context)
    return recipe
