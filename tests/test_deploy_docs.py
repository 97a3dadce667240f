"""docs/deployment.md works as written: its `bash` blocks, run in order in one shell on this host.

Marker ``deploy`` (a few minutes; `make test-deploy`). The page's commands run verbatim except
for the ports (9443 and 9094-9096 become free ones, so parallel runs and busy hosts do not
collide), with ``HOME`` a temporary directory (the trial directory and Flower's default
``~/.flwr`` land there) and the virtual environment's ``bin`` on ``PATH``, as the page assumes.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy.cli import app_dir

pytestmark = pytest.mark.deploy

PAGE = app_dir() / "docs" / "deployment.md"
COORDINATOR_PORT = "9443"
RUNTIME_PORT = "9094"  # the first plant's; the page adds i for plant i


def bash_blocks(markdown: str) -> list[str]:
    """The page's runnable commands: its fenced ```bash blocks, in order."""
    return re.findall(r"^```bash\n(.*?)^```$", markdown, flags=re.S | re.M)


def _free_port_run(count: int) -> int:
    """A port p with p .. p+count-1 all free on loopback."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count >= 65535:
            continue
        try:
            for port in range(base, base + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError("no run of free ports")


def test_page_has_the_steps_in_order():
    blocks = bash_blocks(PAGE.read_text())
    firsts = [next(line.split()[1] for line in b.splitlines() if line.strip().startswith("factoryfl "))
              for b in blocks if re.search(r"^\s*factoryfl ", b, flags=re.M)]
    assert firsts == ["certs", "plant-data", "coordinator", "register", "plant", "run", "log"], firsts
    assert "--runtime-port" in blocks[firsts.index("plant") + 1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_deployment_page_runs_verbatim(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    script = "\n".join(["set -euo pipefail", *bash_blocks(PAGE.read_text())])
    script = script.replace(COORDINATOR_PORT, str(_free_port_run(1))).replace(RUNTIME_PORT, str(_free_port_run(3)))
    (tmp_path / "page.sh").write_text(script)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLWR_")}
    env.update({"HOME": str(home), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
                "FLWR_TELEMETRY_ENABLED": "0", "FLWR_DISABLE_UPDATE_CHECK": "1", "OMP_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"})
    trial = home / "factoryfl-trial"
    log = tmp_path / "page.log"
    with log.open("w") as out:
        proc = subprocess.Popen(["bash", str(tmp_path / "page.sh")], cwd=tmp_path, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = proc.wait(timeout=2400)
            left = _left_running(trial)  # after the page's own stop step
        finally:
            _stop_all(proc.pid, trial, tmp_path)
    text = log.read_text(errors="replace")
    logs = "".join(f"\n--- {p.name}\n" + p.read_text(errors="replace")[-3000:] for p in trial.glob("*.log"))
    assert code == 0, f"the page's commands failed (exit {code}):\n{text[-6000:]}{logs}"
    assert re.search(r"run \d+: finished:completed", text), text[-4000:]
    report = (trial / "runs" / "demo" / "report.md").read_text()
    assert "# factoryfl run report: deploy_demo" in report and "DP accuracy" in report
    assert (home / ".flwr" / "config.toml").is_file()  # the page says Flower writes to ~/.flwr
    # every round line once in what `factoryfl log --follow` showed
    rounds = re.findall(r"\[round (\d+)/\d+\]", text)
    assert rounds and len(rounds) == len(set(rounds)), rounds
    assert not left, f"still running after the page's stop step: {left}"


def _pids(trial: Path) -> dict[str, int]:
    return {p.name: int(p.read_text()) for p in trial.glob("*.pid") if p.read_text().strip().isdigit()}


def _left_running(trial: Path, wait_s: float = 30.0) -> list[str]:
    deadline = time.monotonic() + wait_s
    while True:
        left = [name for name, pid in _pids(trial).items() if _alive(pid)]
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.5)


def _stop_all(pgid: int, trial: Path, tmp_path: Path) -> None:
    """End everything the page started, by id: its pid files, its process group, and any process
    (e.g. a Flower child in a session of its own) whose command line names this test's directory."""
    for pid in _pids(trial).values():
        if _alive(pid):
            os.kill(pid, signal.SIGTERM)
    _left_running(trial)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(tmp_path) in cmdline and int(proc.name) != os.getpid():
            try:
                os.kill(int(proc.name), signal.SIGKILL)
            except ProcessLookupError:
                pass
