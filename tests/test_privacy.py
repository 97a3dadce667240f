"""Differential privacy: accounting, the plant's lifetime ledger, DP-SGD and model checks.

Every ε the project reports is checked against an *independent* Opacus RDPAccountant fed the
same releases step by step (never against our own ``epsilon_of``). Plants are tiny synthetic
ones (30 windows of 128 samples, batch 16 → q = 1/2, 2 DP steps a round) so the file stays fast.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from opacus.accountants import RDPAccountant
from torch import nn

from client.loader import make_plant
from client.plant import Plant
from common.config.scenario import run_spec_from_scenario, scenario_from_dict
from common.models import build_model, shared_state
from common.privacy.accounting import default_delta, epsilon_of, noise_for_target_epsilon, steps_per_epoch
from common.privacy.compat import DPIncompatibleModelError, check_dp_compatible, dp_problems
from common.privacy.dp_training import train_dp
from common.privacy.ledger import LEDGER_FORMAT, PrivacyLedger, PrivacyLedgerError
from common.privacy.noise import NoiseSource

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


# ---------------------------------------------------------------- helpers
def opacus_epsilon(history, delta: float) -> float:
    """ε from a fresh Opacus RDPAccountant stepped once per DP step (independent of our code)."""
    accountant = RDPAccountant()
    for sigma, q, steps in history:
        for _ in range(int(steps)):
            accountant.step(noise_multiplier=float(sigma), sample_rate=float(q))
    return float(accountant.get_epsilon(delta=delta))


def scenario_dict(privacy: dict | None = None, rounds: int = 3) -> dict:
    return {
        "name": "t",
        "seed": 0,
        "synthetic_plants": {"count": 1, "num_windows_per_class": 6},
        "window": {"length": 128},
        "model": {"channels": [8, 8], "groups": 4, "feature_dim": 16},
        "federation": {"rounds": rounds, "training": {"local_epochs": 1, "batch_size": 16}},
        "privacy": privacy if privacy is not None else {
            "enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "budget_epsilon": 50},
    }


def build(tmp_path: Path, privacy: dict | None = None, rounds: int = 3, run_dir: Path | None = None):
    """(plant, spec, shared arrays) for one tiny synthetic plant whose state lives under run_dir."""
    scenario = scenario_from_dict(scenario_dict(privacy, rounds), "test", tmp_path)
    plant = make_plant(scenario, scenario.plants[0], str(run_dir or tmp_path / "run"))
    spec = run_spec_from_scenario(scenario, plant.data.class_names)
    model = build_model(plant.data.channels, spec.num_classes, spec.model, spec.seed)
    shared = {k: v.numpy() for k, v in shared_state(model).items()}
    return plant, spec, shared


def ledger_blob(plant: Plant) -> dict:
    return json.loads(plant.state.ledger_path.read_text())


def ledger_history(plant: Plant) -> list[tuple[float, float, int]]:
    """The ledger file's releases, read straight from the JSON (not through PrivacyLedger)."""
    return [(e["noise_multiplier"], e["sample_rate"], e["steps"]) for e in ledger_blob(plant)["entries"]]


# ---------------------------------------------------------------- 1. accounting
def test_epsilon_golden_value_and_matches_independent_opacus_accountant():
    history = [(1.5, 0.04, 2250)]
    assert epsilon_of(history, 1e-5, "rdp") == pytest.approx(7.32911117143, rel=1e-6)
    assert epsilon_of(history, 1e-5, "rdp") == pytest.approx(opacus_epsilon(history, 1e-5), rel=1e-9)
    # different σ and q, with (σ, q) repeated non-consecutively (the ledger of two runs)
    mixed = [(1.5, 0.04, 300), (0.8, 0.01, 1000), (1.5, 0.04, 200), (3.0, 1.0, 1)]
    ours = epsilon_of(mixed, 1e-6, "rdp")
    assert ours == pytest.approx(opacus_epsilon(mixed, 1e-6), rel=1e-9)
    assert ours > epsilon_of(mixed[:-1], 1e-6, "rdp") > epsilon_of(mixed[:1], 1e-6, "rdp")
    assert epsilon_of([], 1e-5) == 0.0
    assert epsilon_of([(1.0, 0.5, 0)], 1e-5) == 0.0


