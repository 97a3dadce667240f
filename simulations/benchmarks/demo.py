"""The default demo over seeds: did federation help each plant, and by how much (docs/reports.md).

Run: make bench-demo   (writes simulations/results/demo.{json,md}; ~10 min on 2 cores)

Scenario: simulations/scenarios/default.yaml as shipped, with only ``seed`` changed per run, run as
``factoryfl simulate`` runs it (``simulations.api.simulate``: Flower's simulation engine). Per plant
and seed, the report's own verdict (``server.report_headline.plant_verdict``): the kept model's test
accuracy against the plant's local-only model, or against chance (20 %, five classes) for a plant
without labels. Each plant picks its kept model on its own validation split (or, without labels, by
its label-free guard); test labels are only read here, to report.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from simulations.benchmarks.common import command_line, json_object, machine, machine_line, mean_std, publish

logger = logging.getLogger(__name__)

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "default.yaml"


def run_once(tmp: Path, seed: int, window: dict[str, Any] | None = None) -> dict[str, Any]:
    """One simulation of the demo at ``seed`` (``window``: keys merged into the scenario's window): each plant's
    verdict and the wall time."""
    from server.report_headline import verdicts
    from simulations.api import simulate

    body = yaml.safe_load(SCENARIO.read_text())
    body["seed"] = seed
    if window:
        body["window"] = {**body["window"], **window}
    path = tmp / f"default-seed{seed}.yaml"
    path.write_text(yaml.safe_dump(body, sort_keys=False))
    started = time.perf_counter()
    results = simulate(path, runs_dir=tmp / "runs")
    wall = time.perf_counter() - started
    plants = {}
    for v in verdicts(results.raw, {pid: e for pid, e in results.epsilon.items() if e is not None}):
        plants[v.plant] = {"status": v.status, "labelled": v.labelled, "kept": v.kept, "kept_accuracy": v.kept_value,
                           "local_only_accuracy": v.local_value, "reference": v.reference,
                           "gain_points": v.delta, "outcome": v.outcome,
                           "n_test": results.raw["plants"][v.plant].get("n_test")}
    return {"seed": seed, "wall_s": wall, "plants": plants}


def _pct(value: float | None) -> str:
    return f"{100 * value:.1f}" if value is not None else "—"


def markdown(payload: dict[str, Any]) -> str:
    runs = payload["runs"]
    seeds = [r["seed"] for r in runs]
    plant_ids = list(runs[0]["plants"]) if runs else []
    n_test = {r["plants"][p].get("n_test") for r in runs for p in plant_ids}
    lines = ["# The default demo over seeds (default.yaml, 5 plants)", "", machine_line(payload["machine"]),
             f"Command: `{payload['command']}`.", "",
             f"Seeds {seeds}; {len(plant_ids)} plants; test windows per plant: {sorted(n_test, key=str)}; 5 classes "
             "(chance 20 %). The scenario file as shipped, only `seed` changed"
             + (f" and the window's {payload['window']}" if payload.get("window") else "")
             + "; run as `factoryfl simulate` runs it. "
             "Per plant the report's headline verdict: the kept model (chosen on the plant's validation split, or "
             "by the label-free guard) against local-only on the plant's test split, or against chance for the "
             "plant without labels. Gains are mean ± population std over seeds.", "",
             "| plant | labels | local-only (%, per seed) | kept (%, per seed) | model kept | gain (points, per seed) "
             "| mean gain ± std |", "|---|---|---|---|---|---|---|"]
    for pid in plant_ids:
        rows = [r["plants"][pid] for r in runs]
        gains = [row["gain_points"] for row in rows if row["gain_points"] is not None]
        mean, std = mean_std(gains)
        local = " / ".join(_pct(row["local_only_accuracy"]) for row in rows)
        if all(row["local_only_accuracy"] is None for row in rows):
            local = "— (no labels; chance 20)"
        kept = " / ".join(_pct(row["kept_accuracy"]) for row in rows)
        models = ", ".join(sorted({str(row["kept"]) for row in rows}))
        gain = " / ".join(f"{g:+.1f}" if g is not None else "—" for g in (row["gain_points"] for row in rows))
        mean_text = f"{mean:+.1f} ± {std:.1f}" if gains else "—"
        labelled = rows[0]["labelled"]
        lines.append(f"| {pid} | {labelled if labelled is not None else '?'} | {local} | {kept} | {models} | {gain} "
                     f"| {mean_text} |")
    outcomes: dict[str, int] = {}
    for r in runs:
        for row in r["plants"].values():
            outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + 1
    walls = [r["wall_s"] for r in runs]
    lines += ["", "Outcomes over plants × seeds: " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) + ".",
              f"Wall time per run: {mean_std(walls)[0]:.0f} s (min {min(walls):.0f}, max {max(walls):.0f}) on this "
              "shared machine.", "",
              "Selection: none here. The scenario was written once and run as is; nothing in it was tuned to these "
              "figures. Each plant's kept model is chosen on its own validation split (held out of federated "
              "pretraining), never on test labels."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated scenario seeds")
    parser.add_argument("--name", default="demo", help="results name ('' prints only)")
    parser.add_argument("--window", type=json_object("--window"), default=None,
                        help="JSON keys merged into the scenario's window, e.g. '{\"resample_to_hz\": 12000}'")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    runs = []
    with tempfile.TemporaryDirectory(prefix="ff-demo-bench-") as tmp_name:
        for seed in (int(s) for s in args.seeds.split(",") if s.strip()):
            runs.append(run_once(Path(tmp_name), seed, args.window))
            print(f"seed {seed}: {runs[-1]['plants']}", flush=True)
    payload = {"machine": machine(), "scenario": SCENARIO.name, "runs": runs, "window": args.window,
               "command": command_line("simulations.benchmarks.demo", parser, args, "bench-demo")}
    publish(args.name or None, payload, markdown(payload))


if __name__ == "__main__":
    main()
