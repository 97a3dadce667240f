"""Reading user-supplied recordings (.npy, .csv) and window archives (.npz) with full checks.

Each reader appends every problem it finds to a list (naming the file, the manifest entry,
the row/key and the fix) and returns None when the file cannot be used, so the directory
loader can report all problems of all files at once.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_ROWS_LISTED = 5  # bad rows named per file before summarising the rest
WINDOW_KEYS = ("x", "y", "split", "target")
SPLIT_VALUES = ("train", "test")


@dataclass(frozen=True)
class WindowArchive:
    """Validated contents of one windows ``.npz``."""

    x: np.ndarray  # float32 (N, C, L)
    y: np.ndarray  # int64 (N,)
    split: np.ndarray | None  # str (N,) of "train"/"test", or None
    target: np.ndarray | None = None  # float32 (N,) regression target, NaN = none; or None


def _rows_text(rows: np.ndarray | list[int], name: str = "row") -> str:
    listed = ", ".join(f"{name} {int(r)}" for r in list(rows)[:MAX_ROWS_LISTED])
    more = len(rows) - MAX_ROWS_LISTED
    return listed + (f" and {more} more" if more > 0 else "")


def _check_channels(path: Path, where: str, found: int, expected: int | None, hint: str, problems: list[str]) -> bool:
    if expected is None or found == expected:
        return True
    problems.append(
        f"{path} ({where}): has {found} channels but the manifest says channels: {expected} ({hint}): "
        f"fix the file or set channels: {found} if all files have {found}"
    )
    return False


def _read_npy(path: Path, where: str, channels: int | None, problems: list[str]) -> np.ndarray | None:
    try:
        arr = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError) as exc:
        problems.append(f"{path} ({where}): cannot read as .npy ({exc}): save it with numpy.save")
        return None
    if not isinstance(arr, np.ndarray) or not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
        problems.append(f"{path} ({where}): must hold real numbers, got dtype {getattr(arr, 'dtype', type(arr))}")
        return None
    if arr.ndim not in (1, 2):
        problems.append(f"{path} ({where}): must have shape (T,) or (C, T), got {arr.shape}")
        return None
    sig = arr[np.newaxis, :] if arr.ndim == 1 else arr
    hint = f"array shape {arr.shape} read as (C, T)"
    if arr.ndim == 2 and channels is not None and arr.shape[1] == channels and arr.shape[0] != channels:
        hint += "; it looks like (T, C): save the transpose so it is (C, T)"
    if not _check_channels(path, where, sig.shape[0], channels, hint, problems):
        return None
    bad = ~np.isfinite(sig).all(axis=0)
    if bad.any():
        rows = np.flatnonzero(bad)
        problems.append(
            f"{path} ({where}): NaN/Inf at sample index {int(rows[0])} ({rows.size} samples affected; "
            f"{_rows_text(rows, 'sample')}): clean or cut the recording"
        )
        return None
    return sig.astype(np.float32)


def _is_float(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _read_csv(path: Path, where: str, channels: int | None, problems: list[str]) -> np.ndarray | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path} ({where}): cannot read as UTF-8 text ({exc})")
        return None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if lines and not all(_is_float(c) for c in lines[0][1].split(",")):
        lines = lines[1:]  # header row
    if not lines:
        problems.append(f"{path} ({where}): no data rows: write T rows of C comma-separated numbers")
        return None
    try:
        data = np.loadtxt([line for _, line in lines], delimiter=",", ndmin=2, dtype=np.float64)
    except ValueError:
        data = None
    if data is None:
        width = len(lines[0][1].split(","))
        bad_width = [n for n, line in lines if len(line.split(",")) != width]
        bad_cells = [n for n, line in lines if not all(_is_float(c) for c in line.split(","))]
        if bad_width:
            problems.append(
                f"{path} ({where}): rows with a column count other than {width}: "
                f"{_rows_text(bad_width, 'line')}: every row needs one value per channel"
            )
        if bad_cells:
            problems.append(
                f"{path} ({where}): non-numeric or empty values at {_rows_text(bad_cells, 'line')}: "
                "write plain numbers separated by commas"
            )
        if not bad_width and not bad_cells:
            problems.append(f"{path} ({where}): cannot parse as comma-separated numbers")
        return None
    if not _check_channels(path, where, data.shape[1], channels, f"{data.shape[1]} columns, one per channel", problems):
        return None
    bad = np.flatnonzero(~np.isfinite(data).all(axis=1))
    if bad.size:
        first = int(bad[0])
        problems.append(
            f"{path} ({where}): NaN/Inf at data row {first} (line {lines[first][0]}; {bad.size} rows affected: "
            f"{_rows_text([lines[r][0] for r in bad], 'line')}): clean or cut the recording"
        )
        return None
    return np.ascontiguousarray(data.T, dtype=np.float32)


def read_signal_file(path: Path, where: str, channels: int | None, problems: list[str]) -> np.ndarray | None:
    """Read one recording as float32 (C, T); None (with problems appended) if unusable.

    ``.npy`` holds (T,) or (C, T); ``.csv`` holds T rows by C comma-separated columns with an
    optional header row.
    """
    if path.suffix.lower() == ".csv":
        return _read_csv(path, where, channels, problems)
    return _read_npy(path, where, channels, problems)


def _check_split(path: Path, where: str, split: np.ndarray, y: np.ndarray, problems: list[str]) -> bool:
    if split.shape != y.shape or split.dtype.kind not in "US":
        problems.append(
            f"{path} ({where}): key 'split' must be a string array of shape {y.shape} with values "
            f"{list(SPLIT_VALUES)}, got {split.dtype} {split.shape}"
        )
        return False
    values = split.astype(str)
    bad = np.flatnonzero(~np.isin(values, SPLIT_VALUES))
    if bad.size:
        problems.append(
            f"{path} ({where}): key 'split' has values other than {list(SPLIT_VALUES)} at "
            f"{_rows_text(bad)} (e.g. {values[bad[0]]!r})"
        )
        return False
    unlabelled_test = np.flatnonzero((values == "test") & (y < 0))
    if unlabelled_test.size:
        problems.append(
            f"{path} ({where}): test windows must be labelled, but y = -1 at {_rows_text(unlabelled_test)}: "
            "label them or mark them split 'train'"
        )
        return False
    return True


def read_window_file(
    path: Path,
    where: str,
    channels: int | None,
    length: int,
    num_classes: int | None,
    problems: list[str],
) -> WindowArchive | None:
    """Read and check one windows ``.npz`` (keys x (N, C, L), y (N,), optional split (N,))."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {k: archive[k] for k in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        problems.append(f"{path} ({where}): cannot read as .npz ({exc}): save it with numpy.savez")
        return None
    before = len(problems)
    for key in arrays:
        if key not in WINDOW_KEYS:
            problems.append(f"{path} ({where}): unknown key {key!r}: allowed keys are {list(WINDOW_KEYS)}")
    for key in ("x", "y"):
        if key not in arrays:
            problems.append(f"{path} ({where}): required key {key!r} missing; keys present: {sorted(arrays)}")
    if len(problems) > before:
        return None
    x, y = arrays["x"], arrays["y"]
    if x.ndim != 3 or not (np.issubdtype(x.dtype, np.floating) or np.issubdtype(x.dtype, np.integer)):
        problems.append(f"{path} ({where}): key 'x' must be a real array of shape (N, C, L), got {x.dtype} {x.shape}")
        return None
    ok = _check_channels(path, where, x.shape[1], channels, f"x shape (N, C, L) = {x.shape}", problems)
    if x.shape[2] != length:
        problems.append(
            f"{path} ({where}): windows are {x.shape[2]} samples long (x shape {x.shape}) but the window "
            f"length is {length}: set the window length to {x.shape[2]} or re-cut the windows"
        )
        ok = False
    if y.shape != (x.shape[0],) or not np.issubdtype(y.dtype, np.integer):
        problems.append(
            f"{path} ({where}): key 'y' must be an integer array of shape ({x.shape[0]},), got {y.dtype} {y.shape}: "
            "save class indices as integers (-1 = unlabelled)"
        )
        return None
    if num_classes is not None:
        bad = np.flatnonzero((y < -1) | (y >= num_classes))
        if bad.size:
            problems.append(
                f"{path} ({where}): key 'y' out of range at {_rows_text(bad)} (e.g. y[{int(bad[0])}] = "
                f"{int(y[bad[0]])}): use 0..{num_classes - 1} for the {num_classes} classes or -1 for unlabelled"
            )
            ok = False
    nonfinite = np.flatnonzero(~np.isfinite(x.reshape(x.shape[0], -1)).all(axis=1))
    if nonfinite.size:
        problems.append(
            f"{path} ({where}): key 'x' has NaN/Inf in window {int(nonfinite[0])} ({nonfinite.size} windows "
            f"affected: {_rows_text(nonfinite, 'window')}): clean or drop them"
        )
        ok = False
    split = arrays.get("split")
    if split is not None and not _check_split(path, where, split, y, problems):
        ok = False
    target = arrays.get("target")
    if target is not None and (target.shape != (x.shape[0],) or not (np.issubdtype(target.dtype, np.floating)
                                                                       or np.issubdtype(target.dtype, np.integer))):
        problems.append(f"{path} ({where}): key 'target' must be a real array of shape ({x.shape[0]},), got "
                        f"{target.dtype} {target.shape}: one regression target per window (NaN = none)")
        ok = False
    if not ok:
        return None
    return WindowArchive(
        x=x.astype(np.float32),
        y=y.astype(np.int64),
        split=None if split is None else split.astype(str),
        target=None if target is None else target.astype(np.float32),
    )
