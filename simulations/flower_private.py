"""Every use of Flower's private internals, in one module, for the Flower release it was written for.

The app itself uses only Flower's public API (``flwr.app``, ``flwr.serverapp``, ``flwr.clientapp``
in ``server/app.py`` and ``client/app.py``). The simulation harness needs four things Flower 1.42
keeps private, and they are all here:

* :func:`run_simulation`: start Flower's simulation engine in this process, as ``flwr run`` does,
  with this project's run config (``flwr.simulation.run_simulation._run_simulation``, a ``Run``
  and the process-global ``TaskIdentity``; the public ``run_simulation`` is deprecated and takes
  no run config).
* :func:`prompt_delivery`: patches of the engine's message feeding (``vce_api``) and of its
  in-memory SuperLink state (``InMemoryLinkState``), below.
* :func:`act_as_coordinator` and :func:`node_info`: what a test harness needs to build
  coordinator messages outside a running ServerApp and to answer ``Grid.get_nodes()``.
* :func:`flower_logger`: the ``flwr`` logger as Flower's ``flwr.common.logger`` sets it up (with
  a console handler of its own), so the command line can route its records once.

Every entry point first calls :func:`require_supported_flower`, which refuses any Flower other
than :data:`WRITTEN_FOR` with one line naming the installed version and the fix, instead of
failing somewhere inside Flower.

Prompt delivery. Flower's simulation runtime has three latencies that do not depend on the
plants' work: (1) a thread moves coordinator messages to the workers after scanning *every* node
of the in-memory SuperLink state, then sleeps a fixed 0.1 s (``vce_api.add_messages_to_queue``;
O(nodes × stored messages) per scan); (2) the coordinator polls for replies on a timer; (3) each
worker thread sends one message to its Ray actor and waits for the reply before sending the next
(``vce_api.worker``), so the actor idles for one Ray round trip per message.

``prompt_delivery()`` keeps the engine, its Ray actors, the ClientApp and the message path,
and changes only *when* things move: the feeding thread wakes as soon as the coordinator
stores a message and looks only at nodes with messages waiting (a full scan every
``FULL_SCAN_S`` as a safety net); ``on_reply`` is called whenever a plant's reply is stored,
so the coordinator's transport waits for the replies it needs instead of polling; and each
worker thread keeps up to ``PIPELINE_DEPTH`` messages queued at its actor (never two for the
same node, whose context must come back before its next message starts), so the actor starts
the next plant as soon as it finishes one. Replies, contexts, errors and the order of work on
one node are as in Flower's worker.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from queue import Queue
from typing import Any

logger = logging.getLogger(__name__)

WRITTEN_FOR = "1.42"  # the flwr release series whose internals this module uses
PIPELINE_DEPTH = 2   # messages a worker thread keeps at its Ray actor (Flower: 1)
FULL_SCAN_S = 1.0    # safety net: look at every node this often (Flower itself: every 0.1 s)
IDLE_WAIT_S = 0.1    # longest sleep between looks when nothing is pushed (Flower's own interval)

pool_lock = threading.Lock()  # worker threads take their actor from the backend's shared pool


class _Pending:
    """Nodes with coordinator messages not yet handed to a worker; ``wake`` is set on a push.

    ``generation`` counts pushes, so the feeder forgets a node only if nothing was pushed since it
    looked (a message stored for that node meanwhile is not missed).
    """

    def __init__(self) -> None:
        self.nodes: set[int] = set()
        self.generation = 0
        self.lock = threading.Lock()
        self.wake = threading.Event()

    def add(self, node_id: int) -> None:
        with self.lock:
            self.nodes.add(node_id)
            self.generation += 1
        self.wake.set()

    def snapshot(self) -> tuple[list[int], int]:
        with self.lock:
            return list(self.nodes), self.generation

    def forget(self, drained: list[int], generation: int) -> None:
        """Drop nodes found empty, unless something was pushed since ``generation``."""
        with self.lock:
            if self.generation == generation:
                self.nodes.difference_update(drained)


class FlowerVersionError(RuntimeError):
    """The installed Flower is not the release this module's use of its internals was written for."""


def flower_logger() -> logging.Logger:
    """The ``flwr`` logger after Flower's own set-up (importing ``flwr.common.logger`` adds its handler)."""
    import flwr.common.logger  # noqa: F401 - creates the `flwr` logger and its console handler

    return logging.getLogger("flwr")