def test_planned_steps_equal_what_opacus_poisson_loader_runs():
    """The budget check and σ calibration plan with steps_per_epoch: it must match Opacus exactly."""
    from opacus.data_loader import DPDataLoader
    from torch.utils.data import DataLoader, TensorDataset

    for n, batch in [(30, 16), (6, 2), (186, 2), (1000, 64), (5, 64)]:
        loader = DPDataLoader.from_data_loader(DataLoader(TensorDataset(torch.zeros(n, 1)), batch_size=batch))
        q, steps = steps_per_epoch(n, batch)
        assert q == loader.sample_rate, (n, batch)
        assert steps == len(loader), (n, batch)  # 186/2 → q = 1/93 but Opacus runs int(1/q) = 92 steps


def test_default_delta_below_one_over_n():
    for n in (10, 1000, 10**6):
        assert default_delta(n) < 1.0 / n
        assert default_delta(n) <= 1e-5


def test_noise_for_target_epsilon_is_tight_and_refuses_spent_targets():
    sigma = noise_for_target_epsilon(2.0, 1e-5, 0.1, 50)
    assert opacus_epsilon([(sigma, 0.1, 50)], 1e-5) <= 2.0
    assert opacus_epsilon([(sigma * 0.98, 0.1, 50)], 1e-5) > 2.0  # smallest such σ (tolerance 1e-3)
    with pytest.raises(ValueError, match="already spent"):
        noise_for_target_epsilon(1.0, 1e-5, 0.5, 10, prior=[(1.0, 0.5, 100)])


def test_releases_made_once_get_a_share_of_the_target_and_dp_sgd_the_rest():
    """Four feature-statistics queries at σ = 3 alone cost ε ≈ 3: one σ for them and DP-SGD (the rule before
    the share) left DP-SGD almost nothing of a target of 3. With a share, the releases fit it and DP-SGD's σ
    comes near what it would be without them."""
    from common.privacy.accounting import release_noise_floor

    q, steps, delta, target, share = 1 / 48, 960, 6.7e-6, 3.0, 0.25
    releases = [(3.0, 4)]
    floor = release_noise_floor(releases, share * target, delta)
    assert floor > 3.0
    assert opacus_epsilon([(floor, 1.0, 4)], delta) <= share * target
    assert opacus_epsilon([(floor * 0.98, 1.0, 4)], delta) > share * target   # the smallest such floor
    sigma = noise_for_target_epsilon(target, delta, q, steps, gaussians=releases, release_floor=floor)
    assert opacus_epsilon([(sigma, q, steps), (floor, 1.0, 4)], delta) <= target   # the whole run fits
    alone = noise_for_target_epsilon(target, delta, q, steps)
    one_sigma = 3.205   # the same run when the releases were raised to DP-SGD's σ instead: the smallest such σ
    assert opacus_epsilon([(one_sigma, q, steps), (one_sigma, 1.0, 4)], delta) <= target
    assert opacus_epsilon([(0.98 * one_sigma, q, steps), (0.98 * one_sigma, 1.0, 4)], delta) > target
    assert alone <= sigma < 1.1 * alone < one_sigma / 2
    assert release_noise_floor(releases, 100.0, delta) == 0.0   # they fit at their own σ: nothing raised
    assert release_noise_floor([], share * target, delta) == 0.0
    with pytest.raises(ValueError, match="> 0"):
        release_noise_floor(releases, 0.0, delta)


# ---------------------------------------------------------------- 2-4. the lifetime ledger
def test_epsilon_grows_every_round_and_matches_ledger_file(tmp_path):
    plant, spec, shared = build(tmp_path)
    epsilons = []
    for r in (1, 2, 3):
        result = plant.pretrain(spec, shared, server_round=r, run_name="run-a")
        assert result.status == "ok", result.reason
        assert result.privacy["noise_multiplier"] == 1.0
        epsilons.append(result.privacy["epsilon"])
    assert epsilons[0] > 0 and epsilons[0] < epsilons[1] < epsilons[2]

    blob = ledger_blob(plant)
    assert blob["format"] == LEDGER_FORMAT and blob["plant_id"] == plant.plant_id
    assert [e["round"] for e in blob["entries"]] == [1, 2, 3]
    assert {e["run"] for e in blob["entries"]} == {"run-a"}
    history = ledger_history(plant)
    q, per_epoch = steps_per_epoch(plant.n_labelled, 16)
    assert history == [(1.0, q, per_epoch)] * 3
    delta = result.privacy["delta"]
    assert delta == default_delta(plant.n_labelled)
    assert epsilons[-1] == pytest.approx(opacus_epsilon(history, delta), rel=1e-9)
    assert result.privacy["steps_total"] == 3 * per_epoch
    assert plant.privacy_status(spec)["epsilon"] == pytest.approx(epsilons[-1], rel=1e-12)


