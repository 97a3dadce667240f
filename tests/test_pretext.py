"""Self-supervised pretraining for plants without fault labels (common/pretext.py,
``federation.training.self_supervised``): the pretext task itself, a plant that trains it instead of
declining, its DP accounting, and a federation of normal-only plants that now learns a shared extractor."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
import yaml

from tests.test_anomaly_federation import _scenario


def test_visible_transforms_follow_the_models_input() -> None:
    from common.models import _input_transform
    from common.pretext import TRANSFORMS, visible_transforms

    assert visible_transforms(3, 64, _input_transform("time")) == tuple(TRANSFORMS)
    assert "channel_roll" not in visible_transforms(1, 64, _input_transform("time"))
    spectrum = visible_transforms(2, 64, _input_transform("spectrum"))
    # a magnitude spectrum does not change under reversal or negation: those cannot be learnt, so they are left out
    assert spectrum[0] == "identity" and "time_reversal" not in spectrum and "negation" not in spectrum
    assert "channel_roll" in spectrum


def test_each_window_gets_one_value_preserving_transformation() -> None:
    from common.pretext import TRANSFORMS, TransformationPretext

    task = TransformationPretext(tuple(TRANSFORMS))
    x = torch.randn(600, 3, 40, generator=torch.Generator().manual_seed(0))
    out, labels = task.batch(x, torch.Generator().manual_seed(1))
    counts = np.bincount(labels.numpy(), minlength=task.outputs)
    assert counts.min() > 600 / task.outputs / 2   # drawn uniformly
    for i in (0, 1, 7, 99):
        name = task.names[int(labels[i])]
        assert torch.equal(out[i], TRANSFORMS[name](x[i:i + 1])[0])
        if name != "negation" and name != "channel_roll":   # the same values in each channel, in another order
            assert torch.equal(out[i].sort(dim=-1).values, x[i].sort(dim=-1).values)
    again, same = task.batch(x, torch.Generator().manual_seed(1))
    assert torch.equal(again, out) and torch.equal(same, labels)
    with pytest.raises(ValueError, match="at least two"):
        TransformationPretext(("identity",))


def test_unknown_pretext_task_is_refused_with_the_known_names(tmp_path) -> None:
    from common.config import ConfigError, load_scenario

    path = _scenario(tmp_path, {"name": "feature_mahalanobis"})
    body = yaml.safe_load(path.read_text())
    body["federation"]["training"] = {"self_supervised": "transformation"}
    path.write_text(yaml.safe_dump(body))
    with pytest.raises(ConfigError) as err:
        load_scenario(path)
    text = str(err.value)
    assert "federation.training.self_supervised" in text and "did you mean 'transformations'" in text


def _with_pretext(spec):
    training = dataclasses.replace(spec.federation.training, self_supervised="transformations")
    return dataclasses.replace(spec, federation=dataclasses.replace(spec.federation, training=training))


def _model_arrays(plant, spec):
    from common.models import shared_state

    return {k: v.numpy() for k, v in shared_state(plant.model_for(spec, None)).items()}


def test_a_plant_with_nothing_supervised_trains_the_pretext_task(tmp_path) -> None:
    from tests.test_privacy import build

    plant, spec, _ = build(tmp_path, privacy={"enabled": False})
    spec = _with_pretext(spec)
    shared = _model_arrays(plant, spec)
    assert any(k.startswith("pretext_head.") for k in shared)
    y = plant.data.train.y
    plant.data = dataclasses.replace(plant.data, train=plant.data.train.with_labels(np.where(y == 0, 0, -1)))
    result = plant.pretrain(spec, shared, 1, "run-a")
    assert result.status == "ok" and result.num_examples == len(y)   # every window, labelled or not
    moved = {k for k in shared if not np.array_equal(shared[k], result.arrays[k])}
    assert any(k.startswith("pretext_head.") for k in moved) and any(k.startswith("extractor.") for k in moved)
    assert not any(k.startswith("reference_head.") for k in moved)   # no supervised loss touched it
    assert result.first_loss == pytest.approx(np.log(6), rel=0.2)   # six transformations, chance at the start
    plant.data = dataclasses.replace(plant.data, train=plant.data.train.with_labels(np.full_like(y, -1)))
    assert plant.pretrain(spec, shared, 2, "run-a").status == "declined"   # a transfer target: not asked to pretrain
    # a plant with fault labels trains its supervised loss as before: the pretext head stays
    labelled, lspec, _ = build(tmp_path / "labelled", privacy={"enabled": False})
    lspec = _with_pretext(lspec)
    out = labelled.pretrain(lspec, shared, 1, "run-b")
    assert np.array_equal(out.arrays["pretext_head.weight"], shared["pretext_head.weight"])
    assert not np.array_equal(out.arrays["reference_head.weight"], shared["reference_head.weight"])


def test_dp_accounts_the_pretext_task_over_all_windows(tmp_path) -> None:
    from common.privacy.accounting import steps_per_epoch
    from tests.test_privacy import build, ledger_history

    plant, spec, _ = build(tmp_path, privacy={"enabled": True, "noise_multiplier": 1.0})
    spec = _with_pretext(spec)
    shared = _model_arrays(plant, spec)
    y = plant.data.train.y
    plant.data = dataclasses.replace(plant.data, train=plant.data.train.with_labels(np.where(y == 0, 0, -1)))
    plant.policy = dataclasses.replace(plant.policy, allow=(*plant.policy.allow, "sizes"))
    assert plant.own_delta() <= 1.0 / (10 * len(y))
    result = plant.pretrain(spec, shared, 1, "run-a")
    assert result.status == "ok"
    q, steps = steps_per_epoch(len(y), spec.federation.training.batch_size)
    assert ledger_history(plant) == [(1.0, q, steps * spec.federation.training.local_epochs)]
    # labelled for one class and withholding sizes: the head it moves would tell, so it sends the supervised
    # (noise-only) DP update as before; with sizes allowed it trains the pretext task
    one, ospec, _ = build(tmp_path / "one", privacy={"enabled": True, "noise_multiplier": 1.0})
    ospec = _with_pretext(ospec)
    y = one.data.train.y
    one.data = dataclasses.replace(one.data, train=one.data.train.with_labels(np.where(y == 0, 0, -1)))
    assert "sizes" not in one.policy.allow and one.pretext_task(ospec) is None
    out = one.pretrain(ospec, shared, 1, "run-b")
    assert out.status == "ok" and np.array_equal(out.arrays["pretext_head.weight"], shared["pretext_head.weight"])
    one.policy = dataclasses.replace(one.policy, allow=(*one.policy.allow, "sizes"))
    out = one.pretrain(ospec, shared, 2, "run-b")
    assert not np.array_equal(out.arrays["pretext_head.weight"], shared["pretext_head.weight"])


def test_a_federation_of_normal_only_plants_learns_a_shared_extractor(tmp_path) -> None:
    from client.anomaly import DETECTOR_FILE
    from client.loader import load_data
    from client.predict import predict
    from common.config import load_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    path = _scenario(tmp_path, {"name": "feature_mahalanobis"})
    body = yaml.safe_load(path.read_text())
    body["federation"]["rounds"] = 2
    body["federation"].setdefault("training", {})["self_supervised"] = "transformations"
    for plant in body["plants"]:
        plant["labelled_classes"] = ["normal"]
    path.write_text(yaml.safe_dump(body))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert [sorted(r["participants"]) for r in results["rounds"]] == [["a", "b", "n"]] * 2
    assert not any("no plant trained" in w for w in results.get("warnings", []))
    n = results["plants"]["n"]
    assert n["status"] == "ok" and "anomaly_feature_mahalanobis" in n["metrics"]
    state = next(p.parent.parent for p in run_dir.rglob(f"{DETECTOR_FILE}.pt") if "n" in p.parts)
    scenario = load_scenario(path)
    data = load_data(scenario, scenario.plants[2])
    np.savez(tmp_path / "w.npz", x=data.test.x[:4])
    out = predict(state, tmp_path / "w.npz")   # the kept models load without the pretext head
    assert len(out["predictions"]) == 4 and "health_score" in out["predictions"][0]
