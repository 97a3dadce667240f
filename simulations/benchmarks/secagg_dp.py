"""Secure aggregation with DP-SGD: accuracy and privacy ledgers of the 4-plant CWRU DP scenario, with and without.

Each seed runs ``simulations/scenarios/cwru_4plants_dp.yaml`` (DP-SGD in every plant, ε = 3 per
plant) twice through ``simulations.runner.simulate`` (Flower's simulation engine): plain FedAvg
and FedAvg over the securely aggregated sum. Both arms set ``relative_norm_bound: null`` (norm
screening needs single updates, so secure aggregation refuses it), so the arms differ only in the
aggregation. Selection rule, fixed before any run: secure aggregation with its defaults (24-bit
quantisation, modulus 2^64, neighbours and threshold by the config's rules) and ``clip`` =
``federation.max_update_norm``, the bound the plain arm's coordinator already enforces; nothing
tuned to the data. Reported: held-out accuracy of the federated global model and of the
personalised models (mean over plants per seed, then mean ± std over seeds, last round, no model
selection), the paired difference secure − plain, and the plants' privacy ledgers: every entry
(mechanism, purpose, round, steps, σ, sample rate, clip) must be the same in both arms, and ε from them.

"Equal within seed noise": |mean paired difference| ≤ 2 · (sample std of the paired differences) / √seeds,
i.e. the difference lies within two standard errors of zero (true when every difference is 0).

Run: make bench-secagg   (the DP part alone: python -m simulations.benchmarks.secagg_dp;
writes simulations/results/secagg_dp.{json,md})
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from simulations.benchmarks.common import machine, machine_line, mean_std, publish
from simulations.benchmarks.privacy_utility import SCENARIOS, scenario_body

SCENARIO = "cwru_4plants_dp.yaml"
SEEDS = (10, 11, 12)  # the privacy benchmark's seeds, never used to choose the DP configuration
EPSILON = 3.0
METHODS = ("federated_global", "federated_personalised")
# what a ledger entry says about the release (its time, run name and release id differ by run)
LEDGER_FIELDS = ("mechanism", "purpose", "round", "steps", "noise_multiplier", "sample_rate", "max_grad_norm")
ARMS = {"plain": {"relative_norm_bound": None},
        "secure": {"relative_norm_bound": None, "secure_aggregation": {"enabled": True}}}


def data_missing() -> str | None:
    """Why the CWRU files cannot be read (None when they can)."""
    body = yaml.safe_load((SCENARIOS / SCENARIO).read_text())
    for plant in body["plants"]:
        path = (SCENARIOS / plant["data"]["path"]).resolve()
        if not path.exists():
            return f"{path} is missing (the shared CWRU data set, see ../shared/datasets)"
    return None


def run_arm(arm: str, seed: int, work: Path) -> dict[str, Any]:
    """One federation: per-plant accuracies, privacy facts and ledger entries, wall time."""
    from simulations.runner import simulate

    body = scenario_body(SCENARIOS / SCENARIO, f"secagg-dp-{arm}-{seed}", seed, EPSILON, [],
                         overrides={"federation": ARMS[arm]})
    path = work / f"{arm}-{seed}.yaml"
    path.write_text(yaml.safe_dump(body, sort_keys=False))
    started = time.perf_counter()
    run_dir = simulate(path, runs_dir=str(work / "runs"))
    wall = time.perf_counter() - started
    results = json.loads((run_dir / "results.json").read_text())
    plants: dict[str, Any] = {}
    for plant_id, record in results["plants"].items():
        metrics, privacy = record.get("metrics", {}), record.get("privacy", {})
        ledger = json.loads((run_dir / "plants" / plant_id / "privacy_ledger.json").read_text())["entries"]
        plants[plant_id] = {
            "n_test": record.get("n_test"), **{m: metrics[m]["accuracy"] for m in METHODS if m in metrics},
            "epsilon": privacy.get("epsilon"), "noise_multiplier": privacy.get("noise_multiplier"),
            "ledger": [[e.get(k) for k in LEDGER_FIELDS] for e in ledger]}
    rounds = results["rounds"]
    secure = [r["secure_aggregation"] for r in rounds if r.get("secure_aggregation")]
    shutil.rmtree(run_dir, ignore_errors=True)
    return {"arm": arm, "seed": seed, "wall_s": wall, "plants": plants, "rounds": len(rounds),
            "rounds_failed": sum(1 for s in secure if s.get("failed")),
            "plants_in_sum": [len(s.get("survivors", [])) for s in secure],
            "quantisation_error_bound": next((s["quantisation_error_bound"] for s in secure
                                              if s.get("quantisation_error_bound") is not None), None)}


def _mean_over_plants(run: dict[str, Any], method: str) -> float:
    return statistics.fmean(p[method] for p in run["plants"].values())


def summarise(runs: list[dict[str, Any]], seeds: tuple[int, ...]) -> dict[str, Any]:
    by = {(r["arm"], r["seed"]): r for r in runs}
    out: dict[str, Any] = {"per_method": {}}
    for method in METHODS:
        arms = {arm: [_mean_over_plants(by[arm, s], method) for s in seeds] for arm in ARMS}
        diffs = [b - a for a, b in zip(arms["plain"], arms["secure"])]
        mean_diff = statistics.fmean(diffs)
        sd = statistics.stdev(diffs) if len(diffs) > 1 else 0.0
        out["per_method"][method] = {
            **{arm: dict(zip(("mean", "std"), mean_std(v)), per_seed=v) for arm, v in arms.items()},
            "paired_difference": {"mean": mean_diff, "sample_std": sd, "per_seed": diffs},
            "equal_within_seed_noise": abs(mean_diff) <= 2 * sd / len(diffs) ** 0.5}
    same = {f"{s}/{p}": by["plain", s]["plants"][p]["ledger"] == by["secure", s]["plants"][p]["ledger"]
            for s in seeds for p in by["plain", s]["plants"]}
    out["ledgers_identical"] = all(same.values())
    out["ledger_differences"] = sorted(k for k, v in same.items() if not v)
    out["ledger_entries_per_plant"] = sorted({len(p["ledger"]) for r in runs for p in r["plants"].values()})
    out["max_epsilon"] = {arm: max(p["epsilon"] for r in runs if r["arm"] == arm for p in r["plants"].values())
                          for arm in ARMS}
    out["wall_s"] = {arm: mean_std([r["wall_s"] for r in runs if r["arm"] == arm]) for arm in ARMS}
    out["secure_rounds_failed"] = sum(r["rounds_failed"] for r in runs if r["arm"] == "secure")
    out["secure_min_plants_in_sum"] = min(n for r in runs if r["arm"] == "secure" for n in r["plants_in_sum"])
    out["quantisation_error_bound"] = next(r["quantisation_error_bound"] for r in runs if r["arm"] == "secure")
    out["n_test_total"] = sum(p["n_test"] for p in runs[0]["plants"].values())
    return out


def markdown(payload: dict[str, Any]) -> str:
    s = payload["summary"]
    lines = [
        "# Secure aggregation with DP-SGD: 4-plant CWRU (make bench-secagg)", "",
        f"Scenario `simulations/scenarios/{SCENARIO}` (DP-SGD in every plant, target ε = {EPSILON:g}, "
        f"{payload['rounds']} rounds), seeds {list(payload['seeds'])}, through `simulations.runner.simulate`; both "
        "arms `relative_norm_bound: null`. Secure arm: `secure_aggregation: {enabled: true}` (clip = "
        "max_update_norm, 24-bit quantisation, modulus 2^64; rule fixed before running, nothing tuned). Accuracy "
        f"(%) on {s['n_test_total']} held-out windows, mean over the 4 plants per seed, then mean ± std "
        "(population) over seeds; last round, no model selection.", "",
        "| model | plain | secure aggregation | paired secure − plain (mean ± sample std) | "
        "equal within seed noise |",
        "|---|---:|---:|---:|---|",
    ]
    for method, m in s["per_method"].items():
        d = m["paired_difference"]
        lines.append(f"| {method.replace('_', ' ')} | "
                     f"{100 * m['plain']['mean']:.2f} ± {100 * m['plain']['std']:.2f} | "
                     f"{100 * m['secure']['mean']:.2f} ± {100 * m['secure']['std']:.2f} | "
                     f"{100 * d['mean']:+.2f} ± {100 * d['sample_std']:.2f} | "
                     f"{'yes' if m['equal_within_seed_noise'] else 'no'} |")
    lines += [
        "", "Equal within seed noise: |mean paired difference| ≤ 2 · sample std / √seeds.", "",
        f"- **Privacy ledgers:** {'identical' if s['ledgers_identical'] else 'DIFFERENT'} in both arms for every "
        "plant and seed (mechanism, purpose, round, steps, σ, sample rate, clip of every entry; "
        f"{s['ledger_entries_per_plant']} entries "
        f"per plant){'' if s['ledgers_identical'] else ': ' + ', '.join(s['ledger_differences'])}; max ε plain "
        f"{s['max_epsilon']['plain']:.3f}, secure {s['max_epsilon']['secure']:.3f}.",
        f"- **Secure rounds:** {s['secure_rounds_failed']} failed; at least {s['secure_min_plants_in_sum']} plants "
        f"in every sum; quantisation error bound on the mean update {s['quantisation_error_bound']:.3g} per "
        "coordinate.",
        f"- **Wall time per run:** plain {s['wall_s']['plain'][0]:.0f} ± {s['wall_s']['plain'][1]:.0f} s, secure "
        f"{s['wall_s']['secure'][0]:.0f} ± {s['wall_s']['secure'][1]:.0f} s (whole run incl. personalisation).",
        "", machine_line(payload["machine"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--results-name", default="secagg_dp", help="'' to print only")
    args = parser.parse_args(argv)
    missing = data_missing()
    if missing:
        print(f"bench-secagg (DP part) skipped: {missing}")
        return 0
    seeds = tuple(args.seeds)
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="ffsadp", dir="/tmp"))
    try:
        runs = [run_arm(arm, seed, work) for seed in seeds for arm in ARMS]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rounds = int(yaml.safe_load((SCENARIOS / SCENARIO).read_text())["federation"]["rounds"])
    payload = {"benchmark": "secagg_dp", "scenario": SCENARIO, "epsilon": EPSILON, "seeds": list(seeds),
               "rounds": rounds, "runs": runs, "summary": summarise(runs, seeds), "machine": info}
    publish(args.results_name or None, payload, markdown(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
