"""A two-node Ray cluster on this machine (head + worker processes), and a simulation run on it.

Flower's simulation backend is Ray, so a federation too large for one host runs on a Ray
cluster the user already operates: set ``simulation.ray_address`` (or ``factoryfl simulate
--ray-address HOST:PORT``). This module shows it locally:

    ray start --head --node-ip-address 127.0.0.1 --port P --num-cpus 1 --resources '{"head_node": 1}' --block
    ray start --address 127.0.0.1:P --node-ip-address 127.0.0.1 --num-cpus 1 --resources '{"worker_node": 1}' --block

then runs the scenario against ``127.0.0.1:P``: Flower starts one simulation worker per CPU of
the cluster, here one on each node, and every plant reports the Ray node that served it.
Both ``ray start`` processes run in the foreground (``--block``) as children of this process and
are stopped by their process ids (never ``ray stop``, which would stop every Ray on the host).

Run: make demo-ray-cluster   (writes simulations/results/ray_cluster.{json,md})
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

RAY = str(Path(sys.executable).with_name("ray"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalRayCluster:
    """``with LocalRayCluster() as cluster: ... cluster.address``: a head and a worker node here."""

    def __init__(self, cpus_per_node: int = 1, timeout_s: float = 90.0) -> None:
        self.cpus_per_node = cpus_per_node
        self.timeout_s = timeout_s
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.temp_dir = Path(tempfile.mkdtemp(prefix="ffrc", dir="/tmp"))  # Ray's socket paths must stay short
        self.processes: list[subprocess.Popen] = []

    def _start(self, args: list[str], name: str) -> None:
        log = (self.temp_dir / f"{name}.log").open("w")
        env = {**os.environ, "RAY_TMPDIR": str(self.temp_dir)}
        process = subprocess.Popen([RAY, "start", *args, "--block"], stdout=log, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True)
        self.processes.append(process)

    def nodes_alive(self) -> int:
        """Alive nodes as `ray status` reports them (0 when the cluster does not answer yet)."""
        out = subprocess.run([RAY, "status", "--address", self.address], capture_output=True, text=True,
                             env={**os.environ, "RAY_TMPDIR": str(self.temp_dir)}, timeout=60)
        if out.returncode != 0:
            return 0
        active = out.stdout.split("Active:", 1)[-1].split("Pending:", 1)[0]
        return sum(1 for line in active.splitlines() if "node_" in line)

    def _wait_for(self, nodes: int) -> None:
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a `ray start` process exited early: see the logs in {self.temp_dir}")
            if self.nodes_alive() >= nodes:
                return
            time.sleep(1.0)
        raise RuntimeError(f"the local Ray cluster did not reach {nodes} node(s) in {self.timeout_s:.0f}s: "
                           f"see the logs in {self.temp_dir}")

    def __enter__(self) -> LocalRayCluster:
        common = ["--node-ip-address", "127.0.0.1", "--num-cpus", str(self.cpus_per_node), "--num-gpus", "0",
                  "--disable-usage-stats"]
        self._start(["--head", "--port", str(self.port), "--include-dashboard", "false",
                     "--temp-dir", str(self.temp_dir), "--resources", '{"head_node": 1}', *common], "head")
        self._wait_for(1)
        self._start(["--address", self.address, "--resources", '{"worker_node": 1}', *common], "worker")
        self._wait_for(2)
        logger.info("local Ray cluster at %s: head + worker node, %d CPU each", self.address, self.cpus_per_node)
        return self

    def __exit__(self, *exc: object) -> None:
        for process in reversed(self.processes):  # worker first, then head
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)  # its own session: `ray start` and the daemons it ran
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def run_on_cluster(scenario: str | Path, runs_dir: str | None = None) -> dict[str, Any]:
    """Start the two-node cluster, run ``scenario`` on it, return which node served which plant."""
    from simulations.runner import simulate

    with LocalRayCluster() as cluster:
        started = time.perf_counter()
        run_dir = simulate(scenario, runs_dir, ray_address=cluster.address)
        wall = time.perf_counter() - started
    results = json.loads((Path(run_dir) / "results.json").read_text())
    nodes = {p: v.get("worker_node") for p, v in results["plants"].items()}
    return {"address": cluster.address, "run_dir": str(run_dir), "wall_s": wall, "plant_nodes": nodes,
            "plants_per_node": dict(collections.Counter(nodes.values())),
            "rounds": [{"round": r["round"], "participants": len(r["participants"]), "wall_s": r["wall_time_s"],
                        "trained_per_node": r.get("worker_nodes", {})} for r in results["rounds"]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", default="simulations/scenarios/synthetic_50plants.yaml")
    parser.add_argument("--runs-dir", default=None)
    parser.add_argument("--results-name", default="ray_cluster", help="'' = do not write simulations/results")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from simulations.benchmarks.common import machine, machine_line, write_results

    info = machine()
    out = run_on_cluster(args.scenario, args.runs_dir)
    lines = ["# A simulation on a two-node Ray cluster (head + worker started locally)", "",
             f"Command: `make demo-ray-cluster` (`python -m simulations.ray_cluster {args.scenario}`). "
             + machine_line(info), "",
             "Nodes: `ray start --head --num-cpus 1` and `ray start --address … --num-cpus 1` on this machine; "
             f"the run used `simulation.ray_address={out['address']}`; wall time {out['wall_s']:.0f} s.", "",
             "| Ray node id | plants served at discovery (hello) | " + " | ".join(
                 f"trained in round {r['round']}" for r in out["rounds"]) + " |",
             "|---|---:|" + "---:|" * len(out["rounds"])]
    nodes = sorted(set(out["plants_per_node"]) | {n for r in out["rounds"] for n in r["trained_per_node"]}, key=str)
    lines += [f"| `{node}` | {out['plants_per_node'].get(node, 0)} | " + " | ".join(
        str(r["trained_per_node"].get(node, 0)) for r in out["rounds"]) + " |" for node in nodes]
    lines += ["", "At discovery one worker is up before the other and answers most hellos; once both "
                  "workers are warm, the rounds share the plants between the nodes."]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results_name:
        write_results(args.results_name, {"machine": info, **out}, text)


if __name__ == "__main__":
    main()
