"""Each plant has its own label set (issue 17, point 1): the federation works on the union of the
plants' classes by name, each plant's loss covers only the classes it has labels for, and a plant
recognises a fault it never had because another plant had it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml

from common.config import load_scenario, to_dict
from common.data import make_plant_params
from common.data.cwru import CwruParams
from common.data.synthetic import SyntheticParams
from common.labelset import (
    align_to_union,
    keep_labels_of,
    labelled_class_mask,
    own_classes,
    per_class_metrics,
    remap_labels,
    restrict_logits,
    union_names,
)
from common.training import supervised_loss
from common.transfer.routing import META_KEY as ROUTING_KEY
from common.transfer.routing import RoutingRule
from server.app import run_federation
from simulations.benchmarks.label_sets import routed_metrics
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid


def test_union_is_first_seen_order_and_labels_map_by_name():
    assert union_names([("a", "b", "c"), ("a", "b", "c")]) == ("a", "b", "c")  # same lists: unchanged
    assert union_names([("c", "a"), ("b", "a", "d")]) == ("c", "a", "b", "d")
    y = np.array([0, 1, -1, 1])
    assert remap_labels(y, ("b", "a"), ("a", "b", "c")).tolist() == [1, 0, -1, 0]


def test_labelled_classes_hide_the_others_and_a_bad_name_is_named():
    y = np.array([0, 1, 2, -1, 2])
    assert keep_labels_of(y, ("a", "b", "c"), ("c", "a"), "p").tolist() == [0, -1, 2, -1, 2]
    with pytest.raises(ValueError, match="labelled_classes.*'zz'"):
        keep_labels_of(y, ("a", "b", "c"), ("zz",), "p")
    assert labelled_class_mask(np.array([0, 2, -1]), 3).tolist() == [True, False, True]
    assert labelled_class_mask(np.array([0, 1, 2]), 3) is None  # every class labelled: no restriction
    assert labelled_class_mask(np.array([-1, -1]), 3) is None   # no labels: nothing to restrict


def test_restricted_loss_leaves_the_other_classes_untouched():
    """Inside own_classes the loss is −log softmax over the own classes; the others get no gradient."""
    logits = torch.randn(4, 3, requires_grad=True)
    targets = torch.tensor([0, 2, 0, 2])
    mask = np.array([True, False, True])
    with own_classes(mask):
        loss = supervised_loss(logits, targets)
    loss.backward()
    assert logits.grad is not None and torch.all(logits.grad[:, 1] == 0)
    own = logits.detach()[:, [0, 2]]
    expected = torch.nn.functional.cross_entropy(own, torch.tensor([0, 1, 0, 1]))
    assert torch.isclose(loss, expected)
    assert torch.equal(restrict_logits(logits), logits)  # outside the context: unchanged


def test_per_class_metrics_split_own_and_never_labelled():
    y = np.array([0, 0, 1, 1, 2])
    pred = np.array([0, 1, 1, 1, 0])
    out = per_class_metrics(y, pred, ("a", "b", "c"), np.array([True, True, False]))
    assert out["recall/a"] == 0.5 and out["recall/b"] == 1.0 and out["recall/c"] == 0.0
    assert out["accuracy_own"] == 0.75 and out["accuracy_unseen"] == 0.0
    assert "accuracy_own" not in per_class_metrics(y, pred, ("a", "b", "c"), None)


def test_a_bad_classes_entry_names_the_key():
    bad = SyntheticParams(classes=("normal", "gearbox")).problems()
    assert any(p.startswith("classes:") and "gearbox" in p for p in bad)
    assert CwruParams(path="load1.npz", classes=("OR021", "IR007")).problems() == []


def test_a_bad_cwru_classes_entry_names_the_key(tmp_path):
    """CWRU's known classes are its file's keys: an entry not among them is named with the key."""
    from common.data import WindowSpec
    from common.data.cwru import load_cwru
    from common.data.errors import DataValidationError

    rng = np.random.default_rng(0)
    np.savez(tmp_path / "load1.npz", IR007=rng.standard_normal(20000), OR021=rng.standard_normal(20000),
             fs_hz=np.array(12000.0))
    window = WindowSpec(length=256, stride=256, test_fraction=0.25)
    data = load_cwru("p", CwruParams(path="load1.npz", classes=("OR021", "IR007")), window, base_dir=tmp_path)
    assert data.class_names == ("OR021", "IR007")
    with pytest.raises(DataValidationError, match=r"classes: .*'IR999' not in file.*IR007"):
        load_cwru("p", CwruParams(path="load1.npz", classes=("IR007", "IR999")), window, base_dir=tmp_path)


def _label_sets(tmp_path: Path, windows: int = 48) -> Path:
    """Plant a: all five classes in its test split, labels for three; plant b: four classes in
    another order, among them the two a never had labelled; plant c: the classes that a and b never
    hold together (a restricted loss separates only classes some plant has side by side). Same
    machine, so the signal is clear."""
    path = tiny_scenario(tmp_path, federation={"rounds": 6,
                                               "training": {"local_epochs": 2, "batch_size": 16,
                                                            "learning_rate": 0.003}})
    body = yaml.safe_load(path.read_text())
    body.pop("synthetic_plants")
    params = to_dict(make_plant_params(0, 0, num_windows_per_class=windows))
    body["plants"] = [
        {"id": "a", "data": {"source": "synthetic", **params},
         "labelled_classes": ["normal", "inner_race", "outer_race"]},
        {"id": "b", "data": {"source": "synthetic", **{**params, "seed": 1},
                             "classes": ["imbalance", "ball", "outer_race", "normal"]}},
        {"id": "c", "data": {"source": "synthetic", **{**params, "seed": 2},
                             "classes": ["ball", "inner_race", "imbalance"]}},
    ]
    path.write_text(yaml.safe_dump(body))
    return path


def test_plants_with_different_label_sets_federate_and_one_recognises_a_fault_it_never_had(tmp_path):
    path = _label_sets(tmp_path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert results["class_names"] == ["normal", "inner_race", "outer_race", "ball", "imbalance"]
    plants = results["plants"]
    assert plants["a"]["status"] == "ok" and plants["b"]["status"] == "ok"
    a = plants["a"]["metrics"]
    assert "accuracy_unseen" in a["federated_global"] and "recall/ball" in a["federated_global"]
    # a never had labels for ball or imbalance; b and c had: the shared model recognises imbalance at a
    # (ball is the tiny model's hard class everywhere), a alone never does
    assert a["federated_global"]["recall/imbalance"] >= 0.8, a["federated_global"]
    assert a["local_only"]["accuracy_unseen"] <= 0.1, a["local_only"]
    assert a["federated_global"]["accuracy_unseen"] >= a["local_only"]["accuracy_unseen"] + 0.3
    # fine-tuned with the mask, a's personal head kept the rows of the classes it never had
    assert a["federated_personalised"]["recall/imbalance"] >= 0.8, a["federated_personalised"]
    assert "recall/inner_race" not in plants["b"]["metrics"]["federated_global"]  # not in b's test split
    # do no harm with coverage: a is labelled for 3 of the 5 classes, so it keeps a federated model
    choice = plants["a"]["transfer"]["model_choice"]
    assert choice["chosen"] != "local_only"
    assert "not kept: local_only (it covers only the federation's classes" in choice["reason"]
    assert a["chosen"]["recall/imbalance"] >= 0.8, a["chosen"]
    # its own labels describe 3 of the 5 classes: no open-set rule that would call the others unknown
    assert "unknown_rate" not in a["chosen"], a["chosen"]
    # ... but a never-had routing rule (common.transfer.routing) is kept with its model
    blob = torch.load(run_dir / "plants" / "a" / "models" / "personalised.pt", weights_only=True)
    rule = RoutingRule.from_dict(blob["meta"].get(ROUTING_KEY))
    assert rule is not None and rule.n_reference > 0, blob["meta"].keys()
    assert rule.own.tolist() == [True, True, True, False, False]   # normal, inner_race, outer_race
    # calibrated with the plants' released DP statistics, each release in the releasing plant's ledger
    assert rule.calibrated and rule.calibration is not None and rule.calibration.inflation > 0
    for plant_id in ("a", "b", "c"):
        ledger = json.loads((run_dir / "plants" / plant_id / "privacy_ledger.json").read_text())
        purposes = [e.get("purpose") for e in (ledger["entries"] if isinstance(ledger, dict) else ledger)]
        assert purposes.count("feature_stats") == 4, purposes   # the four Gaussian queries, once
    routed = routed_metrics(path, run_dir, list(results["class_names"]))["a"]
    assert routed["calibrated"] == 1.0
    # never-had faults recognised by the routed decision (ball, the tiny model's hard class, by no model: so
    # accuracy_unseen is at most ½ here, and imbalance carries the claim; a alone recognises neither)
    assert routed["recall/imbalance"] >= 0.5, routed
    assert routed["accuracy_unseen"] >= a["local_only"]["accuracy_unseen"] + 0.2, routed
    # the report's kept model decides as predict does: with the routing rule (client/plant.py RoutedDecision)
    assert a["chosen"]["accuracy"] == pytest.approx(routed["accuracy"]), (routed, a["chosen"])
    assert a["chosen"]["accuracy_unseen"] == pytest.approx(routed["accuracy_unseen"])
    report = (run_dir / "report.md").read_text()
    assert "never had training labels" in report and "† |" in report
    # factoryfl predict decides as the routed rule does, on the plant's own test windows
    from client.loader import load_data
    from client.predict import predict

    scenario = load_scenario(path)
    test = align_to_union(load_data(scenario, scenario.plants[0]), list(results["class_names"])).test
    np.savez(tmp_path / "a_test.npz", x=test.x)
    out = predict(run_dir / "plants" / "a", tmp_path / "a_test.npz")
    names = list(results["class_names"])
    predicted = np.array([names.index(row["class"]) for row in out["predictions"]])
    assert float((predicted == test.y).mean()) == pytest.approx(routed["accuracy"])
    assert out[ROUTING_KEY]["own_classes"] == ["normal", "inner_race", "outer_race"]
    assert {row["never_had"] for row in out["predictions"]} == {True, False}
    from client.export import export

    exported = export(run_dir / "plants" / "a", tmp_path / "export")
    card = json.loads(exported["card_json"].read_text())
    assert "never had" in exported["card_md"].read_text()
    assert card["never_had_routing"]["own_classes"] == ["normal", "inner_race", "outer_race"]


def test_plants_whose_budget_declines_the_statistics_release_keep_the_uncalibrated_rule(tmp_path):
    """Each plant's own policy caps its lifetime ε below what the release costs (ε ≈ 3 at σ = 3): none
    releases, nothing reaches a ledger, and the plant labelled for some classes keeps the old rule."""
    path = _label_sets(tmp_path, windows=32)
    body = yaml.safe_load(path.read_text())
    body["federation"]["rounds"] = 3
    for plant in body["plants"]:
        plant["privacy_policy"] = {"require_dp": False, "budget_epsilon": 0.5}
    path.write_text(yaml.safe_dump(body))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    for plant_id in ("a", "b", "c"):
        plant = results["plants"][plant_id]
        assert plant["status"] == "ok", plant
        assert any(e.get("round") == "feature_stats" and "budget" in e.get("reason", "")
                   for e in plant["excluded_rounds"]), plant["excluded_rounds"]
        ledger_file = run_dir / "plants" / plant_id / "privacy_ledger.json"
        if ledger_file.exists():
            ledger = json.loads(ledger_file.read_text())
            assert not (ledger["entries"] if isinstance(ledger, dict) else ledger), ledger
    blob = torch.load(run_dir / "plants" / "a" / "models" / "personalised.pt", weights_only=True)
    rule = RoutingRule.from_dict(blob["meta"].get(ROUTING_KEY))
    assert rule is not None and not rule.calibrated


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("mode", ["hooks", "ghost"])
def test_dp_sgd_with_a_restricted_loss_stays_finite(mode):
    """DP-SGD (per-sample and ghost clipping) over a plant's own classes: −∞ logits of the other
    classes never reach the loss as NaN."""
    from torch import nn

    from common.privacy.dp_training import train_dp
    from common.privacy.noise import NoiseSource

    torch.manual_seed(0)
    module = nn.Sequential(nn.Flatten(), nn.Linear(8, 4))
    x = np.random.default_rng(0).standard_normal((24, 1, 8)).astype(np.float32)
    y = np.array([0, 2] * 12, dtype=np.int64)
    with own_classes(np.array([True, False, True, False])):
        stats = train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=0.1), epochs=2, batch_size=8,
                         noise_multiplier=1.0, max_grad_norm=1.0, seed=0, grad_sample_mode=mode,
                         noise=NoiseSource.reproducible("label-sets", 0))
    assert np.isfinite(stats.loss) and all(torch.isfinite(p).all() for p in module.parameters())


def test_per_class_metrics_leave_a_dp_plant_only_as_metrics_and_labelled_classes_only_as_sizes():
    from common import wire
    from common.privacy.policy import category_of, releasable

    assert category_of(wire.method_metric_key("federated_global", "recall/ball")) == "metrics"
    assert category_of(wire.method_metric_key("local_only", "accuracy_unseen")) == "metrics"
    # which classes hold labelled windows is computed from the data: a size, not a declaration
    assert category_of(wire.LABELLED_CLASSES) == "sizes"
    keys = ["federated_global/recall/ball", "federated_global/accuracy_own", wire.LABELLED_CLASSES]
    assert releasable(keys, ("accounting",)) == set()
    assert releasable(keys, ("accounting", "sizes")) == {wire.LABELLED_CLASSES}


def test_a_class_that_only_an_unlabelled_plant_declares_is_not_one_the_labelled_plants_lack(tmp_path):
    """Two labelled plants hold 4 of the 5 classes; an unlabelled plant declares all 5 (the fifth is a
    fault no plant has labels for, an open-set class). The coordinator relays the classes some labelled
    plant declared (``RunSpec.labelled_classes``), so the labelled plants cover everything the federation
    can teach: local-only stays eligible, no never-had routing to the untrained class is kept, and their
    open-set rule is fitted instead."""
    from common.transfer.open_set import META_KEY as OPEN_SET_KEY

    path = tiny_scenario(tmp_path, federation={"rounds": 2, "training": {"local_epochs": 1, "batch_size": 16,
                                                                         "learning_rate": 0.003}})
    body = yaml.safe_load(path.read_text())
    body.pop("synthetic_plants")
    params = to_dict(make_plant_params(0, 0, num_windows_per_class=32))
    four = ["normal", "inner_race", "outer_race", "ball"]
    body["plants"] = [
        {"id": "a", "data": {"source": "synthetic", **params, "classes": list(four)}},
        {"id": "b", "data": {"source": "synthetic", **{**params, "seed": 1}, "classes": list(four)}},
        {"id": "t", "labelled_fraction": 0.0, "transfer": "none",
         "data": {"source": "synthetic", **{**params, "seed": 2}, "classes": [*four, "imbalance"]}},
    ]
    path.write_text(yaml.safe_dump(body))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert results["class_names"] == [*four, "imbalance"]
    for plant_id in ("a", "b"):
        choice = results["plants"][plant_id]["transfer"]["model_choice"]
        assert "covers only" not in choice["reason"], choice["reason"]
        meta = torch.load(run_dir / "plants" / plant_id / "models" / "personalised.pt", weights_only=True)["meta"]
        assert ROUTING_KEY not in meta and OPEN_SET_KEY in meta, sorted(meta)


def test_centralized_baseline_pools_plants_with_their_own_class_lists_by_name(tmp_path):
    """The pooled reference trains on the federation's union (plants list their classes in another order or a
    subset) and scores each plant on its own test split; it used to take the first plant's list and stop."""
    from simulations.baselines import add_centralized_baseline

    path = _label_sets(tmp_path, windows=16)
    union = ["normal", "inner_race", "outer_race", "ball", "imbalance"]
    results = {"class_names": union, "plants": {p: {"status": "ok"} for p in ("c", "a", "b")}}
    add_centralized_baseline(load_scenario(path), results)
    for plant_id in ("a", "b", "c"):
        metrics = results["plants"][plant_id]["metrics"]["centralized"]
        assert 0.0 <= metrics["accuracy"] <= 1.0 and metrics["n_test"] > 0, metrics
