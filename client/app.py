"""The plant's Flower ClientApp: turn messages into calls on :class:`client.plant.Plant`.

The only client module that touches Flower. Every reply carries the plant id; the arrays
in a reply are the shared keys only (the personal head never leaves the plant).
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from flwr.app import ArrayRecord, ConfigRecord, Context, Message, MetricRecord, RecordDict
from flwr.clientapp import ClientApp

from client import secagg
from client.loader import make_plant, state_root
from client.node_config import PLANT_ID, NodeConfigError, is_deployed, parse_node_config
from client.plant import Plant, PolicyRefusal
from client.state import PlantState
from client.transfer import adapted_evaluation, release_source_stats, run_phase_two
from common import wire
from common.config import load_scenario, run_spec_from_json
from common.config.parse import ConfigError
from common.config.schema import PlantSpec, RunSpec, Scenario
from common.data.errors import DataValidationError
from common.labelset import missing_scale, own_classes
from common.privacy.policy import releasable
from common.resources import memory_hint
from common.task import task_named

logger = logging.getLogger(__name__)

app = ClientApp()

APP_ROOT = Path(__file__).resolve().parent.parent
_CACHE: OrderedDict[tuple, Plant] = OrderedDict()
_LOCK = threading.Lock()

EVAL_KEYS = {"loss": wire.EVAL_LOSS, "accuracy": wire.EVAL_ACCURACY, "macro_f1": wire.EVAL_MACRO_F1,
             "rmse": wire.EVAL_RMSE, "score": wire.EVAL_SCORE}
"""The wire key of each per-round evaluation metric a task reports (``Task.round_metrics``)."""


def _scenario_path(context: Context) -> Path:
    raw = str(context.run_config.get("scenario", ""))
    if not raw:
        raise ValueError("run config has no `scenario`: pass --run-config 'scenario=\"path.yaml\"'")
    path = Path(raw)
    if not path.is_absolute() and not path.exists():
        app_dir = context.run_config.get("app-dir")
        if app_dir:
            path = Path(str(app_dir)) / path
        elif (APP_ROOT / path).exists():  # the installed FAB carries simulations/scenarios/*.yaml
            path = APP_ROOT / path
    return path


@functools.lru_cache(maxsize=4)
def _scenario(path: str, mtime: float) -> Scenario:
    """Parse a scenario once per process (a 1000-plant file is not re-parsed for every plant)."""
    return load_scenario(path)


def plant_id_for(context: Context) -> str:
    """Best-effort plant id for error replies: the node's own plant id, else its scenario partition's."""
    if is_deployed(context.node_config):
        return str(context.node_config[PLANT_ID])
    try:
        path = _scenario_path(context)
        scenario = _scenario(str(path.resolve()), path.stat().st_mtime)
        return scenario.plants[int(context.node_config["partition-id"])].id
    except Exception:  # noqa: BLE001 - only used to label an error that is already being reported
        return f"partition-{context.node_config.get('partition-id', '?')}"


def _plant_spec(context: Context, scenario: Scenario, path: Path) -> PlantSpec:
    """Deployment: the node config names the plant; simulation: the node's partition of the scenario."""
    if is_deployed(context.node_config):
        return parse_node_config(context.node_config).plant_spec()
    if "partition-id" not in context.node_config:
        raise NodeConfigError([f"this node has neither {PLANT_ID!r} (deployment) nor 'partition-id' (simulation) "
                               "in its node config: start the SuperNode with plant-id, data-dir and state-dir"])
    partition = int(context.node_config["partition-id"])
    if partition >= len(scenario.plants):
        raise ValueError(f"node partition {partition} has no plant: {path} lists {len(scenario.plants)} plants")
    return scenario.plants[partition]


