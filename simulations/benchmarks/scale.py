"""Simulation at scale: overhead, throughput, memory and communication of many virtual plants.

1. **Overhead** — the wall time of a federated round through Flower's simulation engine
   (`factoryfl simulate`: Ray workers, messages, coordinator, checkpoint) against a plain
   in-process loop doing exactly the same local training (``Plant.pretrain``, same plants, same
   seeds, same sampling, FedAvg) at 10 and 100 plants. Both arms use one CPU (the simulation one
   worker, ``total_cpus: 1``; every plant cached, so no data re-loading is counted). A third arm
   runs Flower's engine as shipped (``simulation.prompt_delivery: false``) to show what the
   prompt delivery buys. The arms are interleaved and rotated so machine load hits all; the
   ratio is the median simulated round over the median plain round (round 1 — warm-up —
   excluded). Timing arms do not sample memory (the sampler reads /proc in the coordinator).
2. **Throughput** — plant-epochs/s and samples/s of the simulation on all CPUs of the host
   (default plant cache) at 10, 100 (all train) and 1000 plants (10 % sampled per round): per
   round (rounds 2+) and for the whole run (start-up, discovery, final evaluation included).
3. **Memory** — peak PSS (and RSS) summed over this process and every descendant (Ray's raylet,
   GCS, workers) during each throughput run; slope per idle plant from 100 → 1000 plants (the
   same 100 plants train per round in both).
5. **Communication** — bytes per plant per round (uplink: the update a plant sends, extractor +
   reference head; downlink: the global model) and the accuracy effect of compressed updates
   (fp16 / int8 deltas), 3 seeds, in-process federations (tests/helpers/loopback.py: the same
   coordinator and ClientApp without Ray — accuracy does not depend on the transport).

Run: make bench-scale   (writes simulations/results/scale.{json,md})
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
import yaml

from simulations.benchmarks.common import machine, machine_line, mean_std, write_results
from simulations.benchmarks.procmem import MemorySampler

MODEL = {"channels": [8, 16, 32], "groups": 4, "feature_dim": 32}
TRAINING: dict[str, Any] = {"local_epochs": 1, "batch_size": 32, "learning_rate": 0.003}  # scenario YAML
MIB = 2**20


def scenario_body(plants: int, *, fraction: float, rounds: int, cache: int, total_cpus: int | None,
                  windows: int = 20, compression: str = "none", evaluate_every: int = 0,
                  seed: int = 0, local_epochs: int | None = None, prompt_delivery: bool = True) -> dict[str, Any]:
    sim: dict[str, Any] = {"cpus_per_plant": 1, "plant_cache_size": cache, "prompt_delivery": prompt_delivery}
    if total_cpus is not None:
        sim["total_cpus"] = total_cpus
    return {
        "name": f"scale{plants}", "seed": seed,
        "synthetic_plants": {"count": plants, "seed": seed, "num_windows_per_class": windows},
        "model": MODEL,
        "federation": {"rounds": rounds, "evaluate_every": evaluate_every, "compression": compression,
                       "strategy": {"name": "fedavg", "fraction_train": fraction},
                       "training": {**TRAINING, "local_epochs": local_epochs or TRAINING["local_epochs"]}},
        "personalisation": {"mode": "none"}, "evaluation": {"baselines": []}, "simulation": sim,
    }


def _write(body: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{body['name']}-{body['federation']['compression']}-{body['seed']}.yaml"
    path.write_text(yaml.safe_dump(body))
    return path


def _round_rows(results: dict[str, Any], epochs: int) -> list[dict[str, Any]]:
    n_train = {p: v.get("n_train_labelled") or 0 for p, v in results["plants"].items()}
    rows = []
    for r in results["rounds"]:
        rows.append({"round": r["round"], "wall_s": r["wall_time_s"], "plants": len(r["participants"]),
                     "samples": epochs * sum(n_train[p] for p in r["participants"]),
                     "timing_s": r.get("timing_s", {}), "bytes_up_per_plant": r.get("bytes_up_per_plant"),
                     "bytes_down_per_plant": r.get("bytes_down_per_plant")})
    return rows


def simulation_arm(path: Path, runs_dir: Path, sample_memory: bool = True) -> dict[str, Any]:
    """One `factoryfl simulate` run; per-round figures from its results.json, memory sampled throughout.

    ``sample_memory=False`` for timing: the sampler reads /proc in the coordinator's process
    (holding its GIL) four times a second, which the plain arm does not pay.
    """
    from simulations.runner import simulate

    started = time.perf_counter()
    memory = MemorySampler() if sample_memory else None
    with memory or contextlib.nullcontext():
        run_dir = simulate(path, str(runs_dir))
    wall = time.perf_counter() - started
    results = json.loads((run_dir / "results.json").read_text())
    nodes = {v.get("worker_node") for v in results["plants"].values()}
    arm = {"rounds": _round_rows(results, TRAINING["local_epochs"]), "run_wall_s": wall,
           "worker_nodes": len(nodes - {None})}
    if memory is not None:
        arm.update({"peak_pss_mib": memory.peak_pss / MIB, "peak_rss_mib": memory.peak_rss / MIB,
                    "peak_processes": memory.peak_processes})
    return arm


def plain_arm(path: Path, work: Path) -> dict[str, Any]:
    """The same rounds in this process: each sampled plant's ``Plant.pretrain``, then FedAvg."""
    from client.loader import make_plant
    from common.config import load_scenario, run_spec_from_scenario
    from common.models import build_model, shared_state
    from server.aggregation import make_aggregator
    from server.federation import sample_plants

    scenario = load_scenario(path)
    run_name = f"plain-{time.time_ns()}"
    plants = {p.id: make_plant(scenario, p, str(work / run_name)) for p in scenario.plants}
    first = next(iter(plants.values()))
    spec = dataclasses.replace(run_spec_from_scenario(scenario, tuple(first.data.class_names)),
                               channels=first.data.channels)
    arrays = {k: v.numpy() for k, v in shared_state(build_model(spec.channels, spec.num_outputs, spec.model,
                                                                 seed=spec.seed)).items()}
    aggregator = make_aggregator(spec.federation.strategy)
    strategy = spec.federation.strategy
    rows = []
    for server_round in range(1, spec.federation.rounds + 1):
        started = time.perf_counter()
        chosen = sample_plants(sorted(plants), strategy.fraction_train, strategy.min_train_plants, spec.seed,
                               server_round)
        updates, samples = [], 0
        for plant_id in chosen:
            result = plants[plant_id].pretrain(spec, arrays, server_round, run_name)
            if result.arrays is None:  # declined: no budget here, so not expected
                raise RuntimeError(f"plant {plant_id} declined round {server_round}: {result.reason}")
            updates.append((result.arrays, float(result.num_examples)))
            samples += result.num_examples * spec.federation.training.local_epochs
        arrays = aggregator.aggregate(arrays, updates)
        rows.append({"round": server_round, "wall_s": time.perf_counter() - started, "plants": len(chosen),
                     "samples": samples})
    return {"rounds": rows}


