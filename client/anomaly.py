"""Anomaly detection inside a plant (``plants[].detector``): fit, calibrate, keep, score.

After the federation, the plant fits its detector (``common/extensions/detectors.py``) on its own
normal training windows (those labelled ``normal_class``; a plant without labels takes all its
training windows as normal operation) and calibrates the alarm threshold to ``false_alarm_rate``
on the last ``calibration_fraction`` of them, held out in time (the windows overlapping the fit
part are dropped, so no row is in both), or with ``cross_fit_folds`` on the out-of-fold scores of
all of them (k blocks in time), the detector then fitted on all. With ``smoothing`` (λ < 1) the
alarm compares an EWMA of the window scores of one recording (:mod:`common.anomaly.smoothing`)
with a threshold calibrated on the smoothed held-out scores (``smoothing: auto``: λ chosen from a
fixed grid on those normal scores, the smallest whose calibration still holds enough independent
windows for ``false_alarm_rate``); the health score is that smoothed score. A detector with
``input: features`` scores the shared (federated) extractor's features, the extractor pretrained
by the labelled plants; ``input: logits`` the shared model's class evidence (extractor + reference
head); ``input: windows`` (the PCA T²/SPE baseline) the windows themselves. The configured
detector and its baseline are kept in the plant's state directory (``models/anomaly_*.pt``: the
detector's arrays, the threshold, and for features the extractor), never sent; the coordinator
receives only their aggregate metrics on the plant's test split (``anomaly_<name>/<metric>``,
release category ``metrics``). What raises the alarm (``detector.alarm``) is by default the union
of the two charts (:class:`KeptAlarm`: ``max_j h_j/τ_j`` with one threshold calibrated on the same
normal windows), else the detector's chart alone; ``factoryfl predict`` scores new recordings with it.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn

from common import wire
from common.anomaly.calibration import Threshold, alarms, calibrate, cross_fitted_scores, split_fit_calibration
from common.anomaly.detector import FEATURES, LOGITS, WINDOWS, Detector
from common.anomaly.evaluate import evaluate_scores
from common.anomaly.smoothing import (
    AUTO,
    Smoothing,
    calibrate_smoothed,
    chart_union,
    choose_weight,
    effective_count,
    too_few_independent,
)
from common.config.schema import DetectorConfig, ModelConfig, RunSpec
from common.extensions.detectors import DETECTORS
from common.models import PlantModel, build_model
from common.privacy.ledger import now_iso
from common.training import predict_logits

if TYPE_CHECKING:
    from client.plant import Plant

logger = logging.getLogger(__name__)

DETECTOR_FILE = "anomaly_detector"   # the configured detector (predict uses it)
BASELINE_FILE = "anomaly_baseline"   # the baseline beside it (the report; the alarm's second chart with alarm: union)
UNION = "union"
STATE_PREFIX = "detector/"
MODEL_PREFIX = "model/"


@dataclass
class KeptDetector:
    """A fitted detector with its calibrated threshold and, for features or logits, the network
    (shared extractor, or extractor + reference head) whose outputs it scores."""

    name: str
    detector: Detector
    threshold: Threshold
    k: int
    n: int
    extractor: nn.Module | None = None
    smoothing: Smoothing = Smoothing()

    def inputs(self, x: np.ndarray) -> np.ndarray:
        if self.extractor is None:
            return x
        with torch.no_grad():
            return predict_logits(self.extractor.eval(), x).numpy()

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The detector's score of each window on its own (no smoothing)."""
        return np.asarray(self.detector.score(self.inputs(x)), dtype=np.float64)

    def health(self, x: np.ndarray, stride: int, length: int, groups: np.ndarray | None = None) -> np.ndarray:
        """The health score: the window scores smoothed over each recording (``groups``), windows
        ``stride`` rows apart; the alarm threshold applies to it."""
        return self.smoothing.apply(self.scores(x), stride, length, groups)


