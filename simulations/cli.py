"""`factoryfl` command line: simulate, validate, report, lopo; deployment (certs, coordinator, plant, run, ...)."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path


def _configure_logging(verbose: bool) -> None:
    """The CLI is an application: it (and only it) sets up console logging."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("opacus", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _cmd_simulate(args: argparse.Namespace) -> int:
    from simulations.runner import simulate

    started = time.perf_counter()
    run_dir = simulate(args.scenario, runs_dir=args.runs_dir, ray_address=args.ray_address)
    print(f"\nreport:  {run_dir / 'report.md'}\nresults: {run_dir / 'results.json'}\n"
          f"wall time: {time.perf_counter() - started:.1f}s")
    return 0


def _cmd_lopo(args: argparse.Namespace) -> int:
    from simulations.lopo import leave_one_plant_out

    root = leave_one_plant_out(args.scenario, method=args.method, k_shot=args.k_shot, runs_dir=args.runs_dir)
    if args.results_name:
        import shutil

        from simulations.benchmarks.common import RESULTS_DIR

        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        for suffix in ("md", "json"):
            shutil.copyfile(root / f"summary.{suffix}", RESULTS_DIR / f"{args.results_name}.{suffix}")
    print((root / "summary.md").read_text())
    print(f"summary: {root / 'summary.md'}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from common.config import load_scenario
    from simulations.runner import check_memory, check_resources, validate_plants

    scenario = load_scenario(args.scenario)
    check_resources(scenario)
    summaries = validate_plants(scenario)
    check_memory(scenario, summaries)
    for plant_id, summary in summaries.items():
        print(f"{plant_id}: {summary}")
    print(f"{args.scenario}: OK ({len(summaries)} plants)")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    import json

    from server.report import write_report

    run_dir = Path(args.run_dir)
    results = json.loads((run_dir / "results.json").read_text())
    print(write_report(run_dir, results))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factoryfl", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("simulate", help="run a scenario with virtual plants on this host")
    p.add_argument("scenario", help="scenario YAML, e.g. simulations/scenarios/default.yaml")
    p.add_argument("--runs-dir", default=None, help="where run folders go (default: the scenario's runs_dir)")
    p.add_argument("--ray-address", default=None,
                   help="run on this Ray cluster (HOST:PORT or 'auto'); overrides simulation.ray_address")
    p.set_defaults(func=_cmd_simulate)
    p = sub.add_parser("lopo", help="leave-one-plant-out: each plant in turn is the unlabelled target")
    p.add_argument("scenario")
    p.add_argument("--method", default="auto", help="the target's method (auto, shot, coral, mmd, dann, "
                   "feature_standardization, finetune_head, finetune_full, fedrep)")
    p.add_argument("--k-shot", type=int, default=None, help="give the target k labelled windows per class")
    p.add_argument("--runs-dir", default=None)
    p.add_argument("--results-name", default=None,
                   help="also copy summary.{md,json} to simulations/results/<name>.{md,json}")
    p.set_defaults(func=_cmd_lopo)
    p = sub.add_parser("validate", help="check a scenario and every plant's data without training")
    p.add_argument("scenario")
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("report", help="re-render report.md and plots from a run's results.json")
    p.add_argument("run_dir")
    p.set_defaults(func=_cmd_report)
    from deploy.cli import add_subcommands

    add_subcommands(sub)
    return parser


DEBUG_ENV = "FACTORYFL_DEBUG"  # =1: let errors end in Python's traceback (for bug reports)
PROJECT_PACKAGES = ("common", "server", "client", "simulations", "deploy")


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
    _configure_logging(args.verbose)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the command line's boundary: every error becomes one message
        if os.environ.get(DEBUG_ENV, "").strip() not in ("", "0"):
            raise
        message, code = describe_error(exc, args.command)
        print(f"error: {message}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
