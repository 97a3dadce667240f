"""The coordinator's side of a securely aggregated pretraining round (protocol: ``common/secagg``).

Four Message-API exchanges with the round's sampled plants: setup (train, advertise keys) → share
keys → masked updates → unmasking shares. The coordinator routes encrypted shares it cannot read,
sums the masked vectors, removes the masks from t shares each and decodes

    Δ̄ = (Δ·S − C·W) / W,   S = Σ_{U3} w_i q_i,  W = Σ_{U3} w_i,   |Δ̄ − Σ w_i Δ_i / W| ≤ Δ/2 per coordinate,

then hands the strategy the single update (w + Δ̄, W): FedAvg/FedProx install w + Δ̄; FedAdam takes
Δ̄ as its pseudo-gradient. Plants that drop out after sharing keys are unmasked from t shares; fewer
than t survivors fail the round (``SecureRound.failed``), and the federation goes on.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from common import wire
from common.config.schema import RunSpec
from common.secagg import keys as secagg_keys
from common.secagg import protocol
from common.secagg.errors import SecAggFailure
from common.secagg.graph import graph_seed, neighbour_graph
from common.secagg.rounds import quantiser, round_context
from server.rounds import RoundTally
from server.transport import Reply

logger = logging.getLogger(__name__)

class Send(Protocol):
    """The coordinator's send (``Federation._send``): per_plant config entries go to one plant only."""

    def __call__(self, message_type: str, plants: list[str], arrays: dict[str, np.ndarray] | None,
                 config: dict[str, Any], timeout_s: float, *,
                 per_plant: dict[str, dict[str, Any]] | None = None) -> dict[str, Reply]: ...
Arrays = dict[str, np.ndarray]




@dataclass
class SecureRound:
    """One round's outcome: the mean update (None when the round failed), who is in it, and its facts."""

    tally: RoundTally
    stage_one: dict[str, Reply]
    mean: Arrays | None = None
    total_weight: int = 0
    survivors: list[str] = field(default_factory=list)
    failed: str = ""
    facts: dict[str, Any] = field(default_factory=dict)


def _parsed(reply: Reply, parse: Callable[[Reply], Any], what: str) -> tuple[Any, str]:
    """(what ``parse`` reads from a plant's reply, "") or (None, why it is unusable): an error, a
    refusal, or a malformed field."""
    problem = _reply_problem(reply)
    if problem:
        return None, problem
    try:
        return parse(reply), ""
    except (KeyError, ValueError, TypeError) as exc:
        return None, f"malformed {what} ({exc})"


def _reply_problem(reply: Reply) -> str:
    if reply.error:
        return f"error: {reply.error}"
    status = reply.config.get(wire.STATUS)
    if status in (wire.STATUS_REFUSED, wire.STATUS_DECLINED):
        return f"{status}: {reply.config.get(wire.REASON, '')}"
    return ""


def _public_keys(reply: Reply) -> protocol.PublicKeys:
    c, s = json.loads(str(reply.config[wire.SECAGG_PUBLIC_KEYS]))
    pk = protocol.PublicKeys(bytes.fromhex(c), bytes.fromhex(s))
    if len(pk.c_pk) != secagg_keys.KEY_BYTES or len(pk.s_pk) != secagg_keys.KEY_BYTES:
        raise ValueError("public keys must be 32 bytes each")
    return pk


def _ciphertexts(reply: Reply, neighbours: tuple[str, ...]) -> tuple[dict[str, bytes], bytes]:
    table = json.loads(str(reply.config[wire.SECAGG_CIPHERTEXTS]))
    if not isinstance(table, dict) or set(table) != set(neighbours):
        raise ValueError("shares were not addressed to exactly the plant's neighbours")
    commitment = bytes.fromhex(str(reply.config[wire.SECAGG_COMMITMENT]))
    if len(commitment) != 32:
        raise ValueError("the commitment must be 32 bytes")
    return {str(p): str(c).encode() for p, c in table.items()}, commitment


def _masked(reply: Reply, length: int, modulus_bits: int) -> np.ndarray:
    arr = (reply.arrays or {}).get(wire.SECAGG_MASKED)
    if arr is None or arr.ndim != 1 or arr.size != length or arr.dtype.kind != "u":
        raise ValueError(f"expected {wire.SECAGG_MASKED!r}: {length} unsigned integers")
    out = arr.astype(np.uint64)
    if modulus_bits < 64 and np.any(out >> np.uint64(modulus_bits)):
        raise ValueError("masked values outside Z_M")
    return out


def _shares(reply: Reply) -> dict[str, tuple[str, bytes]]:
    table = json.loads(str(reply.config[wire.SECAGG_SHARES]))
    out = {}
    for owner, (kind, share) in table.items():
        if kind not in (protocol.B, protocol.SK):
            raise ValueError(f"unknown share kind {kind!r}")
        out[str(owner)] = (str(kind), bytes.fromhex(share))
    return out


