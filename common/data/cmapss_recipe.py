"""How a C-MAPSS site turns raw engine cycles into model windows, kept for prediction on new engines.

A site's windows depend on statistics of its own rows (each operating condition's centre and
z-score mean/std) and on per-engine transforms (engine-baseline channels, smoothing). A plant that
wants the remaining useful life of an engine in service has that engine's raw cycle table, not
prepared windows. :class:`CmapssRecipe` holds everything needed to prepare it exactly as the test
engines were: it is saved with the plant's personalised model (in the plant's state directory; it
never crosses the wire) and applied by ``factoryfl predict``.

Each new row is given the operating condition whose centre matches every op setting within
:data:`~common.data.cmapss.OP_SETTING_TOLERANCES` (levels in C-MAPSS are >= 0.078 apart and
their noise < 0.001, so the match is unique); a row that matches none is refused, naming the
engine, its cycle and the settings, because the site has no statistics for that condition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .cmapss import (
    CMAPSS_COLUMNS,
    OP_SETTING_TOLERANCES,
    OP_SETTINGS,
    CmapssParams,
    CmapssSplits,
    last_window_per_engine,
    since_engine_start,
    smooth_per_engine,
    zscore_with,
)

RECIPE_KIND = "cmapss"


class CycleTableError(ValueError):
    """A new engine cycle table cannot be prepared; the message names the file, row or column and the fix."""


@dataclass(frozen=True)
class CmapssRecipe:
    """Everything that turns an engine's raw cycles into this site's model windows."""

    sensors: tuple[str, ...]
    include_op_settings: bool
    condition_normalisation: bool
    centres: np.ndarray  # (K, 3) op settings per condition (unused without condition_normalisation)
    means: np.ndarray  # (K, S) sensor means per condition, or (1, S) global
    stds: np.ndarray  # same shape
    op_mean: np.ndarray | None  # (3,) when op settings are channels
    op_std: np.ndarray | None
    smoothing: float
    baseline_cycles: int | None
    sequence_length: int

    @classmethod
    def from_splits(cls, params: CmapssParams, splits: CmapssSplits) -> CmapssRecipe:
        means, stds = (np.stack(v) for v in zip(*splits.sensor_stats))
        op = splits.op_stats
        return cls(sensors=tuple(params.sensors), include_op_settings=params.include_op_settings,
                   condition_normalisation=params.condition_normalisation, centres=splits.condition_centres,
                   means=means, stds=stds, op_mean=None if op is None else op[0], op_std=None if op is None else op[1],
                   smoothing=float(params.smoothing), baseline_cycles=params.baseline_cycles,
                   sequence_length=params.sequence_length)

    # ----------------------------------------------------------------------- (de)serialising
    def to_json(self) -> dict[str, Any]:
        """Plain lists and numbers (saved in the model file's metadata)."""
        arrays = {k: None if getattr(self, k) is None else np.asarray(getattr(self, k)).tolist()
                  for k in ("centres", "means", "stds", "op_mean", "op_std")}
        return {"kind": RECIPE_KIND, "sensors": list(self.sensors), "include_op_settings": self.include_op_settings,
                "condition_normalisation": self.condition_normalisation, **arrays, "smoothing": self.smoothing,
                "baseline_cycles": self.baseline_cycles, "sequence_length": self.sequence_length}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CmapssRecipe:
        def array(key: str) -> np.ndarray | None:
            return None if raw.get(key) is None else np.asarray(raw[key], dtype=np.float64)

        def required(key: str) -> np.ndarray:
            value = array(key)
            if value is None:  # to_json always writes it: the model file's metadata is damaged
                raise ValueError(f"the C-MAPSS recipe has no {key!r}: re-run the federation")
            return value

        return cls(sensors=tuple(raw["sensors"]), include_op_settings=bool(raw["include_op_settings"]),
                   condition_normalisation=bool(raw["condition_normalisation"]), centres=required("centres"),
                   means=required("means"), stds=required("stds"), op_mean=array("op_mean"), op_std=array("op_std"),
                   smoothing=float(raw["smoothing"]), baseline_cycles=raw.get("baseline_cycles"),
                   sequence_length=int(raw["sequence_length"]))

    # ----------------------------------------------------------------------------- applying
    def conditions(self, settings: np.ndarray, units: np.ndarray, cycles: np.ndarray, source: str) -> np.ndarray:
        """The condition of every row: the centre within tolerance of all three settings, else refused."""
        tolerance = np.asarray(OP_SETTING_TOLERANCES)
        within = (np.abs(settings[:, None, :] - self.centres[None, :, :]) <= tolerance).all(axis=2)  # (rows, K)
        unmatched = np.flatnonzero(~within.any(axis=1))
        if unmatched.size:
            i = int(unmatched[0])
            raise CycleTableError(
                f"{source}: engine {int(units[i])} cycle {int(cycles[i])} runs at op settings "
                f"{np.round(settings[i], 4).tolist()}, an operating condition this site never trained on "
                f"(its conditions: {np.round(self.centres, 3).tolist()}; {unmatched.size} such rows): predict it "
                "with a site that has this condition")
        return within.argmax(axis=1)

    def engine_windows(self, table: np.ndarray, columns: list[str], source: str = "input"
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(units, cycles seen, windows (E, C, L))``: each engine's last L cycles, front-padded by
        repeating its first cycle when shorter — exactly as the site's official test engines."""
        sensors = table[:, [columns.index(c) for c in self.sensors]]
        settings = table[:, [columns.index(c) for c in OP_SETTINGS]]
        if self.condition_normalisation:
            cond = self.conditions(settings, table[:, columns.index("unit")], table[:, columns.index("cycle")], source)
            normed = np.zeros_like(sensors)
            for c in np.unique(cond):
                rows = cond == c
                normed[rows] = zscore_with(sensors[rows], self.means[c], self.stds[c])
        else:
            normed = zscore_with(sensors, self.means[0], self.stds[0])
        if self.include_op_settings:
            if self.op_mean is None or self.op_std is None:  # from_splits sets both with include_op_settings
                raise ValueError("the C-MAPSS recipe has op-setting channels but no op_mean/op_std: "
                                 "re-run the federation")
            normed = np.concatenate([normed, zscore_with(settings, self.op_mean, self.op_std)], axis=1)
        feats = normed.astype(np.float32)
        if self.baseline_cycles is not None:
            feats = np.concatenate([feats, since_engine_start(feats, table, columns, self.baseline_cycles)], axis=1)
        if self.smoothing > 0:
            feats = smooth_per_engine(feats, table, columns, self.smoothing)
        return last_window_per_engine(feats, table, columns, self.sequence_length)


def read_cycle_table(path: Path, sensors: tuple[str, ...]) -> tuple[np.ndarray, list[str]]:
    """An engine cycle table from ``.txt`` (NASA's layout: 26 whitespace-separated columns, unit,
    cycle, op_setting_1..3, sensor_1..21, no header) or ``.csv`` (a header naming at least unit,
    cycle, op_setting_1..3 and the model's sensors). Rows sorted by engine, cycles consecutive."""
    path = Path(path)
    if not path.exists():
        raise CycleTableError(f"{path}: no such file")
    try:
        if path.suffix == ".txt":
            table = np.loadtxt(path, ndmin=2)
            columns = list(CMAPSS_COLUMNS)
            if table.shape[1] != len(columns):
                raise CycleTableError(f"{path}: {table.shape[1]} columns; NASA's layout has {len(columns)} "
                                      f"({', '.join(columns[:5])}, sensor_1 .. sensor_21): "
                                      "or give a .csv with a header")
        elif path.suffix == ".csv":
            with path.open() as handle:
                columns = [c.strip() for c in handle.readline().strip().split(",")]
            table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
        else:
            raise CycleTableError(f"{path}: unsupported file type {path.suffix!r} for engine cycles: use .txt "
                                  "(NASA's layout) or .csv (with a header)")
    except ValueError as exc:
        if isinstance(exc, CycleTableError):
            raise
        raise CycleTableError(f"{path}: not a numeric table ({exc}): one row per engine cycle") from exc
    needed = ["unit", "cycle", *OP_SETTINGS, *sensors]
    missing = [c for c in needed if c not in columns]
    if missing:
        unknown = [c for c in columns if c not in CMAPSS_COLUMNS]
        raise CycleTableError(f"{path}: column(s) {missing} missing from the header {columns}"
                              f"{f' (not C-MAPSS names: {unknown})' if unknown else ''}: the model needs {needed}")
    if table.shape[0] == 0:
        raise CycleTableError(f"{path}: no rows: one row per engine cycle")
    if not np.isfinite(table).all():
        row = int(np.flatnonzero(~np.isfinite(table).all(axis=1))[0])
        raise CycleTableError(f"{path}: data row {row + 1} has a NaN/Inf value: give every sensor a number")
    unit, cycle = table[:, columns.index("unit")], table[:, columns.index("cycle")]
    bad = np.flatnonzero((np.diff(unit) < 0) | ((np.diff(unit) == 0) & (np.diff(cycle) != 1)))
    if bad.size:
        raise CycleTableError(f"{path}: data row {int(bad[0]) + 2}: rows must be sorted by unit, each unit's cycles "
                              "consecutive (1, 2, 3, ...)")
    return table.astype(np.float64), columns
