"""A Flower Grid that delivers each message straight to the real ClientApp in this process.

Test harness only: the coordinator (server.app.GridTransport + server.federation) and the
plant (client.app.app) run unchanged; just the network and Ray are left out, so tests can
inspect every message a plant sends and inject faults into replies.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flwr.app import Context, Message, RecordDict
from flwr.serverapp import Grid

from client.app import app as client_app
from simulations.flower_private import act_as_coordinator, node_info

ReplyHook = Callable[[int, Message, Message], Message]


class LoopbackGrid(Grid):
    """Nodes 101, 102, ... serve partitions 0, 1, ... of the scenario."""

    def __init__(self, scenario_path: Path, num_plants: int, run_dir: Path,
                 reply_hook: ReplyHook | None = None, node_configs: dict[int, dict] | None = None,
                 names: dict[int, str] | None = None) -> None:
        act_as_coordinator(run_id=7)
        self.contexts = {
            101 + i: Context(run_id=7, node_id=101 + i,
                             node_config={"partition-id": i, "num-partitions": num_plants},
                             state=RecordDict(),
                             run_config={"scenario": str(scenario_path), "run-dir": str(run_dir),
                                         "cpus-per-plant": 1})
            for i in range(num_plants)
        }
        for node, config in (node_configs or {}).items():  # deployed plants: identity from their node config
            self.contexts[node] = Context(run_id=7, node_id=node, node_config=dict(config), state=RecordDict(),
                                          run_config=dict(self.contexts[101].run_config))
        self.names = names or {}  # node id → the name its key was registered under
        self.reply_hook = reply_hook
        self.sent: list[Message] = []      # what the coordinator sent
        self.received: list[Message] = []  # what plants replied (after any hook)
        self._unpulled: dict[str, Message] = {}
        self.max_undelivered = 0

    def set_run(self, run) -> None:  # noqa: ANN001 - Grid API
        return None

    @property
    def run(self):  # noqa: ANN201 - Grid API
        raise NotImplementedError("LoopbackGrid has no Run object")

    def create_message(self, content, message_type, dst_node_id, group_id, ttl=None):  # noqa: ANN001,ANN201
        return Message(content, dst_node_id=dst_node_id, message_type=message_type, group_id=group_id, ttl=ttl)

    def get_node_ids(self) -> Iterable[int]:
        return list(self.contexts)

    def get_nodes(self) -> Iterable[Any]:
        """Flower's NodeInfo per node."""
        return [node_info(n, self.names.get(n, "")) for n in self.contexts]

    def push_messages(self, messages: Iterable[Message]) -> Iterable[str]:
        """Deliver now; replies wait until pulled (records the most messages ever undelivered)."""
        ids = []
        for msg in messages:
            reply = self._deliver(msg)
            ids.append(msg.metadata.message_id)
            if reply is not None:
                self._unpulled[msg.metadata.message_id] = reply
        self.max_undelivered = max(self.max_undelivered, len(self._unpulled))
        return ids

    def pull_messages(self, message_ids: Iterable[str]) -> Iterable[Message]:
        return [self._unpulled.pop(i) for i in list(message_ids) if i in self._unpulled]

    def _deliver(self, msg: Message) -> Message | None:
        msg.metadata.__dict__["_message_id"] = uuid.uuid4().hex
        self.sent.append(msg)
        node = msg.metadata.dst_node_id
        reply = client_app(msg, self.contexts[node])
        if self.reply_hook is not None:
            reply = self.reply_hook(node, msg, reply)
        if reply is None:
            return None  # the plant never answered
        self.received.append(reply)
        return reply

    def send_and_receive(self, messages: Iterable[Message], *, timeout: float | None = None) -> Iterable[Message]:
        replies = [self._deliver(msg) for msg in messages]
        return [r for r in replies if r is not None]



def run_short(body: dict, tmp_path: Path, name: str, plants: int = 2) -> tuple[Path, dict]:
    """A scenario ``body`` cut to 2 rounds and 1 personalisation epoch, written to ``tmp_path/name.yaml``
    and run in process over a LoopbackGrid of ``plants`` plants: (run directory, results)."""
    import yaml

    from common.config import load_scenario
    from server.app import run_federation

    body["federation"]["rounds"] = 2
    body["personalisation"]["epochs"] = 1
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(body))
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    return run_dir, run_federation(LoopbackGrid(path, plants, run_dir), scenario, run_dir)
