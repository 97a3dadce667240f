"""CWRU originals (``NNN.mat``, MATLAB v5) -> ``load0.npz`` ... ``load3.npz``.

Each record file holds ``XNNN_DE_time`` (the drive-end accelerometer, a column vector) and usually
``XNNNRPM``; the record number may be zero-padded to three digits (``X097_DE_time``). Some files
also carry another record's variables, so the variable is matched by its number, never by position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .catalogue import cwru_records
from .errors import FetchError
from .matfile import read_mat

NOMINAL_RPM = (1797, 1772, 1750, 1730)
FS_HZ = 12000


def _variable(mat: Mapping[str, Any], number: int, suffix: str) -> np.ndarray | None:
    for key, value in mat.items():
        m = re.fullmatch(rf"X0*(\d+){suffix}", key)
        if m and int(m.group(1)) == number:
            return np.asarray(value)
    return None


def record_signal(mat: Mapping[str, Any], number: int) -> tuple[np.ndarray, int]:
    """The drive-end signal of record ``number`` as float32 and its RPM (-1 when the file has none)."""
    signal = _variable(mat, number, "_DE_time")
    if signal is None:
        names = sorted(k for k in mat if not k.startswith("__"))
        raise FetchError(f"{number}.mat: no variable X{number:03d}_DE_time (has {names}): the file is not CWRU "
                         f"record {number}; fetch it again or check the mirror")
    rpm = _variable(mat, number, "RPM")
    return signal.astype(np.float32).reshape(-1), int(np.asarray(rpm).reshape(-1)[0]) if rpm is not None else -1


def load_arrays(mats: Mapping[int, Mapping[str, Any]], load: int) -> dict[str, np.ndarray]:
    """The arrays of ``load{load}.npz`` from the loaded record files (record number -> ``loadmat`` dict)."""
    records = cwru_records(load)
    out: dict[str, np.ndarray] = {}
    rpms = []
    for cls, number in records.items():
        if number not in mats:
            raise FetchError(f"{number}.mat (class {cls} at {load} HP) is missing from the download")
        out[cls], rpm = record_signal(mats[number], number)
        rpms.append(rpm)
    out.update(
        classes=np.array(list(records)), file_numbers=np.array(list(records.values()), dtype=np.int32),
        rpm_in_file=np.array(rpms, dtype=np.int32),
        lengths=np.array([out[c].size for c in records], dtype=np.int64),
        load_hp=np.array(load, dtype=np.int32), nominal_rpm=np.array(NOMINAL_RPM[load], dtype=np.int32),
        fs_hz=np.array(FS_HZ, dtype=np.int32), channel=np.array("DE"),
        missing_classes=np.array([] if load == 0 else ["normal"], dtype="<U8"),
        missing_file_numbers=np.array([] if load == 0 else [97 + load], dtype=np.int32),
    )
    return out


def convert(folder: Path) -> dict[str, dict[str, np.ndarray]]:
    """Every ``loadN.npz`` from the ``NNN.mat`` files in ``folder``."""
    numbers = sorted({n for load in range(4) for n in cwru_records(load).values()})
    mats = {n: read_mat(folder / f"{n}.mat", f"{n}.mat") for n in numbers}
    return {f"load{load}.npz": load_arrays(mats, load) for load in range(4)}
