"""Wall time per round: real deployment vs Flower simulation vs in-process, same scenario; and the
process start-up cost each deployed message pays (Flower starts a ClientApp process per message).

Run: make bench-deploy   (writes simulations/results/deploy_overhead.{json,md}; ~15 min on 2 cores)

Scenario: simulations/scenarios/deploy_demo.yaml as shipped (3 plants, DP-SGD; its rounds, epochs and
evaluation every round are read from the file and stated in the results). The same plant windows in
all three modes (deployed plants read them from data directories exported from the scenario).
Deployment: coordinator + 3 plants as OS processes on this host over TLS with plant authentication,
Flower's default `subprocess` isolation.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from simulations.benchmarks.common import machine, write_results

logger = logging.getLogger(__name__)

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "deploy_demo.yaml"


def _trial_policy(tmp: Path) -> Path:
    """The plants' own privacy policy for this measurement: DP required (the scenario runs DP), and
    evaluation metrics and sizes released outside DP so the report shows accuracy."""
    import yaml

    path = tmp / "privacy_policy.yaml"
    path.write_text(yaml.safe_dump({"require_dp": True, "allow": ["accounting", "metrics", "sizes"]}))
    return path
PLANTS = ["plant-0", "plant-1", "plant-2"]


def _round_times(results: dict[str, Any]) -> list[float]:
    return [float(r["wall_time_s"]) for r in results["rounds"]]


def in_process(tmp: Path) -> dict[str, Any]:
    """The coordinator and the real ClientApp in one process (no Flower runtime, no network)."""
    from common.config import load_scenario
    from deploy.plant_data import export_plant_dir
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    configs = {}
    for i, plant in enumerate(PLANTS):
        data = export_plant_dir(SCENARIO, plant, tmp / "inproc-data" / plant)
        configs[101 + i] = {"plant-id": plant, "data-dir": str(data), "state-dir": str(tmp / "inproc-state" / plant)}
    run_dir = tmp / "inproc-run"
    run_dir.mkdir()
    started = time.perf_counter()
    results = run_federation(LoopbackGrid(SCENARIO, 3, run_dir, node_configs=configs), load_scenario(SCENARIO), run_dir)
    return {"round_s": _round_times(results), "total_s": time.perf_counter() - started}


def simulation(tmp: Path) -> dict[str, Any]:
    """Flower's simulation engine (Ray), as `factoryfl simulate` runs it, in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).parent / "factoryfl"), "simulate", str(SCENARIO),
                           "--runs-dir", str(tmp / "sim-runs")], capture_output=True, text=True, timeout=1200,
                          env={**os.environ, "RAY_TMPDIR": tempfile.mkdtemp(prefix="ffray", dir="/tmp")})
    if proc.returncode != 0:
        raise RuntimeError(f"simulation failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    results_path = next((tmp / "sim-runs").glob("*/results.json"))
    results = json.loads(results_path.read_text())
    return {"round_s": _round_times(results), "total_s": time.perf_counter() - started}


def deployment(tmp: Path) -> dict[str, Any]:
    """Coordinator + 3 plants as processes (TLS, auth), launched with `factoryfl run`."""
    from deploy.local import Deployment

    dep = Deployment(tmp / "dep", SCENARIO, PLANTS, plant_policy=_trial_policy(tmp))
    dep.prepare()
    try:
        dep.start_coordinator()
        for plant in PLANTS:
            dep.register(plant)
        for plant in PLANTS:
            dep.start_plant(plant)
        started = time.perf_counter()
        run = dep.launch(tmp / "dep-run")
        dep.wait_for(lambda: run.popen.poll() is not None, 1500, "the deployed run", run)
        total = time.perf_counter() - started
        if run.popen.returncode != 0:
            raise RuntimeError(f"deployed run failed:\n{run.text()[-3000:]}")
        results = json.loads((tmp / "dep-run" / "results.json").read_text())
        starts = sum(p.text().count("Start `flwr-clientapp` process")
                     for n, p in dep.procs.items() if n.startswith("plant"))
    finally:
        dep.stop()
    return {"round_s": _round_times(results), "total_s": total, "clientapp_processes": starts}


def import_cost(statement: str, repeats: int = 3) -> float:
    """Median seconds for a fresh Python process to run ``statement`` (what each ClientApp start pays)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def markdown(payload: dict[str, Any]) -> str:
    """The results page from the saved payload."""
    modes, rounds, startup = payload["modes"], payload["mean_round_s"], payload["process_startup_s"]
    per_round_overhead = payload["deployment_overhead_per_round_s"]
    messages_per_round = 2
    load = payload["machine"].get("load_average_1_5_15")
    md = [f"# Deployment vs simulation: wall time per round ({SCENARIO.name}, 3 plants, DP-SGD, "
          f"{payload['rounds']} rounds of {payload['local_epochs']} local epochs)", "",
          f"Machine: {payload['machine']['processor']}, {payload['machine']['cpu_count']} cores, "
          f"torch {payload['machine']['torch']}; measured {payload['machine']['measured_at']} "
          f"(shared machine: load average {load} at the end, timings are noisy and inflated by the other work). "
          "Command: `make bench-deploy`.", "",
          "| mode | mean s / round | rounds (s) | whole run (s) |", "|---|---|---|---|"]
    labels = {"in_process": "in-process (coordinator + ClientApp, no Flower runtime)",
              "simulation": "Flower simulation engine (Ray)",
              "deployment": "deployment: SuperLink + 3 SuperNodes, TLS + auth, subprocess isolation"}
    for mode in labels:
        values = modes[mode]
        md.append(f"| {labels[mode]} | {rounds[mode]:.1f} | {', '.join(f'{t:.1f}' for t in values['round_s'])} | "
                  f"{values['total_s']:.1f} |")
    md += ["", f"Deployment overhead over in-process: {per_round_overhead:.1f} s per round, "
           f"≈ {per_round_overhead / messages_per_round:.1f} s per message wave (train, evaluate); "
           f"{modes['deployment']['clientapp_processes']} ClientApp processes were started for the whole run "
           "(one per message).", "",
           "## Start-up cost of one ClientApp process (fresh Python, median of 3)", "",
           "| what is imported | s |", "|---|---|"]
    for name, value in startup.items():
        md.append(f"| {name} | {value:.2f} |")
    md += ["", f"Importing opacus lazily (only when a DP step or ε is computed) saves "
           f"{payload['import_saved_by_lazy_opacus_s']:.2f} s per non-private message (hello, evaluate, "
           "personalise, final evaluation); the train message under DP still pays it. torch's own import "
           "dominates what remains."]
    return "\n".join(md) + "\n"


def main() -> None:
    import torch

    from common.config import load_scenario

    torch.set_num_threads(1)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="ff-deploy-bench-") as tmp_name:
        tmp = Path(tmp_name)
        modes = {"in_process": in_process(tmp), "simulation": simulation(tmp), "deployment": deployment(tmp)}
    startup = {
        "python_bare": import_cost("pass"),
        "flwr_clientapp_module": import_cost("import flwr.clientapp"),
        "client_app_lazy_opacus": import_cost("import client.app"),
        "client_app_plus_opacus": import_cost("import client.app, opacus"),
    }
    rounds = {m: statistics.fmean(v["round_s"]) for m, v in modes.items()}
    scenario = load_scenario(SCENARIO)
    per_round_overhead = rounds["deployment"] - rounds["in_process"]
    messages_per_round = 2  # train + evaluate to each plant (evaluate_every: 1)
    payload: dict[str, Any] = {
        "machine": machine(), "scenario": str(SCENARIO.name), "plants": len(PLANTS), "modes": modes,
        "rounds": scenario.federation.rounds, "local_epochs": scenario.federation.training.local_epochs,
        "mean_round_s": rounds, "deployment_overhead_per_round_s": per_round_overhead,
        "deployment_overhead_per_message_s": per_round_overhead / messages_per_round,
        "process_startup_s": startup,
        "import_saved_by_lazy_opacus_s": startup["client_app_plus_opacus"] - startup["client_app_lazy_opacus"]}
    json_path, md_path = write_results("deploy_overhead", payload, markdown(payload))
    print(md_path.read_text())
    print(json_path)


if __name__ == "__main__":
    main()