def _median_round(arm: dict[str, Any]) -> float:
    walls = [r["wall_s"] for r in arm["rounds"] if r["round"] > 1]
    return statistics.median(walls)


def overhead(sizes: list[int], repeats: int, rounds: int, work: Path, local_epochs: int = 1) -> list[dict[str, Any]]:
    """Plain loop vs simulation (default: prompt delivery) vs Flower's engine as shipped, interleaved."""
    rows = []
    for rep in range(repeats):
        for n in sizes:
            paths = {prompt: _write(scenario_body(n, fraction=1.0, rounds=rounds, cache=n, total_cpus=1,
                                                  local_epochs=local_epochs, prompt_delivery=prompt),
                                    work / "overhead" / ("prompt" if prompt else "shipped"))
                     for prompt in (True, False)}
            order = ["plain", "simulation", "flower_as_shipped"]
            order = order[rep % 3:] + order[:rep % 3]  # rotate, so machine drift hits every arm
            arms: dict[str, dict[str, Any]] = {}
            for arm in order:
                load = os.getloadavg()[0]
                if arm == "plain":
                    arms[arm] = plain_arm(paths[True], work)
                else:
                    arms[arm] = simulation_arm(paths[arm == "simulation"], work / "runs", sample_memory=False)
                arms[arm]["load_1min_at_start"] = load
            sim_rounds = [r for r in arms["simulation"]["rounds"] if r["round"] > 1]
            row = {"plants": n, "repeat": rep, "local_epochs": local_epochs,
                   "plain_round_s": _median_round(arms["plain"]),
                   "simulation_round_s": _median_round(arms["simulation"]),
                   "flower_as_shipped_round_s": _median_round(arms["flower_as_shipped"]),
                   "simulation_send_and_receive_s": statistics.median(r["timing_s"]["send_and_receive"]
                                                                      for r in sim_rounds),
                   "simulation_plants_training_s": statistics.median(
                       r["timing_s"].get("plants_training_sum", float("nan")) for r in sim_rounds),
                   "simulation_aggregate_s": statistics.median(r["timing_s"]["aggregate"] for r in sim_rounds),
                   "simulation_checkpoint_s": statistics.median(r["timing_s"]["checkpoint"] for r in sim_rounds),
                   "load_1min": [arms[a]["load_1min_at_start"] for a in ("plain", "simulation", "flower_as_shipped")],
                   "arms": arms}
            row["ratio"] = row["simulation_round_s"] / row["plain_round_s"]
            row["ratio_flower_as_shipped"] = row["flower_as_shipped_round_s"] / row["plain_round_s"]
            print(json.dumps({k: v for k, v in row.items() if k != "arms"}), flush=True)
            rows.append(row)
    return rows


