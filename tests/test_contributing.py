"""CONTRIBUTING.md's worked example runs as written: the data source file, its registration line
and the scenario that names it (plants load and validate; bad settings are refused)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from common.config import ConfigError, load_scenario
from common.data import DataValidationError, WindowSpec, load_plant_data
from common.extensions import DATA_SOURCES
from simulations.runner import validate_plants

GUIDE = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def _example(label: str) -> str:
    match = re.search(rf"<!-- example: {re.escape(label)} -->\n```\w+\n(.*?)```", GUIDE.read_text(), re.S)
    assert match, f"CONTRIBUTING.md has no example block {label!r}"
    return match.group(1)


@pytest.fixture
def sine_source(tmp_path, monkeypatch):
    """The guide's common/data/sine.py as module ``sine_example``, registered by the guide's own line."""
    (tmp_path / "sine_example.py").write_text(_example("common/data/sine.py"))
    monkeypatch.syspath_prepend(str(tmp_path))
    exec(_example("registration").replace("common.data.sine", "sine_example"), {"DATA_SOURCES": DATA_SOURCES})
    try:
        yield
    finally:
        DATA_SOURCES.remove("sine")


def test_the_worked_example_loads_and_validates(sine_source, tmp_path):
    scenario_path = tmp_path / "sine.yaml"
    scenario_path.write_text(_example("scenario"))
    scenario = load_scenario(scenario_path)
    summaries = validate_plants(scenario)
    assert set(summaries) == {"line-1", "line-2"}
    data = load_plant_data("sine", "p", scenario.plants[1].data.params, WindowSpec(length=256), tmp_path)
    assert data.class_names == ("50hz", "120hz") and data.window_length == 256
    assert len(data.train) + len(data.test) == 120


def test_the_worked_example_refuses_bad_settings(sine_source, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nplants:\n  - {id: a, data: {source: sine, frequencies_hz: [50, 900], colour: red}}\n")
    with pytest.raises(ConfigError) as caught:
        load_scenario(bad)
    message = str(caught.value)
    assert "plants[0].data" in message and "colour" in message and "frequencies_hz must lie in" in message
    from sine_example import SineParams

    with pytest.raises(DataValidationError, match="sample_rate_hz / 2"):
        load_plant_data("sine", "a", SineParams(frequencies_hz=(50.0, 900.0)), WindowSpec(length=64), tmp_path)
