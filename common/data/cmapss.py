"""NASA C-MAPSS turbofan run-to-failure data: one sub-set (FD001-FD004) = one site/plant.

Reads one ``fd00N.npz`` of the shared, raw data set (see ``/work/shared/datasets/README.md``;
never copied into this repository): ``train`` and ``test`` (rows x 26 columns: ``unit``,
``cycle``, ``op_setting_1..3``, ``sensor_1..21``), ``rul`` (true remaining useful life of each
test engine at its last test row) and ``columns``.

Windows are ``(C, L)`` arrays of ``L = sequence_length`` consecutive cycles of one engine, one
channel per selected sensor (plus the three operating settings with ``include_op_settings``):

* train: windows slide over every train engine with ``train_stride``, anchored at the engine's
  last cycle (so the window ending at failure, RUL 0, is always included); an engine shorter
  than ``L`` gives no train window. Each window's RUL is the one at its last cycle.
* test: exactly the official test engines, one window each: their last ``L`` cycles, padded at
  the front by repeating the first cycle when an engine has fewer than ``L`` cycles; labelled
  with the official ``rul``.

Targets: ``WindowSet.target`` = RUL capped at ``rul_cap`` (``min(RUL, rul_cap)``, float32);
``WindowSet.y`` = 1 if the (uncapped) RUL <= ``failure_horizon`` else 0 ("fails within the
next N cycles"). The plant's declared task (``params.task``) is "regression" by default.

Operating conditions: FD002/FD004 run under 6 flight conditions that shift every sensor far
more than degradation does. Each operating setting takes a few discrete levels with tiny
noise; :func:`operating_conditions` splits the sorted distinct values of each setting wherever
two neighbours differ by more than a tolerance (:data:`OP_SETTING_TOLERANCES`: 1.0 altitude
unit, 0.02 Mach, 1.0 TRA; measured noise within a level is < 0.001, gaps between levels are
>= 0.078), so no rounding boundary can split a level and no k has to be guessed; a condition is
one combination of levels that occurs. Each sensor is then z-scored within its condition.

Normalisation statistics (``normalisation_stats``): by default ``"train"`` -- the mean and
standard deviation per condition come from the site's own *training engines' rows only*
(after ``train_units_fraction``; validation engines excluded). No test data touches the
preprocessing, which matches the usual C-MAPSS protocol, keeps the test split a pure
evaluation set, and still needs no labels, so an unlabelled site can do it on its own
(its train rows are there, only their labels are hidden). ``"train_test"`` adds the
validation and test rows' sensors (still unsupervised: no RUL is used) -- a transductive
option for experiments in which a site adapts to its own unlabelled test engines. Operating
settings used as channels are z-scored globally (within a condition they are pure noise).
A sensor that is constant (std 0) in a condition becomes 0 there, never NaN.

The registered loader (:func:`common.data.cmapss_source.load_cmapss`) ignores the scenario's
``WindowSpec`` (length, stride, test fraction): C-MAPSS has its own official test split and
``sequence_length`` / ``train_stride`` define the windows. ``load_plant_data`` checks that
``window.length`` equals ``sequence_length``.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import DataValidationError, raise_if_problems
from .locate import default_dir, find_file
from .paths import read_npz, resolve_existing
from .types import TASKS, WindowSet

logger = logging.getLogger(__name__)

OP_SETTINGS: tuple[str, ...] = ("op_setting_1", "op_setting_2", "op_setting_3")
CMAPSS_SENSORS: tuple[str, ...] = tuple(f"sensor_{i}" for i in range(1, 22))
CMAPSS_COLUMNS: tuple[str, ...] = ("unit", "cycle") + OP_SETTINGS + CMAPSS_SENSORS
CMAPSS_INFORMATIVE_SENSORS: tuple[str, ...] = tuple(
    f"sensor_{i}" for i in (2, 3, 4, 7, 8, 9, 11, 12, 13, 14, 15, 17, 20, 21)
)
"""The 14 sensors commonly used (the other 7 are constant or nearly so within a condition)."""

OP_SETTING_TOLERANCES: tuple[float, float, float] = (1.0, 0.02, 1.0)
"""A gap larger than this between two sorted distinct values of op_setting_1..3 starts a new level."""

NORMALISATION_STATS: tuple[str, ...] = ("train", "train_test")
EVALUATE_ON: tuple[str, ...] = ("test", "validation")
DEFAULT_CMAPSS_DIR = default_dir("cmapss")
"""Where the loaders find the data set now (``common.data.locate``; for command-line defaults)."""

_REQUIRED_KEYS = ("train", "test", "rul", "columns")
BASELINE_SUFFIX = "_since_start"
"""Name suffix of an engine-baseline channel (``baseline_cycles``)."""


@dataclass(frozen=True)
class CmapssParams:
    """Which C-MAPSS sub-set to read and how to window, label and normalise it."""

    path: str = ""  # one fd00N.npz file; leave it out to name the sub-set instead
    subset: int | None = None  # 1-4 (FD001-FD004): reads fd00N.npz of the data set found by name (docs/data.md)
    data_dir: str | None = None  # with subset: the folder holding fd00N.npz (default: found by name, docs/data.md)
    sequence_length: int = 30  # L: consecutive cycles per window
    rul_cap: float = 125.0  # target = min(RUL, rul_cap)
    # the sensor channels to use (default: the informative ones)
    sensors: tuple[str, ...] = CMAPSS_INFORMATIVE_SENSORS
    include_op_settings: bool = False  # add op_setting_1..3 as three extra channels
    condition_normalisation: bool = True  # z-score per operating condition (else globally per sensor)
    failure_horizon: int = 30  # class 1 = fails within this many cycles (RUL <= failure_horizon)
    train_units_fraction: float = 1.0  # keep a seeded random share of the train engines
    train_stride: int = 1  # cycles between consecutive train windows of one engine
    validation_units: int = 0  # train engines held out (seeded) as a validation split
    seed: int = 0  # for train_units_fraction and validation_units
    task: str = "regression"  # the plant's declared task: "regression" (RUL) or "classification"
    normalisation_stats: str = "train"  # rows the z-score statistics come from: "train" | "train_test"
    evaluate_on: str = "test"  # the plant's evaluation split: official "test" engines or held-out "validation" engines
    # Causal exponential smoothing of every normalised channel within each engine:
    # s_t = smoothing · s_(t−1) + (1 − smoothing) · x_t, s_0 = x_0. A cycle's value depends only on
    # that engine's own earlier cycles, so a test window sees nothing it would not see in service.
    # 0 = off (raw sensors). The C-MAPSS scenario uses 0.95, chosen on held-out training engines
    # (cmapss_tuning.md: 0.7 … 0.98 tried; lower leaves sensor noise, higher lags the degradation).
    smoothing: float = 0.0
    # Shortest engine history (cycles) a train/validation window may end at. None = sequence_length:
    # every window is real cycles only. Below sequence_length, a window is padded at the front by
    # repeating the engine's first cycle, exactly as a short official test engine is, so longer
    # windows can be trained (and validated on the same window ends) without dropping early cycles.
    min_cycles: int | None = None
    # Engine-baseline channels: each channel again, minus its engine's own mean over the engine's
    # first ``baseline_cycles`` cycles (a running mean before then, so still causal). C-MAPSS engines
    # enter service with different initial wear and manufacturing variation: in FD001 an engine's
    # 10-cycle starting level varies by 0.51 std between engines (noise alone would give 0.14;
    # make bench-cmapss-offsets), a fifth of the whole healthy-to-failed range, so early
    # degradation is hidden under the engine's own offset. The added channels show how far an
    # engine has moved since it started.
    # None = off.
    baseline_cycles: int | None = None

    def problems(self) -> list[str]:
        out: list[str] = []
        if not str(self.path).strip() and self.subset is None:
            out.append("neither path nor subset is set: name the sub-set (subset: 1-4; the data set is found by "
                       "name, `factoryfl data fetch cmapss`) or point path to one fd00N.npz")
        if str(self.path).strip() and (self.subset is not None or self.data_dir is not None):
            out.append("path and subset/data_dir are both set: give either path (one fd00N.npz) or subset (and "
                       "optionally data_dir), not both")
        if self.subset is not None and (not isinstance(self.subset, int) or not 1 <= self.subset <= 4):
            out.append(f"subset must be an integer 1, 2, 3 or 4 (FD001-FD004), got {self.subset!r}")
        if not isinstance(self.sequence_length, int) or self.sequence_length < 1:
            out.append(f"sequence_length must be an integer >= 1 cycle, got {self.sequence_length!r}: use e.g. 30")
        if not (isinstance(self.rul_cap, (int, float)) and math.isfinite(self.rul_cap) and self.rul_cap > 0):
            out.append(f"rul_cap must be a finite number > 0, got {self.rul_cap!r}: use e.g. 125")
        if not self.sensors:
            out.append(f"sensors must not be empty: use e.g. {list(CMAPSS_INFORMATIVE_SENSORS)}")
        if len(set(self.sensors)) != len(self.sensors):
            dupes = sorted({s for s in self.sensors if list(self.sensors).count(s) > 1})
            out.append(f"sensors contains duplicates {dupes}: list each sensor once")
        unknown = [s for s in self.sensors if s not in CMAPSS_SENSORS]
        if unknown:
            out.append(
                f"sensors: unknown sensor name(s) {unknown}: use names sensor_1 .. sensor_21 "
                f"(default: the 14 informative ones {list(CMAPSS_INFORMATIVE_SENSORS)})"
            )
        if not isinstance(self.failure_horizon, int) or self.failure_horizon < 0:
            out.append(f"failure_horizon must be an integer >= 0 cycles, got {self.failure_horizon!r}: use e.g. 30")
        if not 0.0 < self.train_units_fraction <= 1.0:
            out.append(
                f"train_units_fraction must be in (0, 1], got {self.train_units_fraction}: "
                "use 1.0 for all train engines or e.g. 0.2 for a fifth of them"
            )
        if not isinstance(self.train_stride, int) or self.train_stride < 1:
            out.append(f"train_stride must be an integer >= 1 cycle, got {self.train_stride!r}: use 1 for every window")
        if not isinstance(self.validation_units, int) or self.validation_units < 0:
            out.append(f"validation_units must be an integer >= 0, got {self.validation_units!r}: use 0 for none")
        if not isinstance(self.seed, int) or self.seed < 0:
            out.append(f"seed must be an integer >= 0, got {self.seed!r}")
        if self.task not in TASKS:
            out.append(f"task must be one of {list(TASKS)}, got {self.task!r}: use 'regression' for RUL")
        if self.normalisation_stats not in NORMALISATION_STATS:
            out.append(
                f"normalisation_stats must be one of {list(NORMALISATION_STATS)}, got {self.normalisation_stats!r}: "
                "use 'train' (train engines' rows only)"
            )
        if self.evaluate_on not in EVALUATE_ON:
            out.append(f"evaluate_on must be one of {list(EVALUATE_ON)}, got {self.evaluate_on!r}: use 'test' for "
                       "the official test engines or 'validation' (with validation_units > 0) to tune settings")
        elif self.evaluate_on == "validation" and self.validation_units == 0:
            out.append("evaluate_on is 'validation' but validation_units is 0: hold out train engines "
                       "(e.g. validation_units: 20) or use evaluate_on: test")
        if not (isinstance(self.smoothing, (int, float)) and 0.0 <= self.smoothing < 1.0):
            out.append(f"smoothing must be a number in [0, 1), got {self.smoothing!r}: use 0 for raw sensors "
                       "or e.g. 0.8")
        if self.min_cycles is not None and (not isinstance(self.min_cycles, int) or isinstance(self.min_cycles, bool)
                                            or self.min_cycles < 1):
            out.append(f"min_cycles must be an integer >= 1 cycle or null, got {self.min_cycles!r}: use e.g. 30, "
                       "or null for sequence_length (no padded windows)")
        if self.baseline_cycles is not None and (not isinstance(self.baseline_cycles, int)
                                                 or isinstance(self.baseline_cycles, bool) or self.baseline_cycles < 1):
            out.append(f"baseline_cycles must be an integer >= 1 cycle or null, got {self.baseline_cycles!r}: use e.g. "
                       "20, or null for no engine-baseline channels")
        return out

    @property
    def min_window_cycles(self) -> int:
        """The shortest history a train/validation window ends at (``min_cycles``, default L)."""
        return self.sequence_length if self.min_cycles is None else self.min_cycles

    @property
    def channel_names(self) -> tuple[str, ...]:
        base = tuple(self.sensors) + (OP_SETTINGS if self.include_op_settings else ())
        if self.baseline_cycles is None:
            return base
        return base + tuple(f"{name}{BASELINE_SUFFIX}" for name in base)

    @property
    def class_names(self) -> tuple[str, str]:
        return ("healthy", f"fails_within_{self.failure_horizon}")


@dataclass(frozen=True)
class CmapssSplits:
    """Everything :func:`load_cmapss_splits` cuts from one sub-set.

    ``*_unit`` give the engine id of every window; ``test_rul`` is the official, uncapped
    RUL of each test window (``test.target`` is the capped one).
    """

    train: WindowSet
    validation: WindowSet
    test: WindowSet
    train_unit: np.ndarray
    validation_unit: np.ndarray
    test_unit: np.ndarray
    test_rul: np.ndarray
    channel_names: tuple[str, ...]
    num_conditions: int  # operating conditions found in the site's rows (counted even without condition_normalisation)
    condition_centres: np.ndarray  # (num_conditions, 3) mean op settings per condition
    notes: str
    # The z-score statistics used: (mean, std) of the sensors per condition (one pair when
    # condition_normalisation is off), and of the op settings when they are channels. Kept so the
    # plant can prepare new engines exactly as these (see common.data.cmapss_recipe).
    sensor_stats: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    op_stats: tuple[np.ndarray, np.ndarray] | None = None


# --------------------------------------------------------------------------- metrics


def rmse(pred: np.ndarray, true: np.ndarray) -> float:
    """Root mean squared error ``sqrt(mean((pred - true)^2))``; NaN for empty input.

    Arguments are (prediction, truth), same shape.
    """
    p, t = _pair(pred, true)
    return float(np.sqrt(np.mean((p - t) ** 2))) if p.size else float("nan")


def phm08_score(pred: np.ndarray, true: np.ndarray) -> float:
    """PHM08 challenge score ``s = sum_i s_i`` with ``d_i = pred_i - true_i`` and

        s_i = exp(-d_i / 13) - 1   if d_i < 0   (early prediction, mild penalty)
        s_i = exp( d_i / 10) - 1   if d_i >= 0  (late prediction, harsher penalty)

    Lower is better; 0 for perfect predictions. Arguments are (prediction, truth) -- note that
    ``common.metrics.phm08_score`` takes them the other way round, (true, pred).
    """
    p, t = _pair(pred, true)
    d = p - t
    return float(np.sum(np.where(d < 0, np.expm1(-d / 13.0), np.expm1(d / 10.0))))


def _pair(pred: np.ndarray, true: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if np.shape(pred) != np.shape(true):
        raise ValueError(f"pred and true must have the same shape, got {np.shape(pred)} and {np.shape(true)}")
    return np.asarray(pred, dtype=np.float64).reshape(-1), np.asarray(true, dtype=np.float64).reshape(-1)


# ------------------------------------------------------------------ operating conditions


def operating_conditions(
    settings: np.ndarray, tolerances: tuple[float, ...] = OP_SETTING_TOLERANCES
) -> tuple[np.ndarray, np.ndarray]:
    """Operating condition of every row from its op settings: ``(ids, centres)``.

    ``settings`` is (rows, S). Per setting, the sorted distinct values are split into levels
    wherever two neighbours differ by more than ``tolerances[j]``; a condition is a combination
    of levels that occurs. ``ids`` (rows,) int64 in 0..K-1, ordered by the levels; ``centres``
    (K, S) the mean settings per condition.
    """
    settings = np.asarray(settings, dtype=np.float64)
    if settings.ndim != 2 or settings.shape[1] != len(tolerances):
        raise ValueError(f"settings must have shape (rows, {len(tolerances)}), got {settings.shape}")
    levels = np.zeros(settings.shape, dtype=np.int64)
    for j, tol in enumerate(tolerances):
        values = np.unique(settings[:, j])
        starts = values[1:][np.diff(values) > tol]  # first value of every level after the lowest
        levels[:, j] = np.searchsorted(starts, settings[:, j], side="right")
    if settings.shape[0] == 0:
        return np.zeros(0, np.int64), np.zeros((0, settings.shape[1]))
    _, ids = np.unique(levels, axis=0, return_inverse=True)
    ids = ids.reshape(-1).astype(np.int64)
    k = int(ids.max()) + 1
    counts = np.bincount(ids, minlength=k)[:, None]
    centres = np.zeros((k, settings.shape[1]))
    np.add.at(centres, ids, settings)
    return ids, centres / counts


def _moments(stats_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and std per column of ``stats_rows``."""
    return stats_rows.mean(axis=0), stats_rows.std(axis=0)


