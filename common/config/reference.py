"""``docs/configuration.md`` from the scenario schema.

``python -m common.config.reference`` rewrites it, ``--check`` compares.

Every key a scenario file may hold, section by section (one per settings mapping, by dotted key):
its type, default, allowed values (a ``Literal``'s values, or the names a registry holds) and
description. A section's text is its dataclass's docstring; a field's description is what the
schema says next to it — the comment lines directly above it, the comment at the end of its line,
and a string right below it — so the schema stays the only place settings are described.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import io
import sys
import tokenize
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from common.generated_page import generated_page_main

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
REGENERATE = "python -m common.config.reference"
DATA_ANCHOR = "data-sources-plantsdata"
"""The heading before the data sources' sections (``plants[].data`` holds ``source`` and that source's settings)."""
INTERNAL_KEYS = frozenset({"source_file", "base_dir"})
"""``Scenario`` fields the loader fills in; never written in a file."""


def _registry_names() -> dict[str, Callable[[], Sequence[str]]]:
    """Settings whose value is a name from a registry (dotted key → the names it may take today).

    Every registry's own ``config_key``, and the further keys that take names from one.
    """
    from common.extensions import ALL_REGISTRIES, DETECTORS, TRANSFER_METHODS
    from common.extensions.transfer_methods import personalisation_modes

    out: dict[str, Callable[[], Sequence[str]]] = {r.config_key: r.names for r in ALL_REGISTRIES}
    out.update({
        "personalisation.mode": personalisation_modes,
        "transfer.default_method": TRANSFER_METHODS.names,
        "plants[].detector.name": DETECTORS.names,
        "plants[].detector.baseline": DETECTORS.names,
    })
    return out


@dataclasses.dataclass(frozen=True)
class Setting:
    """One key of a settings mapping, as the reference shows it."""

    key: str
    type: str
    default: str
    allowed: str
    description: str


# ---------------------------------------------------------------- descriptions from the source


@functools.cache
def _module_tree(module_name: str) -> tuple[ast.Module, tuple[str, ...]]:
    source = inspect.getsource(sys.modules[module_name])
    return ast.parse(source), tuple(source.splitlines())


def _class_node(cls: type) -> tuple[ast.ClassDef, tuple[str, ...]]:
    tree, lines = _module_tree(cls.__module__)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls.__qualname__.split(".")[-1]:
            return node, lines
    raise LookupError(f"class {cls.__qualname__} not found in {cls.__module__}")


def _comments(lines: Sequence[str], first: int, last: int) -> list[str]:
    """The comment tokens on source lines ``first``..``last`` (1-based, inclusive)."""
    text = "\n".join(lines[first - 1:last]) + "\n"
    out = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                out.append(token.string.lstrip("#").strip())
    except (tokenize.TokenError, IndentationError):  # a fragment of a larger statement
        pass
    return out


def field_descriptions(cls: type) -> dict[str, str]:
    """Each field's description as the source gives it: comment lines above, line comment, docstring below."""
    node, lines = _class_node(cls)
    out: dict[str, str] = {}
    body = node.body
    for i, statement in enumerate(body):
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        above: list[str] = []
        row = statement.lineno - 1
        while row >= 1 and lines[row - 1].strip().startswith("#"):
            above.insert(0, lines[row - 1].strip().lstrip("#").strip())
            row -= 1
        trailing = _comments(lines, statement.lineno, statement.end_lineno or statement.lineno)
        below = []
        following = body[i + 1] if i + 1 < len(body) else None
        if (isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            below = [inspect.cleandoc(following.value.value)]
        out[statement.target.id] = " ".join(" ".join(above + trailing + below).split())
    return out


def class_text(cls: type) -> str:
    """The dataclass's docstring, as Markdown (doubled backticks become single)."""
    doc = inspect.getdoc(cls) or ""
    if doc.startswith(f"{cls.__name__}("):  # the dataclass's generated signature: no docstring
        return ""
    return doc.replace("``", "`")


# ---------------------------------------------------------------- types and defaults


def type_text(tp: Any) -> str:
    """A field's type as a scenario author writes it."""
    origin = get_origin(tp)
    if origin is Literal:
        return "text"
    if origin in (Union, types.UnionType):
        parts = [type_text(a) for a in get_args(tp)]
        return " or ".join(dict.fromkeys(parts))
    if origin is tuple:
        return f"list of {type_text(get_args(tp)[0])}"
    if tp is type(None):
        return "null"
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return "mapping"
    return {bool: "true/false", int: "integer", float: "number", str: "text", Any: "any"}.get(tp, str(tp))


def _literals(tp: Any) -> list[Any]:
    origin = get_origin(tp)
    if origin is Literal:
        return list(get_args(tp))
    if origin in (Union, types.UnionType) or origin is tuple:
        return [v for a in get_args(tp) for v in _literals(a)]
    return []


def value_text(value: Any) -> str:
    """A default as YAML writes it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if dataclasses.is_dataclass(value):
        return "(below)"
    if isinstance(value, float):
        return repr(value)
    return str(value) if value != "" else '""'


def _default(f: dataclasses.Field[Any], owner: Any) -> tuple[bool, Any]:
    """(required, default value) of field ``f``; ``owner`` is the default instance that holds it, if any."""
    if owner is not None:
        return False, getattr(owner, f.name)
    if f.default is not dataclasses.MISSING:
        return False, f.default
    if f.default_factory is not dataclasses.MISSING:
        return False, f.default_factory()
    return True, None


def _nested_class(tp: Any) -> type | None:
    """The settings dataclass a field holds (directly, or or-null), if any."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp
    if get_origin(tp) in (Union, types.UnionType):
        found = [a for a in get_args(tp) if isinstance(a, type) and dataclasses.is_dataclass(a)]
        return found[0] if len(found) == 1 else None
    return None


# ---------------------------------------------------------------- sections


@dataclasses.dataclass(frozen=True)
class Section:
    """One settings mapping: its dotted key, its text and its settings."""

    key: str
    text: str
    settings: tuple[Setting, ...]


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def sections_of(cls: type, key: str, owner: Any = None, *, skip: frozenset[str] = frozenset(),
                extra: Sequence[Setting] = (), text: str | None = None,
                leaves: dict[str, str] | None = None) -> list[Section]:
    """``cls``'s section at ``key`` and, after it, one for every settings mapping it holds.

    ``leaves`` maps a field to the anchor that documents it instead (a mapping with a section of its own).
    """
    hints = get_type_hints(cls)
    described = field_descriptions(cls)
    names = _registry_names()
    settings: list[Setting] = []
    nested: list[Section] = []
    for f in dataclasses.fields(cls):
        if f.name in skip or not f.init:
            continue
        dotted = f"{key}.{f.name}" if key else f.name
        required, value = _default(f, owner)
        allowed = [repr(v) if not isinstance(v, str) else v for v in _literals(hints[f.name])]
        inner = _nested_class(hints[f.name])
        if dotted in names and inner is None:  # (the detector registry's key names the whole mapping)
            allowed = list(names[dotted]())
        description = described.get(f.name, "")
        if leaves and f.name in leaves:
            description = (description + f" Settings: [{dotted}](#{leaves[f.name]}).").strip()
        elif inner is not None:
            link = "#" + _anchor(dotted)
            description = (description + f" Settings: [{dotted}]({link}).").strip()
            inner_owner = value if dataclasses.is_dataclass(value) else None
            nested += sections_of(inner, dotted, inner_owner)
        settings.append(Setting(f.name, type_text(hints[f.name]), "required" if required else value_text(value),
                                ", ".join(f"`{a}`" for a in allowed), description))
    section = Section(key or "top level", class_text(cls) if text is None else text, tuple(settings) + tuple(extra))
    return [section, *nested]


def _anchor(key: str) -> str:
    """The heading id Python-Markdown's toc gives a ``## `key` `` heading."""
    return "".join(c for c in key.lower() if c.isalnum() or c in "-_ ").replace(" ", "-")


def all_sections() -> list[Section]:
    """The whole reference: top level, its mappings, ``synthetic_plants``, ``plants[]`` and each data source."""
    from common.config.schema import PlantSpec, Scenario, SyntheticPlantsConfig
    from common.extensions.data_sources import DATA_SOURCES, params_type

    plant_spec = Setting("plants", "list of mapping", "required (or synthetic_plants)", "",
                         "The plants of the federation, each a mapping. Settings: [plants[]](#plants).")
    generated = Setting("synthetic_plants", "mapping", "null", "",
                        "Generate this many synthetic plants (beside or instead of `plants`). "
                        "Settings: [synthetic_plants](#synthetic_plants).")
    out = sections_of(Scenario, "", skip=INTERNAL_KEYS | {"plants", "name"},
                      extra=(plant_spec, generated),
                      text=class_text(Scenario) + " Unknown keys and bad values are errors naming the file, "
                      "the key and the fix; relative paths resolve against the scenario file's folder, then the "
                      "current directory.")
    top = out[0]
    name = sections_of(Scenario, "", skip=frozenset(f.name for f in dataclasses.fields(Scenario)) - {"name"})[0]
    out[0] = dataclasses.replace(top, settings=name.settings + top.settings)
    out += sections_of(SyntheticPlantsConfig, "synthetic_plants")
    out += sections_of(PlantSpec, "plants[]", leaves={"data": DATA_ANCHOR})
    for source in DATA_SOURCES.names():
        entry = DATA_SOURCES.get(source)
        source_setting = Setting("source", "text", "required", f"`{source}`", "the data source")
        section = sections_of(params_type(source), f"plants[].data: {source}", text=_cell(entry.summary) + ".")[0]
        out.append(dataclasses.replace(section, settings=(source_setting, *section.settings)))
    return out


def render() -> str:
    """The whole of ``docs/configuration.md``."""
    lines = ["# Configuration reference", "",
             f"Generated from the scenario schema (`common/config/schema.py`, the data sources' settings in "
             f"`common/data/`) by `{REGENERATE}`: do not edit by hand; describe a setting where the schema "
             "defines it. A scenario is a YAML file; nested settings are mappings (`federation: {rounds: 10}`). "
             "Registered names are listed on the [Extensions](extensions.md) page.", ""]
    data_heading = False
    for section in all_sections():
        if section.key.startswith("plants[].data:") and not data_heading:
            data_heading = True
            lines += ["## Data sources: `plants[].data`", "",
                      "`plants[].data` names a data source (`source: NAME`) and holds that source's settings; "
                      "one section per registered source follows.", ""]
        lines += [f"## `{section.key}`", ""]
        if section.text:
            lines += [section.text, ""]
        lines += ["| key | type | default | allowed | description |", "|---|---|---|---|---|"]
        for s in section.settings:
            plain = s.default.startswith("required") or s.default == "(below)"
            default = s.default if plain else f"`{_cell(s.default)}`"
            lines.append(f"| `{s.key}` | {_cell(s.type)} | {default} | {_cell(s.allowed) or '—'} | "
                         f"{_cell(s.description) or '—'} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def undescribed() -> list[str]:
    """Dotted keys the schema gives no description."""
    return [f"{section.key}.{s.key}" for section in all_sections() for s in section.settings if not s.description]


def main(argv: list[str] | None = None) -> int:
    return generated_page_main(argv, DOCS_PATH, render, REGENERATE,
                               "Write docs/configuration.md from the scenario schema.")


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["DOCS_PATH", "REGENERATE", "Section", "Setting", "all_sections", "field_descriptions", "main", "render",
           "undescribed"]
