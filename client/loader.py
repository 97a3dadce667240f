"""Build a :class:`Plant` from its spec: load and validate its data, open its state directory."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from client.plant import Plant, derive_seed
from client.state import PlantState
from common.config.schema import PlantSpec, Scenario
from common.data import WindowSpec, apply_k_shot, apply_label_fraction, load_plant_data
from common.data.channel_select import select_channels
from common.data.load import log_loaded
from common.data.types import PlantData
from common.labelset import keep_labels_of
from common.privacy.policy import SAFE_DEFAULT, PrivacyPolicy

logger = logging.getLogger(__name__)


def window_spec(scenario: Scenario) -> WindowSpec:
    w = scenario.window
    return WindowSpec(length=w.length, stride=w.stride, test_fraction=w.test_fraction, resample_to_hz=w.resample_to_hz,
                      samples_per_revolution=w.samples_per_revolution)


def load_data(scenario: Scenario, plant: PlantSpec, log: bool = True) -> PlantData:
    """The plant's windows with its labelled fraction applied (deterministic by seed); ``log``: the load line
    (off when the same data were loaded and logged before, e.g. for the centralized baseline)."""
    data = load_plant_data(plant.data.source, plant.id, plant.data.params, window_spec(scenario),
                           Path(scenario.base_dir), log=False)
    note = ""
    if plant.use_channels is not None:
        data = select_channels(data, plant.use_channels)
    if plant.k_shot is not None or plant.labelled_fraction < 1.0:
        seed = derive_seed(scenario.seed, plant.id, "labels")
        in_data = data.train.num_labelled
        if plant.k_shot is not None:
            train = apply_k_shot(data.train, plant.k_shot, seed)
            note = f"after k_shot={plant.k_shot}, of {in_data} in the data"
        else:
            train = apply_label_fraction(data.train, plant.labelled_fraction, seed)
            note = f"after labelled_fraction={plant.labelled_fraction:g}, of {in_data} in the data"
        data = dataclasses.replace(data, train=train)
    if plant.labelled_classes is not None:  # labels of the other classes hidden; they stay in the test split
        data = dataclasses.replace(data, train=data.train.with_labels(
            keep_labels_of(data.train.y, data.class_names, plant.labelled_classes, plant.id)))
    if log:
        log_loaded(data, note)
    return data


def state_root(scenario: Scenario, plant: PlantSpec, run_dir: str | None) -> Path:
    """Where the plant keeps its state: its own state_dir, the scenario's, or the run's folder.

    A plant's own or the scenario's ``state_dir`` persists across runs (the lifetime privacy
    ledger lives there); without one, each simulated run starts fresh virtual plants.
    """
    base = Path(scenario.base_dir)
    if plant.state_dir:
        path = Path(plant.state_dir)
        return path if path.is_absolute() else (base / path)
    if scenario.state_dir:
        path = Path(scenario.state_dir)
        return (path if path.is_absolute() else base / path) / plant.id
    if not run_dir:
        raise ValueError(f"plant {plant.id}: no state_dir configured and no run directory given")
    return Path(run_dir) / "plants" / plant.id


def simulated_policy(scenario: Scenario, plant: PlantSpec) -> PrivacyPolicy:
    """A simulated plant's policy: its own, else the scenario's ``plant_policy``, else DP required
    exactly when the scenario enables DP or the plant has a budget (other limits: safe defaults)."""
    policy = plant.privacy_policy or scenario.plant_policy
    if policy is None:
        policy = dataclasses.replace(SAFE_DEFAULT,
                                     require_dp=scenario.privacy.enabled or plant.privacy_budget is not None)
    return policy


def make_plant(scenario: Scenario, plant: PlantSpec, run_dir: str | None, deployed: bool = False) -> Plant:
    """A deployed plant takes its policy from its own state directory (``plant.privacy_policy``,
    safe defaults when it has none) and always draws secret noise; a simulated one from the scenario."""
    data = load_data(scenario, plant)
    state = PlantState(state_root(scenario, plant, run_dir), plant.id)
    if deployed:
        policy, reproducible = plant.privacy_policy or SAFE_DEFAULT, False
    else:
        policy, reproducible = simulated_policy(scenario, plant), scenario.simulation.reproducible_noise
    return Plant(plant.id, data, state, privacy_budget=plant.privacy_budget, transfer=plant.transfer,
                 policy=policy, reproducible_noise=reproducible, detector=plant.detector)
