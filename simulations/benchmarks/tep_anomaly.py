"""TEP anomaly detection for a plant with only normal data (issue 18, points 2-4).

Each TEP operating mode in turn is the **new plant**: it holds only normal labels
(``labelled_classes: [normal]``; its fault windows carry no label and nothing trains on them; labelled
for one class, it declines pretraining, client/plant.py) and a
detector (``plants[].detector``: ``logit_mahalanobis`` at a 1 % false-alarm rate, baseline
``pca_t2_spe``). The three other modes join with all 29 classes. One federation per (seed, new
plant) through the real coordinator and ClientApp in process (``LoopbackGrid``), with the settings
of the TEP classification scenario (``BASE`` = ``tep_4modes.yaml``'s window, model and rounds: windows
of 40 rows, train stride 10, 10 rounds;
personalisation off: the detector uses the shared model); the plant fits its detectors on the
final shared model (client/anomaly.py) and keeps them.
Compared, all fitted on the same normal training windows and calibrated on their out-of-fold
scores (``cross_fit_folds`` = 5 blocks in time; the test split is never used for a choice):

- **federated, logits** (the kept detector): Mahalanobis on the shared model's outputs;
- **federated, features**: Mahalanobis on the shared extractor's features;
- **local, random extractor**: the same as features on the same network randomly initialised (a
  classifier cannot be trained on normal data alone; no self-supervised local objective was built);
- **local, PCA T²/SPE**: the classic baseline on the plant's own normal rows (the kept baseline);
- **the plant's alarm**: the union of the two kept charts (``detector.alarm: union``, the default:
  max of each chart over its own threshold, one threshold calibrated on the same out-of-fold scores).

Every detector is measured twice: on its window scores (threshold calibrated on the held-out
window scores), and on their EWMA over each recording (``detector.smoothing`` = λ = 0.2 per window
length, :mod:`common.anomaly.smoothing`; threshold calibrated on the **smoothed** held-out scores,
the mean held-out score the start level). λ = 0.2 is fixed in advance, the usual EWMA control-chart
weight (Lucas & Saccucci 1990; Montgomery), not chosen on any TEP figure. And with the weight the
plant chooses itself (``smoothing: auto``, :func:`common.anomaly.smoothing.choose_weight`: from
λ ∈ {1, 0.7, 0.5, 0.35, 0.2} the smallest whose smoothed out-of-fold normal calibration scores still
hold 1/α − 1 independent windows), which the kept detector and its kept PCA baseline use in the
product path (``factoryfl predict``'s health score and alarm); the kept detector is also measured at
every λ of that grid (a diagnostic, no choice). The drift of the normal scores in time (per training
block and on the normal test windows) is described, never used.

Measured on the plant's test split (the last 20 % of every run, non-overlapping windows):
AUROC, detection rate per fault at the calibrated threshold (one window), its mean over the faults
with test windows, false-alarm rate and alarm events per day on the normal test windows. Detection
delay per fault on the **whole** fault run (never trained on by anyone: the new plant's faults),
non-overlapping windows from the row where the run departs from normal: the end of the first
window with an alarm, minus that row; window scores with persistence 3 of 3, smoothed scores with
1 of 1 (the smoothing is their persistence; the other rule's delay is in the JSON too).

Run: make bench-tep-anomaly   (writes simulations/results/tep_anomaly.{json,md})
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from simulations.benchmarks import tep_modes
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, parallel_map, publish, rerender

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
BASE: dict[str, Any] = {   # the settings of simulations/scenarios/tep_4modes.yaml (issue 18's classification scenario)
    "window": {"length": 40, "stride": 10, "test_fraction": 0.2},
    "model": {"channels": [32, 64], "first_kernel": 3, "first_stride": 1, "kernel_size": 3, "feature_dim": 64,
              "standardize_input": False, "block_pool": 2},
    "federation": {"rounds": 10, "strategy": {"name": "fedavg"},
                   "training": {"local_epochs": 1, "batch_size": 64, "learning_rate": 0.002}},
}
SEEDS = (0, 1, 2)
ROUNDS = 10       # tep_4modes.yaml's
TRAIN_STRIDE = 10
FALSE_ALARM_RATE = 0.01
SMOOTHING = 0.2   # EWMA weight per window length, fixed in advance (the usual control-chart weight)
CROSS_FIT_FOLDS = 5   # calibrate on out-of-fold scores of all normal training windows (5 blocks in time)
DELAY_PERSISTENCE = (3, 3)
SMOOTHINGS = ("none", "ewma", "auto")
GRID_DIAGNOSTIC = (0.7, 0.5, 0.35)   # the other λ of the auto grid, measured for the kept detector only (no choice)
DETECTORS = ("federated", "federated_features", "random_extractor", "pca_t2_spe", "union")
LABELS = {"federated": "Federated model outputs + Mahalanobis (the plant's detector)",
          "federated_features": "Federated extractor features + Mahalanobis",
          "random_extractor": "Random extractor + Mahalanobis (local)", "pca_t2_spe": "PCA T²/SPE (local)",
          "union": "Federated ∪ PCA T²/SPE charts (the plant's alarm, `alarm: union`)"}


def scenario_for(seed: int, target: str, rounds: int, stride: int, modes: tuple[int, ...] = tep_modes.DEFAULT_MODES,
                 tep_dir: str | None = None) -> dict[str, Any]:
    """The federation of ``modes`` (one plant each) in which ``target`` is the normal-only new plant."""
    body = json.loads(json.dumps(BASE))
    body.update(seed=seed, name=f"tep-anomaly-{target}", plants=[{"id": "mode0", "data": {"source": "tep"}}])
    body = tep_modes.with_modes(body, modes, tep_dir)
    body["window"]["stride"] = stride
    body["federation"]["rounds"] = rounds
    body["personalisation"] = {"mode": "none"}
    body["evaluation"] = {"baselines": []}
    for plant in body["plants"]:
        if plant["id"] == target:
            plant["labelled_classes"] = ["normal"]
            plant["detector"] = {"name": "logit_mahalanobis", "false_alarm_rate": FALSE_ALARM_RATE,
                                 "baseline": "pca_t2_spe", "smoothing": "auto",
                                 "cross_fit_folds": CROSS_FIT_FOLDS}
    return body


def _fault_runs(data: Any, params: Any, base_dir: Path, length: int) -> dict[str, np.ndarray]:
    """Each fault's whole run, z-scored with the plant's recipe, cut into non-overlapping windows
    from the row where it departs from normal."""
    from common.data.paths import read_npz
    from common.data.process import ZScore
    from common.data.tep import tep_file
    from common.data.windowing import cut_windows

    arrays = read_npz(tep_file(params, base_dir), "TEP")
    zscore = ZScore.from_recipe(data.preprocessing)
    classes = [str(c) for c in arrays["classes"].tolist()]
    out = {}
    for name in data.class_names[1:]:
        first = int(arrays["first_row_differs_from_normal"][classes.index(name)])
        run = zscore.apply(arrays[name])
        if first < 0 or len(run) - first < length:
            continue
        out[name] = cut_windows(run[first:].T, length, length)   # (N, C, L)
    return out


def _delay_h(alarm: np.ndarray, length: int, hours_per_row: float) -> float | None:
    hits = np.flatnonzero(alarm)
    return None if not len(hits) else float((hits[0] + 1) * length * hours_per_row)


def measure(name: str, scorer: Any, threshold: float, data: Any, runs: dict[str, np.ndarray],
            hours_per_row: float, smoothing: Any = None, grouped: Callable[..., Any] | None = None) -> dict[str, Any]:
    """The figures of ``scorer`` at ``threshold``; with ``smoothing`` (common.anomaly.smoothing.Smoothing)
    the scores of each recording (a test class's windows, a fault run) are smoothed first; ``grouped(x,
    groups)`` instead gives the final scores of windows grouped in recordings itself."""
    from common.anomaly.calibration import alarms
    from common.anomaly.evaluate import evaluate_scores

    test = data.test
    length = data.window_length
    stride_s = length * hours_per_row * 3600.0

    def scored(x: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
        if grouped is not None:
            return np.asarray(grouped(x, groups))
        raw = scorer(x)
        return raw if smoothing is None else smoothing.apply(raw, length, length, groups)

    test_scores = scored(test.x, test.y)
    one = evaluate_scores(test_scores, test.y, 0, threshold, data.class_names, stride_s)
    k, n = DELAY_PERSISTENCE
    persistent = evaluate_scores(test_scores, test.y, 0, threshold, data.class_names, stride_s, k, n)
    faults = sorted(c[len("detection_rate/"):] for c in one if c.startswith("detection_rate/"))
    delays = {}
    for fault, windows in runs.items():
        scores = scored(windows)
        delays[fault] = {"one": _delay_h(alarms(scores, threshold), data.window_length, hours_per_row),
                         "persistent": _delay_h(alarms(scores, threshold, k, n), data.window_length, hours_per_row),
                         "run_windows": len(windows)}
    return {"detector": name, "threshold": threshold, "auroc": one["auroc"],
            "false_alarm_rate": one["false_alarm_rate"],
            "false_alarm_rate_persistent": persistent["false_alarm_rate"],
            "false_alarms_per_day": one["false_alarms_per_day"],
            "false_alarms_per_day_persistent": persistent["false_alarms_per_day"],
            "mean_detection_rate": float(np.mean([one[f"detection_rate/{f}"] for f in faults])),
            "detection_rate": {f: one[f"detection_rate/{f}"] for f in faults},
            "detection_rate_persistent": {f: persistent[f"detection_rate/{f}"] for f in faults},
            "delay_h": delays, "n_normal_test": int(one["n_normal"]), "n_fault_test": int(one["n_abnormal"])}


@dataclass
class NewPlantRun:
    """One federation with a normal-only new plant, and what its detectors need (shared by the TEP and
    the vibration benchmarks)."""

    results: dict[str, Any]
    federation_s: float
    data: Any
    spec: Any
    scenario: Any
    fit: np.ndarray
    cal: np.ndarray
    fed: Any
    pca: Any
    on_features: Callable[[Any], tuple[Any, float]]
    shared: Any
    random_net: Any
    started: float


def federate_new_plant(body: dict[str, Any], folder: Path, target: str, seed: int, label: str) -> NewPlantRun:
    """Run ``body`` in process (LoopbackGrid) and load the new plant ``target``'s kept detector and PCA
    baseline, its fit / calibration split (as client/anomaly.py made it), and Mahalanobis-on-features
    scorers for any extractor (the shared one, a random one)."""
    import torch

    from client.anomaly import BASELINE_FILE, DETECTOR_FILE, MODEL_PREFIX, load_kept_detector
    from client.loader import load_data
    from common.anomaly.calibration import calibrate, split_fit_calibration
    from common.anomaly.feature import FeatureMahalanobis
    from common.config import load_scenario
    from common.models import build_model
    from common.training import predict_logits
    from server.app import run_federation
    from simulations.benchmarks.common import check_all_trained
    from tests.helpers.loopback import LoopbackGrid

    torch.set_num_threads(1)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    (folder / "run").mkdir(parents=True)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(body))
    started = time.perf_counter()
    scenario = load_scenario(path)
    results = run_federation(LoopbackGrid(path, len(body["plants"]), folder / "run"), scenario, folder / "run")
    check_all_trained(results, label)
    federated_s = time.perf_counter() - started
    spec = next(p for p in scenario.plants if p.id == target)
    state = next(p.parent.parent for p in (folder / "run").rglob(f"{DETECTOR_FILE}.pt") if target in p.parts)
    fed, meta = load_kept_detector(state, DETECTOR_FILE) or (None, {})
    pca, _ = load_kept_detector(state, BASELINE_FILE) or (None, {})
    assert fed is not None and pca is not None, f"{state}: the new plant kept no detector"
    data = load_data(scenario, spec)
    # the same split the plant used (client/anomaly.py): normal train windows, the last 30 % calibrate
    normal = data.class_names.index("normal")
    fit, cal = split_fit_calibration(np.flatnonzero(data.train.y == normal), 0.3, data.window_length,
                                     scenario.window.stride or data.window_length)
    if meta["detector"].get("cross_fit_folds"):   # out-of-fold calibration: every normal window both
        fit = cal = np.flatnonzero(data.train.y == normal)
    assert (len(fit), len(cal)) == (meta["detector"]["n_fit"], meta["detector"]["n_calibration"])
    blob = torch.load(state / "models" / f"{DETECTOR_FILE}.pt", map_location="cpu", weights_only=True)
    shared = build_model(data.channels, int(meta["num_outputs"]), scenario.model, seed=seed)
    shared.load_state_dict({k[len(MODEL_PREFIX):]: v for k, v in blob["state_dict"].items()
                            if k.startswith(MODEL_PREFIX)})
    random_net = build_model(data.channels, int(meta["num_outputs"]), scenario.model, seed=seed)

    def on_features(net: Any) -> tuple[Any, float]:
        def features(x: np.ndarray) -> np.ndarray:
            with torch.no_grad():
                return predict_logits(net.extractor.eval(), x).numpy()
        det = FeatureMahalanobis().fit(features(data.train.x[fit]))

        def scores(x: np.ndarray) -> np.ndarray:
            return det.score(features(x))
        return scores, calibrate(scores(data.train.x[cal]), FALSE_ALARM_RATE).value

    return NewPlantRun(results, federated_s, data, spec, scenario, fit, cal, fed, pca, on_features, shared,
                       random_net, started)


def union_of_charts(charts: list[tuple[Callable[[np.ndarray], np.ndarray], np.ndarray]], weights: list[float],
                    stride: int, length: int) -> tuple[Callable[..., np.ndarray], float]:
    """An alarm when any detector's chart alarms (common.anomaly.smoothing.chart_union, as
    client/anomaly.py's ``alarm: union``): each detector's scores, smoothed at its own λ (``weights``),
    over its own threshold calibrated on its normal calibration scores (``stride`` rows apart), the
    maximum's threshold calibrated on the same windows. ``charts``: (scorer, calibration scores) per
    detector. Returns (scores of windows grouped in recordings, non-overlapping; threshold)."""
    from common.anomaly.calibration import calibrate
    from common.anomaly.smoothing import calibrate_smoothed, chart_union

    parts = []
    for (scorer, raw), weight in zip(charts, weights, strict=True):
        smoothing, threshold, _ = calibrate_smoothed(raw, FALSE_ALARM_RATE, weight, stride, length)
        parts.append((scorer, smoothing, threshold.value, smoothing.apply(raw, stride, length)))
    joint = calibrate(chart_union([(z, t) for _, _, t, z in parts]), FALSE_ALARM_RATE).value

    def grouped(x: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
        return chart_union([(sm.apply(f(x), length, length, groups), t) for f, sm, t, _ in parts])
    return grouped, joint


def _cached(scorer: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """``scorer`` remembering the scores of each array it saw (the same windows are measured at several λ)."""
    seen: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def cached(x: np.ndarray) -> np.ndarray:
        hit = seen.get(id(x))
        if hit is None or hit[0] is not x:
            hit = (x, np.asarray(scorer(x), dtype=np.float64))
            seen[id(x)] = hit
        return hit[1]
    return cached


def drift_profile(cal_scores: np.ndarray, test_normal: np.ndarray, folds: int) -> dict[str, Any]:
    """Where the normal scores sit in time (a description, never a choice): the mean out-of-fold window
    score of each training block in time and of the normal test windows (the last 20 % of the normal
    run), in units of the calibration scores' standard deviation from their mean, and the share of the
    normal test windows above the calibration's 99 % quantile (window scores)."""
    cal = np.asarray(cal_scores, dtype=np.float64)
    mu, sd = float(cal.mean()), float(cal.std()) or 1.0
    blocks = [float((cal[a:b].mean() - mu) / sd) for a, b in
              zip(np.linspace(0, len(cal), folds + 1).round().astype(int)[:-1],
                  np.linspace(0, len(cal), folds + 1).round().astype(int)[1:])]
    test = np.asarray(test_normal, dtype=np.float64)
    return {"block_means_sd": blocks, "test_mean_sd": float((test.mean() - mu) / sd),
            "test_above_q99": float(np.mean(test > np.quantile(cal, 0.99)))}