def _config_bytes(config: dict[str, Any]) -> int:
    return sum(len(str(v)) for k, v in config.items() if str(k).startswith("secagg-"))


def run_secure_round(send: Send, chosen: list[str], current: Arrays, base_config: dict[str, Any], spec: RunSpec,
                     run_name: str, server_round: int) -> SecureRound:
    """Drive the four stages; every plant left out is in ``tally.excluded`` with why."""
    sa = spec.federation.secure_aggregation
    timeout = spec.federation.round_timeout_s
    context = round_context(run_name, server_round)
    quant = quantiser(spec.federation)
    length = sum(int(np.asarray(v).size) for v in current.values()) + 1
    tally = RoundTally()
    seconds: dict[str, float] = {}
    up: dict[str, int] = {p: 0 for p in chosen}
    down: dict[str, int] = {}
    dropouts: dict[str, list[str]] = {}

    def leave(plant: str, stage: str, reason: str) -> None:
        tally.excluded[plant] = f"secure aggregation {stage}: {reason}"
        dropouts.setdefault(stage, []).append(plant)

    def stage(name: str, msg: str, plants: list[str], arrays: Arrays | None, extra: dict[str, Any],
              per_plant: dict[str, dict[str, Any]] | None = None) -> dict[str, Reply]:
        started = time.perf_counter()
        replies = send(msg, plants, arrays, base_config | extra, timeout, per_plant=per_plant)
        seconds[name] = time.perf_counter() - started
        own = [_config_bytes(c) for c in (per_plant or {}).values()]
        down[name] = _config_bytes(extra) + (max(own) if own else 0)   # the most any one plant receives
        for p, r in replies.items():
            if p in up:
                up[p] += r.array_bytes + _config_bytes(r.config)
        return replies

    result = SecureRound(tally, {})
    facts: dict[str, Any] = {}
    # 1. train and advertise keys
    replies = stage("setup", wire.MSG_SECAGG_SETUP, chosen, current, {})
    result.stage_one = replies
    public: dict[str, protocol.PublicKeys] = {}
    for p in chosen:
        reply = replies.get(p) or Reply(p, error="no reply")
        if wire.EPSILON in reply.metrics:
            tally.epsilons[p] = reply.metrics[wire.EPSILON]
        value, problem = _parsed(reply, _public_keys, "public keys")
        if not problem:
            public[p] = value
        if problem:
            leave(p, "setup", problem)
    u1 = sorted(public)
    try:
        k, t = sa.resolved(max(len(u1), 1))
        facts.update(threshold=t, neighbours=k, advertised=len(u1))
        protocol.require("advertised keys", len(u1), t)
        graph = neighbour_graph(u1, k, graph_seed(context))
        # 2. share keys: every plant gets U1's ids (to rebuild the graph) and only its neighbours' keys
        own_keys = {p: {wire.SECAGG_PUBLIC_KEYS: json.dumps(
            {q: [public[q].c_pk.hex(), public[q].s_pk.hex()] for q in graph[p]})} for p in u1}
        replies = stage("share_keys", wire.MSG_SECAGG_SHARE, u1, None, {wire.SECAGG_ROUND_PLANTS: json.dumps(u1)},
                        own_keys)
        sent, commitments = {}, {}
        for p in u1:
            reply = replies.get(p) or Reply(p, error="no reply")
            value, problem = _parsed(reply, functools.partial(_ciphertexts, neighbours=graph[p]), "shares")
            if not problem:
                sent[p], commitments[p] = value
            if problem:
                leave(p, "share_keys", problem)
        u2 = sorted(sent)
        facts["shared_keys"] = len(u2)
        protocol.require("shared keys", len(u2), t)
        routed = protocol.route(sent)
        # 3. masked updates
        # each plant receives only the (encrypted) shares addressed to it
        own_shares = {r: {wire.SECAGG_ROUTED: json.dumps({r: {s: c.decode() for s, c in routed.get(r, {}).items()}})}
                      for r in u2}
        replies = stage("masked_input", wire.MSG_SECAGG_MASK, u2, None, {}, own_shares)
        masked = {}
        for p in u2:
            reply = replies.get(p) or Reply(p, error="no reply")
            value, problem = _parsed(reply, lambda r: _masked(r, length, sa.modulus_bits), "masked update")
            if not problem:
                masked[p] = value
            if problem:
                leave(p, "masked_input", problem + " (its masks are removed from the sum)")
        u3 = sorted(masked)
        facts["masked"] = len(u3)
        protocol.require("sent masked updates", len(u3), t)
        # 4. unmask
        lists = {wire.SECAGG_SURVIVORS: json.dumps(u3), wire.SECAGG_DROPOUTS: json.dumps(sorted(set(u2) - set(u3)))}
        replies = stage("unmask", wire.MSG_SECAGG_UNMASK, u3, None, lists)
        shares = {}
        for p in u3:
            reply = replies.get(p) or Reply(p, error="no reply")
            value, problem = _parsed(reply, _shares, "shares")
            if not problem:
                shares[p] = value
            if problem:  # its update is still in the sum; only its shares are missing
                dropouts.setdefault("unmask", []).append(p)
                logger.warning("round %d: plant %s sent no unmasking shares: %s", server_round, p, problem)
        facts["unmasked"] = len(shares)
        started = time.perf_counter()
        view = protocol.RoundView(public, commitments, {p: tuple(sorted(routed[p])) for p in u2}, masked)
        total = protocol.recover_sum(view, shares, t, sa.modulus_bits, context)
        summed, weight = quant.decode_sum(total)
        seconds["recover"] = time.perf_counter() - started
        result.mean = _unflatten(summed / weight, current)
        result.total_weight, result.survivors = weight, u3
        facts["quantisation_error_bound"] = quant.step / 2 if sa.rounding == "nearest" else quant.step
    except SecAggFailure as exc:
        result.failed = f"round failed: {exc}"
        logger.error("round %d: secure aggregation %s", server_round, result.failed)
    for p in result.survivors:
        reply = result.stage_one[p]
        if wire.TRAIN_LOSS in reply.metrics:
            tally.losses[p] = float(reply.metrics[wire.TRAIN_LOSS])
        if wire.TRAIN_SECONDS in reply.metrics:
            tally.train_seconds.append(float(reply.metrics[wire.TRAIN_SECONDS]))
    if result.failed:
        for p in chosen:
            tally.excluded.setdefault(p, f"secure aggregation {result.failed}")
    tally.up_bytes = [b for p, b in up.items() if p in public]
    result.facts = {"secure_aggregation": {
        "enabled": True, **facts, "survivors": result.survivors, "dropouts": dropouts,
        "failed": result.failed or None, "clip": quant.clip, "quantisation_bits": quant.bits,
        "modulus_bits": quant.modulus_bits, "rounding": sa.rounding, "total_weight": result.total_weight,
        "protocol_bytes_down_per_plant": sum(down.values()), "stage_seconds": seconds}}
    return result


