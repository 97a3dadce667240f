"""The four SecAgg+ stages (Bonawitz et al. 2017; Bell et al. 2020) as pure functions.

Plant i holds two X25519 key pairs (c: encrypts shares, s: pairwise masks) and a 32-byte self-mask
seed b_i. With U2 the plants that shared keys, N(i) its neighbours and s_ij = HKDF(X25519(s_i, s_j)):

    y_i = x_i + PRG(b_i) + Σ_{j ∈ N(i) ∩ U2, i < j} PRG(s_ij) − Σ_{j ∈ N(i) ∩ U2, j < i} PRG(s_ij)   (mod M)

1. ``advertise``: i sends (c_pk, s_pk).
2. ``share_keys``: i splits b_i and s_sk_i into t-of-(|N(i)|+1) Shamir shares (GF(2^128),
   ``common.secagg.shares``), keeps its own, and encrypts each neighbour's pair with Fernet under
   HKDF(X25519(c_i, c_j)); it also sends a hash commitment to b_i.
3. ``masked_input``: i, given the ciphertexts routed to it (its neighbours in U2), sends y_i.
4. ``unmask_shares``: given survivors U3 (sent y) and dropouts U2 \\ U3, i returns its b-share of every
   surviving neighbour and its s_sk-share of every dropped one, never both for one plant.
``recover_sum`` (coordinator): Σ_{U3} y_i − Σ_{U3} PRG(b_i) − the masks between U3 and the dropouts,
from ≥ t shares each; fewer → ``SecAggFailure``. The result is Σ_{i ∈ U3} x_i mod M.

Threat model: an honest-but-curious coordinator and plants authenticated by the transport (no
signatures on the advertised keys, no consistency round): the coordinator learns only sums of at
least t plants' inputs as long as it follows the protocol.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace

import numpy as np
from cryptography.fernet import InvalidToken

from common.secagg import keys, prg
from common.secagg.errors import SecAggFailure
from common.secagg.shares import combine, decrypt, encrypt, split

B, SK = "b", "sk"  # the two kinds of share a plant returns at unmasking


@dataclass(frozen=True)
class PublicKeys:
    """What a plant advertises at stage 1."""

    c_pk: bytes
    s_pk: bytes


@dataclass(frozen=True)
class PlantSecrets:
    """What a plant keeps between stages (in its own state, never sent in the clear)."""

    plant_id: str
    context: bytes
    c_sk: bytes
    s_sk: bytes
    b: bytes = b""
    own_b_share: bytes = b""
    own_sk_share: bytes = b""
    neighbour_keys: dict[str, PublicKeys] = field(default_factory=dict)
    received: dict[str, bytes] = field(default_factory=dict)  # sender → ciphertext (stage 3)
    round_size: int = 0  # |U1|, the plants that advertised keys (sets the graph and threshold rules)

    def to_json(self) -> bytes:
        """Hex-encoded JSON, for the plant's state file."""
        return json.dumps({
            "plant_id": self.plant_id, "context": self.context.hex(), "c_sk": self.c_sk.hex(),
            "s_sk": self.s_sk.hex(), "b": self.b.hex(), "own_b_share": self.own_b_share.hex(),
            "own_sk_share": self.own_sk_share.hex(),
            "neighbour_keys": {p: [k.c_pk.hex(), k.s_pk.hex()] for p, k in self.neighbour_keys.items()},
            "received": {p: c.hex() for p, c in self.received.items()}, "round_size": self.round_size,
        }).encode()

    @staticmethod
    def from_json(raw: bytes) -> PlantSecrets:
        d = json.loads(raw)
        h = bytes.fromhex
        return PlantSecrets(
            d["plant_id"], h(d["context"]), h(d["c_sk"]), h(d["s_sk"]), h(d["b"]), h(d["own_b_share"]),
            h(d["own_sk_share"]),
            {p: PublicKeys(h(c), h(s)) for p, (c, s) in d["neighbour_keys"].items()},
            {p: h(c) for p, c in d["received"].items()}, int(d["round_size"]),
        )


def _pair(a: str, b: str) -> bytes:
    lo, hi = sorted((a, b))
    return f"{len(lo)}:{lo}|{hi}".encode()


def _commit(b: bytes) -> bytes:
    return hashlib.sha256(b"factoryfl-secagg/b-commit" + b).digest()


def _self_mask(b: bytes, length: int, modulus_bits: int, context: bytes) -> np.ndarray:
    return prg.mask(b, length, modulus_bits, label=b"self/" + context)


def _pair_mask(s_sk: bytes, peer_s_pk: bytes, me: str, peer: str, length: int, modulus_bits: int,
               context: bytes) -> np.ndarray:
    seed = keys.agree(s_sk, peer_s_pk, b"pair-seed/" + context + b"/" + _pair(me, peer))
    return prg.mask(seed, length, modulus_bits, label=b"pair/" + context)


