"""Typed configuration: YAML/run config → frozen dataclasses, every problem named with its fix."""

from common.config.parse import ConfigError, parse, to_dict
from common.config.scenario import (
    load_scenario,
    run_spec_from_json,
    run_spec_from_scenario,
    run_spec_to_json,
    scenario_from_dict,
    scenario_to_dict,
)
from common.config.schema import *  # noqa: F401,F403  (the schema is the public surface)

__all__ = [
    "ConfigError",
    "load_scenario",
    "parse",
    "run_spec_from_json",
    "run_spec_from_scenario",
    "run_spec_to_json",
    "scenario_from_dict",
    "scenario_to_dict",
    "to_dict",
]
