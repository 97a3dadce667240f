"""A finished run's folder: report.md, report.html, results.json, plots, global model and wire audit, all 0600.

They hold per-plant test metrics, privacy spend and what each plant sent: the threat model keeps them
from other local users as it keeps plant data, keys and ledgers.
"""

import stat
from pathlib import Path

from common.config import load_scenario
from server.app import run_federation
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid


def test_every_file_of_a_finished_run_is_owner_only(tmp_path: Path) -> None:
    path = tiny_scenario(tmp_path)
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir)
    files = {p.relative_to(run_dir).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in run_dir.rglob("*")
             if p.is_file()}
    for name in ("report.md", "report.html", "results.json", "global_model.pt", "wire_audit.jsonl",
                 "accuracy_per_plant.png", "rounds.png"):
        assert name in files, sorted(files)
    assert {name: mode for name, mode in files.items() if mode != 0o600} == {}
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "## Headline" in (run_dir / "report.md").read_text(encoding="utf-8") and "Headline</h2>" in html
