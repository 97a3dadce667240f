"""Command-line options that name a registered extension: choices and help read from the registry.

The registry is read when the parser is built, so whatever is registered then (including an
entry added by a plug-in or a test) is offered and listed; nothing here keeps its own list.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from common.registry import Registry

DOCS = "docs/extensions.md"


def names_text(registry: Registry) -> str:
    """``a, b, c`` (or a note that nothing is registered yet)."""
    return ", ".join(registry.names()) or f"no {registry.kind} registered yet"


def one_of(registry: Registry, help: str, metavar: str) -> dict[str, Any]:
    """``add_argument`` keywords for an option taking one registered name."""
    names = registry.names()
    return {"choices": names or None, "metavar": metavar,
            "help": f"{help}: one of {names_text(registry)} (see {DOCS})"}


def list_of(registry: Registry) -> Callable[[str], list[str]]:
    """An argparse ``type`` for a comma-separated list of registered names (each one checked)."""

    def parse(text: str) -> list[str]:
        names = [n.strip() for n in text.split(",") if n.strip()]
        for name in names:
            if name not in registry:
                raise argparse.ArgumentTypeError(registry.unknown_message(name))
        return names

    return parse


def comma_list(registry: Registry, help: str, default: str | None = None) -> dict[str, Any]:
    """``add_argument`` keywords for an option taking a comma-separated list of registered names."""
    shown = f" (default {default})" if default else ""
    return {"type": list_of(registry), "default": list_of(registry)(default) if default else None,
            "metavar": "NAME[,NAME...]",
            "help": f"{help}{shown}: comma-separated, each one of {names_text(registry)} (see {DOCS})"}
