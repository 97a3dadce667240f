"""Robustness benchmark: one bad plant of five against the coordinator's defaults.

Five labelled synthetic plants and one unlabelled target (CORAL with the sources' DP feature
statistics) federate through the real coordinator and ClientApp in process (``LoopbackGrid``);
plant-4 misbehaves. Attacks on its replies: update scaled ×100, sign-flipped ×10,
``num-examples`` 10⁶ with a sign flip, ``num-examples`` = inf, malformed feature statistics,
a malformed hello; and on its data: every label shifted by one class (label flip). Each runs
under FedAvg (the default, with the default screening), FedMedian and FedTrimmedAvg, over
5 seeds. Measured: mean accuracy of the shared model on the four honest labelled plants'
held-out windows, against the honest run (same seed and aggregator), and whether every
exclusion was recorded with its reason.

Run: make bench-robustness   (writes simulations/results/robustness.{json,md})
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, publish

SEEDS = (10, 11, 12, 13, 14)
# Long enough that the honest run is past its steep part (the report shows the honest FedAvg gain
# from ROUNDS // 2 to ROUNDS against its seed spread); an attack measured on a model still learning
# fast mostly measures how the trajectory moved.
ROUNDS = 32
WINDOWS_PER_CLASS = 80
# "fedavg-unbounded": FedAvg with the relative norm bound switched off (what it adds)
AGGREGATORS = ("fedavg", "fedavg-unbounded", "fedmedian", "fedtrimmedavg")
ATTACKER, ATTACKER_NODE = "plant-4", 105   # the LoopbackGrid serves partition i at node 101 + i
HONEST = ("plant-0", "plant-1", "plant-2", "plant-3")
AIM_POINTS = 3.0


def scenario_body(seed: int, aggregator: str, rounds: int = ROUNDS) -> dict[str, Any]:
    from common.config import to_dict
    from common.data import make_plant_params

    plants = []
    for i in range(6):
        params = to_dict(make_plant_params(i, 0, num_windows_per_class=WINDOWS_PER_CLASS))
        plant: dict[str, Any] = {"id": f"plant-{i}", "data": {"source": "synthetic", **params}}
        if i == 5:
            plant.update({"labelled_fraction": 0.0, "transfer": "coral"})
        plants.append(plant)
    return {
        "name": f"robust-{aggregator}-s{seed}", "seed": seed, "plants": plants,
        "model": {"channels": [8, 16], "groups": 4, "feature_dim": 16},
        "federation": {"rounds": rounds, "evaluate_every": 0, "strategy": {"name": aggregator.split("-")[0]},
                       **({"relative_norm_bound": None} if aggregator.endswith("-unbounded") else {}),
                       "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}},
        "personalisation": {"mode": "none", "epochs": 0},
        "transfer": {"adaptation": {"epochs": 2}},
        "evaluation": {"baselines": []},
    }


# ---------------------------------------------------------------- attacks on plant-4's replies
def _with_arrays(msg, reply, change: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]]):
    """A reply to ``msg`` like ``reply`` but with its arrays changed."""
    import torch
    from flwr.app import ArrayRecord, Message, RecordDict

    from common import wire

    content = RecordDict({name: record for name, record in reply.content.items() if name != wire.ARRAYS})
    arrays = {k: v.numpy() for k, v in reply.content[wire.ARRAYS].items()}
    content[wire.ARRAYS] = ArrayRecord({k: torch.from_numpy(np.ascontiguousarray(v))
                                        for k, v in change(arrays).items()})
    return Message(content, reply_to=msg)


def _scaled(factor: float) -> Callable:
    def attack(msg, reply):
        from common import wire

        current = {k: v.numpy() for k, v in msg.content[wire.ARRAYS].items()}
        return _with_arrays(msg, reply, lambda a: {k: current[k] + factor * (a[k] - current[k]) for k in a})
    return attack


def _metric(key: str, value: float, then: Callable | None = None) -> Callable:
    def attack(msg, reply):
        from flwr.app import MetricRecord

        reply = then(msg, reply) if then is not None else reply
        metrics = dict(reply.content["metrics"])
        metrics[key] = value
        reply.content["metrics"] = MetricRecord(metrics)
        return reply
    return attack


def _bad_stats(msg, reply):
    from flwr.app import ConfigRecord

    from common import wire

    config = dict(reply.content[wire.CONFIG])
    config[wire.STATS_SCALARS] = "{not json"
    reply.content[wire.CONFIG] = ConfigRecord(config)
    return reply


def _bad_hello(msg, reply):
    from flwr.app import MetricRecord

    from common import wire

    metrics = dict(reply.content[wire.METRICS])
    metrics.pop(wire.CHANNELS, None)
    reply.content[wire.METRICS] = MetricRecord(metrics)
    return reply


def attacks() -> dict[str, tuple[str | None, Callable | None]]:
    """name → (message type it corrupts, reply transform); label_flip changes the data instead."""
    from common import wire

    return {
        "honest": (None, None),
        "scale_x100": (wire.MSG_PRETRAIN, _scaled(100.0)),
        "sign_flip_x10": (wire.MSG_PRETRAIN, _scaled(-10.0)),
        "num_examples_1e6_flip": (wire.MSG_PRETRAIN, _metric(wire.NUM_EXAMPLES, 1e6, _scaled(-1.0))),
        "num_examples_inf": (wire.MSG_PRETRAIN, _metric(wire.NUM_EXAMPLES, float("inf"))),
        "label_flip": (None, None),
        "malformed_stats": (wire.MSG_FEATURE_STATS, _bad_stats),
        "malformed_hello": (wire.MSG_HELLO, _bad_hello),
    }


def _label_flipped_plant(body: dict[str, Any], work: Path) -> dict[str, Any]:
    """plant-4 reads a data directory of its own windows with every label shifted by one class."""
    from deploy.plant_data import export_plant_dir

    path = work / "for_export.yaml"
    path.write_text(yaml.safe_dump(body))
    directory = export_plant_dir(path, ATTACKER, work / "flipped")
    with np.load(directory / "windows.npz") as archive:
        blob = {k: archive[k] for k in archive.files}
    classes = int(blob["y"].max()) + 1
    blob["y"] = np.where(blob["y"] >= 0, (blob["y"] + 1) % classes, blob["y"])
    np.savez(directory / "windows.npz", **blob)
    out = json.loads(json.dumps(body))
    out["plants"][4] = {"id": ATTACKER, "data": {"source": "directory", "path": str(directory)}}
    return out


def run_one(seed: int, aggregator: str, attack: str, work: Path, rounds: int = ROUNDS) -> dict[str, Any]:
    from common.config import load_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    body = scenario_body(seed, aggregator, rounds)
    run_dir = work / f"{attack}-{aggregator}-s{seed}-r{rounds}"
    run_dir.mkdir(parents=True)
    if attack == "label_flip":
        body = _label_flipped_plant(body, run_dir)
    path = run_dir / "scenario.yaml"
    path.write_text(yaml.safe_dump(body))
    message_type, transform = attacks()[attack]

    def hook(node, msg, reply):
        if node == ATTACKER_NODE and transform is not None and msg.metadata.message_type == message_type \
                and not reply.has_error():
            return transform(msg, reply)
        return reply

    started = time.perf_counter()
    results = run_federation(LoopbackGrid(path, 6, run_dir, reply_hook=hook), load_scenario(path), run_dir)
    plants = results["plants"]
    honest = [plants[p]["metrics"].get("federated_global", {}).get("accuracy") for p in HONEST]
    recorded = [e for e in plants[ATTACKER]["excluded_rounds"]] if ATTACKER in plants else []
    return {
        "seed": seed, "aggregator": aggregator, "attack": attack,
        "honest_accuracy": float(np.mean([a for a in honest if a is not None])) if any(a is not None for a in honest)
        else None,
        "target_accuracy": plants["plant-5"]["metrics"].get("federated_adapted", {}).get("accuracy"),
        "attacker_status": plants.get(ATTACKER, {}).get("status"),
        "attacker_status_reason": plants.get(ATTACKER, {}).get("status_reason"),
        "attacker_exclusions": len(recorded),
        "exclusion_reasons": sorted({str(e.get("reason", ""))[:120] for e in recorded}),
        "attacker_participation": sum(ATTACKER in r["participants"] for r in results["rounds"]),
        "rounds": len(results["rounds"]),
        "wall_s": time.perf_counter() - started,
    }


def _paired_drops(rows: list[dict[str, Any]], attack: str, aggregator: str) -> list[float]:
    """Per seed: attacked minus honest accuracy (points), same seed and aggregator."""
    base = {r["seed"]: r["honest_accuracy"] for r in rows if r["attack"] == "honest" and r["aggregator"] == aggregator}
    return [100 * (r["honest_accuracy"] - base[r["seed"]]) for r in rows
            if r["attack"] == attack and r["aggregator"] == aggregator and r["honest_accuracy"] is not None
            and base.get(r["seed"]) is not None]


def render(payload: dict[str, Any]) -> str:
    rows = payload["rows"]
    rounds, half = payload["rounds"], payload["rounds"] // 2
    lines = ["# Robustness: one bad plant of five", "",
             f"Command: `{payload['command']}`. Seeds {payload['seeds']}; mean ± std (population) over seeds. "
             f"Total wall time {payload['wall_s'] / 60:.1f} min.", "", machine_line(payload["machine"]), "",
             f"Five labelled synthetic plants ({WINDOWS_PER_CLASS} windows per class, 5 classes, 20 % held out) and "
             f"one unlabelled target (CORAL with the sources' DP feature statistics), {rounds} rounds, the real "
             "coordinator and ClientApp in process. `plant-4` attacks. Accuracy (%) of the shared model on the four "
             "honest labelled plants' held-out windows (mean over the four); each cell is the mean ± std over seeds, "
             "then in brackets the paired drop against the honest run with the same seed and aggregator (mean ± std "
             "over seeds). Defaults: `relative_norm_bound: 3` (an update above 3 × the round's median norm is left "
             "out), `num-examples` bounded by the labelled windows declared at hello, non-finite aggregates never "
             "installed, each reply judged on its own.", ""]
    header = ("| attack | " + " | ".join(f"{a} (Δ)" for a in payload["aggregators"])
              + " | recorded exclusions (fedavg) |")
    lines += [header, "|---|" + "---:|" * len(payload["aggregators"]) + "---|"]
    for attack in payload["attacks"]:
        cells = []
        for agg in payload["aggregators"]:
            mine = [r for r in rows
                    if r["attack"] == attack and r["aggregator"] == agg and r["honest_accuracy"] is not None]
            mu, sd = mean_std([100 * r["honest_accuracy"] for r in mine])
            dmu, dsd = mean_std(_paired_drops(rows, attack, agg))
            cells.append(f"{mu:.1f} ± {sd:.1f} ({dmu:+.1f} ± {dsd:.1f})")
        fed = [r for r in rows if r["attack"] == attack and r["aggregator"] == "fedavg"]
        reasons = sorted({x for r in fed for x in r["exclusion_reasons"]} |
                         {str(r["attacker_status_reason"])[:120] for r in fed
                          if r["attacker_status"] not in ("ok", None)})
        counted = sum(r["attacker_exclusions"] for r in fed)
        failed = sum(r["attacker_status"] not in ("ok", None) for r in fed)
        what = "none"
        if reasons:
            what = (f"{counted} exclusion(s) and {failed} plant(s) left out at start in {len(fed)} runs, "
                    f"e.g. “{reasons[0]}”")
        lines.append(f"| {attack} | " + " | ".join(cells) + f" | {what} |")
    worst = payload["summary"]["worst_default_drop"]
    curve = payload["summary"]["honest_curve"]
    lines += ["", f"Aim: every attack within {AIM_POINTS:g} points of the honest run under the defaults (fedavg), "
              "judged on the mean paired drop. "
              f"Largest mean drop under the defaults: **{worst['points']:+.1f} ± {worst['std']:.1f} points** "
              f"({worst['attack']}): {'met' if worst['points'] >= -AIM_POINTS else 'NOT met'}.", "",
              f"Is the honest run past its steep part? Honest FedAvg after {half} rounds "
              f"{curve['half_mean']:.1f} ± {curve['half_std']:.1f} %, after {rounds} rounds "
              f"{curve['full_mean']:.1f} ± {curve['full_std']:.1f} %: paired gain {curve['gain_mean']:+.1f} ± "
              f"{curve['gain_std']:.1f} points over the second half. Rule: the number of rounds is enough when this "
              "gain is within the seed spread of the honest accuracy after the full run "
              f"({curve['full_std']:.1f}): {'met' if curve['gain_mean'] <= curve['full_std'] else 'NOT met'}"
              + ("." if curve["gain_mean"] <= curve["full_std"] else
                 ": the shared model is still improving slowly, so every drop above is measured on a model that "
                 "has not fully converged."),
              "", "Notes:", "",
              "- `label_flip` trains on the plant's own windows with every label moved by one class: its updates "
              "are normal in size early on, so screening cannot single it out then; once the honest plants "
              "converge its updates stay large and the relative norm bound leaves some of them out. Otherwise its "
              "effect is bounded by the plant's weight (one of five).",
              "- `malformed_hello`: the plant is left out at the start (status failed, with the reason); "
              "`malformed_stats`: its statistics are left out, the target adapts with the others'.",
              "- An attack that is caught costs the honest plants what plant-4's data added (compare the "
              "`malformed_hello` row, where plant-4 never takes part).",
              f"- Test windows per honest plant: {WINDOWS_PER_CLASS} (5 classes × {WINDOWS_PER_CLASS} windows × 20 %); "
              f"one window is {100 / (4 * WINDOWS_PER_CLASS):.2f} points of the four-plant mean."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--aggregators", default=",".join(AGGREGATORS))
    parser.add_argument("--attacks", default="", help="comma-separated attack names (default: all)")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--results-name", default="robustness", help="file name under simulations/results/ ('' = none)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    torch.set_num_threads(1)
    seeds = [int(s) for s in args.seeds.split(",")]
    aggregators = args.aggregators.split(",")
    names = args.attacks.split(",") if args.attacks else list(attacks())
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="factoryfl-robust-") as tmp:
        for aggregator in aggregators:
            for attack in names:
                for seed in seeds:
                    row = run_one(seed, aggregator, attack, Path(tmp), args.rounds)
                    rows.append(row)
                    print(json.dumps({k: row[k] for k in ("attack", "aggregator", "seed", "honest_accuracy",
                                                          "attacker_exclusions", "wall_s")}), flush=True)
        half = [run_one(seed, "fedavg", "honest", Path(tmp), args.rounds // 2) for seed in seeds]
    drops = []
    for attack in (n for n in names if n != "honest"):
        paired = _paired_drops(rows, attack, "fedavg")
        if paired:
            drops.append((*mean_std(paired), attack))
    worst = min(drops) if drops else (float("nan"), float("nan"), "")
    full = {r["seed"]: 100 * r["honest_accuracy"] for r in rows
            if r["attack"] == "honest" and r["aggregator"] == "fedavg"}
    halves = {r["seed"]: 100 * r["honest_accuracy"] for r in half}
    curve = dict(zip(("half_mean", "half_std"), mean_std(list(halves.values()))))
    curve.update(zip(("full_mean", "full_std"), mean_std(list(full.values()))))
    curve.update(zip(("gain_mean", "gain_std"), mean_std([full[s] - halves[s] for s in halves if s in full])))
    payload = {"command": command_line("simulations.benchmarks.robustness", parser, args, "bench-robustness"),
               "seeds": seeds, "rounds": args.rounds, "half_rounds": half, "aggregators": aggregators,
               "attacks": names, "rows": rows,
               "machine": machine(), "wall_s": time.perf_counter() - started,
               "summary": {"worst_default_drop": {"points": worst[0], "std": worst[1], "attack": worst[2]},
                           "honest_curve": curve}}
    publish(args.results_name or None, payload, render(payload))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
