"""Who imports Flower (docs/architecture.md, "Who touches Flower"): the two app files use its public app API,
only simulations/flower_private.py uses its internals, and deploy/ and common/ import none of it."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("cli", "client", "common", "deploy", "server", "simulations")
PUBLIC = ("flwr.app", "flwr.serverapp", "flwr.clientapp")
APP_FILES = {"server/app.py", "client/app.py"}
PRIVATE_OK = {"simulations/flower_private.py"}
CHECKS_AGAINST_FLOWER = {"simulations/benchmarks/robustness.py"}  # builds an attacking plant's Flower records


def _flower_imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                for name in names:
                    if name == "flwr" or name.startswith("flwr."):
                        found.setdefault(str(path.relative_to(REPO)), set()).add(name)
    return found


def test_only_the_app_files_the_private_module_and_the_attack_benchmark_import_flower():
    assert set(_flower_imports()) <= APP_FILES | PRIVATE_OK | CHECKS_AGAINST_FLOWER


def test_flower_internals_only_in_flower_private():
    for path, modules in _flower_imports().items():
        if path not in PRIVATE_OK:
            internal = sorted(m for m in modules if not m.startswith(PUBLIC))
            assert not internal, (f"{path} imports Flower internals {internal}: "
                                  "move that use to simulations/flower_private.py")