@dataclass
class KeptAlarm:
    """What raises the plant's alarm (``detector.alarm``): its detector's chart alone, or the union of
    it and its baseline's chart, ``u = max_j h_j / τ_j`` over the charts' health scores ``h_j`` and
    thresholds ``τ_j`` (:func:`common.anomaly.smoothing.chart_union`), with its own threshold ``τ_u``
    calibrated to the false-alarm rate on the same normal calibration windows, so the union keeps the
    rate while alarming where either chart does."""

    charts: list[KeptDetector]
    threshold: Threshold
    n_effective: float = math.nan   # independent windows in the union's calibration statistic (one chart: its own)

    @property
    def rule(self) -> str:
        return UNION if len(self.charts) > 1 else "detector"

    @property
    def k(self) -> int:
        return self.charts[0].k

    @property
    def n(self) -> int:
        return self.charts[0].n

    def window_scores(self, x: np.ndarray) -> np.ndarray:
        """Each window's score on its own: the detector's, or max_j s_j / τ_j for a union."""
        if len(self.charts) == 1:
            return self.charts[0].scores(x)
        return chart_union([(c.scores(x), c.threshold.value) for c in self.charts])

    def health(self, x: np.ndarray, stride: int, length: int, groups: np.ndarray | None = None) -> np.ndarray:
        """The health score the threshold applies to (each chart smoothed over its recordings first)."""
        if len(self.charts) == 1:
            return self.charts[0].health(x, stride, length, groups)
        return chart_union([(c.health(x, stride, length, groups), c.threshold.value) for c in self.charts])


def union_alarm(charts: list[tuple[KeptDetector, np.ndarray]], false_alarm_rate: float) -> KeptAlarm:
    """The union of ``charts`` (each a kept detector with its smoothed calibration scores on the same
    normal windows), its threshold calibrated to ``false_alarm_rate`` on their union statistic."""
    if len({len(z) for _, z in charts}) != 1:
        raise ValueError("a union of charts needs their calibration scores on the same normal windows")
    statistic = chart_union([(z, kept.threshold.value) for kept, z in charts])
    return KeptAlarm([kept for kept, _ in charts], calibrate(statistic, false_alarm_rate), effective_count(statistic))


def scored_network(model: PlantModel, kind: str) -> nn.Module | None:
    """What a detector with ``input`` = ``kind`` scores the outputs of (None: the windows)."""
    if kind == WINDOWS:
        return None
    if kind == FEATURES:
        return model.extractor
    if kind == LOGITS:
        return nn.Sequential(model.extractor, model.reference_head)
    raise ValueError(f"unknown detector input {kind!r}: one of windows, features, logits")


def normal_windows(plant: Plant, cfg: DetectorConfig, stride: int) -> tuple[np.ndarray, np.ndarray, str]:
    """(fit, calibration) indices into the plant's training windows, and what they are.

    The last ``calibration_fraction`` of the normal windows (in the order the source gives them:
    time order for a recording) calibrate; the ``⌈L/stride⌉ − 1`` windows before them, which share
    rows with the first calibration window, are dropped. With ``cross_fit_folds`` = k ≥ 2 both are
    all the normal windows (calibrated on out-of-fold scores, k blocks in time)."""
    y = plant.data.train.y
    if plant.n_labelled > 0:
        if cfg.normal_class not in plant.data.class_names:
            raise ValueError(f"plant {plant.plant_id}: detector.normal_class {cfg.normal_class!r} is not one of its "
                             f"classes {list(plant.data.class_names)}: set it to the class of normal operation")
        idx = np.flatnonzero(y == plant.data.class_names.index(cfg.normal_class))
        what = f"training windows labelled {cfg.normal_class!r}"
    else:
        idx = np.arange(len(y))
        what = "training windows (no labels: taken as normal operation)"
    if cfg.cross_fit_folds:
        if len(idx) < 2 * cfg.cross_fit_folds:
            raise ValueError(f"plant {plant.plant_id}: {len(idx)} {what} are too few for {cfg.cross_fit_folds} "
                             "cross-fitting folds: give it more normal windows or lower detector.cross_fit_folds")
        return idx, idx, what
    fit, cal = split_fit_calibration(idx, cfg.calibration_fraction, plant.data.window_length, stride)
    if len(fit) < 2 or len(cal) < 1:
        raise ValueError(f"plant {plant.plant_id}: {len(idx)} {what} are too few to fit a detector and hold out "
                         f"{cfg.calibration_fraction:g} of them for its threshold: give it more normal windows")
    return fit, cal, what


