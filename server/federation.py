"""The coordinator's phases: discover plants → pretrain (R rounds) → personalise → evaluate.

Orchestration over a :class:`Transport`. A pretraining round runs in steps — configure (sample
plants; the strategy adds its config) → collect → judge (``server.rounds``, ``server.screening``)
→ aggregate (the strategy, ``server.strategies``) → record → checkpoint. A plant that errs,
declines, or sends a bad update is left out of that round and recorded; the federation goes on
with the others.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import torch

from common import wire
from common.config.scenario import run_spec_to_json
from common.config.schema import MAX_CLASS_NAME_LENGTH, MAX_CLASSES, RunSpec
from common.console import phase, round_progress
from common.data.windowing import mixed_rates_line
from common.extensions.transfer_methods import TRANSFER_METHODS
from common.fileio import atomic_write_bytes
from common.labelset import missing_from, union_names
from common.models import build_model, shared_state
from common.task import task_named
from server.aggregation import make_aggregator
from server.rounds import (
    Aggregate,
    RoundTally,
    aggregate_round,
    is_budget_spent,
    judge_reply,
    reply_privacy,
    round_record,
)
from server.screening import relative_norm_screen
from server.strategies.base import Strategy, as_strategy
from server.transport import Reply, Transport

if TYPE_CHECKING:
    from server.strategies.plant_dp import PlantLevelDP

logger = logging.getLogger(__name__)

METHODS = ("local_only", "federated_global", "federated_personalised", "federated_adapted", "chosen", "centralized")


CHECKPOINT = "checkpoints/global_latest.pt"
CLIENT_DP_RECORD = "checkpoints/client_level_dp.json"  # plant-level DP releases, counted before each is used


def model_choice(config: dict[str, Any], metrics: dict[str, Any]) -> dict[str, Any]:
    """Which model a plant kept and why, from its final reply (only what its policy let leave)."""
    out: dict[str, Any] = {}
    for key, name in ((wire.MODEL_CHOSEN, "chosen"), (wire.MODEL_CHOICE_REASON, "reason"),
                      (wire.GUARD_KEPT, "guard"), (wire.GUARD_REASON, "guard_reason"),
                      (wire.GUARD_WARNING, "warning")):
        if config.get(key):
            out[name] = str(config[key])
    for key, value in metrics.items():
        if key.startswith(wire.SELECT_VAL_PREFIX):
            out.setdefault("validation", {})[key[len(wire.SELECT_VAL_PREFIX):]] = float(value)
        elif key in (wire.SELECT_N_VAL, wire.SELECT_N_FIT):
            out["n_val" if key == wire.SELECT_N_VAL else "n_fit"] = int(value)
        elif key.startswith(wire.GUARD_PREFIX):
            out.setdefault("guard_diagnostics", {})[key[len(wire.GUARD_PREFIX):]] = float(value)
    return out


class FederationError(RuntimeError):
    """The federation cannot start or continue (the message names why and what to change)."""


@dataclass
class PlantRecord:
    plant_id: str
    status: str = "ok"
    status_reason: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    privacy: dict[str, float] = field(default_factory=dict)
    excluded_rounds: list[dict[str, Any]] = field(default_factory=list)
    clipped_rounds: list[dict[str, Any]] = field(default_factory=list)   # updates clipped, not left out
    transfer: dict[str, Any] = field(default_factory=dict)
    dp_evaluation: dict[str, float] = field(default_factory=dict)


def dp_accuracy(metrics: dict[str, float]) -> dict[str, float]:
    """Accuracy from a plant's DP-released counts: clip(c̃ / ñ, 0, 1) (post-processing; no extra cost)."""
    if wire.EVAL_DP_CORRECT not in metrics or wire.EVAL_DP_COUNT not in metrics:
        return {}
    correct, count = float(metrics[wire.EVAL_DP_CORRECT]), float(metrics[wire.EVAL_DP_COUNT])
    accuracy = min(1.0, max(0.0, correct / count)) if count >= 1 else float("nan")
    return {"accuracy": accuracy, "noisy_correct": correct, "noisy_count": count}


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def hello_facts(reply: Reply) -> tuple[tuple[tuple[str, ...], tuple[int, int]], str]:
    """((class names, (channels, window length)), "") from a hello reply, or (_, why it is unusable)."""
    names = reply.config.get(wire.CLASS_NAMES)
    channels, window = reply.metrics.get(wire.CHANNELS), reply.metrics.get(wire.WINDOW_LENGTH)
    if not isinstance(names, (list, tuple)) or not names or not all(isinstance(n, str) for n in names):
        return ((), (0, 0)), f"hello carried no usable {wire.CLASS_NAMES!r} (got {str(names)[:200]!r})"
    if len(names) > MAX_CLASSES or len(set(names)) != len(names) \
            or any(not n or len(n) > MAX_CLASS_NAME_LENGTH for n in names):
        return ((), (0, 0)), (f"hello declared {len(names)} class names ({len(set(names))} distinct): at most "
                              f"{MAX_CLASSES} distinct, non-empty names of at most {MAX_CLASS_NAME_LENGTH} "
                              "characters are accepted")
    numbers_ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 1
                     and float(v).is_integer() for v in (channels, window))
    if not numbers_ok:
        return ((), (0, 0)), (f"hello carried no usable {wire.CHANNELS!r}/{wire.WINDOW_LENGTH!r} "
                              f"(got {channels!r}/{window!r})")
    return (tuple(names), (int(cast(float, channels)), int(cast(float, window)))), ""


def labelled_classes(facts: dict[str, Any]) -> list[str] | None:
    """The classes a plant said at hello it has training labels for (None: not said, or malformed)."""
    try:
        names = json.loads(str(facts[wire.LABELLED_CLASSES]))
    except (KeyError, ValueError):
        return None
    return [str(n) for n in names] if isinstance(names, list) else None


def never_had_from_others(own: list[str], others: list[list[str] | None], union: tuple[str, ...]) -> bool:
    """Whether released statistics could hold a class a plant labelled for ``own`` never had: some
    other labelled plant declared one outside ``own`` (None: it did not say, so it may hold any)."""
    missing = set(union) - set(own)
    return any(declared is None or missing & set(declared) for declared in others)


