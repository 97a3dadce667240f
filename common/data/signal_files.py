"""Reading user-supplied recordings (.npy, .csv) and window archives (.npz) with full checks.

Each reader appends every problem it finds to a list (naming the file, the manifest entry,
the row/key and the fix) and returns None when the file cannot be used, so the directory
loader can report all problems of all files at once.
"""

from __future__ import annotations

import math
import os
import tokenize
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

MAX_ROWS_LISTED = 5  # bad rows named per file before summarising the rest
WINDOW_KEYS = ("x", "y", "split", "target")
SPLIT_VALUES = ("train", "test")
# What reading a damaged or hostile .npy / .npz can raise (a header numpy cannot parse, a bad deflate
# stream, an encrypted or unsupported zip member, a truncated file): each one a problem naming the
# file, never a traceback. RuntimeError covers an encrypted member and a header nested too deep.
READ_ERRORS = (OSError, ValueError, EOFError, SyntaxError, TypeError, tokenize.TokenError, zipfile.BadZipFile,
               zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError)

MAX_ARRAY_BYTES = 8 * 2**30
"""Most bytes of arrays one plant's data files may declare (each file, and all of a directory together)."""
MAX_CSV_BYTES = 256 * 2**20
"""Largest .csv recording read (text costs many times its numbers' memory): save larger ones as .npy."""
FLOAT32_MAX = float(np.finfo(np.float32).max)
"""Samples are float32 inside the plant: a larger magnitude would become Inf."""


