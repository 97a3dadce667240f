"""Other sensors and rates (issue 17, point 5): an unlabelled target whose sensor sits on another
transfer path, or that samples at another rate, against a labelled local model of the same target.

**Synthetic.** Per seed, four plants from the generator (``make_plant_params(i, seed)``: each its own
speed 1500–3000 rpm, load, resonance, gain, noise and 12 or 16 kHz): plants 0–2 are labelled
sources with the sensor on the bearing housing; plant 3 is the target in three versions drawn
from the same params — **other plant** (housing sensor, as the sources), **remote sensor**
(``sensor_position: remote``: another transfer path) and **48 kHz** (``sample_rate_hz: 48000``).

**CWRU** (with ``--cwru-dir``): leave-one-load-out over the four loads (9 fault classes; loads run
at 1797–1730 rpm), every load in turn the unlabelled target.

Each case is run with two window settings: **fixed rate** (``window.resample_to_hz: 12000``, the
advice for mixed rates in docs/own-data.md) and **order tracking** (``window.samples_per_revolution``: every
recording resampled to a fixed number of samples per shaft revolution). Its value follows a rule
any federation can apply from declared metadata, never from data: the median over the plants of
their own samples per revolution, fs / f_shaft, rounded to an integer.

The shared model is pretrained on the sources' pooled labelled training windows (a stand-in for
the federation, to keep the run to minutes; `ModelConfig()` defaults), each source releases DP
feature statistics (``transfer.stats`` defaults, σ = 3), and the unlabelled target adapts with the
default settings under the sources' class prior (every target holds all classes in balance:
``balanced_target()``): MMD (``auto``'s choice with source statistics) and SHOT.
**kept** is what the plant keeps: the MMD model unless the negative-transfer guard
(``common.transfer.selection.guard``) sends it back to the source-only model. The reference is a
**labelled local model**: the same architecture trained on all the target's labelled training
windows, same epochs. All figures are accuracy on the target's held-out test split (last 20 % of
each recording); no target label is used for any choice.

Run: make bench-sensor-shift   (writes simulations/results/sensor_shift.{json,md})
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch

from common.data.locate import default_dir
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, publish
from simulations.benchmarks.skew import _accuracy, _release

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
SEEDS = (0, 1, 2)
TARGETS = ("other_plant", "remote_sensor", "rate_48k")
WINDOWINGS = ("fixed_rate", "order_tracking")
CWRU_LOADS = ("load0", "load1", "load2", "load3")
FIXED_RATE_HZ = 12000.0
LENGTH = 1024
MODELS = ("source_only", "mmd", "shot", "kept", "local_labelled")


def balanced_target():
    """The default adaptation settings under the sources' class prior: every target here holds all classes in
    balance (the product default, ``auto``, is for a plant that does not know its class mix)."""
    from common.config.schema import AdaptationConfig

    return AdaptationConfig(target_prior="sources")


SPR_RULE = "median"
SPR_RULES: dict[str, Callable[[list[float]], float]] = {"median": statistics.median, "max": max, "min": min}


def samples_per_revolution(plants: list[tuple[float, float]], rule: str = "median") -> float:
    """The rule over the plants' own samples per revolution, fs / f_shaft ((fs Hz, rpm) pairs)."""
    return float(round(SPR_RULES[rule]([fs / (rpm / 60.0) for fs, rpm in plants])))


def _window(windowing: str, spr: float):
    from common.data import WindowSpec

    if windowing == "fixed_rate":
        return WindowSpec(length=LENGTH, test_fraction=0.2, resample_to_hz=FIXED_RATE_HZ)
    return WindowSpec(length=LENGTH, test_fraction=0.2, samples_per_revolution=spr)


def _train(x: np.ndarray, y: np.ndarray, num_classes: int, seed: int, epochs: int, model_cfg: Any = None):
    from common.config.schema import ModelConfig
    from common.models import build_model
    from common.training import train_supervised

    model = build_model(x.shape[1], num_classes, model_cfg or ModelConfig(), seed=seed)
    module = torch.nn.Sequential(model.extractor, model.reference_head)
    train_supervised(module, x, y, torch.optim.Adam(module.parameters(), lr=2e-3), epochs=epochs, batch_size=32,
                     seed=seed)
    return model.eval()


