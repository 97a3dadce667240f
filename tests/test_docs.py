"""The documentation site: the generated pages are current (configuration reference from the schema,
benchmarks from simulations/results/), the reference says what the parser does, the README stays
short and links pages that exist, and `mkdocs build --strict` passes."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from common.config import load_scenario
from common.config.parse import ConfigError
from common.config.reference import (
    DOCS_PATH,
    INTERNAL_KEYS,
    REGENERATE,
    _registry_names,
    all_sections,
    main,
    render,
    undescribed,
    value_text,
)
from common.config.schema import PlantSpec, Scenario
from common.extensions import DATA_SOURCES
from common.extensions.data_sources import params_type
from simulations import benchmark_pages

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- configuration reference


def test_configuration_reference_is_current_with_the_schema():
    assert DOCS_PATH.read_text() == render(), f"docs/configuration.md is out of date: run `{REGENERATE}`"
    assert main(["--check"]) == 0


def test_every_setting_is_described_in_the_schema():
    assert undescribed() == [], "describe these settings where the schema defines them (a comment beside the field)"


def _keys(cls: type, prefix: str) -> set[str]:
    out = set()
    for f in dataclasses.fields(cls):
        if f.init and f.name not in INTERNAL_KEYS:
            out.add(f"{prefix}.{f.name}" if prefix else f.name)
    return out


def test_every_key_the_parser_accepts_has_a_row():
    rows = {(s.key if s.key != "top level" else "", row.key) for s in all_sections() for row in s.settings}
    shown = {f"{k}.{r}" if k else r for k, r in rows}
    from common.config.scenario import _RawPlant  # what the parser builds a plant entry from

    assert _keys(_RawPlant, "plants[]") == _keys(PlantSpec, "plants[]")
    expected = _keys(Scenario, "") | _keys(PlantSpec, "plants[]") | {"synthetic_plants"}
    for source in DATA_SOURCES.names():
        expected |= _keys(params_type(source), f"plants[].data: {source}") | {f"plants[].data: {source}.source"}
    assert expected <= shown, sorted(expected - shown)


def _at(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def test_defaults_shown_are_what_a_minimal_scenario_parses_to(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text("name: minimal\nplants:\n  - {id: a, data: {source: synthetic}}\n")
    scenario = load_scenario(path)
    checked = 0
    for section in all_sections():
        if "[]" in section.key or section.key.startswith("plants") or section.key == "synthetic_plants":
            continue
        prefix = "" if section.key == "top level" else section.key + "."
        parsed_owner = _at(scenario, section.key) if prefix else scenario
        if parsed_owner is None:  # an optional mapping (plant_policy): its defaults apply when it is given
            continue
        for row in section.settings:
            if row.key in ("plants", "synthetic_plants", "name") or row.default == "(below)":
                continue
            assert row.default == value_text(getattr(parsed_owner, row.key)), f"{prefix}{row.key}"
            checked += 1
    assert checked > 100


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    node: Any = data
    parts = dotted.replace("plants[]", "plants.0").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    node[parts[-1]] = value


def _settings() -> set[str]:
    return {f"{s.key}.{row.key}" if s.key != "top level" else row.key for s in all_sections() for row in s.settings}


def test_every_registry_names_a_setting_and_the_reference_lists_its_names():
    keys = set(_registry_names()) - {"plants[].detector"}  # the detector registry's key names the mapping
    assert keys <= _settings() | {"plants[].data.source"}, sorted(keys - _settings())


@pytest.mark.parametrize("dotted", sorted(set(_registry_names()) - {"plants[].detector"}))
def test_registry_names_the_reference_lists_are_the_ones_the_parser_takes(tmp_path, dotted):
    allowed = list(_registry_names()[dotted]())
    assert allowed and all(f"`{name}`" in render() for name in allowed)
    data: dict[str, Any] = {"name": "names", "plants": [{"id": "a", "data": {"source": "synthetic"}}]}
    if dotted.startswith("plants[].detector"):
        data["plants"][0]["detector"] = {}
    _set(data, dotted, "no_such_name")
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError) as error:
        load_scenario(path)
    assert "no_such_name" in str(error.value)


# ---------------------------------------------------------------- benchmarks page


def test_benchmarks_pages_are_current_with_the_results():
    assert benchmark_pages.stale() == [], f"run `{benchmark_pages.REGENERATE}`"


def test_every_bench_target_has_a_section_with_its_commands():
    page = (ROOT / "docs" / "benchmarks.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^(bench-[a-z0-9-]+):", makefile, re.M))
    assert targets
    for target in targets:
        assert f"## `make {target}`" in page, target
    for name in benchmark_pages.result_names():
        assert f"(results/{name}.md)" in page, name


def _fake_project(root: Path) -> None:
    (root / "simulations" / "results").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "Makefile").write_text(
        "BIN := .venv/bin\nRUN = $(BIN)/python -m simulations.benchmarks.toy\n"
        "bench: bench-toy bench-other\n"
        "bench-toy: setup\n\t$(RUN) --name toy_a\n\t$(BIN)/python -m simulations.benchmarks.toy\n"
        "bench-other: setup\n\t$(BIN)/python -m simulations.benchmarks.other\n"
        "bench-both: bench-toy bench-other\n")
    results = root / "simulations" / "results"
    for name in ("toy_a", "toy", "toy_manual", "lonely"):
        (results / f"{name}.md").write_text(f"# {name}\n\n| a |\n|---|\n| 1 |\n")
    (results / "toy_manual.json").write_text(json.dumps({"command": "python -m simulations.benchmarks.toy --x 1"}))
    (results / "lonely.json").write_text(json.dumps({"command": "python -m somewhere.else"}))
    (results / "README.md").write_text("# Notes\n\n## `make bench-toy`\n\nA toy benchmark.\n\nIts story.\n")


def test_results_go_to_the_target_that_writes_them_and_pages_follow_the_results(tmp_path):
    _fake_project(tmp_path)
    pages = benchmark_pages.render_all(tmp_path)
    page = pages[Path("docs/benchmarks.md")]
    toy = page[page.index("## `make bench-toy`"):page.index("## `make bench-other`")]
    assert "A toy benchmark.\n\nIts story." in toy
    assert ".venv/bin/python -m simulations.benchmarks.toy --name toy_a" in toy  # variables expanded
    assert "[toy_a](results/toy_a.md), [toy](results/toy.md), [toy_manual](results/toy_manual.md)" in toy
    assert "Runs [`make bench-toy`](#make-bench-toy), [`make bench-other`](#make-bench-other)." in page
    assert "## Other results" in page and "[lonely](results/lonely.md): `python -m somewhere.else`" in page
    assert "| [`make bench-toy`](#make-bench-toy) | A toy benchmark. |" in page

    assert benchmark_pages.stale(tmp_path)  # nothing written yet
    benchmark_pages.write_all(tmp_path)
    assert benchmark_pages.stale(tmp_path) == []
    assert (tmp_path / "docs/results/toy.md").read_text().endswith("# toy\n\n| a |\n|---|\n| 1 |\n")

    (tmp_path / "simulations/results/toy.md").write_text("# toy, re-measured\n")
    (tmp_path / "simulations/results/lonely.md").unlink()
    assert set(benchmark_pages.stale(tmp_path)) == {"docs/benchmarks.md", "docs/results/toy.md",
                                                    "docs/results/lonely.md (no such result)"}
    benchmark_pages.write_all(tmp_path)
    assert benchmark_pages.stale(tmp_path) == [] and not (tmp_path / "docs/results/lonely.md").exists()


def test_notes_for_a_target_the_makefile_lacks_are_an_error_naming_the_file(tmp_path):
    _fake_project(tmp_path)
    (tmp_path / "simulations/results/README.md").write_text("## `make bench-gone`\n\nOld.\n")
    with pytest.raises(ValueError, match=r"README\.md: notes for bench-gone"):
        benchmark_pages.render_all(tmp_path)


# ---------------------------------------------------------------- README and the site


def test_readme_is_short_and_links_pages_that_exist():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 150
    assert "make demo" in readme and "make test" in readme
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    assert any(link.startswith("docs/") for link in links)
    for link in links:
        if not link.startswith("http"):
            assert (ROOT / link).is_file(), link


def _factoryfl_commands(path: Path) -> list[list[str]]:
    """The ``factoryfl`` command lines in ``path``'s bash blocks, as argument lists (comments dropped)."""
    blocks = re.findall(r"```bash\n(.*?)```", path.read_text(), re.S)
    out = []
    for line in "\n".join(blocks).splitlines():
        line = line.split(" #")[0].strip()
        if re.match(r"(\.venv/bin/)?factoryfl ", line):
            out.append(shlex.split(line)[1:])
    return out


@pytest.mark.parametrize("page", ["README.md", "docs/getting-started.md"])
def test_the_factoryfl_commands_shown_are_ones_the_cli_takes(page):
    from cli.main import build_parser

    commands = _factoryfl_commands(ROOT / page)
    assert commands
    for args in commands:
        build_parser().parse_args(args)  # an unknown command or flag exits with status 2


def test_site_builds_strictly(tmp_path):
    """`mkdocs build --strict`: every page in the nav, every link and anchor resolves, included files exist."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # never --quiet: it silences the warnings, and strict mode then counts none
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "configuration" / "index.html").is_file()
    assert "factoryfl-plant/v1" in (tmp_path / "site" / "own-data" / "index.html").read_text()
