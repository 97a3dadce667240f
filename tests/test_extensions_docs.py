"""docs/extensions.md, the CLI help and the scenario schema read the registries: the committed docs
are current, and an entry registered at run time shows up in all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import build_parser
from common.config import load_scenario
from common.data import WindowSpec, load_plant_data
from common.extensions import DATA_SOURCES, DETECTORS, STRATEGIES, TRANSFER_METHODS
from common.extensions.docs import DOCS_PATH, REGENERATE, main, render
from tests.helpers.registries import registered


def test_committed_docs_are_current_with_the_registries():
    assert DOCS_PATH.read_text() == render(), f"docs/extensions.md is out of date: run `{REGENERATE}`"
    assert main(["--check"]) == 0


def test_every_registry_has_a_section_and_every_entry_a_row():
    text = render()
    for registry in (STRATEGIES, TRANSFER_METHODS, DETECTORS, DATA_SOURCES):
        assert f"(`{registry.config_key}`)" in text
        for entry in registry:
            assert f"| `{entry.name}` |" in text and f"`{entry.target}`" in text


def _lopo_help(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["lopo", "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_lopo_help_lists_every_registered_transfer_method(capsys):
    shown = _lopo_help(capsys)
    for name in TRANSFER_METHODS.names():
        assert name in shown
    assert "fixmatch" in shown and "none" in shown


def test_a_temporarily_registered_entry_reaches_docs_cli_and_schema(tmp_path, capsys):
    none = TRANSFER_METHODS.get("none")
    with registered(TRANSFER_METHODS, "toy_method", none.target, summary="a toy transfer method", **none.meta), \
            registered(STRATEGIES, "toy_strategy", "server.strategies.fedavg:FedAvg", summary="a toy strategy",
                       robust=False), \
            registered(DETECTORS, "toy_detector", "math:isnan", summary="a toy detector"), \
            registered(DATA_SOURCES, "toy_source", "common.data.synthetic:load_synthetic",
                       params="common.data.synthetic:SyntheticParams", summary="a toy data source"):
        text = render()
        for name, summary in [("toy_method", "a toy transfer method"), ("toy_strategy", "a toy strategy"),
                              ("toy_detector", "a toy detector"), ("toy_source", "a toy data source")]:
            assert f"| `{name}` | {summary} |" in text
        assert "toy_method" in _lopo_help(capsys)
        assert build_parser().parse_args(["lopo", "s.yaml", "--method", "toy_method"]).method == "toy_method"

        scenario_path = tmp_path / "toy.yaml"
        scenario_path.write_text("name: toy\nplants:\n"
                                 "  - {id: a, data: {source: toy_source, num_windows_per_class: 8}}\n"
                                 "  - {id: b, data: {source: synthetic, num_windows_per_class: 8}, "
                                 "transfer: toy_method}\n"
                                 "federation: {strategy: {name: toy_strategy}}\n")
        scenario = load_scenario(scenario_path)
        spec = scenario.plants[0].data
        assert spec.source == "toy_source" and spec.params.num_windows_per_class == 8
        assert scenario.plants[1].transfer == "toy_method" and scenario.federation.strategy.name == "toy_strategy"
        data = load_plant_data(spec.source, "a", spec.params, WindowSpec(), Path("."))
        assert data.plant_id == "a" and len(data.train) > 0
    for registry, name in [(TRANSFER_METHODS, "toy_method"), (STRATEGIES, "toy_strategy"),
                           (DETECTORS, "toy_detector"), (DATA_SOURCES, "toy_source")]:
        assert name not in registry
    assert "toy_method" not in _lopo_help(capsys) and "toy_source" not in render()
