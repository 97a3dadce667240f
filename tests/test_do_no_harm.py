"""Do no harm: a labelled plant keeps the candidate best on its own validation split (never the
test split), an unlabelled target keeps the source-only model when the label-free guard says
adaptation is unreliable, predict uses whatever the plant kept, and a DP plant releases the
choice only as its policy allows."""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pytest
import torch
from torch import nn

from common import wire
from common.config import load_scenario, run_spec_from_scenario
from common.task import CLASSIFICATION, REGRESSION
from common.transfer.adapt import FeatureAlign
from common.transfer.selection import (
    ONE_CLASS_SHARE,
    SCALED_RMSE,
    guard,
    leaves_local_only,
    one_class_warning,
    overlap_gap,
    pick,
    selection_metric,
    selection_score,
    sign_test_p,
    validation_split,
)
from tests.conftest import tiny_scenario, with_explicit_plants


def test_the_validation_split_is_the_latest_labelled_windows_of_each_class():
    y = np.array([0] * 30 + [1] * 20 + [2] * 5 + [-1] * 30)
    split = validation_split(y, True)
    assert split is not None
    assert set(split.val).isdisjoint(split.fit) and (y[split.val] >= 0).all() and (y[split.fit] >= 0).all()
    assert len(split.val) + len(split.fit) == 55
    assert [int((y[split.val] == k).sum()) for k in range(3)] == [6, 4, 1]
    assert list(split.val) == [*range(24, 30), *range(46, 50), 54]   # the last windows of each class, in order
    assert validation_split(np.array([0] * 10 + [1] * 10), True) is None   # 4 < floor: no split
    regression = validation_split(np.array([0] * 100 + [-1] * 10), False)   # no strata: the last 20 %
    assert regression is not None and list(regression.val) == list(range(80, 100)) and len(regression.fit) == 80
    runs = validation_split(np.array([0] * 50 + [1] * 50), False)   # a regression plant's runs: a tail of each
    assert runs is not None and list(runs.val) == [*range(40, 50), *range(90, 100)]


def test_overlapping_windows_next_to_the_validation_block_are_not_fit_on():
    assert overlap_gap(1024, None) == 0 and overlap_gap(1024, 512) == 1 and overlap_gap(40, 2) == 19
    y = np.array([0] * 50 + [1] * 50)
    split = validation_split(y, True, gap=3)
    assert split is not None and list(split.val) == [*range(40, 50), *range(90, 100)]
    assert not set(split.fit) & {37, 38, 39, 87, 88, 89} and len(split.fit) == 74


def test_pick_uses_the_primary_metric_and_breaks_ties_by_preference():
    assert pick({"local_only": 0.9, "federated_global": 0.8}, CLASSIFICATION)[0] == "local_only"
    tie = {"federated_global": 0.9, "federated_personalised": 0.9}
    assert pick(tie, CLASSIFICATION)[0] == "federated_personalised"
    assert pick(dict(tie, local_only=0.9), CLASSIFICATION)[0] == "local_only"   # its score on V is unbiased
    assert pick({"local_only": 3.0, "federated_global": 5.0}, REGRESSION)[0] == "local_only"   # lower RMSE


def test_several_outputs_are_ranked_as_the_loss_weighs_them():
    """Two outputs in units 100x apart: the pooled RMSE follows the big one; the score divides each
    output's RMSE by its target scale, so a model much better on the small output wins."""
    a = {"rmse": 10.0, "rmse/big": 10.0, "rmse/small": 0.5}    # better on the big output by 5 %
    b = {"rmse": 10.5, "rmse/big": 10.5, "rmse/small": 0.05}   # ten times better on the small one
    scale = (100.0, 1.0)
    assert selection_score(a, REGRESSION, scale) == pytest.approx((0.1 + 0.5) / 2)
    assert selection_score(b, REGRESSION, scale) < selection_score(a, REGRESSION, scale)
    assert selection_score({"rmse": 3.0}, REGRESSION, 125.0) == 3.0     # one output: the primary metric
    assert selection_score({"accuracy": 0.9, "f1/x": 0.1}, CLASSIFICATION) == 0.9
    assert selection_metric(REGRESSION, 2) == SCALED_RMSE and selection_metric(REGRESSION, 1) == "rmse"
    assert SCALED_RMSE in pick({"local_only": 0.3, "federated_global": 0.2}, REGRESSION, metric=SCALED_RMSE)[1]


