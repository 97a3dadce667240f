"""Real processes, cheap enough for the default tier (~1 min): a TLS + auth coordinator refuses a
plant whose key is not registered, and a plant that trusts another CA cannot connect; both plants
exit with a message that says what to do."""

from __future__ import annotations

import pytest

from deploy.certs import create_federation_certs
from tests.conftest import tiny_scenario, write_plant_policy
from tests.helpers.deployment import Deployment, free_port


@pytest.fixture(scope="module")
def coordinator(tmp_path_factory):
    """One TLS + auth coordinator for this module; plant-0's key is registered, "unregistered"'s is not."""
    tmp_path = tmp_path_factory.mktemp("refusals")
    dep = Deployment(tmp_path / "dep", tiny_scenario(tmp_path), ["plant-0"],
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare(extra_keys=["unregistered"])
    try:   # a coordinator that started but did not come up in time is stopped too
        dep.start_coordinator()
        dep.register("plant-0")
        yield dep
    finally:
        dep.stop()


def _exit_text(dep: Deployment, name: str, timeout: float = 120) -> tuple[int, str]:
    proc = dep.procs[name]
    dep.wait_for(lambda: proc.popen.poll() is not None, timeout, f"{name} to exit")
    return proc.popen.returncode, proc.text()


def test_unregistered_key_is_refused_with_both_causes_named(coordinator):
    dep = coordinator
    # its key was never registered; --activation-wait 0: give up at the first refusal
    dep.spawn("unregistered", ["plant", "--coordinator", dep.address, "--plant-id", "plant-0",
                               "--data-dir", str(dep.data_dir("plant-0")), "--state-dir", str(dep.state_dir("plant-0")),
                               "--ca", str(dep.certs / "ca.crt"),
                               "--key", str(dep.certs / "plants/unregistered/plant.key"),
                               "--runtime-port", str(free_port()), "--activation-wait", "0"])
    code, text = _exit_text(dep, "unregistered")
    assert code != 0, text[-2000:]
    assert "Failed to activate SuperNode" in text                    # Flower's own words
    assert "its public key is not registered" in text and "factoryfl register" in text   # and ours


def test_plant_trusting_another_ca_cannot_connect(coordinator, tmp_path):
    dep = coordinator
    other = tmp_path / "other-ca"
    create_federation_certs(other, ["localhost"], [])
    dep.spawn("wrong-ca", ["plant", "--coordinator", dep.address, "--plant-id", "plant-0",
                           "--data-dir", str(dep.data_dir("plant-0")), "--state-dir", str(dep.state_dir("plant-0")),
                           "--ca", str(other / "ca.crt"), "--key", str(dep.certs / "plants/plant-0/plant.key"),
                           "--runtime-port", str(free_port()), "--max-wait-time", "8", "--activation-wait", "0"])
    code, text = _exit_text(dep, "wrong-ca")
    assert code != 0, text[-2000:]
    assert "SuperNode ID" not in text                                  # never admitted
    assert "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text.lower(), text[-3000:]


def test_runs_are_launched_listed_followed_and_stopped(coordinator):
    """`factoryfl run --no-stream`, `runs`, `log`, `stop` against the TLS coordinator (no plants yet:
    the run waits for them, so it is still running when we stop it)."""
    import json
    import re

    dep = coordinator
    started = dep.factoryfl("run", *dep.connection_args(), str(dep.scenario), "--run-dir", str(dep.root / "run"),
                            "--no-stream", timeout=180)
    match = re.search(r"Successfully started run (\d+)", started.stdout + started.stderr)
    assert match, started.stdout + started.stderr
    run_id = match.group(1)
    assert "flwr run" in started.stdout and "--run-config" in started.stdout      # the command is shown

    def status() -> str:
        listing = dep.factoryfl("runs", "--json", "--run-id", run_id)
        text = listing.stdout[listing.stdout.index("{"):]
        return json.loads(text)["runs"][0]["status"]

    dep.wait_for(lambda: status() == "running", 120, "the run to be running")
    log = dep.factoryfl("log", run_id)
    assert f"flwr log {run_id} factoryfl --show" in log.stdout
    dep.factoryfl("stop", run_id)
    dep.wait_for(lambda: status().startswith("finished:stopped"), 120, "the run to be stopped")
