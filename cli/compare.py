"""`factoryfl compare RUN RUN…`: finished runs side by side, as Markdown (server/report_compare.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_compare(args: argparse.Namespace) -> int:
    from common.fileio import atomic_write_text
    from server.report_compare import compare_markdown

    text = compare_markdown([Path(run) for run in args.runs])
    print(text, end="")
    if args.out:
        atomic_write_text(Path(args.out), text)  # 0600, like the runs' own reports
    return 0


def add_subcommands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="put finished runs side by side: scenario, ε, each plant's kept model "
                                       "against local-only, headlines (Markdown)")
    p.add_argument("runs", nargs="+", metavar="RUN", help="run folders holding results.json, e.g. runs/default-<time>")
    p.add_argument("--out", default=None, metavar="FILE", help="also write the Markdown to FILE")
    p.set_defaults(func=cmd_compare)