def test_leaving_local_only_takes_a_significant_sign_test():
    assert sign_test_p(0, 0) == 1.0 and sign_test_p(5, 0) == pytest.approx(1 / 32)
    assert sign_test_p(4, 0) == pytest.approx(1 / 16) and sign_test_p(3, 3) == pytest.approx(42 / 64)
    local = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0], dtype=float)
    five_better = np.zeros(10)
    assert leaves_local_only(five_better, local)[0]                      # 5 better, 0 worse: p = 1/32
    four_better = np.array([0, 0, 0, 0, 1, 0, 0, 0, 0, 0], dtype=float)
    ok, evidence = leaves_local_only(four_better, local)                 # 4 better, 0 worse: p = 1/16
    assert not ok and "better on 4, worse on 0" in evidence
    assert not leaves_local_only(np.array([0.1, 0.5, 0.2]), np.array([0.2, 0.4, 0.3]))[0]   # squared errors


def test_pick_never_keeps_an_excluded_candidate_but_lists_why():
    scores = {"local_only": 1.0, "federated_global": 0.7, "federated_personalised": 0.8}
    chosen, why = pick(scores, CLASSIFICATION, {"local_only": "covers 3 of 5 classes"})
    assert chosen == "federated_personalised"
    assert "local_only 1" in why and why.endswith("not kept: local_only (covers 3 of 5 classes)")
    with pytest.raises(ValueError, match="no candidate"):
        pick({"local_only": 1.0}, CLASSIFICATION, {"local_only": "covers 3 of 5 classes"})


def test_the_guard_keeps_source_only_on_collapse_or_failed_alignment():
    ok = {"rff_mmd2_to_source_before": 0.2, "rff_mmd2_to_source_after": 0.1,
          "target_prediction_balance_before": 0.9, "target_prediction_balance_after": 0.85}
    assert guard(ok, 4).keep_adapted
    collapse = dict(ok, target_prediction_balance_after=0.2)   # 4^0.9 ≈ 3.5 effective classes → 4^0.2 ≈ 1.3
    verdict = guard(collapse, 4)
    assert not verdict.keep_adapted and "collapse" in verdict.reason
    assert not guard(dict(ok, rff_mmd2_to_source_after=0.3), 4).keep_adapted
    assert guard({}, 4).keep_adapted   # an adapter without diagnostics: nothing says it failed


def test_an_alignment_before_a_linear_head_folds_in_exactly():
    from client.selection import with_head
    from common.models import build_model

    torch.manual_seed(0)
    spec = run_spec_from_scenario(load_scenario(_scenario_path()), ("a", "b", "c"))
    base = build_model(1, 3, spec.model, seed=0)
    dim = base.head.in_features
    align = FeatureAlign.from_moments(np.random.rand(dim), np.eye(dim) * 2.0, np.random.rand(dim),
                                      np.eye(dim) * 0.5, mode="full")
    head = nn.Linear(dim, 3)
    f = torch.randn(5, dim)
    folded = with_head(base, base.extractor, head, align)
    assert torch.allclose(folded.head(f), head(align(f)), atol=1e-5)


_PATHS: list = []


def _scenario_path():
    return _PATHS[-1]


@pytest.fixture(autouse=True)
def _tiny(tmp_path):
    _PATHS.append(tiny_scenario(tmp_path))
    yield
    _PATHS.pop()


def _plant_and_spec(tmp_path, path):
    from client.loader import make_plant
    from common.models import build_model, shared_state

    scenario = load_scenario(path)
    plant = make_plant(scenario, scenario.plants[-1], str(tmp_path / "run"))
    spec = dataclasses.replace(run_spec_from_scenario(scenario, tuple(plant.data.class_names)),
                               channels=plant.data.channels)
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs, spec.model,
                                                                 seed=0)).items()}
    return plant, spec, shared