def zscore_with(values: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """(values - mean) / std per column; a constant column (std ~ 0 relative to its mean) -> 0."""
    constant = std <= 1e-7 * np.maximum(np.abs(mean), 1.0)
    out = (values - mean) / np.where(constant, 1.0, std)
    out[:, constant] = 0.0
    return out


def _zscore(values: np.ndarray, stats_rows: np.ndarray) -> np.ndarray:
    """(values - mean) / std per column with mean/std from ``stats_rows``; constant columns -> 0."""
    return zscore_with(values, *_moments(stats_rows))


# ------------------------------------------------------------------------------ reading




def _resolve_file(raw: str, base_dir: Path, problems: list[str]) -> Path | None:
    try:
        path = resolve_existing(raw, base_dir, "cmapss path")
    except DataValidationError as exc:
        problems.extend(exc.problems)
        return None
    if path.is_dir():
        problems.append(f"cmapss path {path} is a directory: point it to one fd00N.npz file inside it")
        return None
    return path


def _check_table(path: Path, key: str, table: np.ndarray, columns: list[str], problems: list[str]) -> bool:
    """Shape, finiteness and unit/cycle order of ``train`` or ``test``; True when usable."""
    if table.ndim != 2 or table.shape[1] != len(columns) or not np.issubdtype(table.dtype, np.number):
        problems.append(
            f"{path}: key {key!r} must be a numeric (rows, {len(columns)}) table matching 'columns', "
            f"got {table.dtype} {table.shape}: use the C-MAPSS npz from the shared data set"
        )
        return False
    if table.shape[0] == 0:
        problems.append(f"{path}: key {key!r} has no rows: use the C-MAPSS npz from the shared data set")
        return False
    bad = np.flatnonzero(~np.isfinite(table).all(axis=1))
    if bad.size:
        problems.append(f"{path}: key {key!r} row {int(bad[0])} has a NaN/Inf value ({bad.size} rows): "
                        "use a clean copy")
        return False
    unit, cycle = table[:, columns.index("unit")], table[:, columns.index("cycle")]
    new_unit = np.diff(unit) != 0
    bad_unit = np.flatnonzero(np.diff(unit) < 0)
    bad_cycle = np.flatnonzero(~new_unit & (np.diff(cycle) != 1))
    if bad_unit.size or bad_cycle.size:
        row = int(min(bad_unit[:1].tolist() + bad_cycle[:1].tolist())) + 1
        problems.append(
            f"{path}: key {key!r} row {row}: rows must be sorted by unit, each unit's cycles consecutive "
            "(1, 2, 3, ...): use the C-MAPSS npz from the shared data set"
        )
        return False
    return True


def _read_cmapss(path: Path, problems: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]] | None:
    arrays = read_npz(path, "a C-MAPSS fd00N.npz")
    missing = [k for k in _REQUIRED_KEYS if k not in arrays]
    if missing:
        problems.append(
            f"{path}: key(s) {missing} missing (has {sorted(arrays)}): use the C-MAPSS npz from the shared data set"
        )
        return None
    columns = [str(c) for c in np.asarray(arrays["columns"]).reshape(-1).tolist()]
    absent = [c for c in CMAPSS_COLUMNS if c not in columns]
    if absent:
        problems.append(f"{path}: 'columns' lacks {absent}: expected {list(CMAPSS_COLUMNS)}")
        return None
    train, test = np.asarray(arrays["train"]), np.asarray(arrays["test"])
    ok = _check_table(path, "train", train, columns, problems)
    ok = _check_table(path, "test", test, columns, problems) and ok
    rul = np.asarray(arrays["rul"], dtype=np.float64).reshape(-1)
    if ok:
        n_test_units = np.unique(test[:, columns.index("unit")]).size
        if rul.size != n_test_units:
            problems.append(f"{path}: 'rul' has {rul.size} values but 'test' has {n_test_units} engines: "
                            "one RUL per test engine")
            ok = False
        elif not (np.isfinite(rul).all() and (rul >= 0).all()):
            problems.append(f"{path}: 'rul' must be finite and >= 0: use the C-MAPSS npz from the shared data set")
            ok = False
    return (train.astype(np.float64), test.astype(np.float64), rul, columns) if ok else None


