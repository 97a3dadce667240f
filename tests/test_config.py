"""Scenario configuration: YAML → frozen dataclasses, every problem named once with its fix."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from common.config import (
    ConfigError,
    ModelConfig,
    PrivacyConfig,
    RunSpec,
    Scenario,
    load_scenario,
    run_spec_from_json,
    run_spec_from_scenario,
    run_spec_to_json,
)
from common.data.synthetic import SyntheticParams

REPO = Path(__file__).resolve().parents[1]
SHIPPED_SCENARIOS = sorted((REPO / "simulations" / "scenarios").glob("*.yaml"))


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def load_text(tmp_path: Path, text: str) -> Scenario:
    return load_scenario(write(tmp_path, text))


def config_error(tmp_path: Path, text: str) -> ConfigError:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    assert str(path) in str(info.value), "the error must name the file"
    assert info.value.source == str(path)
    return info.value


def problem_for(err: ConfigError, key: str) -> str:
    """The one problem line reported under dotted ``key``."""
    matches = [p for p in err.problems if p.startswith(f"{key}: ")]
    assert len(matches) == 1, f"expected one problem under {key!r}, got {err.problems}"
    return matches[0]


VALID = """\
name: plant-trial
seed: 7
window: {length: 512, stride: 256, test_fraction: 0.25}
federation:
  rounds: 3
  strategy: {name: fedadam, server_learning_rate: 0.05}
  training: {batch_size: 16}
plants:
  - id: north
    data: {source: synthetic, rpm: 1750, load: 0.3}
  - id: south
    labelled_fraction: 0.5
    data: {source: synthetic, rpm: 2400.5, sample_rate_hz: 16000}
"""


# ----------------------------------------------------------------------------- valid files

def test_valid_scenario_loads_with_defaults_filled(tmp_path):
    scenario = load_text(tmp_path, VALID)
    assert scenario.name == "plant-trial" and scenario.seed == 7
    assert scenario.window.length == 512 and scenario.window.stride == 256
    assert scenario.window.test_fraction == 0.25
    assert scenario.federation.rounds == 3
    assert scenario.federation.strategy.name == "fedadam"
    assert scenario.federation.strategy.server_learning_rate == 0.05
    # defaults fill what the file leaves out
    assert scenario.federation.strategy.beta_1 == 0.9
    assert scenario.federation.training.batch_size == 16
    assert scenario.federation.training.learning_rate == 1e-3
    assert scenario.model == ModelConfig()
    assert scenario.privacy == PrivacyConfig()
    assert scenario.evaluation.baselines == ("local_only", "centralized")
    assert scenario.task == "classification"
    # plants and their typed data params
    assert [p.id for p in scenario.plants] == ["north", "south"]
    north, south = scenario.plants
    assert north.data.source == "synthetic" and isinstance(north.data.params, SyntheticParams)
    assert north.data.params.rpm == 1750.0 and isinstance(north.data.params.rpm, float)
    assert north.data.params.load == 0.3
    assert north.data.params.noise_std == SyntheticParams().noise_std
    assert north.labelled_fraction == 1.0
    assert south.labelled_fraction == 0.5 and south.data.params.sample_rate_hz == 16000.0
    assert scenario.source_file == str(tmp_path / "scenario.yaml")
    assert Path(scenario.base_dir) == tmp_path.resolve()
    # frozen: settings cannot be changed after loading
    with pytest.raises(dataclasses.FrozenInstanceError):
        scenario.seed = 1  # type: ignore[misc]


def test_synthetic_plants_count_generates_distinct_plants(tmp_path):
    scenario = load_text(
        tmp_path, "name: gen\nsynthetic_plants: {count: 3, num_windows_per_class: 10, labelled_fraction: 0.5}\n"
    )
    assert len(scenario.plants) == 3
    ids = [p.id for p in scenario.plants]
    assert len(set(ids)) == 3 and ids == ["plant-0", "plant-1", "plant-2"]
    params = [p.data.params for p in scenario.plants]
    assert all(p.data.source == "synthetic" for p in scenario.plants)
    assert all(isinstance(p, SyntheticParams) and not p.problems() for p in params)
    assert len(set(params)) == 3, "every generated plant must get its own operating point"
    assert len({p.seed for p in params}) == 3 and len({p.rpm for p in params}) == 3
    assert all(p.num_windows_per_class == 10 for p in params)
    assert all(p.labelled_fraction == 0.5 for p in scenario.plants)


def test_synthetic_plants_are_reproducible_and_combine_with_listed_plants(tmp_path):
    text = "name: gen\nsynthetic_plants: {count: 2, seed: 4, id_prefix: gen-}\n" \
           "plants:\n  - {id: extra, data: {source: synthetic}}\n"
    first, second = load_text(tmp_path, text), load_text(tmp_path, text)
    assert first == second
    assert [p.id for p in first.plants] == ["extra", "gen-0", "gen-1"]


def test_float_fields_accept_exponent_strings(tmp_path):
    # PyYAML (YAML 1.1) reads 1e-5 without a dot as a string, not a float.
    text = VALID.replace("training: {batch_size: 16}", "training: {batch_size: 16, learning_rate: 1e-5}")
    text = text.replace("rpm: 1750", "rpm: 1.75e3")
    assert yaml.safe_load(text)["federation"]["training"]["learning_rate"] == "1e-5"
    scenario = load_text(tmp_path, text)
    assert scenario.federation.training.learning_rate == pytest.approx(1e-5)
    assert isinstance(scenario.federation.training.learning_rate, float)
    assert scenario.plants[0].data.params.rpm == 1750.0


def test_nan_is_not_a_number_for_float_fields(tmp_path):
    err = config_error(tmp_path, VALID.replace("batch_size: 16", "batch_size: 16, learning_rate: .nan"))
    assert "expected a number" in problem_for(err, "federation.training.learning_rate")


# ----------------------------------------------------------------------------- many problems, one error

MANY_PROBLEMS = """\
name: broken
federaton: {rounds: 2}
window: {test_fraction: 1.5}
federation:
  rounds: "five"
  strategy: {name: fedavgg}
  training: {learning_rat: 0.01}
