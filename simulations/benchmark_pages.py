"""``docs/benchmarks.md`` and ``docs/results/`` from ``simulations/results/`` and the Makefile.

``python -m simulations.benchmark_pages`` rewrites them, ``--check`` compares. One section per
``make bench-*`` target (and ``demo-ray-cluster``): its notes from ``simulations/results/README.md``
(kept by hand, one ``## `make TARGET` `` section each), the exact commands of its Makefile recipe and
links to the results it writes; every ``simulations/results/<name>.md`` becomes ``docs/results/<name>.md``.
A result belongs to the target whose recipe names it (``--name``/``--results-name``, else the module's
name), else to the target that runs the module its JSON ``command`` names.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "simulations" / "results"
NOTES_NAME = "README.md"
DOCS_DIR = ROOT / "docs"
PAGE_NAME = "benchmarks.md"
RESULTS_SUBDIR = "results"
REGENERATE = "python -m simulations.benchmark_pages"
TARGET_PATTERN = re.compile(r"^((?:bench|demo)-[a-z0-9-]+):([^=\n]*)$", re.M)
"""A benchmark's make target: ``bench-*`` or ``demo-*`` (the Ray cluster demo writes a result too)."""


@dataclass
class Target:
    """One make target: its recipe's commands, the targets it only chains, and the results it owns."""

    name: str
    commands: list[str] = field(default_factory=list)
    chains: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)


def _variables(makefile: str) -> dict[str, str]:
    """Make variables defined with ``NAME = value`` / ``NAME := value`` (what recipes use)."""
    out = {}
    for match in re.finditer(r"^([A-Z_]+)\s*[:?]?=\s*(.*)$", makefile, re.M):
        out[match.group(1)] = match.group(2).strip()
    return out


def _expand(command: str, variables: dict[str, str]) -> str:
    for _ in range(5):  # variables may refer to variables
        command = re.sub(r"\$\(([A-Z_]+)\)", lambda m: variables.get(m.group(1), m.group(0)), command)
    return command


def targets_from_makefile(makefile: str) -> list[Target]:
    """The benchmark targets in Makefile order, each with its expanded recipe lines."""
    variables = _variables(makefile)
    lines = makefile.splitlines()
    targets: dict[str, Target] = {}
    for match in TARGET_PATTERN.finditer(makefile):
        name = match.group(1)
        target = targets.setdefault(name, Target(name))
        target.chains += [p for p in match.group(2).split() if p != "setup" and TARGET_PATTERN.match(f"{p}:")]
        index = makefile[: match.start()].count("\n") + 1
        while index < len(lines) and lines[index].startswith("\t"):
            target.commands.append(_expand(lines[index].strip(), variables))
            index += 1
    return list(targets.values())


def _stems_of(command: str) -> list[str]:
    """Result names a recipe line writes: ``--name``/``--results-name``, else its module's name."""
    named = re.findall(r"--(?:results-)?name\s+(\S+)", command)
    if named:
        return named
    return re.findall(r"-m\s+simulations\.(?:benchmarks\.)?([a-z0-9_]+)", command)


def _module_of(command: str) -> str | None:
    match = re.search(r"-m\s+simulations\.(?:benchmarks\.)?([a-z0-9_]+)", command)
    return match.group(1) if match else None


def result_names(results_dir: Path = RESULTS_DIR) -> list[str]:
    """Every committed result (``<name>.md``), the notes file left out."""
    return sorted(p.stem for p in results_dir.glob("*.md") if p.name != NOTES_NAME)


def recorded_command(results_dir: Path, name: str) -> str | None:
    """The command a result's JSON records (``command``), when it records one."""
    path = results_dir / f"{name}.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    command = data.get("command") if isinstance(data, dict) else None
    return command if isinstance(command, str) else None


def assign_results(targets: list[Target], results_dir: Path = RESULTS_DIR) -> list[str]:
    """Give each target the results it writes; return the results no target owns."""
    names = result_names(results_dir)
    owned: set[str] = set()
    by_module: dict[str, Target] = {}
    for target in targets:
        for command in target.commands:
            module = _module_of(command)
            if module:
                by_module.setdefault(module, target)
            for stem in _stems_of(command):
                if stem in names and stem not in owned:
                    target.results.append(stem)
                    owned.add(stem)
    by_name = {t.name: t for t in targets}
    left = []
    for name in names:
        if name in owned:
            continue
        command = recorded_command(results_dir, name) or ""
        make = re.match(r"\s*`?make ([a-z0-9-]+)", command)
        module = _module_of(command)
        owner = by_name.get(make.group(1)) if make else by_module.get(module) if module else None
        if owner is None:
            left.append(name)
        else:
            owner.results.append(name)
    return left


def notes_by_target(notes: str) -> dict[str, str]:
    """The hand-kept notes, split at ``## `make TARGET` `` headings."""
    out: dict[str, str] = {}
    parts = re.split(r"^## `make ([a-z0-9-]+)`[ \t]*$", notes, flags=re.M)
    for name, body in zip(parts[1::2], parts[2::2]):
        out[name] = body.strip()
    return out


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.split("\n\n", 1)[0].split())
    return paragraph.replace("|", "\\|")