def installed_flower_version() -> str:
    try:
        return importlib.metadata.version("flwr")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def require_supported_flower(installed: str | None = None) -> None:
    """FlowerVersionError unless the installed flwr (or ``installed``) is a :data:`WRITTEN_FOR` release."""
    installed = installed or installed_flower_version()
    if installed.split(".")[:2] != WRITTEN_FOR.split("."):
        raise FlowerVersionError(
            f"flwr {installed} is installed, but the simulation harness uses Flower {WRITTEN_FOR}.x internals "
            f"(simulations/flower_private.py): install flwr[simulation]=={WRITTEN_FOR}.0 (`make setup`), or "
            f"port that module to flwr {installed}")


def run_simulation(app_dir: Path, num_plants: int, overrides: dict[str, Any], backend_config: dict[str, Any]) -> None:
    """Flower's simulation engine (the same path `flwr run` takes) for the app in ``app_dir``, in this process.

    ``overrides`` are run-config keys fused over the app's ``[tool.flwr.app.config]``, as
    ``flwr run --run-config`` would; the ServerApp and ClientApp are ``server.app:app`` and
    ``client.app:app``.
    """
    require_supported_flower()
    from flwr.app import Context, RecordDict
    from flwr.common.config import get_fused_config_from_dir
    from flwr.common.constant import SUPERLINK_NODE_ID
    from flwr.simulation.run_simulation import _run_simulation
    from flwr.supercore.constant import NOOP_FEDERATION_ID
    from flwr.supercore.run import Run
    from flwr.supercore.telemetry import EventType

    run_id = int.from_bytes(os.urandom(7), "little")
    run = Run.create_empty(run_id=run_id)
    run.primary_task_id = int.from_bytes(os.urandom(7), "little")
    run.override_config = overrides
    run.federation_id = NOOP_FEDERATION_ID
    _set_task_identity(run_id, SUPERLINK_NODE_ID)
    run_config = get_fused_config_from_dir(app_dir, overrides)
    _run_simulation(
        num_supernodes=num_plants,
        exit_event=EventType.PYTHON_API_RUN_SIMULATION_LEAVE,
        server_app_attr="server.app:app",
        client_app_attr="client.app:app",
        app_dir=str(app_dir),
        is_app=True,
        run=run,
        server_app_context=Context(run_id=run_id, node_id=0, node_config={}, state=RecordDict(),
                                   run_config=run_config),
        backend_config=backend_config,
    )


def act_as_coordinator(run_id: int) -> None:
    """Let this process build coordinator messages (``Message(content, dst_node_id=...)``) for ``run_id``.

    Flower reads the sender of a new message from its process-global ``TaskIdentity``, which only a
    running ServerApp sets; a harness that drives the coordinator without one (tests) calls this.
    """
    require_supported_flower()
    from flwr.common.constant import SUPERLINK_NODE_ID

    _set_task_identity(run_id, SUPERLINK_NODE_ID)


def _set_task_identity(run_id: int, node_id: int) -> None:
    from flwr.supercore.task_identity import TaskIdentity

    TaskIdentity.task_id = 1
    TaskIdentity.run_id = run_id
    TaskIdentity.node_id = node_id


def node_info(node_id: int, name: str = "") -> Any:
    """What ``Grid.get_nodes()`` returns for one node (Flower's protobuf ``NodeInfo``)."""
    require_supported_flower()
    from flwr.proto.node_pb2 import NodeInfo

    return NodeInfo(node_id=node_id, name=name)


@contextlib.contextmanager
def prompt_delivery(on_reply: Callable[[], None]) -> Iterator[None]:
    """Within the block, Flower's simulation feeds workers on push and signals stored replies."""
    require_supported_flower()
    from flwr.server.superlink.fleet.vce import vce_api
    from flwr.server.superlink.linkstate.in_memory_linkstate import InMemoryLinkState

    pending = _Pending()
    original_feed = vce_api.add_messages_to_queue
    original_store_ins = InMemoryLinkState.store_message_ins
    original_store_res = InMemoryLinkState.store_message_res

    def store_message_ins(self: Any, message: Any) -> str | None:
        message_id = original_store_ins(self, message)
        if message_id:
            pending.add(int(message.metadata.dst_node_id))
        return message_id

    def store_message_res(self: Any, message: Any) -> str | None:
        message_id = original_store_res(self, message)
        on_reply()
        return message_id

    def add_messages_to_queue(state: Any, queue: Queue, nodes_mapping: Any, f_stop: threading.Event) -> None:
        """Flower's feeding loop, woken by pushes and looking only at nodes with pending messages."""
        import time

        last_full = 0.0
        while not f_stop.is_set():
            pending.wake.clear()
            waiting, generation = pending.snapshot()
            if time.monotonic() - last_full >= FULL_SCAN_S:
                waiting, last_full = list(nodes_mapping.keys()), time.monotonic()
            drained = []
            for node_id in waiting:
                messages = state.get_message_ins(node_id=node_id, limit=1)
                if not messages:
                    drained.append(node_id)
                for msg in messages:
                    queue.put(msg)
            pending.forget(drained, generation)
            if not pending.snapshot()[0]:
                pending.wake.wait(IDLE_WAIT_S)

    original_worker = vce_api.worker
    vce_api.add_messages_to_queue = add_messages_to_queue
    vce_api.worker = pipelined_worker
    InMemoryLinkState.store_message_ins = store_message_ins  # type: ignore[method-assign]
    InMemoryLinkState.store_message_res = store_message_res  # type: ignore[method-assign]
    try:
        yield
    finally:
        vce_api.worker = original_worker
        vce_api.add_messages_to_queue = original_feed
        InMemoryLinkState.store_message_ins = original_store_ins  # type: ignore[method-assign]
        InMemoryLinkState.store_message_res = original_store_res  # type: ignore[method-assign]


