"""Spine benchmark: per-plant accuracy of local-only, federated global, federated +
personalised and centralized, on the synthetic default and the 4-plant CWRU scenario, each run
through the real Flower simulation engine (`factoryfl simulate`), plus wall time per run.

Run: make bench-spine   (writes simulations/results/spine.{json,md})
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from simulations.benchmarks.common import machine, mean_std, write_results

SCENARIOS = {
    "synthetic default": "simulations/scenarios/synthetic_4plants.yaml",
    "CWRU 4 plants (9 classes)": "simulations/scenarios/cwru_4plants.yaml",
}
METHODS = ("local_only", "federated_global", "federated_personalised", "centralized")


def run(runs_dir: Path) -> dict:
    from server.model_choice import do_no_harm_cases
    from simulations.runner import simulate

    repo = Path(__file__).resolve().parents[2]
    out = {"machine": machine(), "scenarios": {}}
    for label, rel in SCENARIOS.items():
        started = time.perf_counter()
        run_dir = simulate(repo / rel, runs_dir=str(runs_dir))
        wall = time.perf_counter() - started
        results = json.loads((run_dir / "results.json").read_text())
        plants = {p: {m: r["metrics"].get(m, {}).get("accuracy") for m in METHODS} | {"n_test": r["n_test"]}
                  for p, r in results["plants"].items()}
        summary = {m: mean_std([v[m] for v in plants.values() if v[m] is not None]) for m in METHODS}
        out["scenarios"][label] = {"scenario_file": rel, "wall_time_s": wall, "plants": plants,
                                   "do_no_harm": do_no_harm_cases(results),  # kept vs local-only, per plant
                                   "mean_std": summary, "n_test_total": sum(v["n_test"] for v in plants.values()),
                                   "settings": results["settings"]}
        logging.getLogger(__name__).info("%s: %.1fs", label, wall)
    return out


def markdown(payload: dict) -> str:
    lines = ["# Spine benchmark: local-only vs federated vs centralized", "",
             "Command: `make bench-spine` (each scenario via `factoryfl simulate`, Flower simulation engine).",
             f"Machine: {payload['machine']['platform']}, {payload['machine']['cpu_count']} CPUs, "
             f"torch {payload['machine']['torch']}; measured {payload['machine']['measured_at']}.", ""]
    for label, s in payload["scenarios"].items():
        lines += [f"## {label}", "", f"`{s['scenario_file']}` — wall time {s['wall_time_s']:.1f} s for the whole run "
                  f"(federation + baselines + report); {s['n_test_total']} test windows. Accuracy in %, last "
                  "round/epoch (no model selection on test labels).", "",
                  "| plant | test windows | " + " | ".join(METHODS) + " |",
                  "|---|---:|" + "---:|" * len(METHODS)]
        for plant, v in s["plants"].items():
            cells = [f"{100 * v[m]:.1f}" if v[m] is not None else "—" for m in METHODS]
            lines.append(f"| {plant} | {v['n_test']} | " + " | ".join(cells) + " |")
        cells = [f"{100 * s['mean_std'][m][0]:.1f} ± {100 * s['mean_std'][m][1]:.1f}" for m in METHODS]
        lines += ["| **mean ± std** | " + str(s["n_test_total"]) + " | " + " | ".join(cells) + " |", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs-dir", default="runs/bench-spine")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    payload = run(Path(args.runs_dir))
    json_path, md_path = write_results("spine", payload, markdown(payload))
    print(md_path.read_text())
    print(f"wrote {json_path} and {md_path}")


if __name__ == "__main__":
    main()
