"""Many plants on one GPU: throughput, GPU memory and the simulation's overhead, 100 and 1000 plants.

One prepared script for a GPU host (about 10 minutes on one H100/H200; ``--budget-s`` skips what
would not fit). For each number of plants it measures one local round (1 epoch, FedAvg):

1. **per-plant** — the plant code itself (``client.plant.Plant.pretrain``, what the ClientApp
   calls), one plant after another on the GPU; and, up to ``--cpu-max-plants``, on the CPU;
2. **vectorised** — the same local steps of many plants as one batched computation
   (``common.vectorised``: torch.func vmap over stacked plant parameters), ``--chunk`` plants per
   call; its parameters are compared with the per-plant path's (max |Δ|, same seeds);
3. **overhead** — a federated round through Flower's simulation engine (Ray workers sharing the
   GPU, ``simulation.gpus_per_plant`` each) against the plain loop of (1) for the same plants
   (rounds after the first; 1000 plants: 10 % sampled per round). Needs Ray; without it the row
   says so and the rest still runs.

Prints one JSON line per measurement; writes ``<out>/<name>.{json,md}`` (default
simulations/results/gpu_plants). ``--device cpu`` runs everything on the CPU (to check the script
on a machine without a GPU; write those results elsewhere with ``--out``).

Run on a GPU host: make bench-gpu   (python -m simulations.benchmarks.gpu_plants)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

MODEL = {"channels": [16, 32, 64, 64]}
TRAINING = {"local_epochs": 1, "batch_size": 32}


def _federation(num_plants: int, windows_per_class: int, work: Path):
    import dataclasses

    from client.plant import Plant
    from client.state import PlantState
    from common.config import run_spec_from_scenario, scenario_from_dict
    from common.data import WindowSpec, load_synthetic, make_plant_params
    from common.privacy.policy import SAFE_DEFAULT

    scenario = scenario_from_dict({
        "name": "gpu", "seed": 0, "synthetic_plants": {"count": 1}, "model": MODEL,
        "federation": {"rounds": 1, "training": TRAINING},
    }, "gpu benchmark", work)
    plants = []
    for i in range(num_plants):
        data = load_synthetic(f"p{i}", make_plant_params(i, 0, num_windows_per_class=windows_per_class), WindowSpec())
        # the plants' own policy: this benchmark times non-private pretraining
        plants.append(Plant(f"p{i}", data, PlantState(work / f"p{i}", f"p{i}"),
                            policy=dataclasses.replace(SAFE_DEFAULT, require_dp=False)))
    spec = run_spec_from_scenario(scenario, tuple(plants[0].data.class_names))
    return plants, spec


def _global(spec) -> dict[str, np.ndarray]:
    from common.models import build_model, shared_state

    return {k: v.numpy() for k, v in shared_state(build_model(1, spec.num_outputs, spec.model, 0)).items()}


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def _start_memory(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()


def _memory(device: str) -> dict[str, Any]:
    if not device.startswith("cuda"):
        return {}
    return {"gpu": torch.cuda.get_device_name(0), "gpu_peak_memory_mib": torch.cuda.max_memory_allocated() / 2**20}


def per_plant_round(plants, spec, device: str, run_name: str) -> tuple[dict, dict[str, dict[str, np.ndarray]]]:
    from server.aggregation import weighted_mean

    for plant in plants:
        plant.device = torch.device(device)
    arrays = _global(spec)
    _start_memory(device)
    started = time.perf_counter()
    updates, samples, out = [], 0, {}
    for plant in plants:
        result = plant.pretrain(spec, arrays, 1, run_name)
        updates.append((result.arrays, float(result.num_examples)))
        out[plant.plant_id] = result.arrays
        samples += result.num_examples * spec.federation.training.local_epochs
    weighted_mean(updates)
    _sync(device)
    wall = time.perf_counter() - started
    row = {"path": "per-plant", "device": device, "plants": len(plants), "wall_s": wall,
           "plant_epochs_per_s": len(plants) / wall, "samples_per_s": samples / wall, **_memory(device)}
    return row, out


def vectorised_round(plants, spec, device: str, chunk: int) -> tuple[dict, dict[str, dict[str, np.ndarray]]]:
    from client.plant import derive_seed
    from common.vectorised import PlantBatchData, VectorisedTrainer, group_by_size
    from server.aggregation import weighted_mean

    trainer = VectorisedTrainer(plants[0].data.channels, spec.num_outputs, spec.model, spec.federation.training,
                                device=device)
    arrays = _global(spec)
    views = [p.pretraining_view(spec) for p in plants]   # what Plant.pretrain trains on (validation held out)
    items = [PlantBatchData(v.plant_id, v.data.train.x, v.targets(spec),
                            derive_seed(spec.seed, v.plant_id, 1, "pretrain")) for v in views]
    _start_memory(device)
    started = time.perf_counter()
    out, samples = {}, 0
    for group in group_by_size(items):
        for i in range(0, len(group), chunk):
            result = trainer.train(arrays, group[i : i + chunk])
            out.update(result.arrays)
            samples += sum(result.samples.values())
    weighted_mean([(out[p.plant_id], float(len(p.y))) for p in items])
    _sync(device)
    wall = time.perf_counter() - started
    row = {"path": "vectorised", "device": device, "plants": len(plants), "chunk": chunk, "wall_s": wall,
           "plant_epochs_per_s": len(plants) / wall, "samples_per_s": samples / wall, **_memory(device)}
    return row, out


def max_difference(a: dict[str, dict[str, np.ndarray]], b: dict[str, dict[str, np.ndarray]]) -> float:
    return max(float(np.abs(a[p][k] - b[p][k]).max()) for p in a for k in a[p])


def overhead(plants: int, fraction: float, device: str, gpus_per_plant: float, work: Path) -> dict[str, Any]:
    """Flower simulation vs plain loop for the same plants and rounds (from bench-scale's arms)."""
    try:
        import ray  # noqa: F401
    except ImportError as exc:
        return {"path": "overhead", "plants": plants, "skipped": f"Flower's simulation needs Ray: {exc}"}
    from simulations.benchmarks.scale import _median_round, _write, plain_arm, scenario_body, simulation_arm

    body = scenario_body(plants, fraction=fraction, rounds=3, cache=plants, total_cpus=None)
    body["model"], body["federation"]["training"] = MODEL, {**TRAINING, "learning_rate": 0.003}
    body["simulation"]["gpus_per_plant"] = gpus_per_plant if device.startswith("cuda") else 0.0
    path = _write(body, work / "overhead")
    plain = plain_arm(path, work)
    sim = simulation_arm(path, work / "runs")
    row = {"path": "overhead", "device": device, "plants": plants, "fraction_train": fraction,
           "gpus_per_plant": body["simulation"]["gpus_per_plant"], "plain_round_s": _median_round(plain),
           "simulation_round_s": _median_round(sim), "simulation_peak_pss_mib": sim["peak_pss_mib"]}
    row["ratio"] = row["simulation_round_s"] / row["plain_round_s"]
    return row


def markdown(payload: dict[str, Any]) -> str:
    from simulations.benchmarks.common import machine_line

    lines = ["# Many plants on one GPU: one local round (per-plant vs vectorised) and the simulation overhead", "",
             f"Command: `{payload['command']}`. " + machine_line(payload["machine"]), "",
             f"Model channels {MODEL['channels']}, {payload['windows_per_class']} windows per class (5 classes), "
             f"{TRAINING['local_epochs']} local epoch, batch {TRAINING['batch_size']}, Adam; "
             "torch one CPU thread.", "",
             "| plants | path | device | wall (s) | plant-epochs/s | samples/s | GPU peak memory (MiB) "
             "| max |Δ| vs per-plant |",
             "|---:|---|---|---:|---:|---:|---:|---:|"]
    for r in payload["rows"]:
        if r["path"] in ("per-plant", "vectorised"):
            mem = f"{r['gpu_peak_memory_mib']:.0f}" if "gpu_peak_memory_mib" in r else "—"
            diff = f"{r['max_abs_diff_vs_per_plant']:.1e}" if "max_abs_diff_vs_per_plant" in r else "—"
            chunk = f" (chunk {r['chunk']})" if "chunk" in r else ""
            lines.append(f"| {r['plants']} | {r['path']}{chunk} | {r['device']} | {r['wall_s']:.2f} | "
                         f"{r['plant_epochs_per_s']:.1f} | {r['samples_per_s']:.0f} | {mem} | {diff} |")
    over = [r for r in payload["rows"] if r["path"] == "overhead"]
    if over:
        lines += ["", "| plants | trained per round | GPU per plant | plain round (s) | simulated round (s) | ratio |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for r in over:
            if "skipped" in r:
                lines.append(f"| {r['plants']} | — | — | — | — | not measured: {r['skipped']} |")
            else:
                trained = round(r["plants"] * r["fraction_train"])
                lines.append(f"| {r['plants']} | {trained} | {r['gpus_per_plant']:g} | "
                             f"{r['plain_round_s']:.2f} | {r['simulation_round_s']:.2f} | {r['ratio']:.2f} |")
    if payload.get("skipped"):
        lines += ["", "Skipped (time budget): " + "; ".join(payload["skipped"])]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plants", default="100,1000")
    parser.add_argument("--windows-per-class", type=int, default=20)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu",
                        help="cuda (default when present) or cpu (check the script without a GPU)")
    parser.add_argument("--chunk", type=int, default=250, help="plants per vectorised call")
    parser.add_argument("--cpu-max-plants", type=int, default=100, help="also time the per-plant CPU path up to this")
    parser.add_argument("--equivalence-plants", type=int, default=8,
                        help="compare vectorised and per-plant parameters on this many plants")
    parser.add_argument("--gpus-per-plant", type=float, default=0.1, help="simulation: GPU share of each plant")
    parser.add_argument("--overhead", default="100:1.0,1000:0.1", help="plants:fraction_train,... ('' = skip)")
    parser.add_argument("--budget-s", type=float, default=540.0, help="skip what starts after this many seconds")
    parser.add_argument("--out", default=None, help="results folder (default simulations/results)")
    parser.add_argument("--name", default="gpu_plants")
    args = parser.parse_args()
    torch.set_num_threads(1)
    device = args.device
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("--device cuda but torch sees no GPU: run on a GPU host or pass --device cpu")
    if device == "cpu" and args.out is None and args.name == "gpu_plants":
        raise SystemExit("torch sees no GPU: this would overwrite the GPU figures in simulations/results/gpu_plants.* "
                         "with CPU ones; to check the script here pass --device cpu --out DIR (e.g. /tmp/gpu-check)")
    os.environ["FACTORYFL_DEVICE"] = device  # plants in this process and in simulation workers
    from simulations.benchmarks.common import RESULTS_DIR, machine

    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []

    def emit(row: dict[str, Any]) -> None:
        rows.append(row)
        print(json.dumps(row), flush=True)

    def in_budget(what: str) -> bool:
        if time.perf_counter() - started < args.budget_s:
            return True
        skipped.append(what)
        return False

    with tempfile.TemporaryDirectory(prefix="ffgpu") as tmp:
        for n in (int(v) for v in args.plants.split(",")):
            t0 = time.perf_counter()
            plants, spec = _federation(n, args.windows_per_class, Path(tmp) / f"n{n}")
            print(json.dumps({"plants": n, "data_generation_s": time.perf_counter() - t0}), flush=True)
            k = min(args.equivalence_plants, n)
            if device.startswith("cuda"):  # warm-up: kernels, allocator, vmap tracing
                per_plant_round(plants[:k], spec, device, "warmup")
                vectorised_round(plants[:k], spec, device, args.chunk)
            if in_budget(f"vectorised {n}"):
                row, vec = vectorised_round(plants, spec, device, args.chunk)
                _, ref = per_plant_round(plants[:k], spec, device, f"check-{n}")
                row["max_abs_diff_vs_per_plant"] = max_difference({p: vec[p] for p in ref}, ref)
                row["equivalence_plants"] = k
                emit(row)
            if in_budget(f"per-plant {device} {n}"):
                emit(per_plant_round(plants, spec, device, f"{device}-{n}")[0])
            if device != "cpu" and n <= args.cpu_max_plants and in_budget(f"per-plant cpu {n}"):
                emit(per_plant_round(plants, spec, "cpu", f"cpu-{n}")[0])
        overhead_specs: list[str] = args.overhead.split(",")  # "N:FRACTION" items
        for item in filter(None, overhead_specs):
            n, fraction = int(item.split(":")[0]), float(item.split(":")[1])
            if in_budget(f"overhead {n}"):
                emit(overhead(n, fraction, device, args.gpus_per_plant, Path(tmp)))
    payload = {"machine": machine(), "rows": rows, "windows_per_class": args.windows_per_class,
               "skipped": skipped, "wall_s": time.perf_counter() - started,
               "command": "make bench-gpu" if not sys.argv[1:] else
               "python -m simulations.benchmarks.gpu_plants " + " ".join(sys.argv[1:])}
    text = markdown(payload)
    out = Path(args.out) if args.out else RESULTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{args.name}.json").write_text(json.dumps(payload, indent=2, default=str))
    (out / f"{args.name}.md").write_text(text)
    print(text)
    print(f"wrote {out / (args.name + '.json')} and {out / (args.name + '.md')} in {payload['wall_s']:.0f} s")


if __name__ == "__main__":
    main()
