"""Helpers the benchmarks share: setting overrides, the tuned local-only choice, parallel runs."""

from __future__ import annotations

import json

import pytest

from simulations.benchmarks import cmapss
from simulations.benchmarks.common import parallel_map


def _square_and_cube(x: int) -> list[int]:
    return [x * x, x * x * x]


BASE = {"model": {"channels": [32, 64], "dropout": 0.2}, "federation": {"rounds": 10, "training": {"lr": 1}},
        "plants": [{"id": "a", "data": {"path": "a.npz", "train_stride": 2}},
                   {"id": "b", "data": {"path": "b.npz", "train_stride": 2}}]}


def test_overrides_merge_key_by_key_and_reach_every_plants_data():
    body = cmapss.with_overrides(BASE, {"model": {"block_pool": 1}, "federation": {"rounds": 5},
                                        "plants_data": {"train_stride": 1}})
    assert body["model"] == {"channels": [32, 64], "dropout": 0.2, "block_pool": 1}
    assert body["federation"] == {"rounds": 5, "training": {"lr": 1}}
    assert [p["data"] for p in body["plants"]] == [{"path": "a.npz", "train_stride": 1},
                                                   {"path": "b.npz", "train_stride": 1}]
    assert BASE["federation"]["rounds"] == 10 and BASE["plants"][0]["data"]["train_stride"] == 2  # untouched


def test_tuned_local_only_is_the_lowest_mean_local_only_validation_rmse(tmp_path, monkeypatch):
    monkeypatch.setattr(cmapss, "RESULTS_DIR", tmp_path)
    assert cmapss.tuned_local_only() is None
    rows = [{"candidate": c, "local_only": {"rmse": r}} for c, r in
            [("x", 15.0), ("x", 17.0), ("y", 15.5), ("y", 15.9), ("z", 14.0), ("z", 19.0)]]
    (tmp_path / "cmapss_tuning.json").write_text(json.dumps(
        {"rows": rows, "candidates": {"x": {"a": 1}, "y": {"b": 2, "m": {"k": 1}}, "z": {}}}))
    assert cmapss.tuned_local_only() == ("y", {"b": 2, "m": {"k": 1}})  # means 16.0, 15.7, 16.5
    # the overrides are what the candidate was measured with: the tuning's starting point under it
    (tmp_path / "cmapss_tuning.json").write_text(json.dumps(
        {"rows": rows, "candidates": {"x": {"a": 1}, "y": {"b": 2, "m": {"k": 1}}, "z": {}},
         "starting_point": {"b": 0, "m": {"j": 3}, "r": 10}}))
    assert cmapss.tuned_local_only() == ("y", {"b": 2, "m": {"j": 3, "k": 1}, "r": 10})


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_map_keeps_task_order_and_flattens(jobs):
    assert parallel_map(_square_and_cube, [(2,), (3,), (4,)], jobs) == [4, 8, 9, 27, 16, 64]


def test_fixmatch_overrides_are_checked_before_any_federation_runs():
    from common.config.schema import AugmentConfig
    from simulations.benchmarks.few_shot import fixmatch_overrides

    out = fixmatch_overrides({"learning_rate": 0.001, "strong_augment": {"noise_std": 0.2}})
    assert out == {"learning_rate": 0.001, "strong_augment": AugmentConfig(noise_std=0.2)}
    for bad, words in (({"lr": 0.1}, ["unknown key", "'lr'", "learning_rate"]),
                       ({"confidence_threshold": 2.0}, ["confidence_threshold must be in (0, 1]"]),
                       ({"strong_augment": {"stretch": 1.5}}, ["strong_augment", "stretch"]),
                       ({"weak_augment": {"speed": 1}}, ["weak_augment must map"])):
        with pytest.raises(SystemExit) as err:
            fixmatch_overrides(bad)
        assert all(w in str(err.value) for w in words), (bad, str(err.value))


def test_check_all_trained_refuses_a_lost_plant_but_not_a_one_class_decline() -> None:
    from client.plant import ONE_CLASS_DECLINE
    from simulations.benchmarks.common import check_all_trained

    by_design = {"n": f"declined: {ONE_CLASS_DECLINE}: nothing to learn"}
    check_all_trained({"rounds": [{"round": 1, "excluded": by_design, "participants": ["a", "b"]}]}, "ok")
    with pytest.raises(RuntimeError, match="left out of pretraining"):
        check_all_trained({"rounds": [{"round": 1, "excluded": {**by_design, "b": "no reply"},
                                       "participants": ["a"]}]}, "lost")
    with pytest.raises(RuntimeError, match="left out of pretraining"):
        check_all_trained({"rounds": [{"round": 1, "excluded": by_design, "participants": []}]}, "nobody")


def test_privacy_page_says_checked_only_when_every_ledger_held_its_planned_steps() -> None:
    import json

    from simulations.benchmarks import privacy_utility as pu

    payload = json.loads((pu.REPO / "simulations/results/privacy_utility_tep.json").read_text())
    for fresh, says in ((False, "the ledger check did not pass: see the notes"),
                        (True, "checked: each ledger ends with exactly the planned DP steps")):
        for bench in payload["benchmarks"].values():
            for block in bench["settings"].values():
                block["summary"]["all_ledgers_fresh"] = fresh
        assert says in pu.markdown(payload)
    # DP-SGD samples from the plant's pretraining windows (n_fit), not from all its labelled windows
    body = {"federation": {"rounds": 20, "training": {"local_epochs": 1, "batch_size": 256}}}
    assert pu._planned_steps(body, 12480) == 20 * 49