def _unflatten(flat: np.ndarray, current: Arrays) -> Arrays:
    """current + Δ̄, tensor by tensor in sorted-name order, in each tensor's own dtype."""
    out, offset = {}, 0
    for name in sorted(current):
        base = np.asarray(current[name])
        step = flat[offset:offset + base.size].reshape(base.shape)
        out[name] = (base.astype(np.float64) + step).astype(base.dtype)
        offset += base.size
    return out


def report_section(results: Mapping[str, Any], table: Callable[..., str]) -> str:
    """The report's secure-aggregation section: settings, the error bound, survivors and dropouts per round."""
    rounds = [r for r in results.get("rounds", []) if r.get("secure_aggregation")]
    if not rounds:
        return ""
    last = next((r["secure_aggregation"] for r in reversed(rounds) if "threshold" in r["secure_aggregation"]),
                rounds[-1]["secure_aggregation"])
    bound = next((r["secure_aggregation"].get("quantisation_error_bound") for r in rounds
                  if r["secure_aggregation"].get("quantisation_error_bound") is not None), None)
    failed = sum(1 for r in rounds if r["secure_aggregation"].get("failed"))
    lines = [
        "## Secure aggregation (SecAgg+)",
        "- **on:** each pretraining round the coordinator saw only the weighted sum of the surviving plants' "
        "clipped, quantised updates (pairwise and self masks, X25519 + ChaCha20; common/secagg)",
        f"- **threshold {last.get('threshold')}, neighbours {last.get('neighbours')}** (last round with keys): a "
        "round with fewer survivors fails and the model stays unchanged",
        f"- **clip** {last.get('clip')} (L2, per plant), **quantisation** {last.get('quantisation_bits')} bits "
        f"({last.get('rounding')} rounding), **modulus** 2^{last.get('modulus_bits')}",
        f"- **quantisation error bound on the mean update:** ≤ {bound:.3g} per coordinate (Δ/2 for nearest "
        "rounding, Δ = 2·clip / (2^bits − 1))" if bound is not None else
        "- **quantisation error bound:** no round recovered a sum",
        f"- **rounds failed:** {failed} of {len(rounds)}",
    ]
    rows = []
    for r in rounds:
        sa = r["secure_aggregation"]
        drops = "; ".join(f"{stage}: {', '.join(p)}" for stage, p in sa.get("dropouts", {}).items()) or "—"
        rows.append([r.get("round"), sa.get("advertised", "—"), sa.get("shared_keys", "—"),
                     len(sa.get("survivors", [])), drops, sa.get("failed") or "sum recovered"])
    return "\n".join(lines) + "\n\n" + table(
        ["round", "advertised keys", "shared keys", "in the sum", "dropouts (stage: plants)", "outcome"], rows)
