"""Posterior smoothing (personalisation.posterior_smoothing): the EWMA of log posteriors over a
recording, the plant's choice of λ on its own validation windows, the recordings every source marks,
and the kept λ in the report, predict and the model card."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from common.anomaly.smoothing import step_weight
from common.config import load_scenario, run_spec_from_scenario
from common.data.types import WindowSet, recording_groups
from common.posterior_smoothing import SMOOTHING_GRID, choose_smoothing, smooth_log_posteriors
from tests.conftest import tiny_scenario


def _loop(lp, w, groups):
    out = np.empty_like(lp)
    for i in range(len(lp)):
        fresh = i == 0 or groups[i] != groups[i - 1]
        out[i] = lp[i] if fresh else w * lp[i] + (1 - w) * out[i - 1]
    return out


def test_the_smoothing_is_the_ewma_of_log_posteriors_restarting_at_each_recording():
    rng = np.random.default_rng(0)
    lp = np.log(rng.dirichlet(np.ones(4), size=30))
    groups = np.repeat(np.arange(3), [12, 10, 8]).astype(np.int64)
    got = smooth_log_posteriors(lp, 0.35, 10, 20, groups)
    np.testing.assert_allclose(got, _loop(lp, step_weight(0.35, 10, 20), groups), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(smooth_log_posteriors(lp, 1.0, 10, 20, groups), lp)
    np.testing.assert_allclose(got[[0, 12, 22]], lp[[0, 12, 22]])   # every recording starts afresh
    # the weight is per window length of time: windows a quarter apart smooth with a smaller step weight
    assert step_weight(0.5, 5, 20) < step_weight(0.5, 20, 20) == 0.5
    with pytest.raises(ValueError, match="one recording id per window"):
        smooth_log_posteriors(lp, 0.5, 10, 20, groups[:-1])


def _noisy_posteriors(rng, classes_per_run, windows, flip):
    """Each run holds one class; every window's posterior points to a random class with prob. ``flip``."""
    k = len(classes_per_run)
    y = np.repeat(np.asarray(classes_per_run, dtype=np.int64), windows)
    shown = np.where(rng.random(len(y)) < flip, rng.integers(0, k, len(y)), y)
    probs = np.full((len(y), k), 0.1 / (k - 1))
    probs[np.arange(len(y)), shown] = 0.9
    return np.log(probs), y, np.repeat(np.arange(k, dtype=np.int64), windows)


def test_a_plant_smooths_when_its_validation_windows_show_it_clearly_better():
    rng = np.random.default_rng(1)
    lp, y, groups = _noisy_posteriors(rng, [0, 1, 2, 3], 60, flip=0.4)
    choice = choose_smoothing(lp, y, groups, stride=10, length=20)
    assert choice.weight < 1.0 and choice.weight in SMOOTHING_GRID
    assert choice.accuracy[choice.weight] > choice.accuracy[1.0] + 0.1
    assert "sign test" in choice.reason


def test_no_smoothing_when_classes_change_every_window_or_the_evidence_is_thin():
    rng = np.random.default_rng(2)
    k = 4
    y = rng.integers(0, k, 200).astype(np.int64)          # one recording whose class changes every window
    probs = np.full((200, k), 0.05)
    probs[np.arange(200), y] = 0.85
    choice = choose_smoothing(np.log(probs), y, np.zeros(200, dtype=np.int64), stride=20, length=20)
    assert choice.weight == 1.0
    lp, y2, groups = _noisy_posteriors(rng, [0, 1], 3, flip=0.4)   # six windows cannot show anything
    assert choose_smoothing(lp, y2, groups, stride=20, length=20).weight == 1.0
    with pytest.raises(ValueError, match="labelled validation windows"):
        choose_smoothing(lp[:0], y2[:0], groups[:0], stride=20, length=20)


def test_window_sets_carry_their_recordings_through_subsets_and_relabelling():
    parts = [np.zeros((3, 1, 4), np.float32), np.zeros((0, 1, 4), np.float32), np.zeros((2, 1, 4), np.float32)]
    groups = recording_groups(parts)
    assert groups.tolist() == [0, 0, 0, 2, 2] and groups.dtype == np.int64
    ws = WindowSet(np.zeros((5, 1, 4), np.float32), np.arange(5, dtype=np.int64), groups=groups)
    assert ws.subset(np.array([1, 3])).groups.tolist() == [0, 2]
    assert ws.with_labels(-np.ones(5, dtype=np.int64)).groups.tolist() == groups.tolist()
    with pytest.raises(ValueError, match="one recording id per window"):
        WindowSet(np.zeros((5, 1, 4), np.float32), np.arange(5, dtype=np.int64), groups=groups[:4])


