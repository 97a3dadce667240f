"""One pretraining round's pure steps: judge each reply, tally the round, aggregate, record.

No network and no coordinator state: the coordinator (``server.federation``) configures the
round, collects the replies, and keeps the records these functions return. A reply is judged
on its own (:func:`judge_reply`); the round as a whole is screened by the relative norm bound
(``server.screening``) before :func:`aggregate_round` hands the accepted updates to the strategy.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from common import wire
from common.compression import decode_update, payload_bytes
from common.config.schema import FederationConfig
from server.aggregation import update_problems
from server.screening import all_finite, update_norm, weight_problem
from server.strategies.base import Aggregator, Arrays
from server.transport import Reply

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """A training reply after decoding: ``reason`` why it is left out ("" when usable) and its weight."""

    reply: Reply
    reason: str
    weight: float = 0.0


def decode_reply(reply: Reply, current: Arrays, compression: str) -> tuple[Reply, str]:
    """The reply with its (possibly compressed) update decoded to parameters; or why it cannot be."""
    if compression == "none" or reply.arrays is None or reply.error:
        return reply, ""
    try:
        return dataclasses.replace(reply, arrays=decode_update(reply.arrays, current, compression)), ""
    except ValueError as exc:
        return reply, str(exc)


def reply_problem(reply: Reply, current: Arrays, max_update_norm: float, declared_labelled: float | None) -> str:
    """Why a decoded reply must be left out of the aggregate ("" when it is usable): an error, a refusal
    or decline, no parameters, an untrusted weight, or a malformed or too large update."""
    if reply.error:
        return f"error: {reply.error}"
    if reply.config.get(wire.STATUS) == wire.STATUS_REFUSED:
        return f"refused: {reply.config.get(wire.REASON, '')}"
    if reply.config.get(wire.STATUS) == wire.STATUS_DECLINED:
        return f"declined: {reply.config.get(wire.REASON, '')}"
    if reply.arrays is None:
        return "reply carried no parameters"
    _, weight_reason = weight_problem(reply.metrics.get(wire.NUM_EXAMPLES), declared_labelled)
    if weight_reason:
        return weight_reason
    return "; ".join(update_problems(reply.arrays, current, max_update_norm))


def judge_reply(reply: Reply, current: Arrays, federation: FederationConfig,
                declared_labelled: float | None) -> Verdict:
    """Decode, then judge one plant's training reply; a usable one gets its aggregation weight
    (``weight_problem``: the declared num-examples, capped by what the plant declared at hello)."""
    decoded, decode_error = decode_reply(reply, current, federation.compression)
    reason = decode_error or reply_problem(decoded, current, federation.max_update_norm, declared_labelled)
    if reason:
        return Verdict(decoded, reason)
    weight, _ = weight_problem(decoded.metrics.get(wire.NUM_EXAMPLES), declared_labelled)
    return Verdict(decoded, "", weight)


def is_budget_spent(verdict: Verdict) -> bool:
    """Whether the plant declined because its privacy budget is spent (it trains no more in this run)."""
    return verdict.reply.config.get(wire.STATUS) == wire.STATUS_DECLINED and "budget" in verdict.reason


def reply_privacy(metrics: dict[str, Any]) -> dict[str, Any]:
    """The privacy facts a training reply carries, for its plant's record ({} when it reports no ε)."""
    if wire.EPSILON not in metrics:
        return {}
    optional = {"budget": wire.EPSILON_BUDGET, "steps_total": wire.PRIVACY_STEPS_TOTAL,
                "noise_multiplier": wire.NOISE_MULTIPLIER}
    return ({"epsilon": metrics[wire.EPSILON], "delta": metrics.get(wire.DELTA)}
            | {name: metrics[key] for name, key in optional.items() if key in metrics})