def _enc_key(c_sk: bytes, peer_c_pk: bytes, me: str, peer: str, context: bytes) -> bytes:
    return keys.fernet_key(keys.agree(c_sk, peer_c_pk, b"enc/" + context + b"/" + _pair(me, peer)))


def require(what: str, count: int, threshold: int) -> None:
    """Coordinator: fail the round when fewer than ``threshold`` plants are left at a stage."""
    if count < threshold:
        raise SecAggFailure(f"only {count} plants {what}; threshold {threshold} needs at least {threshold}")


# ---- stage 1 ---------------------------------------------------------------------------------

def advertise(plant_id: str, context: bytes) -> tuple[PlantSecrets, PublicKeys]:
    """Fresh key pairs for this round: (secrets to keep, public keys to send)."""
    c_sk, s_sk = keys.new_private_key(), keys.new_private_key()
    return PlantSecrets(plant_id, context, c_sk, s_sk), PublicKeys(keys.public_key(c_sk), keys.public_key(s_sk))


# ---- stage 2 ---------------------------------------------------------------------------------

def share_keys(secrets: PlantSecrets, neighbours: dict[str, PublicKeys], threshold: int, round_size: int = 0,
               ) -> tuple[PlantSecrets, dict[str, bytes], bytes]:
    """(secrets + b_i and own shares, receiver → ciphertext of its shares, commitment to b_i).

    ``round_size``: |U1|, kept with the secrets for the later stages' rules."""
    me = secrets.plant_id
    if me in neighbours:
        raise SecAggFailure(f"plant {me} was given itself as a neighbour")
    members = sorted([me, *neighbours])
    if not 2 <= threshold <= len(members):
        raise SecAggFailure(f"threshold {threshold} needs 2 to {len(members)} holders; plant {me} has "
                            f"{len(members) - 1} neighbours")
    b = os.urandom(prg.SECRET_BYTES)
    b_shares = split(b, threshold, len(members))
    sk_shares = split(secrets.s_sk, threshold, len(members))
    out: dict[str, bytes] = {}
    own_b = own_sk = b""
    for pos, peer in enumerate(members):
        if peer == me:
            own_b, own_sk = b_shares[pos], sk_shares[pos]
            continue
        plain = json.dumps({"from": me, "to": peer, B: b_shares[pos].hex(), SK: sk_shares[pos].hex()}).encode()
        out[peer] = encrypt(_enc_key(secrets.c_sk, neighbours[peer].c_pk, me, peer, secrets.context), plain)
    kept = replace(secrets, b=b, own_b_share=own_b, own_sk_share=own_sk, neighbour_keys=dict(neighbours),
                   round_size=round_size)
    return kept, out, _commit(b)


def route(ciphertexts: dict[str, dict[str, bytes]]) -> dict[str, dict[str, bytes]]:
    """Coordinator: sender → {receiver → ct} into receiver → {sender → ct}, among the senders only."""
    out: dict[str, dict[str, bytes]] = {p: {} for p in ciphertexts}
    for sender, per_receiver in ciphertexts.items():
        for receiver, ct in per_receiver.items():
            if receiver in out:
                out[receiver][sender] = ct
    return out


# ---- stage 3 ---------------------------------------------------------------------------------

def masked_input(secrets: PlantSecrets, received: dict[str, bytes], encoded: np.ndarray, modulus_bits: int,
                 threshold: int) -> tuple[PlantSecrets, np.ndarray]:
    """(secrets + the ciphertexts received, y_i = x_i + self mask ± pairwise masks mod M)."""
    me = secrets.plant_id
    unknown = sorted(set(received) - set(secrets.neighbour_keys))
    if unknown:
        raise SecAggFailure(f"plant {me} received shares from non-neighbours {unknown}")
    if len(received) + 1 < threshold:
        raise SecAggFailure(f"only {len(received)} of plant {me}'s neighbours shared keys; threshold {threshold} "
                            "needs at least threshold − 1")
    x = np.asarray(encoded, dtype=np.uint64)
    y = x + _self_mask(secrets.b, x.size, modulus_bits, secrets.context)
    for peer in sorted(received):
        m = _pair_mask(secrets.s_sk, secrets.neighbour_keys[peer].s_pk, me, peer, x.size, modulus_bits,
                       secrets.context)
        y = y + m if me < peer else y - m
    return replace(secrets, received=dict(received)), y & np.uint64(2**modulus_bits - 1)


# ---- stage 4 ---------------------------------------------------------------------------------