def test_second_run_and_restarted_plant_continue_from_the_ledger(tmp_path):
    plant, spec, shared = build(tmp_path)
    first = plant.pretrain(spec, shared, server_round=1, run_name="run-a").privacy["epsilon"]

    # a new run on the same plant (same state directory) starts from the first run's spend
    second = plant.pretrain(spec, shared, server_round=1, run_name="run-b")
    assert second.status == "ok"
    assert second.privacy["epsilon"] > first

    # a restarted client process: brand-new objects over the same state directory
    reborn, spec2, shared2 = build(tmp_path)
    assert reborn is not plant and reborn.state.root == plant.state.root
    assert reborn.privacy_status(spec2)["epsilon"] == pytest.approx(second.privacy["epsilon"], rel=1e-12)
    third = reborn.pretrain(spec2, shared2, server_round=2, run_name="run-b")
    assert third.privacy["epsilon"] > second.privacy["epsilon"]
    history = ledger_history(reborn)
    assert len(history) == 3
    assert [(e["run"], e["round"]) for e in ledger_blob(reborn)["entries"]] == [
        ("run-a", 1), ("run-b", 1), ("run-b", 2)]
    assert third.privacy["epsilon"] == pytest.approx(opacus_epsilon(history, third.privacy["delta"]), rel=1e-9)


_CHILD = textwrap.dedent("""
    import json, sys, warnings
    warnings.simplefilter("ignore")
    import torch
    torch.set_num_threads(1)
    from pathlib import Path
    from tests.test_privacy import build
    tmp, first, last = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    plant, spec, shared = build(tmp)
    for r in range(first, last + 1):
        result = plant.pretrain(spec, shared, server_round=r, run_name="run-proc")
        assert result.status == "ok", result.reason
        print("ROUND", r, len(json.loads(plant.state.ledger_path.read_text())["entries"]), flush=True)
    print("DONE", flush=True)
""")