@dataclass
class RoundTally:
    """What one round's replies amount to: the accepted updates (in reply order) and the round's facts."""

    updates: dict[str, tuple[Arrays, float]] = field(default_factory=dict)
    excluded: dict[str, str] = field(default_factory=dict)
    clipped: dict[str, str] = field(default_factory=dict)
    losses: dict[str, float] = field(default_factory=dict)
    epsilons: dict[str, float] = field(default_factory=dict)
    train_seconds: list[float] = field(default_factory=list)
    up_bytes: list[int] = field(default_factory=list)
    worker_nodes: dict[str, int] = field(default_factory=dict)

    def count(self, plant_id: str, verdict: Verdict) -> None:
        """Count one judged reply: its bytes and ε always; its update, loss and time when usable
        (a left-out reply is recorded in ``excluded`` by the caller)."""
        reply = verdict.reply
        if reply.arrays is not None:
            self.up_bytes.append(reply.array_bytes or payload_bytes(reply.arrays))
        if wire.EPSILON in reply.metrics:
            self.epsilons[plant_id] = reply.metrics[wire.EPSILON]
        if verdict.reason or reply.arrays is None:
            return
        self.updates[plant_id] = (reply.arrays, verdict.weight)
        node = str(reply.config.get(wire.WORKER_NODE, ""))
        if node:  # simulation on Ray: which node trained this plant
            self.worker_nodes[node] = self.worker_nodes.get(node, 0) + 1
        if wire.TRAIN_LOSS in reply.metrics:  # under DP plants keep their training loss
            self.losses[plant_id] = float(reply.metrics[wire.TRAIN_LOSS])
        if wire.TRAIN_SECONDS in reply.metrics:  # ... and their training time
            self.train_seconds.append(float(reply.metrics[wire.TRAIN_SECONDS]))

    def norms(self, current: Arrays) -> dict[str, float]:
        """‖w_k − w‖₂ of every accepted update."""
        return {p: update_norm(arrays, current) for p, (arrays, _) in self.updates.items()}

    def clip(self, plant_id: str, current: Arrays, scale: float, reason: str) -> None:
        """Scale an accepted update's change ``w_k − w`` by ``scale`` (the round-level screening clipped it)."""
        arrays, weight = self.updates[plant_id]
        clipped = {k: (np.asarray(current[k]) + scale * (np.asarray(v) - current[k])).astype(np.asarray(v).dtype)
                   if k in current else v for k, v in arrays.items()}
        self.updates[plant_id] = (clipped, weight)
        self.clipped[plant_id] = reason

    def drop(self, plant_id: str) -> None:
        """Take an accepted update back out (the round-level screening left it out)."""
        del self.updates[plant_id]
        self.losses.pop(plant_id, None)

    @property
    def participants(self) -> list[str]:
        return sorted(self.updates)


@dataclass(frozen=True)
class Aggregate:
    """The round's new global parameters; ``skipped`` says why they are the old ones, if so."""

    arrays: Arrays
    aggregated: int  # updates the strategy aggregated (0: the model is unchanged)
    skipped: str = ""


def aggregate_round(strategy: Aggregator, current: Arrays, updates: list[tuple[Arrays, float]],
                    min_plants: int, server_round: int) -> Aggregate:
    """``strategy.aggregate(current, updates)``, unless fewer than ``min_plants`` updates are usable
    (the model stays as it is) or the result is not finite (never installed: every plant would
    train from NaN next round)."""
    if 0 < len(updates) < min_plants:
        logger.warning("round %d: %d usable update(s), fewer than min_train_plants=%d: the global model is "
                       "unchanged this round", server_round, len(updates), min_plants)
        updates = []
    if not updates:
        logger.warning("round %d: no usable update; the global model is unchanged", server_round)
        return Aggregate(current, 0)
    new_arrays = strategy.aggregate(current, updates)
    if all_finite(new_arrays):
        return Aggregate(new_arrays, len(updates))
    skipped = "the aggregate was not finite; the global model is unchanged this round"
    logger.error("round %d: %s", server_round, skipped)
    return Aggregate(current, len(updates), skipped)


def weighted_train_loss(losses: dict[str, float], weights: dict[str, float]) -> float | None:
    """Σ_k n_k·loss_k / Σ_k n_k over the plants that reported a loss (None: none did)."""
    if not losses:
        return None
    total = sum(weights[p] for p in losses) or 1
    return float(sum(losses[p] * weights[p] for p in losses) / total)


def round_record(server_round: int, tally: RoundTally, aggregate: Aggregate, compression: str,
                 labelled: dict[str, float], timing_s: dict[str, float]) -> dict[str, Any]:
    """The round's entry in results.json (``labelled``: each plant's declared labelled windows,
    weighting the mean training loss)."""
    return {
        "round": server_round,
        "participants": tally.participants,
        "excluded": tally.excluded,
        **({"clipped": tally.clipped} if tally.clipped else {}),
        **({"aggregate_skipped": aggregate.skipped} if aggregate.skipped else {}),
        "train_loss": weighted_train_loss(tally.losses, labelled),
        "per_plant_train_loss": tally.losses,
        "epsilon": tally.epsilons,
        "bytes_down_per_plant": payload_bytes(aggregate.arrays),
        "bytes_up_per_plant": (sum(tally.up_bytes) / len(tally.up_bytes)) if tally.up_bytes else None,
        "compression": compression,
        "worker_nodes": tally.worker_nodes,
        # where the round's time went: plants' work incl. messaging, judging + aggregation, checkpoint
        "timing_s": timing_s | ({"plants_training_sum": sum(tally.train_seconds)} if tally.train_seconds else {}),
    }
