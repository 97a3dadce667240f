"""Live metric logging (server/metrics_logging.py): the coordinator sends each round to the metrics
logger as the round ends, read back with TensorBoard's own event reader while the federation runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from common import wire
from common.config import load_scenario
from server.app import run_federation
from server.metrics_logging import MetricsLoggerError, final_metrics, record_metrics
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid

pytest.importorskip("tensorboard", reason="the tensorboard package is not installed: pip install -e '.[test]'")


def _scalar_steps(log_dir: Path, tag: str) -> list[int]:
    """The steps TensorBoard's reader finds for ``tag`` in ``log_dir`` now ([] before the first write)."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    if not log_dir.is_dir():
        return []
    events = EventAccumulator(str(log_dir))
    events.Reload()
    return [e.step for e in events.Scalars(tag)] if tag in events.Tags()["scalars"] else []


def test_each_round_reaches_tensorboard_while_the_federation_runs(tmp_path):
    rounds = 3
    path = tiny_scenario(tmp_path, federation={"rounds": rounds}, simulation={"metrics_logger": "tensorboard"})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    log_dir = run_dir / "tensorboard"
    seen: dict[tuple[str, int], list[int]] = {}  # (message type, round) → round steps on disk when it was sent

    def hook(node, msg, reply):
        config = msg.content[wire.CONFIG] if wire.CONFIG in msg.content else {}
        key = (msg.metadata.message_type, int(config.get(wire.SERVER_ROUND, 0) or 0))
        if key not in seen:
            seen[key] = _scalar_steps(log_dir, "round/train_loss")
        return reply

    results = run_federation(LoopbackGrid(path, len(scenario.plants), run_dir, reply_hook=hook), scenario, run_dir)

    pretrain = sorted(r for t, r in seen if t == wire.MSG_PRETRAIN)
    assert pretrain == list(range(1, rounds + 1))
    for server_round in pretrain:  # when round r's training was sent, rounds 1..r-1 were already on disk
        assert seen[(wire.MSG_PRETRAIN, server_round)] == list(range(1, server_round))
    final = [steps for (t, _), steps in seen.items() if t == wire.MSG_FINAL_EVALUATE]
    assert final and final[0] == list(range(1, rounds + 1)), "every round was logged before the final evaluation"

    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(log_dir))
    events.Reload()
    for record in results["rounds"]:
        for tag, value in record_metrics(record).items():
            assert (record["round"], pytest.approx(value, rel=1e-6)) in [(e.step, e.value) for e in events.Scalars(tag)]
    finals = final_metrics(results)
    assert finals and {k for k in events.Tags()["scalars"] if k.startswith("final/")} == set(finals)
    assert all([e.step for e in events.Scalars(tag)] == [rounds] for tag in finals)


def test_a_metrics_logger_that_cannot_start_is_named_before_any_round(tmp_path):
    path = tiny_scenario(tmp_path, federation={"rounds": 1}, simulation={"metrics_logger": "tensorboard"},
                         evaluation={"baselines": []})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "tensorboard").write_text("a file where the event folder should be\n")
    grid = LoopbackGrid(path, len(scenario.plants), run_dir)
    with pytest.raises(MetricsLoggerError, match=r"simulation.metrics_logger: tensorboard could not start"):
        run_federation(grid, scenario, run_dir)
    assert not grid.sent and not (run_dir / "results.json").exists()
