"""Secure aggregation core (common/secagg): the sum, the masks, dropouts, thresholds, overflow."""

from __future__ import annotations

import numpy as np
import pytest
from flwr.common.secure_aggregation.crypto.shamir import combine_shares, create_shares
from scipy import stats

from common.secagg import prg, protocol, shares
from common.secagg.errors import SecAggFailure
from common.secagg.graph import neighbour_graph
from common.secagg.in_memory import run_round
from common.secagg.quantise import Quantiser, clip_l2, overflow_problem

QUANT = Quantiser(clip=1.0, bits=16, modulus_bits=64)


def _plants(n: int, dim: int = 300, seed: int = 0) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    rng = np.random.default_rng(seed)
    updates = {f"plant-{i:02d}": rng.normal(0.0, 0.02, dim) * rng.uniform(0.2, 6.0) for i in range(n)}
    weights = {p: int(rng.integers(1, 500)) for p in updates}
    return updates, weights


def _check_sum(updates: dict[str, np.ndarray], weights: dict[str, int], total: np.ndarray, u3: list[str]) -> None:
    got, w = QUANT.decode_sum(total)
    assert w == sum(weights[p] for p in u3)
    true = sum(weights[p] * clip_l2(updates[p], QUANT.clip) for p in u3)
    assert np.max(np.abs(got - true)) <= QUANT.error_bound(w) + 1e-9


def test_recovered_sum_equals_weighted_sum_within_the_quantisation_bound() -> None:
    updates, weights = _plants(10)
    assert any(np.linalg.norm(u) > QUANT.clip for u in updates.values())  # clipping is exercised
    encoded = {p: QUANT.encode(u, weights[p]) for p, u in updates.items()}
    for k, t in ((9, 6), (4, 3)):  # complete graph (SecAgg) and a 4-regular graph (SecAgg+)
        total, u3 = run_round(encoded, threshold=t, neighbours=k, modulus_bits=64)
        assert u3 == sorted(updates)
        _check_sum(updates, weights, total, u3)
    mean = QUANT.decode_sum(total)[0] / sum(weights.values())
    true_mean = sum(weights[p] * clip_l2(u, 1.0) for p, u in updates.items()) / sum(weights.values())
    assert np.max(np.abs(mean - true_mean)) <= QUANT.step / 2 + 1e-12


def test_stochastic_rounding_stays_within_one_step() -> None:
    updates, weights = _plants(4)
    rng = np.random.default_rng(3)
    total = sum(QUANT.encode(u, weights[p], rounding="stochastic", rng=rng) for p, u in updates.items())
    got, w = QUANT.decode_sum(np.asarray(total, dtype=np.uint64))
    true = sum(weights[p] * clip_l2(u, 1.0) for p, u in updates.items())
    assert np.max(np.abs(got - true)) <= QUANT.error_bound(w, "stochastic")
    assert np.max(np.abs(got - true)) > QUANT.error_bound(w, "nearest") / 100  # it does round


def _uniform_p(values: np.ndarray, modulus_bits: int = 64) -> float:
    """Chi-square p-value of the top 8 bits over 256 equal bins of Z_M."""
    top = (values >> np.uint64(modulus_bits - 8)).astype(np.int64)
    return float(stats.chisquare(np.bincount(top, minlength=256)).pvalue)


def test_prg_mask_is_uniform_and_keyed_by_the_whole_secret() -> None:
    secret = bytes(range(32))
    m = prg.mask(secret, 1 << 15, 64, label=b"t")
    assert _uniform_p(m) > 1e-3
    assert stats.kstest(m.astype(np.float64) / 2.0**64, "uniform").pvalue > 1e-3
    flipped = bytes([secret[0]]) + bytes([secret[1] ^ 0x80]) + secret[2:]  # a bit beyond the first 4 bytes too
    last = secret[:31] + bytes([secret[31] ^ 1])
    for other in (flipped, last):
        assert not np.array_equal(prg.mask(other, 64, 64, label=b"t"), m[:64])
    assert np.array_equal(prg.mask(secret, 64, 64, label=b"t"), m[:64])
    assert not np.array_equal(prg.mask(secret, 64, 64, label=b"u"), m[:64])
    with pytest.raises(ValueError, match="32 bytes"):
        prg.mask(secret[:4], 8, 64, label=b"t")


