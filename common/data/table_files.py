"""Reading tabular process recordings: a CSV with a header, a time column and variable columns.

One file is one run. The manifest names the time column and its unit and the variable columns
(the channels, in that order); other columns are ignored. Checks, each naming the file and the
line (1-based, the header is line 1) and the fix: a missing column, a non-numeric or empty cell
in a used column, NaN/Inf, and the time column: strictly increasing, and regular — every step
within ``INTERVAL_TOLERANCE`` (relative) of the file's median step, which is the sample interval.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .signal_files import MAX_CSV_BYTES, size_text

TIME_UNITS: dict[str, float] = {"ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}
"""Units of the time column, in seconds."""
INTERVAL_TOLERANCE = 0.01
"""A time step may differ from the median step by at most this fraction of it."""
MAX_LINES_LISTED = 5


@dataclass(frozen=True)
class TableSpec:
    """Which column is time (and in which unit) and which columns are the variables."""

    time_column: str
    time_unit: str
    variables: tuple[str, ...]
    # fixed per-variable (centre, scale), in ``variables`` order, set in advance (design values, instrument
    # span): no statistic of the plant's rows shapes the windows. None: z-score with the normal train rows
    scaling: tuple[tuple[float, float], ...] | None = None


@dataclass(frozen=True)
class Table:
    """One run: ``rows`` (T, C) float64 in ``variables`` order, and its sample interval in seconds."""

    rows: np.ndarray
    interval_s: float


def _lines_text(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:MAX_LINES_LISTED])
    return f"line {shown}" + (f" and {len(lines) - MAX_LINES_LISTED} more" if len(lines) > MAX_LINES_LISTED else "")


def _header(path: Path, where: str, header: list[str], spec: TableSpec, problems: list[str]) -> list[int] | None:
    names = [h.strip() for h in header]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(f"{path} ({where}): the header names columns {dupes} more than once: rename them")
        return None
    wanted = [("time.column", spec.time_column)] + [(f"variables[{i}]", v) for i, v in enumerate(spec.variables)]
    missing = [(key, name) for key, name in wanted if name not in names]
    for key, name in missing:
        problems.append(f"{path} ({where}): column {name!r} (manifest key {key}) is not in the header (line 1), "
                        f"which has {names}: fix the manifest's {key.split('[')[0]} or the file's header")
    return None if missing else [names.index(name) for _, name in wanted]


def _numbers(path: Path, where: str, rows: list[tuple[int, list[str]]], columns: list[int], names: list[str],
             width: int, problems: list[str]) -> np.ndarray | None:
    """The used columns as float64 (T, 1 + C); None with one problem per kind of bad cell."""
    out = np.empty((len(rows), len(columns)), dtype=np.float64)
    short: list[int] = []
    bad: list[tuple[int, str, str]] = []
    for r, (line, cells) in enumerate(rows):
        if len(cells) != width:
            short.append(line)
            continue
        for j, c in enumerate(columns):
            try:
                out[r, j] = float(cells[c])
            except ValueError:
                bad.append((line, names[j], cells[c]))
    if short:
        problems.append(f"{path} ({where}): rows with a column count other than the header's {width}: "
                        f"{_lines_text(short)}: every row needs one cell per header column")
    if bad:
        line, name, cell = bad[0]
        problems.append(f"{path} ({where}): line {line}, column {name!r}: {cell!r} is not a number "
                        f"({len(bad)} such cells, {_lines_text(sorted({b[0] for b in bad}))}): write plain numbers "
                        "(no empty cells; cut or fill gaps before export)")
    if short or bad:
        return None
    nonfinite = np.flatnonzero(~np.isfinite(out).all(axis=1))
    if nonfinite.size:
        lines = [rows[i][0] for i in nonfinite]
        problems.append(f"{path} ({where}): NaN/Inf at {_lines_text(lines)}: clean or cut the recording")
        return None
    return out


def _interval(path: Path, where: str, time_s: np.ndarray, lines: list[int], spec: TableSpec,
              problems: list[str]) -> float | None:
    """The sample interval (s) from the time column; None with a problem when time is not regular."""
    step = np.diff(time_s)
    back = np.flatnonzero(step <= 0)
    if back.size:
        i = int(back[0]) + 1
        problems.append(f"{path} ({where}): time column {spec.time_column!r} does not increase at line {lines[i]} "
                        f"({time_s[i - 1] / TIME_UNITS[spec.time_unit]:g} then "
                        f"{time_s[i] / TIME_UNITS[spec.time_unit]:g} {spec.time_unit}; {back.size} such steps): sort "
                        "the rows by time and remove duplicated time stamps")
        return None
    median = float(np.median(step))
    off = np.flatnonzero(np.abs(step - median) > INTERVAL_TOLERANCE * median)
    if off.size:
        i = int(off[0]) + 1
        unit = TIME_UNITS[spec.time_unit]
        problems.append(f"{path} ({where}): irregular time column {spec.time_column!r} at line {lines[i]}: step "
                        f"{step[i - 1] / unit:g} {spec.time_unit}, the file's interval is {median / unit:g} "
                        f"{spec.time_unit} ({off.size} irregular steps, {_lines_text([lines[k + 1] for k in off])}): "
                        "resample the run to a fixed interval, or split it at the gap into separate files")
        return None
    return median


def read_table(path: Path, where: str, spec: TableSpec, problems: list[str]) -> Table | None:
    """One run as a :class:`Table`; None (with every problem appended) when unusable."""
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            problems.append(f"{path} ({where}): the .csv is {size_text(size)}, more than the "
                            f"{size_text(MAX_CSV_BYTES)} read as text: split the run into shorter files")
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path} ({where}): cannot read as UTF-8 text ({exc})")
        return None
    parsed = [(n, cells) for n, cells in enumerate(csv.reader(io.StringIO(text)), start=1)
              if any(c.strip() for c in cells)]
    if len(parsed) < 3:
        problems.append(f"{path} ({where}): needs a header row and at least two data rows, found {len(parsed)} "
                        "non-blank lines")
        return None
    columns = _header(path, where, parsed[0][1], spec, problems)
    if columns is None:
        return None
    names = [spec.time_column, *spec.variables]
    values = _numbers(path, where, parsed[1:], columns, names, len(parsed[0][1]), problems)
    if values is None:
        return None
    time_s = values[:, 0] * TIME_UNITS[spec.time_unit]
    interval = _interval(path, where, time_s, [n for n, _ in parsed[1:]], spec, problems)
    return None if interval is None else Table(values[:, 1:], interval)
