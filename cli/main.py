"""`factoryfl` command line: simulate, lopo, validate, report; operations (certs, coordinator, register, plant,
run, runs, log, stop, plant-data); a plant's model (predict, export)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli import compare, console, data, plant, simulation
from deploy import cli as operations


def _configure_logging(verbose: bool, progress: str = "auto") -> None:
    """The CLI is an application: it (and only it) sets up console logging (see cli/console.py)."""
    console.configure(verbose, progress)


def package_version() -> str:
    """The installed factoryfl's version (its package metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("factoryfl")
    except PackageNotFoundError:
        return "unknown (not installed: `pip install -e .`)"


class _Version(argparse.Action):
    """``--version``: the package version, read only when asked (importlib.metadata costs ~70 ms)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(f"factoryfl {package_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; building it imports no torch, Flower or Ray (tests/test_cli_speed.py)."""
    parser = argparse.ArgumentParser(prog="factoryfl", description=__doc__)
    parser.add_argument("-V", "--version", action=_Version, help="print the factoryfl version and exit (as `flwr -V`)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show every log line down to DEBUG, Flower's, Ray's and alembic's included")
    parser.add_argument("--progress", choices=console.PROGRESS_MODES, default="auto",
                        help="rounds as a progress bar with ETA (bar), one line each (lines), or a bar on a "
                             "terminal without -v and lines otherwise (auto, the default)")
    sub = parser.add_subparsers(dest="command", required=True)
    simulation.add_subcommands(sub)
    operations.add_subcommands(sub)
    plant.add_subcommands(sub)
    data.add_subcommands(sub)
    compare.add_subcommands(sub)
    return parser


DEBUG_ENV = "FACTORYFL_DEBUG"  # =1: let errors end in Python's traceback (for bug reports)
PROJECT_PACKAGES = ("common", "server", "client", "simulations", "deploy", "cli")


def _is_project_error(exc: BaseException) -> bool:
    """Raised as one of this project's own error types, whose messages name the file/key and the fix."""
    return type(exc).__module__.split(".")[0] in PROJECT_PACKAGES


def _where(exc: BaseException) -> str:
    """``file:line (function)`` of the innermost frame in this project's code (else the innermost)."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    root = str(Path(__file__).resolve().parent.parent)
    ours = [f for f in frames if f.filename.startswith(root) and "/.venv/" not in f.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "unknown location"
    name = frame.filename[len(root) + 1:] if frame.filename.startswith(root) else frame.filename
    return f"{name}:{frame.lineno} ({frame.name})"


def describe_error(exc: BaseException, command: str) -> tuple[str, int]:
    """(message, exit code) for an error that reached the command line: what failed, where, the fix."""
    from common.fileio import describe_os_error

    debug = f"{DEBUG_ENV}=1 shows the traceback"
    if _is_project_error(exc):
        return str(exc), 2
    if isinstance(exc, OSError):
        return describe_os_error(exc), 2
    if isinstance(exc, MemoryError):
        return (f"`factoryfl {command}` ran out of memory ({_where(exc)}): give it smaller inputs (fewer or "
                f"shorter files/windows) or a machine with more memory; {debug}"), 1
    if isinstance(exc, RecursionError):
        return (f"`factoryfl {command}`: an input nests too deeply to be read ({_where(exc)}): check the files "
                f"it reads (YAML/JSON nesting); {debug}"), 1
    if isinstance(exc, KeyError):
        return (f"`factoryfl {command}`: key {exc.args[0] if exc.args else ''!r} is missing ({_where(exc)}): a file "
                f"it reads lacks it (written by another factoryfl version, or edited by hand?); {debug} "
                "for a bug report"), 1
    text = " ".join(str(exc).split()) or "(no message)"
    return (f"`factoryfl {command}` failed: {type(exc).__name__}: {text} ({_where(exc)}); {debug} "
            "for a bug report"), 1


def main(argv: list[str] | None = None) -> int:
    """The `factoryfl` entry point: no error ends in a traceback (unless FACTORYFL_DEBUG=1).

    Errors that name their file/key and fix (the project's own types, OSError) are printed as they
    are and exit 2; anything else is one line naming the exception, where it happened and how to
    see more, exit 1; Ctrl-C exits 130.
    """
    import os

    args = build_parser().parse_args(argv)
    _configure_logging(args.verbose, args.progress)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        console.end_progress()
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the command line's boundary: every error becomes one message
        console.end_progress()  # the message goes below an unfinished progress bar, not onto its line
        if os.environ.get(DEBUG_ENV, "").strip() not in ("", "0"):
            raise
        message, code = describe_error(exc, args.command)
        print(f"error: {message}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
