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
import copy
import dataclasses
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
import yaml

from simulations.benchmarks.common import machine, mean_std, publish

METHODS = ("feature_standardization", "shot", "coral", "mmd", "dann", "auto")
LOADS = ("load0", "load1", "load2", "load3")
TOTAL_EPSILON = 3.0
PRETRAIN_EPSILON = 2.5
AIMS = {False: 99.8, True: 99.3}
SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def _sources_body(base: dict, cwru_dir: Path, target: str, seed: int, dp: bool) -> dict:
    body = copy.deepcopy(base)
    body.update({"name": f"lopo-{target}-s{seed}", "seed": seed})
    body["plants"] = [{"id": load, "data": {"source": "cwru", "path": str(cwru_dir / f"{load}.npz")}}
                      for load in LOADS if load != target]
    body["evaluation"] = {"baselines": []}
    body["personalisation"] = {"mode": "none", "epochs": 0}
    if dp:  # DP-SGD gets ε = 2.5 of each source's ε = 3; the statistics release gets the rest
        body["privacy"] = {**body.get("privacy", {}), "enabled": True, "target_epsilon": PRETRAIN_EPSILON}
        body["privacy"].pop("noise_multiplier", None)
    else:
        body.pop("privacy", None)
    return body


def _release(source: Any, spec: Any, arrays: dict[str, np.ndarray], dp: bool) -> tuple[Any, float | None]:
    """One source's DP statistics release (σ set so its ledger ends at ε ≤ 3 with DP); (stats, ε)."""
    from client.transfer import release_source_stats
    from common.privacy.accounting import noise_for_target_epsilon
    from common.transfer.stats import FeatureStats

    if dp:  # spend what is left of ε = 3 on the statistics (4 Gaussian queries)
        sigma = noise_for_target_epsilon(TOTAL_EPSILON, source.delta(spec), 1.0, 4, prior=source.ledger().history())
        spec = dataclasses.replace(spec, transfer=dataclasses.replace(
            spec.transfer, stats=dataclasses.replace(spec.transfer.stats, noise_multiplier=sigma)))
    declined, stats_arrays, scalars, _ = release_source_stats(source, spec, arrays, "bench")
    if declined:
        raise RuntimeError(f"source {source.plant_id} declined to release statistics: {declined}")
    return FeatureStats.from_arrays(stats_arrays, scalars), (source.ledger().epsilon(source.delta(spec)) if dp else None)


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
    body = _sources_body(base, cwru_dir, target, seed, dp)
    path = run_dir / "scenario.yaml"
    path.write_text(yaml.safe_dump(body))
    scenario = load_scenario(path)
    started = time.perf_counter()
    results = run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir)
    pretrain_s = time.perf_counter() - started
    left_out = {r["round"]: r["excluded"] for r in results["rounds"] if r["excluded"] or not r["participants"]}
    if left_out:  # a federation that silently lost its plants would measure an untrained model
        raise RuntimeError(f"target {target}, seed {seed}: sources were left out of pretraining: {left_out}")
    arrays = {k: v.numpy() for k, v in torch.load(run_dir / "global_model.pt")["arrays"].items()}
    released, epsilons, spec = [], {}, None
    for source_spec in scenario.plants:
        source = make_plant(scenario, source_spec, str(run_dir))
        if spec is None:
            spec = dataclasses.replace(run_spec_from_scenario(scenario, tuple(source.data.class_names)),
                                       channels=source.data.channels)
        stats, eps = _release(source, spec, arrays, dp)
        released.append(stats)
        epsilons[source.plant_id] = eps
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
             f"With DP each source's whole ledger (DP-SGD + statistics release) ends at ε ≤ {TOTAL_EPSILON} (δ ≤ 1e-5).",
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
        cells = []
        for m in methods:
            per_seed = [float(np.mean([100 * r[m] for r in rows if r["seed"] == seed]))
                        for seed in payload["seeds"] if any(r["seed"] == seed for r in rows)]
            mu, sd = mean_std(per_seed)
            cells.append(f"**{mu:.1f} ± {sd:.1f}**")
        n_test = sum(r["n_test"] for r in rows if r["seed"] == rows[0]["seed"])
        lines += ["| **mean (± std over seeds)** | " + str(n_test) + " | " + " | ".join(cells) + " | |", ""]
        if dp:
            worst = max(max(v for v in r["source_epsilon"].values()) for r in rows)
            lines += [f"Largest source ε after pretraining and release: {worst:.2f}.", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cwru-dir", default=str(Path(__file__).resolve().parents[3] / "shared/datasets/cwru12k_de"))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--dp", default="off,on", help="comma list of off/on")
    parser.add_argument("--targets", default=",".join(LOADS))
    parser.add_argument("--merge", action="store_true",
                        help="keep rows of other settings/seeds/targets from the last results file")
    parser.add_argument("--name", default="lopo_methods")
    parser.add_argument("--combine", default=None, metavar="NAME,NAME",
                        help="run nothing: merge the rows of these results files (e.g. a DP and a no-DP run made in "
                             "parallel) into --name")
    args = parser.parse_args()
    results = Path(__file__).resolve().parents[1] / "results"
    if args.combine:
        parts = [json.loads((results / f"{n}.json").read_text()) for n in args.combine.split(",")]
        rows = sorted((r for p in parts for r in p["rows"]), key=lambda r: (r["dp"], r["seed"], LOADS.index(r["target"])))
        payload = {**parts[0], "rows": rows, "seeds": sorted({r["seed"] for r in rows}),
                   "command": " and ".join(f"`{p['command']}`" for p in parts).strip("`"),
                   "wall_s": sum(p["wall_s"] for p in parts)}
        publish(args.name, payload, markdown(payload))
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("server", "client", "common"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    log = logging.getLogger("lopo_methods")
    cwru_dir = Path(args.cwru_dir)
    if not (cwru_dir / "load0.npz").exists():
        raise SystemExit(f"{cwru_dir}: CWRU plant files (load0.npz …) not found; pass --cwru-dir "
                         "(see ../shared/datasets/README)")
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
    command = "make bench-lopo-methods" if args.name == "lopo_methods" and not args.merge else (
        "python -m simulations.benchmarks.lopo_methods " + " ".join(
            f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()
            if k in ("seeds", "dp", "targets", "name") and v != parser.get_default(k)))
    payload = {"machine": machine(), "command": command, "rows": rows, "methods": list(METHODS),
               "seeds": sorted({r["seed"] for r in rows}), "total_source_epsilon": TOTAL_EPSILON, "aims": AIMS,
               "wall_s": time.perf_counter() - started,
               "note": "accuracy on the target's held-out split; last epoch; no target labels used"}
    publish(args.name, payload, markdown(payload))


if __name__ == "__main__":
    main()