def evaluate_case(sources: list[Any], target: Any, seed: int, epochs: int, model_cfg: Any = None) -> dict[str, Any]:
    """Pretrain on ``sources``, release their statistics, adapt to ``target`` (unlabelled); score everything.

    ``model_cfg``: the shared model's settings (``ModelConfig()`` when None), for the reference too."""
    from common.transfer.adapt import adapt
    from common.transfer.selection import agreement, guard

    started = time.perf_counter()
    k = len(target.class_names)
    x = np.concatenate([p.train.x for p in sources])
    y = np.concatenate([p.train.y for p in sources])
    model = _train(x, y, k, seed, epochs, model_cfg)
    plants = {p.plant_id: p for p in sources}
    stats = _release(model, plants, seed, list(plants))
    source_only = torch.nn.Sequential(model.extractor, model.reference_head)
    xt, xtest, ytest = target.train.x, target.test.x, target.test.y
    out: dict[str, Any] = {"n_train_target": len(xt), "n_test": len(ytest),
                           "source_only": _accuracy(source_only, xtest, ytest)}
    adapted = {}
    for method in ("mmd", "shot"):
        result = adapt(method, model.extractor, model.reference_head, xt, stats, balanced_target(), seed=seed)
        adapted[method] = result
        out[method] = _accuracy(result.model, xtest, ytest)
    with torch.no_grad():
        agree = agreement(adapted["mmd"].model(torch.from_numpy(xt)).argmax(1).numpy(),
                          source_only(torch.from_numpy(xt)).argmax(1).numpy())
    verdict = guard(adapted["mmd"].selection, k, agree)
    out["guard_kept_adapted"] = verdict.keep_adapted
    out["kept"] = out["mmd"] if verdict.keep_adapted else out["source_only"]
    local = _train(target.train.x, target.train.y, k, seed, epochs, model_cfg)
    out["local_labelled"] = _accuracy(torch.nn.Sequential(local.extractor, local.reference_head), xtest, ytest)
    out["wall_s"] = time.perf_counter() - started
    return out


def synthetic_plants(seed: int, windows_per_class: int) -> tuple[list[Any], dict[str, Any]]:
    """The three source plants' params and the target's three versions (``TARGETS``), for one seed."""
    from common.data.synthetic import make_plant_params

    sources = [make_plant_params(i, seed, num_windows_per_class=windows_per_class) for i in range(3)]
    base = make_plant_params(3, seed, num_windows_per_class=windows_per_class)
    targets = {"other_plant": base, "remote_sensor": dataclasses.replace(base, sensor_position="remote"),
               "rate_48k": dataclasses.replace(base, sample_rate_hz=48000.0)}
    return sources, targets


def synthetic_cases(seed: int, windows_per_class: int, epochs: int) -> list[dict[str, Any]]:
    from common.data import load_synthetic

    sources, targets = synthetic_plants(seed, windows_per_class)
    rows = []
    for name, target in targets.items():
        spr = samples_per_revolution([(p.sample_rate_hz, p.rpm) for p in [*sources, target]], SPR_RULE)
        for windowing in WINDOWINGS:
            window = _window(windowing, spr)
            src = [load_synthetic(f"source-{i}", p, window) for i, p in enumerate(sources)]
            row = evaluate_case(src, load_synthetic("target", target, window), seed, epochs)
            rows.append({"data": "synthetic", "seed": seed, "target": name, "windowing": windowing,
                         "samples_per_revolution": spr if windowing == "order_tracking" else None, **row})
            logger.warning("synthetic seed %d %s %s: %s", seed, name, windowing,
                           {m: round(100 * row[m], 1) for m in MODELS})
    return rows


def cwru_cases(seed: int, cwru_dir: Path, epochs: int) -> list[dict[str, Any]]:
    from common.data import CwruParams, load_cwru

    speeds = []
    for load in CWRU_LOADS:
        with np.load(cwru_dir / f"{load}.npz") as z:
            speeds.append((float(z["fs_hz"]), float(z["nominal_rpm"])))
    spr = samples_per_revolution(speeds, SPR_RULE)
    rows = []
    for windowing in WINDOWINGS:
        window = _window(windowing, spr)
        plants = {load: load_cwru(load, CwruParams(path=str(cwru_dir / f"{load}.npz")), window) for load in CWRU_LOADS}
        for target in CWRU_LOADS:
            row = evaluate_case([plants[p] for p in CWRU_LOADS if p != target], plants[target], seed, epochs)
            rows.append({"data": "cwru", "seed": seed, "target": target, "windowing": windowing,
                         "samples_per_revolution": spr if windowing == "order_tracking" else None, **row})
            logger.warning("cwru seed %d %s %s: %s", seed, target, windowing,
                           {m: round(100 * row[m], 1) for m in MODELS})
    return rows