plants:
  - id: a
    data: {source: synthetic}
  - id: b
    data: {source: synthetic, rpm: fast}
  - id: c
    data: {source: sinthetic}
  - id: a
    data: {source: synthetic}
"""


@pytest.fixture()
def many(tmp_path) -> ConfigError:
    return config_error(tmp_path, MANY_PROBLEMS)


def test_many_problems_raise_one_error_listing_all(many):
    assert len(many.problems) == 8, many.problems
    message = str(many)
    assert "8 configuration problem(s)" in message
    for problem in many.problems:
        assert problem in message


def test_unknown_top_level_key_suggests_the_right_one(many):
    line = problem_for(many, "federaton")
    assert "unknown key" in line and "did you mean 'federation'?" in line
    assert "synthetic_plants" in line, "the known keys list what a scenario file may hold"
    assert "source_file" not in line and "base_dir" not in line, "internal fields are not file keys"


def test_unknown_nested_key_suggests_the_right_one(many):
    line = problem_for(many, "federation.training.learning_rat")
    assert "did you mean 'learning_rate'?" in line
    assert "federation.training.learning_rat" in str(many)


def test_wrong_type_is_reported_at_its_dotted_key(many):
    line = problem_for(many, "federation.rounds")
    assert "expected an integer" in line and "'five'" in line


def test_out_of_range_value_is_reported_at_its_dotted_key(many):
    line = problem_for(many, "window.test_fraction")
    assert "between 0 and 1" in line and "1.5" in line


def test_unknown_strategy_lists_the_known_ones(many):
    line = problem_for(many, "federation.strategy")
    assert "unknown aggregation strategy 'fedavgg' at federation.strategy.name" in line
    assert "did you mean 'fedavg'?" in line
    assert line.endswith("known: fedadam, fedavg, fedmedian, fedprox, fedtrimmedavg")


def test_unknown_data_source_lists_the_known_ones(many):
    line = problem_for(many, "plants[2].data.source")
    assert "unknown data source 'sinthetic'" in line and "did you mean 'synthetic'?" in line
    assert "use one of cmapss, cwru, directory, synthetic" in line


def test_plant_data_param_with_wrong_type(many):
    line = problem_for(many, "plants[1].data.rpm")
    assert "expected a number" in line and "'fast'" in line
    assert "plants[1].data.rpm" in str(many)


def test_duplicate_plant_id_names_both_places(many):
    line = problem_for(many, "plants[3].id")
    assert "'a' appears twice" in line and "plants[0].id" in line
    assert "give every plant its own id" in line


def test_sibling_range_problem_still_reported_when_a_field_has_the_wrong_type(tmp_path):
    err = config_error(tmp_path, VALID.replace("rounds: 3", "rounds: three\n  max_update_norm: -1"))
    assert "expected an integer" in problem_for(err, "federation.rounds")
    assert "must be > 0" in problem_for(err, "federation.max_update_norm")
    assert len(err.problems) == 2


def test_range_problem_of_plant_data_params(tmp_path):
    err = config_error(tmp_path, VALID.replace("load: 0.3", "load: 1.3"))
    assert "fraction of rated load" in problem_for(err, "plants[0].data.load")


def test_unknown_plant_data_param_suggests(tmp_path):
    err = config_error(tmp_path, VALID.replace("load: 0.3", "laod: 0.3"))
    assert "did you mean 'load'?" in problem_for(err, "plants[0].data.laod")


def test_cmapss_sites_must_agree_on_their_channels(tmp_path):
    """The shared model has one input: C-MAPSS sites that would give it different channels are
    refused at load time, naming the site's key, the other site and the fix (the data files are not
    read for this, so the paths need not exist)."""
    sites = """\
