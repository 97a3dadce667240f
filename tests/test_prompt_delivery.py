"""Flower's private internals (simulations/flower_private.py): refused on another Flower release;
prompt delivery installed and restored after, the pipelined worker keeps Flower's per-node order
and error replies, and a simulation gives the same results with it as with Flower's engine as shipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Queue

import pytest
from flwr.app import ConfigRecord, Context, Message, RecordDict
from flwr.server.superlink.fleet.vce import vce_api  # the internals the module patches, checked here
from flwr.server.superlink.linkstate.in_memory_linkstate import InMemoryLinkState

import simulations.flower_private as prompt
from server.transport import StoredReplies
from tests.conftest import REPO, tiny_scenario


def test_another_flower_release_is_refused_in_one_line_naming_it_and_the_fix(monkeypatch):
    prompt.require_supported_flower()  # the installed, pinned release
    prompt.require_supported_flower("1.42.7")
    for other in ("1.43.0", "2.0.1", "1.4.2"):
        with pytest.raises(prompt.FlowerVersionError) as caught:
            prompt.require_supported_flower(other)
        message = str(caught.value)
        assert "\n" not in message and f"flwr {other} is installed" in message
        assert "flwr[simulation]==1.42.0" in message and "simulations/flower_private.py" in message
    monkeypatch.setattr(prompt, "installed_flower_version", lambda: "1.50.0")
    with pytest.raises(prompt.FlowerVersionError, match="flwr 1.50.0"):
        with prompt.prompt_delivery(lambda: None):
            pass


def test_installed_for_the_pinned_flower_and_restored_after():
    originals = (vce_api.worker, vce_api.add_messages_to_queue, InMemoryLinkState.store_message_ins,
                 InMemoryLinkState.store_message_res)
    with prompt.prompt_delivery(lambda: None):
        assert vce_api.worker is prompt.pipelined_worker
        assert vce_api.add_messages_to_queue is not originals[1]
        assert InMemoryLinkState.store_message_ins is not originals[2]
    assert (vce_api.worker, vce_api.add_messages_to_queue, InMemoryLinkState.store_message_ins,
            InMemoryLinkState.store_message_res) == originals


def test_stored_replies_wait_returns_when_the_count_is_reached():
    stored = StoredReplies()
    assert not stored.wait_for(1, 0.01)
    threading.Timer(0.05, stored.add).start()
    started = time.monotonic()
    assert stored.wait_for(1, 5.0)
    assert time.monotonic() - started < 2.0 and stored.count == 1


class _Future:
    def __init__(self, message: Message, fail: bool) -> None:
        self.message, self.fail = message, fail


class _Actor:
    """Stands in for a Ray actor handle: records what was sent and when results were fetched."""

    def __init__(self, events: list, fail_nodes: set[int]) -> None:
        self.events, self.fail_nodes = events, fail_nodes
        self.run = self

    def remote(self, app_fn, message, partition, context):  # noqa: ANN001,ANN201 - Ray's call shape
        self.events.append(("submit", message.metadata.dst_node_id, message.metadata.message_id))
        return _Future(message, message.metadata.dst_node_id in self.fail_nodes)


class _Store:
    def __init__(self, node: int) -> None:
        self.context = Context(run_id=7, node_id=node, node_config={"partition-id": node}, state=RecordDict(),
                               run_config={})
        self.updates = 0

    def retrieve_context(self, run_id: int) -> Context:
        return self.context

    def update_context(self, run_id: int, context: Context) -> None:
        self.updates += 1


class _Metrics:
    def __init__(self) -> None:
        self.runtimes: list[float] = []

    def add_clientapp_runtime(self, seconds: float) -> None:
        self.runtimes.append(seconds)


def test_pipelined_worker_keeps_node_order_depth_and_flower_error_replies(monkeypatch):
    import ray

    prompt.act_as_coordinator(run_id=7)
    events: list = []

    def fake_get(future: _Future):
        events.append(("get", future.message.metadata.dst_node_id, future.message.metadata.message_id))
        if future.fail:
            raise RuntimeError("plant exploded")
        reply = Message(RecordDict({"config": ConfigRecord({"ok": 1})}), reply_to=future.message)
        return "cid", reply, Context(run_id=7, node_id=0, node_config={}, state=RecordDict(), run_config={})

    monkeypatch.setattr(ray, "get", fake_get)
    actor = _Actor(events, fail_nodes={3})
    backend = type("Backend", (), {})()
    backend.app_fn = lambda: None
    backend.pool = type("Pool", (), {"pool": [actor]})()
    stores = {node: _Store(node) for node in (1, 2, 3)}
    inbox, outbox, stop = Queue(), Queue(), threading.Event()
    sent = []
    for i, node in enumerate([1, 1, 2, 3, 2]):
        msg = Message(RecordDict(), dst_node_id=node, message_type="train")
        msg.metadata.__dict__["_message_id"] = f"m{i}"
        msg.metadata.__dict__["_run_id"] = 7
        sent.append(msg)
        inbox.put(msg)

    metrics = _Metrics()
    worker = threading.Thread(target=prompt.pipelined_worker, args=(inbox, outbox, stores, backend, stop, metrics))
    worker.start()
    replies = [outbox.get(timeout=10) for _ in sent]
    stop.set()
    worker.join(timeout=10)

    assert not worker.is_alive() and backend.pool.pool == [actor], "the actor goes back to the pool"
    assert sorted(r.metadata.reply_to_message_id for r in replies) == [m.metadata.message_id for m in sent]
    assert all(r.metadata.message_id for r in replies)
    failed = [r for r in replies if r.has_error()]
    assert len(failed) == 1 and "plant exploded" in failed[0].error.reason and failed[0].error.code == 0
    # never more than PIPELINE_DEPTH at the actor, and a node's next message only after its reply came back
    at_actor, depth = {}, 0
    for kind, node, msg_id in events:
        if kind == "submit":
            assert node not in at_actor.values(), f"two messages for node {node} at the actor"
            at_actor[msg_id] = node
        else:
            del at_actor[msg_id]
        depth = max(depth, len(at_actor))
    assert depth == prompt.PIPELINE_DEPTH
    assert stores[1].updates == 2 and stores[2].updates == 2 and stores[3].updates == 0
    assert len(metrics.runtimes) == len(sent) and all(t >= 0 for t in metrics.runtimes)  # one per message, as Flower


def _simulate(scenario: Path, runs: Path, ray_tmp: Path, tmp_path: Path) -> dict:
    env = dict(os.environ, RAY_TMPDIR=str(ray_tmp), FLWR_TELEMETRY_ENABLED="0", PYTHONPATH=str(REPO),
               FLWR_HOME=str(tmp_path / "flwr-home"))
    proc = subprocess.run([sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(runs)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (run_dir,) = runs.iterdir()
    return json.loads((run_dir / "results.json").read_text())


def test_same_results_as_flower_as_shipped(tmp_path, ray_tmp):
    results = {}
    for prompt_on in (True, False):
        folder = tmp_path / ("prompt" if prompt_on else "shipped")
        folder.mkdir()
        scenario = tiny_scenario(folder, federation={"rounds": 3}, simulation={"prompt_delivery": prompt_on},
                                 evaluation={"baselines": []})
        results[prompt_on] = _simulate(scenario, folder / "runs", ray_tmp, tmp_path)
    with_prompt, shipped = results[True], results[False]
    assert [r["participants"] for r in with_prompt["rounds"]] == [r["participants"] for r in shipped["rounds"]]
    assert [r["train_loss"] for r in with_prompt["rounds"]] == pytest.approx(
        [r["train_loss"] for r in shipped["rounds"]], abs=1e-6)
    for plant, values in shipped["plants"].items():
        assert with_prompt["plants"][plant]["metrics"] == values["metrics"]
    assert with_prompt["scenario"]["simulation"]["prompt_delivery"] is True
