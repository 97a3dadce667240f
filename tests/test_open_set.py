"""Open set (issue 17, point 2): the energy score, the plant's quantile threshold, predict's
"unknown" output, the unknown rate leaving a DP plant only as metrics, and a tiny federation
whose target holds a fault no source has."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml

from client.plant import PERSONAL_MODEL
from client.predict import predict
from client.state import PlantState
from common.config.schema import ModelConfig
from common.models import build_model
from common.transfer.open_set import (
    META_KEY,
    OpenSetRule,
    auroc,
    calibrate,
    energy_score,
    fit_class_gaussians,
    gaussians_from_stats,
    mahalanobis_score,
    quantile_threshold,
    robust_threshold,
    unknown_rate,
)
from tests.conftest import tiny_scenario


def test_energy_score_is_minus_t_logsumexp_and_stable():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [1000.0, 0.0, -1000.0]])
    expected = -np.log(np.exp(z[:2]).sum(axis=1))
    assert np.allclose(energy_score(z)[:2], expected)
    assert np.isclose(energy_score(z)[2], -1000.0)                       # no overflow
    assert np.allclose(energy_score(z, 2.0)[:2], -2.0 * np.log(np.exp(z[:2] / 2.0).sum(axis=1)))
    # a confident window scores lower (more known) than a flat one
    assert energy_score(np.array([[8.0, 0.0, 0.0]]))[0] < energy_score(np.array([[1.0, 1.0, 1.0]]))[0]
    with pytest.raises(ValueError):
        energy_score(z, 0.0)


def test_quantile_threshold_flags_about_one_minus_q_of_the_reference():
    rng = np.random.default_rng(0)
    centres = np.array([[5.0, 0, 0, 0], [0, 5.0, 0, 0]])
    y = rng.integers(0, 2, 4000)
    f = centres[y] + rng.standard_normal((4000, 4))
    means, prec = fit_class_gaussians(f[:2000], y[:2000], 3)            # class 2 has no windows
    rule = calibrate(f[2000:3000], means, prec, "validation windows", "labelled fit windows", q=0.95)
    assert len(rule.means) == 2                                         # the class without windows is dropped
    assert rule.threshold == pytest.approx(quantile_threshold(mahalanobis_score(f[2000:3000], means, prec), 0.95))
    assert unknown_rate(f[2000:3000], rule) == pytest.approx(0.05, abs=0.002)
    assert unknown_rate(f[3000:], rule) == pytest.approx(0.05, abs=0.02)   # same distribution, new windows
    far = np.array([0, 0, 5.0, 0]) + rng.standard_normal((500, 4))       # a fault no class looks like
    assert unknown_rate(far, rule) > 0.9
    back = OpenSetRule.from_dict(rule.to_dict())
    assert back is not None and back.threshold == rule.threshold and np.allclose(back.precision, rule.precision)
    assert OpenSetRule.from_dict({"score": "other", "threshold": 1.0}) is None
    assert OpenSetRule.from_dict({"score": "mahalanobis", "threshold": 1.0}) is None
    assert OpenSetRule.from_dict({**rule.to_dict(), "precision": [[1.0]]}) is None
    assert OpenSetRule.from_dict({**rule.to_dict(), "extractor": "../x"}) is None
    with pytest.raises(ValueError):
        quantile_threshold(np.array([1.0]), 1.0)


def test_the_robust_threshold_of_an_unlabelled_target_ignores_a_minority_of_unknown_windows():
    rng = np.random.default_rng(3)
    known = np.exp(rng.normal(1.0, 0.5, 4000))                          # log-normal scores of known windows
    unknown = np.exp(rng.normal(4.0, 0.3, 600))                         # 13 % of the windows: a new fault
    exact = float(np.exp(1.0 + 0.5 * 2.0537))                           # the known scores' 0.98-quantile
    assert robust_threshold(known, 0.98) == pytest.approx(exact, rel=0.1)
    robust = robust_threshold(np.concatenate([known, unknown]), 0.98)
    assert exact < robust < 1.5 * exact                                 # moved, but stays below the unknowns
    assert robust < np.quantile(unknown, 0.02)
    assert quantile_threshold(np.concatenate([known, unknown]), 0.98) > 4 * exact   # the plain one lands in them


def test_gaussians_from_released_statistics_skip_classes_no_source_had():
    from common.transfer.stats import RffSpec, exact_feature_stats

    rng = np.random.default_rng(2)
    centres = np.array([[6.0, 0, 0], [0, 6.0, 0], [0, 0, 6.0]])
    y = rng.integers(0, 2, 600)                                         # classes 0 and 1 only
    stats = exact_feature_stats(centres[y] + rng.standard_normal((600, 3)), y, 3, clip_norm=100.0, rff=RffSpec())
    means, prec = gaussians_from_stats(stats)
    assert means.shape == (2, 3) and np.allclose(means, centres[:2], atol=0.2)
    test_y = np.repeat([0, 1, 2], 100)
    scores = mahalanobis_score(centres[test_y] + rng.standard_normal((300, 3)), means, prec)
    assert auroc(scores, test_y == 2) > 0.99


def test_auroc_and_mahalanobis_separate_a_held_out_class():
    assert auroc(np.array([0.1, 0.2, 0.9, 0.8]), np.array([0, 0, 1, 1])) == 1.0
    assert auroc(np.array([1.0, 1.0, 1.0, 1.0]), np.array([0, 0, 1, 1])) == 0.5
    assert auroc(np.array([0.9, 0.5, 0.3]), np.array([1, 0, 1])) == pytest.approx(0.5)
    rng = np.random.default_rng(1)
    centres = np.array([[4.0, 0, 0], [0, 4.0, 0], [0, 0, 4.0]])
    f = np.concatenate([c + rng.standard_normal((200, 3)) for c in centres])
    y = np.repeat(np.arange(3), 200)
    means, prec = fit_class_gaussians(f[y < 2], y[y < 2], 3)          # class 2 held out
    assert np.isnan(means[2]).all()
    s = mahalanobis_score(f, means, prec)
    assert auroc(s, y == 2) > 0.99


MODEL = ModelConfig(channels=(4,), first_kernel=8, first_stride=2, feature_dim=8, groups=2)


def _rule(threshold: float) -> OpenSetRule:
    """Distance to one class mean at 0 with identity precision: ``s = ‖f‖²`` (feature_dim 8)."""
    return OpenSetRule(np.zeros((1, 8)), np.eye(8), threshold, reference="test", gaussians="test")


def _state(tmp_path: Path, rule: OpenSetRule | None) -> Path:
    state = PlantState(tmp_path / "state", "p")
    model = build_model(1, 2, MODEL, seed=0)
    meta = {"plant_id": "p", "run": "r", "in_channels": 1, "window_length": 64, "num_outputs": 2,
            "task": "classification", "class_names": ["a", "b"], "sample_rate_hz": 1000.0,
            "resample_to_hz": None, "model": MODEL.__dict__ | {"channels": list(MODEL.channels)}}
    if rule is not None:
        meta[META_KEY] = rule.to_dict()
    state.save_model(PERSONAL_MODEL, model.state_dict(), meta)
    return state.root


def test_predict_marks_windows_above_the_threshold_unknown_and_keeps_its_old_keys(tmp_path):
    from client.predict import load_personal_model

    x = np.random.default_rng(0).standard_normal((5, 1, 64)).astype("float32")
    np.savez(tmp_path / "w.npz", x=x)
    old = predict(_state(tmp_path / "old", None), tmp_path / "w.npz")
    assert "unknown_score" not in old["predictions"][0] and META_KEY not in old
    state = _state(tmp_path / "low", _rule(-1.0))   # s = ‖f‖² ≥ 0 > −1: every window is unknown
    out = predict(state, tmp_path / "w.npz")
    row = out["predictions"][0]
    assert row["class"] == "unknown" and row["unknown"] is True
    model, _ = load_personal_model(state)
    with torch.no_grad():
        f = model.extractor(torch.from_numpy(x[:1])).numpy()
    assert row["unknown_score"] == pytest.approx(float((f ** 2).sum()), rel=1e-5)
    assert row["known_class"] == old["predictions"][0]["class"] and {"probability", "p_a", "p_b"} <= set(row)
    assert out[META_KEY]["threshold"] == -1.0 and "precision" not in out[META_KEY]
    row = predict(_state(tmp_path / "high", _rule(1e30)), tmp_path / "w.npz")["predictions"][0]
    assert row["class"] == row["known_class"] and row["unknown"] is False


def test_the_unknown_rate_leaves_a_dp_plant_only_as_metrics():
    from common import wire
    from common.privacy.policy import category_of, releasable

    key = wire.method_metric_key("chosen", "unknown_rate")
    assert category_of(key) == "metrics"
    assert releasable([key], ("accounting",)) == set()
    assert releasable([key], ("metrics",)) == {key}


def _open_set_scenario(tmp_path: Path) -> Path:
    """Sources a and b never have ``imbalance``; the unlabelled target t holds all five classes."""
    from common.config import to_dict
    from common.data import make_plant_params

    path = tiny_scenario(tmp_path, federation={"rounds": 6, "training": {"local_epochs": 2, "batch_size": 16,
                                                                          "learning_rate": 0.003}},
                         # the tiny model's features have norm ≈ 1.5 and 38 windows per class: a clip norm near it
                         # and a small σ keep the DP noise on the released means below the classes' spread
                         transfer={"stats": {"clip_norm": 2.0, "noise_multiplier": 0.1}})
    body = yaml.safe_load(path.read_text())
    body.pop("synthetic_plants")
    params = to_dict(make_plant_params(0, 0, num_windows_per_class=48))
    known = ["normal", "inner_race", "outer_race", "ball"]
    body["plants"] = [
        {"id": "a", "data": {"source": "synthetic", **params, "classes": list(known)}},
        {"id": "b", "data": {"source": "synthetic", **{**params, "seed": 1}, "classes": list(known)}},
        {"id": "t", "labelled_fraction": 0.0,
         "data": {"source": "synthetic", **{**params, "seed": 2}, "classes": [*known, "imbalance"]}},
    ]
    path.write_text(yaml.safe_dump(body))
    return path


def test_a_target_with_a_fault_no_source_has_scores_it_as_unknown(tmp_path):
    from client.loader import load_data
    from client.predict import load_personal_model
    from common.config import load_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    path = _open_set_scenario(tmp_path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    scenario = load_scenario(path)
    results = run_federation(LoopbackGrid(path, 3, run_dir), scenario, run_dir)
    t = results["plants"]["t"]
    assert t["status"] == "ok"
    rate = t["metrics"]["chosen"]["unknown_rate"]
    state = next(p.parent.parent for p in run_dir.rglob(f"{PERSONAL_MODEL}.pt") if "t" in p.parts)
    model, meta = load_personal_model(state)
    assert meta[META_KEY]["reference"].startswith("unlabelled training windows (median/MAD")
    data = load_data(scenario, scenario.plants[-1])
    assert meta[META_KEY]["gaussians"].startswith("source statistics; score pooled (½) with its 2-means cluster")
    assert len(meta[META_KEY]["clusters"]["centroids"]) >= 4   # two per predicted known class (a few may stay whole)
    rule = OpenSetRule.from_dict(meta[META_KEY])
    assert rule is not None
    assert rule.extractor == "open_set_extractor"   # the federated extractor the statistics describe
    from client.predict import _saved_model
    from common.transfer.open_set import rule_extractor

    scorer = rule_extractor(model.extractor, rule, _saved_model(state, rule.extractor))
    with torch.no_grad():
        scores = rule.scores(scorer(torch.from_numpy(data.test.x)).numpy())
    held_out = data.test.y == data.class_names.index("imbalance")
    separation = auroc(scores, held_out)
    assert separation >= 0.8, separation
    assert 0.0 <= rate < 0.5, rate   # the robust threshold is conservative: known windows keep their class


def test_the_model_card_states_the_open_set_rule_without_its_gaussians(tmp_path):
    from client.export import export

    card = json.loads(export(_state(tmp_path / "with", _rule(2.5)), tmp_path / "out")["card_json"].read_text())
    assert card["open_set"]["threshold"] == 2.5 and card["open_set"]["class_gaussians_from"] == "test"
    assert "means" not in card["open_set"] and "precision" not in card["open_set"]
    assert "Unknown faults:" in (tmp_path / "out" / "model_card.md").read_text()
    plain = json.loads(export(_state(tmp_path / "without", None), tmp_path / "out2")["card_json"].read_text())
    assert plain["open_set"] is None
    assert "Unknown faults:" not in (tmp_path / "out2" / "model_card.md").read_text()


def test_the_report_shows_the_share_each_plant_calls_unknown():
    from server.report import render_markdown

    choice = {"chosen": "federated_adapted", "reason": "guard passed"}
    results = {"task": "classification", "methods": ["chosen"], "plants": {
        "t": {"status": "ok", "transfer": {"model_choice": choice},
              "metrics": {"chosen": {"accuracy": 0.9, "unknown_rate": 0.125}}},
        "s": {"status": "ok", "transfer": {"model_choice": dict(choice)}, "metrics": {"chosen": {"accuracy": 0.8}}}}}
    text = render_markdown(results, {})
    assert "Called unknown" in text and "| 12.5 % |" in text
    assert text.count("| — |") >= 1