def _engines(table: np.ndarray, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unit ids (sorted) and the start row of each unit, plus the end sentinel."""
    unit = table[:, columns.index("unit")]
    starts = np.concatenate([[0], np.flatnonzero(np.diff(unit) != 0) + 1, [unit.size]])
    return unit[starts[:-1]].astype(np.int64), starts


def smooth_per_engine(feats: np.ndarray, table: np.ndarray, columns: list[str], smoothing: float) -> np.ndarray:
    """Causal exponential smoothing of ``feats`` (rows × channels) restarted at each engine's first
    cycle: s_t = smoothing · s_(t−1) + (1 − smoothing) · x_t, s_0 = x_0."""
    out = feats.copy()
    if feats.shape[0] == 0:
        return out
    _, starts = _engines(table, columns)
    for begin, end in zip(starts[:-1], starts[1:]):
        for t in range(begin + 1, end):
            out[t] = smoothing * out[t - 1] + (1.0 - smoothing) * feats[t]
    return out


def since_engine_start(feats: np.ndarray, table: np.ndarray, columns: list[str], cycles: int) -> np.ndarray:
    """``feats`` (rows × channels) minus each engine's running mean over its first ``cycles`` rows:
    d_t = x_t − mean(x_0 … x_min(t, cycles−1)). Causal (row t uses rows ≤ t only), restarted per engine."""
    out = np.empty_like(feats)
    if feats.shape[0] == 0:
        return out
    _, starts = _engines(table, columns)
    for begin, end in zip(starts[:-1], starts[1:]):
        head = feats[begin:min(end, begin + cycles)]
        running = np.cumsum(head, axis=0) / np.arange(1, head.shape[0] + 1)[:, None]
        baseline = np.concatenate([running, np.repeat(running[-1:], end - begin - head.shape[0], axis=0)])
        out[begin:end] = feats[begin:end] - baseline
    return out


def last_window_per_engine(feats: np.ndarray, table: np.ndarray, columns: list[str], length: int
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each engine's last ``length`` rows of ``feats`` as one (C, L) window, front-padded by
    repeating the engine's first row when it has fewer — how the official test engines are cut.
    Returns the units, the rows (cycles) each engine has, and the windows (E, C, L)."""
    units, starts = _engines(table, columns)
    x = np.empty((units.size, feats.shape[1], length), dtype=np.float32)
    for i in range(units.size):
        seq = feats[starts[i]:starts[i + 1]]
        if seq.shape[0] < length:
            seq = np.concatenate([np.repeat(seq[:1], length - seq.shape[0], axis=0), seq])
        x[i] = seq[-length:].T
    return units, np.diff(starts).astype(np.int64), x


# ------------------------------------------------------------------------------ loading


def load_cmapss_splits(params: CmapssParams, *, base_dir: Path = Path(".")) -> CmapssSplits:
    """Read, normalise and window one C-MAPSS sub-set (see the module docstring)."""
    context = f"cmapss {params.path or f'subset {params.subset}'!r}"
    problems = params.problems()
    path = _resolve_file(params.path, Path(base_dir), problems) if str(params.path).strip() else None
    if path is None and not problems:  # named by subset: found by the data set's name
        try:
            folder = None if params.data_dir is None else resolve_existing(params.data_dir, base_dir,
                                                                           "cmapss data_dir")
            path = find_file("cmapss", f"fd{params.subset:03d}.npz", folder)  # problems() ensured subset is set
        except DataValidationError as exc:
            problems.extend(exc.problems)
    raise_if_problems(problems, context)
    assert path is not None  # an unresolved path always adds a problem above
    read = _read_cmapss(path, problems)
    raise_if_problems(problems, context)
    assert read is not None
    train_tab, test_tab, rul, columns = read
    L = params.sequence_length

    # Which train engines this site has, and which of them are held out for validation.
    all_units, _ = _engines(train_tab, columns)
    rng = np.random.default_rng(params.seed)
    if params.train_units_fraction < 1.0:
        n_keep = max(1, int(round(params.train_units_fraction * all_units.size)))
        kept = np.sort(rng.choice(all_units, size=n_keep, replace=False))
    else:
        kept = all_units
    if params.validation_units >= kept.size:
        problems.append(
            f"validation_units is {params.validation_units} but only {kept.size} train engines are kept "
            f"(train_units_fraction {params.train_units_fraction} of {all_units.size}): hold out fewer engines"
        )
        raise_if_problems(problems, context)
    val_units = (np.sort(rng.choice(kept, size=params.validation_units, replace=False))
                 if params.validation_units else kept[:0])
    train_units = np.setdiff1d(kept, val_units)

    unit_col = columns.index("unit")
    in_train = np.isin(train_tab[:, unit_col], train_units)
    in_val = np.isin(train_tab[:, unit_col], val_units)
    train_rows, val_rows = train_tab[in_train], train_tab[in_val]

    # Normalise every row the site has: train engines, validation engines, test engines.
    chan_idx = [columns.index(c) for c in params.sensors]
    op_idx = [columns.index(c) for c in OP_SETTINGS]
    tables = (train_rows, val_rows, test_tab)
    sizes = [t.shape[0] for t in tables]
    all_rows = np.concatenate(tables)
    sensors = all_rows[:, chan_idx]
    use_stats = np.zeros(all_rows.shape[0], dtype=bool)
    use_stats[: sizes[0]] = True
    if params.normalisation_stats == "train_test":
        use_stats[:] = True
    cond, centres = operating_conditions(all_rows[:, op_idx])
    k = centres.shape[0]
    stats: list[tuple[np.ndarray, np.ndarray]] = []  # (mean, std) per condition, or one global pair
    if params.condition_normalisation:
        normed = np.zeros_like(sensors)
        no_stats: list[int] = []
        for c in range(k):
            rows = cond == c
            stats_rows = rows & use_stats
            if not stats_rows.any():
                no_stats.append(c)
                continue
            stats.append(_moments(sensors[stats_rows]))
            normed[rows] = _zscore(sensors[rows], sensors[stats_rows])
        if no_stats:
            problems.append(
                f"{path}: operating condition(s) with settings {np.round(centres[no_stats], 3).tolist()} occur in "
                f"test/validation rows but in no train row of the {train_units.size} kept train engines, so they "
                "cannot be normalised: use more train engines, normalisation_stats: train_test, or "
                "condition_normalisation: false"
            )
            raise_if_problems(problems, context)
    else:
        stats.append(_moments(sensors[use_stats]))
        normed = _zscore(sensors, sensors[use_stats])
    op_stats = None
    if params.include_op_settings:
        ops = all_rows[:, op_idx]
        op_stats = _moments(ops[use_stats])
        normed = np.concatenate([normed, _zscore(ops, ops[use_stats])], axis=1)
    normed = normed.astype(np.float32)
    feats = np.split(normed, np.cumsum(sizes)[:-1])
    if params.baseline_cycles is not None:
        feats = [np.concatenate([f, since_engine_start(f, table, columns, params.baseline_cycles)], axis=1)
                 for f, table in zip(feats, tables)]
    if params.smoothing > 0:
        feats = [smooth_per_engine(f, table, columns, params.smoothing) for f, table in zip(feats, tables)]

    # Windows.
    m = params.min_window_cycles
    x_tr, rul_tr, unit_tr, short_train = _sliding_windows(train_rows, feats[0], columns, L, params.train_stride, m)
    x_va, rul_va, unit_va, short_val = _sliding_windows(val_rows, feats[1], columns, L, params.train_stride, m)
    test_units, test_cycles, x_te = last_window_per_engine(feats[2], test_tab, columns, L)
    padded = int((test_cycles < L).sum())
    if x_tr.shape[0] == 0:
        lengths = np.diff(_engines(train_rows, columns)[1])
        problems.append(
            f"{path}: no train engine has {params.min_window_cycles} cycles (kept engines have "
            f"{int(lengths.min())}-{int(lengths.max())}): shorten sequence_length or set min_cycles lower"
        )
        raise_if_problems(problems, context)

    def window_set(x: np.ndarray, r: np.ndarray) -> WindowSet:
        return WindowSet(
            x=x,
            y=(r <= params.failure_horizon).astype(np.int64),
            target=np.minimum(r, params.rul_cap).astype(np.float32),
        )

    notes = _notes(path, params, all_units.size, train_units.size, val_units.size, test_units.size,
                   padded, short_train + short_val, k, x_tr.shape[0])
    return CmapssSplits(
        train=window_set(x_tr, rul_tr),
        validation=window_set(x_va, rul_va),
        test=window_set(x_te, rul),
        train_unit=unit_tr,
        validation_unit=unit_va,
        test_unit=test_units,
        test_rul=rul.astype(np.float32),
        channel_names=params.channel_names,
        num_conditions=k,
        condition_centres=centres,
        notes=notes,
        sensor_stats=stats,
        op_stats=op_stats,
    )


def _sliding_windows(
    rows: np.ndarray, feats: np.ndarray, columns: list[str], L: int, stride: int, min_cycles: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Windows (N, C, L) ending at each engine's last cycle and every ``stride`` cycles before it,
    down to the window that ends at the engine's ``min_cycles``-th cycle (default ``L``); the RUL at
    each window's last cycle, the engine of each window, and how many engines were too short.

    A window ending before cycle ``L`` is padded at the front by repeating the engine's first cycle,
    as a short test engine is."""
    m = L if min_cycles is None else min_cycles
    pad = max(0, L - m)
    c = feats.shape[1]
    if rows.shape[0] == 0:
        return np.zeros((0, c, L), np.float32), np.zeros(0), np.zeros(0, np.int64), 0
    units, starts = _engines(rows, columns)
    cycle = rows[:, columns.index("cycle")]
    xs, ruls, ids = [], [], []
    short = 0
    for i, unit in enumerate(units):
        a, b = int(starts[i]), int(starts[i + 1])
        n = b - a
        if n < m:
            short += 1
            continue
        seq = np.concatenate([np.repeat(feats[a:a + 1], pad, axis=0), feats[a:b]]) if pad else feats[a:b]
        views = np.lib.stride_tricks.sliding_window_view(seq, L, axis=0)  # (pad + n - L + 1, C, L)
        ends = np.arange(n - 1, m - 2, -stride)[::-1]  # last real row of each window, within the engine
        xs.append(views[ends + pad - L + 1])
        ruls.append(cycle[b - 1] - cycle[a + ends])
        ids.append(np.full(ends.size, unit, dtype=np.int64))
    if not xs:
        return np.zeros((0, c, L), np.float32), np.zeros(0), np.zeros(0, np.int64), short
    return (np.ascontiguousarray(np.concatenate(xs), dtype=np.float32), np.concatenate(ruls),
            np.concatenate(ids), short)


def cmapss_cross_window_statistics(params: CmapssParams) -> str:
    """What C-MAPSS preprocessing computes across a site's windows (never empty: every sensor is
    z-scored with the mean and std of the site's rows; see the module docstring)."""
    what = ["operating-condition centres and per-condition sensor mean/std from the site's rows"
            if params.condition_normalisation else "sensor mean/std from the site's rows"]
    if params.baseline_cycles:
        what.append(f"each engine's baseline over its first {params.baseline_cycles} cycles (shared by its windows)")
    return "; ".join(what)


def _notes(path: Path, params: CmapssParams, n_all: int, n_train: int, n_val: int, n_test: int,
           padded: int, short: int, k: int, n_windows: int) -> str:
    L = params.sequence_length
    name = path.stem.upper()
    text = f"NASA C-MAPSS {name} ({path.name}): {n_train} train engines"
    if n_train + n_val < n_all:
        text += (f" (seeded subset, seed {params.seed}: {n_train + n_val} of {n_all} kept at "
                 f"train_units_fraction {params.train_units_fraction:g})")
    if n_val:
        text += f", {n_val} more held out for validation (not in this plant's train split)"
    if params.evaluate_on == "validation":
        text += ("; EVALUATED ON THE VALIDATION ENGINES (every window of each, same stride as train), "
                 "not on the official test engines")
    text += (f", {n_test} official test engines; {n_windows} train windows of {L} consecutive cycles "
             f"(stride {params.train_stride}, anchored at each engine's last cycle)")
    if params.min_window_cycles < L:
        text += (f"; train/validation windows also end before cycle {L}, from cycle {params.min_window_cycles} on, "
                 "padded at the front by repeating the engine's first cycle (as short test engines are)")
    elif params.min_window_cycles > L:
        text += f"; train/validation windows end at cycle {params.min_window_cycles} or later"
    if short:
        text += (f", {short} train/validation engines shorter than {params.min_window_cycles} cycles "
                 "give no window")
    baseline_note = "" if params.baseline_cycles is None else (
        f", and each of them again minus the engine's own mean over its first {params.baseline_cycles} cycles "
        f"(a running mean before then; channels *{BASELINE_SUFFIX})")
    padding_note = (f", {padded} engines shorter than {L} cycles padded at the front by repeating their first cycle"
                    if padded else " (none padded)")
    text += (f"; test: one window per test engine, its last {L} cycles"
             f"{padding_note}"
             f"; channels: {len(params.sensors)} sensors {list(params.sensors)}"
             f"{' + op_setting_1..3 (z-scored globally)' if params.include_op_settings else ''}"
             f"{baseline_note}"
             f"; target: RUL capped at {params.rul_cap:g} cycles, min(RUL, cap) "
             "(test: official RUL, capped the same way)"
             f"; label: 1 = fails within {params.failure_horizon} cycles (RUL <= {params.failure_horizon}); ")
    rows = ("the train engines' rows only (no test data)" if params.normalisation_stats == "train"
            else "train, validation and test rows' sensors (unsupervised: no RUL used)")
    if params.condition_normalisation:
        text += (f"normalisation: {k} operating condition(s) found from op_setting_1..3 (levels split at gaps > "
                 f"{list(OP_SETTING_TOLERANCES)}), each sensor z-scored per condition with statistics from {rows}")
    else:
        text += f"normalisation: each sensor z-scored globally with statistics from {rows}"
    text += "; a sensor constant within its group is set to 0; 1 row per cycle (sample_rate_hz 1.0)"
    if params.smoothing > 0:
        text += (f"; every channel exponentially smoothed within each engine after normalisation "
                 f"(s_t = {params.smoothing:g}·s_(t−1) + {1 - params.smoothing:g}·x_t, causal)")
    return text
