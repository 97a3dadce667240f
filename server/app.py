"""The coordinator's Flower ServerApp: load the scenario, run the federation, write the report.

The only server module that touches Flower: :class:`GridTransport` turns the coordinator's
calls into Messages over the Grid and replies back into plain :class:`Reply` objects.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import torch
from flwr.app import ArrayRecord, ConfigRecord, Context, Message, RecordDict
from flwr.serverapp import Grid, ServerApp

from common import wire
from common.config import load_scenario, run_spec_from_scenario, scenario_to_dict
from common.config.schema import Scenario
from common.fileio import atomic_write_json
from common.resources import memory_hint
from server.federation import Coordinator
from server.report import write_report
from server.transport import Reply

logger = logging.getLogger(__name__)

app = ServerApp()

WIRE_AUDIT = "wire_audit.jsonl"  # one line per plant reply: which records and keys it carried


class GridTransport:
    """Coordinator ↔ plants over a Flower Grid; plants are addressed by their plant id."""

    def __init__(self, grid: Grid, audit_path: Path | None = None, max_in_flight: int = 0) -> None:
        self.grid = grid
        self.audit_path = audit_path
        self.max_in_flight = max_in_flight  # 0: push every message of a phase at once
        self.node_of: dict[str, int] = {}
        self.plant_of: dict[int, str] = {}

    POLL_S = 0.02  # between pulls for replies (Grid.send_and_receive sleeps 0.1 s)

    def _exchange(self, msgs: list[Message], timeout_s: float) -> list[Message]:
        """Send ``msgs`` and collect the replies, keeping at most ``max_in_flight`` undelivered.

        Flower's in-memory simulation state scans every stored message for every node on each
        delivery pass, so pushing 1000 messages at once costs O(nodes × messages) per pass; a
        sliding window of a few dozen keeps the workers busy at a fraction of that cost. Replies
        are pulled every ``POLL_S`` (Grid.send_and_receive's fixed 0.1 s sleep costs a short round
        up to 0.1 s).
        """
        window = self.max_in_flight if self.max_in_flight > 0 else max(1, len(msgs))
        deadline = time.monotonic() + timeout_s
        pending = list(reversed(msgs))
        in_flight: set[str] = set()
        replies: list[Message] = []
        while (pending or in_flight) and time.monotonic() < deadline:
            if pending and len(in_flight) < window:
                batch = [pending.pop() for _ in range(min(window - len(in_flight), len(pending)))]
                in_flight.update(self.grid.push_messages(batch))
            got = list(self.grid.pull_messages(in_flight))
            replies.extend(got)
            in_flight.difference_update(m.metadata.reply_to_message_id for m in got)
            if not got:
                time.sleep(self.POLL_S)
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
        with self.audit_path.open("a") as handle:
            handle.write(json.dumps(entry) + "\n")

    def _wait_for_nodes(self, expected: int, timeout_s: float) -> list[int]:
        deadline = time.monotonic() + timeout_s
        while True:
            nodes = list(self.grid.get_node_ids())
            if len(nodes) >= expected or time.monotonic() > deadline:
                return nodes
            time.sleep(0.5)

    def discover(self, expected: int, timeout_s: float, config: dict[str, Any]) -> dict[str, Reply]:
        nodes = self._wait_for_nodes(expected, timeout_s)
        if len(nodes) < expected:
            logger.warning("only %d of %d plants connected within %.0fs", len(nodes), expected, timeout_s)
        msgs = [Message(RecordDict({wire.CONFIG: ConfigRecord(config)}), dst_node_id=n, message_type=wire.MSG_HELLO)
                for n in nodes]
        out: dict[str, Reply] = {}
        for reply_msg in self._exchange(msgs, timeout_s):
            self._audit(reply_msg)
            node = reply_msg.metadata.src_node_id
            reply = self._to_reply(reply_msg, expected_plant=None)
            if reply.plant_id in self.node_of:
                out[f"node-{node}"] = Reply(f"node-{node}", error=f"claims plant id {reply.plant_id!r}, "
                                            "which another node already serves: give each plant its own id")
                continue
            self.node_of[reply.plant_id] = node
            self.plant_of[node] = reply.plant_id
            out[reply.plant_id] = reply
        return out

    def _to_reply(self, msg: Message, expected_plant: str | None) -> Reply:
        node = msg.metadata.src_node_id
        fallback = expected_plant or self.plant_of.get(node, f"node-{node}")
        if msg.has_error():
            # e.g. Ray's memory monitor killed the plant's worker: say which setting to lower
            hint = memory_hint(msg.error.reason)
            return Reply(fallback, error=f"error reply: {msg.error.reason}" + (f" ({hint})" if hint else ""))
        content = msg.content
        config = dict(content[wire.CONFIG]) if wire.CONFIG in content else {}
        metrics = dict(content[wire.METRICS]) if wire.METRICS in content else {}
        plant_id = str(config.get(wire.PLANT_ID, fallback))
        if expected_plant is not None and plant_id != expected_plant:
            return Reply(expected_plant, error=f"reply speaks for plant {plant_id!r} but node serves {expected_plant!r}")
        if config.get(wire.STATUS) == wire.STATUS_FAILED:
            return Reply(plant_id, config=config, metrics=metrics, error=str(config.get(wire.REASON, "failed")))
        arrays, array_bytes = None, 0
        if wire.ARRAYS in content:
            record = content[wire.ARRAYS]
            arrays = {k: v.numpy() for k, v in record.items()}
            array_bytes = sum(len(v.data) for v in record.values())
        return Reply(plant_id, arrays=arrays, config=config, metrics=metrics, array_bytes=array_bytes)

    def send(self, message_type: str, plant_ids: list[str], arrays: dict[str, np.ndarray] | None,
             config: dict[str, Any], timeout_s: float,
             extra_arrays: dict[str, dict[str, np.ndarray]] | None = None) -> dict[str, Reply]:
        msgs = []
        for plant_id in plant_ids:
            content = RecordDict({wire.CONFIG: ConfigRecord(config)})
            records = {wire.ARRAYS: arrays} if arrays is not None else {}
            records.update(extra_arrays or {})
            for name, named_arrays in records.items():
                content[name] = ArrayRecord({k: torch.from_numpy(np.ascontiguousarray(v))
                                             for k, v in named_arrays.items()})
            msgs.append(Message(content, dst_node_id=self.node_of[plant_id], message_type=message_type))
        out = {}
        for reply_msg in self._exchange(msgs, timeout_s):
            self._audit(reply_msg)
            plant_id = self.plant_of.get(reply_msg.metadata.src_node_id)
            if plant_id is None:
                continue
            out[plant_id] = self._to_reply(reply_msg, expected_plant=plant_id)
        for plant_id in plant_ids:
            out.setdefault(plant_id, Reply(plant_id, error=f"no reply within {timeout_s:.0f}s"))
        return out


def resolve_scenario_path(context: Context) -> Path:
    raw = str(context.run_config.get("scenario", ""))
    if not raw:
        raise ValueError("run config has no `scenario`: pass --run-config 'scenario=\"path.yaml\"'")
    return Path(raw)


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


def run_federation(grid: Grid, scenario: Scenario, run_dir: Path, max_in_flight: int = 0) -> dict[str, Any]:
    """Run every phase, then write results.json, the global model and report.md into run_dir."""
    coordinator = Coordinator(
        spec_factory=lambda classes: run_spec_from_scenario(scenario, classes),
        expected_plants=len(scenario.plants),
        transport=GridTransport(grid, audit_path=run_dir / WIRE_AUDIT, max_in_flight=max_in_flight),
        run_dir=run_dir,
        run_name=run_dir.name,
        scenario_info={"scenario_file": scenario.source_file, "scenario": scenario_to_dict(scenario)},
    )
    results = coordinator.run()
    torch.save({"arrays": {k: torch.from_numpy(v) for k, v in coordinator.final_arrays.items()},
                "run": run_dir.name, "scenario": scenario.name}, run_dir / "global_model.pt")
    atomic_write_json(run_dir / "results.json", results)
    report = write_report(run_dir, results)
    atomic_write_json(run_dir / "results.json", results)
    logger.info("report: %s", report)
    return results


def _show_progress_logs() -> None:
    """Under `flwr run` our INFO lines (round progress) must reach the run's log stream.

    Flower mirrors the process's stdout/stderr into `flwr run --stream`; our package loggers
    get INFO level, and a stderr handler only when nothing else (e.g. the root) handles them.
    """
    handler = None if logging.getLogger().handlers else logging.StreamHandler()
    if handler is not None:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name in ("server", "client", "common", "simulations"):
        package_logger = logging.getLogger(name)
        if package_logger.level == logging.NOTSET:
            package_logger.setLevel(logging.INFO)
        if handler is not None and not package_logger.handlers:
            package_logger.addHandler(handler)


@app.main()
def main(grid: Grid, context: Context) -> None:
    _show_progress_logs()
    scenario = load_scenario(resolve_scenario_path(context))
    raw_run_dir = str(context.run_config.get("run-dir", ""))
    if raw_run_dir:
        run_dir = Path(raw_run_dir)
        run_dir.mkdir(parents=True, exist_ok=True)
    else:
        run_dir = new_run_dir(scenario)
    logging.getLogger("factoryfl").info("run directory: %s", run_dir)
    # Set by `factoryfl simulate` from simulation.messages_in_flight (0 under `flwr run` unless given).
    run_federation(grid, scenario, run_dir, int(context.run_config.get("messages-in-flight", 0) or 0))
