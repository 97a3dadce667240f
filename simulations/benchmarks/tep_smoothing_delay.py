"""What posterior smoothing costs in delay (issue 18, TEP classification): how many windows a plant's
decision needs to follow a change of class, with and without smoothing.

For every mode of ``simulations/scenarios/tep_4modes.yaml`` (its window, model and optimiser) and
seed: a local model is trained on the first three quarters of each run's training windows (as
``bench-tep-classification`` step 1), and the plant's own rule (``common.posterior_smoothing.
choose_smoothing``, what ``personalisation.posterior_smoothing: auto`` runs) picks λ on the last
quarter. Then, on the **test** split only (never trained on), every fault's test windows are
appended to the normal run's test windows, one stream per fault: normal operation, then the fault.
Measured per fault, unsmoothed and smoothed at the plant's λ: the windows after the switch until
the first window decided as the fault (0 = at once), and the accuracy over the fault's windows of
the stream. The switch jumps to a fault's late stage (the test split is the last 20 % of its run),
so the figures isolate the delay the smoothing's memory adds, not how long a fault takes to show.
The model is a local one, not the federation's kept model (a stand-in to keep the run to minutes).

Run: make bench-tep-smoothing-delay   (writes simulations/results/tep_smoothing_delay.{json,md})
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from typing import Any

import numpy as np
import yaml

from simulations.benchmarks import tep_modes
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, publish
from simulations.benchmarks.tep_classification import SCENARIO, VALIDATION_SHARE, time_validation_split

log = logging.getLogger("tep_smoothing_delay")
SEEDS = (0, 1, 2)


def first_hit(decisions: np.ndarray, target: int) -> int | None:
    """Index of the first decision equal to ``target`` (None: never)."""
    hits = np.flatnonzero(decisions == target)
    return int(hits[0]) if hits.size else None


def run_mode(scenario: Any, plant: Any, seed: int) -> dict[str, Any]:
    """One mode and seed: the plant's λ and, per fault, the delay and accuracy after the switch."""
    import torch
    from torch import nn

    from client.smoothing import log_posteriors
    from common.data.tep import load_tep
    from common.data.windowing import WindowSpec
    from common.models import build_model
    from common.posterior_smoothing import choose_smoothing, smooth_log_posteriors
    from common.training import make_optimizer, train_supervised
    from common.transfer.selection import overlap_gap

    w, training = scenario.window, scenario.federation.training
    stride = int(w.stride or w.length)
    data = load_tep(plant.id, plant.data.params, WindowSpec(length=w.length, stride=stride,
                                                            test_fraction=w.test_fraction))
    fit, val = time_validation_split(data.train.y, VALIDATION_SHARE, gap=overlap_gap(w.length, stride))
    model = build_model(data.channels, data.num_classes, scenario.model, seed=seed)
    module = nn.Sequential(model.extractor, model.reference_head)
    optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer, training.learning_rate,
                               training.weight_decay)
    torch.manual_seed(seed)
    train_supervised(module, data.train.x[fit], data.train.y[fit], optimizer,
                     epochs=scenario.federation.rounds * training.local_epochs, batch_size=training.batch_size,
                     seed=seed)
    assert data.train.groups is not None
    choice = choose_smoothing(log_posteriors(module, data.train.x[val]), data.train.y[val],
                              data.train.groups[val], stride, w.length)
    normal = data.class_names.index("normal")
    x_normal = data.test.x[data.test.y == normal]
    faults = {}
    for k, name in enumerate(data.class_names):
        x_fault = data.test.x[data.test.y == k]
        if k == normal or not len(x_fault):
            continue
        lp = log_posteriors(module, np.concatenate([x_normal, x_fault]))
        row: dict[str, Any] = {"n_windows": int(len(x_fault))}
        for label, weight in (("unsmoothed", 1.0), ("smoothed", choice.weight)):
            decided = smooth_log_posteriors(lp, weight, w.length, w.length).argmax(axis=1)[len(x_normal):]
            row[label] = {"delay_windows": first_hit(decided, k), "accuracy": float(np.mean(decided == k))}
        faults[name] = row
    log.info("%s seed %d: λ = %g, %d faults", plant.id, seed, choice.weight, len(faults))
    return {"plant": plant.id, "seed": seed, "weight": choice.weight, "reason": choice.reason,
            "normal_test_windows": int(len(x_normal)), "faults": faults}


