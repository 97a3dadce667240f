"""CWRU single-source transfer pairs: source plant i labelled, target plant j unlabelled.

For every seed, privacy setting and source load i, the source pretrains through a federation
(the real ClientApp, in process), then for each target load j ≠ i every transfer method runs
inside the target with the same phase-2 code the ClientApp uses (`client.transfer`), against
statistics the source released with DP noise into its ledger. With DP, the source's whole
ledger (DP-SGD pretraining + the statistics release) ends at ε ≤ 3. Model selection never
looks at target labels (last epoch). 9 fault classes (fault-only task).

Run: make bench-transfer   (writes simulations/results/transfer_pairs.{json,md})
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

import numpy as np
import torch
import yaml

from common.data.locate import default_dir
from simulations.benchmarks.common import check_all_trained, command_line, json_object, machine, mean_std, write_results

METHODS = ("feature_standardization", "shot", "coral", "mmd", "dann")
LOADS = ("load0", "load1", "load2", "load3")
REFERENCE = {"source_only": 93.27, "feature_standardization (AdaBN)": 93.47, "coral": 95.11,
             "mmd (MK-MMD)": 97.49, "dann": 99.71}
TOTAL_EPSILON = 3.0
PRETRAIN_EPSILON = 2.5


def sources_body(base: dict, cwru_dir: Path, name: str, seed: int, sources: list[str], dp: bool) -> dict:
    """A scenario of labelled source plants only, pretraining under DP at ε = 2.5 when ``dp``."""
    body = json.loads(json.dumps(base))
    body.update({"name": name, "seed": seed})
    body["plants"] = [{"id": s, "data": {"source": "cwru", "path": str(cwru_dir / f"{s}.npz")}} for s in sources]
    body["evaluation"] = {"baselines": []}
    body["personalisation"] = {"mode": "none", "epochs": 0}
    if dp:
        # DP-SGD gets ε = 2.5 of each source's ε = 3; the statistics release gets the rest
        body["privacy"] = {**body.get("privacy", {}), "enabled": True, "target_epsilon": PRETRAIN_EPSILON}
        body["privacy"].pop("noise_multiplier", None)
    else:
        body.pop("privacy", None)
    return body


def release_within_budget(source, spec, arrays: dict[str, np.ndarray], dp: bool):
    """A source's DP statistics release, with σ set so that under DP its whole ledger ends at ε ≤ 3.

    Returns (FeatureStats, the source's ε after the release, or None without DP)."""
    from client.transfer import release_source_stats
    from common.privacy.accounting import noise_for_target_epsilon
    from common.transfer.stats import FeatureStats

    if dp:  # spend what is left of ε = 3 on the statistics (4 Gaussian queries)
        sigma = noise_for_target_epsilon(TOTAL_EPSILON, source.delta(spec), 1.0, 4, prior=source.ledger().history())
        spec = dataclasses.replace(spec, transfer=dataclasses.replace(
            spec.transfer, stats=dataclasses.replace(spec.transfer.stats, noise_multiplier=sigma)),
            # the release's ceiling is the whole ε = 3 (pretraining was planned at 2.5 of it)
            privacy=dataclasses.replace(spec.privacy, target_epsilon=TOTAL_EPSILON))
    declined, stats_arrays, scalars, _ = release_source_stats(source, spec, arrays, "bench")
    if declined:
        raise RuntimeError(f"source {source.plant_id} declined to release statistics: {declined}")
    epsilon = source.ledger().epsilon(source.delta(spec)) if dp else None
    return FeatureStats.from_arrays(stats_arrays, scalars), epsilon


def seed_mean_cells(rows: list[dict], methods: list[str], seeds: list[int]) -> list[str]:
    """Per method: the mean over rows within each seed, then mean ± std over seeds (bold cells)."""
    cells = []
    for m in methods:
        per_seed = [float(np.mean([100 * r[m] for r in rows if r["seed"] == seed]))
                    for seed in seeds if any(r["seed"] == seed for r in rows)]
        mu, sd = mean_std(per_seed)
        cells.append(f"**{mu:.1f} ± {sd:.1f}**")
    return cells


def run(cwru_dir: Path, seeds: list[int], dp_settings: list[bool], base: dict, work: Path,
        sources: tuple[str, ...] = LOADS) -> dict:
    from client.loader import make_plant
    from client.transfer import adapted_evaluation, run_phase_two
    from common.config import load_scenario, run_spec_from_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    log = logging.getLogger("transfer_pairs")
    rows = []
    for dp in dp_settings:
        for seed in seeds:
            for source in sources:
                started = time.perf_counter()
                run_dir = work / f"{'dp' if dp else 'nodp'}-s{seed}-{source}"
                run_dir.mkdir(parents=True)
                path = run_dir / "scenario.yaml"
                path.write_text(yaml.safe_dump(sources_body(base, cwru_dir, f"pair-{source}-s{seed}", seed,
                                                            [source], dp)))
                scenario = load_scenario(path)
                check_all_trained(run_federation(LoopbackGrid(path, 1, run_dir), scenario, run_dir),
                                  f"source {source}, seed {seed}")
                arrays = {k: v.numpy() for k, v in torch.load(run_dir / "global_model.pt")["arrays"].items()}
                source_plant = make_plant(scenario, scenario.plants[0], str(run_dir))
                spec = run_spec_from_scenario(scenario, tuple(source_plant.data.class_names))
                spec = dataclasses.replace(spec, channels=source_plant.data.channels)
                stats, source_eps = release_within_budget(source_plant, spec, arrays, dp)
                for target in (t for t in LOADS if t != source):
                    template = scenario.plants[0]
                    target_params = dataclasses.replace(template.data.params, path=str(cwru_dir / f"{target}.npz"))
                    target_spec = dataclasses.replace(template, id=target, labelled_fraction=0.0,
                                                      data=dataclasses.replace(template.data, params=target_params))
                    target_plant = make_plant(scenario, target_spec, str(run_dir))
                    row = {"dp": dp, "seed": seed, "source": source, "target": target,
                           "n_test": len(target_plant.data.test), "source_epsilon": source_eps if dp else None,
                           "source_only": target_plant.evaluate_shared(spec, arrays)["accuracy"]}
                    for method in METHODS:
                        target_plant.transfer = method
                        run_phase_two(target_plant, spec, arrays, stats, f"bench-{method}")
                        evaluation, _ = adapted_evaluation(target_plant, f"bench-{method}")
                        if evaluation is None:
                            raise RuntimeError(f"{method} left no adapted model on target {target}")
                        row[method] = evaluation["accuracy"]
                    rows.append(row)
                    log.info("%s s%d %s→%s: source-only %.3f, %s", "DP" if dp else "no-DP", seed, source, target,
                             row["source_only"], ", ".join(f"{m} {row[m]:.3f}" for m in METHODS))
                log.info("source %s done in %.1fs", source, time.perf_counter() - started)
    return {"machine": machine(), "rows": rows, "methods": list(METHODS), "seeds": seeds,
            "reference_udtl_10class_nonprivate": REFERENCE, "total_source_epsilon": TOTAL_EPSILON,
            "model": base.get("model", {}), "note": "accuracy on the target's held-out split; last epoch"}


def markdown(payload: dict) -> str:
    methods = ["source_only", *payload["methods"]]
    lines = ["# CWRU single-source transfer pairs (9 fault classes)", "",
             f"Command: `{payload.get('command', 'make bench-transfer')}`. "
             "Source load i labelled (pretrained through a federation of one plant), target load j unlabelled; "
             "every method runs inside the target on its unlabelled training windows with the source's "
             "DP-released feature statistics; accuracy (%) on the target's held-out "
             f"split, last epoch (no target labels used for selection); seeds {payload['seeds']}.",
             f"With DP the source's whole ledger (DP-SGD + statistics release) ends at ε ≤ "
             f"{payload['total_source_epsilon']} (δ ≤ 1e-5).",
             f"Machine: {payload['machine']['platform']}, {payload['machine']['cpu_count']} CPUs.",
             "Model and training settings come from `simulations/scenarios/cwru_4plants.yaml` without DP (time-domain "
             "CNN) and from `simulations/scenarios/cwru_4plants_dp.yaml` with DP (log-spectrum CNN designed for DP); "
             "adaptation settings are the defaults of `transfer:` in both."
             + (f" Sources pretrain with `federation.training.augment: {json.dumps(payload['augment'])}`."
                if payload.get("augment") else ""), "",
             "Reference (UDTL, centralized, non-private, 10 classes, time domain, mean over the 12 pairs): "
             + ", ".join(f"{k} {v}" for k, v in payload["reference_udtl_10class_nonprivate"].items()), ""]
    for dp in (False, True):
        rows = [r for r in payload["rows"] if r["dp"] == dp]
        if not rows:
            continue
        lines += [f"## {'With DP at the source (ε ≤ 3)' if dp else 'Without DP'}", "",
                  "| pair | test windows | " + " | ".join(methods) + " |", "|---|---:|" + "---:|" * len(methods)]
        pairs = sorted({(r["source"], r["target"]) for r in rows})
        for s, t in pairs:
            sel = [r for r in rows if (r["source"], r["target"]) == (s, t)]
            cells = []
            for m in methods:
                mu, sd = mean_std([100 * r[m] for r in sel])
                cells.append(f"{mu:.1f} ± {sd:.1f}")
            lines.append(f"| {s[-1]}→{t[-1]} | {sel[0]['n_test']} | " + " | ".join(cells) + " |")
        cells = seed_mean_cells(rows, methods, payload["seeds"])
        lines += ["| **mean (± std over seeds)** | " + str(sum(r["n_test"] for r in rows) // len(payload["seeds"]))
                  + " | " + " | ".join(cells) + " |", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cwru-dir", default=str(default_dir("cwru")))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--dp", default="off,on", help="comma list of off/on")
    parser.add_argument("--base", default=str(Path(__file__).resolve().parents[1] / "scenarios/cwru_4plants.yaml"),
                        help="scenario whose model/federation/transfer settings are used without DP")
    parser.add_argument("--dp-base",
                        default=str(Path(__file__).resolve().parents[1] / "scenarios/cwru_4plants_dp.yaml"),
                        help="scenario whose model/federation settings are used with DP")
    parser.add_argument("--merge", action="store_true", help="keep rows of the other DP setting from the last results")
    parser.add_argument("--sources", default=",".join(LOADS), help="source loads to run (each with every target)")
    parser.add_argument("--augment", default=None, metavar="JSON", type=json_object("--augment"),
                        help='federation.training.augment for the sources\' pretraining, e.g. '
                             '\'{"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}\'')
    parser.add_argument("--name", default="transfer_pairs", help="results file name")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("server", "client", "common"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    torch.set_num_threads(1)
    work = Path(tempfile.mkdtemp(prefix="ffl-pairs-"))
    rows = []
    try:
        for dp in (d == "on" for d in args.dp.split(",")):
            base = yaml.safe_load(Path(args.dp_base if dp else args.base).read_text())
            if args.augment:
                base.setdefault("federation", {}).setdefault("training", {})["augment"] = args.augment
            payload = run(Path(args.cwru_dir), [int(s) for s in args.seeds.split(",")], [dp], base, work,
                          sources=tuple(args.sources.split(",")))
            rows += payload["rows"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    settings = {d == "on" for d in args.dp.split(",")}
    previous = Path(__file__).resolve().parents[1] / "results" / f"{args.name}.json"
    if args.merge and previous.exists():
        rows += [r for r in json.loads(previous.read_text())["rows"] if r["dp"] not in settings]
    payload["rows"] = rows
    payload["base_scenarios"] = {"no_dp": args.base, "dp": args.dp_base}
    payload["augment"] = args.augment
    payload["command"] = command_line("simulations.benchmarks.transfer_pairs", parser, args, "bench-transfer")
    json_path, md_path = write_results(args.name, payload, markdown(payload))
    print(md_path.read_text())
    print(f"wrote {json_path} and {md_path}")


if __name__ == "__main__":
    main()