def _cell(rows: list[dict[str, Any]], model: str) -> tuple[float, str]:
    seeds = sorted({r["seed"] for r in rows})
    per_seed = [float(np.mean([100 * r[model] for r in rows if r["seed"] == s])) for s in seeds]
    mean, std = mean_std(per_seed)
    return mean, f"{mean:.1f} ± {std:.1f}"


def markdown(payload: dict[str, Any]) -> str:
    rows = payload["rows"]
    seeds = payload["seeds"]
    lines = ["# Other sensors and rates (issue 17, point 5)", "",
             "Unlabelled target adapted from labelled sources (pooled pretraining as a stand-in for the federation, "
             "DP statistics release σ = 3, default adaptation settings under the sources' class prior, as every target "
             "holds all classes in balance), against a labelled local model of the "
             f"target. Seeds {seeds}; accuracy % on the target's test split, mean over targets per seed, then "
             "mean ± std over seeds. `kept`: the MMD model unless the negative-transfer guard keeps source-only.", "",
             "| data | target | windowing | test windows | " + " | ".join(MODELS) + " | kept − local |",
             "|---|---|---|---|" + "---|" * (len(MODELS) + 1)]
    verdicts = []
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["data"], "all loads" if r["data"] == "cwru" else r["target"], r["windowing"]),
                          []).append(r)
    for (data, target, windowing), group in groups.items():
        cells = [_cell(group, m) for m in MODELS]
        kept, local = cells[MODELS.index("kept")][0], cells[MODELS.index("local_labelled")][0]
        n_test = sorted({r["n_test"] for r in group})
        lines.append(f"| {data} | {target} | {windowing} | {n_test[0]}–{n_test[-1]} | "
                     + " | ".join(c[1] for c in cells) + f" | {kept - local:+.1f} |")
        if data == "synthetic" and target != "other_plant":
            best = max(cells[MODELS.index(m)][0] for m in ("mmd", "shot", "kept"))
            verdicts.append(f"- {target}, {windowing}: kept {kept:.1f} vs labelled local {local:.1f} "
                            f"({kept - local:+.1f}; best adapted {best:.1f}); aim within 5 points: "
                            f"{'met' if kept >= local - 5 else 'not met'}")
    lines += ["", "## Aim: unlabelled adapted accuracy within 5 points of a labelled local model", "", *verdicts,
              "", f"Samples per revolution by the rule (median of the plants' fs / f_shaft): "
              f"{sorted({r['samples_per_revolution'] for r in rows if r['samples_per_revolution']})}. "
              "The median rule was fixed before any run; the minimum and the maximum of fs / f_shaft were then "
              "tried once on the synthetic cases (2 seeds, order tracking only): neither was better on every "
              "target, and the seed-to-seed spread was larger than the differences, so the median stayed. "
              "The rule changes with the plants (a 48 kHz target moves it), which is why the synthetic targets "
              "can have different values.",
              "", f"Command: `{payload['command']}`", "", machine_line(payload["machine"]), ""]
    return "\n".join(lines)


def add_case_arguments(parser: argparse.ArgumentParser, cwru_part: str) -> None:
    """The options this benchmark and ``sensor_inputs`` share: seeds, synthetic size and epochs, CWRU."""
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--windows-per-class", type=int, default=80)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--cwru-dir", default=str(default_dir("cwru")),
                        help=f"CWRU loads for the {cwru_part} part ('' to skip it)")
    parser.add_argument("--cwru-epochs", type=int, default=8)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_case_arguments(parser, "leave-one-load-out")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1: no spin-waiting on a shared machine)")
    parser.add_argument("--out", default="sensor_shift", help="result name in simulations/results ('' to only print)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    torch.set_num_threads(args.threads)
    rows: list[dict[str, Any]] = []
    for seed in args.seeds:
        rows += synthetic_cases(seed, args.windows_per_class, args.epochs)
    if args.cwru_dir:
        for seed in args.seeds:
            rows += cwru_cases(seed, Path(args.cwru_dir), args.cwru_epochs)
    payload = {"rows": rows, "seeds": args.seeds, "machine": machine(),
               "command": command_line("simulations.benchmarks.sensor_shift", parser, args, "bench-sensor-shift")}
    publish(args.out or None, payload, markdown(payload))


if __name__ == "__main__":
    main()
