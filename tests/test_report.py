"""Tests for the run report writer and its plots."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from server import plots, report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
METHODS = ["local_only", "federated_global", "federated_personalised", "centralized"]


def _cls(acc: float, f1: float, n_test: int = 200) -> dict[str, float]:
    return {"accuracy": acc, "macro_f1": f1, "loss": 0.3, "n_test": n_test}


def _results() -> dict[str, Any]:
    """Three plants (c ran out of budget), DP on, one excluded round, one missing metric."""
    return {
        "schema": "factoryfl-results/v1",
        "scenario_name": "default",
        "scenario_file": "simulations/scenarios/default.yaml",
        "scenario": {"federation": {"rounds": 3}},
        "started_at": "2026-11-28T04:30:00Z",
        "finished_at": "2026-11-28T04:32:03Z",
        "wall_time_s": 123.4,
        "task": "classification",
        "methods": METHODS,
        "method_labels": {"local_only": "Local only"},
        "settings": {"strategy": "fedavg", "rounds": 3, "local_epochs": 1, "batch_size": 64,
                     "personalisation": "head", "dp": "on"},
        "privacy": {"enabled": True, "unit": "one window of 1024 samples", "unit_note": "windows are disjoint",
                    "accountant": "rdp", "ledger_scope": "pretraining only", "delta": 1e-5},
        "plants": {
            "plant_a": {
                "status": "ok", "status_reason": "", "n_train": 800, "n_train_labelled": 800, "n_test": 200,
                "source": "synthetic",
                "metrics": {"local_only": _cls(0.90, 0.88), "federated_global": _cls(0.92, 0.90),
                            "federated_personalised": _cls(0.94, 0.93), "centralized": _cls(0.95, 0.94)},
                "privacy": {"epsilon": 2.10, "delta": 1e-5, "budget": 3.0, "steps_total": 300},
            },
            "plant_b": {
                "status": "ok", "n_train": 600, "n_train_labelled": 300, "n_test": 150, "source": "synthetic",
                "metrics": {"local_only": _cls(0.80, 0.84, 150), "federated_global": _cls(0.86, 0.82, 150),
                            "federated_personalised": _cls(0.90, 0.89, 150)},
                "privacy": {"epsilon": 2.45, "delta": 1e-5, "budget": 3.0, "steps_total": 250},
                "excluded_rounds": [{"round": 2, "reason": "update held NaN"}],
            },
            "plant_c": {
                "status": "budget_exhausted", "status_reason": "epsilon budget 3.0 reached in round 2",
                "n_train": 500, "n_test": 100, "source": "synthetic",
                "metrics": {"local_only": _cls(0.50, 0.40, 100)},
                "privacy": {"epsilon": 2.97, "delta": 1e-5, "budget": 3.0, "steps_total": 400},
            },
        },
        "rounds": [
            {"round": 1, "train_loss": 1.2, "eval_loss": 1.0, "eval_accuracy": 0.55,
             "participants": ["plant_a", "plant_b", "plant_c"], "excluded": {},
             "epsilon": {"plant_a": 1.0, "plant_b": 1.1, "plant_c": 1.9},
             "per_plant_eval_accuracy": {"plant_a": 0.5, "plant_b": 0.6}, "wall_time_s": 3.2},
            {"round": 2, "train_loss": 0.9, "eval_loss": 0.8, "eval_accuracy": 0.70,
             "participants": ["plant_a", "plant_c"], "excluded": {"plant_b": "update held NaN"},
             "epsilon": {"plant_a": 1.6, "plant_c": 2.97},
             "per_plant_eval_accuracy": {"plant_a": 0.68, "plant_c": 0.72}, "wall_time_s": 3.1},
            {"round": 3, "train_loss": 0.7, "eval_loss": 0.6, "eval_accuracy": 0.80,
             "participants": ["plant_a", "plant_b"], "excluded": {"plant_c": "declined: budget"},
             "epsilon": {"plant_a": 2.10, "plant_b": 2.45},
             "per_plant_eval_accuracy": {"plant_a": 0.82, "plant_b": 0.78}, "wall_time_s": 3.0},
        ],
    }


def _row(markdown: str, first_cell: str, section: str = "## Per-plant results") -> list[str]:
    """Cells of the first table row under ``section`` whose first cell is ``first_cell``."""
    for line in markdown.split(section, 1)[1].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row starting with {first_cell!r}")


def test_summarise_uses_only_ok_plants() -> None:
    summary = report.summarise(_results())
    local = summary["local_only"]
    # ok plants a, b: accuracy 0.90/0.80, macro-F1 0.88/0.84; plant c (budget_exhausted) left out.
    assert local["accuracy_mean"] == pytest.approx(0.85)
    assert local["accuracy_std"] == pytest.approx(0.05)
    assert local["macro_f1_mean"] == pytest.approx(0.86)
    assert local["macro_f1_std"] == pytest.approx(0.02)
    assert local["n_plants"] == 2 and local["n_test"] == 350
    assert summary["centralized"]["n_plants"] == 1 and summary["centralized"]["accuracy_std"] == 0.0


def test_write_report_tables_and_plots(tmp_path: Path) -> None:
    results = _results()
    path = report.write_report(tmp_path / "run", results)
    assert path == tmp_path / "run" / "report.md"
    md = path.read_text(encoding="utf-8")
    assert "summary" in results

    assert "# factoryfl run report: default" in md and "2 min 03 s" in md and "(results.json)" in md
    assert "| strategy | fedavg |" in md
    for pid in ("plant_a", "plant_b", "plant_c"):
        assert pid in md

    # main table: Plant, Status, Train, Test, then accuracy per method; macro-F1 in its own table below.
    mean = _row(md, "**mean ± std**")
    assert mean[1] == "2/3 ok" and mean[3] == "350"
    assert mean[4:] == ["85.0 ± 5.0", "89.0 ± 3.0", "92.0 ± 2.0", "95.0 ± 0.0"]  # centralized: plant_a only
    f1 = _row(md, "**mean ± std**", "### Per-plant macro-F1 (%)")
    assert f1[1:3] == ["86.0 ± 2.0", "86.0 ± 4.0"]  # local only over plant_a, plant_b; federated global
    assert "**350 test windows**" in md
    plant_b = _row(md, "plant_b")
    assert plant_b[2] == "600 (300 labelled)"
    assert plant_b[7] == "—"  # no centralized metrics for plant_b
    assert _row(md, "plant_a")[4] == "90.0"
    assert max(len(line.split("|")) - 2 for line in md.splitlines() if line.startswith("|")) <= 9  # compact tables
    assert "`factoryfl report <run_dir>`" in md and "python -m server.report" not in md

    assert "maximum over plants" in md and "**ε = 2.97** (plant `plant_c`)" in md
    assert "| plant_c | budget_exhausted | 2.97 | 1e-05 | 3.00 | 400 |" in md
    assert "rdp" in md and "one window of 1024 samples" in md

    assert _row(md, "2", "## Federated pretraining rounds")[1:3] == ["2", "plant_b: update held NaN"]
    assert "`plant_c`: **budget_exhausted** — epsilon budget 3.0 reached in round 2" in md
    assert "`plant_b`, round 2: update held NaN" in md
    assert "`plant_c`, round 3: declined: budget" in md
    assert md.count("round 2: update held NaN") == 1  # the plant's entry and the round's are one

    for name in ("accuracy_per_plant.png", "rounds.png", "epsilon.png"):
        png = tmp_path / "run" / name
        assert f"]({name})" in md
        data = png.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 5_000


def test_no_rounds_no_privacy_still_renders(tmp_path: Path) -> None:
    results = _results()
    for key in ("rounds", "privacy", "settings", "summary", "methods", "method_labels", "wall_time_s"):
        results.pop(key, None)
    for plant in results["plants"].values():
        for key in ("privacy", "excluded_rounds"):
            plant.pop(key, None)
    results["plants"]["plant_b"]["metrics"]["local_only"] = None  # malformed block shows a dash
    md = report.render_markdown(results, {})
    assert report.NO_DP_TEXT in md
    assert "No federated rounds were recorded." in md
    assert "No plots were produced" in md
    assert "| rounds | 3 |" in md  # settings fall back to the scenario's federation block
    assert "Centralized" in md and _row(md, "plant_b")[4] == "—"

    path = report.write_report(tmp_path, results)
    assert (tmp_path / "accuracy_per_plant.png").exists()
    assert not (tmp_path / "rounds.png").exists() and not (tmp_path / "epsilon.png").exists()
    assert "accuracy_per_plant.png" in path.read_text(encoding="utf-8")

    empty = report.render_markdown({"schema": "factoryfl-results/v1"}, {})
    assert "No plants were recorded." in empty
    assert plots.plot_accuracy_per_plant({}, tmp_path / "x.png") is None
    assert plots.plot_rounds({"rounds": []}, tmp_path / "y.png") is None


def test_regression_renders_rmse(tmp_path: Path) -> None:
    results = _results()
    results["task"] = "regression"
    for i, plant in enumerate(results["plants"].values()):
        for method in list(plant["metrics"]):
            plant["metrics"][method] = {"rmse": 10.0 + i, "mae": 8.0 + i, "score": 300.0 + i, "n_test": 100}
    for record in results["rounds"]:
        record["eval_rmse"] = record.pop("eval_accuracy") * 20
        record["per_plant_eval_rmse"] = record.pop("per_plant_eval_accuracy")
    path = report.write_report(tmp_path, copy.deepcopy(results))
    md = path.read_text(encoding="utf-8")
    assert "## Per-plant results: RMSE" in md and "### Per-plant score" in md and "Acc %" not in md
    assert "lower is better" in md
    mean = _row(md, "**mean ± std**")
    assert mean[4] == "10.500 ± 0.500"  # rmse of plant_a (10) and plant_b (11)
    assert "(%)" not in md.split("## Per-plant results", 1)[1].split("\n")[0]
    assert "Eval RMSE" in md
    assert (tmp_path / "rounds.png").read_bytes().startswith(PNG_MAGIC)


def test_cli_rerenders_saved_run(tmp_path: Path) -> None:
    (tmp_path / "results.json").write_text(json.dumps(_results()), encoding="utf-8")
    assert report.main([str(tmp_path)]) == 0
    assert (tmp_path / "report.md").exists()


def test_per_class_recall_is_compact_without_restricted_label_sets() -> None:
    results = _results()
    for plant in results["plants"].values():
        for block in plant["metrics"].values():
            block.update({"recall/normal": 0.9, "recall/ball": 0.5})
    md = report.render_markdown(results, {})
    section = md.split("## Per-class recall", 1)[1].split("\n## ", 1)[0]
    assert "| Plant | Model | normal % | ball % |" in section and "Own %" not in section
    assert "| plant_a | Local | 90.0 | 50.0 |" in section and "| plant_a | Personalised | 90.0 | 50.0 |" in section
    results["plants"]["plant_a"]["labelled_classes"] = ["normal"]
    results["plants"]["plant_a"]["metrics"]["local_only"]["accuracy_own"] = 0.9
    section = report.render_markdown(results, {}).split("## Per-class recall", 1)[1].split("\n## ", 1)[0]
    assert "| Own % | Never % |" in section and "| plant_a | Local | 90.0 | 50.0 † | 90.0 | — |" in section


def test_a_plant_left_out_for_one_reason_in_many_rounds_is_one_line() -> None:
    """A normal-only plant declines every round (labels for one class): one bullet, its rounds joined."""
    from server.report import _rounds_text, left_out_entries

    assert _rounds_text([3]) == "round 3" and _rounds_text([1, 2, 3, 5, 7, 8]) == "rounds 1–3, 5, 7–8"
    reason = "declined: labels for one class only"
    results = {"plants": {"east": {"status": "ok", "excluded_rounds": [
        {"round": r, "phase": "pretrain", "reason": reason} for r in (1, 2, 3)] + [
        {"round": 2, "phase": "evaluate", "reason": "not connected"}]}}}
    assert left_out_entries(results) == [f"- `east`, rounds 1–3 (pretrain): {reason}",
                                         "- `east`, round 2 (evaluate): not connected"]