name: turbofans
task: regression
window: {length: 30}
plants:
  - {id: fd001, data: {source: cmapss, path: fd001.npz, baseline_cycles: 60}}
  - {id: fd002, data: {source: cmapss, path: fd002.npz, baseline_cycles: 60}}
  - {id: fd003, data: {source: cmapss, path: fd003.npz, baseline_cycles: 60, include_op_settings: true}}
  - {id: fd004, data: {source: cmapss, path: fd004.npz, sensors: [sensor_2, sensor_3]}}
"""
    err = config_error(tmp_path, sites)
    line = problem_for(err, "plants[2].data.include_op_settings")
    assert "is True but site 'fd001' has False" in line and "give every site the same include_op_settings" in line
    assert "'fd001' has 60" in problem_for(err, "plants[3].data.baseline_cycles")
    assert "is ['sensor_2', 'sensor_3']" in problem_for(err, "plants[3].data.sensors")
    assert len(err.problems) == 3
    agreed = sites.replace(", include_op_settings: true", "").replace(", sensors: [sensor_2, sensor_3]",
                                                                       ", baseline_cycles: 60")
    assert len(load_text(tmp_path, agreed).plants) == 4


# ----------------------------------------------------------------------------- structural problems

def test_plant_without_data(tmp_path):
    err = config_error(tmp_path, "name: x\nplants:\n  - id: lonely\n")
    line = problem_for(err, "plants[0].data")
    assert "required key is missing" in line and "add `data:" in line


def test_data_without_source(tmp_path):
    err = config_error(tmp_path, "name: x\nplants:\n  - {id: a, data: {rpm: 1800}}\n")
    line = problem_for(err, "plants[0].data.source")
    assert "required key is missing" in line and "cwru, directory, synthetic" in line


def test_plants_missing_entirely(tmp_path):
    err = config_error(tmp_path, "name: x\n")
    line = problem_for(err, "plants")
    assert "no plants" in line and "synthetic_plants: {count: N}" in line


def test_empty_plant_list(tmp_path):
    err = config_error(tmp_path, "name: x\nplants: []\n")
    assert "empty" in problem_for(err, "plants")


def test_missing_name(tmp_path):
    err = config_error(tmp_path, "synthetic_plants: {count: 1}\n")
    assert "required key is missing" in problem_for(err, "name")


def test_non_mapping_file(tmp_path):
    err = config_error(tmp_path, "- name: x\n- plants: []\n")
    assert len(err.problems) == 1 and "must hold a mapping" in err.problems[0]


def test_empty_file(tmp_path):
    err = config_error(tmp_path, "")
    assert "must hold a mapping" in err.problems[0]


def test_invalid_yaml_syntax(tmp_path):
    err = config_error(tmp_path, "name: x\nfederation: {rounds: 3\nplants: [\n")
    assert len(err.problems) == 1 and "not valid YAML" in err.problems[0]


def test_nonexistent_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    assert str(path) in str(info.value)
    assert "no such scenario file" in info.value.problems[0]


def test_non_utf8_file_is_a_config_error(tmp_path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"name: \xff\xfe\x00\n")
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    assert str(path) in str(info.value)


def test_synthetic_plants_with_negative_seed_is_a_config_error(tmp_path):
    err = config_error(tmp_path, "name: x\nsynthetic_plants: {count: 2, seed: -1}\n")
    assert "seed must be >= 0" in problem_for(err, "synthetic_plants.seed")


def test_synthetic_plants_not_a_mapping(tmp_path):
    err = config_error(tmp_path, "name: x\nsynthetic_plants: 3\n")
    assert "expected a mapping" in problem_for(err, "synthetic_plants")


def test_generated_ids_clashing_with_listed_plants(tmp_path):
    err = config_error(
        tmp_path, "name: x\nsynthetic_plants: {count: 2}\nplants:\n  - {id: plant-1, data: {source: synthetic}}\n"
    )
    line = problem_for(err, "synthetic_plants.id_prefix")
    assert "'plant-1' appears twice" in line and "plants[0].id" in line


def test_plant_id_with_a_slash(tmp_path):
    err = config_error(tmp_path, "name: x\nplants:\n  - {id: a/b, data: {source: synthetic}}\n")
    assert "names a directory" in problem_for(err, "plants[0].id")


def test_unhashable_data_source_is_reported(tmp_path):
    err = config_error(tmp_path, "name: x\nplants:\n  - {id: a, data: {source: [synthetic]}}\n")
    assert "unknown data source" in problem_for(err, "plants[0].data.source")


# ----------------------------------------------------------------------------- cross-field rules

PRIVACY_BASE = "name: x\nsynthetic_plants: {count: 1}\nprivacy:\n  enabled: true\n"


def test_privacy_enabled_without_noise_or_target(tmp_path):
    err = config_error(tmp_path, PRIVACY_BASE)
    line = problem_for(err, "privacy")
    assert "set exactly one of noise_multiplier or target_epsilon" in line


def test_privacy_enabled_with_both_noise_and_target(tmp_path):
    err = config_error(tmp_path, PRIVACY_BASE + "  noise_multiplier: 1.1\n  target_epsilon: 8\n")
    assert "set exactly one of noise_multiplier or target_epsilon" in problem_for(err, "privacy")


@pytest.mark.parametrize("setting", ["noise_multiplier: 1.1", "target_epsilon: 8"])
def test_privacy_enabled_with_exactly_one(tmp_path, setting):
    scenario = load_text(tmp_path, PRIVACY_BASE + f"  {setting}\n")
    assert scenario.privacy.enabled


def test_privacy_disabled_ignores_both(tmp_path):
    scenario = load_text(tmp_path, "name: x\nsynthetic_plants: {count: 1}\n"
                                   "privacy: {noise_multiplier: 1, target_epsilon: 3}\n")
    assert not scenario.privacy.enabled


def test_model_channels_not_divisible_by_groups(tmp_path):
    err = config_error(tmp_path, "name: x\nsynthetic_plants: {count: 1}\nmodel: {channels: [16, 30], groups: 4}\n")
    line = problem_for(err, "model")
    assert "divisible by groups=4" in line and "30" in line and "change groups or the widths" in line


def test_model_channels_divisible_is_fine(tmp_path):
    scenario = load_text(tmp_path, "name: x\nsynthetic_plants: {count: 1}\nmodel: {channels: [6, 12], groups: 3}\n")
    assert scenario.model.channels == (6, 12) and scenario.model.groups == 3


# ----------------------------------------------------------------------------- run spec over the wire

def test_run_spec_json_round_trip(tmp_path):
    text = VALID + (
        "model: {channels: [8, 16], groups: 2, dropout: 0.1}\n"
        "privacy: {enabled: true, noise_multiplier: 1.3, delta: 1e-5, budget_epsilon: 10}\n"
        "personalisation: {mode: full, epochs: 2}\n"
        "evaluation: {baselines: [local_only]}\n"
    )
    scenario = load_text(tmp_path, text)
    spec = run_spec_from_scenario(scenario, ("normal", "inner_race", "ball"))
    assert isinstance(spec, RunSpec) and spec.num_classes == 3
    again = run_spec_from_json(run_spec_to_json(spec))
    assert again == spec
    assert isinstance(again.model.channels, tuple) and isinstance(again.class_names, tuple)
    assert again.privacy.delta == pytest.approx(1e-5)
    assert run_spec_to_json(again) == run_spec_to_json(spec)


def test_run_spec_from_bad_json_is_a_config_error():
    with pytest.raises(ConfigError) as info:
        run_spec_from_json('{"scenario_name": "x"}')
    assert any(p.startswith("seed: required key is missing") for p in info.value.problems)


# ----------------------------------------------------------------------------- shipped scenarios

def test_scenarios_are_shipped():
    assert SHIPPED_SCENARIOS, "simulations/scenarios/*.yaml must hold at least one scenario"


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=[p.name for p in SHIPPED_SCENARIOS])
def test_shipped_scenario_loads_and_says_how_to_run_it(path):
    first_line = path.read_text().splitlines()[0]
    assert first_line.startswith("#"), f"{path.name} must open with a comment saying how to run it"
    assert "factoryfl simulate" in first_line or "make" in first_line
    scenario = load_scenario(path)
    assert scenario.plants and len({p.id for p in scenario.plants}) == len(scenario.plants)


# ----------------------------------------------------------------------------- target_range

REGRESSION_BASE = "name: x\ntask: regression\ntarget_scale: 125\nsynthetic_plants: {count: 1}\n"


@pytest.mark.parametrize("value", ["[0]", "[125, 0]", "[1, 1]"])
def test_target_range_must_be_low_below_high(tmp_path, value):
    err = config_error(tmp_path, REGRESSION_BASE + f"target_range: {value}\n")
    line = problem_for(err, "target_range")
    assert "two finite numbers with low < high" in line and "[0, 125]" in line


def test_target_range_must_be_finite(tmp_path):
    # every float setting must be finite (issue 20): refused where it is read, naming the item
    err = config_error(tmp_path, REGRESSION_BASE + "target_range: [0, .inf]\n")
    assert "expected a finite number, got inf" in problem_for(err, "target_range[1]")


def test_target_range_is_refused_for_classification(tmp_path):
    err = config_error(tmp_path, "name: x\nsynthetic_plants: {count: 1}\ntarget_range: [0, 1]\n")
    line = problem_for(err, "target_range")
    assert "regression only" in line and "remove it" in line


def test_target_range_reaches_the_run_spec(tmp_path):
    from common.config.scenario import run_spec_from_json, run_spec_from_scenario, run_spec_to_json

    scenario = load_text(tmp_path, REGRESSION_BASE + "target_range: [0, 125]\n")
    assert scenario.target_range == (0.0, 125.0)
    spec = run_spec_from_json(run_spec_to_json(run_spec_from_scenario(scenario, ("a",))))
    assert spec.target_range == (0.0, 125.0)
