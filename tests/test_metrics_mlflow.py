"""``simulation.metrics_logger: mlflow`` against a real MLflow tracking server (``mlflow server``, sqlite
backend, a free local port) in a subprocess; what arrived is read back with MLflow's own client.

Slow tier: the server takes 10-30 s to start. Skipped when mlflow is not installed
(``pip install -e '.[mlflow]'``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from common import wire
from common.config import load_scenario
from server.app import run_federation
from server.metrics_logging import final_metrics, record_metrics
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid

pytest.importorskip("mlflow", reason="mlflow is not installed: pip install -e '.[mlflow]' to run this test")
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MlflowServer:
    """``mlflow server`` in its own process group (it starts job-runner children), on a free port."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.uri = f"http://127.0.0.1:{self.port}"
        self.log = root / "mlflow-server.log"
        argv = [sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(self.port),
                "--workers", "1", "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
                "--default-artifact-root", str(root / "artifacts")]
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen(argv, cwd=root, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_up(self, timeout_s: float = 120.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mlflow server exited {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.uri}/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"mlflow server not up within {timeout_s:.0f}s: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        try:  # job-runner children outlive their parent briefly
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture
def mlflow_server(tmp_path, monkeypatch) -> Iterator[MlflowServer]:
    server = MlflowServer(tmp_path)
    try:
        server.wait_until_up()
        monkeypatch.setenv("MLFLOW_TRACKING_URI", server.uri)
        monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")  # a gone server fails fast
        monkeypatch.setenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5")
        yield server
    finally:
        server.stop()


def _history(uri: str, experiment: str, key: str) -> list[tuple[int, float]]:
    """(step, value) of metric ``key`` in the newest run of ``experiment`` on the server ([] before any)."""
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=uri)
    found = client.get_experiment_by_name(experiment)
    if found is None:
        return []
    runs = client.search_runs([found.experiment_id], order_by=["attributes.start_time DESC"], max_results=1)
    if not runs:
        return []
    return sorted((m.step, m.value) for m in client.get_metric_history(runs[0].info.run_id, key))


def _round_hook(seen: dict[int, list[int]], uri: str):
    """A reply hook recording, when each round's training is sent, the steps already on the server."""
    def hook(node, msg, reply):
        if msg.metadata.message_type == wire.MSG_PRETRAIN:
            server_round = int(msg.content[wire.CONFIG][wire.SERVER_ROUND])
            if server_round not in seen:
                seen[server_round] = [s for s, _ in _history(uri, "tiny", "round/train_loss")]
        return reply
    return hook


def test_each_round_arrives_at_a_real_mlflow_server_as_it_ends(tmp_path, mlflow_server):
    from mlflow.tracking import MlflowClient

    rounds = 3
    path = tiny_scenario(tmp_path, federation={"rounds": rounds}, simulation={"metrics_logger": "mlflow"})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    seen: dict[int, list[int]] = {}
    grid = LoopbackGrid(path, len(scenario.plants), run_dir, reply_hook=_round_hook(seen, mlflow_server.uri))
    results = run_federation(grid, scenario, run_dir)

    assert seen == {r: list(range(1, r)) for r in range(1, rounds + 1)}, "rounds arrive as they end, not after"
    client = MlflowClient(tracking_uri=mlflow_server.uri)
    experiment = client.get_experiment_by_name("tiny")
    (run,) = client.search_runs([experiment.experiment_id])
    assert run.info.status == "FINISHED" and run.info.run_name == run_dir.name
    assert run.data.tags["factoryfl.run_dir"] == str(run_dir)
    for record in results["rounds"]:
        for key, value in record_metrics(record).items():
            assert (record["round"], pytest.approx(value, rel=1e-6)) in _history(mlflow_server.uri, "tiny", key)
    finals = final_metrics(results)
    assert finals and set(finals) <= set(run.data.metrics)
    for key, value in finals.items():
        assert run.data.metrics[key] == pytest.approx(value, rel=1e-6)


def test_a_tracking_server_that_goes_away_mid_run_does_not_stop_the_federation(tmp_path, mlflow_server, caplog):
    path = tiny_scenario(tmp_path, federation={"rounds": 3}, simulation={"metrics_logger": "mlflow"},
                         evaluation={"baselines": []})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()

    def hook(node, msg, reply):
        if msg.metadata.message_type == wire.MSG_PRETRAIN and int(msg.content[wire.CONFIG][wire.SERVER_ROUND]) == 2:
            mlflow_server.stop()  # round 1 is on the server; rounds 2 and 3 cannot get there
        return reply

    results = run_federation(LoopbackGrid(path, len(scenario.plants), run_dir, reply_hook=hook), scenario, run_dir)
    assert [r["round"] for r in results["rounds"]] == [1, 2, 3] and (run_dir / "results.json").is_file()
    failures = [r.getMessage() for r in caplog.records if "metrics logger mlflow failed" in r.getMessage()]
    assert len(failures) == 1 and "results.json keeps them all" in failures[0]
