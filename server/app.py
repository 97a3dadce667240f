"""The coordinator's Flower ServerApp: load the scenario, run the federation, write the report.

The only server module that touches Flower: :class:`GridTransport` turns the coordinator's
calls into Messages over the Grid and replies back into plain :class:`Reply` objects.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from collections.abc import Set
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import torch
from flwr.app import ArrayRecord, ConfigRecord, Context, Message, MetricRecord, RecordDict
from flwr.serverapp import Grid, ServerApp

from common import wire
from common.config import load_scenario, run_spec_from_scenario, scenario_to_dict
from common.config.schema import Scenario
from common.console import show_progress_logs
from common.fileio import atomic_file, atomic_write_json
from common.resources import memory_hint
from server.federation import Coordinator
from server.metrics_logging import RoundSink
from server.report import write_report
from server.transport import Reply, StoredReplies

logger = logging.getLogger(__name__)

app = ServerApp()

WIRE_AUDIT = "wire_audit.jsonl"
APP_ROOT = Path(__file__).resolve().parent.parent  # one line per plant reply: which records and keys it carried


class GridTransport:
    """Coordinator ↔ plants over a Flower Grid; plants are addressed by their plant id."""

    def __init__(self, grid: Grid, audit_path: Path | None = None, max_in_flight: int = 0) -> None:
        self.grid = grid
        self.audit_path = audit_path
        self.max_in_flight = max_in_flight  # 0: push every message of a phase at once
        self.node_of: dict[str, int] = {}
        self.plant_of: dict[int, str] = {}
        self.refused: dict[int, str] = {}
        self.expected_ids: set[str] | None = None

    POLL_S = 0.02  # between pulls for replies (Grid.send_and_receive sleeps 0.1 s)
    # Set by an in-process host that counts stored replies (the simulation runner): the transport
    # then pulls when the replies it waits for are in; STORED_WAIT_S bounds a wait regardless
    # (a reply the SuperLink makes itself, e.g. for an unreachable node, is not counted).
    stored_replies: StoredReplies | None = None
    STORED_WAIT_S = 0.2

    def _exchange(self, msgs: list[Message], timeout_s: float) -> list[Message]:
        """Send ``msgs`` and collect the replies, keeping at most ``max_in_flight`` undelivered.

        Flower's in-memory simulation state scans every stored message for every node on each
        delivery pass, so pushing 1000 messages at once costs O(nodes × messages) per pass; a
        sliding window of a few dozen keeps the workers busy at a fraction of that cost. Replies
        are pulled every ``POLL_S`` (Grid.send_and_receive's fixed 0.1 s sleep costs a short round
        up to 0.1 s) or, with ``stored_replies``, as soon as all outstanding replies are stored
        (half the window, when more messages wait to be pushed). Waking only then keeps the
        coordinator's thread from contending for the interpreter with the simulation's.
        """
        window = self.max_in_flight if self.max_in_flight > 0 else max(1, len(msgs))
        deadline = time.monotonic() + timeout_s
        pending = list(reversed(msgs))
        in_flight: set[str] = set()
        replies: list[Message] = []
        stored = self.stored_replies
        while (pending or in_flight) and time.monotonic() < deadline:
            if pending and len(in_flight) < window:
                batch = [pending.pop() for _ in range(min(window - len(in_flight), len(pending)))]
                in_flight.update(self.grid.push_messages(batch))
            stored_before = stored.count if stored is not None else 0
            got = list(self.grid.pull_messages(in_flight))
            replies.extend(got)
            in_flight.difference_update(m.metadata.reply_to_message_id for m in got)
            if not in_flight or (pending and len(in_flight) <= window // 2):
                continue  # done, or room to push more now
            if stored is None:
                if not got:
                    time.sleep(self.POLL_S)
                continue
            # every reply still in flight is stored after ``stored_before`` (it was not pulled)
            awaited = len(in_flight) - (window // 2 if pending else 0)
            wait_s = min(self.STORED_WAIT_S, max(0.0, deadline - time.monotonic()))
            stored.wait_for(stored_before + max(1, awaited), wait_s)
        return replies

    def _audit(self, msg: Message) -> None:
        """Append what this reply carried (record names and keys, never values) to the wire audit."""
        if self.audit_path is None:
            return
        entry: dict[str, Any] = {"message_type": msg.metadata.message_type, "src_node_id": msg.metadata.src_node_id}
        if msg.has_error():
            entry["error"] = msg.error.reason
        else:
            for name, record in msg.content.items():
                entry[name] = {"kind": type(record).__name__, "keys": sorted(record.keys())}
            if wire.CONFIG in msg.content:
                entry["plant_id"] = msg.content[wire.CONFIG].get(wire.PLANT_ID)
        # 0600 like every file of the run folder (plant-derived: which plants sent what, when)
        with open(os.open(self.audit_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a") as handle:
            handle.write(json.dumps(entry) + "\n")

    def _wait_for_nodes(self, expected: int, timeout_s: float) -> list[int]:
        deadline = time.monotonic() + timeout_s
        while True:
            nodes = list(self.grid.get_node_ids())
            if len(nodes) >= expected or time.monotonic() > deadline:
                return nodes
            time.sleep(0.5)

    def _registered_names(self) -> dict[int, str]:
        """Node id → the name its public key was registered under (`flwr supernode register --name`)."""
        try:
            return {int(n.node_id): str(getattr(n, "name", "") or "") for n in self.grid.get_nodes()}
        except Exception:  # noqa: BLE001 - a Grid without node info: identity rests on the plant's claim
            logger.debug("grid has no node info; registered names unknown", exc_info=True)
            return {}

    def _refusal(self, node: int, claimed: str, registered: str, expected_ids: set[str] | None) -> str:
        """Why a node may not serve the plant it claims ("" when it may)."""
        if registered and registered != claimed:
            return (f"node {node} is registered as plant {registered!r} but claims plant id {claimed!r}: a plant "
                    "may speak only for itself; fix its --node-config plant-id or register its key under that name")
        if expected_ids is not None and claimed not in expected_ids:
            return (f"plant id {claimed!r} is not one of this federation's plants {sorted(expected_ids)}: "
                    "fix the node's plant-id or add the plant to the scenario")
        holder = self.node_of.get(claimed)
        if holder is not None and holder != node and holder in self._online_nodes():
            return (f"claims plant id {claimed!r}, which node {holder} already serves: give each plant its own id")
        return ""

    def _online_nodes(self) -> set[int]:
        return {int(n) for n in self.grid.get_node_ids()}

    def _refuse(self, node: int, reason: str) -> None:
        """Tell the node why it is refused (best effort: the plant logs it), and stop talking to it."""
        self.refused[node] = reason
        logger.error("refused node %d: %s", node, reason)
        msg = Message(RecordDict({wire.CONFIG: ConfigRecord({wire.REASON: reason})}), dst_node_id=node,
                      message_type=wire.MSG_REFUSED)
        try:
            list(self.grid.send_and_receive([msg], timeout=30))
        except Exception:  # noqa: BLE001 - the refusal stands even if the node cannot hear it
            logger.warning("could not deliver the refusal to node %d", node, exc_info=True)

    def _hello(self, nodes: list[int], timeout_s: float, config: dict[str, Any],
               expected_ids: set[str] | None) -> dict[str, Reply]:
        if not nodes:
            return {}
        names = self._registered_names()
        msgs = [Message(RecordDict({wire.CONFIG: ConfigRecord(config)}), dst_node_id=n, message_type=wire.MSG_HELLO)
                for n in nodes]
        out: dict[str, Reply] = {}
        for reply_msg in self._exchange(msgs, timeout_s):
            self._audit(reply_msg)
            node = reply_msg.metadata.src_node_id
            reply = self._to_reply(reply_msg, expected_plant=None)
            registered = names.get(node, "")
            if reply.error and registered and reply.plant_id.startswith("node-"):
                reply = dataclasses.replace(reply, plant_id=registered)
            reason = self._refusal(node, reply.plant_id, registered, expected_ids)
            if reason:
                out[f"refused-node-{node}"] = Reply(f"refused-node-{node}", error=f"refused: {reason}")
                self._refuse(node, reason)
                continue
            old = self.node_of.get(reply.plant_id)
            if old is not None and old != node:
                self.plant_of.pop(old, None)
                logger.info("plant %s rejoined as node %d (was %d)", reply.plant_id, node, old)
            self.node_of[reply.plant_id] = node
            self.plant_of[node] = reply.plant_id
            out[reply.plant_id] = reply
        return out

    def discover(self, expected: int, timeout_s: float, config: dict[str, Any],
                 expected_ids: set[str] | None = None) -> dict[str, Reply]:
        self.expected_ids = expected_ids
        nodes = self._wait_for_nodes(expected, timeout_s)
        if len(nodes) < expected:
            logger.warning("only %d of %d plants connected within %.0fs", len(nodes), expected, timeout_s)
        return self._hello(nodes, timeout_s, config, expected_ids)

    def rejoin(self, timeout_s: float, config: dict[str, Any],
               retry: Set[str] = frozenset()) -> dict[str, Reply]:
        """Hello to nodes that connected since discovery (or restarted under a new node id), and to the
        nodes of plants in ``retry`` (plants that failed earlier and may have been fixed)."""
        online = self._online_nodes()
        nodes = [n for n in sorted(online) if n not in self.refused
                 and (n not in self.plant_of or self.plant_of[n] in retry)]
        return self._hello(nodes, timeout_s, config, self.expected_ids)

    def online_plants(self) -> set[str]:
        """Plants whose node is connected now (a killed plant drops out after Flower's heartbeat timeout)."""
        online = self._online_nodes()
        return {p for p, n in self.node_of.items() if n in online}

    def _to_reply(self, msg: Message, expected_plant: str | None) -> Reply:
        node = msg.metadata.src_node_id
        fallback = expected_plant or self.plant_of.get(node, f"node-{node}")
        if msg.has_error():
            # e.g. Ray's memory monitor killed the plant's worker: say which setting to lower
            reason = msg.error.reason
            hint = memory_hint(reason) if reason is not None else ""
            return Reply(fallback, error=f"error reply: {reason}" + (f" ({hint})" if hint else ""))
        content = msg.content
        try:
            config = _config_of(content)
            metrics = _metrics_of(content)
            record = _arrays_of(content)
        except _MalformedReply as err:
            return Reply(expected_plant or fallback, error=f"malformed reply: {err}")
        plant_id = str(config.get(wire.PLANT_ID, fallback))
        if expected_plant is not None and plant_id != expected_plant:
            return Reply(expected_plant,
                         error=f"reply speaks for plant {plant_id!r} but node serves {expected_plant!r}")
        if config.get(wire.STATUS) == wire.STATUS_FAILED:
            return Reply(plant_id, config=config, metrics=metrics, error=str(config.get(wire.REASON, "failed")))
        arrays, array_bytes = None, 0
        if record is not None:
            arrays = {k: v.numpy() for k, v in record.items()}
            array_bytes = sum(len(v.data) for v in record.values())
        return Reply(plant_id, arrays=arrays, config=config, metrics=metrics, array_bytes=array_bytes)

    def send(self, message_type: str, plant_ids: list[str], arrays: dict[str, np.ndarray] | None,
             config: dict[str, Any], timeout_s: float,
             extra_arrays: dict[str, dict[str, np.ndarray]] | None = None,
             per_plant: dict[str, dict[str, Any]] | None = None) -> dict[str, Reply]:
        msgs = []
        for plant_id in plant_ids:
            content = RecordDict({wire.CONFIG: ConfigRecord(config | (per_plant or {}).get(plant_id, {}))})
            records = {wire.ARRAYS: arrays} if arrays is not None else {}
            records.update(extra_arrays or {})
            for name, named_arrays in records.items():
                content[name] = ArrayRecord({k: torch.from_numpy(np.ascontiguousarray(v))
                                             for k, v in named_arrays.items()})
            msgs.append(Message(content, dst_node_id=self.node_of[plant_id], message_type=message_type))
        out = {}
        replies = self._exchange(msgs, timeout_s)
        dst_of = {m.metadata.message_id: m.metadata.dst_node_id for m in msgs}  # ids are set when pushed
        for reply_msg in replies:
            self._audit(reply_msg)
            # Flower's own "node unavailable" replies come from the SuperLink: match them by the message
            node = dst_of.get(reply_msg.metadata.reply_to_message_id, reply_msg.metadata.src_node_id)
            replier = self.plant_of.get(node)
            if replier is None:
                continue
            out[replier] = self._to_reply(reply_msg, expected_plant=replier)
        for plant_id in plant_ids:
            out.setdefault(plant_id, Reply(plant_id, error=f"no reply within {timeout_s:.0f}s"))
        return out


class _MalformedReply(ValueError):
    """A reply record is not of the kind the wire protocol puts under its name."""


def _config_of(content: RecordDict) -> dict[str, Any]:
    """The reply's CONFIG record as a plain dict ({} when it carries none)."""
    if wire.CONFIG not in content:
        return {}
    record = content[wire.CONFIG]
    if not isinstance(record, ConfigRecord):
        raise _MalformedReply(f"{wire.CONFIG!r} is a {type(record).__name__}, not a ConfigRecord")
    return dict(record)


def _metrics_of(content: RecordDict) -> dict[str, float]:
    """The reply's METRICS record as a plain dict of numbers ({} when it carries none)."""
    if wire.METRICS not in content:
        return {}
    record = content[wire.METRICS]
    if not isinstance(record, MetricRecord):
        raise _MalformedReply(f"{wire.METRICS!r} is a {type(record).__name__}, not a MetricRecord")
    metrics: dict[str, float] = {}
    for key, value in record.items():
        if not isinstance(value, (int, float)):  # plants send scalars only (client/app.py)
            raise _MalformedReply(f"metric {key!r} is a {type(value).__name__}, not a number")
        metrics[key] = value
    return metrics


def _arrays_of(content: RecordDict) -> ArrayRecord | None:
    """The reply's ARRAYS record (None when it carries none)."""
    if wire.ARRAYS not in content:
        return None
    record = content[wire.ARRAYS]
    if not isinstance(record, ArrayRecord):
        raise _MalformedReply(f"{wire.ARRAYS!r} is a {type(record).__name__}, not an ArrayRecord")
    return record


def resolve_scenario_path(context: Context) -> Path:
    """The run config's scenario; a relative path is tried from the working directory, then from the
    app's root (the installed FAB, which carries simulations/scenarios/*.yaml)."""
    raw = str(context.run_config.get("scenario", ""))
    if not raw:
        raise ValueError("run config has no `scenario`: pass --run-config 'scenario=\"path.yaml\"'")
    path = Path(raw)
    if not path.is_absolute() and not path.exists() and (APP_ROOT / path).exists():
        return APP_ROOT / path
    return path


def new_run_dir(scenario: Scenario, runs_dir: str | None = None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    root = Path(runs_dir or scenario.runs_dir)
    path = root / f"{scenario.name}-{stamp}"
    suffix = 1
    while path.exists():
        suffix += 1
        path = root / f"{scenario.name}-{stamp}-{suffix}"
    path.mkdir(parents=True)
    return path.resolve()


def run_federation(grid: Grid, scenario: Scenario, run_dir: Path, resume: bool = False,
                   max_in_flight: int = 0) -> dict[str, Any]:
    """Run every phase, then write results.json, the global model and report.md into run_dir.

    Only the scenario's plant ids are admitted; with ``resume`` an unfinished run in ``run_dir``
    continues after its last completed round. ``max_in_flight`` > 0 bounds the messages the
    coordinator keeps undelivered at once (many simulated plants). With ``simulation.metrics_logger``
    set, each round's metrics go to that logger as the round ends (``server/metrics_logging.py``).
    """
    sink_name = scenario.simulation.metrics_logger
    sink = RoundSink(sink_name, run_dir, scenario.name) if sink_name is not None else None
    try:
        return _run_and_write(grid, scenario, run_dir, resume, max_in_flight, sink)
    finally:
        if sink is not None:
            sink.close()


def _run_and_write(grid: Grid, scenario: Scenario, run_dir: Path, resume: bool, max_in_flight: int,
                   sink: RoundSink | None) -> dict[str, Any]:
    coordinator = Coordinator(
        spec_factory=lambda classes: run_spec_from_scenario(scenario, classes),
        expected_plants=len(scenario.plants),
        transport=GridTransport(grid, audit_path=run_dir / WIRE_AUDIT, max_in_flight=max_in_flight),
        run_dir=run_dir,
        run_name=run_dir.name,
        scenario_info={"scenario_file": scenario.source_file, "scenario": scenario_to_dict(scenario)},
        expected_ids=tuple(p.id for p in scenario.plants),
        resume=resume,
        reproducible_noise=scenario.simulation.reproducible_noise,
        on_round=sink.round_done if sink is not None else None,
    )
    results = coordinator.run()
    if sink is not None:
        sink.finish(results)
    with atomic_file(run_dir / "global_model.pt") as handle:  # 0600, as results.json and the report
        torch.save({"arrays": {k: torch.from_numpy(v) for k, v in coordinator.final_arrays.items()},
                    "run": run_dir.name, "scenario": scenario.name}, handle)
    atomic_write_json(run_dir / "results.json", results, sort_keys=False)
    report = write_report(run_dir, results)
    atomic_write_json(run_dir / "results.json", results, sort_keys=False)
    logger.info("report: %s", report)
    return results


@app.main()
def main(grid: Grid, context: Context) -> None:
    show_progress_logs(("server", "client", "common", "simulations"))
    scenario = load_scenario(resolve_scenario_path(context))
    raw_run_dir = str(context.run_config.get("run-dir", ""))
    if raw_run_dir:
        run_dir = Path(raw_run_dir)
        run_dir.mkdir(parents=True, exist_ok=True)
    else:
        run_dir = new_run_dir(scenario)
    logging.getLogger("factoryfl").info("run directory: %s", run_dir)
    # messages-in-flight is set by `factoryfl simulate` from simulation.messages_in_flight (0 under `flwr run`).
    run_federation(grid, scenario, run_dir, resume=_flag(context.run_config.get("resume", False)),
                   max_in_flight=int(context.run_config.get("messages-in-flight", 0) or 0))


def _flag(value: Any) -> bool:
    """A run-config boolean (TOML true/false, or the strings "true"/"false")."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)
