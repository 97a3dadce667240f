"""A plant's side of a securely aggregated pretraining round (protocol: ``common/secagg``).

Stage 1 (``setup``): train as in a plain round, clip and quantise the update Δ = w_trained − w_global
(shared tensors in sorted-name order), weight it, and advertise fresh X25519 keys. Stages 2–4
(``share``, ``mask``, ``unmask``) follow ``common.secagg.protocol``. Between stages the plant's
secrets (private keys, self-mask seed, its own shares, the shares it received) and its encoded
update live in its state directory (0700 directory, 0600 files), never in a message in the clear;
they are deleted once the plant has answered the unmasking. Every message may reach a fresh
process (deployment): nothing is kept in memory between stages.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from common import wire
from common.config.schema import RunSpec
from common.privacy.policy import releasable
from common.secagg import protocol
from common.secagg.errors import SecAggFailure
from common.secagg.graph import graph_seed, neighbour_graph
from common.secagg.rounds import quantiser, round_context

logger = logging.getLogger(__name__)

STATE_DIR = "secagg"


@dataclass(frozen=True)
class StageReply:
    """What a stage sends back: ``protocol`` (keys, encrypted shares: no data) beside the usual records."""

    protocol: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] | None = None




def flat_update(trained: dict[str, np.ndarray], current: dict[str, np.ndarray]) -> np.ndarray:
    """Δ = trained − current, concatenated over the shared tensors in sorted-name order (float64)."""
    missing = sorted(set(current) ^ set(trained))
    if missing:
        raise ValueError(f"trained and global shared tensors differ: {missing[:5]}")
    return np.concatenate([(np.asarray(trained[k], np.float64) - np.asarray(current[k], np.float64)).ravel()
                           for k in sorted(current)])


def plant_weight(num_examples: int, may_release_sizes: bool, max_weight: int) -> int:
    """The integer weight in the sum: the example count (capped at ``max_weight``), or 1 for a plant
    whose policy keeps its sizes home (as in a plain round, where it then counts with weight 1)."""
    return max(1, min(int(num_examples), max_weight)) if may_release_sizes else 1


def _write_private(path: Path, data: bytes) -> None:
    """Write a 0600 file atomically (temporary file + rename), without fsync: a round's secrets are of
    no use after a crash (the round fails and the next one uses fresh keys), so durability would only
    cost time (two fsyncs per stage)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class SecAggState:
    """The plant's round secrets on disk: ``<state>/secagg/<run>-round-<r>.{json,npy}``, 0600."""

    def __init__(self, root: Path, run_name: str, server_round: int) -> None:
        self.dir = Path(root) / STATE_DIR
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", run_name)[:100] + f"-round-{server_round}"
        self.secrets_path = self.dir / f"{stem}.json"
        self.update_path = self.dir / f"{stem}.npy"

    def save(self, secrets: protocol.PlantSecrets, encoded: np.ndarray | None = None) -> None:
        _write_private(self.secrets_path, secrets.to_json())
        if encoded is not None:
            _write_private(self.update_path, np.ascontiguousarray(encoded, dtype="<u8").tobytes())

    def secrets(self) -> protocol.PlantSecrets:
        if not self.secrets_path.exists():
            raise SecAggFailure(f"{self.secrets_path} is missing: this plant did not take part in the round's "
                                "earlier stages (or already answered its unmasking)")
        return protocol.PlantSecrets.from_json(self.secrets_path.read_bytes())

    def encoded(self) -> np.ndarray:
        return np.frombuffer(self.update_path.read_bytes(), dtype="<u8").astype(np.uint64)

    def forget(self) -> None:
        for path in (self.secrets_path, self.update_path):
            path.unlink(missing_ok=True)

    def forget_older(self) -> None:
        """Secrets of rounds that never finished (the coordinator failed them) are of no further use."""
        for path in self.dir.glob("*-round-*.*"):
            if path not in (self.secrets_path, self.update_path):
                path.unlink(missing_ok=True)