def plant_for(context: Context, run_dir: str) -> Plant:
    """The plant this node serves, from a bounded per-process cache.

    Data are loaded (or generated) when a plant is first asked to work; at most
    ``simulation.plant_cache_size`` plants stay in memory per worker, the least recently used
    one is dropped (its state is on disk) and re-loads its data when asked again.
    """
    path = _scenario_path(context)
    node_key = tuple(sorted((str(k), str(v)) for k, v in context.node_config.items()))
    mtime = path.stat().st_mtime if path.exists() else 0
    key = (str(path.resolve()), mtime, node_key, run_dir)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    scenario = _scenario(str(path.resolve()), mtime)
    plant = make_plant(scenario, _plant_spec(context, scenario, path), run_dir,
                       deployed=is_deployed(context.node_config))
    with _LOCK:
        _CACHE[key] = plant
        while len(_CACHE) > scenario.simulation.plant_cache_size:
            _CACHE.popitem(last=False)
    return plant


def cached_plants() -> int:
    """How many plants this process holds in memory (for tests and diagnostics)."""
    return len(_CACHE)


@functools.lru_cache(maxsize=1)
def _worker_node() -> str:
    """The Ray node this simulated plant runs on ("" outside a Ray worker, e.g. in deployment).

    Cached: a worker process never moves between nodes."""
    try:
        import ray

        return ray.get_runtime_context().get_node_id() if ray.is_initialized() else ""
    except Exception:  # noqa: BLE001 - diagnostics only
        return ""


def _threads(context: Context) -> None:
    cpus = int(context.run_config.get("cpus-per-plant", 1) or 1)
    if torch.get_num_threads() != cpus:
        torch.set_num_threads(cpus)


def _array_record(msg: Message, key: str) -> ArrayRecord:
    record = msg.content[key]
    if not isinstance(record, ArrayRecord):
        raise TypeError(f"the message's {key!r} record is a {type(record).__name__}, not an ArrayRecord")
    return record


def _arrays_in(msg: Message) -> dict[str, np.ndarray]:
    return {k: v.numpy() for k, v in _array_record(msg, wire.ARRAYS).items()}


def _config_in(msg: Message) -> dict:
    return dict(msg.content[wire.CONFIG]) if wire.CONFIG in msg.content else {}


def _reply(msg: Message, plant: Plant, spec: RunSpec | None, *, metrics: dict[str, float] | None = None,
           config: dict | None = None, arrays: dict[str, np.ndarray] | None = None,
           protocol: dict | None = None) -> Message:
    """The reply, with only what the plant may release: under its DP promise, ledger-recorded
    releases, declared facts and the categories its policy allows (common/privacy/policy.py).
    ``protocol``: secure-aggregation keys and encrypted shares (client/secagg.py), which carry no data."""
    metrics = dict(metrics or {})
    config = {wire.PLANT_ID: plant.plant_id, wire.STATUS: wire.STATUS_OK, **(config or {})}
    if plant.dp_applies(spec):
        keep = releasable([*metrics, *config], plant.policy.allow)
        withheld = sorted(k for k in [*metrics, *config] if k not in keep)
        if withheld:
            logger.debug("plant %s keeps home (not in its allow-list): %s", plant.plant_id, withheld)
        metrics = {k: v for k, v in metrics.items() if k in keep}
        config = {k: v for k, v in config.items() if k in keep}
    content = RecordDict()
    if arrays is not None:
        content[wire.ARRAYS] = ArrayRecord({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in arrays.items()})
    content[wire.CONFIG] = ConfigRecord({**config, **(protocol or {})})
    content[wire.METRICS] = MetricRecord({k: float(v) for k, v in metrics.items()})
    return Message(content, reply_to=msg)


def _status_reply(msg: Message, plant_id: str, status: str, reason: str) -> Message:
    content = RecordDict()
    content[wire.CONFIG] = ConfigRecord({wire.PLANT_ID: plant_id, wire.STATUS: status, wire.REASON: reason})
    return Message(content, reply_to=msg)


INPUT_ERRORS = (ConfigError, DataValidationError, NodeConfigError, FileNotFoundError)
"""Failures that name the plant's file, key or value and the fix: logged as one line."""