def _error_reply(message: Any, exc: BaseException) -> Any:
    """The error reply Flower's own worker makes for a failed message (same codes and reason)."""
    from flwr.app import Message
    from flwr.app.error import Error
    from flwr.clientapp.client_app import ClientAppException, LoadClientAppError
    from flwr.common.constant import ErrorCode

    if isinstance(exc, ClientAppException):
        code = ErrorCode.CLIENT_APP_RAISED_EXCEPTION
    elif isinstance(exc, LoadClientAppError):
        code = ErrorCode.LOAD_CLIENT_APP_EXCEPTION
    else:
        code = ErrorCode.UNKNOWN
    return Message(Error(code=code, reason=f"{type(exc)}:<'{exc}'>"), reply_to=message)


def pipelined_worker(messageins_queue: Queue, messageres_queue: Queue, node_info_store: dict[int, Any],
                     backend: Any, f_stop: threading.Event, metrics: Any) -> None:
    """Flower's ``vce_api.worker`` for the Ray backend, with up to ``PIPELINE_DEPTH`` messages at its actor.

    The thread takes one actor out of the backend's pool for its lifetime (Flower starts one
    thread per actor) and gives it back when the simulation stops, so the backend terminates it.
    A message for a node that already has one at the actor waits until that reply (and the
    node's updated context) is back.
    """
    import time
    import traceback
    from collections import deque
    from queue import Empty
    from uuid import uuid4

    import ray
    from flwr.common.constant import PARTITION_ID_KEY

    pool = backend.pool
    with pool_lock:
        actor = pool.pool.pop()
    outstanding: deque[tuple[Any, Any, float]] = deque()  # (message, future, submitted)
    held: Any = None

    def busy(message: Any) -> bool:
        return any(m.metadata.dst_node_id == message.metadata.dst_node_id for m, _, _ in outstanding)

    def reply(message: Any, out: Any) -> None:
        out.metadata.__dict__["_message_id"] = str(uuid4())  # as Flower's worker does
        messageres_queue.put(out)

    def submit(message: Any) -> None:
        try:
            context = node_info_store[message.metadata.dst_node_id].retrieve_context(run_id=message.metadata.run_id)
            partition = str(context.node_config[PARTITION_ID_KEY])
            outstanding.append((message, actor.run.remote(backend.app_fn, message, partition, context),
                                time.perf_counter()))
        except Exception as exc:  # noqa: BLE001 - becomes the node's error reply, as in Flower
            logger.error("could not send a message to its simulated plant: %s\n%s", exc, traceback.format_exc())
            reply(message, _error_reply(message, exc))

    try:
        while not f_stop.is_set() or outstanding:
            if held is not None and not busy(held):
                submit(held)
                held = None
            while held is None and len(outstanding) < PIPELINE_DEPTH and not f_stop.is_set():
                try:
                    message = messageins_queue.get(timeout=0.0 if outstanding else 1.0)
                except Empty:
                    break
                if busy(message):
                    held = message
                else:
                    submit(message)
            if not outstanding:
                continue
            message, future, submitted = outstanding.popleft()
            try:
                _, out, context = ray.get(future)
                node_info_store[message.metadata.dst_node_id].update_context(message.metadata.run_id, context=context)
            except Exception as exc:  # noqa: BLE001 - reported as an error reply, as Flower's worker does
                logger.error("simulated plant failed: %s\n%s", exc, traceback.format_exc())
                out = _error_reply(message, exc)
            metrics.add_clientapp_runtime(time.perf_counter() - submitted)
            reply(message, out)
    finally:
        with pool_lock:
            pool.pool.append(actor)