def test_a_labelled_plant_keeps_its_best_validation_candidate_and_predict_uses_it(tmp_path):
    from client.predict import load_personal_model
    from client.transfer import run_phase_two

    plant, spec, shared = _plant_and_spec(tmp_path, _scenario_path())
    test_before = plant.data.test.y.copy()
    metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    candidates = {k[len(wire.SELECT_VAL_PREFIX):] for k in metrics if k.startswith(wire.SELECT_VAL_PREFIX)}
    assert candidates == {"federated_global", "federated_personalised", "local_only"}
    assert declared[wire.MODEL_CHOSEN] in candidates and "validation" in declared[wire.MODEL_CHOICE_REASON]
    # released as `metrics`: no window count in it (counts are `sizes`), the plant's own record keeps them
    assert not re.search(r"\d+ (validation |labelled )?windows|fit on \d", declared[wire.MODEL_CHOICE_REASON])
    scores = {c: metrics[wire.SELECT_VAL_PREFIX + c] for c in candidates}
    assert scores[declared[wire.MODEL_CHOSEN]] == max(scores.values())
    if declared[wire.MODEL_CHOSEN] in ("local_only", "federated_personalised"):   # its own recipe: refit on V too
        assert "refit on all its labelled windows" in declared[wire.MODEL_CHOICE_REASON]
    assert metrics[wire.SELECT_N_VAL] + metrics[wire.SELECT_N_FIT] == plant.n_labelled   # labels left intact
    assert (plant.data.test.y == test_before).all()
    _, meta = load_personal_model(plant.state.root)
    assert meta["chosen"] == declared[wire.MODEL_CHOSEN] and meta["mode"] == spec.personalisation.mode
    results = plant.final_evaluation(spec, shared, "run-1")
    assert {"chosen", "federated_personalised", "federated_global"} <= set(results)
    from client.export import export

    written = export(plant.state.root, tmp_path / "export")
    card = json.loads(written["card_json"].read_text())
    assert card["model_kept"]["candidate"] == declared[wire.MODEL_CHOSEN] and card["model_kept"]["why"]


def test_an_unlabelled_target_keeps_a_model_predict_can_load(tmp_path):
    from client.predict import load_personal_model
    from client.transfer import run_phase_two

    path = with_explicit_plants(tiny_scenario(tmp_path, transfer={"adaptation": {"epochs": 1}}),
                                {"labelled_fraction": 0.0, "transfer": "shot"})
    plant, spec, shared = _plant_and_spec(tmp_path, path)
    metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    assert declared[wire.GUARD_KEPT] in ("adapted", "source_only") and declared[wire.GUARD_REASON]
    assert wire.MODEL_CHOSEN not in declared
    assert any(k.startswith(wire.GUARD_PREFIX) for k in metrics)
    _, meta = load_personal_model(plant.state.root)   # a target plant's kept model is predict's model
    assert meta["chosen"] in ("federated_adapted", "federated_global")
    results = plant.final_evaluation(spec, shared, "run-1")
    assert "chosen" in results and "federated_personalised" not in results


def test_a_dp_plant_releases_its_choice_only_as_its_policy_allows():
    from common.privacy.policy import releasable

    keys = [wire.MODEL_CHOSEN, wire.MODEL_CHOICE_REASON, wire.SELECT_VAL_PREFIX + "local_only",
            wire.SELECT_N_VAL, wire.GUARD_KEPT, wire.GUARD_PREFIX + "agreement"]
    assert releasable(keys, ("accounting",)) == set()
    assert releasable(keys, ("metrics",)) == {wire.MODEL_CHOSEN, wire.MODEL_CHOICE_REASON,
                                              wire.SELECT_VAL_PREFIX + "local_only"}
    assert releasable(keys, ("gap", "sizes")) == {wire.SELECT_N_VAL, wire.GUARD_KEPT, wire.GUARD_PREFIX + "agreement"}
    # the one-class warning and its share are guard diagnostics: they leave only with `gap`
    warning = [wire.GUARD_WARNING, wire.GUARD_PREFIX + "top_class_share"]
    assert releasable(warning, ("metrics", "sizes")) == set() and releasable(warning, ("gap",)) == set(warning)


