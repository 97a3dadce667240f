"""The load log gives the labelled count a plant trains with: after its labelled_fraction / k_shot."""

from __future__ import annotations

import logging
import re

import pytest

from client.loader import load_data
from common.config import load_scenario
from tests.conftest import tiny_scenario, with_explicit_plants


def _loaded_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("loaded plant")]


@pytest.mark.parametrize(("extra", "expected"), [
    ({"labelled_fraction": 0.0}, r"\(0 labelled after labelled_fraction=0, of (\d+) in the data\)"),
    ({"labelled_fraction": 0.5}, r"\((\d+) labelled after labelled_fraction=0\.5, of (\d+) in the data\)"),
    ({"k_shot": 2}, r"\((\d+) labelled after k_shot=2, of (\d+) in the data\)"),
])
def test_load_log_counts_labels_after_the_fraction(tmp_path, caplog, extra, expected):
    scenario = load_scenario(with_explicit_plants(tiny_scenario(tmp_path), extra))
    with caplog.at_level(logging.INFO):
        data = load_data(scenario, scenario.plants[-1])
    (line,) = _loaded_lines(caplog)
    match = re.search(expected, line)
    assert match, line
    assert f"{len(data.train)} train ({data.train.num_labelled} labelled" in line
    assert int(match.groups()[-1]) == len(data.train) > data.train.num_labelled


def test_load_log_of_a_fully_labelled_plant_is_unchanged(tmp_path, caplog):
    scenario = load_scenario(tiny_scenario(tmp_path))
    with caplog.at_level(logging.INFO):
        data = load_data(scenario, scenario.plants[0])
    (line,) = _loaded_lines(caplog)
    assert f"{len(data.train)} train ({len(data.train)} labelled) / {len(data.test)} test windows" in line