def setup(state_root: Path, spec: RunSpec, current: dict[str, np.ndarray], trained: dict[str, np.ndarray],
          num_examples: int, policy_allow: tuple[str, ...] | list[str], dp: bool, plant_id: str,
          run_name: str, server_round: int) -> StageReply:
    """Stage 1, after training: encode [w·q(clip(Δ)), w], keep it with fresh keys; advertise the public keys."""
    sa = spec.federation.secure_aggregation
    sizes_ok = not dp or wire.NUM_EXAMPLES in releasable([wire.NUM_EXAMPLES], policy_allow)
    weight = plant_weight(num_examples, sizes_ok, sa.max_weight)
    encoded = quantiser(spec.federation).encode(flat_update(trained, current), weight, rounding=sa.rounding)
    secrets, public = protocol.advertise(plant_id, round_context(run_name, server_round))
    state = SecAggState(state_root, run_name, server_round)
    state.forget_older()
    state.save(secrets, encoded)
    return StageReply({wire.SECAGG_PUBLIC_KEYS: json.dumps([public.c_pk.hex(), public.s_pk.hex()])})


def public_keys_of(raw: str) -> dict[str, protocol.PublicKeys]:
    """The coordinator's table {plant: [c_pk, s_pk]} (hex): a plant receives its neighbours' rows only."""
    table = json.loads(raw)
    return {str(p): protocol.PublicKeys(bytes.fromhex(c), bytes.fromhex(s)) for p, (c, s) in table.items()}


def share(state_root: Path, spec: RunSpec, config: dict[str, Any], run_name: str, server_round: int) -> StageReply:
    """Stage 2: from U1 (the plants that advertised keys), compute the round's neighbour graph (the
    same rule as the coordinator), check that the keys received are exactly its neighbours', and send
    each neighbour its encrypted shares of b_i and s_sk_i, plus a commitment to b_i."""
    state = SecAggState(state_root, run_name, server_round)
    secrets = state.secrets()
    me = secrets.plant_id
    round_plants = sorted({str(p) for p in json.loads(str(config[wire.SECAGG_ROUND_PLANTS]))})
    if me not in round_plants:
        raise SecAggFailure(f"plant {me} is not among the round's advertised keys")
    k, t = spec.federation.secure_aggregation.resolved(len(round_plants))
    mine = neighbour_graph(round_plants, k, graph_seed(secrets.context))[me]
    keys = public_keys_of(str(config[wire.SECAGG_PUBLIC_KEYS]))
    if set(keys) != set(mine):
        raise SecAggFailure(f"plant {me} was sent the keys of {sorted(keys)[:5]}, not of its neighbours "
                            f"{list(mine)[:5]} in the round's graph: refused")
    secrets, ciphertexts, commitment = protocol.share_keys(secrets, {p: keys[p] for p in mine}, t, len(round_plants))
    state.save(secrets)
    return StageReply({wire.SECAGG_CIPHERTEXTS: json.dumps({p: c.decode() for p, c in ciphertexts.items()}),
                       wire.SECAGG_COMMITMENT: commitment.hex()})


def wire_dtype(modulus_bits: int) -> type[np.unsignedinteger]:
    """uint32 when Z_M fits in it (half the bytes), else uint64."""
    return np.uint32 if modulus_bits <= 32 else np.uint64


def mask(state_root: Path, spec: RunSpec, config: dict[str, Any], run_name: str, server_round: int) -> StageReply:
    """Stage 3: y_i = x_i + PRG(b_i) ± PRG(s_ij) over the neighbours whose shares reached this plant."""
    sa = spec.federation.secure_aggregation
    state = SecAggState(state_root, run_name, server_round)
    secrets = state.secrets()
    routed = json.loads(str(config[wire.SECAGG_ROUTED])).get(secrets.plant_id, {})
    received = {str(p): str(c).encode() for p, c in routed.items()}
    _, t = sa.resolved(secrets.round_size)
    secrets, masked = protocol.masked_input(secrets, received, state.encoded(), sa.modulus_bits, t)
    state.save(secrets)
    return StageReply(arrays={wire.SECAGG_MASKED: masked.astype(wire_dtype(sa.modulus_bits))})


def unmask(state_root: Path, spec: RunSpec, config: dict[str, Any], run_name: str, server_round: int) -> StageReply:
    """Stage 4: b-shares of surviving neighbours, sk-shares of dropped ones; then forget the round."""
    sa = spec.federation.secure_aggregation
    state = SecAggState(state_root, run_name, server_round)
    secrets = state.secrets()
    survivors = {str(p) for p in json.loads(str(config[wire.SECAGG_SURVIVORS]))}
    dropouts = {str(p) for p in json.loads(str(config[wire.SECAGG_DROPOUTS]))}
    _, t = sa.resolved(secrets.round_size)
    shares = protocol.unmask_shares(secrets, survivors, dropouts, t)
    state.forget()
    return StageReply({wire.SECAGG_SHARES: json.dumps({p: [kind, s.hex()] for p, (kind, s) in shares.items()})})
