"""The `factoryfl` console: phase lines, a progress bar over rounds, warnings; the rest only with ``-v``.

Without ``-v`` the console shows warnings and errors, and the records library code marks as phase
lines or round progress (:mod:`common.console`); Flower's DEBUG lines, alembic's INFO lines, Ray's
accelerator FutureWarning and Flower's messages from the simulation workers stay out. With ``-v``
every record down to DEBUG is shown, each once.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import warnings
from typing import IO, Any

from common.console import PHASE, ROUND

PROGRESS_MODES = ("auto", "bar", "lines")
QUIET_FORMAT = "%(asctime)s %(message)s"
WARNING_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
VERBOSE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%H:%M:%S"
LIBRARY_LOGGERS = ("opacus", "matplotlib", "PIL", "MARKDOWN")  # their INFO/DEBUG lines are never ours to show
RAY_ACCELERATOR_TIP = r"Tip: In future versions of Ray"  # ray/_private/worker.py FutureWarning, harmless here


class QuietFilter(logging.Filter):
    """Pass warnings and errors, phase lines and round progress; drop other records below WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        return (record.levelno >= logging.WARNING or bool(getattr(record, PHASE, False))
                or getattr(record, ROUND, None) is not None)


class QuietFormatter(logging.Formatter):
    """Phase and round lines as ``time message``; warnings and errors also name their level and logger."""

    def __init__(self) -> None:
        super().__init__(QUIET_FORMAT, DATE_FORMAT)
        self._warning = logging.Formatter(WARNING_FORMAT, DATE_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        return self._warning.format(record) if record.levelno >= logging.WARNING else super().format(record)


class ConsoleHandler(logging.StreamHandler):
    """Writes records as lines; with ``bar``, round progress moves a tqdm bar (with its ETA) instead."""

    def __init__(self, stream: IO[str], bar: bool) -> None:
        super().__init__(stream)
        self.bar = bar
        self._tqdm: Any = None

    def emit(self, record: logging.LogRecord) -> None:
        progress = getattr(record, ROUND, None)
        try:
            if self.bar and progress is not None:
                self._advance(*progress)
            elif self._tqdm is not None:
                from tqdm import tqdm

                tqdm.write(self.format(record), file=self.stream)
            else:
                super().emit(record)
        except Exception:  # noqa: BLE001 - logging must never end the program
            self.handleError(record)

    def _advance(self, done: int, total: int, summary: str) -> None:
        from tqdm import tqdm

        if self._tqdm is None or self._tqdm.total != total or done <= self._tqdm.n:
            self.close_bar()
            # a terminal that reports no width (a bare pty) would get an empty bar: 100 columns then
            width = shutil.get_terminal_size((100, 24)).columns or 100
            self._tqdm = tqdm(total=total, initial=max(0, done - 1), desc="rounds", unit="round", file=self.stream,
                              ncols=width, leave=True)
        if summary:
            self._tqdm.set_postfix_str(summary, refresh=False)
        self._tqdm.update(done - self._tqdm.n)
        if done >= total:
            self.close_bar()

    def close_bar(self) -> None:
        if self._tqdm is not None:
            self._tqdm.close()
            self._tqdm = None

    def close(self) -> None:
        self.close_bar()
        super().close()


def end_progress() -> None:
    """Close an unfinished progress bar (a run that failed mid-way), so what is printed next starts a line."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, ConsoleHandler):
            handler.close_bar()


def use_bar(progress: str, verbose: bool, stream: IO[str]) -> bool:
    """``bar``: always; ``lines``: never; ``auto``: on a terminal, without ``-v`` (debug lines would break it)."""
    if progress not in PROGRESS_MODES:
        raise ValueError(f"--progress {progress!r}: use one of {', '.join(PROGRESS_MODES)}")
    if progress == "auto":
        return not verbose and stream.isatty()
    return progress == "bar"


def configure(verbose: bool, progress: str = "auto", stream: IO[str] | None = None) -> ConsoleHandler:
    """Set up console logging for the `factoryfl` process (the application, and only it, does this)."""
    stream = stream or sys.stderr
    handler = ConsoleHandler(stream, bar=use_bar(progress, verbose, stream))
    if verbose:
        handler.setFormatter(logging.Formatter(VERBOSE_FORMAT, DATE_FORMAT))
    else:
        handler.setFormatter(QuietFormatter())
        handler.addFilter(QuietFilter())
        warnings.filterwarnings("ignore", message=RAY_ACCELERATOR_TIP, category=FutureWarning)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, ConsoleHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


RAY_WORKER_CHATTER = "Manually terminating ClientAppActor"  # Flower's warning as each worker stops, every run


def route_flower_logs(verbose: bool) -> None:
    """Before a simulation: Flower's records through our console only; its workers' chatter only with ``-v``.

    Flower's ``flwr`` logger has a console handler of its own and also propagates to the root, so
    each of its lines would print twice; it is removed here, after Flower is imported (its import
    adds it). In the Ray workers Flower warns "Manually terminating ClientAppActor" as each one
    stops, and Ray forwards the workers' output here: without ``-v`` Ray's log filter drops that
    line (and keeps every other line, none folded together, as with ``RAY_DEDUP_LOGS=0``). Ray
    reads these variables when it is first imported, which is after this.
    """
    if not verbose:
        os.environ.setdefault("FLWR_LOG_LEVEL", "ERROR")
        if "RAY_DEDUP_LOGS" not in os.environ and "ray" not in sys.modules:
            chatter = re.escape(RAY_WORKER_CHATTER)
            os.environ["RAY_DEDUP_LOGS"] = "1"
            os.environ["RAY_DEDUP_LOGS_ALLOW_REGEX"] = f"^(?!.*{chatter})"  # every other line: printed as it is
            os.environ["RAY_DEDUP_LOGS_SKIP_REGEX"] = chatter
    from simulations.flower_private import flower_logger

    flower = flower_logger()
    for handler in list(flower.handlers):
        if type(handler) is not logging.FileHandler and isinstance(handler, logging.StreamHandler):
            flower.removeHandler(handler)
    flower.propagate = True
