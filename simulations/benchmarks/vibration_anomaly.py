"""Vibration anomaly detection for a plant with only normal data (issue 18, ``make bench-anomaly``).

The TEP benchmark's design (simulations/benchmarks/tep_anomaly.py, whose pieces this reuses) on the
vibration data sets where a normal class exists:

- **synthetic**: the four plants of ``simulations/scenarios/synthetic_4plants.yaml`` (5 classes: normal + 4
  faults);
- **cwru**: the four motor loads of the CWRU 12 kHz drive-end set with the 10-class option; normal
  record 97 exists only in load0, so it is cut into 4 disjoint contiguous parts and load *i* takes
  part *i* (``normal_part``/``normal_parts``, common/data/cwru.py).

Each plant in turn is the **new plant** with only normal labels (``labelled_classes: [normal]``; its
fault windows carry no label and nothing trains on them; labelled for one class, it declines
pretraining) and the registry's detector
(``logit_mahalanobis``, baseline ``pca_t2_spe``, the alarm their union: ``detector.alarm: union``) at a 1 %
false-alarm rate; the other three federate
with all their classes (the scenario's label fraction kept). One federation per (data set, seed,
new plant) through the real coordinator and ClientApp in process (``LoopbackGrid``), personalisation
off. Compared on the same normal fit windows, each calibrated on the same held-out normal training
windows (the last 30 % in time; no test window and no fault window shapes a detector or threshold):
the plant's alarm (the union of the next and the last), federated model outputs + Mahalanobis, federated
extractor features + Mahalanobis, a random extractor + Mahalanobis (local), PCA T²/SPE on the plant's own
normal windows (local).

Measured on the new plant's test split (the last 20 % of every recording): AUROC (normal vs all
faults), detection rate per fault class at the calibrated threshold (one window), false-alarm rate on
the normal test windows. Fewer rounds than the classification scenarios (``ROUNDS``) to fit ~10 min
on 2 CPUs.

Run: make bench-anomaly-vibration   (writes simulations/results/vibration_anomaly.{json,md})
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from common.anomaly.calibration import calibrate
from common.anomaly.smoothing import chart_union
from common.data.locate import default_dir
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, parallel_map, publish
from simulations.benchmarks.tep_anomaly import FALSE_ALARM_RATE, LABELS, _cell, federate_new_plant, measure

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
CWRU_DIR = default_dir("cwru")  # common.data.locate: FACTORYFL_DATA_DIR, user data dir, ../shared/datasets
DATASETS = ("synthetic", "cwru")
SEEDS = (0, 1, 2)
ROUNDS = 10
LOCAL_EPOCHS = 1
DETECTORS = ("union", "federated", "federated_features", "random_extractor", "pca_t2_spe")


def base_scenario(dataset: str, cwru_dir: Path = CWRU_DIR) -> dict[str, Any]:
    """The four plants of ``dataset`` with a normal class: synthetic_4plants.yaml's, or CWRU loads 0-3 with
    disjoint parts of normal record 97."""
    if dataset == "synthetic":
        return yaml.safe_load((REPO / "simulations" / "scenarios" / "synthetic_4plants.yaml").read_text())
    if dataset == "cwru":
        from common.data.cwru import CWRU_FAULT_CLASSES, NORMAL_CLASS

        plants = [{"id": f"load{i}", "data": {"source": "cwru", "path": str(cwru_dir / f"load{i}.npz"),
                                                "classes": [NORMAL_CLASS, *CWRU_FAULT_CLASSES],
                                                "normal_part": i, "normal_parts": 4,
                                                "normal_path": str(cwru_dir / "load0.npz")}}
                  for i in range(4)]
        return {"name": "cwru", "window": {"length": 1024, "test_fraction": 0.2}, "plants": plants,
                "federation": {"strategy": {"name": "fedavg"},
                               "training": {"batch_size": 32, "learning_rate": 0.002}}}
    raise ValueError(f"dataset {dataset!r}: choose one of {list(DATASETS)}")


def scenario_for(base: dict[str, Any], seed: int, target: str, rounds: int, local_epochs: int) -> dict[str, Any]:
    """``base`` with ``target`` as the normal-only new plant (all its normal windows labelled, its faults
    not) carrying the detector; personalisation off, so the detector uses the shared model."""
    body = json.loads(json.dumps(base))
    if target not in [p["id"] for p in body["plants"]]:
        raise ValueError(f"target {target!r} is not one of the plants {[p['id'] for p in body['plants']]}")
    body.update(seed=seed, name=f"{base.get('name', 'vibration')}-anomaly-{target}")
    body["federation"]["rounds"] = rounds
    body["federation"]["training"]["local_epochs"] = local_epochs
    body["personalisation"] = {"mode": "none"}
    body["evaluation"] = {"baselines": []}
    for plant in body["plants"]:
        if plant["id"] == target:
            plant.pop("labelled_fraction", None)
            plant["labelled_classes"] = ["normal"]
            plant["detector"] = {"name": "logit_mahalanobis", "false_alarm_rate": FALSE_ALARM_RATE,
                                 "baseline": "pca_t2_spe"}
    return body


def run_one(dataset: str, seed: int, target: str, tmp: str, rounds: int, local_epochs: int) -> list[dict[str, Any]]:
    """One federation with ``target`` as the normal-only new plant; its detectors' figures."""
    body = scenario_for(base_scenario(dataset), seed, target, rounds, local_epochs)
    run = federate_new_plant(body, Path(tmp) / f"{dataset}-seed{seed}-{target}", target, seed,
                             f"{dataset} seed {seed}, new plant {target}")
    results, federated_s, data = run.results, run.federation_s, run.data
    fit, cal, fed, pca, on_features, started = run.fit, run.cal, run.fed, run.pca, run.on_features, run.started
    shared, random_net = run.shared, run.random_net
    hours_per_row = 1.0 / (data.sample_rate_hz * 3600.0)
    rows = []
    metrics = results["plants"][target]["metrics"]
    reported = metrics.get("anomaly_logit_mahalanobis", {})
    union_reported = metrics.get("anomaly_logit_mahalanobis+pca_t2_spe", {})
    charts = [(fed.scores, fed.threshold.value), (pca.scores, pca.threshold.value)]

    def union(x: Any) -> Any:   # the plant's alarm (alarm: union): max of each chart over its threshold
        return chart_union([(scorer(x), t) for scorer, t in charts])
    joint = calibrate(union(data.train.x[cal]), FALSE_ALARM_RATE).value
    assert np.isclose(joint, union_reported["threshold"]), (joint, union_reported)   # as the plant calibrated it
    for name, (scorer, threshold) in (("union", (union, joint)), ("federated", (fed.scores, fed.threshold.value)),
                                      ("federated_features", on_features(shared)),
                                      ("random_extractor", on_features(random_net)),
                                      ("pca_t2_spe", (pca.scores, pca.threshold.value))):
        m = measure(name, scorer, threshold, data, {}, hours_per_row)
        for key in ("delay_h", "detection_rate_persistent", "false_alarms_per_day_persistent"):
            m.pop(key, None)   # no fault runs here; persistence is TEP's report
        row = {"dataset": dataset, "seed": seed, "target": target, **m, "n_fit": int(len(fit)),
               "n_calibration": int(len(cal)), "n_train_windows": int(len(data.train)), "federation_s": federated_s}
        if name in ("federated", "union"):   # the federation's own report, same windows: the two must agree
            row["auroc_reported"] = (reported if name == "federated" else union_reported).get("auroc")
        rows.append(row)
    logger.warning("%s seed %d new plant %s: AUROC %s (%.0f s)", dataset, seed, target,
                   ", ".join(f"{r['detector']} {r['auroc']:.3f}" for r in rows), time.perf_counter() - started)
    return rows


