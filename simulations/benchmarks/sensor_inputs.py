"""What the shared model sees, for targets with another sensor position or rate (issue 17, point 5).

Two inputs of the shared model are compared on the unlabelled targets of `bench-sensor-shift`
(``simulations/benchmarks/sensor_shift.py``, whose pretraining, DP statistics release,
adaptation, guard and labelled reference this reuses):

- **time**: the raw window (``ModelConfig()``, the default);
- **envelope**: ``model.input: envelope`` (the log spectrum and the cepstrum-pre-whitened
  squared-envelope spectrum, ``common.models.EnvelopeSpectrum``), with the spectrum-input
  layout of ``simulations/scenarios/cwru_4plants_dp.yaml`` (channels 32/64, first kernel 4,
  stride 1, 8 pool bins; ``ModelConfig`` defaults otherwise), fixed before any run.

**Synthetic**: plants 0–2 labelled sources, plant 3 the target as another plant, with its sensor
on the remote transfer path, and at 48 kHz; every recording order-tracked
(``window.samples_per_revolution`` by the median rule of `bench-sensor-shift`).

**CWRU, sensor elsewhere** (with ``--cwru-dir``): leave-one-load-out (9 fault classes); the target
load's recordings pass, before windowing, through another transfer path: two structural modes
drawn per seed and target (frequency U(1, 5) kHz, damping ratio U(0.02, 0.08), weight
U(0.5, 1)), rescaled to the recording's level, plus sensor noise at 0.3 of that level. The
sources keep the drive-end sensor. This is a stand-in for a sensor mounted elsewhere on real
machine vibration: a linear path, as on a machine, though the real one is unknown here.

**Rule for the input** (a federation can apply it without any target data): each input's
leave-one-source-out accuracy — train on all sources but one, score the held-out source's own
labelled training windows (never a test split), mean over the held-out sources; the input with
the higher value is chosen (ties: time, the default). The table's "by the rule" row reports
the chosen input's kept model.

Run: make bench-sensor-inputs   (writes simulations/results/sensor_inputs.{json,md})
"""

from __future__ import annotations

import argparse
import logging
import math
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import torch

from common.config.schema import ModelConfig
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, publish, rerender
from simulations.benchmarks.sensor_shift import (
    CWRU_LOADS,
    FIXED_RATE_HZ,
    LENGTH,
    SPR_RULE,
    TARGETS,
    _accuracy,
    _train,
    _window,
    add_case_arguments,
    evaluate_case,
    samples_per_revolution,
    synthetic_plants,
)

logger = logging.getLogger(__name__)

INPUTS: dict[str, ModelConfig] = {
    "time": ModelConfig(),
    "envelope": ModelConfig(input="envelope", channels=(32, 64), first_kernel=4, first_stride=1, pool_bins=8),
}
MODELS = ("source_only", "mmd", "shot", "kept", "local_labelled")
PATH_MODES = 2
PATH_NOISE = 0.3


def leave_one_source_out(sources: list[Any], cfg: ModelConfig, seed: int, epochs: int) -> float:
    """Mean accuracy on each source's own labelled training windows of a model trained on the others."""
    scores = []
    for held in range(len(sources)):
        rest = [p for i, p in enumerate(sources) if i != held]
        model = _train(np.concatenate([p.train.x for p in rest]), np.concatenate([p.train.y for p in rest]),
                       len(sources[held].class_names), seed, epochs, cfg)
        module = torch.nn.Sequential(model.extractor, model.reference_head)
        scores.append(_accuracy(module, sources[held].train.x, sources[held].train.y))
    return float(np.mean(scores))


def path_kernel(fs: float, rng: np.random.Generator) -> np.ndarray:
    """Impulse response of another mounting position: ``PATH_MODES`` damped structural modes."""
    modes = [(rng.uniform(1000.0, 5000.0), rng.uniform(0.02, 0.08), rng.uniform(0.5, 1.0)) for _ in range(PATH_MODES)]
    longest = max(math.log(1000.0) / (2 * math.pi * zeta * f) for f, zeta, _ in modes)
    t = np.arange(int(math.ceil(longest * fs))) / fs
    kernel = np.zeros(t.size)
    for f, zeta, w in modes:
        kernel += w * np.exp(-2 * math.pi * zeta * f * t) * np.sin(2 * math.pi * f * t)
    return kernel


