"""A plant's own privacy policy against a curious coordinator, through the real ClientApp and
coordinator (in process): refusals, one budget per run, only accounted or allowed releases,
secret noise, and the research-only reproducible noise that marks a run as not private."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
import yaml
from flwr.app import ArrayRecord, ConfigRecord, MetricRecord

from client.node_config import POLICY_FILE, load_policy
from common import wire
from common.config import load_scenario
from common.config.parse import ConfigError
from common.privacy.accounting import epsilon_of
from common.privacy.policy import SAFE_DEFAULT, category_of, releasable
from server.app import run_federation
from tests.conftest import tiny_scenario, with_explicit_plants
from tests.helpers.loopback import LoopbackGrid

DP = {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0}


def _run(path: Path, tmp_path: Path, name: str = "run"):
    scenario = load_scenario(path)
    run_dir = tmp_path / name
    run_dir.mkdir()
    grid = LoopbackGrid(path, len(scenario.plants), run_dir)
    return run_federation(grid, scenario, run_dir), grid, run_dir


def _ledger(run_dir: Path, plant_id: str) -> list[dict]:
    return json.loads((run_dir / "plants" / plant_id / "privacy_ledger.json").read_text())["entries"]


# ---------------------------------------------------------------- the policy itself
def test_release_categories_cover_every_plant_reply_key():
    """Every metric/config key a plant can send has a category; the DP filter knows them all."""
    plant_keys = [wire.N_TRAIN, wire.N_TRAIN_LABELLED, wire.N_TEST, wire.NUM_EXAMPLES, wire.TRAIN_LOSS,
                  wire.TRAIN_FIRST_LOSS, wire.TRAIN_SECONDS, wire.TRAIN_STEPS, wire.EVAL_ACCURACY, wire.EVAL_LOSS,
                  wire.EVAL_MACRO_F1, wire.EVAL_RMSE, wire.EVAL_SCORE, wire.EPSILON, wire.DELTA,
                  wire.EPSILON_BUDGET, wire.NOISE_MULTIPLIER, wire.PRIVACY_STEPS_TOTAL, wire.PERSONALISE_LOSS,
                  wire.PERSONALISE_SECONDS, wire.LOCAL_ONLY_LOSS, wire.ADAPT_SECONDS, wire.TRANSFER_REASON,
                  wire.TRANSFER_CHOSEN, "gap/rff_mmd2", "federated_global/accuracy", "local_only/n_test",
                  wire.EVAL_DP_CORRECT, wire.EVAL_DP_COUNT, wire.STATS_SCALARS]
    assert all(category_of(k) != "unclassified" for k in plant_keys)
    assert category_of("something-new") == "unclassified"
    assert releasable(plant_keys + ["something-new"], SAFE_DEFAULT.allow) == {
        wire.EPSILON, wire.DELTA, wire.EPSILON_BUDGET, wire.NOISE_MULTIPLIER, wire.PRIVACY_STEPS_TOTAL,
        wire.TRAIN_STEPS, wire.EVAL_DP_CORRECT, wire.EVAL_DP_COUNT, wire.STATS_SCALARS}


def test_deployed_policy_file_is_the_plants_own_and_bad_files_name_the_key(tmp_path):
    assert load_policy(tmp_path / POLICY_FILE) == SAFE_DEFAULT  # none: DP required, nothing but accounting
    assert SAFE_DEFAULT.require_dp and SAFE_DEFAULT.allow == ("accounting",)
    (tmp_path / POLICY_FILE).write_text("require_dp: true\ndelta: 1.0e-6\nmax_clip_norm: 2\n"
                                        "allow: [accounting, metrics]\n")
    policy = load_policy(tmp_path / POLICY_FILE)
    assert policy.delta == 1e-6 and policy.max_clip_norm == 2.0 and policy.allow == ("accounting", "metrics")
    (tmp_path / POLICY_FILE).write_text("delta: 0.5x\nallow: [everything]\n")
    with pytest.raises(ConfigError) as info:
        load_policy(tmp_path / POLICY_FILE)
    text = str(info.value)
    assert POLICY_FILE in text and "delta" in text and "everything" in text and "choose from" in text


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize("privacy, policy, named", [
    ({**DP, "delta": 0.5}, {"delta": 1e-5}, "privacy.delta"),
    ({"enabled": False}, {"require_dp": True}, "privacy.enabled"),
    ({**DP, "noise_multiplier": 0.3}, {"min_noise_multiplier": 0.8}, "privacy.noise_multiplier"),
    ({**DP, "max_grad_norm": 10.0}, {"max_clip_norm": 1.0}, "privacy.max_grad_norm"),
    ({"enabled": True, "target_epsilon": 50.0, "max_grad_norm": 1.0}, {"min_noise_multiplier": 5.0},
     "privacy.target_epsilon"),
])
def test_a_plant_refuses_a_run_spec_below_its_policy_and_the_federation_continues(tmp_path, privacy, policy, named):
    path = with_explicit_plants(tiny_scenario(tmp_path, privacy=privacy), {"privacy_policy": policy})
    body = yaml.safe_load(path.read_text())
    # the two other plants accept the run as sent (their δ, 0.9, is above the one asked for)
    body["plant_policy"] = {"require_dp": privacy["enabled"], "delta": 0.9}
    path.write_text(yaml.safe_dump(body))
    results, _, run_dir = _run(path, tmp_path)
    refused = results["plants"]["plant-2"]
    assert refused["status"] == "refused", refused
    assert named in refused["status_reason"] and "policy" in refused["status_reason"]
    assert any("refused" in e["reason"] for e in refused["excluded_rounds"])
    ledger = run_dir / "plants" / "plant-2" / "privacy_ledger.json"
    assert not ledger.exists() or json.loads(ledger.read_text())["entries"] == []  # it trained nothing
    for plant_id in ("plant-0", "plant-1"):
        assert results["plants"][plant_id]["status"] == "ok"
        assert all(plant_id in r["participants"] for r in results["rounds"])


def test_a_plant_with_a_budget_never_trains_without_dp(tmp_path):
    """Simulation default policy: a plant with a privacy budget requires DP, whatever the run says."""
    path = with_explicit_plants(tiny_scenario(tmp_path), {"privacy_budget": 3.0})
    results, _, _ = _run(path, tmp_path)
    assert results["plants"]["plant-2"]["status"] == "refused"
    assert "require_dp" in results["plants"]["plant-2"]["status_reason"]
    assert results["plants"]["plant-0"]["status"] == "ok"


# ---------------------------------------------------------------- what leaves a DP plant
def _dp_target_scenario(tmp_path: Path, **privacy) -> Path:
    path = tiny_scenario(tmp_path, privacy={**DP, "evaluation_noise_multiplier": 2.0, **privacy},
                         federation={"rounds": 2, "evaluate_every": 1,
                                     "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}},
                         transfer={"adaptation": {"epochs": 1}})
    return with_explicit_plants(path, {"labelled_fraction": 0.0, "transfer": "auto"})


def test_every_reply_key_of_a_dp_plant_is_accounted_or_on_its_allow_list(tmp_path):
    results, grid, run_dir = _run(_dp_target_scenario(tmp_path), tmp_path)
    phases = set()
    for reply in grid.received:
        phases.add(reply.metadata.message_type)
        for name, record in reply.content.items():
            if isinstance(record, ArrayRecord):
                # arrays leave only as DP releases: the DP-SGD update and the DP feature statistics
                assert reply.metadata.message_type in (wire.MSG_PRETRAIN, wire.MSG_FEATURE_STATS), name
            elif isinstance(record, (MetricRecord, ConfigRecord)):
                for key in record.keys():
                    assert category_of(key) in ("declared", "ledger", *SAFE_DEFAULT.allow), \
                        (reply.metadata.message_type, key)
    assert {wire.MSG_HELLO, wire.MSG_PRETRAIN, wire.MSG_EVALUATE, wire.MSG_FEATURE_STATS,
            wire.MSG_PERSONALISE, wire.MSG_FINAL_EVALUATE} <= phases
    # what was released is in the ledgers: DP-SGD per round, statistics from sources, DP evaluation
    purposes = {p: {e["purpose"] for e in _ledger(run_dir, p)} for p in results["plants"]}
    assert purposes["plant-0"] == {"pretraining", "feature_stats", "evaluation"}
    assert purposes["plant-2"] == {"evaluation"}  # the unlabelled target trains nothing, releases its DP accuracy
    # the report names what each plant let out (here: accounting only) and shows the DP accuracy
    released = results["privacy"]["released_outside_dp"]
    assert released["per_plant"] == {p: ["accounting"] for p in results["plants"]}
    for plant in results["plants"].values():
        assert plant["metrics"] == {} and plant["n_train"] is None  # no exempt metrics, no sizes
        assert 0.0 <= plant["dp_evaluation"]["accuracy"] <= 1.0
    report = (run_dir / "report.md").read_text()
    assert "Released outside DP" in report and "DP accuracy" in report


def test_allowed_categories_leave_and_are_named_in_the_report(tmp_path):
    path = _dp_target_scenario(tmp_path)
    body = yaml.safe_load(path.read_text())
    body["plant_policy"] = {"allow": ["accounting", "metrics", "sizes"]}
    path.write_text(yaml.safe_dump(body))
    results, grid, _ = _run(path, tmp_path)
    assert results["plants"]["plant-0"]["metrics"]["federated_personalised"]["accuracy"] >= 0
    assert results["plants"]["plant-0"]["n_train"] > 0
    assert results["privacy"]["released_outside_dp"]["categories"].keys() == {"accounting", "metrics", "sizes"}
    keys = {k for reply in grid.received for rec in reply.content.values()
            if isinstance(rec, (MetricRecord, ConfigRecord)) for k in rec.keys()}
    assert wire.PERSONALISE_LOSS not in keys and wire.TRAIN_LOSS not in keys  # losses: not allowed
    assert not any(k.startswith(wire.GAP_PREFIX) for k in keys) and wire.TRANSFER_REASON not in keys


# ---------------------------------------------------------------- one budget
def test_target_epsilon_covers_dp_sgd_statistics_and_evaluation(tmp_path):
    target = 3.0
    path = _dp_target_scenario(tmp_path, noise_multiplier=None, target_epsilon=target, delta=1e-5)
    results, _, run_dir = _run(path, tmp_path)
    for plant_id in ("plant-0", "plant-1"):
        entries = _ledger(run_dir, plant_id)
        assert {e["purpose"] for e in entries} == {"pretraining", "feature_stats", "evaluation"}
        history = [(e["noise_multiplier"], e["sample_rate"], e["steps"]) for e in entries]
        spent = epsilon_of(history, 1e-5)
        assert spent <= target + 1e-9 and spent > 0.9 * target, spent
        assert results["plants"][plant_id]["privacy"]["epsilon"] == pytest.approx(spent, rel=1e-9)
        # the statistics and evaluation were released at no less noise than DP-SGD
        sgd_sigma = next(e["noise_multiplier"] for e in entries if e["purpose"] == "pretraining")
        assert all(e["noise_multiplier"] >= sgd_sigma for e in entries if e["purpose"] != "pretraining")


# ---------------------------------------------------------------- secret noise
def _global(run_dir: Path) -> torch.Tensor:
    arrays = torch.load(run_dir / "global_model.pt", weights_only=True)["arrays"]
    return torch.cat([arrays[k].flatten() for k in sorted(arrays)])


def test_two_identical_dp_runs_give_different_models_unless_noise_is_reproducible(tmp_path):
    path = tiny_scenario(tmp_path, privacy=DP, federation={"rounds": 1})
    _, _, first = _run(path, tmp_path, "first")
    _, _, second = _run(path, tmp_path, "second")
    assert not torch.equal(_global(first), _global(second))

    body = yaml.safe_load(path.read_text())
    body["simulation"] = {"reproducible_noise": True}
    path.write_text(yaml.safe_dump(body))
    results, _, third = _run(path, tmp_path, "third")
    _, _, fourth = _run(path, tmp_path, "fourth")
    assert torch.equal(_global(third), _global(fourth))
    assert next(iter(results)) == "not_private" and "NOT PRIVATE" in results["not_private"]
    # first in the results file, the report and the plant's model card
    assert (third / "results.json").read_text().splitlines()[1].lstrip().startswith('"not_private": "NOT PRIVATE')
    assert (third / "report.md").read_text().startswith("**NOT PRIVATE")
    from client.export import export

    card = export(third / "plants" / "plant-0", tmp_path / "card")
    assert card["card_md"].read_text().startswith("**NOT PRIVATE")
    assert next(iter(json.loads(card["card_json"].read_text()))) == "not_private"
    # secret noise: no banner anywhere
    assert "NOT PRIVATE" not in (first / "report.md").read_text()
    assert "NOT PRIVATE" not in export(first / "plants" / "plant-0", tmp_path / "card1")["card_md"].read_text()


# ---------------------------------------------------------------- DP-compatible preprocessing
def test_a_dp_plant_refuses_preprocessing_with_statistics_across_windows(tmp_path):
    """C-MAPSS z-scores every sensor with statistics of all the site's rows: under DP one window
    would move every normalised input, so the plant refuses DP-SGD on such data and says why."""
    import dataclasses

    from client.plant import PolicyRefusal
    from common.data import CmapssParams, load_cmapss
    from tests.test_data_cmapss import _fake_file
    from tests.test_privacy import build

    site = load_cmapss("fd999", CmapssParams(path=str(_fake_file(tmp_path)), sequence_length=3))
    assert "mean/std" in site.cross_window_statistics
    plant, spec, _ = build(tmp_path, privacy=DP)
    assert plant.data.cross_window_statistics == ""  # synthetic windows: each standardised on its own
    plant.check_policy(spec)
    plant.data = dataclasses.replace(plant.data, cross_window_statistics=site.cross_window_statistics)
    with pytest.raises(PolicyRefusal, match="data-dependent preprocessing"):
        plant.check_policy(spec)
    plant.policy = dataclasses.replace(plant.policy, require_dp=False)  # without DP the data are fine
    plant.check_policy(dataclasses.replace(spec, privacy=dataclasses.replace(spec.privacy, enabled=False)))


def test_a_plant_with_statistics_across_windows_claims_no_epsilon_for_its_releases(tmp_path):
    """Without DP such a plant may still release its (noised) feature statistics, but no per-window bound
    holds for them: they leave outside the ledger, so no ε is claimed that would under-report them."""
    import dataclasses

    from client.transfer import release_source_stats
    from tests.test_privacy import build

    plant, spec, shared = build(tmp_path, privacy={"enabled": False})
    assert not spec.privacy.enabled
    declined, arrays, _, _ = release_source_stats(plant, spec, shared, "run-a")
    assert declined is None and arrays and plant.ledger().entries   # an ordinary plant: four accounted queries
    other, spec, shared = build(tmp_path / "process", privacy={"enabled": False})
    other.data = dataclasses.replace(other.data, cross_window_statistics="every variable z-scored with all rows")
    declined, arrays, _, privacy = release_source_stats(other, spec, shared, "run-a")
    assert declined is None and arrays
    assert not other.ledger().entries and "epsilon" not in privacy
