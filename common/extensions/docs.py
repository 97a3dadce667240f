"""``docs/extensions.md`` from the registries: ``python -m common.extensions.docs`` rewrites it, ``--check`` compares.

One section per registry (what it is for, where a scenario names an entry, the module that holds
its registrations) and one table row per entry: name, summary, implementation and its facts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from common.generated_page import generated_page_main
from common.registry import Registry

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "extensions.md"
REGENERATE = "python -m common.extensions.docs"


def _registries() -> list[tuple[Registry, str]]:
    """Every registry with the file its entries are registered in (``common/extensions/<name>.py``
    holds ``<NAME>``), in the order of ``common.extensions.ALL_REGISTRIES``."""
    import importlib

    from common import extensions

    where = {}
    for name, value in vars(extensions).items():
        if isinstance(value, Registry) and getattr(importlib.import_module(f"common.extensions.{name.lower()}"),
                                                   name, None) is value:
            where[id(value)] = f"common/extensions/{name.lower()}.py"
    return [(registry, where[id(registry)]) for registry in extensions.ALL_REGISTRIES]


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (tuple, list, frozenset, set)):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _facts(meta: Any) -> str:
    return "; ".join(f"{key}: {_fact(key, value)}" for key, value in sorted(meta.items())) or "—"


def _fact(key: str, value: Any) -> str:
    """A fact's text; a data source's ``params`` also lists its settings (the dataclass's fields)."""
    if key == "params" and isinstance(value, str) and ":" in value:
        import dataclasses
        import importlib

        module, _, attribute = value.partition(":")
        params = getattr(importlib.import_module(module), attribute)
        if dataclasses.is_dataclass(params):
            return f"`{attribute}` ({', '.join(f.name for f in dataclasses.fields(params))})"
    return _cell(value)


def render_registry(registry: Registry, source: str) -> str:
    """One registry as a Markdown section."""
    lines = [f"## {registry.kind.capitalize()} (`{registry.config_key}`)", ""]
    if registry.description:
        lines += [" ".join(registry.description.split()), ""]
    lines += [f"Registered in `{source}`.", ""]
    if not len(registry):
        return "\n".join(lines + ["Nothing is registered yet.", ""])
    lines += ["| name | what it does | implemented by | facts |", "|---|---|---|---|"]
    for entry in registry:
        lines.append(f"| `{entry.name}` | {_cell(entry.summary)} | `{entry.target}` | {_facts(entry.meta)} |")
    return "\n".join(lines + [""])


def render() -> str:
    """The whole of ``docs/extensions.md``."""
    head = ["# Extension points", "",
            f"Generated from the registries in `common/extensions/` by `{REGENERATE}`: do not edit by hand.",
            "Adding an extension is one new file plus one registration line; CONTRIBUTING.md shows how.", ""]
    return "\n".join(head + [render_registry(reg, source) for reg, source in _registries()])


def main(argv: list[str] | None = None) -> int:
    return generated_page_main(argv, DOCS_PATH, render, REGENERATE, __doc__)


if __name__ == "__main__":
    sys.exit(main())