def _child(tmp_path: Path, first: int, last: int) -> subprocess.Popen:
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONWARNINGS="ignore")
    return subprocess.Popen([sys.executable, "-c", _CHILD, str(tmp_path), str(first), str(last)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ledger_survives_real_process_exit_and_sigkill(tmp_path):
    # 1. a client process trains one DP round and exits: its spend is on disk
    proc = _child(tmp_path, 1, 1)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "DONE" in out
    plant, spec, shared = build(tmp_path)
    assert [e["round"] for e in ledger_blob(plant)["entries"]] == [1]

    # 2. another process trains round after round and is SIGKILLed mid-run
    proc = _child(tmp_path, 2, 10_000)
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        line = proc.stdout.readline()  # blocks until its first round is recorded
        assert line.startswith("ROUND 2 2"), (line, proc.stderr.read() if not line else "")
        time.sleep(0.35)  # land the kill somewhere inside a later round (training or ledger write)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    finally:
        watchdog.cancel()
    assert proc.returncode == -signal.SIGKILL
    reported = [int(x.split()[2]) for x in (line + rest).splitlines() if x.startswith("ROUND")]

    # the ledger is still a valid ledger (atomic writes) with every round the process reported
    blob = json.loads(plant.state.ledger_path.read_text())
    rounds = [e["round"] for e in blob["entries"]]
    assert rounds[:1] == [1] and len(rounds) >= max(reported)
    assert rounds == list(range(1, len(rounds) + 1))

    # and a restarted plant carries on from it: nothing was lost
    before = ledger_history(plant)
    result = plant.pretrain(spec, shared, server_round=len(rounds) + 1, run_name="run-proc")
    after = ledger_history(plant)
    assert after[:-1] == before and len(after) == len(before) + 1
    assert result.privacy["epsilon"] == pytest.approx(opacus_epsilon(after, result.privacy["delta"]), rel=1e-9)


# ---------------------------------------------------------------- 5. a ledger that cannot be trusted
def _valid_ledger(plant_id: str, sigma: object = 1.0, steps: object = 2) -> str:
    return json.dumps({"format": LEDGER_FORMAT, "plant_id": plant_id, "entries": [{
        "mechanism": "poisson_subsampled_gaussian", "noise_multiplier": sigma, "sample_rate": 0.5,
        "steps": steps, "time": "2026-01-01T00:00:00+00:00", "run": "old", "round": 1}]})


@pytest.mark.parametrize("content, detail", [
    ("this is not json at all", None),
    ('{"format": "factoryfl-privacy-ledger/v1", "plant_id": "plant-0", "entr', None),  # torn write
    ("[]", "JSON object"),
    ("", None),
    (_valid_ledger("plant-0", sigma="Infinity"), "implausible"),
    (_valid_ledger("plant-0").replace("1.0", "Infinity"), "implausible"),  # σ = ∞ would be free
    (_valid_ledger("plant-0", steps=2.5), "implausible"),
    (_valid_ledger("plant-0", sigma=-1.0), "implausible"),
    (_valid_ledger("plant-9"), "plant-9"),  # another plant's ledger
])
def test_untrustworthy_ledger_stops_the_plant(tmp_path, content, detail):
    plant, spec, shared = build(tmp_path)
    assert plant.plant_id == "plant-0"
    path = plant.state.ledger_path
    path.write_text(content)
    with pytest.raises(PrivacyLedgerError) as info:
        plant.pretrain(spec, shared, server_round=1, run_name="run-a")
    message = str(info.value)
    assert str(path) in message
    assert "do not delete" in message.lower()
    if detail:
        assert detail in message
    assert path.read_text() == content  # untouched: nothing trained, nothing rewritten
    with pytest.raises(PrivacyLedgerError):
        plant.privacy_status(spec)


def test_valid_foreign_history_is_accounted(tmp_path):
    """Entries already in a (valid) ledger count: the plant does not start from ε = 0."""
    plant, spec, shared = build(tmp_path)
    plant.state.ledger_path.write_text(_valid_ledger("plant-0", sigma=0.9, steps=40))
    assert len(PrivacyLedger(plant.state.ledger_path, "plant-0").entries) == 1
    status = plant.privacy_status(spec)
    assert status["epsilon"] == pytest.approx(opacus_epsilon([(0.9, 0.5, 40)], status["delta"]), rel=1e-9)


# ---------------------------------------------------------------- 6. budget
def test_round_that_would_exceed_budget_is_declined_and_ledger_unchanged(tmp_path):
    plant, spec, shared = build(tmp_path)
    q, per_epoch = steps_per_epoch(plant.n_labelled, 16)
    delta = default_delta(plant.n_labelled)
    one_round = opacus_epsilon([(1.0, q, per_epoch)], delta)
    tight = dataclasses.replace(spec, privacy=dataclasses.replace(spec.privacy, budget_epsilon=one_round * 1.0001))

    first = plant.pretrain(tight, shared, server_round=1, run_name="run-a")
    assert first.status == "ok", first.reason  # exactly the planned spend fits
    assert first.privacy["epsilon"] == pytest.approx(one_round, rel=1e-9)
    before = plant.state.ledger_path.read_bytes()

    second = plant.pretrain(tight, shared, server_round=2, run_name="run-a")
    assert second.status == "declined"
    assert "budget" in second.reason
    assert second.arrays is None
    assert second.privacy["epsilon"] == pytest.approx(one_round, rel=1e-9)
    assert plant.state.ledger_path.read_bytes() == before

    # the coordinator's budget can only tighten the plant's own: a looser one sent by the
    # coordinator does not lift the plant's budget
    loose = dataclasses.replace(spec, privacy=dataclasses.replace(spec.privacy, budget_epsilon=1000.0))
    plant.policy = dataclasses.replace(plant.policy, budget_epsilon=one_round * 1.0001)
    assert plant.pretrain(loose, shared, server_round=2, run_name="run-a").status == "declined"
    plant.policy = dataclasses.replace(plant.policy, budget_epsilon=1000.0)
    assert plant.pretrain(loose, shared, server_round=2, run_name="run-a").status == "ok"


# ---------------------------------------------------------------- 7. σ calibrated for a target ε
def test_target_epsilon_calibration_ends_the_run_at_target(tmp_path):
    privacy = {"enabled": True, "target_epsilon": 3.0, "max_grad_norm": 1.0}
    plant, spec, shared = build(tmp_path, privacy=privacy, rounds=3)
    sigmas = []
    for r in (1, 2, 3):
        result = plant.pretrain(spec, shared, server_round=r, run_name="run-t")
        assert result.status == "ok", result.reason
        sigmas.append(result.privacy["noise_multiplier"])
    assert sigmas[0] == sigmas[1] == sigmas[2]
    history = ledger_history(plant)
    assert len(history) == 3 and all(s == sigmas[0] for s, _, _ in history)
    eps = opacus_epsilon(history, result.privacy["delta"])
    assert 2.9 <= eps <= 3.0
    assert result.privacy["epsilon"] == pytest.approx(eps, rel=1e-9)

    # a later run whose (lifetime) target the ledger already exceeds: the plant declines
    lower = dataclasses.replace(spec, privacy=dataclasses.replace(spec.privacy, target_epsilon=2.0))
    before = plant.state.ledger_path.read_bytes()
    declined = plant.pretrain(lower, shared, server_round=1, run_name="run-t2")
    assert declined.status == "declined" and "budget" in declined.reason
    assert declined.privacy["epsilon"] == pytest.approx(eps, rel=1e-9)
    assert plant.state.ledger_path.read_bytes() == before


@pytest.mark.parametrize("share,says", [(0.0, "a fraction strictly between 0 and 1"), (1.0, "strictly between"),
                                        (1.5, "strictly between"), (True, "expected a number"),
                                        ("half", "expected a number")])
def test_release_share_must_be_a_fraction(tmp_path, share, says):
    from common.config import ConfigError

    with pytest.raises(ConfigError, match=f"privacy.release_share.*{says}"):
        scenario_from_dict(scenario_dict({"enabled": True, "target_epsilon": 3.0, "release_share": share}), "t",
                           tmp_path)


def test_a_calibrated_run_releases_its_statistics_at_the_planned_floor(tmp_path):
    from client.plant import DP_PLAN, STATS_QUERIES

    privacy = {"enabled": True, "target_epsilon": 3.0, "max_grad_norm": 1.0}
    plant, spec, shared = build(tmp_path, privacy=privacy, rounds=3)
    spec = dataclasses.replace(spec, source_stats_planned=True)
    for r in (1, 2, 3):
        result = plant.pretrain(spec, shared, server_round=r, run_name="run-s")
        assert result.status == "ok", result.reason
    plan = plant.state.load_json(DP_PLAN)
    floor = plan["release_noise_multiplier"]
    assert floor > 3.0 and plan["release_share"] == 0.25
    sigma = plant.gaussian_sigma(spec, "run-s", 3.0)
    assert sigma == floor and plant.gaussian_sigma(spec, "run-s", 2.0 * floor) == 2.0 * floor
    assert plant.record_gaussian(spec, "run-s", "feature_stats", sigma, STATS_QUERIES, sensitivity=20.0) is None
    history = ledger_history(plant)
    delta = result.privacy["delta"]
    assert opacus_epsilon([h for h in history if h[1] == 1.0], delta) <= 0.25 * 3.0
    assert 2.9 <= opacus_epsilon(history, delta) <= 3.0   # the run ends at its target, releases included
    # a plan stored before the floor existed was calibrated with the releases at DP-SGD's σ: kept so
    plant.state.save_json(DP_PLAN, {k: v for k, v in plan.items() if k != "release_noise_multiplier"})
    assert plant.gaussian_sigma(spec, "run-s", 3.0) == max(3.0, plan["noise_multiplier"])


# ---------------------------------------------------------------- 8. model compatibility
class _BatchNormNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv1d(1, 4, 3)
        self.bn_in = nn.BatchNorm1d(4)
        self.block = nn.Sequential(nn.Conv1d(4, 4, 3), nn.BatchNorm1d(4))
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.block(self.bn_in(self.conv(x))).mean(-1))


def test_batchnorm_is_refused_naming_every_layer_and_the_fix():
    with pytest.raises(DPIncompatibleModelError) as info:
        check_dp_compatible(_BatchNormNet())
    message = str(info.value)
    assert "'bn_in'" in message and "'block.1'" in message
    assert "GroupNorm" in message and "LayerNorm" in message
    assert "2 problem(s)" in message

    # train_dp refuses before touching the data or the model
    model = _BatchNormNet()
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(DPIncompatibleModelError):
        train_dp(model, np.zeros((4, 1, 8), np.float32), np.zeros(4, np.int64),
                 torch.optim.SGD(model.parameters(), lr=1.0), epochs=1, batch_size=2,
                 noise_multiplier=1.0, max_grad_norm=1.0, seed=0, noise=NoiseSource.reproducible("test", 0))
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))


