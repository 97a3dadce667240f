"""Multi-host: the coordinator and three plants each in their own network namespace ("host") on one
bridge, TLS and plant authentication on, a plant killed and restarted mid-run; the federation
completes. Traffic stays on the test's private bridge (10.251.5.0/24). Needs root and iproute2.

Marker ``netns`` (`make test-netns`).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess

import pytest

from tests.conftest import tiny_scenario, write_plant_policy
from tests.helpers.deployment import Deployment

pytestmark = pytest.mark.netns

SUBNET = "10.251.5"
DP = {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5}


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


@pytest.fixture
def hosts():
    """Namespaces srv, p0, p1, p2 on a private bridge; yields {name: (namespace, address)}."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("network namespaces need root and iproute2 (ip)")
    tag = secrets.token_hex(2)
    bridge = f"brff{tag}"
    made: dict[str, tuple[str, str]] = {}
    veths: list[str] = []
    try:
        _ip("link", "add", bridge, "type", "bridge")
        _ip("link", "set", bridge, "up")
        for i, name in enumerate(["srv", "p0", "p1", "p2"], start=1):
            ns, veth, address = f"ff5-{tag}-{name}", f"vf{tag}{i}", f"{SUBNET}.{i}"
            _ip("netns", "add", ns)
            made[name] = (ns, address)
            _ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns)
            veths.append(veth)
            _ip("link", "set", veth, "master", bridge, "up")
            _ip("-n", ns, "addr", "add", f"{address}/24", "dev", "eth0")
            _ip("-n", ns, "link", "set", "eth0", "up")
            _ip("-n", ns, "link", "set", "lo", "up")
        yield made
    finally:
        for veth in veths:
            subprocess.run(["ip", "link", "del", veth], capture_output=True)
        for ns, _ in made.values():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        subprocess.run(["ip", "link", "del", bridge], capture_output=True)


def test_federation_across_namespaces_with_a_plant_restart(tmp_path, hosts):
    scenario = tiny_scenario(tmp_path, federation={"rounds": 6, "round_timeout_s": 45, "evaluate_every": 0,
                                                   "strategy": {"min_train_plants": 2},
                                                   "training": {"local_epochs": 1, "batch_size": 16,
                                                                "learning_rate": 0.003}},
                             synthetic_plants={"count": 3, "seed": 0, "num_windows_per_class": 12},
                             personalisation={"mode": "head", "epochs": 1}, evaluation={"baselines": []},
                             privacy=DP)
    srv_ns, srv_addr = hosts["srv"]
    on = {name: ["ip", "netns", "exec", ns] for name, (ns, _) in hosts.items()}
    dep = Deployment(tmp_path / "dep", scenario, ["plant-0", "plant-1", "plant-2"], host=srv_addr, port=9443,
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare()
    try:
        dep.start_coordinator(prefix=on["srv"])
        for plant_id in dep.plant_ids:
            dep.register(plant_id, prefix=on["srv"])
        for i, plant_id in enumerate(dep.plant_ids):
            dep.start_plant(plant_id, prefix=on[f"p{i}"])
        # the plants' network sees only the bridge: the coordinator is not reachable on loopback there
        probe = subprocess.run([*on["p0"], "ip", "-4", "-o", "addr"], capture_output=True, text=True)
        assert f"{SUBNET}.2/24" in probe.stdout and f"{SUBNET}.1/" not in probe.stdout
        run_dir = tmp_path / "run"
        run = dep.launch(run_dir, prefix=on["srv"])
        dep.wait_for(lambda: "[round 1/" in run.text(), 300, "round 1", run)
        dep.kill("plant-plant-1")
        dep.wait_for(lambda: "[round 2/" in run.text(), 300, "round 2", run)
        dep.start_plant("plant-1", prefix=on["p1"])
        dep.wait_for(lambda: run.popen.poll() is not None, 600, "the run to finish", run)
        assert run.popen.returncode == 0, run.text()[-4000:]
        results = json.loads((run_dir / "results.json").read_text())
        rounds = {r["round"]: r for r in results["rounds"]}
        assert sorted(rounds) == [1, 2, 3, 4, 5, 6]
        assert "plant-1" not in rounds[2]["participants"]
        # restarted: Flower refuses to re-activate a hard-killed node for up to ~60 s, then it rejoins
        assert any("plant-1" in rounds[r]["participants"] for r in (4, 5, 6)), rounds
        assert all(results["plants"][p]["status"] == "ok" for p in dep.plant_ids)
        # plant state stayed on each plant's own side; the restarted plant kept its ledger
        assert len(dep.ledger("plant-1")) >= 2
    finally:
        dep.stop()
