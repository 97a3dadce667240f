"""CWRU leave-one-plant-out, every transfer method: three labelled plants federate, the fourth is unlabelled.

For every privacy setting, seed and target load, the three other loads pretrain the shared
model through a federation (the real coordinator and ClientApp, in process), each source
releases DP feature statistics into its own ledger (``client.transfer.release_source_stats``),
the coordinator pools them (``common.transfer.stats.aggregate``, as a run does), and the target
runs every method with the same phase-2 code the ClientApp uses (``client.transfer``), from the
same federated model. With DP, each source's whole ledger (DP-SGD pretraining at ε = 2.5 plus
the statistics release) ends at ε ≤ 3 (δ ≤ 1e-5). Model selection never looks at target labels
(last epoch). 9 fault classes.

Run: make bench-lopo-methods   (writes simulations/results/lopo_methods.{json,md})
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import torch
import yaml

from common.data.locate import default_dir
from simulations.benchmarks.common import check_all_trained, command_line, machine, mean_std, publish
from simulations.benchmarks.transfer_pairs import (
    LOADS,
    TOTAL_EPSILON,
    release_within_budget,
    seed_mean_cells,
    sources_body,
)

METHODS = ("feature_standardization", "shot", "coral", "mmd", "dann", "auto")
AIMS = {False: 99.8, True: 99.3}
SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def run_one(base: dict, cwru_dir: Path, target: str, seed: int, dp: bool, work: Path) -> dict[str, Any]:
    """Federate the three sources, release and pool their statistics, run every method at the target."""
    from client.loader import make_plant
    from client.transfer import adapted_evaluation, run_phase_two
    from common.config import load_scenario, run_spec_from_scenario
    from common.config.scenario import scenario_from_dict
    from common.transfer.stats import aggregate
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    run_dir = work / f"{'dp' if dp else 'nodp'}-s{seed}-{target}"
    run_dir.mkdir(parents=True)
    body = sources_body(base, cwru_dir, f"lopo-{target}-s{seed}", seed, [s for s in LOADS if s != target], dp)
    path = run_dir / "scenario.yaml"
    path.write_text(yaml.safe_dump(body))
    scenario = load_scenario(path)
    started = time.perf_counter()
    check_all_trained(run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir),
                      f"target {target}, seed {seed}")
    pretrain_s = time.perf_counter() - started
    arrays = {k: v.numpy() for k, v in torch.load(run_dir / "global_model.pt")["arrays"].items()}
    released, epsilons, spec = [], {}, None
    for source_spec in scenario.plants:
        source = make_plant(scenario, source_spec, str(run_dir))
        if spec is None:
            spec = dataclasses.replace(run_spec_from_scenario(scenario, tuple(source.data.class_names)),
                                       channels=source.data.channels)
        stats, eps = release_within_budget(source, spec, arrays, dp)
        released.append(stats)
        epsilons[source.plant_id] = eps
    if spec is None:
        raise ValueError(f"target {target}: the scenario has no source plants")
    pooled = aggregate(released)
    target_raw = {"id": target, "labelled_fraction": 0.0,
                  "data": {"source": "cwru", "path": str(cwru_dir / f"{target}.npz")}}
    target_spec = scenario_from_dict({**body, "plants": [target_raw]}, f"target {target}", run_dir).plants[0]
    plant = make_plant(scenario, target_spec, str(run_dir))
    row: dict[str, Any] = {"dp": dp, "seed": seed, "target": target, "n_test": len(plant.data.test),
                           "source_epsilon": epsilons if dp else None, "pretrain_s": pretrain_s,
                           "source_only": plant.evaluate_shared(spec, arrays)["accuracy"], "auto_chosen": None}
    for method in METHODS:
        plant.transfer = method
        _, declared = run_phase_two(plant, spec, arrays, pooled, f"bench-{method}")
        evaluation, _ = adapted_evaluation(plant, f"bench-{method}")
        row[method] = (evaluation or plant.evaluate_shared(spec, arrays))["accuracy"]
        if method == "auto":
            row["auto_chosen"] = declared.get("transfer-chosen")
    row["wall_s"] = time.perf_counter() - started
    return row


def markdown(payload: dict) -> str:
    methods = ["source_only", *payload["methods"]]
    lines = ["# CWRU leave-one-plant-out, every method (9 fault classes)", "",
             f"Command: `{payload['command']}`. The three other loads federate (labelled; the real coordinator and "
             "ClientApp in process), each releases DP feature statistics into its ledger, the coordinator pools "
             "them, and the unlabelled target runs every method from the same federated model; accuracy (%) on the "
             f"target's held-out split, last epoch (no target labels used for selection); seeds {payload['seeds']}. "
             "With DP each source's whole ledger (DP-SGD + statistics release) "
             f"ends at ε ≤ {TOTAL_EPSILON} (δ ≤ 1e-5).",
             f"Machine: {payload['machine']['platform']}, {payload['machine']['cpu_count']} CPUs. Settings: "
             "`simulations/scenarios/cwru_4plants.yaml` without DP, `cwru_4plants_dp.yaml` with DP; adaptation "
             "settings are the defaults of `transfer:`. `auto` is what a plant picks by itself from its measured gap.",
             ""]
    for dp in (False, True):
        rows = [r for r in payload["rows"] if r["dp"] == dp]
        if not rows:
            continue
        lines += [f"## {'With DP at the sources (ε ≤ 3)' if dp else 'Without DP'} — aim ≥ {AIMS[dp]}", "",
                  "| target | test windows | " + " | ".join(methods) + " | auto chose |",
                  "|---|---:|" + "---:|" * len(methods) + "---|"]
        for target in LOADS:
            sel = [r for r in rows if r["target"] == target]
            if not sel:
                continue
            cells = [f"{mean_std([100 * r[m] for r in sel])[0]:.1f} ± {mean_std([100 * r[m] for r in sel])[1]:.1f}"
                     for m in methods]
            chosen = ", ".join(sorted({str(r["auto_chosen"]) for r in sel}))
            lines.append(f"| {target} | {sel[0]['n_test']} | " + " | ".join(cells) + f" | {chosen} |")
        cells = seed_mean_cells(rows, methods, payload["seeds"])
        n_test = sum(r["n_test"] for r in rows if r["seed"] == rows[0]["seed"])
        lines += ["| **mean (± std over seeds)** | " + str(n_test) + " | " + " | ".join(cells) + " | |", ""]
        if dp:
            worst = max(max(v for v in r["source_epsilon"].values()) for r in rows)
            lines += [f"Largest source ε after pretraining and release: {worst:.2f}.", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cwru-dir", default=str(default_dir("cwru")))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--dp", default="off,on", help="comma list of off/on")
    parser.add_argument("--targets", default=",".join(LOADS))
    parser.add_argument("--merge", action="store_true",
                        help="keep rows of other settings/seeds/targets from the last results file")
    parser.add_argument("--name", default="lopo_methods")
    args = parser.parse_args()
    results = Path(__file__).resolve().parents[1] / "results"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("server", "client", "common"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    log = logging.getLogger("lopo_methods")
    cwru_dir = Path(args.cwru_dir)
    if not (cwru_dir / "load0.npz").exists():
        raise SystemExit(f"{cwru_dir}: CWRU plant files (load0.npz …) not found; run `factoryfl data fetch cwru` "
                         "or pass --cwru-dir (docs/data.md)")
    unknown = [t for t in args.targets.split(",") if t not in LOADS]
    if unknown:
        raise SystemExit(f"--targets {args.targets}: unknown load(s) {unknown}; choose from {list(LOADS)}")
    torch.set_num_threads(1)
    seeds = [int(s) for s in args.seeds.split(",")]
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="ffl-lopo-"))
    rows = []
    try:
        for dp in (d == "on" for d in args.dp.split(",")):
            base = yaml.safe_load((SCENARIOS / ("cwru_4plants_dp.yaml" if dp else "cwru_4plants.yaml")).read_text())
            for seed in seeds:
                for target in args.targets.split(","):
                    row = run_one(base, cwru_dir, target, seed, dp, work)
                    rows.append(row)
                    log.info("%s s%d target %s: source-only %.3f, %s (%.0fs)", "DP" if dp else "no-DP", seed, target,
                             row["source_only"], ", ".join(f"{m} {row[m]:.3f}" for m in METHODS), row["wall_s"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    previous = results / f"{args.name}.json"
    if args.merge and previous.exists():
        done = {(r["dp"], r["seed"], r["target"]) for r in rows}
        rows += [r for r in json.loads(previous.read_text())["rows"] if (r["dp"], r["seed"], r["target"]) not in done]
    rows.sort(key=lambda r: (r["dp"], r["seed"], LOADS.index(r["target"])))
    command = command_line("simulations.benchmarks.lopo_methods", parser, args, "bench-lopo-methods")
    payload = {"machine": machine(), "command": command, "rows": rows, "methods": list(METHODS),
               "seeds": sorted({r["seed"] for r in rows}), "total_source_epsilon": TOTAL_EPSILON, "aims": AIMS,
               "wall_s": time.perf_counter() - started,
               "note": "accuracy on the target's held-out split; last epoch; no target labels used"}
    publish(args.name, payload, markdown(payload))


if __name__ == "__main__":
    main()
