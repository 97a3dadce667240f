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


def names_in(registry: Registry) -> Callable[[str], str]:
    """An argparse ``type``: a comma-separated list of registered names ('' for none), each one checked."""

    def parse(text: str) -> str:
        for name in (n.strip() for n in text.split(",")):
            if name and name not in registry:
                raise argparse.ArgumentTypeError(registry.unknown_message(name))
        return text

    return parse


def comma_list(registry: Registry, help: str) -> dict[str, Any]:
    """``add_argument`` keywords for an option taking a comma-separated list of registered names."""
    return {"type": names_in(registry), "metavar": "NAME[,NAME...]",
            "help": f"{help}: comma-separated, each one of {names_text(registry)} (see {DOCS})"}
