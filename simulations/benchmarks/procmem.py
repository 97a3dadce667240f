"""Peak memory of a process and all its descendants (Ray's raylet, GCS and workers included).

Samples /proc every ``interval_s`` in a background thread: the sum of RSS (counts shared pages —
torch's libraries in every worker — once per process) and the sum of PSS (shared pages split
between the processes that map them: the honest total). Linux only.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    tree, out, stack = _children(), [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(tree.get(pid, []))
    return out


def _rss_pss(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes from smaps_rollup; (0, 0) for a process that is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except OSError:
        return 0, 0
    return rss, pss


@dataclass
class MemorySampler:
    """``with MemorySampler() as m: ...`` then ``m.peak_pss``, ``m.peak_rss``, ``m.peak_processes``."""

    root: int = field(default_factory=os.getpid)
    interval_s: float = 0.25
    peak_rss: int = 0
    peak_pss: int = 0
    peak_processes: int = 0
    samples: int = 0

    def sample(self) -> tuple[int, int, int]:
        pids = descendants(self.root)
        totals = [_rss_pss(pid) for pid in pids]
        rss, pss = sum(t[0] for t in totals), sum(t[1] for t in totals)
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, len(pids))
        self.samples += 1
        return rss, pss, len(pids)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval_s)

    def __enter__(self) -> MemorySampler:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self.started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