def fit_detector(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], name: str,
                 cfg: DetectorConfig) -> tuple[KeptDetector, dict[str, Any], np.ndarray]:
    """Fit ``name`` on the plant's normal fit windows, calibrate it on the held-out ones; also the
    smoothed calibration scores its threshold was set on (in time order)."""
    entry = DETECTORS.get(name)
    network = scored_network(plant.model_for(spec, shared).cpu(), entry.input)
    stride = spec.window.stride or spec.window.length
    fit, cal, what = normal_windows(plant, cfg, stride)
    x = plant.data.train.x
    kept = KeptDetector(name, entry.load()(), Threshold(math.inf, cfg.false_alarm_rate, 0, 0, 1.0),
                        cfg.persistence.k, cfg.persistence.n, network)
    inputs = kept.inputs(x[fit])
    if cfg.cross_fit_folds:   # every normal window scored by a detector fitted on the other blocks in time
        gap = max(0, math.ceil(plant.data.window_length / stride) - 1)
        cal_scores = cross_fitted_scores(entry.load(), inputs, cfg.cross_fit_folds, gap)
    kept.detector.fit(inputs)
    if not cfg.cross_fit_folds:
        cal_scores = kept.scores(x[cal])
    choice = None
    if cfg.smoothing == AUTO:   # λ from the grid, by the plant's own normal calibration scores
        choice = choose_weight(cal_scores, cfg.false_alarm_rate, stride, plant.data.window_length)
        logger.info("plant %s, detector %s: smoothing %s", plant.plant_id, name, choice.reason())
    weight = choice.weight if choice is not None else float(cfg.smoothing)
    kept.smoothing, kept.threshold, n_effective = calibrate_smoothed(
        cal_scores, cfg.false_alarm_rate, weight, stride, plant.data.window_length)
    short = too_few_independent(n_effective, cfg.false_alarm_rate) if kept.smoothing.weight < 1 else None
    if short:
        logger.warning("plant %s, detector %s: %s", plant.plant_id, name, short)
    if kept.threshold.achieved_rate_bound > cfg.false_alarm_rate:
        logger.warning("plant %s: %d calibration windows cannot certify false_alarm_rate %g; the threshold is "
                       "their maximum (rate bound %.3g)", plant.plant_id, len(cal), cfg.false_alarm_rate,
                       kept.threshold.achieved_rate_bound)
    record = {"name": name, "input": entry.input, "threshold": kept.threshold.to_dict(),
              "persistence": {"k": cfg.persistence.k, "n": cfg.persistence.n}, "normal_class": cfg.normal_class,
              "smoothing": kept.smoothing.to_dict(), "n_calibration_effective": n_effective,
              "smoothing_choice": (choice.to_dict() if choice is not None
                                   else {"weight": weight, "reason": "set in the scenario (detector.smoothing)"}),
              "cross_fit_folds": cfg.cross_fit_folds,
              "calibration": (f"out-of-fold scores ({cfg.cross_fit_folds} blocks in time)" if cfg.cross_fit_folds
                              else "held out (the last in time)"),
              "n_fit": int(len(fit)), "n_calibration": int(len(cal)), "fit_on": what, "saved_at": now_iso()}
    return kept, record, kept.smoothing.apply(cal_scores, stride, plant.data.window_length)


def save_detector(plant: Plant, spec: RunSpec, run_name: str, file: str, kept: KeptDetector,
                  record: dict[str, Any], model: nn.Module | None) -> None:
    """Keep the detector (arrays, threshold, and the model whose extractor it scores) on disk."""
    from client.transfer import model_meta

    tensors = {STATE_PREFIX + k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in kept.detector.state().items()}
    if model is not None:
        tensors.update({MODEL_PREFIX + k: v.detach().cpu() for k, v in model.state_dict().items()})
    plant.state.save_model(file, tensors, model_meta(plant, spec, run_name, "anomaly", 0) | {"detector": record})