def _masked_vector_of(plant_input: np.ndarray, others: int = 4) -> np.ndarray:
    """The masked vector the coordinator receives from plant-00 in a round with ``others`` more plants."""
    ids = [f"plant-{i:02d}" for i in range(others + 1)]
    secrets, public = {}, {}
    for p in ids:
        secrets[p], public[p] = protocol.advertise(p, b"uniformity")
    sent = {}
    for p in ids:
        secrets[p], sent[p], _ = protocol.share_keys(secrets[p], {q: public[q] for q in ids if q != p}, 3)
    routed = protocol.route(sent)
    return protocol.masked_input(secrets["plant-00"], routed["plant-00"], plant_input, 64, 3)[1]


def test_a_plants_masked_vector_is_uniform_whatever_its_update() -> None:
    n = 1 << 14
    small = QUANT.encode(np.zeros(n - 1), 1)
    large = QUANT.encode(np.full(n - 1, 0.5 / np.sqrt(n)), 400)
    assert _uniform_p(small) < 1e-100 and _uniform_p(large) < 1e-100  # the updates themselves are far from it
    y_small, y_large = _masked_vector_of(small), _masked_vector_of(large)
    # fresh keys each run (the OS's CSPRNG), so p-values are random: 1e-6 keeps false failures negligible
    assert _uniform_p(y_small) > 1e-6 and _uniform_p(y_large) > 1e-6
    assert stats.ks_2samp(y_small.astype(np.float64), y_large.astype(np.float64)).pvalue > 1e-6


def _full_round_parts(n: int, t: int) -> tuple[protocol.RoundView, dict[str, dict[str, tuple[str, bytes]]]]:
    ids = [f"plant-{i:02d}" for i in range(n)]
    secrets, public = {}, {}
    for p in ids:
        secrets[p], public[p] = protocol.advertise(p, b"r")
    sent, commits = {}, {}
    for p in ids:
        secrets[p], sent[p], commits[p] = protocol.share_keys(secrets[p], {q: public[q] for q in ids if q != p}, t)
    routed = protocol.route(sent)
    masked = {}
    for p in ids:
        secrets[p], masked[p] = protocol.masked_input(secrets[p], routed[p], QUANT.encode(np.ones(8) * 0.1, 1), 64, t)
    view = protocol.RoundView(public, commits, {p: tuple(routed[p]) for p in ids}, masked)
    replies = {p: protocol.unmask_shares(secrets[p], set(ids), set(), t) for p in ids}
    return view, replies


def test_unmasking_with_fewer_than_threshold_shares_fails() -> None:
    n, t = 6, 4
    view, replies = _full_round_parts(n, t)
    total = protocol.recover_sum(view, replies, t, 64, b"r")
    assert QUANT.decode_sum(total)[1] == n
    few = dict(list(replies.items())[: t - 1])
    with pytest.raises(SecAggFailure, match="threshold 4"):
        protocol.recover_sum(view, few, t, 64, b"r")
    # and the t − 1 shares, combined anyway, do not give the seed (Shamir hides it below t)
    secret = bytes(range(32))
    ours = shares.split(secret, t, n)
    assert shares.combine(ours[:t]) == secret == shares.combine(ours[2:2 + t])
    try:
        assert shares.combine(ours[: t - 1]) != secret
    except ValueError:
        pass  # the padding check caught it
    # the layout is Flower's: each side combines the other's shares
    assert combine_shares(ours[1:1 + t]) == secret
    assert shares.combine(create_shares(secret, t, n)[:t]) == secret


@pytest.mark.parametrize("stage", [1, 2, 3])
@pytest.mark.parametrize("graph", ["complete", "sparse"])
def test_dropouts_after_each_stage_recover_the_survivors_sum(stage: int, graph: str) -> None:
    n, t, k = (8, 5, 7) if graph == "complete" else (10, 3, 4)
    updates, weights = _plants(n, dim=50, seed=stage)
    encoded = {p: QUANT.encode(u, weights[p]) for p, u in updates.items()}
    ids = sorted(updates)
    one = {ids[3]}
    many = set(ids[:n - t]) if graph == "complete" else {ids[0], ids[5]}  # sparse: keep each neighbourhood ≥ t
    for dropped in (one, many):
        total, u3 = run_round(encoded, threshold=t, neighbours=k, modulus_bits=64, drop_after={stage: dropped},
                              context=f"drop-{stage}".encode())
        expected_u3 = sorted(set(ids) - dropped) if stage < 3 else ids
        assert u3 == expected_u3
        _check_sum(updates, weights, total, u3)