def test_the_report_shows_each_plants_choice_and_the_do_no_harm_count():
    from server.federation import model_choice
    from server.report import render_markdown

    choice = model_choice({wire.MODEL_CHOSEN: "local_only", wire.MODEL_CHOICE_REASON: "best validation accuracy"},
                          {wire.SELECT_VAL_PREFIX + "local_only": 0.9, wire.SELECT_N_VAL: 12.0,
                           wire.SELECT_N_FIT: 48.0})
    assert choice == {"chosen": "local_only", "reason": "best validation accuracy",
                      "validation": {"local_only": 0.9}, "n_val": 12, "n_fit": 48}
    results = {"task": "classification", "methods": ["local_only", "chosen"], "plants": {
        "p0": {"status": "ok", "transfer": {"model_choice": choice},
               "metrics": {"local_only": {"accuracy": 0.8}, "chosen": {"accuracy": 0.8, "smoothed_accuracy": 0.85,
                                                                       "posterior_smoothing_weight": 0.35}}},
        "p1": {"status": "ok", "transfer": {"model_choice": {"guard": "source_only", "guard_reason": "collapse",
                                                             "guard_diagnostics": {"target_prior_kept_estimate": 1.0}}},
               "metrics": {"local_only": {"accuracy": 0.9}, "chosen": {"accuracy": 0.7}}}}}
    text = render_markdown(results, {})
    assert "## Model kept by each plant" in text and "local_only" in text and "source-only" in text
    assert "collapse; adapted under its own estimate of its class mix" in text   # the prior `auto` kept
    assert "at 1 of 2 plants" in text
    assert "λ = 0.35: 85.0 %" in text   # the plant's posterior smoothing and the kept model's accuracy with it


def collapsing_adapter(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source, cfg,
                       labelled=None, *, seed: int = 0):
    """A test adapter whose model predicts class 0 everywhere, with diagnostics that say so."""
    import copy

    from common.transfer.adapt import AdaptResult

    new_head = copy.deepcopy(head)
    assert isinstance(new_head, nn.Linear)
    with torch.no_grad():
        new_head.bias[0] = 1e4
    model = nn.Sequential(copy.deepcopy(extractor), new_head).eval()
    return AdaptResult(model=model, method="test_collapse", losses=[],
                       selection={"target_prediction_balance_before": 0.95, "target_prediction_balance_after": 0.0})


def test_the_guard_keeps_the_source_only_model_when_adaptation_collapses(tmp_path):
    from client.predict import load_personal_model
    from client.transfer import run_phase_two
    from common.extensions.transfer_methods import ADAPTER, TRANSFER_METHODS, add_method

    add_method("test_collapse", f"{__name__}:collapsing_adapter", kind=ADAPTER, summary="collapses (test)")
    try:
        path = with_explicit_plants(tiny_scenario(tmp_path), {"labelled_fraction": 0.0, "transfer": "test_collapse"})
        plant, spec, shared = _plant_and_spec(tmp_path, path)
        metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    finally:
        TRANSFER_METHODS.remove("test_collapse")
    assert declared[wire.GUARD_KEPT] == "source_only" and "collapse" in declared[wire.GUARD_REASON]
    assert metrics[wire.GUARD_PREFIX + "agreement"] < 1.0
    model, meta = load_personal_model(plant.state.root)
    assert meta["chosen"] == "federated_global"
    results = plant.final_evaluation(spec, shared, "run-1")
    assert results["chosen"] == results["federated_global"]


def test_a_kept_model_calling_nearly_every_window_one_class_is_flagged_unless_the_plant_declares_one():
    names = ("normal", "inner", "outer")
    few = np.array([1] * 94 + [0] * 6)           # 94 % in one class: any mix short of 95 % passes
    assert one_class_warning(few, names, 3) == (0.94, None)
    share, warning = one_class_warning(np.array([2] * 96 + [0] * 4), names, 3)
    assert share == 0.96 >= ONE_CLASS_SHARE and warning is not None
    assert "96.0 %" in warning and "'outer'" in warning and "declares 3 classes" in warning
    assert "resample_to_hz" in warning and "label a few windows" in warning   # how to find out
    assert "100" not in warning   # no window count: the warning leaves as a guard diagnostic, not a size
    assert one_class_warning(np.full(50, 2), names, 1)[1] is None   # a plant that declares one class
    share, warning = one_class_warning(np.zeros(0, dtype=int), names, 3)
    assert np.isnan(share) and warning is None


