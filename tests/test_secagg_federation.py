"""Secure aggregation in a federation run in process (LoopbackGrid): sum only, dropouts, a failed round."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import numpy as np
import pytest
import torch
from flwr.app import ArrayRecord, Message, MetricRecord

from common import wire
from common.config import load_scenario
from common.privacy.policy import category_of
from server.app import run_federation
from server.federation import CHECKPOINT
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid

SECURE = {"relative_norm_bound": None,
          "secure_aggregation": {"enabled": True, "clip": 10.0, "quantisation_bits": 24}}
LOSSY = {**SECURE, "round_timeout_s": 3.0}  # a plant that vanishes is waited for this long


def _run(tmp_path: Path, name: str, federation: dict, hook=None, rounds: int = 1):  # noqa: ANN001
    base = tmp_path / name
    base.mkdir()
    path = tiny_scenario(base, synthetic_plants={"count": 4, "seed": 0, "num_windows_per_class": 8},
                         federation={"rounds": rounds, **federation}, evaluation={"baselines": []})
    run_dir = base / "run"
    run_dir.mkdir()
    grid = LoopbackGrid(path, 4, run_dir, reply_hook=hook)
    results = run_federation(grid, load_scenario(path), run_dir)
    arrays = {k: v.numpy() for k, v in torch.load(run_dir / CHECKPOINT, weights_only=True)["arrays"].items()}
    return results, arrays, grid, run_dir


def test_the_coordinator_gets_only_masked_vectors_and_the_same_fedavg_step(tmp_path: Path) -> None:
    modes: list[int] = []

    def watch(node: int, msg: Message, reply: Message) -> Message:
        if msg.metadata.message_type == wire.MSG_SECAGG_SHARE:  # the plant's secrets wait on its disk
            files = list(tmp_path.rglob("secagg/*-round-1.*"))
            modes.extend(stat.S_IMODE(f.stat().st_mode) for f in files)
        return reply

    plain, plain_arrays, _, _ = _run(tmp_path, "plain", {"relative_norm_bound": None})
    secure, secure_arrays, grid, run_dir = _run(tmp_path, "secure", SECURE, hook=watch)
    facts = secure["rounds"][0]["secure_aggregation"]
    assert facts["enabled"] and facts["failed"] is None and facts["threshold"] == 3 and facts["neighbours"] == 3
    assert facts["survivors"] == sorted(plain["rounds"][0]["participants"]) == secure["rounds"][0]["participants"]
    bound = facts["quantisation_error_bound"]
    assert 0 < bound < 1e-6
    for k in plain_arrays:  # the same FedAvg step, within the stated bound (+ float32 rounding)
        np.testing.assert_allclose(secure_arrays[k], plain_arrays[k], atol=bound + 2e-6, rtol=0)
    assert modes and all(m == 0o600 for m in modes)
    assert not list(tmp_path.rglob("secagg/*-round-1.*"))  # forgotten after unmasking
    for reply in grid.received:  # no plant ever sent its parameters in the clear
        if wire.ARRAYS in reply.content:
            record = reply.content[wire.ARRAYS]
            assert isinstance(record, ArrayRecord) and set(record) == {wire.SECAGG_MASKED}
            assert record[wire.SECAGG_MASKED].numpy().dtype == np.uint64
    report = (run_dir / "report.md").read_text()
    assert "Secure aggregation" in report and "threshold 3" in report
    plant_of = {node: f"plant-{node - 101}" for node in grid.contexts}
    masks = [m for m in grid.sent if m.metadata.message_type == wire.MSG_SECAGG_MASK]
    assert len(masks) == 4
    for msg in masks:   # each plant receives only the (encrypted) shares addressed to it
        routed = json.loads(str(msg.content[wire.CONFIG][wire.SECAGG_ROUTED]))
        assert set(routed) == {plant_of[msg.metadata.dst_node_id]} and routed[plant_of[msg.metadata.dst_node_id]]


def _drop(stage: str, plants: set[int]):  # noqa: ANN202
    def hook(node: int, msg: Message, reply: Message) -> Message | None:
        round_ = msg.content[wire.CONFIG].get(wire.SERVER_ROUND, 0)
        return None if msg.metadata.message_type == stage and node in plants and round_ == 1 else reply
    return hook


def test_a_plant_lost_after_sharing_keys_is_unmasked_and_too_many_fail_the_round(tmp_path: Path) -> None:
    results, _, _, _ = _run(tmp_path, "one", LOSSY, hook=_drop(wire.MSG_SECAGG_MASK, {102}), rounds=1)
    facts = results["rounds"][0]["secure_aggregation"]
    assert facts["failed"] is None and len(facts["survivors"]) == 3 and facts["dropouts"]["masked_input"]
    assert results["rounds"][0]["participants"] == facts["survivors"]
    results, _, _, _ = _run(tmp_path, "two", LOSSY, hook=_drop(wire.MSG_SECAGG_SHARE, {101, 103}), rounds=2)
    first, second = results["rounds"]
    assert first["secure_aggregation"]["failed"].startswith("round failed: only 2 plants shared keys; threshold 3")
    assert first["aggregate_skipped"] == first["secure_aggregation"]["failed"]
    assert second["secure_aggregation"]["failed"] is None and len(second["participants"]) == 4


def test_fedadam_takes_the_securely_summed_mean_as_its_pseudo_gradient(tmp_path: Path) -> None:
    adam = {"strategy": {"name": "fedadam", "server_learning_rate": 0.01}}
    _, plain_arrays, _, _ = _run(tmp_path, "plain", {"relative_norm_bound": None, **adam})
    secure, secure_arrays, _, _ = _run(tmp_path, "secure", {**SECURE, **adam})
    bound = secure["rounds"][0]["secure_aggregation"]["quantisation_error_bound"]
    # one Adam step η·m/(√v + τ) moves by at most η(1−β1)/τ·|error| ≤ |error| here
    for k in plain_arrays:
        np.testing.assert_allclose(secure_arrays[k], plain_arrays[k], atol=bound + 2e-6, rtol=0)
    fedavg_arrays = _run(tmp_path, "fedavg", SECURE)[1]  # and it is Adam's step, not FedAvg's
    assert not all(np.allclose(secure_arrays[k], fedavg_arrays[k], atol=1e-4) for k in plain_arrays)


def test_dp_plants_write_the_same_ledger_entries_and_release_only_accounting(tmp_path: Path) -> None:
    dp = {"privacy": {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5}}
    runs = {}
    for name, federation in (("plain", {"relative_norm_bound": None}), ("secure", SECURE)):
        base = tmp_path / name
        base.mkdir()
        path = tiny_scenario(base, federation={"rounds": 2, **federation}, evaluation={"baselines": []}, **dp)
        run_dir = base / "run"
        run_dir.mkdir()
        grid = LoopbackGrid(path, 3, run_dir)
        results = run_federation(grid, load_scenario(path), run_dir)
        ledgers = {p: [(e["steps"], e["noise_multiplier"], e["sample_rate"]) for e in json.loads(
            (run_dir / "plants" / p / "privacy_ledger.json").read_text())["entries"]] for p in results["plants"]}
        runs[name] = (results, ledgers, grid)
    (plain, plain_ledgers, _), (secure, secure_ledgers, grid) = runs["plain"], runs["secure"]
    assert secure_ledgers == plain_ledgers and all(len(v) >= 2 for v in secure_ledgers.values())
    for p in plain["plants"]:
        assert secure["plants"][p]["privacy"]["epsilon"] == plain["plants"][p]["privacy"]["epsilon"]
    assert all(r["secure_aggregation"]["failed"] is None for r in secure["rounds"])
    for reply in grid.received:
        if reply.metadata.message_type == wire.MSG_SECAGG_SETUP:
            metrics = reply.content[wire.METRICS]
            assert isinstance(metrics, MetricRecord)
            assert {category_of(k) for k in metrics} == {"accounting"}


def test_a_malformed_masked_update_is_left_out_with_why_and_its_masks_removed(tmp_path: Path) -> None:
    def truncate(node: int, msg: Message, reply: Message) -> Message:
        if msg.metadata.message_type == wire.MSG_SECAGG_MASK and node == 104:
            record = reply.content[wire.ARRAYS]
            assert isinstance(record, ArrayRecord)
            short = record[wire.SECAGG_MASKED].numpy()[:-5].copy()
            reply.content[wire.ARRAYS] = ArrayRecord({wire.SECAGG_MASKED: torch.from_numpy(short)})
        return reply

    results, _, _, _ = _run(tmp_path, "bad", SECURE, hook=truncate)
    facts = results["rounds"][0]["secure_aggregation"]
    assert facts["failed"] is None and facts["survivors"] == ["plant-0", "plant-1", "plant-2"]
    reason = results["rounds"][0]["excluded"]["plant-3"]
    assert "malformed masked update" in reason and "masks are removed" in reason


def test_each_plant_receives_only_its_neighbours_public_keys(tmp_path: Path) -> None:
    base = tmp_path / "five"
    base.mkdir()
    sparse = {**SECURE, "secure_aggregation": {**SECURE["secure_aggregation"], "neighbours": 2}}
    path = tiny_scenario(base, synthetic_plants={"count": 5, "seed": 0, "num_windows_per_class": 8},
                         federation={"rounds": 1, **sparse}, evaluation={"baselines": []})
    run_dir = base / "run"
    run_dir.mkdir()
    grid = LoopbackGrid(path, 5, run_dir)
    results = run_federation(grid, load_scenario(path), run_dir)
    facts = results["rounds"][0]["secure_aggregation"]
    assert facts["failed"] is None and (facts["neighbours"], facts["threshold"]) == (2, 2)
    assert len(facts["survivors"]) == 5
    shares = [m for m in grid.sent if m.metadata.message_type == wire.MSG_SECAGG_SHARE]
    assert len(shares) == 5
    plant_of = {node: f"plant-{node - 101}" for node in grid.contexts}
    for msg in shares:
        config = msg.content[wire.CONFIG]
        me = plant_of[msg.metadata.dst_node_id]
        keys = json.loads(str(config[wire.SECAGG_PUBLIC_KEYS]))
        assert len(keys) == 2 and me not in keys   # two neighbours' keys, not the whole table of five
        assert json.loads(str(config[wire.SECAGG_ROUND_PLANTS])) == sorted(plant_of.values())


def test_a_plant_refuses_public_keys_that_are_not_its_neighbours(tmp_path: Path) -> None:
    from client import secagg as plant_secagg
    from common.config.scenario import run_spec_from_scenario
    from common.secagg import protocol
    from common.secagg.errors import SecAggFailure
    from common.secagg.graph import graph_seed, neighbour_graph
    from common.secagg.rounds import round_context

    sparse = {**SECURE, "secure_aggregation": {**SECURE["secure_aggregation"], "neighbours": 2}}
    path = tiny_scenario(tmp_path, synthetic_plants={"count": 5, "seed": 0, "num_windows_per_class": 8},
                         federation={"rounds": 1, **sparse})
    spec = run_spec_from_scenario(load_scenario(path), ("a", "b"))
    plants = [f"plant-{i}" for i in range(5)]
    state = plant_secagg.SecAggState(tmp_path / "state", "run", 1)
    secrets, _ = protocol.advertise("plant-0", round_context("run", 1))
    state.save(secrets, np.zeros(4, dtype=np.uint64))
    public = {p: protocol.advertise(p, b"x")[1] for p in plants}
    mine = neighbour_graph(plants, 2, graph_seed(round_context("run", 1)))["plant-0"]
    others = [p for p in plants[1:] if p not in mine]
    for keys in (others, plants[1:]):   # the wrong neighbours, or the whole table
        config = {wire.SECAGG_ROUND_PLANTS: json.dumps(plants), wire.SECAGG_PUBLIC_KEYS: json.dumps(
            {p: [public[p].c_pk.hex(), public[p].s_pk.hex()] for p in keys})}
        with pytest.raises(SecAggFailure, match="not of its neighbours"):
            plant_secagg.share(tmp_path / "state", spec, config, "run", 1)
    config[wire.SECAGG_PUBLIC_KEYS] = json.dumps({p: [public[p].c_pk.hex(), public[p].s_pk.hex()] for p in mine})
    reply = plant_secagg.share(tmp_path / "state", spec, config, "run", 1)
    assert set(json.loads(reply.protocol[wire.SECAGG_CIPHERTEXTS])) == set(mine)
