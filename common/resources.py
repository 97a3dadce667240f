"""What a simulation asks of the host: check it before start, estimate memory, explain an OOM.

Pure functions over :class:`HostResources` and the typed :class:`SimulationConfig`, so the checks
are testable without Ray. ``simulations.runner`` calls them before Flower's simulation starts.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from common.config.schema import SimulationConfig

logger = logging.getLogger(__name__)

# Resident memory of the pieces of a simulation on this stack (torch 2.13 CPU, flwr 1.42, Ray).
# Rough per-part figures, chosen so that the estimate for 2 workers (≈1.85 GiB plus cached data)
# stays above the whole process tree's peak PSS measured by `make bench-scale` (1.70–1.78 GiB at
# 10–1000 plants, simulations/results/scale.md); not measured part by part.
WORKER_BASE_BYTES = 450 * 2**20      # one Ray worker process with torch + flwr + the client app
DRIVER_BASE_BYTES = 600 * 2**20      # the simulation driver (ServerApp thread, VCE, coordinator)
RAY_SERVICES_BYTES = 350 * 2**20     # gcs_server, raylet, dashboard agent, log monitor
DATA_COPY_FACTOR = 2.0               # a plant's windows exist as numpy + torch views + a batch copy


@dataclass(frozen=True)
class HostResources:
    """What this host offers: logical CPUs, GPUs and memory available now (bytes)."""

    cpus: int
    gpus: float
    memory_available: int
    memory_total: int


def _meminfo() -> tuple[int, int]:
    """(MemAvailable, MemTotal) in bytes from /proc/meminfo; (0, 0) where it cannot be read."""
    values: dict[str, int] = {}
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                name, rest = line.split(":", 1)
                values[name] = int(rest.split()[0]) * 1024
    except OSError:
        return 0, 0
    return values.get("MemAvailable", 0), values.get("MemTotal", 0)


def detect_host() -> HostResources:
    """CPUs (affinity-aware), CUDA GPUs torch can see, and memory from /proc/meminfo."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        import torch

        gpus = float(torch.cuda.device_count())
    except Exception:  # noqa: BLE001 - no CUDA build or driver means no GPU
        gpus = 0.0
    available, total = _meminfo()
    return HostResources(cpus=cpus, gpus=gpus, memory_available=available, memory_total=total)


def workers(sim: SimulationConfig, cpus: int, gpus: float) -> int:
    """Simulation workers Flower's Ray backend starts: ⌊CPUs / cpus_per_plant⌋, GPU-limited too."""
    count = cpus // sim.cpus_per_plant
    if sim.gpus_per_plant > 0:
        count = min(count, int(gpus / sim.gpus_per_plant + 1e-9))
    return max(count, 0)


def resource_problems(sim: SimulationConfig, host: HostResources) -> list[str]:
    """Requests this host cannot satisfy, each with the numbers and the setting to change."""
    problems: list[str] = []
    if sim.ray_address is not None:
        return problems  # the cluster's resources are checked once connected (cluster_problems)
    total_cpus = sim.total_cpus or host.cpus
    if sim.total_cpus is not None and sim.total_cpus > host.cpus:
        problems.append(f"simulation.total_cpus={sim.total_cpus} but this host has {host.cpus} CPU(s): "
                        f"lower total_cpus to at most {host.cpus}")
    if sim.cpus_per_plant > total_cpus:
        problems.append(f"simulation.cpus_per_plant={sim.cpus_per_plant} exceeds the {total_cpus} CPU(s) "
                        f"available: lower cpus_per_plant to at most {total_cpus}")
    gpus = host.gpus if sim.total_gpus is None else sim.total_gpus
    if sim.total_gpus is not None and sim.total_gpus > host.gpus:
        problems.append(f"simulation.total_gpus={sim.total_gpus:g} but this host has {host.gpus:g} GPU(s): "
                        f"lower total_gpus to at most {host.gpus:g}")
    if sim.gpus_per_plant > 0 and sim.gpus_per_plant > gpus:
        problems.append(f"simulation.gpus_per_plant={sim.gpus_per_plant:g} but {gpus:g} GPU(s) are available: "
                        "set gpus_per_plant to 0 or to a fraction of an existing GPU (e.g. 0.1 = 10 plants per GPU)")
    return problems


