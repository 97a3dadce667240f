"""Anomaly detection in the real federation (client/anomaly.py): a plant with only normal labels
fits its detector on the shared extractor, keeps it, reports aggregate metrics only, and
`factoryfl predict` / the model card use it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from tests.conftest import tiny_scenario


def _scenario(tmp_path: Path, detector: dict) -> Path:
    from common.config import to_dict
    from common.data import make_plant_params

    path = tiny_scenario(tmp_path, federation={"rounds": 4})
    body = yaml.safe_load(path.read_text())
    body.pop("synthetic_plants")
    params = to_dict(make_plant_params(0, 0, num_windows_per_class=100))
    body["plants"] = [
        {"id": "a", "data": {"source": "synthetic", **params}},
        {"id": "b", "data": {"source": "synthetic", **{**params, "seed": 1}}},
        # only its normal windows carry a label; its detector is all it gets for faults
        {"id": "n", "labelled_classes": ["normal"], "detector": detector,
         "data": {"source": "synthetic", **{**params, "seed": 2}}},
    ]
    path.write_text(yaml.safe_dump(json.loads(json.dumps(body))))   # no YAML aliases for the shared lists
    return path


def test_detector_config_is_checked_against_the_registry(tmp_path):
    from common.config import ConfigError, load_scenario

    path = _scenario(tmp_path, {"name": "pca_t2_sp", "false_alarm_rate": 0.0, "persistence": {"k": 2, "n": 1}})
    with pytest.raises(ConfigError) as err:
        load_scenario(path)
    text = str(err.value)
    assert "plants[2].detector.name" in text and "did you mean 'pca_t2_spe'" in text
    assert "plants[2].detector.false_alarm_rate" in text and "plants[2].detector.persistence" in text
    ok = load_scenario(_scenario(tmp_path, {"name": "feature_mahalanobis", "persistence": {"k": 2, "n": 3}}))
    assert ok.plants[2].detector is not None and ok.plants[2].detector.persistence.k == 2


@pytest.mark.parametrize("name,folds", [("feature_mahalanobis", 0), ("logit_mahalanobis", 3)])
def test_a_normal_only_plant_gets_a_detector_on_the_shared_extractor(tmp_path, name, folds):
    from client.anomaly import BASELINE_FILE, DETECTOR_FILE, load_kept_detector
    from client.export import export
    from client.predict import predict
    from common import wire
    from common.config import load_scenario
    from common.privacy.policy import category_of
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    path = _scenario(tmp_path, {"name": name, "false_alarm_rate": 0.05, "smoothing": 0.5, "cross_fit_folds": folds,
                                "alarm": "detector"})   # the detector's own chart raises the alarm (union: below)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    n = results["plants"]["n"]
    assert n["status"] == "ok"
    fed, base = n["metrics"][f"anomaly_{name}"], n["metrics"]["anomaly_pca_t2_spe"]
    for block in (fed, base):
        assert 0.0 <= block["auroc"] <= 1.0 and 0.0 <= block["detection_rate"] <= 1.0
        assert block["target_false_alarm_rate"] == 0.05 and block["n_normal"] > 0 and block["n_abnormal"] > 0
        assert {"detection_rate/inner_race", "false_alarms_per_day"} <= set(block)
    assert fed["auroc"] > 0.6, fed   # the shared extractor separates faults it was taught by a and b
    # n, labelled for normal alone, declined every pretraining round (nothing to learn; no diluting update)
    assert all("labels for one class only" in e["reason"] for e in n["excluded_rounds"] if e["phase"] == "pretrain")
    assert all("n" not in r["participants"] and {"a", "b"} <= set(r["participants"]) for r in results["rounds"])
    assert f"anomaly_{name}" not in results["plants"]["a"]["metrics"]   # no detector configured
    assert category_of(wire.method_metric_key("anomaly_pca_t2_spe", "delay_h/ball")) == "metrics"
    assert category_of(wire.method_metric_key("anomaly_pca_t2_spe", "n_normal")) == "sizes"   # a window count
    from server.report import render_markdown

    text = render_markdown(results, {})
    assert "## Anomaly detection" in text and name in text and "pca_t2_spe" in text

    state = next(p.parent.parent for p in run_dir.rglob(f"{DETECTOR_FILE}.pt") if "n" in p.parts)
    kept = load_kept_detector(state)
    assert kept is not None and kept[0].extractor is not None and (state / "models" / f"{BASELINE_FILE}.pt").exists()
    assert kept[0].threshold.value == pytest.approx(fed["threshold"])
    from client.loader import load_data

    scenario = load_scenario(path)
    data = load_data(scenario, scenario.plants[2])
    np.savez(tmp_path / "w.npz", x=data.test.x[:8])
    out = predict(state, tmp_path / "w.npz")
    row = out["predictions"][0]
    assert {"health_score", "alarm", "above_threshold"} <= set(row)
    assert out["anomaly"]["threshold"] == pytest.approx(fed["threshold"])
    window = float(kept[0].scores(data.test.x[:1])[0])   # the first window: EWMA from the normal level
    assert kept[0].smoothing.weight == 0.5 and math.isclose(row["window_score"], window, rel_tol=1e-5)
    assert math.isclose(row["health_score"], 0.5 * window + 0.5 * kept[0].smoothing.start, rel_tol=1e-5)
    health = kept[0].health(data.test.x[:8], data.window_length, data.window_length)
    assert [r["alarm"] for r in out["predictions"]] == [bool(h > kept[0].threshold.value) for h in health]
    card = json.loads(export(state, tmp_path / "card")["card_json"].read_text())
    assert card["anomaly"]["calibrated_false_alarm_rate"] == 0.05 and "EWMA" in card["anomaly"]["smoothing"]
    assert ("out-of-fold" in card["anomaly"]["calibrated_on"]) == bool(folds)
    assert card["anomaly"]["threshold"] == pytest.approx(fed["threshold"])
    assert "Anomaly alarm" in (md := (tmp_path / "card" / "model_card.md").read_text()) and "smoothing: EWMA" in md
    import shutil

    health_only = shutil.copytree(state, tmp_path / "health_only")   # a plant that kept no classifier
    (health_only / "models" / "personalised.pt").unlink()
    out = predict(health_only, tmp_path / "w.npz")
    assert out["model"] is None and "class" not in out["predictions"][0]
    assert out["predictions"][0]["health_score"] == pytest.approx(row["health_score"])


def test_too_few_normal_windows_skip_the_detector_with_a_warning(tmp_path, caplog):
    from client.anomaly import anomaly_evaluation
    from client.loader import make_plant
    from common.config import load_scenario, run_spec_from_scenario
    from common.models import build_model, shared_state

    scenario = load_scenario(_scenario(tmp_path, {"name": "pca_t2_spe", "normal_class": "ball"}))
    plant = make_plant(scenario, scenario.plants[2], str(tmp_path / "run"))   # labelled for normal only
    spec = run_spec_from_scenario(scenario, plant.data.class_names)
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs,
                                                                 spec.model, seed=0)).items()}
    assert anomaly_evaluation(plant, spec, shared, "r") == {}
    assert "no pca_t2_spe detector" in caplog.text and "too few" in caplog.text


def test_smoothing_auto_is_chosen_on_the_plants_normal_windows_and_stated_on_the_card(tmp_path):
    from client.anomaly import DETECTOR_FILE, anomaly_evaluation, detector_card, load_kept_detector
    from client.loader import make_plant
    from common.anomaly.smoothing import SMOOTHING_GRID, choose_weight
    from common.config import load_scenario, run_spec_from_scenario
    from common.models import build_model, shared_state

    scenario = load_scenario(_scenario(tmp_path, {"name": "pca_t2_spe", "baseline": None, "smoothing": "auto",
                                                  "cross_fit_folds": 3}))
    plant = make_plant(scenario, scenario.plants[2], str(tmp_path / "run"))
    spec = run_spec_from_scenario(scenario, plant.data.class_names)
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs,
                                                                 spec.model, seed=0)).items()}
    out = anomaly_evaluation(plant, spec, shared, "r")
    assert "anomaly_pca_t2_spe" in out
    kept, meta = load_kept_detector(plant.state.root) or (None, {})
    assert kept is not None
    choice = meta["detector"]["smoothing_choice"]
    assert kept.smoothing.weight == choice["weight"] and choice["weight"] in SMOOTHING_GRID
    # the same rule on the same out-of-fold normal scores gives the same λ
    from common.anomaly.calibration import cross_fitted_scores
    from common.extensions.detectors import DETECTORS

    normal = np.flatnonzero(plant.data.train.y == plant.data.class_names.index("normal"))
    stride = spec.window.stride or spec.window.length
    gap = max(0, -(-plant.data.window_length // stride) - 1)
    oof = cross_fitted_scores(DETECTORS.load("pca_t2_spe"), plant.data.train.x[normal], 3, gap)
    assert choose_weight(oof, 0.01, stride, plant.data.window_length).weight == choice["weight"]
    card = detector_card(meta["detector"])
    assert card["smoothing_chosen_because"] == choice["reason"] and "independent calibration windows" in \
        card["smoothing_chosen_because"]
    assert (plant.state.root / "models" / f"{DETECTOR_FILE}.pt").exists()


def test_the_default_alarm_is_the_union_of_the_detector_and_its_baseline(tmp_path):
    """``detector.alarm: union`` (the default): the plant reports each chart and their union, marks the union
    as its alarm, keeps its threshold; predict's health score is max_j h_j / τ_j, the card says so."""
    from client.anomaly import load_kept_alarm, load_kept_detector
    from client.export import export
    from client.loader import load_data
    from client.predict import predict
    from common.anomaly.smoothing import chart_union
    from common.config import load_scenario
    from server.app import run_federation
    from server.report import render_markdown
    from tests.helpers.loopback import LoopbackGrid

    path = _scenario(tmp_path, {"name": "logit_mahalanobis", "false_alarm_rate": 0.05, "cross_fit_folds": 3})
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    metrics = results["plants"]["n"]["metrics"]
    union = metrics["anomaly_logit_mahalanobis+pca_t2_spe"]
    fed, pca = metrics["anomaly_logit_mahalanobis"], metrics["anomaly_pca_t2_spe"]
    assert union["alarm"] == 1 and fed["alarm"] == 0 and pca["alarm"] == 0
    assert 0.0 <= union["detection_rate"] <= 1.0 and union["n_normal"] == fed["n_normal"]
    assert 0 < union["n_calibration_effective"] <= union["n_calibration"] and union["false_alarm_rate_bound"] >= 0.05
    assert "logit_mahalanobis+pca_t2_spe (the plant's alarm)" in render_markdown(results, {})

    state = next(p.parent.parent for p in run_dir.rglob("anomaly_detector.pt") if "n" in p.parts)
    alarm, _ = load_kept_alarm(state) or (None, None)
    assert alarm is not None and alarm.rule == "union" and [c.name for c in alarm.charts] == [
        "logit_mahalanobis", "pca_t2_spe"]
    assert alarm.threshold.value == pytest.approx(union["threshold"])
    detector, _ = load_kept_detector(state) or (None, None)
    assert detector is not None and detector.threshold.value == pytest.approx(fed["threshold"])

    scenario = load_scenario(path)
    data = load_data(scenario, scenario.plants[2])
    x = data.test.x[:8]
    np.savez(tmp_path / "w.npz", x=x)
    out = predict(state, tmp_path / "w.npz")
    length = data.window_length
    expected = chart_union([(c.health(x, length, length), c.threshold.value) for c in alarm.charts])
    np.testing.assert_allclose([r["health_score"] for r in out["predictions"]], expected, rtol=1e-5)
    assert [r["alarm"] for r in out["predictions"]] == [bool(h > alarm.threshold.value) for h in expected]
    assert out["anomaly"]["threshold"] == pytest.approx(union["threshold"])
    assert out["anomaly"]["detector_threshold"] == pytest.approx(fed["threshold"])
    card = json.loads(export(state, tmp_path / "card")["card_json"].read_text())
    assert card["anomaly"]["alarm_rule"].startswith("union of the charts logit_mahalanobis and pca_t2_spe")


