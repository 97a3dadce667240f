"""`factoryfl compare RUN RUN…`: runs side by side from their results.json, through the real command line."""

import copy
import json
import stat
from pathlib import Path

import pytest

from cli.main import main as factoryfl
from tests.test_report import _results


def _run(root: Path, name: str, results: dict) -> Path:
    run = root / name
    run.mkdir(parents=True)
    (run / "results.json").write_text(json.dumps(results), encoding="utf-8")
    return run


def test_compare_puts_runs_side_by_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    private = _run(tmp_path, "dp-run", _results())
    plain = copy.deepcopy(_results())
    plain["privacy"] = {"enabled": False}
    plain["scenario_name"] = "no-dp"
    plain["plants"]["plant_b"]["metrics"]["federated_personalised"]["accuracy"] = 0.75  # below local-only (0.80)
    open_run = _run(tmp_path, "open-run", plain)
    out = tmp_path / "compare.md"
    assert factoryfl(["compare", str(private), str(open_run), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert text == out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "| dp-run | default | accuracy | 3 | ≤ 2.97 (δ = 1e-05) | 2 min 03 s | 2 helped of 2 |" in text
    assert "| open-run | no-dp | accuracy | 3 | no DP | 2 min 03 s | 1 helped, 1 hurt of 2 |" in text
    assert "| plant_b | 90.0 (+10.0) | 75.0 (-5.0) |" in text
    assert "| plant_c | — | — |" in text
    assert "- **open-run**: **Federation helped 1 of 2 plants**" in text and "`plant_b` -5.0 points" in text


def test_compare_names_a_folder_that_is_not_a_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _run(tmp_path, "good", _results())
    (tmp_path / "empty").mkdir()
    assert factoryfl(["compare", str(good), str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'empty'}: not a finished run folder" in err and "Traceback" not in err
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "results.json").write_text("{not json", encoding="utf-8")
    assert factoryfl(["compare", str(tmp_path / "broken")]) == 2
    assert "results.json: unreadable" in capsys.readouterr().err