def cluster_problems(sim: SimulationConfig, cluster: dict[str, float]) -> list[str]:
    """The same checks against a running Ray cluster's ``ray.cluster_resources()``."""
    cpus, gpus = float(cluster.get("CPU", 0)), float(cluster.get("GPU", 0))
    problems = []
    if sim.cpus_per_plant > cpus:
        problems.append(f"simulation.cpus_per_plant={sim.cpus_per_plant} exceeds the Ray cluster's {cpus:g} CPU(s) "
                        f"at {sim.ray_address}: lower cpus_per_plant or add nodes")
    if sim.gpus_per_plant > 0 and sim.gpus_per_plant > gpus:
        problems.append(f"simulation.gpus_per_plant={sim.gpus_per_plant:g} but the Ray cluster at {sim.ray_address} "
                        f"has {gpus:g} GPU(s): set gpus_per_plant to 0 or add GPU nodes")
    return problems


def backend_config(sim: SimulationConfig, host: HostResources) -> dict[str, Any]:
    """Flower's Ray backend config: per-plant resources and ``ray.init`` arguments."""
    client = {"num_cpus": sim.cpus_per_plant, "num_gpus": sim.gpus_per_plant}
    if sim.ray_address is not None:
        # Connecting to a running cluster: ray.init refuses num_cpus/num_gpus there.
        return {"client_resources": client, "init_args": {"address": sim.ray_address}}
    gpus = host.gpus if sim.total_gpus is None else sim.total_gpus
    return {"client_resources": client,
            "init_args": {"num_cpus": sim.total_cpus or host.cpus, "num_gpus": gpus, "include_dashboard": False}}


def estimate_peak_memory(sim: SimulationConfig, host: HostResources, num_plants: int,
                         largest_plant_bytes: int) -> dict[str, int]:
    """Rough peak resident memory of a simulation on this host, by part (bytes).

    Workers hold at most ``plant_cache_size`` plants each; the driver holds one plant's data at a
    time while validating, plus a few kilobytes of bookkeeping per plant.
    """
    total_cpus = sim.total_cpus or host.cpus
    gpus = host.gpus if sim.total_gpus is None else sim.total_gpus
    n_workers = max(1, workers(sim, total_cpus, gpus))
    cached = min(sim.plant_cache_size, num_plants)
    per_worker = WORKER_BASE_BYTES + int(cached * largest_plant_bytes * DATA_COPY_FACTOR)
    driver = DRIVER_BASE_BYTES + int(largest_plant_bytes * DATA_COPY_FACTOR) + num_plants * 64 * 1024
    return {"workers": n_workers, "per_worker": per_worker, "driver": driver, "ray_services": RAY_SERVICES_BYTES,
            "total": n_workers * per_worker + driver + RAY_SERVICES_BYTES}


def memory_problems(sim: SimulationConfig, host: HostResources, num_plants: int,
                    largest_plant_bytes: int) -> list[str]:
    """Refuse a run whose estimated peak memory exceeds what the host has free, naming what to lower."""
    if not sim.memory_check or host.memory_available <= 0:
        return []
    est = estimate_peak_memory(sim, host, num_plants, largest_plant_bytes)
    if est["total"] <= host.memory_available:
        return []
    mib = 2**20
    return [
        f"estimated peak memory {est['total'] / mib:.0f} MiB ({est['workers']} worker(s) × "
        f"{est['per_worker'] / mib:.0f} MiB holding up to {min(sim.plant_cache_size, num_plants)} plant(s) of "
        f"{largest_plant_bytes / mib:.1f} MiB each, driver {est['driver'] / mib:.0f} MiB, Ray "
        f"{est['ray_services'] / mib:.0f} MiB) exceeds the {host.memory_available / mib:.0f} MiB available: "
        "lower simulation.plant_cache_size, raise simulation.cpus_per_plant (fewer workers), or use fewer "
        "windows per plant (e.g. synthetic_plants.num_windows_per_class); simulation.memory_check: false skips this"
    ]


_OOM_MARKERS = ("out of memory", "outofmemoryerror", "memoryerror", "running low on memory", "oom killer", "oom-kill")


def memory_hint(reason: str) -> str:
    """For a failure that looks like memory exhaustion, the settings to lower; otherwise ""."""
    text = reason.lower()
    if not any(marker in text for marker in _OOM_MARKERS):
        return ""
    return ("out of memory: lower simulation.plant_cache_size (plants kept in memory per worker), "
            "federation.training.batch_size, or the number of workers (raise simulation.cpus_per_plant); "
            "on a GPU, give each plant a larger share (raise simulation.gpus_per_plant) so fewer share a card")
