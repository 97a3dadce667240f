"""C-MAPSS original (``CMAPSSData.zip`` with ``train_FD00N.txt``, ``test_FD00N.txt``, ``RUL_FD00N.txt``)
-> ``fd001.npz`` ... ``fd004.npz``.

The text files are whitespace-separated rows of 26 numbers (unit, cycle, 3 operating settings, 21
sensors); ``RUL_FD00N.txt`` holds one true RUL per test engine.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from .errors import FetchError

COLUMNS = ("unit", "cycle", "op_setting_1", "op_setting_2", "op_setting_3") + tuple(f"sensor_{i}" for i in range(1, 22))
SUBSETS = (1, 2, 3, 4)


def parse_table(text: str, source: str, columns: int) -> np.ndarray:
    """Rows of ``columns`` whitespace-separated numbers (float64); a FetchError naming ``source`` otherwise."""
    try:
        table = np.loadtxt(io.StringIO(text), dtype=np.float64, ndmin=2)
    except ValueError as exc:
        raise FetchError(f"{source}: not a table of numbers ({exc}): the archive is damaged; fetch it again") from exc
    if table.shape[1] != columns or table.shape[0] == 0:
        raise FetchError(f"{source}: expected rows of {columns} numbers, got shape {table.shape}: not the C-MAPSS file")
    return table


def subset_arrays(train_text: str, test_text: str, rul_text: str, subset: int) -> dict[str, np.ndarray]:
    """The arrays of ``fd00{subset}.npz`` from the three text files of one sub-set."""
    train = parse_table(train_text, f"train_FD00{subset}.txt", len(COLUMNS))
    test = parse_table(test_text, f"test_FD00{subset}.txt", len(COLUMNS))
    rul = parse_table(rul_text, f"RUL_FD00{subset}.txt", 1).reshape(-1)
    test_units = np.unique(test[:, 0]).size
    if rul.size != test_units:
        raise FetchError(f"RUL_FD00{subset}.txt has {rul.size} values but test_FD00{subset}.txt has {test_units} "
                         "engines: the archive is damaged; fetch it again")
    return {"train": train.astype(np.float32), "test": test.astype(np.float32), "rul": rul.astype(np.float32),
            "columns": np.array(COLUMNS), "train_units": np.array(np.unique(train[:, 0]).size, dtype=np.int32),
            "test_units": np.array(test_units, dtype=np.int32)}


def convert(folder: Path) -> dict[str, dict[str, np.ndarray]]:
    """Every ``fd00N.npz`` from ``folder/CMAPSSData.zip`` (members found by file name, at any depth)."""
    archive = folder / "CMAPSSData.zip"
    try:
        with zipfile.ZipFile(archive) as zf:
            by_name = {Path(n).name: n for n in zf.namelist()}

            def text(name: str) -> str:
                if name not in by_name:
                    raise FetchError(f"CMAPSSData.zip has no {name} (has {sorted(by_name)}): not NASA's archive")
                return zf.read(by_name[name]).decode("ascii", errors="replace")

            return {f"fd00{k}.npz": subset_arrays(text(f"train_FD00{k}.txt"), text(f"test_FD00{k}.txt"),
                                                  text(f"RUL_FD00{k}.txt"), k) for k in SUBSETS}
    except zipfile.BadZipFile as exc:
        raise FetchError(f"{archive.name}: not a zip archive ({exc}): fetch it again or check the mirror") from exc
