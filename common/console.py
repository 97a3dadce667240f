"""Marks on log records that decide what the `factoryfl` console shows without ``-v``.

Library code logs as usual. A record logged with ``extra=phase()`` is one of the few lines a user
sees per run (validating plants, pretraining, personalisation, baselines, report); one logged with
``extra=round_progress(done, total, summary)`` advances the progress bar over rounds (or is shown
as a line where there is no terminal). Everything else below WARNING appears only with
``factoryfl -v``; the console itself is set up by the command line (``cli/console.py``).
"""

from __future__ import annotations

from typing import Any

PHASE = "factoryfl_phase"  # LogRecord attribute: True on a phase line
ROUND = "factoryfl_round"  # LogRecord attribute: (done, total, summary) on a round's line


def phase() -> dict[str, Any]:
    """``extra=`` for a phase line."""
    return {PHASE: True}


def round_progress(done: int, total: int, summary: str = "") -> dict[str, Any]:
    """``extra=`` for the line that ends round ``done`` of ``total`` (``summary``: a few words for the bar)."""
    return {ROUND: (int(done), int(total), summary)}


def show_progress_logs(packages: tuple[str, ...]) -> None:
    """For a process no command line set up (Flower's ServerApp under `flwr run`): INFO lines of ``packages``.

    Flower mirrors the process's stdout/stderr into `flwr run --stream`; the package loggers get
    INFO level, and a stderr handler only when nothing else (e.g. the root) handles them. A package
    logger given that handler stops propagating: a root handler added later (Opacus calls
    ``logging.basicConfig`` when it is first imported, mid-run) would print every line twice.
    """
    import logging

    handler = None if logging.getLogger().handlers else logging.StreamHandler()
    if handler is not None:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name in packages:
        package_logger = logging.getLogger(name)
        if package_logger.level == logging.NOTSET:
            package_logger.setLevel(logging.INFO)
        if handler is not None and not package_logger.handlers:
            package_logger.addHandler(handler)
            package_logger.propagate = False
