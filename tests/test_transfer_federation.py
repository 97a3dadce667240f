"""Transfer to a plant without labels, through the real ClientApp in process: sources release
DP feature statistics into their ledgers, the target adapts locally and never pretrains."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from flwr.app import ArrayRecord

from common import wire
from common.config import ConfigError, load_scenario
from common.data import make_plant_params
from server.app import run_federation
from tests.conftest import tiny_scenario, with_explicit_plants
from tests.helpers.loopback import LoopbackGrid


def _scenario(tmp_path: Path, target_method: str | None, **target_extra) -> Path:
    path = tiny_scenario(tmp_path, federation={"rounds": 2},
                         transfer={"adaptation": {"epochs": 2, "batch_size": 16}})
    extra = {"labelled_fraction": 0.0, **target_extra}
    if target_method:
        extra["transfer"] = target_method
    with_explicit_plants(path, extra)
    return path


def _run(path: Path, tmp_path: Path):
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    grid = LoopbackGrid(path, 3, run_dir)
    return run_federation(grid, scenario, run_dir), grid, run_dir


@pytest.mark.parametrize("method", ["shot", "coral", "mmd", "dann", "feature_standardization", "auto"])
def test_unlabelled_target_adapts_with_each_method(tmp_path, method):
    results, grid, run_dir = _run(_scenario(tmp_path, method), tmp_path)
    target = results["plants"]["plant-2"]
    assert all("plant-2" not in r["participants"] for r in results["rounds"]), "a target without labels never pretrains"
    assert "federated_adapted" in target["metrics"] and "federated_global" in target["metrics"]
    assert "local_only" not in target["metrics"]
    chosen = target["transfer"]["chosen"]
    assert chosen == method if method != "auto" else chosen in ("mmd", "finetune_head")
    if method == "auto":
        assert "rff_mmd2_relative" in target["transfer"]["gap"] and "auto:" in target["transfer"]["reason"]
    stats_replies = [m for m in grid.received if m.metadata.message_type == wire.MSG_FEATURE_STATS]
    if method == "shot":  # source-free: nothing beyond the shared model is released for it
        assert stats_replies == []
        assert not (run_dir / "plants" / "plant-0" / "privacy_ledger.json").exists()
        return
    # the sources paid for their released statistics in their own ledgers, before release
    for source in ("plant-0", "plant-1"):
        ledger = json.loads((run_dir / "plants" / source / "privacy_ledger.json").read_text())
        assert [e["purpose"] for e in ledger["entries"]].count("feature_stats") == 4
        assert results["plants"][source]["privacy"]["epsilon"] > 0
    assert len(stats_replies) == 2
    for reply in stats_replies:
        arrays = [r for r in reply.content.values() if isinstance(r, ArrayRecord)]
        assert all(k.startswith("feature_stats.") for r in arrays for k in r.keys()), [list(r.keys()) for r in arrays]
    assert "Transfer (phase 2 per plant)" in (run_dir / "report.md").read_text()


def test_k_shot_target_gets_exactly_k_labels_per_class(tmp_path):
    results, _, _ = _run(_scenario(tmp_path, "finetune_head", k_shot=2), tmp_path)
    target = results["plants"]["plant-2"]
    assert target["n_train_labelled"] == 2 * 5
    assert target["transfer"]["chosen"] == "finetune_head"
    assert "federated_personalised" in target["metrics"]


@pytest.mark.parametrize("method", ["finetune_full", "fixmatch"])
def test_a_method_that_needs_labels_is_refused_at_config_time_for_an_unlabelled_plant(tmp_path, method):
    with pytest.raises(ConfigError) as err:
        load_scenario(_scenario(tmp_path, method))
    assert "plants[2].transfer" in str(err.value) and "needs labels" in str(err.value)


def test_a_k_shot_plant_runs_fixmatch_on_its_own_windows_and_releases_nothing_for_it(tmp_path):
    results, grid, run_dir = _run(_scenario(tmp_path, "fixmatch", k_shot=2), tmp_path)
    target = results["plants"]["plant-2"]
    assert target["transfer"]["chosen"] == "fixmatch" and target["n_train_labelled"] == 2 * 5
    assert "federated_adapted" in target["metrics"]
    assert [m for m in grid.received if m.metadata.message_type == wire.MSG_FEATURE_STATS] == []


def test_a_plant_whose_sampling_rate_does_not_fit_gets_one_error_naming_it(tmp_path):
    path = _scenario(tmp_path, "shot")
    body = yaml.safe_load(path.read_text())
    body["window"] = {"sample_rate_hz": 12000.0}
    path.write_text(yaml.safe_dump(body))
    results, _, _ = _run(path, tmp_path)
    rates = {p: make_plant_params(i, 0).sample_rate_hz for i, p in enumerate(("plant-0", "plant-1", "plant-2"))}
    for plant_id, rate in rates.items():
        if rate != 12000.0:
            reasons = " ".join(e["reason"] for e in results["plants"][plant_id]["excluded_rounds"])
            assert "sampling rate" in reasons and "12000" in reasons


def test_scenario_adaptation_defaults_are_the_adapters_defaults():
    """One adaptation config: the scenario's ``transfer.adaptation`` is what the adapters read."""
    from common.config.schema import AdaptationConfig, TransferConfig

    cfg = TransferConfig().adaptation
    assert cfg == AdaptationConfig()
    assert (cfg.confidence_threshold, cfg.distribution_alignment, cfg.balanced_pseudo_labels) == (0.8, True, True)
    assert AdaptationConfig(batch_size=1).problems() == ["batch_size must be >= 2 (batch statistics), got 1"]
