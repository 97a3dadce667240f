"""TEP anomaly detection in a federation where no plant has fault history (issue 18, point 2).

Every TEP operating mode is a plant that holds **only its normal run** (``data.classes: [normal]``):
no plant has a fault window, labelled or not. Without a self-supervised task such a federation learns
nothing (every plant declines pretraining; the shared model is its random initialisation). With
``federation.training.self_supervised: transformations`` (common/pretext.py) each plant trains the
shared extractor and pretext head on its own normal windows, and FedAvg averages them. One federation
per seed through the real coordinator and ClientApp in process (``LoopbackGrid``), with the window,
model, rounds and optimiser of the TEP scenarios (tep_anomaly's ``BASE``), personalisation off.

Per plant, all fitted on the same normal training windows and calibrated to a 1 % false-alarm rate on
their out-of-fold scores (5 blocks in time, as the product does; no fault window and no test window
shapes any detector or threshold):

- **federated, self-supervised** (the plant's kept detector, ``feature_mahalanobis``): Mahalanobis on
  the shared extractor's features;
- **local, self-supervised**: the same pretext task trained on the plant's own normal windows alone, as
  many epochs as the federation's rounds × local epochs, same optimiser: what the plant gets alone;
- **random extractor**: the same detector on the untrained shared initialisation: what a federation of
  normal-only plants gives without the pretext task;
- **PCA T²/SPE** (local, the classic baseline) and **the plant's alarm** (union of the kept detector's
  chart and the PCA chart, ``alarm: union``, the default).

Measured (tep_anomaly.measure) on the plant's test split: the last 20 % of the normal run and of every
fault run of the same mode, loaded with the same recipe (the z-score of the normal training rows), and
the detection delay on each whole fault run. On window scores, and with the smoothing the plant chooses
itself (``smoothing: auto``). The faults are never trained on by anyone.

Run: make bench-tep-anomaly-normal-only   (writes simulations/results/tep_anomaly_normal_only.{json,md})
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from simulations.benchmarks import tep_modes
from simulations.benchmarks.common import command_line, machine, machine_line, parallel_map, publish, rerender
from simulations.benchmarks.tep_anomaly import (
    BASE,
    CROSS_FIT_FOLDS,
    DELAY_PERSISTENCE,
    FALSE_ALARM_RATE,
    TRAIN_STRIDE,
    _cell,
    _fault_runs,
    measure,
    union_of_charts,
)

logger = logging.getLogger(__name__)

SEEDS = (0, 1, 2)
ROUNDS = 10
PRETEXT = "transformations"
DETECTORS = ("federated_ssl", "local_ssl", "random_extractor", "pca_t2_spe", "union")
LABELS = {"federated_ssl": "Federated self-supervised extractor + Mahalanobis (the plant's detector)",
          "local_ssl": "Local self-supervised extractor + Mahalanobis (alone)",
          "random_extractor": "Untrained shared extractor + Mahalanobis (the federation without the pretext task)",
          "pca_t2_spe": "PCA T²/SPE (local)",
          "union": "Federated self-supervised ∪ PCA T²/SPE charts (the plant's alarm, `alarm: union`)"}


def scenario_for(seed: int, rounds: int, stride: int, modes: tuple[int, ...] = tep_modes.DEFAULT_MODES,
                 tep_dir: str | None = None, pretext: str = PRETEXT) -> dict[str, Any]:
    """The federation of ``modes``, each plant holding only its normal run, with the pretext task."""
    body = json.loads(json.dumps(BASE))
    body.update(seed=seed, name="tep-anomaly-normal-only", plants=[{"id": "mode0", "data": {"source": "tep"}}])
    body = tep_modes.with_modes(body, modes, tep_dir)
    body["window"]["stride"] = stride
    body["federation"]["rounds"] = rounds
    body["federation"]["training"]["self_supervised"] = pretext
    body["personalisation"] = {"mode": "none"}
    body["evaluation"] = {"baselines": []}
    for plant in body["plants"]:
        plant["data"]["classes"] = ["normal"]
        plant["detector"] = {"name": "feature_mahalanobis", "false_alarm_rate": FALSE_ALARM_RATE,
                             "baseline": "pca_t2_spe", "smoothing": "auto", "cross_fit_folds": CROSS_FIT_FOLDS}
    return body


def _evaluation_data(scenario: Any, spec: Any) -> Any:
    """The same mode with every class (its fault runs for the test split only), prepared with the same
    recipe: the z-score comes from the normal run's training rows, which both loads share."""
    import dataclasses

    from client.loader import load_data
    from common.data.tep import TEP_CLASSES

    params = dataclasses.replace(spec.data.params, classes=TEP_CLASSES)
    full = dataclasses.replace(spec, data=dataclasses.replace(spec.data, params=params))
    return load_data(scenario, full)