@pytest.mark.parametrize("stage", [0, 1, 2, 3])
def test_more_than_n_minus_t_dropouts_fail_the_round_cleanly(stage: int) -> None:
    n, t = 8, 5
    updates, weights = _plants(n, dim=20)
    encoded = {p: QUANT.encode(u, weights[p]) for p, u in updates.items()}
    dropped = set(sorted(updates)[: n - t + 1])
    with pytest.raises(SecAggFailure, match="threshold 5"):
        run_round(encoded, threshold=t, neighbours=n - 1, modulus_bits=64, drop_after={stage: dropped})
    # the next round, with everyone back, runs
    total, u3 = run_round(encoded, threshold=t, neighbours=n - 1, modulus_bits=64, context=b"next")
    _check_sum(updates, weights, total, u3)


def test_a_plant_refuses_to_reveal_both_shares_of_one_plant() -> None:
    ids = ["a", "b", "c"]
    secrets, public = {}, {}
    for p in ids:
        secrets[p], public[p] = protocol.advertise(p, b"x")
    sent = {}
    for p in ids:
        secrets[p], sent[p], _ = protocol.share_keys(secrets[p], {q: public[q] for q in ids if q != p}, 2)
    routed = protocol.route(sent)
    s, _ = protocol.masked_input(secrets["a"], routed["a"], np.zeros(3, np.uint64), 64, 2)
    with pytest.raises(SecAggFailure, match="both shares"):
        protocol.unmask_shares(s, {"a", "b"}, {"b"}, 2)
    assert protocol.PlantSecrets.from_json(s.to_json()) == s


def test_neighbour_graph_is_k_regular_and_symmetric() -> None:
    ids = [f"p{i}" for i in range(20)]
    g = neighbour_graph(ids, 6, b"seed")
    assert all(len(v) == 6 and p not in v for p, v in g.items())
    assert all(p in g[q] for p, v in g.items() for q in v)
    assert neighbour_graph(ids, 6, b"seed") == g and neighbour_graph(ids, 6, b"other") != g
    assert all(len(v) == 4 for v in neighbour_graph(ids[:5], 9, b"s").values())  # k ≥ n − 1: complete
    with pytest.raises(ValueError, match="even"):
        neighbour_graph(ids, 5, b"seed")


def test_overflow_check_refuses_a_too_small_modulus_naming_the_key() -> None:
    assert overflow_problem(100, 16, 1000, 64, key="federation.secure_aggregation") is None
    msg = overflow_problem(100, 16, 1000, 32, key="federation.secure_aggregation")
    assert msg is not None and "federation.secure_aggregation.modulus_bits" in msg and "at least 33" in msg
    # and it is right: at the edge the sum wraps and decodes wrongly
    q = Quantiser(clip=1.0, bits=8, modulus_bits=16)
    assert overflow_problem(2, 8, 200, 16, key="k") is not None
    total = (q.encode(np.full(4, 0.4), 200) + q.encode(np.full(4, 0.4), 200)) & q.mask
    assert q.decode_sum(total)[1] == 400
    assert not np.allclose(q.decode_sum(total)[0], 400 * 0.4, atol=q.error_bound(400))


def test_fast_combine_agrees_with_pycryptodome_and_flower_on_any_t_shares() -> None:
    rng = np.random.default_rng(7)
    for t, n in ((2, 3), (6, 10), (11, 21)):
        for _ in range(4):
            secret = rng.bytes(32)
            ours = shares.split(secret, t, n)
            pick = [ours[i] for i in rng.choice(n, size=t, replace=False)]
            assert shares.combine(pick) == secret == combine_shares(pick)
            assert shares.combine(create_shares(secret, t, n)[-t:]) == secret
            with pytest.raises(ValueError, match="duplicate"):
                shares.combine(pick[: t - 1] + pick[:1])