def memory_limit() -> int:
    """Bytes a plant may load: :data:`MAX_ARRAY_BYTES`, or less when this host has less memory available."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return min(MAX_ARRAY_BYTES, int(line.split()[1]) * 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return min(MAX_ARRAY_BYTES, os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (OSError, ValueError, AttributeError):
        return MAX_ARRAY_BYTES


def size_text(nbytes: float) -> str:
    """``nbytes`` for a person: 3.2 GiB, 12.0 MiB, 512 bytes."""
    for unit, scale in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if nbytes >= scale:
            return f"{nbytes / scale:.1f} {unit}"
    return f"{int(nbytes)} bytes"


@dataclass(frozen=True)
class DeclaredArray:
    """What one array of a .npy / .npz says about itself in its header, before its data is read."""

    name: str
    shape: tuple[int, ...]
    dtype: np.dtype | None  # None: a .npz member that is not a .npy (np.load returns its raw bytes)
    nbytes: int


def _npy_header(handle: IO[bytes], name: str) -> DeclaredArray:
    """The header of the .npy in ``handle`` (at its start); ValueError when it is not a readable one."""
    version = np.lib.format.read_magic(handle)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(handle)
    else:  # (2, 0) and (3, 0) share the layout; 3.0 only allows UTF-8 field names
        shape, _, dtype = np.lib.format.read_array_header_2_0(handle)
    shape = tuple(int(n) for n in shape)
    if any(n < 0 for n in shape):
        raise ValueError(f"negative dimension in shape {shape}")
    return DeclaredArray(name, shape, dtype, math.prod(shape) * dtype.itemsize)


def declared_arrays(path: Path) -> list[DeclaredArray]:
    """Every array a .npy or .npz file declares (name, shape, dtype, bytes), read from headers only.

    Raises OSError, ValueError, EOFError or zipfile.BadZipFile for a file that is not one; the
    readers report those the same way as np.load's.
    """
    with open(path, "rb") as handle:
        if not zipfile.is_zipfile(handle):  # np.load also goes by the content, not the suffix
            handle.seek(0)
            return [_npy_header(handle, path.name)]
    out: list[DeclaredArray] = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                if member.read(6) == b"\x93NUMPY":
                    with archive.open(info) as again:
                        out.append(_npy_header(again, info.filename.removesuffix(".npy")))
                else:  # np.load hands such a member back as bytes: its unpacked size
                    out.append(DeclaredArray(info.filename, (info.file_size,), None, info.file_size))
    return out


def declared_size_problem(path: Path, where: str, limit: int | None = None) -> str | None:
    """A problem when ``path``'s headers declare more than ``limit`` bytes (default: :func:`memory_limit`).

    Reads headers only, so a file declaring a TiB is refused without allocating it. A file
    that is not a readable .npy / .npz gives None here: its reader reports it.
    """
    try:
        arrays = declared_arrays(path)
    except READ_ERRORS:
        return None
    total = sum(a.nbytes for a in arrays)
    limit = memory_limit() if limit is None else limit
    if total <= limit:
        return None
    biggest = max(arrays, key=lambda a: a.nbytes)
    what = (f"array {biggest.name!r} of shape {biggest.shape} and dtype {biggest.dtype} alone is "
            f"{size_text(biggest.nbytes)}" if biggest.dtype is not None
            else f"member {biggest.name!r} unpacks to {size_text(biggest.nbytes)}")
    why = ("the limit for one plant's data" if limit >= MAX_ARRAY_BYTES
           else "the memory this host has available now")
    return (f"{path} ({where}): declares {size_text(total)} of data ({what}), more than the "
            f"{size_text(limit)} it may load ({why}): keep fewer or shorter recordings / windows in it, "
            "or store float32 (half of float64)")


def _beyond_float32(values: np.ndarray) -> np.ndarray:
    """Boolean mask of finite values that float32 cannot hold (they would become Inf)."""
    if values.dtype.kind != "f" or values.dtype.itemsize <= 4:
        return np.zeros(values.shape, dtype=bool)
    return np.abs(values) > FLOAT32_MAX


def is_real(dtype: np.dtype) -> bool:
    """Whether values of ``dtype`` are real numbers (float or integer), as windows must be."""
    return dtype.kind in "fiu"


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
    too_big = declared_size_problem(path, where)
    if too_big:
        problems.append(too_big)
        return None
    try:
        arr = np.load(path, allow_pickle=False)
    except READ_ERRORS as exc:
        problems.append(f"{path} ({where}): cannot read as .npy ({exc}): save it with numpy.save")
        return None
    if isinstance(arr, np.lib.npyio.NpzFile):
        arr.close()
        problems.append(f"{path} ({where}): is a .npz archive, not one array: save the recording with numpy.save")
        return None
    if not isinstance(arr, np.ndarray) or not is_real(arr.dtype):
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
    checks = ((lambda: ~np.isfinite(sig).all(axis=0), "NaN/Inf", "clean or cut the recording"),
              (lambda: _beyond_float32(sig).any(axis=0), f"values beyond float32 range (|x| > {FLOAT32_MAX:.3g})",
               "rescale the recording (e.g. to g or m/s²)"))
    for bad_samples, what, fix in checks:  # the second runs only on finite samples
        rows = np.flatnonzero(bad_samples())
        if rows.size:
            problems.append(f"{path} ({where}): {what} at sample index {int(rows[0])} ({rows.size} samples "
                            f"affected; {_rows_text(rows, 'sample')}): {fix}")
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
        size = path.stat().st_size
    except OSError as exc:
        problems.append(f"{path} ({where}): cannot read ({exc})")
        return None
    if size > MAX_CSV_BYTES:
        problems.append(f"{path} ({where}): the .csv is {size_text(size)}, more than the {size_text(MAX_CSV_BYTES)} "
                        "read as text: save the recording as .npy (numpy.save, float32) instead")
        return None
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
    huge = np.flatnonzero(_beyond_float32(data).any(axis=1))
    if huge.size:
        first = int(huge[0])
        problems.append(
            f"{path} ({where}): values beyond float32 range (|x| > {FLOAT32_MAX:.3g}) at data row {first} "
            f"(line {lines[first][0]}; {huge.size} rows affected: {_rows_text([lines[r][0] for r in huge], 'line')}): "
            "rescale the recording (e.g. to g or m/s²)"
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


def _split_text(split: np.ndarray) -> np.ndarray:
    """``split`` as str; bytes that are not ASCII become U+FFFD (then reported as a bad value)."""
    return split.astype(str) if split.dtype.kind == "U" else np.char.decode(split, "ascii", errors="replace")


def _check_split(path: Path, where: str, split: np.ndarray, y: np.ndarray, problems: list[str]) -> bool:
    if not isinstance(split, np.ndarray) or split.shape != y.shape or split.dtype.kind not in "US":
        problems.append(
            f"{path} ({where}): key 'split' must be a string array of shape {y.shape} with values "
            f"{list(SPLIT_VALUES)}, got {getattr(split, 'dtype', type(split).__name__)} {getattr(split, 'shape', '')}"
        )
        return False
    values = _split_text(split)
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
    too_big = declared_size_problem(path, where)
    if too_big:
        problems.append(too_big)
        return None
    try:
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            problems.append(f"{path} ({where}): holds one array, not a .npz archive of windows: save it with "
                            "numpy.savez(path, x=windows, y=labels)")
            return None
        with loaded as archive:
            arrays = {k: archive[k] for k in archive.files}
    except READ_ERRORS as exc:
        problems.append(f"{path} ({where}): cannot read as .npz ({exc}): save it with numpy.savez")
        return None
    before = len(problems)
    for key in arrays:
        if key not in WINDOW_KEYS:
            problems.append(f"{path} ({where}): unknown key {key!r}: allowed keys are {list(WINDOW_KEYS)}")
    for key in ("x", "y"):
        if key not in arrays:
            problems.append(f"{path} ({where}): required key {key!r} missing; keys present: {sorted(arrays)}")
    for key, value in arrays.items():
        if key in WINDOW_KEYS and not isinstance(value, np.ndarray):  # a member that is no .npy: np.load gives bytes
            problems.append(f"{path} ({where}): key {key!r} is not a numpy array in the archive: save it with "
                            "numpy.savez(path, x=..., y=...)")
    if len(problems) > before:
        return None
    x, y = arrays["x"], arrays["y"]
    if not isinstance(x, np.ndarray) or x.ndim != 3 or not is_real(x.dtype):
        problems.append(f"{path} ({where}): key 'x' must be a real array of shape (N, C, L), got {x.dtype} {x.shape}")
        return None
    ok = _check_channels(path, where, x.shape[1], channels, f"x shape (N, C, L) = {x.shape}", problems)
    if x.shape[2] != length:
        problems.append(
            f"{path} ({where}): windows are {x.shape[2]} samples long (x shape {x.shape}) but the window "
            f"length is {length}: set the window length to {x.shape[2]} or re-cut the windows"
        )
        ok = False
    if not isinstance(y, np.ndarray) or y.shape != (x.shape[0],) or y.dtype.kind not in "iu":
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
    nonfinite = np.flatnonzero(~np.isfinite(x).all(axis=(1, 2)))
    if nonfinite.size:
        problems.append(
            f"{path} ({where}): key 'x' has NaN/Inf in window {int(nonfinite[0])} ({nonfinite.size} windows "
            f"affected: {_rows_text(nonfinite, 'window')}): clean or drop them"
        )
        ok = False
    huge = np.flatnonzero(_beyond_float32(x).any(axis=(1, 2)))
    if huge.size:
        problems.append(
            f"{path} ({where}): key 'x' has values beyond float32 range (|x| > {FLOAT32_MAX:.3g}) in window "
            f"{int(huge[0])} ({huge.size} windows affected: {_rows_text(huge, 'window')}): rescale them "
            "(e.g. to g or m/s²)"
        )
        ok = False
    split = arrays.get("split")
    if split is not None and not _check_split(path, where, split, y, problems):
        ok = False
    target = arrays.get("target")
    if target is not None and (not isinstance(target, np.ndarray) or target.shape != (x.shape[0],)
                               or not is_real(target.dtype)):
        problems.append(f"{path} ({where}): key 'target' must be a real array of shape ({x.shape[0]},), got "
                        f"{getattr(target, 'dtype', type(target).__name__)} {getattr(target, 'shape', '')}: "
                        "one regression target per window (NaN = none)")
        ok = False
    elif target is not None and _beyond_float32(target).any():
        rows = np.flatnonzero(_beyond_float32(target))
        problems.append(f"{path} ({where}): key 'target' has values beyond float32 range (|x| > {FLOAT32_MAX:.3g}) "
                        f"at {_rows_text(rows, 'window')}: rescale the targets")
        ok = False
    if not ok:
        return None
    return WindowArchive(
        x=x.astype(np.float32),
        y=y.astype(np.int64),
        split=None if split is None else _split_text(split),
        target=None if target is None else target.astype(np.float32),
    )