def one_class_adapter(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source, cfg,
                      labelled=None, *, seed: int = 0):
    """A test adapter whose model predicts class 0 everywhere, as the unadapted model already did
    (diagnostics: one class before and after), so the guard's before/after ratios pass it."""
    result = collapsing_adapter(extractor, head, x_target, source, cfg, labelled, seed=seed)
    result.selection = {"target_prediction_balance_before": 0.0, "target_prediction_balance_after": 0.0}
    return result


@pytest.fixture
def one_class_method():
    from common.extensions.transfer_methods import ADAPTER, TRANSFER_METHODS, add_method

    add_method("test_one_class", f"{__name__}:one_class_adapter", kind=ADAPTER, summary="one class (test)")
    yield "test_one_class"
    TRANSFER_METHODS.remove("test_one_class")


def test_a_one_class_adapted_model_passes_the_guard_with_a_warning_that_predict_repeats(tmp_path,
                                                                                       one_class_method):
    from client.predict import predict
    from client.transfer import run_phase_two

    path = with_explicit_plants(tiny_scenario(tmp_path), {"labelled_fraction": 0.0, "transfer": one_class_method})
    plant, spec, shared = _plant_and_spec(tmp_path, path)
    metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    assert declared[wire.GUARD_KEPT] == "adapted"
    assert metrics[wire.GUARD_PREFIX + "top_class_share"] == 1.0
    assert "unreliable" in declared[wire.GUARD_WARNING] and repr(spec.class_names[0]) in declared[wire.GUARD_WARNING]
    windows = tmp_path / "windows.npz"
    np.savez(windows, x=plant.data.test.x[:4])
    out = predict(plant.state.root, windows)
    assert out["model"] == "federated_adapted" and out["warning"] == declared[wire.GUARD_WARNING]


def test_a_federation_reports_a_one_class_target_in_its_warnings_and_report(tmp_path, one_class_method):
    path = with_explicit_plants(tiny_scenario(tmp_path), {"labelled_fraction": 0.0, "transfer": one_class_method})
    results, run_dir = _federate(tmp_path, path)
    target = list(results["plants"])[-1]
    choice = results["plants"][target]["transfer"]["model_choice"]
    assert choice["guard"] == "adapted" and "unreliable" in choice["warning"]
    assert f"plant {target}: {choice['warning']}" in results["warnings"]
    report = (run_dir / "report.md").read_text()
    assert "unreliable: the kept model calls 100.0 %" in report
    labelled = [pid for pid in results["plants"] if pid != target]
    assert all("warning" not in results["plants"][pid]["transfer"].get("model_choice", {}) for pid in labelled)


def _federate(tmp_path, path):
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    scenario = load_scenario(path)
    run_dir = tmp_path / "fed"
    run_dir.mkdir()
    return run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir), run_dir


def test_a_federation_reports_each_plants_kept_model(tmp_path):
    results, run_dir = _federate(tmp_path, tiny_scenario(tmp_path))
    assert "chosen" in results["methods"]
    for record in results["plants"].values():
        choice = record["transfer"]["model_choice"]
        assert choice["chosen"] in choice["validation"] and choice["n_val"] > 0
        assert "chosen" in record["metrics"] and "local_only" in record["metrics"]
    assert "## Model kept by each plant" in (run_dir / "report.md").read_text()


def test_a_dp_plant_keeps_its_choice_home_unless_its_policy_allows_metrics(tmp_path):
    path = tiny_scenario(tmp_path, privacy={"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0,
                                            "delta": 1e-5}, plant_policy={"allow": ["accounting", "sizes"]})
    results, _ = _federate(tmp_path, path)
    for record in results["plants"].values():
        choice = record["transfer"].get("model_choice") or {}
        assert "chosen" not in choice and "validation" not in choice and "reason" not in choice
        assert choice.get("n_val", 1) > 0   # sizes are allowed


