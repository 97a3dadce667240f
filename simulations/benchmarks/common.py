"""Shared helpers for benchmarks: machine description and writing JSON + Markdown results."""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

RESULTS_DIR = Path(__file__).resolve().parent.parent / "results"
REPO_ROOT = RESULTS_DIR.parents[1]


def repo_relative(path: str | Path) -> str:
    """``path`` relative to the repository root when it lies inside it (so a report names the same
    file wherever the checkout is), else as given."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(REPO_ROOT)) if resolved.is_relative_to(REPO_ROOT) else str(path)


def machine() -> dict[str, Any]:
    import torch

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "cuda": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_1_5_15": [round(v, 2) for v in os.getloadavg()],
        "memory_total_gib": _memory_total_gib(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _memory_total_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def machine_line(info: dict[str, Any]) -> str:
    """One Markdown line describing the machine and its load when the figures were taken."""
    load = info.get("load_average_1_5_15") or []
    gpu = f", GPU {info['cuda']}" if info.get("cuda") else ", no GPU"
    return (f"Machine: {info['platform']}, {info['nproc']} CPUs (nproc), {info.get('memory_total_gib')} GiB{gpu}, "
            f"torch {info['torch']}; load average (1/5/15 min) at start {load}. "
            "Other work shared these cores: compare arms measured in the same run, not across runs.")


def write_results(name: str, payload: dict[str, Any], markdown: str) -> tuple[Path, Path]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS_DIR / f"{name}.json"
    md_path = RESULTS_DIR / f"{name}.md"
    json_path.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str))
    md_path.write_text(markdown)
    return json_path, md_path


def mean_std(values: list[float]) -> tuple[float, float]:
    import statistics

    if not values:
        return float("nan"), float("nan")
    return statistics.fmean(values), (statistics.pstdev(values) if len(values) > 1 else 0.0)


def per_seed_percent(rows: list[dict[str, Any]], key: str) -> list[float]:
    """Per seed (ascending), the mean of ``100 · row[key]`` over that seed's rows (None values left out)."""
    import numpy as np

    seeds = sorted({r["seed"] for r in rows})
    return [float(np.mean([100 * r[key] for r in rows if r["seed"] == s and r[key] is not None])) for s in seeds]


def percent_cell(rows: list[dict[str, Any]], key: str) -> str:
    """``mean ± std`` over seeds of :func:`per_seed_percent`, one decimal."""
    mean, std = mean_std(per_seed_percent(rows, key))
    return f"{mean:.1f} ± {std:.1f}"


def run_in_tempdir(prefix: str, cases: list[tuple[Any, ...]], run: Callable[..., dict[str, Any]],
                   shown: tuple[str, ...]) -> list[dict[str, Any]]:
    """``run(tmp, *case)`` for every case in one temporary folder (removed afterwards), each row logged
    with its ``shown`` fields and wall time (``row["wall_s"]``)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        for case in cases:
            row = run(Path(tmp), *case)
            rows.append(row)
            logger.warning("%s: %s (%.0f s)", " ".join(map(str, case)), {k: row.get(k) for k in shown},
                        row.get("wall_s", float("nan")))
    return rows


def publish_cases(prefix: str, cases: list[tuple[Any, ...]], run: Callable[..., dict[str, Any]],
                  shown: tuple[str, ...], *, out: str, seeds: list[int], module: str, make_target: str,
                  parser: argparse.ArgumentParser, args: argparse.Namespace,
                  markdown: Callable[[dict[str, Any]], str]) -> None:
    """Run every case (:func:`run_in_tempdir`) and publish their rows (``out`` '' prints only), with
    the seeds, the machine and the command that reproduces them."""
    rows = run_in_tempdir(prefix, cases, run, shown)
    payload = {"rows": rows, "seeds": seeds, "machine": machine(),
               "command": command_line(module, parser, args, make_target)}
    publish(out or None, payload, markdown(payload))


@dataclass(frozen=True)
class TargetRun:
    """One ``factoryfl simulate`` run's record of the plant a benchmark studies."""

    plant: dict[str, Any]
    wall_s: float

    @property
    def metrics(self) -> dict[str, Any]:
        return self.plant.get("metrics") or {}

    @property
    def transfer(self) -> dict[str, Any]:
        return self.plant.get("transfer") or {}

    @property
    def choice(self) -> dict[str, Any]:
        """The plant's model choice (kept model, guard verdict and its diagnostics)."""
        return self.transfer.get("model_choice") or {}

    def accuracy(self, method: str) -> Any:
        return (self.metrics.get(method) or {}).get("accuracy")

    def row(self) -> dict[str, Any]:
        """The fields every target benchmark reports."""
        return {"status": self.plant.get("status"), "n_train": self.plant.get("n_train"),
                "n_test": self.plant.get("n_test"), "guard": self.choice.get("guard"),
                "estimate_used": (self.choice.get("guard_diagnostics") or {}).get("target_prior_kept_estimate"),
                "wall_s": self.wall_s}