def render_page(targets: list[Target], notes: dict[str, str], others: list[str], results_dir: Path) -> str:
    """The whole of ``docs/benchmarks.md``."""
    lines = ["# Benchmarks", "",
             f"Generated from `simulations/results/` and the Makefile by `{REGENERATE}` (`make docs`): do not edit "
             "by hand. The notes come from `simulations/results/README.md`; each result links to its page, a copy "
             "of `simulations/results/<name>.md` (the JSON beside it holds every number).", "",
             "Every figure was measured by the command shown, on the machine its results file describes. "
             "Re-run a benchmark with its `make` target; it rewrites its results, then `make docs` this page.", "",
             "| command | what it measures | results |", "|---|---|---|"]
    for target in targets:
        what = _first_sentence(notes.get(target.name, "")) or (
            "runs " + ", ".join(f"`make {c}`" for c in target.chains) if target.chains else "")
        links = ", ".join(f"[{r}]({RESULTS_SUBDIR}/{r}.md)" for r in target.results) or "—"
        lines.append(f"| [`make {target.name}`](#make-{target.name}) | {what} | {links} |")
    lines.append("")
    for target in targets:
        lines += [f"## `make {target.name}`", ""]
        if target.name in notes:
            lines += [notes[target.name], ""]
        if target.chains:
            lines += ["Runs " + ", ".join(f"[`make {c}`](#make-{c})" for c in target.chains) + ".", ""]
        if target.commands:
            lines += ["What it runs (the Makefile recipe):", "", "```bash", *target.commands, "```", ""]
        if target.results:
            lines += ["Results: " + ", ".join(f"[{r}]({RESULTS_SUBDIR}/{r}.md)" for r in target.results) + ".", ""]
    if others:
        lines += ["## Other results", "", "Results no make target writes, with the command each recorded:", ""]
        for name in others:
            command = recorded_command(results_dir, name)
            lines.append(f"- [{name}]({RESULTS_SUBDIR}/{name}.md)" + (f": `{command}`" if command else ""))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_result(name: str, results_dir: Path) -> str:
    """``docs/results/<name>.md``: the committed result as it is, under a line saying where it comes from."""
    text = (results_dir / f"{name}.md").read_text()
    note = (f"<!-- generated by `{REGENERATE}` from simulations/results/{name}.md "
            f"(numbers: simulations/results/{name}.json); do not edit -->")
    return note + "\n\n" + text.rstrip("\n") + "\n"


def render_all(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file (path relative to ``root``) and its text."""
    results_dir = root / "simulations" / "results"
    targets = targets_from_makefile((root / "Makefile").read_text())
    targets.sort(key=lambda t: t.name.startswith("demo-"))  # benchmarks first, then the demos (stable)
    others = assign_results(targets, results_dir)
    notes_path = results_dir / NOTES_NAME
    notes = notes_by_target(notes_path.read_text()) if notes_path.is_file() else {}
    unknown = sorted(set(notes) - {t.name for t in targets})
    if unknown:
        raise ValueError(f"{notes_path}: notes for {', '.join(unknown)}, which the Makefile does not define: "
                         "rename the section to an existing bench-* target or remove it")
    out = {Path("docs") / PAGE_NAME: render_page(targets, notes, others, results_dir)}
    for name in result_names(results_dir):
        out[Path("docs") / RESULTS_SUBDIR / f"{name}.md"] = render_result(name, results_dir)
    return out


def stale(root: Path = ROOT) -> list[str]:
    """Generated files that differ from what the results would give, or that no result backs."""
    wanted = render_all(root)
    problems = [str(p) for p, text in wanted.items()
                if not (root / p).is_file() or (root / p).read_text() != text]
    pages = sorted((root / "docs" / RESULTS_SUBDIR).glob("*.md"))
    problems += [f"{p.relative_to(root)} (no such result)" for p in pages if p.relative_to(root) not in wanted]
    return problems


def write_all(root: Path = ROOT) -> list[Path]:
    """Rewrite the generated files (and remove pages of results that are gone); return the paths written."""
    wanted = render_all(root)
    (root / "docs" / RESULTS_SUBDIR).mkdir(parents=True, exist_ok=True)
    for path in (root / "docs" / RESULTS_SUBDIR).glob("*.md"):
        if path.relative_to(root) not in wanted:
            path.unlink()
    for path, text in wanted.items():
        (root / path).write_text(text)
    return list(wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/benchmarks.md and docs/results/ from the results.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed pages are out of date")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for problem in problems:
            print(f"out of date: {problem}: run `{REGENERATE}`", file=sys.stderr)
        return 1 if problems else 0
    written = write_all()
    print(f"wrote {len(written)} pages (docs/{PAGE_NAME}, docs/{RESULTS_SUBDIR}/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