def expected_stats_layout(spec: RunSpec) -> dict[str, Any]:
    """What every source's statistics must be computed with: the run's classes, feature size,
    clipping norm and random-feature map."""
    from common.transfer.stats import RffSpec

    cfg = spec.transfer.stats
    return {"num_classes": task_named(spec.task).stats_classes(spec.num_classes), "dim": spec.model.feature_dim,
            "clip_norm": cfg.clip_norm,
            "rff": RffSpec(seed=cfg.rff_seed, num_features=cfg.rff_features, bandwidth=cfg.rff_bandwidth)}


def parse_source_stats(reply: Reply, expected: dict[str, Any]) -> tuple[Any, str]:
    """(FeatureStats, "") from one source's reply, or (None, why it is unusable): malformed JSON,
    missing keys, wrong shapes, non-finite values, or a layout other than the run's
    (``expected_stats_layout``: classes, dimension, clipping, random features)."""
    from common.transfer.stats import FeatureStats

    try:
        scalars = json.loads(str(reply.config[wire.STATS_SCALARS]))
        if not isinstance(scalars, dict):
            raise ValueError(f"{wire.STATS_SCALARS} is not a JSON object")
        stats = FeatureStats.from_arrays(dict(reply.arrays or {}), scalars)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:  # JSONDecodeError is a ValueError
        return None, f"malformed feature statistics ({type(exc).__name__}: {exc})"
    mismatched = [f"{name} {getattr(stats, name)!r} (expected {value!r})" for name, value in expected.items()
                  if getattr(stats, name) != value]
    if mismatched:
        return None, f"feature statistics not computed as the run asks: {'; '.join(mismatched)}"
    return stats, ""