def test_a_regression_plant_keeps_the_lowest_validation_rmse(tmp_path):
    from client.predict import load_personal_model
    from client.transfer import run_phase_two
    from common.models import build_model, shared_state
    from tests.helpers.tiny_cmapss import tiny_cmapss_plant

    scenario, plant, spec = tiny_cmapss_plant(tmp_path, target_scale=125, target_range=[0, 125],
                                              federation={"rounds": 1, "training": {"local_epochs": 1}})
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs, spec.model,
                                                                 seed=0)).items()}
    metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    scores = {k[len(wire.SELECT_VAL_PREFIX):]: v for k, v in metrics.items() if k.startswith(wire.SELECT_VAL_PREFIX)}
    if scores:   # enough labelled windows for a validation split
        assert scores[declared[wire.MODEL_CHOSEN]] == min(scores.values()) and "rmse" in declared[
            wire.MODEL_CHOICE_REASON]
    else:
        assert "too few labelled windows" in declared[wire.MODEL_CHOICE_REASON]
    assert load_personal_model(plant.state.root)[1]["chosen"] == declared[wire.MODEL_CHOSEN]


def test_the_cross_benchmark_count_uses_tolerance_zero_and_one_test_window_apart():
    from server.model_choice import do_no_harm_cases
    from simulations.benchmarks.do_no_harm import count, holds, own_class_cases, tally, why

    results = {"task": "classification", "plants": {
        "a": {"n_test": 100, "transfer": {"model_choice": {
                  "chosen": "federated_global", "n_val": 10,
                  "validation": {"local_only": 0.5, "federated_global": 0.8}}},
              "metrics": {"local_only": {"accuracy": 0.70}, "chosen": {"accuracy": 0.69}}},   # one window short
        "b": {"n_test": 100, "metrics": {"local_only": {"accuracy": 0.70}, "chosen": {"accuracy": 0.70}}},  # tie
        "c": {"n_test": 100, "metrics": {"local_only": {"accuracy": 0.70}, "chosen": {"accuracy": 0.60}}},
        "d": {"n_test": 100, "metrics": {"local_only": {"accuracy": 0.70}}}}}                 # no choice: no case
    cases = [{"benchmark": "x", "seed": 0, **c} for c in do_no_harm_cases(results)]
    assert [c["plant"] for c in cases] == ["a", "b", "c"]
    assert cases[0]["chosen"] == "federated_global" and cases[0]["validation"]["federated_global"] == 0.8
    assert [holds(c) for c in cases] == [False, True, False]
    assert [holds(c, within_one_window=True) for c in cases] == [True, True, False]
    result = count(cases)
    assert (result["cases"], result["held"], result["held_within_one_window"]) == (3, 1, 2)
    assert result["share"] == pytest.approx(1 / 3) and [c["plant"] for c in result["failing"]] == ["a", "c"]
    assert "3 of 10" in why(cases[0])

    # regression: lower RMSE is better, and there is no one-window tolerance
    rmse = {"task": "regression", "plants": {
        "s1": {"n_test": 100, "metrics": {"local_only": {"rmse": 14.0}, "chosen": {"rmse": 13.0}}},
        "s2": {"n_test": 100, "metrics": {"local_only": {"rmse": 14.0}, "chosen": {"rmse": 14.001}}}}}
    more = [{"benchmark": "y", "seed": 1, **c} for c in do_no_harm_cases(rmse)]
    assert [holds(c) for c in more] == [True, False]
    assert [holds(c, within_one_window=True) for c in more] == [True, False]
    both = tally(cases + more)
    assert both["per_benchmark"]["x"]["held"] == 1 and both["per_benchmark"]["y"]["held"] == 1
    assert (both["total"]["cases"], both["total"]["held"], both["total"]["held_within_one_window"]) == (5, 2, 3)
    assert count([])["share"] is None

    label_sets = {"runs": [{"seed": 0, "plants": {
        "p": {"chosen": {"accuracy_own": 0.9}, "local_only": {"accuracy_own": 1.0}},
        "q": {"chosen": {"accuracy_own": 1.0}, "local_only": {"accuracy_own": 1.0}}}}]}
    own = count(own_class_cases(label_sets))
    assert (own["cases"], own["held"], own["held_within_one_window"]) == (2, 1, 1)   # no n_test: no tolerance


