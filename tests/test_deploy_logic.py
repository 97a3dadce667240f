"""Deployment logic without processes: plant identity from node config, refusals, resume from a
checkpoint without double counting privacy spend, idempotent releases (real ClientApp and
coordinator over tests/helpers/loopback.py)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from client.node_config import NodeConfigError, parse_node_config
from common import wire
from common.config import load_scenario
from common.privacy.ledger import LedgerEntry, PrivacyLedger, PrivacyLedgerError
from deploy.plant_data import export_plant_dir
from server.app import run_federation
from server.federation import FederationError
from tests.conftest import tiny_scenario, write_plant_policy
from tests.helpers.loopback import LoopbackGrid

DP = {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5}


def _deployed(tmp_path: Path, **overrides) -> tuple[Path, dict[int, dict]]:
    """A tiny scenario and node configs of 3 deployed plants reading exported data directories."""
    path = tiny_scenario(tmp_path, **overrides)
    configs = {}
    for i in range(3):
        data = export_plant_dir(path, f"plant-{i}", tmp_path / "data" / f"plant-{i}")
        configs[101 + i] = {"plant-id": f"plant-{i}", "data-dir": str(data),
                            "state-dir": str(tmp_path / "state" / f"plant-{i}")}
        write_plant_policy(tmp_path / "state" / f"plant-{i}")
    return path, configs


def _federate(path: Path, configs: dict[int, dict], run_dir: Path, names=None, hook=None, resume=False):
    run_dir.mkdir(exist_ok=True)
    grid = LoopbackGrid(path, len(configs), run_dir, reply_hook=hook, node_configs=configs, names=names)
    return run_federation(grid, load_scenario(path), run_dir, resume=resume), grid


def test_deployed_plants_are_identified_by_their_node_config(tmp_path):
    path, configs = _deployed(tmp_path)
    results, _ = _federate(path, configs, tmp_path / "run", names={n: c["plant-id"] for n, c in configs.items()})
    assert set(results["plants"]) == {"plant-0", "plant-1", "plant-2"}
    assert all(p["status"] == "ok" for p in results["plants"].values())
    # state lives in the node's own state dir, not in the coordinator's run folder
    assert (tmp_path / "state" / "plant-0" / "models" / "personalised.pt").exists()
    assert not (tmp_path / "run" / "plants").exists()


def test_a_node_speaking_for_another_plant_is_refused_and_told(tmp_path):
    path, configs = _deployed(tmp_path)
    configs[103] = dict(configs[103], **{"plant-id": "plant-1"})  # node 103's key is registered as plant-2
    results, grid = _federate(path, configs, tmp_path / "run",
                              names={101: "plant-0", 102: "plant-1", 103: "plant-2"})
    refused = results["plants"]["refused-node-103"]
    assert refused["status"] == "failed"
    assert "registered as plant 'plant-2' but claims plant id 'plant-1'" in refused["status_reason"]
    assert results["plants"]["plant-1"]["status"] == "ok"
    assert results["rounds"][-1]["participants"] == ["plant-0", "plant-1"]
    told = [m for m in grid.sent if m.metadata.message_type == wire.MSG_REFUSED]
    assert [m.metadata.dst_node_id for m in told] == [103]
    assert "claims plant id 'plant-1'" in told[0].content[wire.CONFIG][wire.REASON]


def test_a_plant_not_in_the_federation_is_refused(tmp_path):
    path, configs = _deployed(tmp_path)
    configs[103] = dict(configs[103], **{"plant-id": "stranger"})
    results, _ = _federate(path, configs, tmp_path / "run")
    reason = results["plants"]["refused-node-103"]["status_reason"]
    assert "'stranger' is not one of this federation's plants" in reason


def test_missing_or_corrupt_data_dir_is_an_error_reply_naming_it(tmp_path):
    path, configs = _deployed(tmp_path)
    configs[103] = dict(configs[103], **{"data-dir": str(tmp_path / "gone")})
    corrupt = Path(configs[102]["data-dir"]) / "windows.npz"
    corrupt.write_bytes(b"not an npz archive")
    results, _ = _federate(path, configs, tmp_path / "run")
    assert results["plants"]["plant-2"]["status"] == "failed"
    assert str(tmp_path / "gone") in results["plants"]["plant-2"]["status_reason"]
    assert results["plants"]["plant-1"]["status"] == "failed"
    assert str(corrupt) in results["plants"]["plant-1"]["status_reason"]
    assert results["plants"]["plant-0"]["status"] == "ok"
    assert results["rounds"][-1]["participants"] == ["plant-0"]   # the federation went on


class CoordinatorCrash(RuntimeError):
    pass


def test_resume_after_a_coordinator_crash_counts_each_release_once(tmp_path):
    path, configs = _deployed(tmp_path, privacy=DP, federation={"rounds": 4})
    seen = Counter()

    def crash_in_round_3(node, msg, reply):
        if msg.metadata.message_type == wire.MSG_PRETRAIN:
            seen[int(msg.content[wire.CONFIG][wire.SERVER_ROUND])] += 1
            if int(msg.content[wire.CONFIG][wire.SERVER_ROUND]) == 3:
                raise CoordinatorCrash("coordinator died after plants trained round 3")
        return reply

    with pytest.raises(CoordinatorCrash):
        _federate(path, configs, tmp_path / "run", hook=crash_in_round_3)
    with pytest.raises(FederationError, match="resume=true"):
        _federate(path, configs, tmp_path / "run")
    results, grid = _federate(path, configs, tmp_path / "run", resume=True)
    assert [r["round"] for r in results["rounds"]] == [1, 2, 3, 4]
    resent = [m for m in grid.sent if m.metadata.message_type == wire.MSG_PRETRAIN]
    assert min(int(m.content[wire.CONFIG][wire.SERVER_ROUND]) for m in resent) == 3   # resumed, not restarted
    for i in range(3):
        entries = json.loads((tmp_path / "state" / f"plant-{i}" / "privacy_ledger.json").read_text())["entries"]
        rounds = Counter(e["round"] for e in entries if e["purpose"] == "pretraining")
        assert rounds == Counter({1: 1, 2: 1, 3: 1, 4: 1}), rounds    # round 3 replayed, accounted once


def test_a_round_whose_result_was_lost_counts_both_trainings(tmp_path):
    """If the cached release is gone, the plant trains again: both spends stay in the ledger."""
    from client.app import plant_for
    from common.config import run_spec_from_scenario
    from common.models import build_model, shared_state
    from tests.helpers.loopback import LoopbackGrid

    path, configs = _deployed(tmp_path, privacy=DP)
    grid = LoopbackGrid(path, 3, tmp_path, node_configs=configs)
    plant = plant_for(grid.contexts[101], "")
    scenario = load_scenario(path)
    spec = run_spec_from_scenario(scenario, plant.data.class_names)
    import dataclasses

    spec = dataclasses.replace(spec, channels=1)
    arrays = {k: v.numpy() for k, v in shared_state(build_model(1, spec.num_outputs, spec.model, 0)).items()}
    first = plant.pretrain(spec, arrays, 1, "r")
    again = plant.pretrain(spec, arrays, 1, "r")
    assert all(np.array_equal(first.arrays[k], again.arrays[k]) for k in first.arrays)
    assert len(plant.ledger().entries) == 1
    plant.state.model_path("pretrain_release").unlink()
    plant.pretrain(spec, arrays, 1, "r")
    entries = plant.ledger().entries
    assert len(entries) == 2 and entries[0].release != entries[1].release
    assert entries[1].release.endswith("/2")


def test_the_same_release_cannot_be_recorded_twice(tmp_path):
    ledger = PrivacyLedger(tmp_path / "l.json", "p")
    entry = LedgerEntry("poisson_subsampled_gaussian", 1.0, 0.1, 10, "t", "run", 1, release="run/pretraining/1/x/1")
    ledger.record(entry)
    with pytest.raises(PrivacyLedgerError, match="already in the ledger"):
        ledger.record(entry)
    assert len(PrivacyLedger(tmp_path / "l.json", "p").entries) == 1


def test_node_config_errors_name_every_key_and_fix():
    with pytest.raises(NodeConfigError) as err:
        parse_node_config({"plant-id": "bad id!", "state-dir": "/s", "privacy-budget": "three", "colour": 1})
    text = str(err.value)
    for part in ("plant-id='bad id!'", "data-dir is missing", "privacy-budget='three' is not a number",
                 "unknown key(s) ['colour']", "example: --node-config"):
        assert part in text, part
    ok = parse_node_config({"plant-id": "p1", "data-dir": "/d", "state-dir": "/s", "privacy-budget": 3})
    assert ok.privacy_budget == 3.0 and ok.plant_spec().data.source == "directory"


def test_a_deployed_plant_chooses_its_own_anomaly_detector():
    base = {"plant-id": "p1", "data-dir": "/d", "state-dir": "/s"}
    plant = parse_node_config(base | {"detector": "pca_t2_spe", "false-alarm-rate": 0.02})
    spec = plant.plant_spec()
    assert spec.detector is not None and spec.detector.name == "pca_t2_spe"
    assert spec.detector.false_alarm_rate == 0.02
    assert parse_node_config(base).plant_spec().detector is None
    for extra, part in (({"detector": "pca"}, "is not an anomaly detector"),
                        ({"false-alarm-rate": 0.01}, "applies to a detector"),
                        ({"detector": "pca_t2_spe", "false-alarm-rate": 0.5}, "false_alarm_rate must be in (0, 0.5)")):
        with pytest.raises(NodeConfigError, match=re.escape(part)):
            parse_node_config(base | extra)
