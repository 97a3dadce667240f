"""`factoryfl simulate` leaves a plant whose data are bad out, as a deployment does, and lists it
with the reason; it fails with one error when fewer plants than the minimum remain; `validate`
stays strict (every problem, non-zero exit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from common.config import load_scenario
from simulations import runner
from simulations.plant_checks import check_plants
from simulations.runner import ScenarioInputError, runnable_plants, validate_plants
from tests.conftest import tiny_scenario, with_explicit_plants


def _with_bad_plant(tmp_path: Path, **overrides: Any) -> Path:
    """The tiny 3-plant scenario plus ``plant-bad``, whose data directory has no usable manifest."""
    path = with_explicit_plants(tiny_scenario(tmp_path, **overrides), {})
    bad_dir = tmp_path / "bad-plant"
    bad_dir.mkdir()
    (bad_dir / "manifest.yaml").write_text("format: factoryfl-plant/v1\nsample_rate_hz: [not, a, number]\n")
    body = yaml.safe_load(path.read_text())
    body["plants"].append({"id": "plant-bad", "data": {"source": "directory", "path": str(bad_dir)}})
    path.write_text(yaml.safe_dump(body))
    return path


MANIFEST = ("format: factoryfl-plant/v1\nsample_rate_hz: 12000\nchannels: 1\nclasses: [normal, fault]\n"
            "kind: windows\nfiles: [{file: windows.npz}]\n")


def _unreadable(bad_dir: Path) -> str:
    (bad_dir / "manifest.yaml").write_text(MANIFEST)
    (bad_dir / "windows.npz").write_bytes(b"not an npz archive at all")
    return "windows.npz"


def _invalid(bad_dir: Path) -> str:
    (bad_dir / "manifest.yaml").write_text(MANIFEST)
    x = np.zeros((8, 1, 1024), dtype=np.float32)
    x[3, 0, 7] = np.nan
    np.savez(bad_dir / "windows.npz", x=x, y=np.array([0, 1] * 4))
    return "NaN"


@pytest.mark.parametrize("spoil", [None, _unreadable, _invalid], ids=["malformed", "unreadable", "invalid"])
def test_check_plants_names_the_bad_plant_and_validate_stays_strict(tmp_path, spoil):
    path = _with_bad_plant(tmp_path)
    expected = spoil(tmp_path / "bad-plant") if spoil else "manifest.yaml"
    scenario = load_scenario(path)
    checks = check_plants(scenario)
    assert set(checks.summaries) == {"plant-0", "plant-1", "plant-2"}
    assert set(checks.failed) == {"plant-bad"}
    assert expected in checks.reason("plant-bad")
    assert all(p.startswith("plants[3] (plant-bad): ") for p in checks.problems)
    with pytest.raises(ScenarioInputError, match=r"plants\[3\] \(plant-bad\)"):
        validate_plants(scenario)
    assert set(runnable_plants(scenario).summaries) == {"plant-0", "plant-1", "plant-2"}


def test_validate_command_still_fails_on_a_bad_plant(tmp_path, capsys):
    from cli.main import main

    assert main(["validate", str(_with_bad_plant(tmp_path))]) == 2
    assert "plant-bad" in capsys.readouterr().err


def test_too_few_plants_left_is_one_clear_error(tmp_path):
    scenario = load_scenario(_with_bad_plant(tmp_path, federation={"strategy": {"min_train_plants": 4}}))
    with pytest.raises(ScenarioInputError) as caught:
        runnable_plants(scenario)
    message = str(caught.value)
    assert "plant-bad" in message and "min_train_plants=4" in message and "3 labelled plant(s) remain" in message


def _loopback_simulation(scenario_path: Path, run_dir: Path, num_plants: int, *args: Any, **kwargs: Any) -> None:
    """Flower's simulation engine replaced by the in-process loopback grid (same ClientApp, same coordinator)."""
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    run_federation(LoopbackGrid(scenario_path, num_plants, run_dir), load_scenario(scenario_path), run_dir)


