"""`factoryfl simulate | lopo | validate | report`: scenarios with virtual plants on this host (simulations/)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from common.extensions import TRANSFER_METHODS
from common.extensions.options import one_of


def cmd_simulate(args: argparse.Namespace) -> int:
    from cli.console import route_flower_logs
    from simulations.api import simulate

    route_flower_logs(args.verbose)
    started = time.perf_counter()
    run_dir = simulate(args.scenario, runs_dir=args.runs_dir, ray_address=args.ray_address).run_dir
    _print_headline(run_dir)
    print(f"report:  {run_dir / 'report.md'} (and report.html)\nresults: {run_dir / 'results.json'}\n"
          f"wall time: {time.perf_counter() - started:.1f}s")
    return 0


def _print_headline(run_dir: Path) -> None:
    """The report's headline sentence, so the terminal says whether federation helped each plant."""
    import json

    from server.report_headline import plain_headline

    print("\n" + plain_headline(json.loads((run_dir / "results.json").read_text())) + "\n")


def cmd_lopo(args: argparse.Namespace) -> int:
    from cli.console import route_flower_logs
    from simulations.lopo import leave_one_plant_out

    route_flower_logs(args.verbose)
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


def cmd_validate(args: argparse.Namespace) -> int:
    from common.config import load_scenario
    from simulations.plant_checks import class_union_line, rates_line
    from simulations.runner import check_memory, check_resources, validate_plants

    scenario = load_scenario(args.scenario)
    check_resources(scenario)
    summaries = validate_plants(scenario)
    check_memory(scenario, summaries)
    for plant_id, summary in summaries.items():
        print(f"{plant_id}: {summary}")
    union = class_union_line(summaries)
    if union:
        print(union)
    rates = rates_line(scenario, summaries)
    if rates:
        print(f"warning: {rates}")
    print(f"{args.scenario}: OK ({len(summaries)} plants)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import json

    from server.report import write_report

    run_dir = Path(args.run_dir)
    results = json.loads((run_dir / "results.json").read_text())
    path = write_report(run_dir, results)
    _print_headline(run_dir)
    print(f"report:  {path} (and {path.with_suffix('.html').name})")
    return 0


def add_subcommands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="run a scenario with virtual plants on this host")
    p.add_argument("scenario", help="scenario YAML, e.g. simulations/scenarios/default.yaml")
    p.add_argument("--runs-dir", default=None, help="where run folders go (default: the scenario's runs_dir)")
    p.add_argument("--ray-address", default=None,
                   help="run on this Ray cluster (HOST:PORT or 'auto'); overrides simulation.ray_address")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("lopo", help="leave-one-plant-out: each plant in turn is the unlabelled target")
    p.add_argument("scenario", help="scenario YAML whose plants take turns as the target")
    p.add_argument("--method", default="auto", **one_of(TRANSFER_METHODS, "the target's transfer method", "METHOD"))
    p.add_argument("--k-shot", type=int, default=None, help="give the target k labelled windows per class")
    p.add_argument("--runs-dir", default=None, help="where run folders go (default: the scenario's runs_dir)")
    p.add_argument("--results-name", default=None,
                   help="also copy summary.{md,json} to simulations/results/<name>.{md,json}")
    p.set_defaults(func=cmd_lopo)

    p = sub.add_parser("validate", help="check a scenario and every plant's data without training")
    p.add_argument("scenario", help="scenario YAML to check")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("report", help="re-render report.md, report.html and the plots from a run's results.json")
    p.add_argument("run_dir", help="a run folder holding results.json (report.md, report.html and the plots are "
                                   "rewritten there)")
    p.set_defaults(func=cmd_report)