def _handle(msg: Message, context: Context, work: Callable[[Plant, RunSpec | None, dict], Message]) -> Message:
    """Run ``work``; any failure becomes an error reply naming the plant and the cause."""
    def run() -> Message:
        _threads(context)
        config = _config_in(msg)
        plant = plant_for(context, str(config.get(wire.RUN_DIR, "")))
        spec = run_spec_from_json(config[wire.RUN_SPEC]) if wire.RUN_SPEC in config else None
        if spec is not None:
            plant.check_policy(spec)
            plant.align(spec)
        # one process at a time on a state directory: a second is refused, never interleaved with the ledger;
        # every loss inside covers this plant's own classes only (common.labelset)
        with plant.state.exclusive(msg.metadata.message_type), own_classes(plant.class_mask(spec), missing_scale(spec)):
            return work(plant, spec, config)
    return _replying_errors(msg, context, run)


def _replying_errors(msg: Message, context: Context, run: Callable[[], Message]) -> Message:
    """``run()``; any failure becomes an error reply naming the plant and the cause."""
    try:
        return run()
    except PolicyRefusal as exc:
        logger.error("%s", exc)
        return _status_reply(msg, plant_id_for(context), wire.STATUS_REFUSED, str(exc))
    except INPUT_ERRORS as exc:  # the plant's own data or config: one line, no traceback
        logger.error("plant handler failed: %s", exc)
        return _status_reply(msg, plant_id_for(context), wire.STATUS_FAILED, f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - the coordinator must hear about every failure
        logger.exception("plant handler failed")
        reason = f"{type(exc).__name__}: {exc}"
        hint = memory_hint(reason)
        return _status_reply(msg, plant_id_for(context), wire.STATUS_FAILED, f"{reason} ({hint})" if hint else reason)


def _required_spec(spec: RunSpec | None) -> RunSpec:
    """The run spec of a message whose handler needs one (the coordinator sends it with every phase)."""
    if spec is None:
        raise ValueError(f"the message's config has no run spec ({wire.RUN_SPEC!r}): send it from the coordinator")
    return spec


def _privacy_metrics(privacy: dict[str, float]) -> dict[str, float]:
    names = {"epsilon": wire.EPSILON, "delta": wire.DELTA, "budget": wire.EPSILON_BUDGET,
             "steps_total": wire.PRIVACY_STEPS_TOTAL, "noise_multiplier": wire.NOISE_MULTIPLIER}
    return {names[k]: v for k, v in privacy.items() if k in names}


@app.query("hello")
def hello(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        data = plant.data
        return _reply(msg, plant, spec, metrics={
            wire.N_TRAIN: len(data.train), wire.N_TRAIN_LABELLED: plant.n_labelled, wire.N_TEST: len(data.test),
            wire.CHANNELS: data.channels, wire.WINDOW_LENGTH: data.window_length,
            wire.SAMPLE_RATE_HZ: data.sample_rate_hz, wire.HAS_LABELS: float(plant.n_labelled > 0),
        }, config={wire.CLASS_NAMES: list(plant.own_classes),
                   wire.LABELLED_CLASSES: json.dumps(plant.labelled_classes()), wire.SOURCE: data.source,
                   wire.TRANSFER_METHOD: plant.transfer or "", wire.WORKER_NODE: _worker_node(),
                   wire.RELEASE_ALLOW: json.dumps(list(plant.policy.allow)),
                   wire.NOISE_SOURCE: "reproducible" if plant.reproducible_noise else "secret"})
    return _handle(msg, context, work)


@app.train()
def pretrain(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        started = time.perf_counter()
        result = plant.pretrain(spec, _arrays_in(msg), int(config[wire.SERVER_ROUND]),
                                str(config[wire.RUN_NAME]), float(config.get(wire.PROXIMAL_MU, 0.0)))
        seconds = time.perf_counter() - started
        metrics = _privacy_metrics(result.privacy)
        if result.status != "ok":
            return _reply(msg, plant, spec, metrics=metrics,
                          config={wire.STATUS: wire.STATUS_DECLINED, wire.REASON: result.reason})
        # losses (computed on private windows without noise) and timings leave a DP plant only
        # if its policy allows them (`_reply` filters)
        metrics.update({wire.NUM_EXAMPLES: result.num_examples, wire.TRAIN_STEPS: result.steps,
                        wire.TRAIN_LOSS: result.train_loss, wire.TRAIN_FIRST_LOSS: result.first_loss,
                        wire.TRAIN_SECONDS: seconds})
        return _reply(msg, plant, spec, metrics=metrics, arrays=result.arrays,
                      config={wire.WORKER_NODE: _worker_node()})
    return _handle(msg, context, work)


@app.train("secagg_setup")
def secagg_setup(msg: Message, context: Context) -> Message:
    """Secure aggregation, stage 1: train as ``pretrain`` does, keep the encoded update, send public keys."""
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        current, run_name, server_round = _arrays_in(msg), str(config[wire.RUN_NAME]), int(config[wire.SERVER_ROUND])
        started = time.perf_counter()
        result = plant.pretrain(spec, current, server_round, run_name, float(config.get(wire.PROXIMAL_MU, 0.0)))
        metrics = _privacy_metrics(result.privacy)
        if result.status != "ok" or result.arrays is None:
            return _reply(msg, plant, spec, metrics=metrics,
                          config={wire.STATUS: wire.STATUS_DECLINED, wire.REASON: result.reason})
        stage = secagg.setup(plant.state.root, spec, current, result.arrays, result.num_examples,
                             plant.policy.allow, plant.dp_applies(spec), plant.plant_id, run_name, server_round)
        metrics.update({wire.TRAIN_STEPS: result.steps, wire.TRAIN_LOSS: result.train_loss,
                        wire.TRAIN_FIRST_LOSS: result.first_loss, wire.TRAIN_SECONDS: time.perf_counter() - started})
        return _reply(msg, plant, spec, metrics=metrics, config={wire.WORKER_NODE: _worker_node()},
                      protocol=stage.protocol)
    return _handle(msg, context, work)


def _state_for(context: Context, run_dir: str) -> PlantState:
    """The state directory of the plant this node serves, without loading its data."""
    path = _scenario_path(context)
    scenario = _scenario(str(path.resolve()), path.stat().st_mtime if path.exists() else 0)
    spec = _plant_spec(context, scenario, path)
    return PlantState(state_root(scenario, spec, run_dir), spec.id)


def _secagg_stage(msg: Message, context: Context, stage: Callable[..., secagg.StageReply]) -> Message:
    """Secure aggregation, stages 2–4: ``stage(state_root, spec, config, run_name, round)``.

    These need only the round secrets in the plant's state directory (stage 1 checked the run
    against the plant's policy and trained), not its data: no data are loaded. The reply carries
    protocol fields only (keys, encrypted shares, the masked vector), no metrics."""
    def run() -> Message:
        config = _config_in(msg)
        spec = _required_spec(run_spec_from_json(config[wire.RUN_SPEC]) if wire.RUN_SPEC in config else None)
        state = _state_for(context, str(config.get(wire.RUN_DIR, "")))
        with state.exclusive(msg.metadata.message_type):
            out = stage(state.root, spec, config, str(config[wire.RUN_NAME]), int(config[wire.SERVER_ROUND]))
        content = RecordDict()
        if out.arrays is not None:
            content[wire.ARRAYS] = ArrayRecord({k: torch.from_numpy(np.ascontiguousarray(v))
                                                for k, v in out.arrays.items()})
        content[wire.CONFIG] = ConfigRecord({wire.PLANT_ID: state.plant_id, wire.STATUS: wire.STATUS_OK,
                                             **out.protocol})
        content[wire.METRICS] = MetricRecord({})
        return Message(content, reply_to=msg)
    return _replying_errors(msg, context, run)


@app.train("secagg_share")
def secagg_share(msg: Message, context: Context) -> Message:
    return _secagg_stage(msg, context, secagg.share)


@app.train("secagg_mask")
def secagg_mask(msg: Message, context: Context) -> Message:
    return _secagg_stage(msg, context, secagg.mask)


@app.train("secagg_unmask")
def secagg_unmask(msg: Message, context: Context) -> Message:
    return _secagg_stage(msg, context, secagg.unmask)


@app.evaluate()
def evaluate(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        m = plant.evaluate_shared(spec, _arrays_in(msg))
        metrics = {EVAL_KEYS[name]: m[name] for name in task_named(spec.task).round_metrics if name in m}
        metrics[wire.N_TEST] = m["n_test"]
        return _reply(msg, plant, spec, metrics=metrics)
    return _handle(msg, context, work)


def _source_stats_in(msg: Message, config: dict):
    """Aggregated DP source statistics sent along with a phase-2 message, if any."""
    if wire.SOURCE_STATS not in msg.content:
        return None
    from common.transfer.stats import FeatureStats

    arrays = {k: v.numpy() for k, v in _array_record(msg, wire.SOURCE_STATS).items()}
    return FeatureStats.from_arrays(arrays, json.loads(str(config[wire.STATS_SCALARS])))


@app.train("personalise")
def personalise(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        metrics, declared = run_phase_two(plant, spec, _arrays_in(msg), _source_stats_in(msg, config),
                                          str(config[wire.RUN_NAME]))
        return _reply(msg, plant, spec, metrics=metrics, config=declared)
    return _handle(msg, context, work)


@app.query("feature_stats")
def feature_stats(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        declined, arrays, scalars, privacy = release_source_stats(plant, spec, _arrays_in(msg),
                                                                  str(config[wire.RUN_NAME]))
        if declined:
            return _reply(msg, plant, spec, metrics=_privacy_metrics(privacy),
                          config={wire.STATUS: wire.STATUS_DECLINED, wire.REASON: declined})
        return _reply(msg, plant, spec, metrics=_privacy_metrics(privacy), arrays=arrays,
                      config={wire.STATS_SCALARS: json.dumps(scalars)})
    return _handle(msg, context, work)


@app.train("local_only")
def local_only(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        return _reply(msg, plant, spec, metrics=plant.train_local_only(spec, str(config[wire.RUN_NAME])))
    return _handle(msg, context, work)


@app.evaluate("final")
def final_evaluate(msg: Message, context: Context) -> Message:
    def work(plant: Plant, spec: RunSpec | None, config: dict) -> Message:
        spec = _required_spec(spec)
        run_name = str(config[wire.RUN_NAME])
        results = plant.final_evaluation(spec, _arrays_in(msg), run_name)
        adapted, transfer = adapted_evaluation(plant, run_name)
        if adapted is not None:
            results["federated_adapted"] = adapted
        metrics = {wire.method_metric_key(method, name): value
                   for method, values in results.items() for name, value in values.items()}
        metrics.update({f"{wire.GAP_PREFIX}{k}": float(v) for k, v in transfer.get("gap", {}).items()})
        dp_counts, declined = plant.dp_evaluation(spec, _arrays_in(msg), run_name)
        metrics.update(dp_counts)
        metrics.update(_privacy_metrics(plant.privacy_status(spec)))
        declared = {wire.TRANSFER_CHOSEN: transfer.get("method", ""), wire.TRANSFER_REASON: transfer.get("reason", "")}
        # which model the plant kept and why (client/selection.py); `_reply` drops what its policy withholds
        metrics.update({k: float(v) for k, v in (transfer.get("selection_metrics") or {}).items()})
        declared.update({k: str(v) for k, v in (transfer.get("selection_declared") or {}).items()})
        if declined:
            declared[wire.REASON] = f"DP evaluation not released: {declined}"
        return _reply(msg, plant, spec, metrics=metrics, config=declared)
    return _handle(msg, context, work)


@app.query("refused")
def refused(msg: Message, context: Context) -> Message:
    """The coordinator refused this node (e.g. it speaks for a plant id its key is not registered as)."""
    reason = str(_config_in(msg).get(wire.REASON, "no reason given"))
    logger.error("%s (%s): %s", wire.PLANT_REFUSED_LOG, plant_id_for(context), reason)
    content = RecordDict({wire.CONFIG: ConfigRecord({wire.PLANT_ID: plant_id_for(context),
                                                     wire.STATUS: wire.STATUS_OK})})
    return Message(content, reply_to=msg)