def _majority(items: list[Any]) -> Any:
    """The most common item; ties go to the one seen first (plants are visited in id order)."""
    counts: dict[Any, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return max(counts, key=lambda item: (counts[item], -items.index(item)))


def declared_names(declared: dict[str, tuple[tuple[str, ...], tuple[int, int]]]) -> tuple[str, ...]:
    """Class names of a federation whose task has no classes: the first plant's (they name no outputs)."""
    return next(iter(declared.values()))[0]


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sample_plants(candidates: list[str], fraction: float, min_plants: int, seed: int, server_round: int) -> list[str]:
    """The plants that train in ``server_round``: round(fraction × candidates), at least ``min_plants``,
    drawn reproducibly from (seed, round)."""
    count = min(max(min_plants, int(round(fraction * len(candidates)))), len(candidates))
    rng = random.Random(f"{seed}/{server_round}/sample")
    return sorted(rng.sample(candidates, count))


class Coordinator:
    """Runs one federation over ``transport`` and returns the results dict (results.json)."""

    def __init__(self, spec_factory: Callable[[tuple[str, ...]], RunSpec], expected_plants: int,
                 transport: Transport, run_dir: Path, run_name: str,
                 scenario_info: dict[str, Any] | None = None, expected_ids: tuple[str, ...] | None = None,
                 resume: bool = False, reproducible_noise: bool = False,
                 on_round: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.spec_factory = spec_factory
        self.on_round = on_round  # called with each pretraining round's record as the round ends (metric sinks)
        self.expected_plants = expected_plants
        self.expected_ids = expected_ids
        self.resume = resume
        self.transport = transport
        self.run_dir = Path(run_dir)
        self.run_name = run_name
        self.scenario_info = scenario_info or {}
        self.plants: dict[str, PlantRecord] = {}
        self.ever_ready: set[str] = set()  # plants that were ready at some point of this run
        self.rounds: list[dict[str, Any]] = []
        self.reproducible_noise = reproducible_noise  # research only: plant-level DP noise not secret
        self.plant_dp: PlantLevelDP | None = None  # the strategy's plant-level DP wrapper, when enabled
        self.spec_json = ""  # the run spec sent with every round (set when pretraining starts)
        self.warnings: list[str] = []  # run-level warnings for results.json and the report

    # ------------------------------------------------------------------ discovery
    def _discover(self) -> RunSpec:
        """Say hello; judge each plant's reply on its own. The classes are the union of the plants'
        by name, in first-seen order with plants in id order (``common.labelset.union_names``); the
        input shape is the majority's (ties: the first plant id). A plant whose reply is malformed
        or whose input differs is recorded as failed and the federation goes on without it."""
        timeout = 600.0
        replies = self.transport.discover(self.expected_plants, timeout, self._hello_config(),
                                          expected_ids=set(self.expected_ids) if self.expected_ids else None)
        declared: dict[str, tuple[tuple[str, ...], tuple[int, int]]] = {}
        for plant_id, reply in sorted(replies.items()):
            record = PlantRecord(plant_id)
            self.plants[plant_id] = record
            problem = reply.error or ""
            if not problem:
                facts, problem = hello_facts(reply)
            if problem:
                record.status, record.status_reason = "failed", problem
                logger.error("plant %s failed at start: %s", plant_id, problem)
                continue
            record.facts = {**reply.config, **reply.metrics}
            declared[plant_id] = facts
        if not declared:
            raise FederationError("no plant could start: see each plant's error above")
        has_classes = task_named(self.spec_factory(()).task).has_classes
        shape = _majority([plant_shape for _, plant_shape in declared.values()])
        fitting = [names for names, plant_shape in declared.values() if plant_shape == shape]
        class_names = union_names(fitting) if has_classes else ()
        if has_classes and len(set(map(tuple, fitting))) > 1:
            logger.info("plants declare different classes: the federation works on their union %s",
                        list(class_names))
        window = self.spec_factory(()).window
        rates = {pid: self.plants[pid].facts.get(wire.SAMPLE_RATE_HZ) for pid in declared}
        mixed = mixed_rates_line({pid: float(r) for pid, r in rates.items() if isinstance(r, (int, float))}, window)
        if mixed:
            logger.warning("%s", mixed)
            self.warnings.append(mixed)
        self.channels = shape[0]
        self.joined_as = (class_names if has_classes else (), shape)  # what a plant joining later must match
        for plant_id, (names, plant_shape) in declared.items():
            problem = self._misfit(names, plant_shape)
            if problem:
                record = self.plants[plant_id]
                record.status, record.status_reason = "failed", problem
                logger.error("plant %s left out of the federation: %s", plant_id, problem)
            else:
                self.ever_ready.add(plant_id)
        return dataclasses.replace(self.spec_factory(class_names if has_classes else declared_names(declared)),
                                   channels=self.channels)

    def _misfit(self, names: tuple[str, ...], shape: tuple[int, int]) -> str:
        """Why a plant's classes or input do not fit the federation's ("" when they do)."""
        class_names, federation_shape = self.joined_as
        problems = []
        missing = missing_from(names, class_names) if class_names else []
        if missing:
            problems.append(f"its classes {missing} are not among the federation's {list(class_names)} "
                            "(the union of the plants that started it)")
        if shape != federation_shape:
            problems.append(f"its input (channels={shape[0]}, window={shape[1]}) differs from the federation's "
                            f"(channels={federation_shape[0]}, window={federation_shape[1]})"
                            + (f"; a plant with more sensors picks {federation_shape[0]} of them with use_channels "
                               "(scenario: plants[].use_channels: [0]; deployment: --node-config use-channels='0')"
                               if shape[0] > federation_shape[0] else ""))
        return ("; ".join(problems) + ": give it the same channels and window, and classes the federation has "
                "(or start the federation with it)") if problems else ""

    def _hello_config(self) -> dict[str, Any]:
        return {wire.RUN_NAME: self.run_name, wire.RUN_DIR: str(self.run_dir)}

    def _admit(self, plant_id: str, reply: Reply) -> None:
        """A plant that (re)joined mid-run: ready again if its hello succeeded."""
        record = self.plants.setdefault(plant_id, PlantRecord(plant_id))
        if reply.error:
            record.status, record.status_reason = "failed", reply.error
            return
        (names, shape), problem = hello_facts(reply)
        if not problem and getattr(self, "joined_as", None) is not None:
            problem = self._misfit(names, shape)
        if problem:
            record.status, record.status_reason = "failed", problem
            return
        facts = {**reply.config, **reply.metrics}
        if record.status != "budget_exhausted":
            record.status, record.status_reason = "ok", ""
        record.facts = facts
        self.ever_ready.add(plant_id)
        logger.info("plant %s (re)joined the federation", plant_id)

    def _rejoin(self, spec: RunSpec) -> None:
        """Plants that connected or restarted since discovery take part from this round on."""
        rejoin = getattr(self.transport, "rejoin", None)
        if rejoin is None:
            return
        retry = {p for p, r in self.plants.items() if r.status == "failed"}
        for plant_id, reply in rejoin(min(60.0, spec.federation.round_timeout_s), self._hello_config(),
                                      retry=retry).items():
            if plant_id.startswith("refused-"):
                refused = PlantRecord(plant_id, status="failed", status_reason=reply.error or "")
                self.plants.setdefault(plant_id, refused)
                continue
            self._admit(plant_id, reply)

    def _online(self, plants: list[str]) -> list[str]:
        online = getattr(self.transport, "online_plants", None)
        if online is None:
            return plants
        connected = online()
        return [p for p in plants if p in connected]

    def _ok_plants(self) -> list[str]:
        return sorted(p for p, r in self.plants.items() if r.status == "ok")

    def _labelled(self, plant_id: str) -> bool:
        """Whether the plant holds labels (its declared role; a DP plant may keep its sizes home)."""
        facts = self.plants[plant_id].facts
        return float(facts.get(wire.HAS_LABELS, facts.get(wire.N_TRAIN_LABELLED, 0))) > 0

    def _trainable_plants(self) -> list[str]:
        """Plants that take part in pretraining: ready and holding labels (targets without labels wait)."""
        return [p for p in self._ok_plants() if self._labelled(p)]

    def _method_of(self, spec: RunSpec, plant_id: str) -> str:
        """The phase-2 method a plant declared in hello ("" → the federation's default for unlabelled plants)."""
        declared = str(self.plants[plant_id].facts.get(wire.TRANSFER_METHOD, ""))
        if declared:
            return declared
        return "" if self._labelled(plant_id) else spec.transfer.default_method

    def _wants_source_stats(self, spec: RunSpec, plant_id: str) -> bool:
        method = self._method_of(spec, plant_id)
        return method in TRANSFER_METHODS and bool(TRANSFER_METHODS.get(method).needs_source_stats)

    def _learnt_classes(self, spec: RunSpec) -> tuple[str, ...] | None:
        """The federation's classes some labelled plant declared labels for, in the run's order (None when
        a labelled plant did not declare its list, or the task has no classes). Relayed in the run spec: a
        plant labelled for all of them covers what the federation can teach, and routes no window to a
        class nobody had (client/selection.py)."""
        if not task_named(spec.task).has_classes:
            return None
        declared = [labelled_classes(self.plants[p].facts) for p in self._ok_plants() if self._labelled(p)]
        if not declared or any(d is None for d in declared):
            return None
        held = {c for d in declared if d is not None for c in d}
        return tuple(c for c in spec.class_names if c in held)

    def _calibrates(self, spec: RunSpec, plant_id: str) -> bool:
        """A labelled plant that declared labels for only some of the federation's classes, when another
        labelled plant may hold one it never had: it gets the released statistics to calibrate its
        never-had routing (common.transfer.calibration)."""
        declared = labelled_classes(self.plants[plant_id].facts)
        if not (task_named(spec.task).has_classes and self._labelled(plant_id) and declared is not None
                and not set(spec.labelled_classes or spec.class_names) <= set(declared)):
            return False
        # no release is asked for when no other plant can hold a class this one never had
        others = [labelled_classes(self.plants[p].facts) for p in self._ok_plants()
                  if p != plant_id and self._labelled(p)]
        return never_had_from_others(declared, others, tuple(spec.class_names))

    # ------------------------------------------------------------------ pretraining
    def _sample(self, spec: RunSpec, server_round: int) -> list[str]:
        """Plants to train this round: a seeded sample of the ready, labelled, connected plants.

        If fewer than ``min_train_plants`` are connected, wait (up to the round timeout) for plants
        to (re)join before going on with those present.
        """
        deadline = time.monotonic() + spec.federation.round_timeout_s
        candidates = self._online(self._trainable_plants())
        while (len(candidates) < spec.federation.strategy.min_train_plants and time.monotonic() < deadline
               and self._may_still_join()):
            time.sleep(2.0)
            self._rejoin(spec)
            candidates = self._online(self._trainable_plants())
        strategy = spec.federation.strategy
        self.candidates = candidates  # who could train this round (`_unavailable` names the others)
        return sample_plants(candidates, strategy.fraction_train, strategy.min_train_plants, spec.seed, server_round)

    def _may_still_join(self) -> bool:
        """Whether waiting can bring a trainable plant: one failed or not yet seen (it may restart or
        connect); a plant that refused the run or spent its budget will not train in it."""
        final = ("refused", "budget_exhausted")
        return len(self.plants) < self.expected_plants or any(r.status not in final for r in self.plants.values())

    def _checkpoint(self, server_round: int, arrays: dict[str, np.ndarray], aggregator_state: dict) -> None:
        """After each round: global shared arrays, strategy state and the progress so far (resume point)."""
        import io

        progress = {"rounds": self.rounds,
                    "plants": {p: {"status": r.status, "status_reason": r.status_reason, "privacy": r.privacy,
                                   "excluded_rounds": r.excluded_rounds, "clipped_rounds": r.clipped_rounds}
                              for p, r in self.plants.items()}}
        buffer = io.BytesIO()
        torch.save({"round": server_round, "arrays": {k: torch.from_numpy(np.asarray(v)) for k, v in arrays.items()},
                    "strategy_state": {k: {n: torch.from_numpy(np.asarray(a)) for n, a in d.items()}
                                       for k, d in aggregator_state.items()},
                    "progress": json.dumps(progress, default=str),
                    "run": self.run_name, "saved_at": _now()}, buffer)
        atomic_write_bytes(self.run_dir / CHECKPOINT, buffer.getvalue())

    def _resume_point(self, arrays: dict[str, np.ndarray], strategy: Strategy) -> tuple[int, dict[str, np.ndarray]]:
        """(last completed round, global arrays) from this run's checkpoint; (0, arrays) for a fresh run."""
        path = self.run_dir / CHECKPOINT
        if not path.exists():
            if self.resume:
                logger.warning("resume requested but %s does not exist: starting at round 1", path)
            return 0, arrays
        if (self.run_dir / "results.json").exists():
            raise FederationError(f"{self.run_dir} holds a finished run (results.json): choose a new run directory "
                                  "(factoryfl run --run-dir NEW_DIR), or leave it out for a fresh one")
        if not self.resume:
            raise FederationError(f"{path} holds an unfinished run's checkpoint: continue it with "
                                  "`factoryfl run --resume --run-dir DIR` (under `flwr run`: --run-config "
                                  "'resume=true'), or choose a new run directory")
        blob = torch.load(path, map_location="cpu", weights_only=True)
        if blob.get("run") != self.run_name:
            raise FederationError(f"{path} belongs to run {blob.get('run')!r}, not {self.run_name!r}")
        saved = {k: v.numpy() for k, v in blob["arrays"].items()}
        bad = sorted(k for k in set(saved) | set(arrays)
                     if k not in saved or k not in arrays or saved[k].shape != arrays[k].shape)
        if bad:
            raise FederationError(f"{path}: the checkpoint's parameters do not fit this scenario's model ({bad[:5]}): "
                                  "resume with the scenario the run was started with")
        strategy.load_state_dict({k: {n: a.numpy() for n, a in d.items()} for k, d in blob["strategy_state"].items()})
        progress = json.loads(blob.get("progress", "{}"))
        self.rounds = list(progress.get("rounds", []))
        for plant_id, saved_record in progress.get("plants", {}).items():
            record = self.plants.setdefault(plant_id, PlantRecord(plant_id))
            record.excluded_rounds = saved_record.get("excluded_rounds", []) + record.excluded_rounds
            record.clipped_rounds = saved_record.get("clipped_rounds", []) + record.clipped_rounds
            record.privacy = {**saved_record.get("privacy", {}), **record.privacy}
            if saved_record.get("status") == "budget_exhausted":
                record.status, record.status_reason = "budget_exhausted", saved_record.get("status_reason", "")
        logger.info("resuming run %s after round %d (checkpoint %s)", self.run_name, int(blob["round"]), path)
        return int(blob["round"]), saved

    def _strategy(self, spec: RunSpec) -> Strategy:
        """The scenario's strategy, wrapped in plant-level DP when the scenario asks for it (the
        mechanism counts every release in ``CLIENT_DP_RECORD`` before it is used)."""
        strategy = as_strategy(make_aggregator(spec.federation.strategy))
        cdp = spec.federation.client_level_dp
        if not cdp.enabled:
            return strategy
        from server.client_dp import ClientLevelDP
        from server.strategies.plant_dp import PlantLevelDP

        wrapped = PlantLevelDP(strategy, ClientLevelDP(
            cdp.noise_multiplier, cdp.clip_norm, cdp.delta, seed=spec.seed, reproducible_noise=self.reproducible_noise,
            record_path=self.run_dir / CLIENT_DP_RECORD))
        self.plant_dp = wrapped
        return wrapped

    def _pretrain(self, spec: RunSpec, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Rounds of configure → collect → judge → aggregate → record → checkpoint, from the resume point."""
        strategy = self._strategy(spec)
        done, arrays = self._resume_point(arrays, strategy)
        if self.resume:
            try:
                strategy.resume(done)
            except ValueError as exc:
                raise FederationError(str(exc)) from exc
        self.spec_json = run_spec_to_json(spec)
        for server_round in range(done + 1, spec.federation.rounds + 1):
            arrays = self._round(spec, strategy, server_round, arrays)
        if self.rounds and not any(r.get("participants") for r in self.rounds):
            text = ("pretraining: no plant trained in any round (each declined or was left out: see Plants left out), "
                    "so the shared model is its random initialisation; plants with labels for one class only (e.g. "
                    "only normal operation) have nothing to pretrain on together, and their detectors run on it")
            logger.warning("%s", text)
            self.warnings.append(text)
        return arrays

    def _round(self, spec: RunSpec, strategy: Strategy, server_round: int,
               arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """One pretraining round; the new global arrays (the old ones when nothing usable came back)."""
        started = time.perf_counter()
        chosen, config = self._configure(spec, strategy, server_round)
        t_send = time.perf_counter()
        if spec.federation.secure_aggregation.enabled:  # the coordinator sees only the sum (server/secagg.py)
            tally, aggregate, secure_facts = self._secure_round(spec, strategy, server_round, chosen, config, arrays)
            t_replies = time.perf_counter()
        else:
            replies = self._send(wire.MSG_PRETRAIN, chosen, arrays, config, spec.federation.round_timeout_s)
            t_replies = time.perf_counter()
            tally = self._judge_round(spec, server_round, chosen, replies, arrays)
            aggregate = aggregate_round(strategy, arrays, list(tally.updates.values()),
                                        spec.federation.strategy.min_train_plants, server_round)
            secure_facts = {}
        timing = {"send_and_receive": t_replies - t_send, "aggregate": time.perf_counter() - t_replies}
        record = self._record_round(spec, server_round, tally, aggregate, timing, started, strategy)
        record.update(secure_facts)
        self._checkpoint_round(server_round, aggregate.arrays, strategy, record)
        self._log_round(spec, record, aggregate, tally)
        if self.on_round is not None:
            self.on_round(record)
        return aggregate.arrays

    def _secure_round(self, spec: RunSpec, strategy: Strategy, server_round: int, chosen: list[str],
                      config: dict[str, Any], current: dict[str, np.ndarray]) -> tuple[RoundTally, Aggregate, dict]:
        """A securely aggregated round: the four stages, then the strategy on the one mean update;
        a failed round (fewer than t survivors) leaves the model unchanged and is recorded with why."""
        from server.secagg import run_secure_round

        result = run_secure_round(self._send, chosen, current, config, spec, self.run_name, server_round)
        tally = result.tally
        for plant_id, reply in result.stage_one.items():
            self.plants[plant_id].privacy.update(reply_privacy(reply.metrics))
            if reply.config.get(wire.STATUS) == wire.STATUS_DECLINED and "budget" in str(reply.config.get(wire.REASON)):
                self.plants[plant_id].status = "budget_exhausted"
                self.plants[plant_id].status_reason = str(reply.config.get(wire.REASON))
        for plant_id, reason in tally.excluded.items():
            self.plants[plant_id].excluded_rounds.append({"round": server_round, "phase": "pretrain", "reason": reason})
            logger.warning("round %d: plant %s left out: %s", server_round, plant_id, reason)
        if result.mean is None or len(result.survivors) < spec.federation.strategy.min_train_plants:
            skipped = result.failed or (f"{len(result.survivors)} plant(s) in the secure sum, fewer than "
                                        "min_train_plants: the global model is unchanged this round")
            aggregate = Aggregate(current, 0, skipped)
        else:
            aggregate = dataclasses.replace(
                aggregate_round(strategy, current, [(result.mean, float(result.total_weight))], 1, server_round),
                aggregated=len(result.survivors))
        return tally, aggregate, {"participants": result.survivors, **result.facts}

    def _configure(self, spec: RunSpec, strategy: Strategy, server_round: int) -> tuple[list[str], dict[str, Any]]:
        """The plants that train this round and the config they are sent (the strategy adds its part)."""
        if server_round > 1:
            self._rejoin(spec)
        chosen = self._sample(spec, server_round)
        if not chosen:
            raise FederationError(f"round {server_round}: no plant left to train")
        config = {wire.RUN_SPEC: self.spec_json, wire.SERVER_ROUND: server_round, wire.RUN_NAME: self.run_name,
                  wire.RUN_DIR: str(self.run_dir)}
        return chosen, config | strategy.configure_train(server_round)

    def _judge_round(self, spec: RunSpec, server_round: int, chosen: list[str], replies: dict[str, Reply],
                     current: dict[str, np.ndarray]) -> RoundTally:
        """Judge each reply, note each plant's privacy facts, then screen the round's norms; every
        plant left out (or missing this round) is recorded with why."""
        tally = RoundTally()
        for plant_id, reason in self._unavailable(self.candidates).items():
            tally.excluded[plant_id] = reason
            self.plants[plant_id].excluded_rounds.append({"round": server_round, "phase": "pretrain",
                                                          "reason": reason})
        for plant_id in chosen:
            verdict = judge_reply(replies.get(plant_id) or Reply(plant_id, error="no reply"), current,
                                  spec.federation, self._declared_labelled(plant_id))
            tally.count(plant_id, verdict)
            self.plants[plant_id].privacy.update(reply_privacy(verdict.reply.metrics))
            if verdict.reason:
                self._leave_out(plant_id, server_round, verdict.reason, tally.excluded)
                if is_budget_spent(verdict):
                    self.plants[plant_id].status = "budget_exhausted"
                    self.plants[plant_id].status_reason = verdict.reason
        screen = relative_norm_screen(tally.norms(current), spec.federation.relative_norm_bound)
        for plant_id, reason in screen.excluded.items():
            self._leave_out(plant_id, server_round, reason, tally.excluded)
            tally.drop(plant_id)
        for plant_id, (scale, reason) in screen.clipped.items():
            tally.clip(plant_id, current, scale, reason)
            self.plants[plant_id].clipped_rounds.append({"round": server_round, "phase": "pretrain", "reason": reason})
            logger.warning("round %d: plant %s: %s", server_round, plant_id, reason)
        return tally

    def _record_round(self, spec: RunSpec, server_round: int, tally: RoundTally, aggregate: Aggregate,
                      timing: dict[str, float], started: float, strategy: Strategy) -> dict[str, Any]:
        """The round's record (with its evaluation when one is due), appended to ``self.rounds``."""
        labelled = {p: self.plants[p].facts.get(wire.N_TRAIN_LABELLED, 1) for p in tally.losses}
        record = round_record(server_round, tally, aggregate, spec.federation.compression, labelled, timing)
        every = spec.federation.evaluate_every
        if every and (server_round % every == 0 or server_round == spec.federation.rounds):
            record.update(self._evaluate_round(spec, self.spec_json, server_round, aggregate.arrays))
        record["wall_time_s"] = time.perf_counter() - started
        self.rounds.append(record)
        if tally.epsilons:
            record["max_epsilon"] = max(tally.epsilons.values())  # summarised as a maximum, never a mean
        record.update(strategy.round_facts())
        return record

    def _checkpoint_round(self, server_round: int, arrays: dict[str, np.ndarray], strategy: Strategy,
                          record: dict[str, Any]) -> None:
        """The round is complete: save the resume point, and time it in the round's record."""
        started = time.perf_counter()
        self._checkpoint(server_round, arrays, strategy.state_dict())
        record["timing_s"]["checkpoint"] = time.perf_counter() - started

    def _log_round(self, spec: RunSpec, record: dict[str, Any], aggregate: Aggregate, tally: RoundTally) -> None:
        eps_text = f", max ε {max(tally.epsilons.values()):.2f}" if tally.epsilons else ""
        loss, acc = record["train_loss"], record.get("eval_accuracy")
        loss_text, acc_text = f"{loss:.4f}" if loss is not None else "—", f"{acc:.4f}" if acc is not None else "—"
        logger.info("[round %d/%d] %d plants trained, %d left out, train loss %s, eval accuracy %s%s (%.1fs)",
                    record["round"], spec.federation.rounds, aggregate.aggregated, len(tally.excluded),
                    loss_text, acc_text, eps_text, record["wall_time_s"],
                    extra=round_progress(record["round"], spec.federation.rounds,
                                         f"loss {loss_text}, accuracy {acc_text}{eps_text}"))

    def _leave_out(self, plant_id: str, server_round: int, reason: str, excluded: dict[str, str]) -> None:
        """Record that a plant's update is not in this round's aggregate, and why."""
        excluded[plant_id] = reason
        self.plants[plant_id].excluded_rounds.append({"round": server_round, "phase": "pretrain", "reason": reason})
        logger.warning("round %d: plant %s left out: %s", server_round, plant_id, reason)

    def _declared_labelled(self, plant_id: str) -> float | None:
        """The labelled windows a plant declared at hello (None: it kept its sizes home)."""
        value = self.plants[plant_id].facts.get(wire.N_TRAIN_LABELLED) if plant_id in self.plants else None
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def _unavailable(self, candidates: list[str]) -> dict[str, str]:
        """Labelled plants that were ready earlier in this run but could not be sampled this round,
        with why (failed since, or not connected when the round was drawn); the report lists each
        missed round. A plant left out by sampling (``fraction_train`` < 1) is not listed."""
        out = {}
        for plant_id in sorted(self.ever_ready - set(candidates)):
            record = self.plants[plant_id]
            if record.status in ("refused", "budget_exhausted") or not self._labelled(plant_id):
                continue
            out[plant_id] = (f"{record.status}: {record.status_reason or 'no reason given'}: missed this round"
                             if record.status != "ok" else "not connected: missed this round's training")
        return out

    def _evaluate_round(self, spec: RunSpec, spec_json: str, server_round: int,
                        arrays: dict[str, np.ndarray]) -> dict[str, Any]:
        plants = self._ok_plants() + sorted(p for p, r in self.plants.items() if r.status == "budget_exhausted")
        config = {wire.RUN_SPEC: spec_json, wire.SERVER_ROUND: server_round, wire.RUN_NAME: self.run_name,
                  wire.RUN_DIR: str(self.run_dir)}
        for plant_id in sorted(self.ever_ready - set(plants)):
            record = self.plants[plant_id]
            if record.status == "failed":  # ready earlier in this run: the report lists the evaluation it missed
                record.excluded_rounds.append({"round": server_round, "phase": "evaluate",
                                               "reason": f"failed: {record.status_reason or 'no reason given'}"})
        replies = self._send(wire.MSG_EVALUATE, plants, arrays, config, spec.federation.round_timeout_s)
        acc, loss, rmse, n = {}, {}, {}, {}
        for plant_id, reply in replies.items():
            if reply.error:  # the report lists every phase a plant missed, and why
                self.plants[plant_id].excluded_rounds.append({"round": server_round, "phase": "evaluate",
                                                              "reason": reply.error})
                continue
            m = reply.metrics
            count = m.get(wire.N_TEST, 1)
            n[plant_id] = count if _finite(count) and count > 0 else 1  # a plant's claim weighs its own metric only
            accuracy_ok = _finite(m.get(wire.EVAL_ACCURACY)) and 0 <= m[wire.EVAL_ACCURACY] <= 1
            if accuracy_ok and _finite(m.get(wire.EVAL_LOSS)):
                acc[plant_id] = m[wire.EVAL_ACCURACY]
                loss[plant_id] = m[wire.EVAL_LOSS]
            if _finite(m.get(wire.EVAL_RMSE)):
                rmse[plant_id] = m[wire.EVAL_RMSE]

        def weighted(values: dict[str, float]) -> float | None:
            total = sum(n[p] for p in values) or 1
            return sum(values[p] * n[p] for p in values) / total if values else None

        out: dict[str, Any] = {"eval_accuracy": weighted(acc), "eval_loss": weighted(loss),
                               "per_plant_eval_accuracy": acc}
        if rmse:
            out["eval_rmse"] = weighted(rmse)
            out["per_plant_eval_rmse"] = rmse
        return out

    # ------------------------------------------------------------------ phase 2 + evaluation
    def _collect_source_stats(self, spec: RunSpec, arrays: dict[str, np.ndarray],
                              targets: list[str]) -> tuple[dict[str, np.ndarray], dict[str, Any]] | None:
        """Ask labelled source plants for DP feature statistics (each accounts them in its ledger)."""
        from common.transfer.stats import aggregate

        sources = [p for p in self._ok_plants() if self._labelled(p) and p not in targets]
        if not sources:
            logger.warning("no labelled source plant can release feature statistics; targets adapt without them")
            return None
        released = []
        layout = expected_stats_layout(spec)
        for plant_id, reply in self._broadcast(spec, wire.MSG_FEATURE_STATS, arrays, sources).items():
            if reply.error:
                continue
            if reply.config.get(wire.STATUS) == wire.STATUS_DECLINED:  # a decline carries no arrays
                reason = str(reply.config.get(wire.REASON, ""))
                self.plants[plant_id].excluded_rounds.append({"round": "feature_stats", "reason": reason})
                logger.warning("plant %s declined to release feature statistics: %s", plant_id, reason)
                continue
            if reply.arrays is None:
                continue
            if wire.EPSILON in reply.metrics:
                self.plants[plant_id].privacy["epsilon"] = float(reply.metrics[wire.EPSILON])
                self.plants[plant_id].privacy["delta"] = float(reply.metrics.get(wire.DELTA, 0.0))
            stats, problem = parse_source_stats(reply, layout)
            if problem:  # this source's statistics are left out; the others still serve the targets
                self.plants[plant_id].excluded_rounds.append({"round": "feature_stats", "phase": "feature_stats",
                                                              "reason": problem})
                logger.warning("plant %s: feature statistics left out: %s", plant_id, problem)
                continue
            released.append(stats)
        if not released:
            return None
        combined = aggregate(released)
        self.source_stats_info = {"sources": len(released), "noise_multiplier": spec.transfer.stats.noise_multiplier}
        logger.info("feature statistics released by %d source plant(s) for %d target(s)", len(released), len(targets))
        return combined.to_arrays()

    def _phase_two(self, spec: RunSpec, arrays: dict[str, np.ndarray], plants: list[str], targets: list[str],
                   source_stats: tuple[dict[str, np.ndarray], dict[str, Any]] | None) -> None:
        """Personalise labelled plants; adapt target plants (with the sources' statistics)."""
        plain = [p for p in plants if p not in targets]
        if plain:
            self._broadcast(spec, wire.MSG_PERSONALISE, arrays, plain)
        if targets:
            extra, scalars = None, {}
            if source_stats is not None:
                extra = {wire.SOURCE_STATS: source_stats[0]}
                scalars = {wire.STATS_SCALARS: json.dumps(source_stats[1])}
            self._broadcast(spec, wire.MSG_PERSONALISE, arrays, targets, extra_arrays=extra, extra_config=scalars)

    def _broadcast(self, spec: RunSpec, message_type: str, arrays: dict[str, np.ndarray] | None,
                   plants: list[str], extra_arrays: dict[str, dict[str, np.ndarray]] | None = None,
                   extra_config: dict[str, Any] | None = None) -> dict[str, Reply]:
        config = {wire.RUN_SPEC: run_spec_to_json(spec), wire.RUN_NAME: self.run_name,
                  wire.RUN_DIR: str(self.run_dir), **(extra_config or {})}
        replies = self._send(message_type, plants, arrays, config, spec.federation.round_timeout_s * 4,
                             extra_arrays=extra_arrays)
        for plant_id, reply in replies.items():
            if reply.error:
                logger.error("%s failed on plant %s: %s", message_type, plant_id, reply.error)
                self.plants[plant_id].excluded_rounds.append({"round": message_type, "reason": reply.error})
        return replies

    def _send(self, message_type: str, plants: list[str], arrays: dict[str, np.ndarray] | None,
              config: dict[str, Any], timeout_s: float,
              extra_arrays: dict[str, dict[str, np.ndarray]] | None = None,
              per_plant: dict[str, dict[str, Any]] | None = None) -> dict[str, Reply]:
        """Send through the transport; a plant that refuses the run (its privacy policy) is recorded
        and takes no further part, while the federation goes on with the others."""
        replies = self.transport.send(message_type, plants, arrays, config, timeout_s, extra_arrays=extra_arrays,
                                      per_plant=per_plant)
        for plant_id, reply in replies.items():
            if reply.config.get(wire.STATUS) == wire.STATUS_REFUSED and plant_id in self.plants:
                record = self.plants[plant_id]
                reason = str(reply.config.get(wire.REASON, ""))
                record.status, record.status_reason = "refused", reason
                record.excluded_rounds.append({"round": message_type, "reason": f"refused: {reason}"})
                logger.warning("plant %s refused the run: %s", plant_id, reason)
        return replies

    def run(self) -> dict[str, Any]:
        started_at, t0 = _now(), time.perf_counter()
        spec = self._discover()
        spec = dataclasses.replace(spec, labelled_classes=self._learnt_classes(spec))
        if any(self._wants_source_stats(spec, p) or self._calibrates(spec, p) for p in self._ok_plants()):
            # sources calibrate their noise for the statistics release as well (one budget per run)
            spec = dataclasses.replace(spec, source_stats_planned=True)
        model = build_model(self.channels, spec.num_outputs, spec.model, seed=spec.seed)
        if spec.privacy.enabled:
            from common.privacy.compat import check_dp_compatible

            try:
                check_dp_compatible(model)
            except ValueError as exc:
                raise FederationError(str(exc)) from exc
        arrays = {k: v.numpy() for k, v in shared_state(model).items()}
        logger.info("pretraining: %d rounds of %s, %d plants (%d ready), %d shared tensors (run %s)",
                    spec.federation.rounds, spec.federation.strategy.name, len(self.plants), len(self._ok_plants()),
                    len(arrays), self.run_name, extra=phase())
        arrays = self._pretrain(spec, arrays)
        evaluable = sorted(p for p, r in self.plants.items() if r.status in ("ok", "budget_exhausted"))
        targets = [p for p in evaluable if self._wants_source_stats(spec, p)]
        calibrating = [p for p in evaluable if p not in targets and self._calibrates(spec, p)]
        source_stats = self._collect_source_stats(spec, arrays, targets) if targets or calibrating else None
        # a labelled plant always ends with the do-no-harm choice (client/selection.py), even when it does
        # not personalise: the global model is kept only if it beats its own local-only model
        phase_two = [p for p in evaluable if p in targets or spec.personalisation.mode != "none"
                     or self._method_of(spec, p) or self._labelled(p)]
        logger.info("personalisation: %d plant(s) personalise (mode %s), %d target(s) adapt", len(phase_two) -
                    len(targets), spec.personalisation.mode, len(targets), extra=phase())
        self._phase_two(spec, arrays, phase_two, targets + calibrating, source_stats)
        logger.info("evaluation: %s at %d plant(s)", "local-only baselines and final models"
                    if "local_only" in spec.baselines else "final models", len(evaluable), extra=phase())
        if "local_only" in spec.baselines:
            self._broadcast(spec, wire.MSG_LOCAL_ONLY, None, evaluable)
        for plant_id, reply in self._broadcast(spec, wire.MSG_FINAL_EVALUATE, arrays, evaluable).items():
            if reply.error or reply.config.get(wire.STATUS) == wire.STATUS_REFUSED:
                continue
            record = self.plants[plant_id]
            record.dp_evaluation = dp_accuracy(reply.metrics)
            for key in (wire.TRANSFER_CHOSEN, wire.TRANSFER_REASON):
                if reply.config.get(key):
                    record.transfer[key.split("-", 1)[1]] = str(reply.config[key])
            choice = model_choice(reply.config, reply.metrics)
            if choice:
                record.transfer["model_choice"] = choice
            if choice.get("warning"):
                logger.warning("plant %s: %s", plant_id, choice["warning"], extra=phase())
                self.warnings.append(f"plant {plant_id}: {choice['warning']}")
            for key, value in reply.metrics.items():
                split = wire.split_method_metric_key(key)
                if key.startswith(wire.GAP_PREFIX):
                    record.transfer.setdefault("gap", {})[key[len(wire.GAP_PREFIX):]] = float(value)
                elif split:
                    record.metrics.setdefault(split[0], {})[split[1]] = float(value)
                elif key == wire.EPSILON:
                    record.privacy["epsilon"] = float(value)
                elif key == wire.DELTA:
                    record.privacy["delta"] = float(value)
        self.final_arrays = arrays
        return self._results(spec, started_at, time.perf_counter() - t0)

    def _client_dp_summary(self) -> dict[str, Any]:
        """Plant-level DP's section of the results; K is the most plants any round aggregated."""
        if self.plant_dp is None:
            return {"enabled": False}
        return self.plant_dp.summary(max((len(r["participants"]) for r in self.rounds), default=0))

    def _not_private_banner(self) -> str:
        """Non-empty when any privacy noise of this run was reproducible (research setting)."""
        plants = sorted(p for p, r in self.plants.items() if r.facts.get(wire.NOISE_SOURCE) == "reproducible")
        if not plants and not self.reproducible_noise:
            return ""
        who = f"plants {plants}" if plants else "the coordinator's plant-level DP"
        return (f"NOT PRIVATE: this run drew its DP noise reproducibly from public values "
                f"(simulation.reproducible_noise: {who}); anyone who knows the seed can regenerate and subtract it")

    def _released_outside_dp(self) -> dict[str, Any]:
        """Per plant, the release categories its own policy let leave outside the ledger, with what each is."""
        from common.privacy.policy import RELEASE_CATEGORIES

        per_plant: dict[str, list[str]] = {}
        for plant_id, record in sorted(self.plants.items()):
            raw = record.facts.get(wire.RELEASE_ALLOW)
            try:
                per_plant[plant_id] = sorted(str(c) for c in json.loads(str(raw))) if raw is not None else []
            except ValueError:
                per_plant[plant_id] = []
        used = sorted({c for cats in per_plant.values() for c in cats})
        return {"per_plant": per_plant,
                "categories": {c: RELEASE_CATEGORIES.get(c, "unknown category") for c in used},
                "note": ("Everything else a DP plant sends is a DP release recorded in its ledger (the noisy "
                         "shared parameters, feature statistics, DP evaluation counts) or a declared fact "
                         "(identity, status, input shape, class names, role, policy).")}

    def _results(self, spec: RunSpec, started_at: str, wall: float) -> dict[str, Any]:
        methods = [m for m in METHODS if m != "local_only" or "local_only" in spec.baselines]
        methods = [m for m in methods if m != "centralized" or "centralized" in spec.baselines]
        present = {m for r in self.plants.values() for m in r.metrics}
        methods = [m for m in methods if m in present or m == "centralized"]
        privacy = spec.privacy
        banner = self._not_private_banner()
        return {
            **({"not_private": banner} if banner else {}),
            "schema": "factoryfl-results/v1",
            "scenario_name": spec.scenario_name,
            "run_name": self.run_name,
            **self.scenario_info,
            "started_at": started_at,
            "finished_at": _now(),
            "wall_time_s": wall,
            "task": spec.task,
            "class_names": list(spec.class_names),
            **({"warnings": list(self.warnings)} if self.warnings else {}),
            "methods": methods,
            "method_labels": {"local_only": "Local only", "federated_global": "Federated (global)",
                              "federated_personalised": "Federated + personalised",
                              "federated_adapted": "Federated + adapted (no target labels)",
                              "chosen": "Chosen by the plant (own validation / guard)",
                              "centralized": "Centralized (pooled, non-private)"},
            "settings": {
                "strategy": spec.federation.strategy.name, "rounds": spec.federation.rounds,
                "fraction_train": spec.federation.strategy.fraction_train,
                "local_epochs": spec.federation.training.local_epochs,
                "batch_size": spec.federation.training.batch_size,
                "learning_rate": spec.federation.training.learning_rate,
                "optimizer": spec.federation.training.optimizer,
                "personalisation": f"{spec.personalisation.mode} ({spec.personalisation.epochs} epochs)",
                "window": spec.window.length, "classes": spec.num_classes,
                "dp": "on" if privacy.enabled else "off",
                "model_selection": "last round / last epoch (no target labels used)",
            },
            "privacy": {
                "enabled": privacy.enabled,
                "unit": f"one window of {spec.window.length} samples (one record)",
                "unit_note": ("Neighbouring data sets differ in one training window. Windows cut from the same "
                              "recording may overlap in time (stride < window) or share a fault event; a "
                              "guarantee for k correlated windows degrades to group privacy (about k·ε)."),
                "accountant": privacy.accountant,
                "mechanism": "DP-SGD (Opacus): per-sample clipping, Gaussian noise, Poisson sampling",
                "max_grad_norm": privacy.max_grad_norm,
                "ledger_scope": ("ε is computed from each plant's lifetime ledger on its own disk (every private "
                                 "step it ever took on its data, across rounds, runs and restarts)."),
                "max_epsilon": max((r.privacy.get("epsilon", 0.0) for r in self.plants.values()), default=0.0),
                "released_outside_dp": self._released_outside_dp(),
                "dp_evaluation": ({"noise_multiplier": privacy.evaluation_noise_multiplier,
                                   "what": "shared model's held-out accuracy from noisy counts (c + N(0, σ²)) / "
                                           "(n + N(0, σ²)), each count a Gaussian release in the plant's ledger; "
                                           "σ is raised to the run's DP-SGD σ when a target ε calibrated the run"}
                                  if privacy.evaluation_noise_multiplier is not None else None),
            } if privacy.enabled else {"enabled": False},
            "client_level_dp": self._client_dp_summary(),
            "plants": {
                p: {"status": r.status, "status_reason": r.status_reason,
                    "n_train": _int_or_none(r.facts.get(wire.N_TRAIN)),
                    "n_train_labelled": _int_or_none(r.facts.get(wire.N_TRAIN_LABELLED)),
                    "n_test": _int_or_none(r.facts.get(wire.N_TEST)), "source": r.facts.get(wire.SOURCE),
                    "worker_node": r.facts.get(wire.WORKER_NODE) or None,
                    "class_names": r.facts.get(wire.CLASS_NAMES),
                    "labelled_classes": labelled_classes(r.facts),
                    "metrics": r.metrics, "privacy": r.privacy, "excluded_rounds": r.excluded_rounds,
                    **({"clipped_rounds": r.clipped_rounds} if r.clipped_rounds else {}),
                    "transfer": r.transfer, "dp_evaluation": r.dp_evaluation or None}
                for p, r in sorted(self.plants.items())
            },
            "rounds": self.rounds,
        }