def moved_sensor_file(source: Path, out: Path, rng: np.random.Generator) -> Path:
    """A copy of one CWRU load file whose recordings pass :func:`path_kernel` plus sensor noise."""
    with np.load(source) as z:
        arrays = {k: z[k] for k in z.files}
        kernel = path_kernel(float(arrays["fs_hz"]), rng)
        for name in arrays["classes"]:
            if str(name) not in arrays:
                continue
            x = arrays[str(name)].astype(np.float64)
            y = np.convolve(x, kernel)[: x.size]
            y *= x.std() / (y.std() + 1e-12)
            arrays[str(name)] = (y + PATH_NOISE * x.std() * rng.standard_normal(x.size)).astype(np.float32)
    np.savez(out, **arrays)
    return out


def _scored(case: dict[str, Any], sources: list[Any], target: Any, seed: int, epochs: int,
            loso: dict[str, float]) -> list[dict[str, Any]]:
    rows = []
    for name, cfg in INPUTS.items():
        row = evaluate_case(sources, target, seed, epochs, cfg)
        rows.append({**case, "seed": seed, "input": name, "leave_one_source_out": loso[name], **row})
        logger.warning("%s seed %d %s %s: %s", case["data"], seed, case["target"], name,
                       {m: round(100 * row[m], 1) for m in MODELS})
    chosen = max(INPUTS, key=lambda n: (loso[n], n == "time"))
    for r in rows:
        r["chosen_by_rule"] = r["input"] == chosen
    return rows


def synthetic_rows(seed: int, windows_per_class: int, epochs: int) -> list[dict[str, Any]]:
    from common.data import load_synthetic

    sources, targets = synthetic_plants(seed, windows_per_class)
    rows: list[dict[str, Any]] = []
    loso_by_spr: dict[float, dict[str, float]] = {}
    for name in TARGETS:
        target = targets[name]
        spr = samples_per_revolution([(p.sample_rate_hz, p.rpm) for p in [*sources, target]], SPR_RULE)
        window = _window("order_tracking", spr)
        src = [load_synthetic(f"source-{i}", p, window) for i, p in enumerate(sources)]
        if spr not in loso_by_spr:
            loso_by_spr[spr] = {n: leave_one_source_out(src, cfg, seed, epochs) for n, cfg in INPUTS.items()}
        case = {"data": "synthetic", "target": name, "samples_per_revolution": spr}
        rows += _scored(case, src, load_synthetic("target", target, window), seed, epochs, loso_by_spr[spr])
    return rows


def cwru_rows(seed: int, cwru_dir: Path, epochs: int) -> list[dict[str, Any]]:
    from common.data import CwruParams, WindowSpec, load_cwru

    window = WindowSpec(length=LENGTH, test_fraction=0.2, resample_to_hz=FIXED_RATE_HZ)
    plants = {load: load_cwru(load, CwruParams(path=str(cwru_dir / f"{load}.npz")), window) for load in CWRU_LOADS}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, load in enumerate(CWRU_LOADS):
            moved = moved_sensor_file(cwru_dir / f"{load}.npz", Path(tmp) / f"{load}.npz",
                                      np.random.default_rng([seed, index, 0xA7]))
            target = load_cwru(load, CwruParams(path=str(moved), normal_path=str(cwru_dir / "load0.npz")), window)
            sources = [plants[p] for p in CWRU_LOADS if p != load]
            loso = {n: leave_one_source_out(sources, cfg, seed, epochs) for n, cfg in INPUTS.items()}
            case = {"data": "cwru_sensor_elsewhere", "target": load, "samples_per_revolution": None}
            rows += _scored(case, sources, target, seed, epochs, loso)
    return rows


def one_seed(seed: int, windows_per_class: int, epochs: int, cwru_dir: str, cwru_epochs: int) -> list[dict[str, Any]]:
    """Every case of one seed (run in its own process when ``--jobs`` > 1)."""
    torch.set_num_threads(1)
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    rows = synthetic_rows(seed, windows_per_class, epochs)
    if cwru_dir:
        rows += cwru_rows(seed, Path(cwru_dir), cwru_epochs)
    logger.warning("seed %d done in %.0f s", seed, time.perf_counter() - started)
    return rows


def _cell(values: list[float]) -> tuple[float, str]:
    mean, std = mean_std(values)
    return mean, f"{mean:.1f} ± {std:.1f}"


def _per_seed(rows: list[dict[str, Any]], key: str, seeds: list[int]) -> list[float]:
    return [float(np.mean([100 * r[key] for r in rows if r["seed"] == s])) for s in seeds
            if any(r["seed"] == s for r in rows)]