def test_the_report_says_when_the_alarms_rate_is_not_certified() -> None:
    from common.privacy.policy import category_of
    from server.anomaly_report import anomaly_section
    from server.report import _table

    def plant(alarm_block: dict) -> dict:
        return {"status": "ok", "metrics": {"anomaly_a+b": alarm_block,
                                            "anomaly_a": {"alarm": 0, "target_false_alarm_rate": 0.01,
                                                          "n_calibration_effective": 3.0}}}

    short = {"alarm": 1, "target_false_alarm_rate": 0.01, "n_calibration": 36, "false_alarm_rate_bound": 1 / 37,
             "n_calibration_effective": 12.0, "auroc": 0.9}
    enough = {**short, "n_calibration": 500, "false_alarm_rate_bound": 0.01, "n_calibration_effective": 150.0}
    text = anomaly_section({"plants": {"p": plant(short), "q": plant(enough)}}, _table)
    assert ("p a+b (target 0.01: 36 calibration windows bound the rate at 0.027 only, about 12 independent "
            "calibration windows of the 99 it needs)") in text
    named = text.split("not certified for:")[1].split(". A rate α")[0]
    assert named.startswith(" p a+b") and "q a+b" not in named   # enough windows: nothing said about q
    assert "p a (" not in text   # only what raises the alarm is judged
    assert category_of("anomaly_a+b/n_calibration_effective") == "sizes"
    assert category_of("anomaly_a+b/false_alarm_rate_bound") == "sizes"   # 1/(m+1) reads back to m windows
    assert category_of("anomaly_a+b/alarm") == "metrics"