def anomaly_evaluation(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray],
                       run_name: str) -> dict[str, dict[str, float]]:
    """Fit, keep and evaluate the plant's detector, its baseline and, with ``alarm: union``, the
    union of their charts: ``{anomaly_<name>: metrics}`` on its test split (AUROC, detection rate and
    false alarms at the calibrated threshold with persistence, per fault its detection rate and
    delay; a fault never detected has no delay). ``alarm`` is 1 in the block of what raises the
    plant's alarm (predict, the model card)."""
    cfg = plant.detector
    if cfg is None:
        return {}
    plant.align(spec)
    names = [(cfg.name, DETECTOR_FILE)] + ([(cfg.baseline, BASELINE_FILE)] if cfg.baseline not in (None, cfg.name)
                                           else [])
    fitted: dict[str, tuple[KeptDetector, dict[str, Any], np.ndarray]] = {}
    for name, file in names:
        assert name is not None
        try:
            fitted[file] = fit_detector(plant, spec, shared, name, cfg)
        except (ValueError, np.linalg.LinAlgError) as exc:   # its other metrics still go back
            logger.warning("plant %s: no %s detector: %s", plant.plant_id, name, exc)
    alarm = None
    if DETECTOR_FILE in fitted:
        kept, record, _ = fitted[DETECTOR_FILE]
        alarm = KeptAlarm([kept], kept.threshold, float(record["n_calibration_effective"]))
        if cfg.alarm == UNION and BASELINE_FILE in fitted:
            (detector, _, z_detector), (baseline, _, z_baseline) = fitted[DETECTOR_FILE], fitted[BASELINE_FILE]
            alarm = union_alarm([(detector, z_detector), (baseline, z_baseline)], cfg.false_alarm_rate)
        record["alarm"] = alarm_record(alarm, cfg)
    for file, (kept, record, _) in fitted.items():
        save_detector(plant, spec, run_name, file, kept, record,
                      plant.model_for(spec, shared) if kept.extractor is not None else None)
    union = alarm is not None and alarm.rule == UNION
    charts = [(kept.name, KeptAlarm([kept], kept.threshold, float(record["n_calibration_effective"])),
               file == DETECTOR_FILE and not union, record) for file, (kept, record, _) in fitted.items()]
    if alarm is not None and union:
        charts.append((union_name(alarm), alarm, True, fitted[DETECTOR_FILE][1]))
    out: dict[str, dict[str, float]] = {}
    test = plant.data.test
    length = plant.data.window_length
    stride_s = length / plant.data.sample_rate_hz   # test windows never overlap
    for name, chart, raises_alarm, record in charts:
        metrics: dict[str, float] = {
            "threshold": chart.threshold.value, "target_false_alarm_rate": cfg.false_alarm_rate,
            "n_fit": float(record["n_fit"]), "n_calibration": float(record["n_calibration"]),
            "alarm": float(raises_alarm), "false_alarm_rate_bound": chart.threshold.achieved_rate_bound,
            "n_calibration_effective": chart.n_effective}
        if len(test) and cfg.normal_class in plant.data.class_names:
            health = chart.health(test.x, length, length, groups=test.y)   # each class's test windows: one recording
            metrics.update(evaluate_scores(health, test.y, plant.data.class_names.index(cfg.normal_class),
                                           chart.threshold.value, plant.data.class_names, stride_s, chart.k, chart.n))
        out[f"{wire.ANOMALY_PREFIX}{name}"] = {k: float(v) for k, v in metrics.items() if math.isfinite(v)}
        logger.info("plant %s: %s %s, threshold %.4g (%d calibration windows), AUROC %.3f, detection %.3f",
                    plant.plant_id, "alarm" if raises_alarm else "detector", name, chart.threshold.value,
                    record["n_calibration"], metrics.get("auroc", math.nan), metrics.get("detection_rate", math.nan))
    return out


def union_name(alarm: KeptAlarm) -> str:
    """The union's name in the plant's metrics and report: its charts joined by ``+``."""
    return "+".join(c.name for c in alarm.charts)


def alarm_record(alarm: KeptAlarm, cfg: DetectorConfig) -> dict[str, Any]:
    """What the detector's file keeps about the alarm: the rule, the charts, the union's threshold."""
    why = ("the detector's chart or its baseline's (a plant without faults cannot tell which suits its data), one "
           "threshold on max(health_j / threshold_j)") if alarm.rule == UNION else (
        "the detector's chart alone" + (" (no baseline fitted)" if cfg.alarm == UNION else ""))
    return {"rule": alarm.rule, "charts": [c.name for c in alarm.charts], "threshold": alarm.threshold.to_dict(),
            "n_calibration_effective": alarm.n_effective, "why": why}


# ---------------------------------------------------------------- predict
def load_kept_detector(state_dir: Path, file: str = DETECTOR_FILE) -> tuple[KeptDetector, dict[str, Any]] | None:
    """The detector a plant kept (None when it has none); ValueError when the file does not fit."""
    path = Path(state_dir) / "models" / f"{file}.pt"
    if not path.exists():
        return None
    blob = torch.load(path, map_location="cpu", weights_only=True)
    tensors, meta = blob["state_dict"], blob["meta"]
    record = meta["detector"]
    state = {k[len(STATE_PREFIX):]: v.numpy() for k, v in tensors.items() if k.startswith(STATE_PREFIX)}
    detector = DETECTORS.load(str(record["name"])).from_state(state)
    extractor = None
    if record["input"] != WINDOWS:
        fields = {f.name for f in dataclasses.fields(ModelConfig)}
        raw = {k: v for k, v in dict(meta["model"]).items() if k in fields}
        model = build_model(int(meta["in_channels"]), int(meta["num_outputs"]),
                            ModelConfig(**{**raw, "channels": tuple(raw.get("channels", ()))}), seed=0)
        model.load_state_dict({k[len(MODEL_PREFIX):]: v for k, v in tensors.items() if k.startswith(MODEL_PREFIX)})
        extractor = scored_network(model.eval(), str(record["input"]))
    kept = KeptDetector(str(record["name"]), detector, Threshold.from_dict(record["threshold"]),
                        int(record["persistence"]["k"]), int(record["persistence"]["n"]), extractor,
                        Smoothing.from_dict(record.get("smoothing")))
    return kept, meta


