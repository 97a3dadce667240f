"""report.html: self-contained (no fetches, plots inline), rendered by a real headless chromium; every report file 0600.

The screenshot is kept in ``test-artifacts/`` (git-ignored) for a person to look at.
"""

import base64
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cli.main import main as factoryfl
from server import report
from tests.test_report import _results

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
BROWSERS = ("chromium", "chromium-browser")


def _chromium() -> str:
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    pytest.skip("headless browser test needs chromium: install Debian's package `chromium` "
                "(`make browser`, or `apt-get install -y chromium` as root)")


def _browse(page: Path, tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """Run headless chromium on a local file (own profile, no sandbox when root, as in CI containers)."""
    args = [_chromium(), "--headless", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
            "--no-first-run", *(["--no-sandbox"] if os.geteuid() == 0 else []), *flags, page.as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)


def _written(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    results = _results()
    results["plants"]["plant_c"]["status_reason"] = "<script>alert('x')</script> budget reached"
    run = tmp_path / "run"
    report.write_report(run, results)
    return run, results


def test_html_is_self_contained_and_escapes_what_plants_wrote(tmp_path: Path) -> None:
    run, _ = _written(tmp_path)
    page = (run / "report.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page  # nothing may load, no script may run
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=["']https?:""", page)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 3 and all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert '<section class="headline">' in page and "Federation helped" in page


def test_every_file_the_report_writes_is_owner_only(tmp_path: Path) -> None:
    run, _ = _written(tmp_path)
    for name in ("report.md", "report.html", "accuracy_per_plant.png", "rounds.png", "epsilon.png"):
        assert stat.S_IMODE((run / name).stat().st_mode) == 0o600, name


def test_factoryfl_report_rerenders_both_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run, results = _written(tmp_path)
    (run / "report.html").unlink()
    (run / "results.json").write_text(json.dumps(results), encoding="utf-8")
    assert factoryfl(["report", str(run)]) == 0
    assert "Federation helped" in (run / "report.html").read_text(encoding="utf-8")
    out = capsys.readouterr().out  # the headline, as plain text, in the terminal
    assert "Federation helped 2 of 2 plants (plant_a +4.0 points; plant_b +10.0 points); under ε ≤ 2.97" in out


def test_chromium_renders_the_headline_and_the_plots(tmp_path: Path) -> None:
    run, _ = _written(tmp_path)
    page = run / "report.html"
    dom = _browse(page, tmp_path, "--dump-dom").stdout
    text = re.sub(r"<[^>]+>", "", dom)
    assert "Federation helped 2 of 2 plants" in text  # the headline as the browser laid it out
    assert dom.count("<img") == 3 and "<table>" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    _browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,1800", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a rendered page, not a blank one