def verdict(federated: float, best_local: float, tie: float = 0.005) -> str:
    """'above', 'level with' (|difference| < ``tie``) or 'below': the federated detector against the best
    local one (one word for the report; AUROC near 1.000 on both sides is a tie, not a gain)."""
    if abs(federated - best_local) < tie:
        return "level with"
    return "above" if federated > best_local else "below"


def markdown(payload: dict[str, Any]) -> str:
    rows = payload["runs"]
    lines = ["# Vibration anomaly detection: a new plant with only normal data (issue 18, bench-anomaly)", "",
             f"Command: `{payload['command']}`. {payload['machine_line']} Seeds {payload['seeds']}; "
             f"{payload['rounds']} rounds of {payload['local_epochs']} local epoch(s) (fewer than the classification "
             "scenarios, to fit the time budget), windows of 1024 samples, personalisation off. Each plant in turn "
             "is the new plant with only normal labels; the other three federate with all their classes. Every "
             "detector is fitted on the new plant's normal training windows and calibrated to 1 % false alarms "
             "on its held-out normal training windows (the last 30 % in time, conformal rank ⌈(m+1)(1−α)⌉: with "
             "fewer than 99 calibration windows this is their maximum); no fault window and no test window "
             "shapes any detector or threshold. The plant's detector is the registry's (logit_mahalanobis), not "
             "chosen on these data; what raises its alarm is the union of that detector's chart and the PCA "
             "T²/SPE chart (`detector.alarm: union`, the default: max of each score over its own threshold, one "
             "threshold calibrated on the same windows). PCA is deterministic (its ± is 0). Wall time "
             f"{payload['wall_s']:.0f} s.", ""]
    for dataset in payload["datasets"]:
        mine = [r for r in rows if r["dataset"] == dataset]
        if not mine:
            continue
        targets = sorted({r["target"] for r in mine})

        def sel(det: str, target: str | None = None, rs: list[dict[str, Any]] = mine) -> list[dict[str, Any]]:
            return [r for r in rs if r["detector"] == det and target in (None, r["target"])]

        counts = "; ".join(f"{t}: {sel('federated', t)[0]['n_fit']} fit / {sel('federated', t)[0]['n_calibration']} "
                           f"calibration normal windows, {sel('federated', t)[0]['n_normal_test']} normal + "
                           f"{sel('federated', t)[0]['n_fault_test']} fault test windows" for t in targets)
        lines += [f"## {dataset}", "", f"Windows (per run): {counts}.", "",
                  "| New plant | Detector | AUROC | Mean detection rate over faults | False-alarm rate (test normal) |",
                  "|---|---|---:|---:|---:|"]
        for t in [*targets, "all"]:
            for det in DETECTORS:
                s = sel(det, None if t == "all" else t)
                lines.append(f"| {'**all**' if t == 'all' else t} | {LABELS[det]} | {_cell([r['auroc'] for r in s])} | "
                             f"{_cell([r['mean_detection_rate'] for r in s])} | "
                             f"{_cell([r['false_alarm_rate'] for r in s], 4)} |")
        faults = sorted({f for r in mine for f in r["detection_rate"]})
        lines += ["", f"Detection rate per fault at the calibrated threshold ({dataset}; mean ± std over seeds; "
                  "the plant's alarm (union) / federated / PCA T²/SPE / random extractor):", "",
                  "| Fault | " + " | ".join(targets) + " |", "|---|" + "---:|" * len(targets)]
        for fault in faults:
            cells = []
            for t in targets:
                parts = [_cell([r["detection_rate"].get(fault) for r in sel(d, t)], 2)
                         for d in ("union", "federated", "pca_t2_spe", "random_extractor")]
                cells.append(" / ".join(parts))
            lines.append(f"| {fault} | " + " | ".join(cells) + " |")
        fed = mean_std([r["auroc"] for r in sel("federated")])[0]
        pca = mean_std([r["auroc"] for r in sel("pca_t2_spe")])[0]
        rnd = mean_std([r["auroc"] for r in sel("random_extractor")])[0]
        agree = [abs(r["auroc"] - r["auroc_reported"]) for det in ("federated", "union") for r in sel(det)
                 if r.get("auroc_reported") is not None]
        alarm = "union" if sel("union") else "federated"   # runs before alarm: union measured no union
        far = mean_std([r["false_alarm_rate"] for r in sel(alarm)])[0]
        rates = {d: mean_std([r["mean_detection_rate"] for r in sel(d)])[0] for d in ("union", "federated",
                                                                                  "pca_t2_spe") if sel(d)}
        n_cal = min(r["n_calibration"] for r in sel("federated"))
        lines += ["", f"Mean AUROC over plants and seeds: federated {fed:.3f}, PCA T²/SPE {pca:.3f}, random extractor "
                  f"{rnd:.3f}: the normal-only plant's federated detector is **{verdict(fed, max(pca, rnd))}** its "
                  f"best local detector on AUROC. Mean detection rate: "
                  + ", ".join(f"{LABELS[d]} {v:.3f}" for d, v in rates.items())
                  + f". Mean test false-alarm rate of the plant's alarm {far:.3f} "
                  f"(target 0.01): with {n_cal} calibration windows the threshold is their maximum, whose "
                  f"false-alarm bound is 1/({n_cal}+1) = {1 / (n_cal + 1):.3f}, and the normal test windows are few. "
                  f"The federation's own report gives the same AUROC for the kept detector (largest difference "
                  f"{max(agree) if agree else float('nan'):.2g} over {len(agree)} runs).", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--targets", default="0,1,2,3", help="indices of the plants that take the new plant's turn")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--local-epochs", type=int, default=LOCAL_EPOCHS)
    parser.add_argument("--jobs", type=int, default=2, help="federations run side by side (processes)")
    parser.add_argument("--results-name", default="vibration_anomaly",
                        help="file name under simulations/results/ ('' = none)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    datasets = [d for d in args.datasets.split(",") if d]
    if "cwru" in datasets and not (CWRU_DIR / "load0.npz").exists():
        logger.warning("%s not found: the CWRU part is skipped", CWRU_DIR / "load0.npz")
        datasets.remove("cwru")
    seeds = [int(s) for s in args.seeds.split(",")]
    targets = [int(t) for t in args.targets.split(",")]
    jobs = [(d, s, base_scenario(d)["plants"][t]["id"]) for d in datasets for s in seeds for t in targets]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factoryfl-vibration-anomaly-") as tmp:
        runs = parallel_map(run_one, [(d, s, t, tmp, args.rounds, args.local_epochs) for d, s, t in jobs], args.jobs)
    info = machine()
    payload = {"command": command_line("simulations.benchmarks.vibration_anomaly", parser, args,
                                       "bench-anomaly-vibration"),
               "machine": info, "machine_line": machine_line(info), "datasets": datasets, "seeds": seeds,
               "rounds": args.rounds, "local_epochs": args.local_epochs, "false_alarm_rate": FALSE_ALARM_RATE,
               "runs": runs, "wall_s": time.perf_counter() - started}
    publish(args.results_name or None, json.loads(json.dumps(payload, default=str)), markdown(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