def test_simulate_goes_on_without_the_bad_plant_and_reports_it(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(runner, "_run_flower_simulation", _loopback_simulation)
    path = _with_bad_plant(tmp_path, federation={"rounds": 1}, evaluation={"baselines": ["local_only", "centralized"]})
    with caplog.at_level("ERROR", logger="client.app"):
        run_dir = runner.simulate(path, runs_dir=str(tmp_path / "runs"))
    plant_errors = [r for r in caplog.records if r.name == "client.app"]
    assert plant_errors and all(r.exc_info is None for r in plant_errors)   # one line each, no traceback
    assert any("manifest.yaml" in r.getMessage() for r in plant_errors)
    results = json.loads((run_dir / "results.json").read_text())
    bad = results["plants"]["plant-bad"]
    assert bad["status"] == "failed" and "manifest.yaml" in bad["status_reason"]
    for plant_id in ("plant-0", "plant-1", "plant-2"):
        assert results["plants"][plant_id]["status"] == "ok"
        assert "centralized" in results["plants"][plant_id]["metrics"]
    report = (run_dir / "report.md").read_text()
    left_out = report.split("## Plants left out", 1)[1]
    assert "`plant-bad`: **failed**" in left_out and "manifest.yaml" in left_out

    # a plant the coordinator never heard from is filled in from the checks, and the report renders it
    from server.report import write_report
    from simulations.plant_checks import record_left_out

    del results["plants"]["plant-bad"]
    record_left_out(results, check_plants(load_scenario(path)))
    assert results["plants"]["plant-bad"]["status"] == "failed"
    assert results["plants"]["plant-bad"]["status_reason"].startswith("its data cannot be used: ")
    again = tmp_path / "again"
    again.mkdir()
    report = Path(write_report(again, results)).read_text()
    assert "`plant-bad`: **failed** — its data cannot be used: " in report


def test_validate_says_how_plants_with_their_own_class_lists_are_federated(tmp_path, capsys):
    """Plants listing their classes in another order or a subset are not a problem (issue 17, point 1):
    validate passes and says the federation works on the union, and what each plant lacks."""
    from cli.main import main
    from simulations.plant_checks import class_union_line

    path = with_explicit_plants(tiny_scenario(tmp_path), {})
    body = yaml.safe_load(path.read_text())
    body["plants"][1]["data"]["classes"] = ["imbalance", "ball", "outer_race", "inner_race", "normal"]
    body["plants"][2]["data"]["classes"] = ["normal", "outer_race", "ball"]
    path.write_text(yaml.safe_dump(body))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert ("classes: the plants declare different class lists; the federation works on their union by name "
            "['normal', 'inner_race', 'outer_race', 'ball', 'imbalance'] (plant-2 lacks ['inner_race', "
            "'imbalance']: each plant trains on its own classes") in out
    same = {"a": {"class_names": ["x", "y"]}, "b": {"class_names": ["x", "y"]}}
    assert class_union_line(same) is None
    reordered = class_union_line({"a": {"class_names": ["x", "y"]}, "b": {"class_names": ["y", "x"]}})
    assert reordered is not None and reordered.endswith("(the same classes in other orders)")


def test_plants_at_different_rates_are_warned_about_in_validate_the_log_and_the_report(tmp_path, capsys):
    """A plant sampling at 48 kHz among 12 kHz plants with nothing bringing them to one rate: validate,
    the coordinator's results and the report each carry one warning naming the rates, the plants and the
    fix; with window.resample_to_hz none does."""
    from cli.main import main
    from common.data.windowing import mixed_rates_line
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    path = with_explicit_plants(tiny_scenario(tmp_path, federation={"rounds": 1}), {})
    body = yaml.safe_load(path.read_text())
    for plant, rate in zip(body["plants"], (12000.0, 12000.0, 48000.0)):
        plant["data"]["sample_rate_hz"] = rate
    path.write_text(yaml.safe_dump(body))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert ("warning: plants sample at different rates (12 kHz: plant-0, plant-1; 48 kHz: plant-2) and nothing "
            "brings them to one: a window of 1024 samples spans 85.3 ms at 12 kHz, 21.3 ms at 48 kHz") in out
    assert "set window.resample_to_hz: 12000" in out
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert len(results["warnings"]) == 1 and "48 kHz: plant-2" in results["warnings"][0]
    assert "- **Warning:** plants sample at different rates (12 kHz: plant-0, plant-1; 48 kHz: plant-2)" in \
        (run_dir / "report.md").read_text()

    body["window"] = {**body.get("window", {}), "resample_to_hz": 12000.0}
    path.write_text(yaml.safe_dump(body))
    assert main(["validate", str(path)]) == 0
    assert "different rates" not in capsys.readouterr().out
    # within an octave no warning (12 vs 16 kHz: the default demo); non-finite or missing rates (C-MAPSS has none)
    # are left out; rates within 1 % are one rate
    from common.data.windowing import WindowSpec

    own_rates, one_rate = WindowSpec(length=1024), WindowSpec(length=1024, resample_to_hz=12000.0)
    assert mixed_rates_line({"a": 12000.0, "b": 16000.0, "c": 23900.0}, own_rates) is None
    assert mixed_rates_line({"a": 12000.0, "b": float("nan"), "c": 48000.0}, one_rate) is None
    assert mixed_rates_line({"a": 12000.0, "b": float("nan")}, own_rates) is None
    line = mixed_rates_line({"a": 24000.0, "b": 12000.0, "c": 12100.0, "d": 16000.0}, own_rates) or ""
    assert "(12 kHz: b, c; 16 kHz: d; 24 kHz: a)" in line and "resample_to_hz: 12000" in line
    # process plants logging every 36 s and every 72 s: said in their own terms
    line = mixed_rates_line({"north": 1 / 36, "west": 1 / 72}, WindowSpec(length=40)) or ""
    assert "(one row every 72 s: west; one row every 36 s: north)" in line
    assert "a window of 40 samples spans 48 min at one row every 72 s, 24 min at one row every 36 s" in line