def load_kept_alarm(state_dir: Path) -> tuple[KeptAlarm, dict[str, Any]] | None:
    """What raises the plant's alarm (its detector, or the union with its baseline: the detector
    file's ``alarm`` record) and the detector file's metadata; None when the plant has no detector."""
    loaded = load_kept_detector(state_dir)
    if loaded is None:
        return None
    kept, meta = loaded
    record = meta["detector"].get("alarm") or {"rule": "detector"}
    if record.get("rule") != UNION:
        return KeptAlarm([kept], kept.threshold), meta
    baseline = load_kept_detector(state_dir, BASELINE_FILE)
    if baseline is None:
        raise ValueError(f"the alarm is the union with the baseline, but {BASELINE_FILE}.pt is missing")
    return KeptAlarm([kept, baseline[0]], Threshold.from_dict(record["threshold"])), meta


def health_rows(alarm: KeptAlarm, x: np.ndarray) -> list[dict[str, Any]]:
    """Per non-overlapping window of one recording (in time order): ``window_score`` (the window's own
    score), ``health_score`` (smoothed over the recording so far; for a union, the largest chart's
    health over its threshold), ``above_threshold`` and ``alarm`` (k of the last n windows above the
    threshold)."""
    length = int(np.asarray(x).shape[-1])
    raw = alarm.window_scores(x)
    scores = alarm.health(x, length, length)
    fired = alarms(scores, alarm.threshold.value, alarm.k, alarm.n)
    return [{"window_score": float(r), "health_score": float(s), "above_threshold": bool(s > alarm.threshold.value),
             "alarm": bool(a)} for r, s, a in zip(raw, scores, fired)]


def detector_card(record: dict[str, Any]) -> dict[str, Any]:
    """What the model card states about the kept detector (no detector arrays)."""
    threshold = record["threshold"]
    alarm = record.get("alarm") or {}
    applied = alarm["threshold"] if alarm.get("rule") == UNION else threshold   # what health_score is compared with
    return {"detector": record["name"], "input": record["input"], "threshold": applied["value"],
            "detector_threshold": threshold["value"],
            "calibrated_false_alarm_rate": threshold["target_rate"],
            "false_alarm_rate_bound": applied["achieved_rate_bound"],
            "calibrated_on": f"{threshold['n_calibration']} normal training windows, "
                             f"{record.get('calibration', 'held out (the last in time)')}",
            "fit_on": f"{record['n_fit']} {record['fit_on']}",
            "persistence": f"alarm when {record['persistence']['k']} of the last {record['persistence']['n']} "
                           "windows are above the threshold",
            "smoothing": smoothing_note(Smoothing.from_dict(record.get("smoothing"))),
            "smoothing_chosen_because": (record.get("smoothing_choice") or {}).get("reason",
                                                                                 "set in the scenario"),
            "calibration_effective_windows": (alarm if alarm.get("rule") == UNION else record).get(
                "n_calibration_effective"),
            **alarm_card(record.get("alarm")),
            "note": "`factoryfl predict` gives health_score and alarm per window; the exported models do not"}


def alarm_card(alarm: dict[str, Any] | None) -> dict[str, Any]:
    """The card's words for what raises the alarm (a detector file from before ``alarm``: its own chart)."""
    if not alarm or alarm.get("rule") != UNION:
        return {"alarm_rule": "the detector's chart: alarm when its health score is above the threshold"}
    return {"alarm_rule": f"union of the charts {' and '.join(alarm['charts'])}: {alarm['why']}; the health score "
                          "is that largest ratio, the threshold calibrated on it"}


def smoothing_note(smoothing: Smoothing) -> str:
    """The model card's words for the health score's smoothing."""
    if smoothing.weight >= 1.0:
        return "none: the health score is the window's own score"
    return (f"EWMA of the window scores of a recording, weight {smoothing.weight:g} per window length "
            f"(≈ {(2 - smoothing.weight) / smoothing.weight:.0f} windows), starting at {smoothing.start:.4g} "
            "(the mean held-out normal score); the threshold is calibrated on smoothed held-out normal scores")