def test_the_synthetic_source_marks_one_recording_per_class_in_time_order(tmp_path):
    from client.loader import make_plant

    scenario = load_scenario(tiny_scenario(tmp_path))
    plant = make_plant(scenario, scenario.plants[0], str(tmp_path / "run"))
    for ws in (plant.data.train, plant.data.test):
        assert ws.groups is not None and len(ws.groups) == len(ws)
        starts = np.flatnonzero(np.r_[True, ws.groups[1:] != ws.groups[:-1]])
        assert len(starts) == len(np.unique(ws.groups))   # each recording contiguous
        assert all(len(np.unique(ws.y[ws.groups == g])) == 1 for g in np.unique(ws.groups))


def test_regression_refuses_posterior_smoothing(tmp_path):
    from common.config.parse import ConfigError

    body = tiny_scenario(tmp_path, personalisation={"posterior_smoothing": "auto"}, task="regression")
    with pytest.raises(ConfigError, match="posterior_smoothing"):
        load_scenario(body)


def test_the_kept_smoothing_reaches_the_report_predict_and_the_model_card(tmp_path):
    from client.export import export
    from client.loader import make_plant
    from client.plant import PERSONAL_MODEL
    from client.predict import load_personal_model, predict
    from client.smoothing import META_KEY
    from client.transfer import run_phase_two
    from common.models import build_model, shared_state

    scenario = load_scenario(tiny_scenario(tmp_path, personalisation={"posterior_smoothing": "auto", "mode": "full",
                                                                      "epochs": 8}))
    plant = make_plant(scenario, scenario.plants[-1], str(tmp_path / "run"))
    spec = dataclasses.replace(run_spec_from_scenario(scenario, tuple(plant.data.class_names)),
                               channels=plant.data.channels)
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs, spec.model,
                                                                 seed=0)).items()}
    run_phase_two(plant, spec, shared, None, "run-1")
    model, meta = load_personal_model(plant.state.root)
    entry = meta[META_KEY]
    assert entry["weight"] in (1.0, *SMOOTHING_GRID) and entry["reason"]
    assert set(entry["validation_accuracy"]) == {str(lam) for lam in {1.0, *SMOOTHING_GRID}}
    assert entry["stride"] == (spec.window.stride or spec.window.length) and entry["length"] == spec.window.length

    # the plant's λ, whatever it chose, is what the report and predict apply: set it to 0.2 to see both act
    state, saved = plant.state.load_model(PERSONAL_MODEL)
    plant.state.save_model(PERSONAL_MODEL, state, saved | {META_KEY: entry | {"weight": 0.2}})
    results = plant.final_evaluation(spec, shared, "run-1")
    for method in ("chosen", "federated_global"):
        assert 0.0 <= results[method]["smoothed_accuracy"] <= 1.0
        assert results[method]["posterior_smoothing_weight"] == 0.2

    import torch

    model = load_personal_model(plant.state.root)[0]
    pool = np.concatenate([plant.data.train.x, plant.data.test.x])
    with torch.no_grad():
        own = model(torch.from_numpy(pool)).argmax(dim=1).numpy()
    first = np.flatnonzero(own == own[0])[:6]
    other = np.flatnonzero(own != own[0])[:2]
    assert len(other), "the plant's model must tell at least two classes apart for this test"
    x = pool[np.r_[first, other]]   # a recording: one class, then a brief departure that smoothing holds back
    np.savez(tmp_path / "rec.npz", x=x)
    out = predict(plant.state.root, tmp_path / "rec.npz")
    with torch.no_grad():
        lp = torch.log_softmax(model(torch.from_numpy(x)), dim=1).numpy()
    expected = smooth_log_posteriors(lp, 0.2, x.shape[2], x.shape[2]).argmax(axis=1)
    assert (expected != lp.argmax(axis=1)).any()
    names = list(meta["class_names"])
    assert [names.index(r["class"]) for r in out["predictions"]] == expected.tolist()
    assert out[META_KEY]["applied"] is True and out[META_KEY]["weight"] == 0.2
    card = json.loads(export(plant.state.root, tmp_path / "export")["card_json"].read_text())
    assert card["posterior_smoothing"]["weight"] == 0.2
