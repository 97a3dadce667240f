"""Many plants' local training on one GPU: throughput and GPU memory at 100 and 1000 plants.

Runs the plant code itself (`client.plant.Plant.pretrain`, the same call the ClientApp makes)
for every plant of a synthetic federation, one round, on the GPU and — for the same plants — on
the CPU, aggregating with FedAvg as the coordinator does. Flower and Ray are not used here: the
lent GPU machines cannot install Ray (its wheel is larger than what can be carried there), so the
Flower-vs-plain-loop overhead ratio is measured on CPU by `make bench-scale`, not here.

Run on a GPU host: python -m simulations.benchmarks.gpu_plants --plants 100,1000
Prints one JSON line per setting and writes simulations/results/gpu_plants.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import torch


def _federation(num_plants: int, windows_per_class: int, work: Path):
    from client.plant import Plant
    from client.state import PlantState
    from common.config import run_spec_from_scenario, scenario_from_dict
    from common.data import WindowSpec, load_synthetic, make_plant_params

    scenario = scenario_from_dict({
        "name": "gpu", "seed": 0, "synthetic_plants": {"count": 1},
        "model": {"channels": [16, 32, 64, 64]},
        "federation": {"rounds": 1, "training": {"local_epochs": 1, "batch_size": 32}},
    }, "gpu benchmark", work)
    plants = []
    for i in range(num_plants):
        data = load_synthetic(f"p{i}", make_plant_params(i, 0, num_windows_per_class=windows_per_class), WindowSpec())
        plants.append(Plant(f"p{i}", data, PlantState(work / f"p{i}", f"p{i}")))
    spec = run_spec_from_scenario(scenario, tuple(plants[0].data.class_names))
    return plants, spec


def _round(plants, spec, device: str) -> dict:
    from common.models import build_model, shared_state
    from server.aggregation import weighted_mean

    for plant in plants:
        plant.device = torch.device(device)
    arrays = {k: v.numpy() for k, v in shared_state(build_model(1, spec.num_outputs, spec.model, 0)).items()}
    if device.startswith("cuda"):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    updates, samples, steps = [], 0, 0
    for plant in plants:
        result = plant.pretrain(spec, arrays, 1, f"gpu-{device}")
        updates.append((result.arrays, float(result.num_examples)))
        samples += result.num_examples * spec.federation.training.local_epochs
        steps += result.steps
    weighted_mean(updates)
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    wall = time.perf_counter() - started
    out = {"device": device, "plants": len(plants), "wall_s": wall, "plant_epochs_per_s": len(plants) / wall,
           "samples_per_s": samples / wall, "steps": steps}
    if device.startswith("cuda"):
        out["gpu"] = torch.cuda.get_device_name(0)
        out["gpu_peak_memory_mib"] = torch.cuda.max_memory_allocated() / 2**20
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plants", default="100,1000")
    parser.add_argument("--windows-per-class", type=int, default=20)
    parser.add_argument("--cpu-max-plants", type=int, default=100, help="also time the CPU up to this many plants")
    parser.add_argument("--out", default=None, help="results folder (default simulations/results)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(v) for v in args.plants.split(",")):
            t0 = time.perf_counter()
            plants, spec = _federation(n, args.windows_per_class, Path(tmp) / f"n{n}")
            print(json.dumps({"plants": n, "data_generation_s": time.perf_counter() - t0}), flush=True)
            devices = (["cuda"] if torch.cuda.is_available() else []) + (["cpu"] if n <= args.cpu_max_plants else [])
            for device in devices:
                if device == "cuda":
                    _round(plants[: min(4, n)], spec, device)  # warm-up (kernels, allocator)
                row = _round(plants, spec, device)
                rows.append(row)
                print(json.dumps(row), flush=True)
    from simulations.benchmarks.common import RESULTS_DIR, machine

    payload = {"machine": machine(), "rows": rows, "windows_per_class": args.windows_per_class}
    lines = ["# Many plants on one GPU: one local round per plant (plant code, FedAvg)", "",
             "Command: `python -m simulations.benchmarks.gpu_plants --plants 100,1000` on the GPU host "
             "(torch single CPU thread; no Flower/Ray there — see the module docstring).", "",
             f"Machine: {payload['machine']['platform']}, {payload['machine']['cpu_count']} CPUs, "
             f"GPU {payload['machine']['cuda']}, torch {payload['machine']['torch']}.", "",
             "| plants | device | wall (s) | plant-epochs/s | samples/s | GPU peak memory (MiB) |",
             "|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['plants']} | {r['device']} | {r['wall_s']:.2f} | {r['plant_epochs_per_s']:.1f} | "
                     f"{r['samples_per_s']:.0f} | {r.get('gpu_peak_memory_mib', float('nan')):.0f} |")
    out = Path(args.out) if args.out else RESULTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / "gpu_plants.json").write_text(json.dumps(payload, indent=2, default=str))
    (out / "gpu_plants.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
