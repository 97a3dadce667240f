"""The coordinator and the real ClientApp, in process (tests/helpers/loopback.py): what crosses
the wire, that learning happens, determinism, and that faulty plants are left out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from flwr.app import Array, ArrayRecord, Error, Message, RecordDict

from common import wire
from common.config import load_scenario
from common.models import build_model, shared_state
from server.app import WIRE_AUDIT, run_federation
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid


def _run(tmp_path: Path, name: str = "run", hook=None, **overrides):
    path = tiny_scenario(tmp_path, **overrides)
    scenario = load_scenario(path)
    run_dir = tmp_path / name
    run_dir.mkdir()
    grid = LoopbackGrid(path, len(scenario.plants), run_dir, reply_hook=hook)
    return run_federation(grid, scenario, run_dir), grid, run_dir


def test_no_head_key_ever_leaves_a_plant(tmp_path):
    results, grid, run_dir = _run(tmp_path)
    assert grid.received, "plants replied"
    shared_keys = set(shared_state(build_model(1, 5, load_scenario(tmp_path / "tiny.yaml").model, 0)))
    for msg in grid.received:
        for record in msg.content.values():
            keys = list(record.keys())
            assert not any(k.startswith("head.") for k in keys), (msg.metadata.message_type, keys)
            if isinstance(record, ArrayRecord):
                assert set(keys) == shared_keys
    # and the coordinator's own audit of every reply says the same
    audit = [json.loads(line) for line in (run_dir / WIRE_AUDIT).read_text().splitlines()]
    assert {e["message_type"] for e in audit} >= {wire.MSG_PRETRAIN, wire.MSG_PERSONALISE, wire.MSG_FINAL_EVALUATE}
    for entry in audit:
        for record in ("arrays", "config", "metrics"):
            assert not any(k.startswith("head.") for k in entry.get(record, {}).get("keys", []))
    # the personal head exists — on the plant's disk
    for plant in results["plants"]:
        assert (run_dir / "plants" / plant / "models" / "personalised.pt").exists()


def test_loss_falls_and_extractor_changes(tmp_path):
    results, grid, run_dir = _run(tmp_path, federation={"rounds": 4})
    losses = [r["train_loss"] for r in results["rounds"]]
    assert losses[-1] < losses[0]
    first_sent = next(m for m in grid.sent if m.metadata.message_type == wire.MSG_PRETRAIN)
    last_sent = [m for m in grid.sent if m.metadata.message_type == wire.MSG_FINAL_EVALUATE][-1]
    before = first_sent.content[wire.ARRAYS]["extractor.blocks.0.weight"].numpy()
    after = last_sent.content[wire.ARRAYS]["extractor.blocks.0.weight"].numpy()
    assert np.abs(after - before).max() > 1e-4
    for plant in results["plants"].values():
        assert set(plant["metrics"]) == {"federated_global", "federated_personalised", "local_only", "chosen"}
        assert 0.0 <= plant["metrics"]["federated_personalised"]["accuracy"] <= 1.0


def test_same_seed_same_metrics(tmp_path):
    first, _, _ = _run(tmp_path, "a")
    second, _, _ = _run(tmp_path, "b")
    assert [p["metrics"] for p in first["plants"].values()] == [p["metrics"] for p in second["plants"].values()]
    assert [r["train_loss"] for r in first["rounds"]] == [r["train_loss"] for r in second["rounds"]]


def _replace_arrays(reply: Message, transform) -> Message:
    content = RecordDict()
    for name, record in reply.content.items():
        if isinstance(record, ArrayRecord):
            arrays = {k: v.numpy() for k, v in record.items()}
            record = ArrayRecord({k: Array(np.ascontiguousarray(v)) for k, v in transform(arrays).items()})
        content[name] = record
    return Message(content, reply_to=_ORIGINAL[reply.metadata.reply_to_message_id])


_ORIGINAL: dict[str, Message] = {}


def test_faulty_plants_are_left_out_and_the_round_goes_on(tmp_path):
    """Round 1: node 101 sends NaN, 102 an error reply. Round 2: 101 a head key, 102 an absurd norm."""
    counts = {101: 0, 102: 0}

    def hook(node, msg, reply):
        if msg.metadata.message_type != wire.MSG_PRETRAIN or node not in counts:
            return reply
        counts[node] += 1
        _ORIGINAL[msg.metadata.message_id] = msg
        if node == 102 and counts[node] == 1:
            return Message(Error(code=1, reason="disk on fire"), reply_to=msg)
        if node == 101 and counts[node] == 1:
            return _replace_arrays(reply, lambda a: {k: np.full_like(v, np.nan) for k, v in a.items()})
        if node == 101:
            return _replace_arrays(reply, lambda a: {**a, "head.weight": np.zeros((5, 16), np.float32)})
        return _replace_arrays(reply, lambda a: {k: v + 1e6 for k, v in a.items()})

    results, _, run_dir = _run(tmp_path, hook=hook, federation={"rounds": 2})
    r1, r2 = results["rounds"]
    assert r1["participants"] == ["plant-2"] and r2["participants"] == ["plant-2"]
    assert "NaN" in r1["excluded"]["plant-0"]
    assert "disk on fire" in r1["excluded"]["plant-1"]
    assert "unexpected keys" in r2["excluded"]["plant-0"] and "head.weight" in r2["excluded"]["plant-0"]
    assert "norm" in r2["excluded"]["plant-1"]
    # the federation completed: every plant was still personalised and evaluated
    assert all("federated_personalised" in p["metrics"] for p in results["plants"].values())
    report = (run_dir / "report.md").read_text()
    assert "disk on fire" in report and "NaN" in report


def test_plant_that_cannot_load_its_data_is_reported_not_fatal(tmp_path):
    path = tiny_scenario(tmp_path)
    scenario = load_scenario(path)
    import yaml

    body = yaml.safe_load(path.read_text())
    body.pop("synthetic_plants")
    body["plants"] = [
        {"id": "good-0", "data": {"source": "synthetic", "seed": 1, "num_windows_per_class": 16}},
        {"id": "good-1", "data": {"source": "synthetic", "seed": 2, "num_windows_per_class": 16}},
        {"id": "broken", "data": {"source": "directory", "path": str(tmp_path / "missing")}},
    ]
    path.write_text(yaml.safe_dump(body))
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), scenario, run_dir)
    assert results["plants"]["broken"]["status"] == "failed"
    assert "missing" in results["plants"]["broken"]["status_reason"]
    assert results["plants"]["good-0"]["status"] == "ok"
    assert results["rounds"][-1]["participants"] == ["good-0", "good-1"]


@pytest.mark.parametrize("strategy", ["fedprox", "fedadam", "fedmedian", "fedtrimmedavg"])
def test_every_strategy_runs_a_federation(tmp_path, strategy):
    results, _, _ = _run(tmp_path, federation={"rounds": 2, "strategy": {"name": strategy}})
    assert len(results["rounds"]) == 2
    assert all(len(r["participants"]) == 3 for r in results["rounds"])
    assert results["settings"]["strategy"] == strategy