def throughput(settings: list[tuple[int, float]], rounds: int, work: Path) -> list[dict[str, Any]]:
    rows = []
    for n, fraction in settings:
        path = _write(scenario_body(n, fraction=fraction, rounds=rounds, cache=16, total_cpus=None),
                      work / "throughput")
        load = os.getloadavg()[0]
        arm = simulation_arm(path, work / "runs")
        later = [r for r in arm["rounds"] if r["round"] > 1]
        wall = sum(r["wall_s"] for r in later)
        all_epochs = sum(r["plants"] for r in arm["rounds"]) * TRAINING["local_epochs"]
        row = {"plants": n, "fraction_train": fraction, "plants_per_round": later[0]["plants"],
               "round_s_median": statistics.median(r["wall_s"] for r in later),
               "plant_epochs_per_s": sum(r["plants"] for r in later) * TRAINING["local_epochs"] / wall,
               "samples_per_s": sum(r["samples"] for r in later) / wall,
               "run_wall_s": arm["run_wall_s"], "run_plant_epochs_per_s": all_epochs / arm["run_wall_s"],
               "peak_pss_mib": arm["peak_pss_mib"], "peak_rss_mib": arm["peak_rss_mib"],
               "peak_processes": arm["peak_processes"], "bytes_up_per_plant": later[0]["bytes_up_per_plant"],
               "bytes_down_per_plant": later[0]["bytes_down_per_plant"], "load_1min_at_start": load, "arm": arm}
        print(json.dumps({k: v for k, v in row.items() if k != "arm"}), flush=True)
        rows.append(row)
    return rows


def compression(seeds: list[int], plants: int, rounds: int, work: Path) -> list[dict[str, Any]]:
    from common.config import load_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    rows = []
    for kind in ("none", "fp16", "int8"):
        accs, up, down = [], [], []
        for seed in seeds:
            body = scenario_body(plants, fraction=1.0, rounds=rounds, cache=plants, total_cpus=None, windows=30,
                                 compression=kind, evaluate_every=rounds, seed=seed)
            path = _write(body, work / "compression")
            scenario = load_scenario(path)
            run_dir = work / "compression" / f"{kind}-{seed}"
            run_dir.mkdir(parents=True)
            results = run_federation(LoopbackGrid(path, plants, run_dir), scenario, run_dir)
            accs.append(results["rounds"][-1]["eval_accuracy"])
            up.append(results["rounds"][-1]["bytes_up_per_plant"])
            down.append(results["rounds"][-1]["bytes_down_per_plant"])
        mean, std = mean_std(accs)
        row = {"compression": kind, "accuracy_mean": mean, "accuracy_std": std, "accuracies": accs,
               "bytes_up_per_plant": statistics.fmean(up), "bytes_down_per_plant": statistics.fmean(down)}
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def default_model_bytes() -> dict[str, int]:
    """Uplink payload of the default (larger) model for each encoding, from an actual encoded update."""
    from common.compression import encode_update, payload_bytes
    from common.config.schema import ModelConfig
    from common.models import build_model, shared_state

    arrays = {k: v.numpy() for k, v in shared_state(build_model(1, 9, ModelConfig(), 0)).items()}
    trained = {k: v + np.float32(1e-3) for k, v in arrays.items()}
    return {kind: payload_bytes(encode_update(trained, arrays, kind)) for kind in ("none", "fp16", "int8")}


def _plant_data_kib() -> float:
    """Bytes of one benchmark plant's windows (train + test), in KiB."""
    from common.data import WindowSpec, load_synthetic, make_plant_params

    data = load_synthetic("p0", make_plant_params(0, 0, num_windows_per_class=20), WindowSpec())
    return (data.train.x.nbytes + data.test.x.nbytes) / 1024