def test_a_plant_with_labels_for_one_class_declines_pretraining(tmp_path) -> None:
    """Its loss restricted to one class is 0 whatever the model: it declines (no update that would pull the
    average back, no DP noise spent on nothing), unless FedRS keeps the other classes in its loss."""
    import dataclasses

    import numpy as np

    from tests.test_privacy import build

    plant, spec, shared = build(tmp_path, privacy={"enabled": False})
    y = plant.data.train.y
    plant.data = dataclasses.replace(plant.data, train=plant.data.train.with_labels(np.where(y == 0, 0, -1)))
    result = plant.pretrain(spec, shared, 1, "run-a")
    assert result.status == "declined" and "labels for one class only" in result.reason
    fedrs = dataclasses.replace(spec, federation=dataclasses.replace(
        spec.federation, training=dataclasses.replace(spec.federation.training, missing_class_logit_scale=0.5)))
    assert plant.pretrain(fedrs, shared, 1, "run-b").status == "ok"
    # under DP, a plant whose policy withholds sizes (which classes hold labels) does not reveal it by declining
    dp_plant, dp_spec, dp_shared = build(tmp_path / "dp", privacy={"enabled": True, "noise_multiplier": 1.0})
    y = dp_plant.data.train.y
    dp_plant.data = dataclasses.replace(dp_plant.data, train=dp_plant.data.train.with_labels(np.where(y == 0, 0, -1)))
    assert "sizes" not in dp_plant.policy.allow
    assert dp_plant.pretrain(dp_spec, dp_shared, 1, "run-c").status == "ok"
    dp_plant.policy = dataclasses.replace(dp_plant.policy, allow=(*dp_plant.policy.allow, "sizes"))
    assert dp_plant.pretrain(dp_spec, dp_shared, 2, "run-c").status == "declined"


def test_a_federation_of_normal_only_plants_says_its_shared_model_learnt_nothing(tmp_path) -> None:
    from common.config import load_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    path = _scenario(tmp_path, {"name": "feature_mahalanobis"})
    body = yaml.safe_load(path.read_text())
    body["federation"]["rounds"] = 2
    for plant in body["plants"]:
        plant["labelled_classes"] = ["normal"]
    path.write_text(yaml.safe_dump(body))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert [r["participants"] for r in results["rounds"]] == [[], []]
    assert any("no plant trained in any round" in w for w in results["warnings"]), results.get("warnings")
    n = results["plants"]["n"]
    assert n["status"] == "ok" and "anomaly_feature_mahalanobis" in n["metrics"]