def _summary(runs: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """Over every (mode, seed, fault) the unsmoothed model recognises at all: the delay in windows."""
    delays, never, accuracy = [], 0, []
    for run in runs:
        for row in run["faults"].values():
            if row["unsmoothed"]["delay_windows"] is None:
                continue
            got = row[label]["delay_windows"]
            accuracy.append(row[label]["accuracy"])
            if got is None:
                never += 1
            else:
                delays.append(got)
    return {"delays": delays, "never": never, "accuracy": accuracy}


def markdown(payload: dict[str, Any]) -> str:
    runs, hours = payload["runs"], payload["window_rows"] * 36 / 3600
    lines = ["# TEP: the delay posterior smoothing adds (issue 18)", "",
             f"Command: `{payload['command']}`; scenario `simulations/scenarios/tep_4modes.yaml` (windows of "
             f"{payload['window_rows']} rows = {hours:g} h, train stride {payload['train_stride']}); seeds "
             f"{payload['seeds']}; wall time {payload['wall_s'] / 60:.1f} min.", machine_line(payload["machine"]), "",
             "Per mode and seed a local model (the scenario's model and optimiser, trained on the first three "
             "quarters of each run's training windows) and the plant's own smoothing rule on the last quarter "
             "(`personalisation.posterior_smoothing: auto`). On the test split only, each fault's test windows follow "
             "the normal run's test windows as one stream; delay = windows after the switch until the first window "
             "decided as the fault (0 = at once). The switch jumps to the fault's late stage, so this is the delay "
             "the smoothing's memory adds, not how long a fault takes to appear. Faults the unsmoothed model never "
             "recognises in the stream are left out of the delays (counted below).", "",
             "| mode | λ kept (per seed) | faults recognised unsmoothed | delay unsmoothed (windows) | delay smoothed "
             "(windows) | smoothed never | accuracy on fault windows unsmoothed % | smoothed % |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for plant in dict.fromkeys(r["plant"] for r in runs):
        mine = [r for r in runs if r["plant"] == plant]
        raw, smooth = _summary(mine, "unsmoothed"), _summary(mine, "smoothed")
        total = sum(len(r["faults"]) for r in mine)
        d_raw, d_smooth = mean_std([float(d) for d in raw["delays"]]), mean_std([float(d) for d in smooth["delays"]])
        a_raw, a_smooth = mean_std([100 * a for a in raw["accuracy"]]), mean_std([100 * a for a in smooth["accuracy"]])
        weights = "/".join(f"{r['weight']:g}" for r in mine)
        lines.append(f"| {plant} | {weights} | {len(raw['delays'])} of {total} | "
                     f"{d_raw[0]:.2f} ± {d_raw[1]:.2f} | {d_smooth[0]:.2f} ± {d_smooth[1]:.2f} | {smooth['never']} | "
                     f"{a_raw[0]:.1f} | {a_smooth[0]:.1f} |")
    raw, smooth = _summary(runs, "unsmoothed"), _summary(runs, "smoothed")
    extra = np.mean(smooth["delays"]) - np.mean(raw["delays"]) if raw["delays"] and smooth["delays"] else float("nan")
    lines += ["", f"Over all modes and seeds: mean delay {np.mean(raw['delays']):.2f} windows unsmoothed, "
              f"{np.mean(smooth['delays']):.2f} smoothed ({extra:+.2f} windows = {extra * hours:+.2f} h); "
              f"{smooth['never']} fault streams recognised unsmoothed but never smoothed. Per fault figures in the "
              "JSON. (± over the faults and seeds of a mode.)", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=",".join(str(s) for s in SEEDS))
    parser.add_argument("--name", default="tep_smoothing_delay", help="results file name ('' = do not write)")
    tep_modes.add_arguments(parser)
    args = parser.parse_args()
    choice = tep_modes.from_args(args)
    args.name = choice.results_name(args.name, "tep_smoothing_delay")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("common").setLevel(logging.ERROR)
    import torch

    from common.config.scenario import scenario_from_dict

    torch.set_num_threads(1)
    started = time.perf_counter()
    body = yaml.safe_load(SCENARIO.read_text())
    choice.check_files()
    body = choice.apply(body)
    scenario = scenario_from_dict(body, str(SCENARIO), SCENARIO.parent)
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    runs = [run_mode(scenario, plant, seed) for seed in seeds for plant in scenario.plants]
    payload = {"command": command_line("simulations.benchmarks.tep_smoothing_delay", parser, args,
                                       "bench-tep-smoothing-delay"),
               "machine": machine(), "seeds": seeds, "window_rows": scenario.window.length,
               "train_stride": scenario.window.stride, "runs": runs, "wall_s": time.perf_counter() - started}
    payload = json.loads(json.dumps(payload, default=str))
    publish(args.name or None, payload, markdown(payload))


if __name__ == "__main__":
    main()
