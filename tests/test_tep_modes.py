"""TEP benchmarks on other operating modes (``--modes``, ``--tep-dir``): the scenarios they build."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import yaml

from simulations.benchmarks import tep_modes
from simulations.benchmarks.tep_classification import SCENARIO as CLASSIFICATION
from simulations.benchmarks.tep_soft_sensor import SCENARIO as SOFT_SENSOR


def test_modes_on_the_command_line_and_their_errors(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    tep_modes.add_arguments(parser)
    choice = tep_modes.from_args(parser.parse_args(["--modes", "1, 2,5,6", "--tep-dir", str(tmp_path)]))
    assert choice.modes == (1, 2, 5, 6) and choice.tep_dir == str(tmp_path) and not choice.is_default
    assert tep_modes.from_args(parser.parse_args([])).is_default
    for bad in ("1", "1,1", "0,2", "a,b"):
        with pytest.raises(SystemExit, match="--modes"):
            tep_modes.from_args(parser.parse_args(["--modes", bad]))
    (tmp_path / "mode1.npz").write_bytes(b"")
    missing = r"--modes/--tep-dir: .*mode2\.npz not found \(files there: \['mode1\.npz'\]\)"
    with pytest.raises(SystemExit, match=missing):
        tep_modes.ModeChoice((1, 2), str(tmp_path)).check_files()


def test_with_modes_keeps_every_other_setting(tmp_path: Path) -> None:
    for path in (CLASSIFICATION, SOFT_SENSOR):
        body = yaml.safe_load(path.read_text())
        out = tep_modes.with_modes(body, (1, 6), str(tmp_path))
        assert [p["id"] for p in out["plants"]] == ["mode1", "mode6"]
        template = {k: v for k, v in body["plants"][0]["data"].items() if k != "mode"}
        for plant, mode in zip(out["plants"], (1, 6)):
            assert plant["data"] == template | {"mode": mode, "data_dir": str(tmp_path.resolve())}
        assert {k: v for k, v in out.items() if k != "plants"} == {k: v for k, v in body.items() if k != "plants"}
        assert tep_modes.with_modes(body, (2, 3), None)["plants"][1]["data"].get("data_dir") is None
    with pytest.raises(ValueError, match="tep plants"):
        tep_modes.with_modes({"plants": [{"id": "a", "data": {"source": "cwru"}}]}, (1, 2), None)


def test_results_of_other_modes_do_not_overwrite_the_committed_page(tmp_path: Path) -> None:
    shared = tep_modes.ModeChoice()
    assert shared.results_name("tep_lomo", "tep_lomo") == "tep_lomo"
    assert shared.apply({"plants": []}) == {"plants": []}   # the committed benchmark as it is
    assert tep_modes.ModeChoice((1, 5, 6)).results_name("tep_lomo", "tep_lomo") == "tep_lomo_modes156"
    # the same four modes from another folder are other data: not the committed page either
    assert tep_modes.ModeChoice((1, 2, 3, 4), str(tmp_path)).results_name("tep_lomo", "tep_lomo") == \
        "tep_lomo_modes1234"
    assert tep_modes.ModeChoice((1, 5, 6)).results_name("mine", "tep_lomo") == "mine"
    assert tep_modes.ModeChoice((1, 5, 6)).results_name("", "tep_lomo") == ""


def test_anomaly_benchmark_federation_on_other_modes(tmp_path: Path) -> None:
    from simulations.benchmarks.tep_anomaly import scenario_for

    body = scenario_for(0, "mode5", rounds=2, stride=10, modes=(1, 5, 6), tep_dir=str(tmp_path))
    assert [p["id"] for p in body["plants"]] == ["mode1", "mode5", "mode6"]
    new = body["plants"][1]
    assert new["labelled_classes"] == ["normal"] and new["detector"]["name"] == "logit_mahalanobis"
    assert all("detector" not in p for p in (body["plants"][0], body["plants"][2]))
    assert new["data"] == {"source": "tep", "mode": 5, "data_dir": str(tmp_path.resolve())}
