"""A page generated from the code (a reference, a registry listing): written, or checked with ``--check``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def generated_page_main(argv: list[str] | None, path: Path, render: Callable[[], str], regenerate: str,
                        description: str | None) -> int:
    """The ``main`` of a page generator: write ``render()`` to ``path``, or with ``--check`` write
    nothing and exit 1 (naming ``regenerate``) when the committed page differs."""
    parser = argparse.ArgumentParser(prog=regenerate, description=description)
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if {path.name} differs from the generated page, writing nothing")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not path.is_file() or path.read_text() != text:
            print(f"{path} is out of date: run `{regenerate}`", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {path}")
    return 0


__all__ = ["generated_page_main"]