def _local_ssl(net: Any, x: np.ndarray, scenario: Any, seed: int) -> Any:
    """Train ``net``'s extractor on the pretext task of the plant's own windows alone: rounds × local epochs
    passes, the federation's optimiser settings, transformations drawn afresh every pass."""
    import torch

    from common.models import pretext_task
    from common.pretext import PretextModel
    from common.training import make_optimizer, train_supervised

    training = scenario.federation.training
    task = pretext_task(PRETEXT, x.shape[1], x.shape[2], scenario.model)
    module = PretextModel(net.extractor, torch.nn.Linear(net.extractor.feature_dim, task.outputs))
    optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer, training.learning_rate,
                               training.weight_decay)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(scenario.federation.rounds * training.local_epochs):
        xt, yt = task.batch(torch.from_numpy(x), generator)
        train_supervised(module, xt.numpy(), yt.numpy().astype(np.int64), optimizer, epochs=1,
                         batch_size=training.batch_size, seed=seed * 1000 + epoch)
    return net


def _plant_rows(seed: int, spec: Any, scenario: Any, folder: Path, results: dict[str, Any], stride: int,
                federation_s: float) -> list[dict[str, Any]]:
    """Every detector of one plant of the federation, measured on its mode's faults."""
    import torch

    from client.anomaly import BASELINE_FILE, DETECTOR_FILE, MODEL_PREFIX, load_kept_detector
    from client.loader import load_data
    from common.anomaly.calibration import cross_fitted_scores
    from common.anomaly.feature import FeatureMahalanobis
    from common.anomaly.smoothing import calibrate_smoothed, choose_weight
    from common.extensions.detectors import DETECTORS as REGISTRY
    from common.models import build_model, without_pretext_head
    from common.training import predict_logits

    rows: list[dict[str, Any]] = []
    target = spec.id
    state = next(p.parent.parent for p in (folder / "run").rglob(f"{DETECTOR_FILE}.pt") if target in p.parts)
    fed, meta = load_kept_detector(state, DETECTOR_FILE) or (None, {})
    pca, _ = load_kept_detector(state, BASELINE_FILE) or (None, {})
    assert fed is not None and pca is not None, f"{state}: plant {target} kept no detector"
    own = load_data(scenario, spec)
    data = _evaluation_data(scenario, spec)
    assert np.array_equal(own.train.x, data.train.x[data.train.y == 0]), "the two loads prepare alike"
    x = own.train.x
    assert len(x) == meta["detector"]["n_fit"], (len(x), meta["detector"])
    blob = torch.load(state / "models" / f"{DETECTOR_FILE}.pt", map_location="cpu", weights_only=True)
    shared = build_model(data.channels, int(meta["num_outputs"]), scenario.model, seed=seed)
    shared.load_state_dict(without_pretext_head({k[len(MODEL_PREFIX):]: v for k, v in blob["state_dict"].items()
                                                 if k.startswith(MODEL_PREFIX)}))
    random_net = build_model(data.channels, int(meta["num_outputs"]), scenario.model, seed=seed)
    local_net = _local_ssl(build_model(data.channels, int(meta["num_outputs"]), scenario.model, seed=seed),
                           x, scenario, seed)
    hours_per_row = 1.0 / (data.sample_rate_hz * 3600.0)
    runs = _fault_runs(data, spec.data.params, Path(scenario.base_dir), data.window_length)
    gap = max(0, -(-data.window_length // stride) - 1)

    def features_of(net: Any) -> Callable[[np.ndarray], np.ndarray]:
        def features(w: np.ndarray) -> np.ndarray:
            with torch.no_grad():
                return predict_logits(net.extractor.eval(), w).numpy()
        return features

    def calibrated(make: Any, inputs: Callable[[np.ndarray], np.ndarray]) -> tuple[Any, np.ndarray]:
        det = make().fit(inputs(x))

        def scorer(w: np.ndarray) -> np.ndarray:
            return np.asarray(det.score(inputs(w)), dtype=np.float64)
        return scorer, cross_fitted_scores(make, inputs(x), CROSS_FIT_FOLDS, gap)

    detectors = {"federated_ssl": (fed.scores, cross_fitted_scores(FeatureMahalanobis, features_of(shared)(x),
                                                                   CROSS_FIT_FOLDS, gap)),
                 "local_ssl": calibrated(FeatureMahalanobis, features_of(local_net)),
                 "random_extractor": calibrated(FeatureMahalanobis, features_of(random_net)),
                 "pca_t2_spe": (pca.scores, cross_fitted_scores(REGISTRY.load("pca_t2_spe"), pca.inputs(x),
                                                                CROSS_FIT_FOLDS, gap))}
    choices = {name: choose_weight(cal, FALSE_ALARM_RATE, stride, data.window_length)
               for name, (_, cal) in detectors.items()}
    reported = results["plants"][target]["metrics"]
    for name, (scorer, cal) in detectors.items():
        for smoothing_name, weight in (("none", 1.0), ("auto", choices[name].weight)):
            smoothing, threshold, n_eff = calibrate_smoothed(cal, FALSE_ALARM_RATE, weight, stride,
                                                             data.window_length)
            kept = {"federated_ssl": fed, "pca_t2_spe": pca}.get(name)
            if kept is not None and smoothing_name == "auto":   # the product path calibrated the same
                assert np.isclose(kept.threshold.value, threshold.value) and kept.smoothing == smoothing, name
            rows.append({"seed": seed, "target": target, "smoothing": smoothing_name, "smoothing_weight": weight,
                         **measure(name, scorer, threshold.value, data, runs, hours_per_row,
                                   smoothing if weight < 1 else None),
                         "n_fit": int(len(x)), "n_calibration_effective": n_eff, "federation_s": federation_s})
    auto_weights = [choices["federated_ssl"].weight, choices["pca_t2_spe"].weight]
    union_reported = reported.get("anomaly_feature_mahalanobis+pca_t2_spe", {})
    for smoothing_name, chart_weights in (("none", [1.0, 1.0]), ("auto", auto_weights)):
        grouped, joint = union_of_charts([detectors["federated_ssl"], detectors["pca_t2_spe"]], chart_weights,
                                         stride, data.window_length)
        if smoothing_name == "auto" and union_reported:
            assert np.isclose(union_reported["threshold"], joint), (union_reported, joint)
        rows.append({"seed": seed, "target": target, "smoothing": smoothing_name,
                     "smoothing_weight": min(chart_weights),
                     **measure("union", fed.scores, joint, data, runs, hours_per_row, grouped=grouped),
                     "n_fit": int(len(x)), "federation_s": federation_s})
    return rows


def run_one(seed: int, tmp: str, rounds: int, stride: int, modes: tuple[int, ...] = tep_modes.DEFAULT_MODES,
            tep_dir: str | None = None) -> list[dict[str, Any]]:
    """One federation of normal-only plants; every plant's detectors measured."""
    import torch

    from common.config import load_scenario
    from server.app import run_federation
    from simulations.benchmarks.common import check_all_trained
    from tests.helpers.loopback import LoopbackGrid

    torch.set_num_threads(1)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    folder = Path(tmp) / f"seed{seed}"
    (folder / "run").mkdir(parents=True)
    body = scenario_for(seed, rounds, stride, modes, tep_dir)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(body))
    started = time.perf_counter()
    scenario = load_scenario(path)
    results = run_federation(LoopbackGrid(path, len(body["plants"]), folder / "run"), scenario, folder / "run")
    check_all_trained(results, f"seed {seed}")
    federation_s = time.perf_counter() - started
    rows = [row for spec in scenario.plants
            for row in _plant_rows(seed, spec, scenario, folder, results, stride, federation_s)]
    participants = [sorted(r["participants"]) for r in results["rounds"]]
    for row in rows:
        row["participants_per_round"] = participants
    logger.warning("seed %d: %s (%.0f s)", seed, ", ".join(
        f"{r['target']} {r['detector']}/{r['smoothing']} {r['mean_detection_rate']:.3f}" for r in rows),
        time.perf_counter() - started)
    return rows


def markdown(payload: dict[str, Any]) -> str:
    rows = payload["runs"]
    targets = sorted({r["target"] for r in rows})

    def sel(det: str, target: str | None, smoothing: str) -> list[dict[str, Any]]:
        return [r for r in rows
                if r["detector"] == det and target in (None, r["target"]) and r["smoothing"] == smoothing]

    first = sel("federated_ssl", targets[0], "none")[0]
    counts = ", ".join(f"{t}: {sel('federated_ssl', t, 'none')[0]['n_fit']} normal training windows, "
                       f"{sel('federated_ssl', t, 'none')[0]['n_normal_test']} normal + "
                       f"{sel('federated_ssl', t, 'none')[0]['n_fault_test']} fault test windows" for t in targets)
    lines = ["# TEP anomaly detection: a federation in which no plant has fault history (issue 18, point 2)", "",
             f"Command: `{payload['command']}`. {payload['machine_line']} Seeds {payload['seeds']}; "
             f"{payload['rounds']} rounds, train stride {payload['train_stride']} rows, windows of "
             f"{payload['window_rows']} rows ({payload['window_rows'] * 36 / 60:g} min). Every mode is a plant holding "
             "only its normal run (`data.classes: [normal]`): no plant has a fault window, labelled or not. The "
             f"federation trains the self-supervised pretext task `{payload['pretext']}` (common/pretext.py: which of "
             "six value-preserving transformations was applied to a window), each plant on its own normal windows; "
             "every round had every plant: "
             f"{all(p == sorted(targets) for p in first['participants_per_round'])}. Detectors are fitted on the "
             "plant's normal training windows and calibrated to a 1 % false-alarm rate on their out-of-fold scores "
             f"({payload['cross_fit_folds']} blocks in time, as the product does). Windows: {counts}. The faults "
             "(the last 20 % of every fault run of the plant's mode, prepared with the same recipe) are never "
             "trained on by anyone. The pretext task, its six transformations and every setting were fixed before "
             "any run of this benchmark; the one development probe (local training on modes 1 and 2, reading their "
             "test detection rate) is disclosed in simulations/results/README.md. PCA is deterministic (± 0).", "",
             "| Plant | Detector | Smoothing | Mean detection rate over faults | AUROC | "
             "False-alarm rate (test normal) | False alarms / day |",
             "|---|---|---|---:|---:|---:|---:|"]
    for t in [*targets, "all"]:
        tt = None if t == "all" else t
        for det in DETECTORS:
            for sm in ("none", "auto"):
                rs = sel(det, tt, sm)
                if not rs:
                    continue
                label = "window scores" if sm == "none" else "auto (the plant's λ)"
                lines.append(f"| {'**all**' if t == 'all' else t} | {LABELS[det]} | {label} | "
                             f"{_cell([r['mean_detection_rate'] for r in rs])} | {_cell([r['auroc'] for r in rs])} | "
                             f"{_cell([r['false_alarm_rate'] for r in rs], 4)} | "
                             f"{_cell([r['false_alarms_per_day'] for r in rs], 1)} |")
    lines += ["", "## Does the federation help a plant without fault history?", ""]
    for sm in ("none", "auto"):
        for det in ("local_ssl", "random_extractor", "pca_t2_spe"):
            wins = []
            for t in targets:
                fed = np.mean([r["mean_detection_rate"] for r in sel("federated_ssl", t, sm)])
                other = np.mean([r["mean_detection_rate"] for r in sel(det, t, sm)])
                wins.append(f"{t} {fed:.3f} vs {other:.3f}")
            better = sum(1 for w in wins if float(w.split()[1]) > float(w.split()[3]))
            lines.append(f"- {'window scores' if sm == 'none' else 'auto smoothing'}: federated self-supervised above "
                         f"{LABELS[det].split(' (')[0].lower()} at {better} of {len(targets)} plants "
                         f"(mean detection rate, mean over seeds: {'; '.join(wins)})")
    unions = [np.mean([r["mean_detection_rate"] for r in sel("union", t, "none")]) for t in targets]
    pcas = [np.mean([r["mean_detection_rate"] for r in sel("pca_t2_spe", t, "none")]) for t in targets]
    lines += ["", "The plant's alarm (union with PCA, window scores) against PCA alone: "
              + "; ".join(f"{t} {u:.3f} vs {p:.3f}" for t, u, p in zip(targets, unions, pcas, strict=True)) + ".",
              "", "Per fault (window scores, mean over seeds): detection rate at the calibrated threshold.", "",
              "| Plant | Fault | " + " | ".join(LABELS[d].split(" (")[0] for d in DETECTORS) + " |",
              "|---|---|" + "---:|" * len(DETECTORS)]
    for t in targets:
        faults = sorted(sel("federated_ssl", t, "none")[0]["detection_rate"])
        for f in faults:
            cells = [np.mean([r["detection_rate"][f] for r in sel(d, t, "none") if f in r["detection_rate"]])
                     for d in DETECTORS]
            lines.append(f"| {t} | {f} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--train-stride", type=int, default=TRAIN_STRIDE)
    parser.add_argument("--jobs", type=int, default=2, help="federations run side by side (processes)")
    parser.add_argument("--results-name", default="tep_anomaly_normal_only",
                        help="file name under simulations/results/ ('' = none)")
    parser.add_argument("--render", action="store_true", help="rewrite the Markdown from the saved JSON only")
    tep_modes.add_arguments(parser)
    args = parser.parse_args(argv)
    choice = tep_modes.from_args(args)
    args.results_name = choice.results_name(args.results_name, "tep_anomaly_normal_only")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.render:
        rerender(args.results_name or "tep_anomaly_normal_only", markdown)
        return 0
    seeds = [int(s) for s in args.seeds.split(",")]
    choice.check_files()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factoryfl-tep-normal-only-") as tmp:
        runs = parallel_map(run_one, [(s, tmp, args.rounds, args.train_stride, choice.modes, choice.tep_dir)
                                      for s in seeds], args.jobs)
    info = machine()
    payload = {"command": command_line("simulations.benchmarks.tep_anomaly_normal_only", parser, args,
                                       "bench-tep-anomaly-normal-only"),
               "machine": info, "machine_line": machine_line(info), "seeds": seeds, "rounds": args.rounds,
               "train_stride": args.train_stride, "window_rows": BASE["window"]["length"], "pretext": PRETEXT,
               "false_alarm_rate": FALSE_ALARM_RATE, "delay_persistence": list(DELAY_PERSISTENCE),
               "cross_fit_folds": CROSS_FIT_FOLDS, "runs": runs, "wall_s": time.perf_counter() - started}
    publish(args.results_name or None, json.loads(json.dumps(payload, default=str)), markdown(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
