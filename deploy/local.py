"""A real deployment on one host (tests, benchmarks, trials): a coordinator (flower-superlink, TLS +
node auth) and plants (flower-supernode) started with the `factoryfl` commands a user runs, as OS
processes; optionally each inside its own network namespace (``prefix``).

Every process is started in its own session (process group); ``stop`` ends those groups by
their ids and waits, so no Flower process outlives a test.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deploy.cli import app_dir

REPO = app_dir()

FACTORYFL = str(Path(sys.executable).parent / "factoryfl")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    # the harness waits for Flower's INFO lines (e.g. "Uvicorn running"): never inherit a quieter level
    # (the CLI's quiet console sets FLWR_LOG_LEVEL=ERROR in its own process)
    env.pop("FLWR_LOG_LEVEL", None)
    env.update({"FLWR_HOME": str(home), "FLWR_TELEMETRY_ENABLED": "0", "FLWR_DISABLE_UPDATE_CHECK": "1",
                "FLWR_DISABLE_RUNTIME_DEPENDENCY_INSTALLATION": "1", "PYTHONUNBUFFERED": "1",
                "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"})
    return env


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen
    log: Path

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Deployment:
    """Coordinator + plants under ``root``; plants' data from ``scenario`` (plant-data export)."""

    root: Path
    scenario: Path
    plant_ids: list[str]
    host: str = "127.0.0.1"
    prefix: list[str] = field(default_factory=list)   # e.g. ["ip", "netns", "exec", "fl-c1"] per process
    port: int = field(default_factory=free_port)
    procs: dict[str, Proc] = field(default_factory=dict)
    insecure: bool = False
    plant_policy: Path | None = None   # every plant's privacy policy file (None: each keeps its own / the default)

    @property
    def certs(self) -> Path:
        return self.root / "certs"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def factoryfl(self, *args: str, home: str = "cli", timeout: float = 120, prefix: list[str] | None = None,
                  check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([*(prefix or []), FACTORYFL, *args], env=env_for(self.root / f"home-{home}"),
                              cwd=REPO, capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"factoryfl {' '.join(args)} failed ({proc.returncode}):\n"
                                 f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        return proc

    def prepare(self, extra_keys: Sequence[str] = ()) -> None:
        hosts = ["localhost", "127.0.0.1", self.host]
        args = ["certs", str(self.certs)] + [a for h in dict.fromkeys(hosts) for a in ("--host", h)]
        args += [a for p in [*self.plant_ids, *extra_keys] for a in ("--plant", p)]
        self.factoryfl(*args)
        for plant_id in self.plant_ids:
            self.factoryfl("plant-data", str(self.data_dir(plant_id)), "--scenario", str(self.scenario),
                           "--plant", plant_id)

    def data_dir(self, plant_id: str) -> Path:
        return self.root / "data" / plant_id

    def state_dir(self, plant_id: str) -> Path:
        return self.root / "state" / plant_id

    def spawn(self, name: str, args: list[str], prefix: list[str] | None = None) -> Proc:
        log = self.root / "logs" / f"{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        handle = log.open("a")
        popen = subprocess.Popen([*(prefix if prefix is not None else self.prefix), FACTORYFL, *args],
                                 env=env_for(self.root / f"home-{name}"), cwd=REPO, stdout=handle,
                                 stderr=subprocess.STDOUT, start_new_session=True)
        proc = Proc(name, popen, log)
        self.procs[name] = proc
        return proc

    def start_coordinator(self, prefix: list[str] | None = None) -> Proc:
        args = ["coordinator", "--state-dir", str(self.root / "coordinator"), "--host", self.host,
                "--port", str(self.port)]
        args += ["--insecure"] if self.insecure else ["--certs", str(self.certs)]
        proc = self.spawn("coordinator", args, prefix)
        self.wait_for(lambda: "Uvicorn running" in proc.text(), 120, "coordinator start", proc)  # busy 2-core hosts
        return proc

    def connection_args(self) -> list[str]:
        if self.insecure:
            return ["--coordinator", self.address, "--insecure"]
        return ["--coordinator", self.address, "--ca", str(self.certs / "ca.crt")]

    def register(self, plant_id: str, key_of: str | None = None, prefix: list[str] | None = None) -> None:
        """Register the key of ``key_of`` (default: the plant's own) under the name ``plant_id``."""
        key = self.certs / "plants" / (key_of or plant_id) / "plant.key.pub"
        self.factoryfl("register", *self.connection_args(), "--public-key", str(key), plant_id, prefix=prefix)

    def start_plant(self, plant_id: str, key_of: str | None = None, data_dir: Path | None = None,
                    prefix: list[str] | None = None, budget: float | None = None, name: str | None = None,
                    policy: Path | None = None) -> Proc:
        args = ["plant", "--coordinator", self.address, "--plant-id", plant_id,
                "--data-dir", str(data_dir or self.data_dir(plant_id)), "--state-dir", str(self.state_dir(plant_id)),
                "--runtime-port", str(free_port())]
        if budget is not None:
            args += ["--privacy-budget", str(budget)]
        if (policy or self.plant_policy) is not None:
            args += ["--privacy-policy", str(policy or self.plant_policy)]
        if self.insecure:
            args.append("--insecure")
        else:
            key = self.certs / "plants" / (key_of or plant_id) / "plant.key"
            args += ["--ca", str(self.certs / "ca.crt"), "--key", str(key)]
        return self.spawn(name or f"plant-{plant_id}", args, prefix)

    def launch(self, run_dir: Path, resume: bool = False, prefix: list[str] | None = None) -> Proc:
        args = ["run", *self.connection_args(), str(self.scenario), "--run-dir", str(run_dir)]
        if resume:
            args.append("--resume")
        return self.spawn("run-resumed" if resume else "run", args, prefix)

    def wait_for(self, condition, timeout: float, what: str, proc: Proc | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if proc is not None and proc.popen.poll() is not None and not condition():
                raise AssertionError(f"{proc.name} exited ({proc.popen.returncode}) before {what}:\n"
                                     f"{proc.text()[-4000:]}")
            time.sleep(0.5)
        raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}" +
                             (f"; {proc.name} log:\n{proc.text()[-4000:]}" if proc else ""))

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill a process we started, with its whole process group (Flower's children included)."""
        proc = self.procs[name]
        try:
            os.killpg(proc.popen.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.popen.pid, signal.SIGKILL)
            proc.popen.wait(timeout=20)
        self._reap_group(proc.popen.pid)

    @staticmethod
    def _reap_group(pgid: int) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                return
            time.sleep(0.2)

    def stop(self) -> None:
        for name in list(self.procs):
            self.kill(name)

    def ledger(self, plant_id: str) -> list[dict]:
        path = self.state_dir(plant_id) / "privacy_ledger.json"
        return json.loads(path.read_text())["entries"] if path.exists() else []