def test_project_models_are_dp_compatible(tmp_path):
    scenario = scenario_from_dict(scenario_dict(), "test", tmp_path)
    for norm in ("group", "layer", "none"):
        cfg = dataclasses.replace(scenario.model, norm=norm)
        model = build_model(1, 5, cfg, seed=0)
        assert dp_problems(model) == []
        check_dp_compatible(model)


# ---------------------------------------------------------------- 10-11. DP-SGD itself
def _update(sigma: float, seed: int, x: np.ndarray, y: np.ndarray, epochs: int = 5):
    torch.manual_seed(123)
    model = nn.Sequential(nn.Flatten(), nn.Linear(x.shape[-1], 4))
    start = torch.cat([p.detach().flatten().clone() for p in model.parameters()])
    stats = train_dp(model, x, y, torch.optim.SGD(model.parameters(), lr=1.0), epochs=epochs,
                     batch_size=4, noise_multiplier=sigma, max_grad_norm=1.0, seed=seed,
                     noise=NoiseSource.reproducible("test", seed))
    end = torch.cat([p.detach().flatten() for p in model.parameters()])
    return (end - start).double(), stats


def test_dp_sgd_adds_calibrated_gaussian_noise():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 1, 128)).astype(np.float32)
    y = np.arange(8) % 4
    loud_a, stats = _update(50.0, seed=1, x=x, y=y)
    loud_a_again, _ = _update(50.0, seed=1, x=x, y=y)
    loud_b, _ = _update(50.0, seed=2, x=x, y=y)
    quiet, _ = _update(1e-3, seed=1, x=x, y=y)
    assert stats.steps == 10 and stats.sample_rate == 0.5  # 8 windows, batch 4 → q = 1/2, 2 steps/epoch

    # SGD(lr=1), mean loss: each step adds N(0, (σ·C / expected batch)²) per coordinate
    d = loud_a.numel()
    expected = 50.0 * 1.0 / 4 * math.sqrt(d * stats.steps)
    assert 0.9 < float(loud_a.norm()) / expected < 1.1
    # reproducible for a seed; for another seed the noise (hence the update) is unrelated
    assert torch.equal(loud_a, loud_a_again)
    cosine = float(loud_a @ loud_b / (loud_a.norm() * loud_b.norm()))
    assert abs(cosine) < 0.3
    # the update is the clipped signal (≤ C·steps·max batch/expected batch) when σ is tiny
    assert float(quiet.norm()) < 0.05 * float(loud_a.norm())