def markdown(payload: dict[str, Any]) -> str:
    lines = ["# Simulation at scale: overhead, throughput, memory, communication", "",
             f"Command: `{payload['command']}` (total {payload['wall_s'] / 60:.1f} min). "
             + machine_line(payload["machine"]) + f" Load average at the end: {payload['load_average_end']}.", "",
             f"Scenario: synthetic plants, {TRAINING['local_epochs']} local epoch (overhead part: see its heading), "
             f"batch {TRAINING['batch_size']}, "
             f"model channels {MODEL['channels']}, 100 windows (20 per class) per plant, one CPU thread per plant.", ""]
    if payload.get("overhead"):
        epochs = payload["overhead"][0].get("local_epochs", 1)
        lines += [f"## 1. Simulation overhead (one CPU each; {epochs} local epoch(s); "
                  "median round, round 1 excluded)", "",
                  "Simulated = `factoryfl simulate` as it runs by default (prompt delivery, "
                  "simulations/flower_private.py); Flower as shipped = the same run with "
                  "`simulation.prompt_delivery: false` (Flower's 0.1 s delivery passes, one message per actor).", "",
                  "| plants | repeat | plain loop round (s) | simulated round (s) | ratio | extra per plant (ms) "
                  "| plants' own training in the simulated round (s) | Flower as shipped: round (s) | ratio "
                  "| load 1-min (plain, sim, shipped) |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in payload["overhead"]:
            extra = 1e3 * (r["simulation_round_s"] - r["plain_round_s"]) / r["plants"]
            loads = ", ".join(f"{v:.1f}" for v in r["load_1min"])
            lines.append(f"| {r['plants']} | {r['repeat']} | {r['plain_round_s']:.3f} | "
                         f"{r['simulation_round_s']:.3f} | {r['ratio']:.2f} | {extra:.1f} | "
                         f"{r['simulation_plants_training_s']:.3f} | "
                         f"{r['flower_as_shipped_round_s']:.3f} | {r['ratio_flower_as_shipped']:.2f} | {loads} |")
        for n, ratio in payload["overhead_summary"].items():
            shipped = payload.get("overhead_summary_flower_as_shipped", {}).get(n)
            lines.append("")
            lines.append(f"- {n} plants: median ratio over repeats **{ratio:.2f}** (goal ≤ 1.25)"
                         + (f"; Flower as shipped {shipped:.2f}" if shipped is not None else ""))
        lines.append("")
    if payload.get("throughput"):
        lines += ["## 2–3. Throughput and memory (all host CPUs, plant cache 16 per worker)", "",
                  "| plants | trained per round | round (s) | plant-epochs/s | samples/s | whole run (s) "
                  "| whole-run plant-epochs/s | peak PSS all processes (MiB) | peak RSS sum (MiB) | processes "
                  "| load 1-min |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in payload["throughput"]:
            lines.append(f"| {r['plants']} | {r['plants_per_round']} | {r['round_s_median']:.2f} | "
                         f"{r['plant_epochs_per_s']:.1f} | {r['samples_per_s']:.0f} | {r['run_wall_s']:.0f} | "
                         f"{r['run_plant_epochs_per_s']:.2f} | {r['peak_pss_mib']:.0f} | {r['peak_rss_mib']:.0f} | "
                         f"{r['peak_processes']} | {r['load_1min_at_start']:.1f} |")
        slope = payload.get("memory_slope")
        if slope:
            lines += ["", f"Memory slope per idle plant ({slope['from']} → {slope['to']} plants, same plants trained "
                          f"per round): **{slope['pss_kib_per_idle_plant']:.1f} KiB** PSS "
                          f"({slope['rss_kib_per_idle_plant']:.1f} KiB RSS); a plant's own data are "
                          f"{slope['plant_data_kib']:.0f} KiB, held only while it is in a worker's cache."]
        lines.append("")
    if payload.get("compression"):
        c = payload["compression_setup"]
        lines += ["## 5. Communication per plant per round", "",
                  f"In-process federations (same coordinator and ClientApp, no Ray), {c['plants']} plants, "
                  f"{c['rounds']} rounds, all train, seeds {c['seeds']}; accuracy = federated global model on "
                  "every plant's held-out windows after the last round.", "",
                  "| update encoding | uplink bytes / plant / round | downlink bytes / plant / round "
                  "| global accuracy (mean ± std) |",
                  "|---|---:|---:|---:|"]
        for r in payload["compression"]:
            lines.append(f"| {r['compression']} | {r['bytes_up_per_plant']:.0f} | {r['bytes_down_per_plant']:.0f} | "
                         f"{100 * r['accuracy_mean']:.1f} ± {100 * r['accuracy_std']:.1f} |")
        d = payload["default_model_bytes"]
        lines += ["", f"Default model (`ModelConfig()`, 9 classes) update payload: none {d['none']} B, "
                      f"fp16 {d['fp16']} B, int8 {d['int8']} B. Uplink counts Flower's array data "
                      "(values + a ~100 B header per tensor); downlink counts the float32 global values. "
                      "Only `extractor.*` and `reference_head.*` travel; compression encodes the (DP) output, "
                      "so ε is unchanged.", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--overhead-plants", default="10,100")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--overhead-rounds", type=int, default=12)
    parser.add_argument("--overhead-epochs", type=int, default=1, help="local epochs per plant in the overhead part")
    parser.add_argument("--throughput", default="10:1.0,100:1.0,1000:0.1", help="plants:fraction_train,...")
    parser.add_argument("--throughput-rounds", type=int, default=3)
    parser.add_argument("--compression-seeds", default="0,1,2")
    parser.add_argument("--compression-plants", type=int, default=10)
    parser.add_argument("--compression-rounds", type=int, default=8)
    parser.add_argument("--parts", default="overhead,throughput,compression")
    parser.add_argument("--name", default="scale", help="results file name (simulations/results/NAME.{json,md})")
    parser.add_argument("--render", default=None, metavar="JSON", help="only re-render NAME.md from a results JSON")
    args = parser.parse_args()
    if args.render:
        rendered = json.loads(Path(args.render).read_text())
        write_results(args.name, rendered, markdown(rendered))
        return
    torch.set_num_threads(1)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    parts = set(args.parts.split(","))
    started = time.perf_counter()
    payload: dict[str, Any] = {"machine": machine(), "command": "make bench-scale" if args.name == "scale" else
                               "python -m simulations.benchmarks.scale " + " ".join(sys.argv[1:])}
    with tempfile.TemporaryDirectory(prefix="ffscale") as tmp:
        work = Path(tmp)
        if "overhead" in parts:
            sizes = [int(v) for v in args.overhead_plants.split(",")]
            payload["overhead"] = overhead(sizes, args.repeats, args.overhead_rounds, work, args.overhead_epochs)
            payload["overhead_summary"] = {
                n: statistics.median(r["ratio"] for r in payload["overhead"] if r["plants"] == n) for n in sizes}
            payload["overhead_summary_flower_as_shipped"] = {
                n: statistics.median(r["ratio_flower_as_shipped"] for r in payload["overhead"] if r["plants"] == n)
                for n in sizes}
        if "throughput" in parts:
            settings = [(int(a), float(b)) for a, b in (s.split(":") for s in args.throughput.split(","))]
            payload["throughput"] = throughput(settings, args.throughput_rounds, work)
            by_n = {r["plants"]: r for r in payload["throughput"]}
            big = sorted(n for n in by_n if by_n[n]["plants_per_round"] == by_n[max(by_n)]["plants_per_round"])
            if len(big) >= 2:
                lo, hi = by_n[big[0]], by_n[big[-1]]
                idle = (hi["plants"] - hi["plants_per_round"]) - (lo["plants"] - lo["plants_per_round"])
                payload["memory_slope"] = {
                    "from": lo["plants"], "to": hi["plants"],
                    "pss_kib_per_idle_plant": (hi["peak_pss_mib"] - lo["peak_pss_mib"]) * 1024 / idle,
                    "rss_kib_per_idle_plant": (hi["peak_rss_mib"] - lo["peak_rss_mib"]) * 1024 / idle,
                    "plant_data_kib": _plant_data_kib(),
                }
        if "compression" in parts:
            seeds = [int(v) for v in args.compression_seeds.split(",")]
            payload["compression_setup"] = {"plants": args.compression_plants, "rounds": args.compression_rounds,
                                            "seeds": seeds}
            payload["compression"] = compression(seeds, args.compression_plants, args.compression_rounds, work)
            payload["default_model_bytes"] = default_model_bytes()
    payload["wall_s"] = time.perf_counter() - started
    payload["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    md = markdown(payload)
    json_path, md_path = write_results(args.name, payload, md)
    print(md)
    print(f"wrote {json_path} and {md_path}")


if __name__ == "__main__":
    main()