def variable_drift(test_fraction: float, params: Any, base_dir: Path, hours_per_row: float,
                   top: int = 3) -> dict[str, Any]:
    """Which process variables move in the normal test stretch (a description): each variable's mean over
    the normal run's test rows in standard deviations of its training rows, the ``top`` largest, and for
    them the largest |mean| of a 2-hour stretch of the training rows (how far normal training wandered)."""
    from common.data.paths import read_npz
    from common.data.process import train_rows
    from common.data.tep import tep_file

    arrays = read_npz(tep_file(params, base_dir), "TEP")
    x = np.asarray(arrays["normal"], dtype=np.float64)
    names = [str(v) for v in arrays["variables"].tolist()]
    cut = train_rows(x, test_fraction)
    mu, sd = x[:cut].mean(0), x[:cut].std(0) + 1e-12
    shift = (x[cut:].mean(0) - mu) / sd
    span = max(1, int(round(2.0 / hours_per_row)))
    blocks = (x[: cut // span * span] - mu) / sd
    wander = np.abs(blocks.reshape(-1, span, x.shape[1]).mean(1)).max(0)
    order = np.argsort(-np.abs(shift))[:top]
    return {"test_rows": int(len(x) - cut), "train_rows": int(cut),
            "top": [{"variable": names[j], "test_shift_sd": float(shift[j]), "train_2h_max_abs_sd": float(wander[j])}
                    for j in order],
            "n_variables_shift_over_1sd": int((np.abs(shift) > 1).sum())}


def run_one(seed: int, target_index: int, tmp: str, rounds: int, stride: int,
            modes: tuple[int, ...] = tep_modes.DEFAULT_MODES, tep_dir: str | None = None) -> list[dict[str, Any]]:
    """One federation with mode ``target_index`` as the normal-only new plant; its detectors' figures,
    on window scores and on smoothed scores."""
    import torch

    from common.anomaly.calibration import cross_fitted_scores
    from common.anomaly.feature import FeatureMahalanobis
    from common.anomaly.smoothing import calibrate_smoothed, choose_weight
    from common.extensions.detectors import DETECTORS as REGISTRY
    from common.training import predict_logits

    target = f"mode{modes[target_index]}"
    run = federate_new_plant(scenario_for(seed, target, rounds, stride, modes, tep_dir),
                             Path(tmp) / f"seed{seed}-{target}", target, seed, f"seed {seed}, new plant {target}")
    results, federated_s, data, spec, scenario = run.results, run.federation_s, run.data, run.spec, run.scenario
    fit, cal, fed, pca, started = run.fit, run.cal, run.fed, run.pca, run.started
    shared, random_net = run.shared, run.random_net
    hours_per_row = 1.0 / (data.sample_rate_hz * 3600.0)
    runs = _fault_runs(data, spec.data.params, Path(scenario.base_dir), data.window_length)
    x = data.train.x
    gap = max(0, -(-data.window_length // stride) - 1)

    def calibrated(make: Any, inputs: Callable[[np.ndarray], np.ndarray],
                   scorer: Callable[[np.ndarray], np.ndarray] | None = None) -> tuple[Any, np.ndarray]:
        """(scorer fitted on the fit windows, normal calibration scores) as client/anomaly.py makes them."""
        if scorer is None:
            det = make().fit(inputs(x[fit]))

            def scorer(w: np.ndarray) -> np.ndarray:
                return np.asarray(det.score(inputs(w)), dtype=np.float64)
        if CROSS_FIT_FOLDS:
            return scorer, cross_fitted_scores(make, inputs(x[fit]), CROSS_FIT_FOLDS, gap)
        return scorer, scorer(x[cal])

    def features_of(net: Any) -> Callable[[np.ndarray], np.ndarray]:
        def features(w: np.ndarray) -> np.ndarray:
            with torch.no_grad():
                return predict_logits(net.extractor.eval(), w).numpy()
        return features

    detectors = {"federated": calibrated(REGISTRY.load("logit_mahalanobis"), fed.inputs, fed.scores),
                 "federated_features": calibrated(FeatureMahalanobis, features_of(shared)),
                 "random_extractor": calibrated(FeatureMahalanobis, features_of(random_net)),
                 "pca_t2_spe": calibrated(REGISTRY.load("pca_t2_spe"), pca.inputs, pca.scores)}
    detectors = {name: (_cached(scorer), cal_scores) for name, (scorer, cal_scores) in detectors.items()}
    rows = []
    reported = results["plants"][target]["metrics"].get("anomaly_logit_mahalanobis", {})
    choices = {name: choose_weight(cal_scores, FALSE_ALARM_RATE, stride, data.window_length)
               for name, (_, cal_scores) in detectors.items()}
    for name, (scorer, cal_scores) in detectors.items():
        weights = [("none", 1.0), ("ewma", SMOOTHING), ("auto", choices[name].weight)]
        if name == "federated":
            weights += [(f"grid{w:g}", w) for w in GRID_DIAGNOSTIC]
        for smoothing_name, weight in weights:
            smoothing, threshold, n_eff = calibrate_smoothed(cal_scores, FALSE_ALARM_RATE, weight, stride,
                                                             data.window_length)
            kept = {"federated": fed, "pca_t2_spe": pca}.get(name)
            if kept is not None and smoothing_name == "auto":   # the product path chose and calibrated the same
                assert np.isclose(kept.threshold.value, threshold.value) and kept.smoothing == smoothing, name
            row = {"seed": seed, "target": target, "smoothing": smoothing_name, "smoothing_weight": weight,
                   "smoothing_start": smoothing.start,
                   **measure(name, scorer, threshold.value, data, runs, hours_per_row,
                             smoothing if weight < 1 else None),
                   "n_fit": int(len(fit)), "n_calibration": int(len(cal)), "n_calibration_effective": n_eff,
                   "n_train_windows": int(len(data.train)), "federation_s": federated_s}
            if smoothing_name == "auto":
                row["smoothing_choice"] = choices[name].to_dict()
            if name in ("federated", "pca_t2_spe") and smoothing_name == "none":
                row["drift"] = drift_profile(cal_scores, scorer(data.test.x[data.test.y == 0]), CROSS_FIT_FOLDS)
                if name == "federated":
                    row["variable_drift"] = variable_drift(scenario.window.test_fraction, spec.data.params,
                                                           Path(scenario.base_dir), hours_per_row)
            if name == "federated" and smoothing_name == "auto":   # the federation's own report: the two agree
                row["auroc_reported"] = reported.get("auroc")
            rows.append(row)
    union_reported = results["plants"][target]["metrics"].get("anomaly_logit_mahalanobis+pca_t2_spe", {})
    auto_weights = [choices["federated"].weight, choices["pca_t2_spe"].weight]
    for smoothing_name, chart_weights in (("none", [1.0, 1.0]), ("ewma", [SMOOTHING] * 2), ("auto", auto_weights)):
        grouped, joint = union_of_charts([detectors["federated"], detectors["pca_t2_spe"]], chart_weights, stride,
                                         data.window_length)
        if smoothing_name == "auto":   # the plant's alarm: the same union, the same threshold
            assert np.isclose(union_reported["threshold"], joint), (union_reported, joint)
        rows.append({"seed": seed, "target": target, "smoothing": smoothing_name,
                     "smoothing_weight": min(chart_weights),
                     **measure("union", fed.scores, joint, data, runs, hours_per_row, grouped=grouped),
                     "n_fit": int(len(fit)), "n_calibration": int(len(cal)), "n_train_windows": int(len(data.train)),
                     "federation_s": federated_s,
                     **({"auroc_reported": union_reported.get("auroc")} if smoothing_name == "auto" else {})})
    logger.warning("seed %d new plant %s: mean detection rate %s (%.0f s)", seed, target,
                   ", ".join(f"{r['detector']}/{r['smoothing']} {r['mean_detection_rate']:.3f}" for r in rows),
                   time.perf_counter() - started)
    return rows


def _cell(values: list[float], digits: int = 3) -> str:
    values = [v for v in values if v is not None and np.isfinite(v)]
    if not values:
        return "—"
    mean, std = mean_std(values)
    return f"{mean:.{digits}f} ± {std:.{digits}f}"


def _mean(rs: list[dict[str, Any]], fault: str, key: str = "detection_rate") -> float:
    return float(np.mean([r[key][fault] for r in rs if fault in r[key]])) if rs else float("nan")


def _delay(rs: list[dict[str, Any]], fault: str, rule: str) -> str:
    v = [r["delay_h"].get(fault, {}).get(rule) for r in rs if fault in r["delay_h"]]
    if not v:
        return "n/a"
    got = [x for x in v if x is not None]
    return "—" if not got else f"{np.mean(got):.1f}" + ("" if len(got) == len(v) else f" ({len(got)}/{len(v)})")


def _rows(payload: dict[str, Any]) -> str:
    """The window length of a run (runs before it was recorded: 20 rows)."""
    rows = int(payload.get("window_rows", 20))
    return f"{rows} rows ({rows * 36 / 60:g} min)"


def _hours(payload: dict[str, Any], windows: float) -> str:
    return f"≈ {windows * int(payload.get('window_rows', 20)) * 36 / 3600:.1f} h"


def markdown(payload: dict[str, Any]) -> str:
    rows = payload["runs"]
    targets = sorted({r["target"] for r in rows})
    k, n = payload["delay_persistence"]
    weight = payload["smoothing"]

    def sel(det: str, target: str | None = None, smoothing: str = "ewma") -> list[dict[str, Any]]:
        return [r for r in rows if r["detector"] == det and target in (None, r["target"])
                and r["smoothing"] == smoothing]

    def first(t: str) -> dict[str, Any]:
        return sel("federated", t)[0]

    counts = ", ".join(f"{t}: {first(t)['n_fit']} normal windows (fit and, out of fold, calibration) "
                       f"(effective independent at λ = {weight:g} ≈ "
                       f"{np.mean([r['n_calibration_effective'] for r in sel('federated', t)]):.0f}), "
                       f"{first(t)['n_normal_test']} normal + {first(t)['n_fault_test']} fault test windows"
                       for t in targets)
    lines = ["# TEP anomaly detection: a new plant with only normal data (issue 18, points 2-4)", "",
             f"Command: `{payload['command']}`. {payload['machine_line']} Seeds {payload['seeds']}; "
             f"{payload['rounds']} rounds, train stride {payload['train_stride']} rows, windows of {_rows(payload)}. "
             "The plant's detector (logit_mahalanobis) was chosen after one development run (mode 2, seed 0, 5 "
             "rounds) in which it and the features' detector were compared on that run's test split; modes 5 and 6 "
             "were not seen. What raises the plant's alarm is the union of that detector's chart and the PCA "
             "T²/SPE chart (`detector.alarm: union`, the default; disclosed: the union was an arm of the previous "
             "run of this benchmark, 0.775 against the detector's 0.749 on window scores, and became the default "
             "for a reason that holds without those figures: a plant with only normal data cannot tell which chart "
             "suits its data, and on the synthetic vibration plants the PCA chart detects far more while on TEP "
             "the federated one does). "
             "Each mode in turn is the new plant with only normal labels; the other modes train the shared "
             "extractor on all 29 classes. Every detector is fitted on all the new plant's normal training "
             "windows and its threshold calibrated to a 1 % false-alarm rate (conformal rank ⌈(m+1)(1−α)⌉) on "
             f"out-of-fold scores of the same windows ({payload['cross_fit_folds']} blocks in time, each scored by "
             "the detector fitted on the other blocks, the window overlapping a block's edge left out of its fit; "
             "`plants[].detector.cross_fit_folds`), so the calibration spans the whole normal training record "
             "(disclosed: cross-fitting replaced the held-out last 30 % after a one-round smoke run of mode 3, "
             "seed 0, showed smoothed PCA alarming on 19 % of that plant's normal test windows; k = 5 was not "
             "varied); no "
             f"fault window and no test window shapes any detector or threshold. Windows: {counts}. The PCA "
             "baseline is deterministic (its ± is 0).", "",
             "**Smoothing chosen by the plant (`smoothing: auto`, the product path now).** From the fixed grid "
             "λ ∈ {1, 0.7, 0.5, 0.35, 0.2}, going down from 1, the plant keeps the last λ whose smoothed "
             "out-of-fold normal calibration scores still hold ≥ 1/α − 1 = 99 effective independent windows "
             "(m(1 − ρ)/(1 + ρ), ρ their lag-one autocorrelation); λ = 1 (none) when even the window scores hold "
             "fewer. The rule uses only the plant's own normal training windows; the grid and the threshold 99 were "
             "stated before this run (disclosed: after the earlier λ = 0.2 results of this benchmark, mode 3's "
             "false alarms included, had been seen; nothing in the rule was varied on figures of this run). Each "
             "detector chooses its own λ (*auto* rows; the λ chosen and the counts per λ are in the JSON and below). "
             "The earlier fixed rule is kept beside it for comparison. Each detector is "
             "reported on its window scores (*none*) and on their EWMA over each recording (*EWMA*): "
             f"z_i = w s_i + (1 − w) z_(i−1), λ = {weight:g} per window length of time (w = 1 − (1 − λ)^(stride/L), so "
             "the overlapping calibration windows and the non-overlapping test windows are smoothed over the same "
             "time), started at the mean of the plant's normal calibration (out-of-fold) scores; the threshold is the "
             "same conformal rank of the **smoothed** calibration scores. λ = 0.2 is the usual EWMA control-chart "
             "weight (Lucas & Saccucci 1990; Montgomery, *Introduction to Statistical Quality Control*), a "
             f"trade-off stated in advance (about 9 window lengths, {_hours(payload, 9)} of evidence): it was not "
             "chosen on any figure of modes 1–4, and a plant applies it without data. The kept detector and its PCA "
             "baseline use it in the product path (`plants[].detector.smoothing`; `factoryfl predict`'s "
             "health score and alarm; the model card states it). Smoothed scores are autocorrelated: the "
             "effective number of independent calibration windows (m(1 − ρ)/(1 + ρ), ρ the lag-one "
             "autocorrelation of the smoothed held-out scores) is given with the counts above; a 1 % rate "
             "needs about 99 of them, so the calibrated 1 % rests on fewer independent windows than it needs "
             "(see the test false-alarm rates).", "",
             "## Per new plant (mean ± std over seeds)", "",
             "| New plant | Detector | Smoothing | Mean detection rate over faults | AUROC | "
             "False-alarm rate (test normal) | False alarms / day (1 of 1) | "
             f"False alarms / day ({k} of {n}) |", "|---|---|---|---:|---:|---:|---:|---:|"]
    def sm_label(sm: str, s: list[dict[str, Any]]) -> str:
        if sm == "auto":
            return "auto (λ " + "/".join(f"{w:g}" for w in sorted({r["smoothing_weight"] for r in s})) + ")"
        return "EWMA λ=" + format(weight, "g") if sm == "ewma" else "none"

    for t in [*targets, "all"]:
        for det in DETECTORS:
            for sm in SMOOTHINGS:
                s = sel(det, None if t == "all" else t, sm)
                if not s:
                    continue
                lines.append(f"| {'**all**' if t == 'all' else t} | {LABELS[det]} | {sm_label(sm, s)} | "
                             f"{_cell([r['mean_detection_rate'] for r in s])} | {_cell([r['auroc'] for r in s])} | "
                             f"{_cell([r['false_alarm_rate'] for r in s], 4)} | "
                             f"{_cell([r['false_alarms_per_day'] for r in s], 1)} | "
                             f"{_cell([r['false_alarms_per_day_persistent'] for r in s], 1)} |")
    faults = sorted({f for r in rows for f in r["detection_rate"]})
    alarm = "union" if sel("union", None, "auto") else "federated"   # runs before alarm: union had no such rows
    lines += ["", "## Per fault: detection rate at the calibrated threshold (mean over seeds): the plant's alarm "
              f"(union, auto) / federated (auto) / federated (EWMA λ={weight:g}) / PCA (auto)", "",
              "| Fault | " + " | ".join(targets) + " |", "|---|" + "---:|" * len(targets)]
    for fault in faults:
        cells = []
        for t in targets:
            v = [_mean(sel(alarm, t, "auto"), fault), _mean(sel("federated", t, "auto"), fault),
                 _mean(sel("federated", t), fault), _mean(sel("pca_t2_spe", t, "auto"), fault)]
            cells.append(" / ".join(f"{x:.2f}" for x in v) if all(np.isfinite(v)) else "—")
        lines.append(f"| {fault} | " + " | ".join(cells) + " |")
    lines += ["", "## Per fault: detection delay on the whole run (hours from the row the run departs from normal; "
              f"mean over seeds; — never detected): the plant's alarm (union, auto, 1 of 1) / PCA (auto, 1 of 1) / "
              f"PCA (window scores, {k} of {n})", "",
              "| Fault | " + " | ".join(targets) + " |", "|---|" + "---:|" * len(targets)]
    for fault in faults:
        lines.append(f"| {fault} | " + " | ".join(
            f"{_delay(sel(alarm, t, 'auto'), fault, 'one')} / "
            f"{_delay(sel('pca_t2_spe', t, 'auto'), fault, 'one')} / "
            f"{_delay(sel('pca_t2_spe', t, 'none'), fault, 'persistent')}" for t in targets) + " |")

    def mean_rate(det: str, t: str | None = None, sm: str = "ewma") -> float:
        return mean_std([r["mean_detection_rate"] for r in sel(det, t, sm)])[0]

    def below(det: str, sm: str, ref_sm: str, margin: float = 1e-9) -> list[str]:
        return sorted({f"{f} ({t})" for f in faults for t in targets
                       if _mean(sel(det, t, sm), f) < _mean(sel("pca_t2_spe", t, ref_sm), f) - margin})

    def pooled(det: str, sm: str) -> float:
        rs = sel(det, None, sm)
        return float(np.sum([r["false_alarm_rate"] * r["n_normal_test"] for r in rs])
                     / np.sum([r["n_normal_test"] for r in rs]))

    def far_modes(det: str, sm: str) -> str:
        return ", ".join(f"{t} {np.mean([r['false_alarm_rate'] for r in sel(det, t, sm)]):.3f}" for t in targets)

    def per_mode(det: str, sm: str) -> str:
        return ", ".join(f"{t} {mean_rate(det, t, sm):.3f}" for t in targets)

    def met(det: str, sm: str) -> bool:
        return all(mean_rate(det, t, sm) >= 0.80 for t in targets) and pooled(det, sm) <= 0.01

    def aim_line(det: str, sm: str, what: str) -> str:
        fars = [r["false_alarm_rate"] for r in sel(det, None, sm)]
        if not fars:
            return f"- {what}: not measured in this run."
        return (f"- Mean detection rate ≥ 0.80 at ≤ 1 % false alarms, {what}: "
                f"**{'met' if met(det, sm) else 'not met'}** — {mean_rate(det, None, sm):.3f} over all runs (per "
                f"mode: {per_mode(det, sm)}); test false-alarm rate pooled over the {len(fars)} runs "
                f"{pooled(det, sm):.4f}, highest of a run {max(fars):.4f} (each run has "
                f"{first(targets[0])['n_normal_test']} normal test windows; per mode {far_modes(det, sm)}).")

    def n_eff(det: str, sm: str) -> str:
        values = [r["n_calibration_effective"] for r in sel(det, None, sm)]
        return f"{min(values):.0f}–{max(values):.0f}"

    agree = [abs(r["auroc"] - r["auroc_reported"]) for det in ("federated", "union") for r in sel(det, None, "auto")
             if r.get("auroc_reported") is not None]
    b_auto, b_auto_raw = below(alarm, "auto", "auto"), below(alarm, "auto", "none")
    b_auto5 = below(alarm, "auto", "auto", 0.05)
    b_fed = below("federated", "auto", "auto")
    b_ewma = below("federated", "ewma", "ewma")
    union = mean_rate("union")
    fed_auto = mean_rate("federated", None, "auto")
    local_auto = (mean_rate("random_extractor", None, "auto"), mean_rate("pca_t2_spe", None, "auto"))
    chosen = {det: sorted({r["smoothing_weight"] for r in sel(det, None, "auto")}) for det in DETECTORS
              if sel(det, None, "auto")}
    lines += ["", "## Aims (issue 18)", "",
              aim_line("union", "auto", "the plant's alarm (`alarm: union` of the federated and PCA charts, each "
                       "with the smoothing the plant chose: the product path)"),
              aim_line("federated", "auto", "the federated detector's chart alone (`alarm: detector`, smoothing "
                       "chosen by the plant)"),
              aim_line("federated", "ewma", f"the federated chart at fixed λ = {weight:g} (the earlier rule)"),
              aim_line("federated", "none", "the federated chart on window scores (no smoothing)"),
              f"- At least the PCA baseline on every fault, {LABELS[alarm]} and PCA with their chosen smoothing: "
              f"**{'met' if not b_auto else 'not met'}**"
              + (f" (below, fault (plant): {', '.join(b_auto)}; by more than 0.05: "
                 f"{', '.join(b_auto5) if b_auto5 else 'none'})." if b_auto else ".")
              + f" Against PCA on window scores: {'met' if not b_auto_raw else 'not met'}"
              + (f" (below: {', '.join(b_auto_raw)})." if b_auto_raw else ".")
              + f" The federated chart alone: {len(b_fed)} (fault, plant) pairs below PCA (auto); both at "
              f"λ = {weight:g}: {'met' if not b_ewma else 'not met'}"
              + (f" ({len(b_ewma)} (fault, plant) pairs below)." if b_ewma else "."),
              f"- A normal-only plant gains from the federation (auto): federated {fed_auto:.3f} (features: "
              f"{mean_rate('federated_features', None, 'auto'):.3f}) vs its local detectors (random extractor "
              f"{local_auto[0]:.3f}, PCA {local_auto[1]:.3f}) — **{'yes' if fed_auto > max(local_auto) else 'no'}** "
              "on the mean detection rate.",
              "- λ the rule chose (over all runs): "
              + "; ".join(f"{LABELS[d]}: {', '.join(format(w, 'g') for w in ws)}" for d, ws in chosen.items())
              + ". Effective independent calibration windows, kept detector: "
              f"{n_eff('federated', 'none')} on window scores, {n_eff('federated', 'ewma')} at λ = {weight:g}; "
              f"PCA: {n_eff('pca_t2_spe', 'none')} and "
              f"{n_eff('pca_t2_spe', 'ewma')}.",
              f"- Union of the two charts at a fixed λ for both (federated ∪ PCA, λ = {weight:g}; max of each "
              f"smoothed score over its own threshold, recalibrated at 1 %): mean detection rate {union:.3f} (per "
              f"mode: {per_mode('union', 'ewma')}), "
              f"test false-alarm rate pooled {pooled('union', 'ewma'):.4f}; on window scores "
              f"{mean_rate('union', None, 'none'):.3f}, pooled {pooled('union', 'none'):.4f}."]
    lines += ["", "## The kept detector at every λ of the grid (diagnostic: measured, not chosen on)", "",
              "| New plant | λ | Effective independent calibration windows | chosen by the rule (runs) | "
              "Mean detection rate | False-alarm rate (test normal) |", "|---|---:|---:|---:|---:|---:|"]
    grid_names = [("none", 1.0), *[(f"grid{w:g}", w) for w in GRID_DIAGNOSTIC], ("ewma", weight)]
    for t in [*targets, "all"]:
        tt = None if t == "all" else t
        for sm, w in grid_names:
            rs = sel("federated", tt, sm)
            if not rs:
                continue
            picks = sum(1 for r in sel("federated", tt, "auto") if r["smoothing_weight"] == w)
            lines.append(f"| {'**all**' if t == 'all' else t} | {w:g} | "
                         f"{np.mean([r['n_calibration_effective'] for r in rs]):.0f} | {picks} of {len(rs)} | "
                         f"{_cell([r['mean_detection_rate'] for r in rs])} | "
                         f"{_cell([r['false_alarm_rate'] for r in rs], 4)} |")
    lines += ["", "## Drift of the normal scores in time (description only: no choice uses the test windows)", "",
              f"Mean window score of each of the {payload['cross_fit_folds']} training blocks in time (out-of-fold) "
              "and of the normal test windows (the last 20 % of the 72 h normal run), in standard deviations of the "
              "calibration scores from their mean; and the share of normal test windows above the calibration's "
              "99 % quantile (window scores). Mean over seeds.", "",
              "| New plant | Detector | Training blocks 1 … k | Normal test | Test above q99 |",
              "|---|---|---|---:|---:|"]
    for t in targets:
        for det in ("federated", "pca_t2_spe"):
            ds = [r["drift"] for r in sel(det, t, "none") if r.get("drift")]
            if not ds:
                continue
            blocks = np.mean([d["block_means_sd"] for d in ds], axis=0)
            lines.append(f"| {t} | {LABELS[det]} | {' / '.join(f'{b:+.2f}' for b in blocks)} | "
                         f"{np.mean([d['test_mean_sd'] for d in ds]):+.2f} | "
                         f"{np.mean([d['test_above_q99'] for d in ds]):.3f} |")
    beyond = []
    for t in targets:
        ds = [r["drift"] for r in sel("federated", t, "none") if r.get("drift")]
        if ds:
            blocks = np.mean([d["block_means_sd"] for d in ds], axis=0)
            test_mean = float(np.mean([d["test_mean_sd"] for d in ds]))
            if test_mean > blocks.max():
                beyond.append(f"{t} (normal test {test_mean:+.2f}, highest training block {blocks.max():+.2f}, "
                              f"last training block {blocks[-1]:+.2f})")
    lines += ["", "Kept detector: the normal test windows sit above every training block in "
              + ("; ".join(beyond) if beyond else "no mode")
              + ". There the last training block sits near the record's own level, so the latest normal windows "
              "carry no sign of the shift (calibrating on them would not anticipate it): it comes after the training "
              "record ends, not as a trend within it."]
    lines += ["", "Process variables that move most in the normal test stretch (mean over its rows, in standard "
              "deviations of the normal training rows), with the largest |mean| of any 2-hour stretch of the "
              "training rows for the same variable (how far normal training itself wandered):", "",
              "| New plant | Variables over 1 sd in the test stretch | "
              "Largest shifts: variable test (training 2-h max) |",
              "|---|---:|---|"]
    for t in targets:
        vd = next((r["variable_drift"] for r in sel("federated", t, "none") if r.get("variable_drift")), None)
        if vd:
            lines.append(f"| {t} | {vd['n_variables_shift_over_1sd']} | " + ", ".join(
                f"{v['variable']} {v['test_shift_sd']:+.2f} ({v['train_2h_max_abs_sd']:.2f})" for v in vd["top"])
                + " |")
    lines += ["", f"The federation's own report gives the same AUROC for the kept detector (largest difference "
              f"{max(agree) if agree else float('nan'):.2g} over {len(agree)} runs); the benchmark's chosen λ and "
              "thresholds equal the ones the plant kept (asserted in every run)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--targets", default="",
                        help="indices into --modes of the modes that take the new plant's turn (default: every one)")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--train-stride", type=int, default=TRAIN_STRIDE)
    parser.add_argument("--jobs", type=int, default=2, help="federations run side by side (processes)")
    parser.add_argument("--results-name", default="tep_anomaly",
                        help="file name under simulations/results/ ('' = none)")
    parser.add_argument("--render", action="store_true", help="rewrite the Markdown from the saved JSON only")
    tep_modes.add_arguments(parser)
    args = parser.parse_args(argv)
    choice = tep_modes.from_args(args)
    modes = choice.modes
    args.results_name = choice.results_name(args.results_name, "tep_anomaly")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.render:
        rerender(args.results_name or "tep_anomaly", markdown)
        return 0
    seeds = [int(s) for s in args.seeds.split(",")]
    choice.check_files()
    try:
        targets = [int(t) for t in args.targets.split(",")] if args.targets else list(range(len(modes)))
    except ValueError:
        targets = [-1]
    if any(not 0 <= t < len(modes) for t in targets):
        raise SystemExit(f"--targets {args.targets}: indices into --modes {args.modes} (0..{len(modes) - 1})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factoryfl-tep-anomaly-") as tmp:
        runs = parallel_map(run_one, [(s, t, tmp, args.rounds, args.train_stride, modes, choice.tep_dir)
                                      for s in seeds for t in targets], args.jobs)
    info = machine()
    payload = {"command": command_line("simulations.benchmarks.tep_anomaly", parser, args, "bench-tep-anomaly"),
               "machine": info, "machine_line": machine_line(info), "seeds": seeds, "rounds": args.rounds,
               "train_stride": args.train_stride, "window_rows": BASE["window"]["length"],
               "false_alarm_rate": FALSE_ALARM_RATE,
               "delay_persistence": list(DELAY_PERSISTENCE), "smoothing": SMOOTHING,
               "cross_fit_folds": CROSS_FIT_FOLDS, "runs": runs,
               "wall_s": time.perf_counter() - started}
    publish(args.results_name or None, json.loads(json.dumps(payload, default=str)), markdown(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