def test_empty_poisson_batches_are_noise_steps_that_are_accounted():
    x = np.random.default_rng(0).normal(size=(6, 1, 16)).astype(np.float32)
    y = np.array([0, 1, 0, 1, 0, 1])
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 2))
    seen: list[int] = []
    model[1].register_forward_pre_hook(lambda _m, inputs: seen.append(len(inputs[0])))
    epochs = 20
    stats = train_dp(model, x, y, torch.optim.SGD(model.parameters(), lr=0.1), epochs=epochs,
                     batch_size=2, noise_multiplier=1.0, max_grad_norm=1.0, seed=3,
                     noise=NoiseSource.reproducible("test", 3))
    assert 0 in seen  # q = 1/3 over 6 windows: P(empty) ≈ 9% a step; seed 3 draws some
    assert stats.steps == epochs * math.ceil(6 / 2) == len(seen)
    assert stats.sample_rate == pytest.approx(1 / 3)
    assert stats.samples == sum(seen)
    assert all(torch.isfinite(p).all() for p in model.parameters())


def test_plant_with_tiny_data_trains_through_empty_batches(tmp_path):
    """The real model (GroupNorm, input standardiser) accepts zero-size Poisson batches."""
    model = build_model(1, 2, scenario_from_dict(scenario_dict(), "test", tmp_path).model, seed=0)
    x = np.random.default_rng(1).normal(size=(3, 1, 128)).astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = nn.Sequential(model.extractor, model.reference_head)
        stats = train_dp(module, x, np.array([0, 1, 0]),
                         torch.optim.SGD(module.parameters(), lr=0.1), epochs=6, batch_size=1,
                         noise_multiplier=1.0, max_grad_norm=1.0, seed=0, noise=NoiseSource.reproducible("test", 0))
    assert stats.steps == 18  # P(empty) = (2/3)³ ≈ 30 % a step
    assert all(torch.isfinite(p).all() for p in model.parameters())


