"""What a newcomer does first (issue 21): `make demo` in the checkout prints the headline (did
federation help each plant) and writes report.md, report.html and results.json. CI runs this in a
fresh clone, after `make test` set up the environment."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from server.report_headline import plain_headline

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make (Debian package `make`)")
def test_make_demo_prints_the_headline_and_writes_the_three_reports(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    done = subprocess.run(["make", "-s", "demo", f"DEMO_ARGS=--runs-dir {runs}"], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (run_dir,) = [p for p in runs.iterdir() if p.is_dir()]
    for name in ("report.md", "report.html", "results.json"):
        assert (run_dir / name).is_file(), name
    results = json.loads((run_dir / "results.json").read_text())
    headline = plain_headline(results)
    assert headline and headline in done.stdout, done.stdout[-3000:]
    assert "## Headline" in (run_dir / "report.md").read_text()
    assert "Traceback" not in done.stdout + done.stderr
