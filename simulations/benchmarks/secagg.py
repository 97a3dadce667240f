"""Secure aggregation's cost per round: protocol time and bytes per plant, at 10, 50 and 100 plants.

What is measured: the four SecAgg+ stages (common/secagg) for an update the size of the default
CNN's shared parameters (CWRU, 10 classes), every plant's stage run in turn in this process, then
the coordinator's unmasking; with no dropout and with one plant lost after sharing keys (its pairwise
masks rebuilt from t shares). Neighbours k and threshold t are the config's rules
(``common.secagg.graph``: k = smallest even ≥ 3·log2 n, capped at n − 1; t = majority of k + 1).
Bytes are the wire payloads as client/secagg.py and server/secagg.py encode them (JSON of hex keys,
Fernet tokens, uint64 masked vector); the plain round moves the float32 update each way.
Seeds change the keys' randomness and the updates; 3 seeds, mean ± std.

Whole rounds (``--whole-sizes``): ``factoryfl simulate`` (Flower's simulation engine, Ray) on a small
synthetic federation (n plants, 16 windows per class, the small test CNN), 3 rounds, with and
without secure aggregation; the time per round is the mean of rounds 2–3 (round 1 warms up).
The 4-plant CWRU DP accuracy with and without secure aggregation: ``simulations/benchmarks/secagg_dp.py``.

Run: make bench-secagg   (writes simulations/results/secagg.{json,md} and secagg_dp.{json,md})
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from simulations.benchmarks.common import machine, machine_line, mean_std, publish

SIZES = (10, 50, 100)
SEEDS = (0, 1, 2)


def shared_parameter_count() -> int:
    from common.config.schema import ModelConfig
    from common.models import build_model, shared_state

    return sum(int(v.numel()) for v in shared_state(build_model(1, 10, ModelConfig(), seed=0)).values())


def one_round(n: int, dim: int, seed: int, drop_after_keys: bool) -> dict[str, Any]:
    """Time and bytes of one round among ``n`` plants (one lost after sharing keys if asked)."""
    from common.secagg import protocol
    from common.secagg.graph import graph_seed, neighbour_graph, recommended_neighbours, recommended_threshold
    from common.secagg.quantise import Quantiser

    rng = np.random.default_rng(seed)
    quant = Quantiser(clip=10.0, bits=24, modulus_bits=64)
    k = recommended_neighbours(n)
    t = recommended_threshold(k)
    ids = [f"plant-{i:03d}" for i in range(n)]
    context = f"bench/{seed}".encode()
    encoded = {p: quant.encode(rng.normal(0, 0.01, dim), int(rng.integers(1, 1000))) for p in ids}
    seconds = {"advertise": 0.0, "share_keys": 0.0, "masked_input": 0.0, "unmask_shares": 0.0}
    up = dict.fromkeys(ids, 0)
    secrets, public = {}, {}
    started = time.perf_counter()
    for p in ids:
        secrets[p], public[p] = protocol.advertise(p, context)
        up[p] += len(json.dumps([public[p].c_pk.hex(), public[p].s_pk.hex()]))
    seconds["advertise"] = time.perf_counter() - started
    graph = neighbour_graph(ids, k, graph_seed(context))
    # each plant receives U1's ids and its neighbours' keys only (a per-plant config entry)
    own_keys = max(len(json.dumps({q: [public[q].c_pk.hex(), public[q].s_pk.hex()] for q in graph[p]}))
                   for p in ids)
    round_plants = json.dumps(ids)
    sent, commitments = {}, {}
    started = time.perf_counter()
    for p in ids:
        secrets[p], sent[p], commitments[p] = protocol.share_keys(secrets[p], {q: public[q] for q in graph[p]}, t, n)
        up[p] += len(json.dumps({q: c.decode() for q, c in sent[p].items()})) + 64
    seconds["share_keys"] = time.perf_counter() - started
    routed = protocol.route(sent)
    # each plant receives only the shares addressed to it (a per-plant config entry)
    own_routed = max(len(json.dumps({r: {s: c.decode() for s, c in routed.get(r, {}).items()}})) for r in ids)
    u3 = ids[1:] if drop_after_keys else ids
    masked = {}
    started = time.perf_counter()
    for p in u3:
        secrets[p], masked[p] = protocol.masked_input(secrets[p], routed[p], encoded[p], 64, t)
        up[p] += masked[p].nbytes
    seconds["masked_input"] = time.perf_counter() - started
    survivors, dropped = set(u3), set(ids) - set(u3)
    lists = json.dumps(sorted(survivors)) + json.dumps(sorted(dropped))
    replies = {}
    started = time.perf_counter()
    for p in u3:
        replies[p] = protocol.unmask_shares(secrets[p], survivors, dropped, t)
        up[p] += len(json.dumps({o: [kind, s.hex()] for o, (kind, s) in replies[p].items()}))
    seconds["unmask_shares"] = time.perf_counter() - started
    started = time.perf_counter()
    view = protocol.RoundView(public, commitments, {p: tuple(sorted(routed[p])) for p in ids}, masked)
    total = protocol.recover_sum(view, replies, t, 64, context)
    coordinator_s = time.perf_counter() - started
    got, weight = quant.decode_sum(total)
    assert weight == sum(int(encoded[p][-1]) for p in u3)
    plants_s = sum(seconds.values())
    return {"k": k, "t": t, "plant_s_per_plant": plants_s / n, "coordinator_unmask_s": coordinator_s,
            "stage_s_per_plant": {s: v / n for s, v in seconds.items()},
            "bytes_up_per_plant": float(np.mean([up[p] for p in u3])),
            "bytes_down_protocol_per_plant": len(round_plants) + own_keys + own_routed + len(lists)}


REPO = Path(__file__).resolve().parents[2]
SMALL_MODEL = {"channels": [8, 16], "groups": 4, "feature_dim": 16}


def whole_round(n: int, seed: int, secure: bool) -> dict[str, float]:
    """Seconds per round (mean of rounds 2–3) and bytes up per plant of a ``factoryfl simulate`` run."""
    import yaml

    federation: dict[str, Any] = {"rounds": 3, "relative_norm_bound": None,
                                  "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}}
    if secure:
        federation["secure_aggregation"] = {"enabled": True, "clip": 10.0}
    body = {"name": f"secagg-{n}", "seed": seed, "model": SMALL_MODEL, "federation": federation,
            "synthetic_plants": {"count": n, "seed": seed, "num_windows_per_class": 16},
            "personalisation": {"mode": "none"}, "evaluation": {"baselines": []}}
    work = Path(tempfile.mkdtemp(prefix="ffsa", dir="/tmp"))
    try:
        (work / "s.yaml").write_text(yaml.safe_dump(body))
        env = dict(os.environ) | {"RAY_TMPDIR": str(work / "ray"), "FLWR_TELEMETRY_ENABLED": "0",
                                  "FLWR_HOME": str(work / "flwr"), "PYTHONPATH": str(REPO)}
        (work / "ray").mkdir()
        command = [sys.executable, "-m", "cli", "simulate", str(work / "s.yaml"), "--runs-dir", str(work / "runs")]
        subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, timeout=1800)
        (run_dir,) = (work / "runs").iterdir()
        rounds = json.loads((run_dir / "results.json").read_text())["rounds"]
        later = rounds[1:]
        return {"s_per_round": float(np.mean([r["wall_time_s"] for r in later])),
                "bytes_up_per_plant": float(np.mean([r["bytes_up_per_plant"] for r in later])),
                "in_sum": float(np.mean([len(r["participants"]) for r in later]))}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_whole(sizes: tuple[int, ...], seeds: tuple[int, ...],
              done: Callable[[list[dict[str, Any]]], None] = lambda rows: None) -> list[dict[str, Any]]:
    """Secure vs plain whole rounds per size; ``done(rows)`` after each size (partial results are kept)."""
    rows: list[dict[str, Any]] = []
    for n in sizes:
        pairs = [(whole_round(n, s, False), whole_round(n, s, True)) for s in seeds]  # interleaved: same load
        plain, secure = [p for p, _ in pairs], [q for _, q in pairs]
        rows.append({"plants": n, "seeds": len(seeds),
                     "plain_s_per_round": mean_std([r["s_per_round"] for r in plain]),
                     "secure_s_per_round": mean_std([r["s_per_round"] for r in secure]),
                     "ratio": mean_std([b["s_per_round"] / a["s_per_round"] for a, b in zip(plain, secure)]),
                     "plain_bytes_up": mean_std([r["bytes_up_per_plant"] for r in plain]),
                     "secure_bytes_up": mean_std([r["bytes_up_per_plant"] for r in secure]),
                     "plants_in_sum": mean_std([r["in_sum"] for r in secure])})
        rows.sort(key=lambda r: r["plants"])
        done(rows)
    return rows


def run(sizes: tuple[int, ...], seeds: tuple[int, ...]) -> dict[str, Any]:
    dim = shared_parameter_count()
    rows = []
    for n in sizes:
        for drop in (False, True):
            per_seed = [one_round(n, dim, s, drop) for s in seeds]
            row: dict[str, Any] = {"plants": n, "dropout_after_keys": int(drop), "k": per_seed[0]["k"],
                                   "t": per_seed[0]["t"], "seeds": len(seeds)}
            for key in ("plant_s_per_plant", "coordinator_unmask_s", "bytes_up_per_plant",
                        "bytes_down_protocol_per_plant"):
                row[key] = mean_std([r[key] for r in per_seed])
            rows.append(row)
    return {"benchmark": "secagg", "shared_parameters": dim, "plain_bytes_each_way_per_plant": 4 * dim,
            "clip": 10.0, "quantisation_bits": 24, "modulus_bits": 64, "rows": rows, "machine": machine()}


def markdown(payload: dict[str, Any]) -> str:
    dim = payload["shared_parameters"]
    lines = [
        "# Secure aggregation: protocol cost per round (make bench-secagg)",
        "",
        f"Update: the default CNN's {dim} shared parameters (float32: {4 * dim} bytes each way in a plain round). "
        "Quantisation 24 bits, modulus 2^64 (uint64 on the wire), clip 10. Time: each plant's four stages, "
        "run in turn in one process (per plant), and the coordinator's unmasking; "
        f"{payload['rows'][0]['seeds']} seeds, mean ± std. Training time is not included.",
        "",
        "| plants | k | t | lost after keys | plant stages s/plant | coordinator unmask s | bytes up/plant "
        "(plain: " + str(4 * dim) + ") | protocol bytes down/plant (besides the model) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    def f(r: dict[str, Any], key: str, fmt: str) -> str:
        m, s = r[key]
        return f"{m:{fmt}} ± {s:{fmt}}"

    for r in payload["rows"]:
        lines.append(f"| {r['plants']} | {r['k']} | {r['t']} | {r['dropout_after_keys']} | "
                     f"{f(r, 'plant_s_per_plant', '.3f')} | {f(r, 'coordinator_unmask_s', '.3f')} | "
                     f"{f(r, 'bytes_up_per_plant', '.0f')} | {f(r, 'bytes_down_protocol_per_plant', '.0f')} |")
    whole = payload.get("whole_rounds") or []
    if whole:
        lines += ["", "## Whole rounds through `factoryfl simulate` (small synthetic federation, small CNN)", "",
                  "| plants | seeds | plain s/round | secure s/round | secure / plain | bytes up/plant plain | "
                  "bytes up/plant secure | plants in the sum |", "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in whole:
            lines.append(f"| {r['plants']} | {r['seeds']} | {f(r, 'plain_s_per_round', '.2f')} | "
                         f"{f(r, 'secure_s_per_round', '.2f')} | {f(r, 'ratio', '.2f')} | "
                         f"{f(r, 'plain_bytes_up', '.0f')} | "
                         f"{f(r, 'secure_bytes_up', '.0f')} | {f(r, 'plants_in_sum', '.0f')} |")
    lines += ["", "Each plant receives only its neighbours' public keys and the shares addressed to it (per-plant "
              "config entries) besides the round's plant ids (the graph) and the survivor/dropout lists, so the "
              "protocol bytes down grow with k, and with n only through those id lists.",
              "", machine_line(payload["machine"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--whole-sizes", type=int, nargs="*", default=list(SIZES),
                        help="plants per whole-round comparison through factoryfl simulate ([] to skip)")
    parser.add_argument("--results-name", default="secagg", help="'' to print only")
    args = parser.parse_args(argv)
    payload = run(tuple(args.sizes), tuple(args.seeds))

    def done(rows: list[dict[str, Any]]) -> None:
        payload["whole_rounds"] = rows
        publish(args.results_name or None, payload, markdown(payload))

    done(run_whole(tuple(args.whole_sizes), tuple(args.seeds), done))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