@pytest.mark.parametrize("model_kind", ["time", "spectrum", "envelope"])
def test_every_grad_sample_mode_gives_the_same_dp_update(tmp_path, model_kind):
    """hooks, functorch, expanded weights and ghost clipping: same batches, same noise → same model,
    also through the empty batches Poisson sampling draws."""
    from common.config.schema import ModelConfig

    cfg = ModelConfig(channels=(8, 16), groups=4, feature_dim=16, input=model_kind,
                      activation="relu" if model_kind == "time" else "tanh")
    x = np.random.default_rng(2).normal(size=(5, 1, 128)).astype(np.float32)
    y = np.array([0, 1, 0, 1, 1])
    results = {}
    for mode in ("hooks", "functorch", "ew", "ghost"):
        model = build_model(1, 2, cfg, seed=0)
        module = nn.Sequential(model.extractor, model.reference_head)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stats = train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=0.5), epochs=6, batch_size=1,
                             noise_multiplier=0.5, max_grad_norm=0.1, seed=4, noise=NoiseSource.reproducible("test", 4),
                             grad_sample_mode=mode)
        assert stats.steps == 30
        results[mode] = [p.detach().clone() for p in module.parameters()]
    start = [p.detach() for p in nn.Sequential(build_model(1, 2, cfg, 0).extractor,
                                                build_model(1, 2, cfg, 0).reference_head).parameters()]
    assert max(float((a - b).abs().max()) for a, b in zip(results["hooks"], start)) > 1e-3
    for mode, params in results.items():
        for a, b in zip(params, results["hooks"]):
            torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-4, msg=lambda m, mode=mode: f"{mode}: {m}")


def test_auto_grad_sample_mode_is_the_measured_fastest_for_the_model():
    from common.config.schema import PrivacyConfig
    from common.privacy.dp_training import resolve_grad_sample_mode

    assert PrivacyConfig().grad_sample_mode == "auto"
    assert resolve_grad_sample_mode("auto", "spectrum") == "ghost"
    assert resolve_grad_sample_mode("auto", "time") == "ew"
    assert resolve_grad_sample_mode("hooks", "spectrum") == "hooks"


def test_dp_training_does_not_repeat_opacus_insecure_rng_warning(tmp_path):
    """factoryfl replaces Opacus' noise and sampling with its own NoiseSource, so Opacus' "Secure RNG
    turned off … turn it on before production" warning is not shown to operators (the filter names
    that message only)."""
    model = build_model(1, 2, scenario_from_dict(scenario_dict(), "test", tmp_path).model, seed=0)
    module = nn.Sequential(model.extractor, model.reference_head)
    x = np.random.default_rng(1).normal(size=(4, 1, 128)).astype(np.float32)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_dp(module, x, np.array([0, 1, 0, 1]), torch.optim.SGD(module.parameters(), lr=0.1), epochs=1,
                 batch_size=2, noise_multiplier=1.0, max_grad_norm=1.0, seed=0, noise=NoiseSource.secret())
    assert not [w for w in caught if "Secure RNG" in str(w.message)]