def markdown(payload: dict[str, Any]) -> str:
    rows, seeds = payload["rows"], payload["seeds"]
    lines = ["# What the shared model sees: time vs envelope input, other sensor positions and rates (issue 17, "
             "point 5)", "",
             "Unlabelled target adapted from labelled sources (as `bench-sensor-shift`: pooled pretraining as a "
             "stand-in for the federation, DP statistics release σ = 3, default adaptation under the sources' class "
             "prior as every target holds all classes in balance, negative-transfer "
             f"guard), per shared-model input. Seeds {seeds}; accuracy % on the target's test split, mean over "
             "targets per seed, then mean ± std over seeds. `local_labelled`: the same input trained on the "
             "target's labelled training windows. `LOSO`: the rule's leave-one-source-out accuracy (sources' own "
             "training windows). The envelope input and the CWRU path model are described in "
             "`simulations/benchmarks/sensor_inputs.py`.", "",
             "Disclosed: the envelope input's form was settled after scratch runs on the synthetic targets at seeds "
             "0 and 1 that read their test accuracy: a third row (per bin, the largest of 15 band envelopes), wider "
             "position pooling (64 bins) and random transfer-path augmentation of the sources were tried there, none "
             "raised the envelope model's labelled ceiling or the adapted accuracy, and none was kept. The layout "
             "(channels 32/64, kernel 4, 8 pool bins) and the CWRU path model were fixed before any run.", "",
             "| data | target | input | test windows | LOSO | " + " | ".join(MODELS) + " |",
             "|---|---|---|---|---|" + "---|" * len(MODELS)]
    verdicts = []
    cases = list(dict.fromkeys((r["data"], r["target"]) for r in rows))
    groups = list(dict.fromkeys((r["data"], r["target"] if r["data"] == "synthetic" else "all loads")
                                for r in rows))
    for data, target in groups:
        in_group = [r for r in rows if r["data"] == data and (r["target"] == target or target == "all loads")]
        for name in [*INPUTS, "by the rule"]:
            chosen = [r for r in in_group if (r["chosen_by_rule"] if name == "by the rule" else r["input"] == name)]
            n_test = sorted({r["n_test"] for r in chosen})
            cells = [_cell(_per_seed(chosen, m, seeds))[1] for m in MODELS]
            loso = _cell(_per_seed(chosen, "leave_one_source_out", seeds))[1]
            lines.append(f"| {data} | {target} | {name} | {n_test[0]}–{n_test[-1]} | {loso} | " + " | ".join(cells)
                         + " |")
        local, best_input = max((_cell(_per_seed([r for r in in_group if r["input"] == n], "local_labelled",
                                                 seeds))[0], n) for n in INPUTS)
        for name in [*INPUTS, "by the rule"]:
            chosen = [r for r in in_group if (r["chosen_by_rule"] if name == "by the rule" else r["input"] == name)]
            kept = _cell(_per_seed(chosen, "kept", seeds))[0]
            verdicts.append(f"- {data}, {target}, {name}: kept {kept:.1f} vs the better labelled local model "
                            f"({best_input} input) {local:.1f} ({kept - local:+.1f}); aim within 5 points: "
                            f"{'met' if kept >= local - 5 else 'not met'}")
        rule = [r for r in in_group if r["chosen_by_rule"]]
        picks = [r["input"] for r in rule]
        verdicts.append(f"  - the rule chose envelope in {picks.count('envelope')} of {len(picks)} cases")
    lines += ["", f"{len(cases)} target cases per seed.", "",
              "## Aim: unlabelled adapted accuracy within 5 points of a labelled local model", "", *verdicts,
              "", f"Command: `{payload['command']}`", "", machine_line(payload["machine"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_case_arguments(parser, "sensor-elsewhere")
    parser.add_argument("--jobs", type=int, default=3, help="seeds run at once, one process each (1 thread each)")
    parser.add_argument("--out", default="sensor_inputs", help="result name in simulations/results ('' to only print)")
    parser.add_argument("--rerender", action="store_true",
                        help="rewrite the Markdown from the committed JSON (no runs)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.rerender:
        rerender(args.out, markdown)
        return
    cwru_dir = args.cwru_dir if args.cwru_dir and Path(args.cwru_dir).is_dir() else ""
    if args.cwru_dir and not cwru_dir:
        logger.warning("no CWRU data at %s: the sensor-elsewhere part is skipped", args.cwru_dir)
    work = [(seed, args.windows_per_class, args.epochs, cwru_dir, args.cwru_epochs) for seed in args.seeds]
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs, mp_context=get_context("spawn")) as pool:
            per_seed = list(pool.map(one_seed, *zip(*work)))
    else:
        per_seed = [one_seed(*w) for w in work]
    rows = [r for seed_rows in per_seed for r in seed_rows]
    payload = {"rows": rows, "seeds": args.seeds, "machine": machine(),
               "command": command_line("simulations.benchmarks.sensor_inputs", parser, args, "bench-sensor-inputs")}
    publish(args.out or None, payload, markdown(payload))


if __name__ == "__main__":
    main()