def test_the_kept_candidate_is_refit_on_all_labelled_windows_the_federated_global_never(tmp_path):
    """Once chosen with V held out, local-only or the personalisation runs again on fit ∪ V; nothing else does."""
    from client.selection import GLOBAL, LOCAL_ONLY, PERSONALISED, Choice, refit_kept, split_for, without_validation
    from client.transfer import _personalised_on_all, personalise

    plant, spec, shared = _plant_and_spec(tmp_path, _scenario_path())
    split = split_for(plant, spec)
    assert split is not None and len(split.val) > 0
    worker = without_validation(plant, split)
    personalise(worker, spec, shared, "run-1")
    fit_only = worker.personal_model(spec, "run-1")
    assert fit_only is not None

    def choice(chosen: str, **kw) -> Choice:
        return Choice(chosen, "best validation accuracy", declared={wire.MODEL_CHOICE_REASON: "x"},
                      record={"chosen": chosen, "n_val": len(split.val)}, **kw)

    def refit() -> object:
        return _personalised_on_all(plant, spec, shared, "run-1", None)

    candidates = {PERSONALISED: fit_only}
    kept = choice(PERSONALISED)
    assert refit_kept(plant, spec, "run-1", kept, candidates, refit)
    refitted = candidates[PERSONALISED]
    assert refitted is not fit_only and not all(
        torch.equal(a, b) for a, b in zip(refitted.state_dict().values(), fit_only.state_dict().values(), strict=True))
    assert "refit on all its labelled windows" in kept.reason
    assert kept.declared[wire.MODEL_CHOICE_REASON] == "x; federated_personalised refit on all its labelled windows"
    assert kept.record["refit_on_all_labels"] is True
    local = choice(LOCAL_ONLY)
    assert refit_kept(plant, spec, "run-1", local, {}, refit) and "local_only refit" in local.reason
    # the federated model, a plant with never-had routing calibrated on V, and a choice without a split: as they are
    for other in (choice(GLOBAL), choice(PERSONALISED, meta={"never_had_routing": {}}),
                  Choice(PERSONALISED, "configured", record={"chosen": PERSONALISED, "n_val": 0})):
        before = other.reason
        assert not refit_kept(plant, spec, "run-1", other, {PERSONALISED: fit_only}, refit) and other.reason == before



def test_a_plant_missing_some_classes_keeps_local_only_when_every_covering_model_is_clearly_worse(tmp_path):
    """Coverage does not cost a plant its own classes: a federation that knows one more class than the
    plant has labels for, but whose shared model is useless (all weights zero, so every federated
    candidate predicts one class), leaves the plant its local-only model, with the reason and no
    never-had routing; predict then uses local-only."""
    from client.predict import load_personal_model
    from client.transfer import run_phase_two
    from common.transfer.routing import META_KEY

    path = tiny_scenario(tmp_path, synthetic_plants={"count": 3, "seed": 0, "num_windows_per_class": 48},
                         federation={"rounds": 6, "training": {"local_epochs": 2, "batch_size": 16,
                                                               "learning_rate": 0.003}})
    plant, spec, shared = _plant_and_spec(tmp_path, path)
    names = tuple(plant.data.class_names)
    extra = "misalignment" if "misalignment" not in names else "unseen_fault"
    spec = dataclasses.replace(spec, class_names=(*names, extra), num_classes=len(names) + 1)
    from common.models import build_model, shared_state

    shared = {k: np.zeros_like(v.numpy())
              for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs, spec.model, 0)).items()}
    assert plant.class_mask(spec).tolist() == [True] * len(names) + [False]
    metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    assert declared[wire.MODEL_CHOSEN] == "local_only", declared
    why = declared[wire.MODEL_CHOICE_REASON]
    assert "clearly worse on the plant's own classes" in why and "does not recognise the classes" in why
    assert not re.search(r"better on \d+|worse on \d+", why)   # released as `metrics`: no counts
    assert metrics[wire.SELECT_VAL_PREFIX + "local_only"] > metrics[wire.SELECT_VAL_PREFIX + "federated_personalised"]
    _, meta = load_personal_model(plant.state.root)
    assert meta["chosen"] == "local_only" and META_KEY not in meta