def unmask_shares(secrets: PlantSecrets, survivors: set[str], dropouts: set[str], threshold: int,
                  ) -> dict[str, tuple[str, bytes]]:
    """Owner → (B or SK, share): b-shares of surviving neighbours (and itself), sk-shares of dropped ones.

    ``survivors`` (U3) and ``dropouts`` (U2 \\ U3) are the round's; only this plant's neighbours count.
    """
    me = secrets.plant_id
    if survivors & dropouts:
        raise SecAggFailure(f"plant {me} was asked for both shares of {sorted(survivors & dropouts)}: refused")
    if me not in survivors:
        raise SecAggFailure(f"plant {me} was not listed among the survivors it belongs to")
    if len(survivors) < threshold:
        raise SecAggFailure(f"only {len(survivors)} plants survived; threshold {threshold}: refused to unmask")
    out: dict[str, tuple[str, bytes]] = {me: (B, secrets.own_b_share)}
    for peer, ct in secrets.received.items():
        if peer not in survivors and peer not in dropouts:
            continue
        try:
            plain = json.loads(decrypt(_enc_key(secrets.c_sk, secrets.neighbour_keys[peer].c_pk, me, peer,
                                                secrets.context), ct))
        except (InvalidToken, ValueError) as exc:
            raise SecAggFailure(f"plant {me}: the shares routed from {peer} do not decrypt ({type(exc).__name__})") \
                from exc
        if plain["from"] != peer or plain["to"] != me:
            raise SecAggFailure(f"plant {me}: the shares routed from {peer} were addressed {plain['from']}→"
                                f"{plain['to']}")
        kind = B if peer in survivors else SK
        out[peer] = (kind, bytes.fromhex(plain[kind]))
    return out


def _reconstruct(owner: str, kind: str, shares: list[bytes], threshold: int) -> bytes:
    if len(shares) < threshold:
        raise SecAggFailure(f"only {len(shares)} {kind}-shares of plant {owner} came back; threshold {threshold} "
                            "needs more survivors")
    try:
        # the t lowest share indices: the same index sets recur, so their Lagrange weights are cached
        return combine(sorted(shares, key=lambda s: int.from_bytes(s[:4], "little"))[:threshold])
    except ValueError as exc:
        raise SecAggFailure(f"the {kind}-shares of plant {owner} do not combine: {exc}") from exc


@dataclass(frozen=True)
class RoundView:
    """What the coordinator knows after stage 3."""

    public_keys: dict[str, PublicKeys]  # U1
    commitments: dict[str, bytes]  # U2 → commitment to b_i
    masked_with: dict[str, tuple[str, ...]]  # i ∈ U2 → the neighbours routed to it (N(i) ∩ U2)
    masked: dict[str, np.ndarray]  # U3 → y_i


def recover_sum(view: RoundView, replies: dict[str, dict[str, tuple[str, bytes]]], threshold: int,
                modulus_bits: int, context: bytes) -> np.ndarray:
    """Σ_{i ∈ U3} x_i mod M from the masked vectors and the unmasking replies (responder → owner → share)."""
    survivors = sorted(view.masked)
    if len(survivors) < threshold:
        raise SecAggFailure(f"only {len(survivors)} plants sent masked updates; threshold {threshold}")
    if len(replies) < threshold:
        raise SecAggFailure(f"only {len(replies)} plants answered the unmasking; threshold {threshold}")
    dropouts = sorted(set(view.commitments) - set(view.masked))
    gathered: dict[tuple[str, str], list[bytes]] = {}
    for per_owner in replies.values():
        for owner, (kind, share) in per_owner.items():
            gathered.setdefault((owner, kind), []).append(share)
    length = next(iter(view.masked.values())).size
    mod = np.uint64(2**modulus_bits - 1)
    total = np.zeros(length, dtype=np.uint64)
    for i in survivors:
        total += np.asarray(view.masked[i], dtype=np.uint64)
    for i in survivors:
        b = _reconstruct(i, B, gathered.get((i, B), []), threshold)
        if _commit(b) != view.commitments[i]:
            raise SecAggFailure(f"the b-shares of plant {i} reconstruct a seed that does not match its commitment")
        total -= _self_mask(b, length, modulus_bits, context)
    for j in dropouts:
        s_sk = _reconstruct(j, SK, gathered.get((j, SK), []), threshold)
        if len(s_sk) != keys.KEY_BYTES or keys.public_key(s_sk) != view.public_keys[j].s_pk:
            raise SecAggFailure(f"the sk-shares of dropped plant {j} do not reconstruct its advertised key")
        for i in survivors:
            if j not in view.masked_with.get(i, ()):
                continue
            m = _pair_mask(s_sk, view.public_keys[i].s_pk, j, i, length, modulus_bits, context)
            total = total - m if i < j else total + m  # i added +m when i < j
    return total & mod