def prior_label(prior: str) -> str:
    """A class prior's name in a target benchmark's table (the product default marked)."""
    return f"`{prior}`" + (" (default)" if prior == "auto" else "")


def guard_counts(rows: list[dict[str, Any]]) -> tuple[int, int]:
    """(runs whose adaptation used the target's own prior estimate, runs whose guard kept the adapted model)."""
    return (sum(1 for r in rows if r["estimate_used"] == 1.0), sum(1 for r in rows if r["guard"] == "adapted"))


def simulate_target(path: Path, runs_dir: Path, target: str) -> TargetRun:
    """Run the scenario at ``path`` through ``factoryfl simulate`` and return ``target``'s record."""
    import time

    from simulations.api import simulate

    started = time.perf_counter()
    results = simulate(path, runs_dir=runs_dir)
    return TargetRun(results.raw["plants"][target], time.perf_counter() - started)


def publish(name: str | None, payload: dict[str, Any], text: str) -> None:
    """Print a benchmark's Markdown and, when ``name`` is given, write ``name``.{json,md}."""
    print(text)
    if name:
        json_path, md_path = write_results(name, payload, text)
        print(f"wrote {json_path} and {md_path}")


def rerender(name: str, markdown) -> None:
    """Rewrite ``name``.md from the saved ``name``.json (after a change to the table's wording)."""
    payload = json.loads((RESULTS_DIR / f"{name}.json").read_text())
    publish(name, payload, markdown(payload))


def json_object(flag: str):
    """An argparse ``type`` for a JSON-object option; a bad value names the flag and shows the form."""
    def parse(text: str) -> dict[str, Any]:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise argparse.ArgumentTypeError(f"{flag} {text!r} is not JSON ({exc.msg}): give an object such as "
                                             "'{\"key\": 1}'") from None
        if not isinstance(value, dict):
            raise argparse.ArgumentTypeError(f"{flag} {text!r} must be a JSON object such as '{{\"key\": 1}}'")
        return value
    return parse


def command_line(module: str, parser: argparse.ArgumentParser, args: argparse.Namespace,
                 make_target: str | None = None) -> str:
    """The command that reproduces this run: ``make <target>`` when every option is at its default,
    else ``python -m <module>`` with the options that differ (values shell-quoted)."""
    changed = []
    for key, value in vars(args).items():
        if value == parser.get_default(key):
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            changed.append(flag)
        else:
            changed.append(f"{flag} {shlex.quote(json.dumps(value) if isinstance(value, dict) else str(value))}")
    if not changed and make_target:
        return f"make {make_target}"
    return " ".join([f"python -m {module}", *changed])



def parallel_map(fn, tasks: list[tuple], jobs: int) -> list:
    """``[fn(*t) for t in tasks]`` with ``jobs`` worker processes (spawned: each imports afresh and
    sets its own torch threads), results flattened in task order; ``jobs`` 1 runs in this process."""
    if jobs <= 1:
        return [row for task in tasks for row in fn(*task)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(fn, *task) for task in tasks]
        return [row for future in futures for row in future.result()]


def check_all_trained(results: dict, what: str) -> None:
    """Refuse to measure a model whose federation went on without its plants (a plant that fails is
    left out by design, so an untrained model would otherwise be measured silently). A plant labelled
    for one class declines every round by design (client/plant.py): that is not a plant lost."""
    from client.plant import ONE_CLASS_DECLINE

    def lost(excluded: Any) -> Any:
        if isinstance(excluded, dict):
            return {p: why for p, why in excluded.items() if ONE_CLASS_DECLINE not in str(why)}
        return excluded

    left_out = {r["round"]: lost(r["excluded"]) for r in results["rounds"]
                if lost(r["excluded"]) or not r["participants"]}
    if left_out:
        raise RuntimeError(f"{what}: plants were left out of pretraining (round: reasons): {left_out}")
