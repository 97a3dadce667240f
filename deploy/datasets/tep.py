"""TEP multimode originals (``M{k}/m{k}dNN.mat``: one matrix ``m{k}dNN``, rows x 81 float64) -> ``mode{k}.npz``.

Columns 0-52 are the process variables XMEAS(1..41), XMV(1..12); columns 53-80 the flags of
IDV(1..28). A run's class comes from its flags, not its file name: no flag set is ``normal``,
exactly one flag ``j`` set (0/1 values) is ``idv{j}``. Anything else is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np

from .catalogue import TEP_CLASS_KEYS, TEP_MODES, tep_original_name
from .errors import FetchError
from .matfile import read_mat

NUM_VARIABLES = 53
NUM_FLAGS = 28
FULL_ROWS = 7201  # 72 h at 0.01 h
VARIABLES = tuple(f"XMEAS({i})" for i in range(1, 42)) + tuple(f"XMV({i})" for i in range(1, 13))


def run_class(matrix: np.ndarray, source: str) -> str:
    """The class a run's flag columns name; a FetchError naming ``source`` for an unexpected matrix."""
    if matrix.ndim != 2 or matrix.shape[1] != NUM_VARIABLES + NUM_FLAGS or matrix.shape[0] == 0:
        raise FetchError(f"{source}: expected rows x {NUM_VARIABLES + NUM_FLAGS}, got {matrix.shape}: not a TEP "
                         "multimode file")
    flags = matrix[:, NUM_VARIABLES:]
    if not np.isin(flags, (0.0, 1.0)).all():
        raise FetchError(f"{source}: IDV flag columns hold values other than 0/1: not a TEP multimode file")
    active = np.flatnonzero(flags.any(axis=0))
    if active.size > 1:
        raise FetchError(f"{source}: {active.size} IDV flags set ({[int(j) + 1 for j in active]}): one run, one fault")
    return "normal" if active.size == 0 else f"idv{int(active[0]) + 1:02d}"


def mode_arrays(runs: Mapping[str, np.ndarray], mode: int) -> dict[str, np.ndarray]:
    """The arrays of ``mode{mode}.npz`` from its runs (source file name -> matrix)."""
    by_class: dict[str, tuple[str, np.ndarray]] = {}
    for source, matrix in runs.items():
        cls = run_class(np.asarray(matrix), source)
        if cls in by_class:
            raise FetchError(f"{source} and {by_class[cls][0]} both hold class {cls}: mode {mode} is inconsistent")
        by_class[cls] = (source, np.asarray(matrix))
    present = [c for c in TEP_CLASS_KEYS if c in by_class]
    if "normal" not in by_class:
        raise FetchError(f"mode {mode}: no normal run (no file without IDV flags): the download is incomplete")
    normal = by_class["normal"][1][:, :NUM_VARIABLES]
    out: dict[str, np.ndarray] = {c: by_class[c][1][:, :NUM_VARIABLES].astype(np.float32) for c in present}
    onset, differs, rows = [], [], []
    for c in present:
        m = by_class[c][1]
        flag = np.zeros(len(m), dtype=bool) if c == "normal" else m[:, NUM_VARIABLES + int(c[3:]) - 1] == 1
        onset.append(int(np.argmax(flag)) if flag.any() else 0)
        n = min(len(m), len(normal))
        diff = np.flatnonzero((m[:n, :NUM_VARIABLES] != normal[:n]).any(axis=1))
        differs.append(-1 if c == "normal" or not diff.size else int(diff[0]))
        rows.append(len(m))
    out.update(
        classes=np.array(present), variables=np.array(VARIABLES), sample_interval_h=np.array(0.01),
        mode=np.array(mode, dtype=np.int32), fault_onset_row=np.array(onset, dtype=np.int32),
        first_row_differs_from_normal=np.array(differs, dtype=np.int32), rows=np.array(rows, dtype=np.int32),
        truncated=np.array([r < FULL_ROWS for r in rows]),
        source_files=np.array([Path(by_class[c][0]).name for c in present]),
        missing_classes=np.array([c for c in TEP_CLASS_KEYS if c not in by_class], dtype="<U5"),
    )
    return out


def convert(folder: Path) -> dict[str, dict[str, np.ndarray]]:
    """Every ``mode{k}.npz`` from the ``M{k}/m{k}dNN.mat`` files in ``folder``."""
    out = {}
    for mode in TEP_MODES:
        runs = {}
        for run in range(len(TEP_CLASS_KEYS)):
            name = tep_original_name(mode, run)
            key = Path(name).stem
            mat = read_mat(folder / name, name)
            if key not in mat:
                raise FetchError(f"{name}: no matrix {key} (has {sorted(k for k in mat if not k.startswith('__'))})")
            runs[name] = mat[key]
        out[f"mode{mode}.npz"] = mode_arrays(runs, mode)
    return out
