"""Transfer methods come from one registry: an entry registered there is accepted by the scenario
schema, refused where its facts say so, and run by the plant's phase two; an unknown name is one
problem naming the key, the known methods and the closest one."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from torch import nn

from common import wire
from common.config import ConfigError, load_scenario, run_spec_from_scenario
from common.extensions.transfer_methods import ADAPTER, PERSONALISATION, TRANSFER_METHODS, add_method
from common.transfer.adapt import AdaptResult
from tests.conftest import tiny_scenario, with_explicit_plants

CALLS: list[dict] = []


def keep_shared_model(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source, cfg,
                      labelled=None, *, seed: int = 0) -> AdaptResult:
    """A test adapter: the shared model unchanged; records what it was given."""
    CALLS.append({"windows": len(x_target), "source": source, "labelled": labelled, "seed": seed,
                  "epochs": cfg.epochs})
    model = nn.Sequential(copy.deepcopy(extractor), copy.deepcopy(head)).eval()
    return AdaptResult(model=model, method="test_keep", losses=[])


@pytest.fixture
def test_keep():
    """``test_keep`` registered for one test (a plain adapter, no labels or statistics needed)."""
    add_method("test_keep", f"{__name__}:keep_shared_model", kind=ADAPTER, summary="keep the shared model (test)")
    CALLS.clear()
    yield TRANSFER_METHODS.get("test_keep")
    TRANSFER_METHODS.remove("test_keep")


def _unlabelled_target(tmp_path, method: str):
    path = tiny_scenario(tmp_path, transfer={"adaptation": {"epochs": 3}})
    return with_explicit_plants(path, {"labelled_fraction": 0.0, "transfer": method})


def test_the_schema_accepts_a_registered_method(tmp_path, test_keep):
    scenario = load_scenario(_unlabelled_target(tmp_path, "test_keep"))
    assert scenario.plants[-1].transfer == "test_keep"


def test_an_unknown_method_is_one_problem_naming_key_known_names_and_closest(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_scenario(_unlabelled_target(tmp_path, "test_kep"))
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert problem.startswith("plants[2].transfer:") and "'test_kep' is not a transfer method" in problem
    assert all(name in problem for name in TRANSFER_METHODS.names())
    path = tiny_scenario(tmp_path, transfer={"default_method": "cora"})
    with pytest.raises(ConfigError, match=r"transfer.default_method: .*did you mean 'coral'"):
        load_scenario(path)


def test_a_registered_method_needing_labels_is_refused_for_an_unlabelled_plant(tmp_path):
    add_method("test_labels", f"{__name__}:keep_shared_model", kind=ADAPTER, needs_labels=True,
               summary="needs labels (test)")
    try:
        with pytest.raises(ConfigError, match=r"plants\[2\].transfer: transfer: test_labels needs labels"):
            load_scenario(_unlabelled_target(tmp_path, "test_labels"))
    finally:
        TRANSFER_METHODS.remove("test_labels")


def test_a_method_needing_classes_is_refused_for_regression(tmp_path):
    add_method("test_classes", f"{__name__}:keep_shared_model", kind=ADAPTER, needs_classes=True,
               summary="needs classes (test)")
    try:
        path = with_explicit_plants(tiny_scenario(tmp_path, task="regression"),
                                    {"labelled_fraction": 0.0, "transfer": "test_classes"})
        with pytest.raises(ConfigError, match="test_classes needs class probabilities"):
            load_scenario(path)
    finally:
        TRANSFER_METHODS.remove("test_classes")


def test_the_plant_runs_a_registered_method(tmp_path, test_keep):
    from client.loader import make_plant
    from client.transfer import adapted_evaluation, run_phase_two
    from common.models import build_model, shared_state

    scenario = load_scenario(_unlabelled_target(tmp_path, "test_keep"))
    plant = make_plant(scenario, scenario.plants[-1], str(tmp_path / "run"))
    spec = dataclasses.replace(run_spec_from_scenario(scenario, tuple(plant.data.class_names)),
                               channels=plant.data.channels)
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs, spec.model,
                                                                 seed=0)).items()}
    metrics, declared = run_phase_two(plant, spec, shared, None, "run-1")
    assert declared[wire.TRANSFER_CHOSEN] == "test_keep" and declared[wire.TRANSFER_REASON] == "configured"
    assert len(CALLS) == 1 and CALLS[0]["windows"] == len(plant.data.train) and CALLS[0]["epochs"] == 3
    assert CALLS[0]["labelled"] is None and CALLS[0]["source"] is None
    assert wire.ADAPT_SECONDS in metrics
    evaluation, info = adapted_evaluation(plant, "run-1")
    assert info["method"] == "test_keep" and info["result"] == "federated_adapted"
    assert evaluation == plant.evaluate_shared(spec, shared)   # the shared model, kept as is


def test_every_entry_names_its_kind_facts_and_an_implementation():
    for entry in TRANSFER_METHODS:
        assert entry.kind in ("personalisation", "adapter", "selector") and entry.summary
        assert {"needs_labels", "needs_classes", "needs_source_stats"} <= set(entry.meta)
        assert callable(entry.load()), entry.name
    modes = {TRANSFER_METHODS.get(n).mode for n in TRANSFER_METHODS.names(kind=PERSONALISATION)}
    assert modes == {"head", "full", "fedrep", "none", "ridge"}


def test_auto_picks_by_task_labels_and_gap():
    from common.task import CLASSIFICATION, REGRESSION
    from common.transfer.choice import choose_auto

    large, small = {"rff_mmd2_relative": 0.01, "mean_shift": 0.0}, {"rff_mmd2_relative": 0.0, "mean_shift": 0.0}
    assert choose_auto(REGRESSION, 0, large, 0.002)[0] == "none"
    assert choose_auto(REGRESSION, 0, None, 0.002)[0] == "none"
    assert choose_auto(REGRESSION, 5, None, 0.002)[0] == "finetune_head"
    assert choose_auto(CLASSIFICATION, 0, None, 0.002)[0] == "shot"
    assert choose_auto(CLASSIFICATION, 0, large, 0.002)[0] == "mmd"
    assert choose_auto(CLASSIFICATION, 5, small, 0.002)[0] == "finetune_head"
    assert choose_auto(CLASSIFICATION, 0, small, 0.002)[0] == "mmd"
    assert choose_auto(CLASSIFICATION, 0, large, 0.5)[1].startswith("auto: small domain gap")
    for picked in ("none", "finetune_head", "shot", "mmd"):
        assert TRANSFER_METHODS.get(picked).kind != "selector"
