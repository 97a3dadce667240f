"""TEP leave-one-mode-out: each operating mode in turn an unlabelled target (issue 18 point 6).

Scenario ``simulations/scenarios/tep_4modes.yaml`` (29 classes, windows of rows x 53 variables at the
length and train stride ``make bench-tep-classification`` chose on validation windows; its model and
optimiser).
For every target mode and seed:

1. **Sources.** The three other modes are labelled plants, each z-scored with its own normal
   training rows. The shared model is pretrained on their pooled labelled training windows (a
   stand-in for the federation, to keep the run to minutes; ``rounds x local_epochs`` epochs),
   and each source releases DP feature statistics (``transfer.stats`` defaults, σ = 3).
2. **Target, unlabelled.** Every registered transfer method that adapts without labels
   (``common.extensions.transfer_methods``: adapters with ``needs_labels=False``) is run from the
   pretrained model with the default settings under the sources' class prior (the target holds every
   class in balance: ``AdaptationConfig(target_prior="sources")``), plus ``auto``: the method
   the plant picks itself from its measured domain gap (``choose_auto`` through the registry, as
   ``client/transfer.py`` does). **kept** is what the plant keeps: ``auto``'s model unless the
   negative-transfer guard (``common.transfer.selection.guard``) sends it back to source-only.
3. **Labelled in-mode models**: the same architecture trained on the target's labelled training
   windows, (a) for as many optimiser steps as the pretraining (the aim's reference: kept within
   10 points of it) and (b) for the product's local-only budget (rounds x local epochs +
   personalisation epochs).

Three input normalisations:

* ``normal_rows``: every plant z-scores with its own normal run's training rows (the ``tep``
  source's default). It assumes the target knows which of its recordings are normal operation,
  although it has no fault labels.
* ``target_all_rows``: the sources as above; the target z-scores with all its unlabelled training
  windows' rows (mean and std over every training row, faults included), assuming nothing about
  which are normal.
* ``all_plants_all_rows``: every plant z-scores with all its training rows (a federation recipe
  that needs no plant to know its normal rows); a second shared model is pretrained on the
  sources so normalised.

The last two measure source-only, ``auto`` and kept only.

Accuracy on the target's temporal test split (last 20 % of every run); no target label is used
for any choice (settings are defaults, every model is the last epoch).

Run: make bench-tep-lomo   (writes simulations/results/tep_lomo.{json,md})
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
import yaml

from common.config.schema import AdaptationConfig
from common.data.types import PlantData, WindowSet
from simulations.benchmarks import tep_modes
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, publish, rerender

logger = logging.getLogger(__name__)

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "tep_4modes.yaml"
SEEDS = (0, 1, 2)
NORMALISATIONS = ("normal_rows", "target_all_rows", "all_plants_all_rows")
AIM_GAP = 0.10
AUTO = "auto"
REFERENCE = "same_steps"  # the labelled in-mode model the aim compares with (labelled_epochs)
TASK = "classification"


def label_free_adapters() -> list[str]:
    """The registered adapters that run without target labels (registry order: sorted names)."""
    from common.extensions.transfer_methods import ADAPTER, TRANSFER_METHODS

    return [e.name for e in TRANSFER_METHODS if e.meta.get("kind") == ADAPTER and not e.meta.get("needs_labels")]


@dataclass(frozen=True)
class Settings:
    """What a case trains: the scenario's model and optimiser, epochs, adaptation defaults."""

    scenario: Any  # common.config.scenario.Scenario
    epochs: int
    # the target mode holds every class in balance: the sources' class prior (the product default, auto, is for
    # a plant that does not know its class mix; tep_4modes.yaml says the same for the federation's targets)
    adaptation: AdaptationConfig = field(default_factory=lambda: AdaptationConfig(target_prior="sources"))


def load_settings(epochs: int | None = None, choice: tep_modes.ModeChoice | None = None) -> Settings:
    """The scenario's settings; ``epochs`` None: ``rounds x local_epochs`` (what a plant sees federated);
    ``choice``: other operating modes as the plants (:mod:`simulations.benchmarks.tep_modes`)."""
    from common.config.scenario import scenario_from_dict

    body = (choice or tep_modes.ModeChoice()).apply(yaml.safe_load(SCENARIO.read_text()))
    scenario = scenario_from_dict(body, str(SCENARIO), SCENARIO.parent)
    default = scenario.federation.rounds * scenario.federation.training.local_epochs
    return Settings(scenario, default if epochs is None else epochs)


def load_modes(settings: Settings) -> dict[str, PlantData]:
    """Every mode of the scenario as a plant (each z-scored with its own normal training rows), their
    labels on the union of their classes by name (a mode without some run lacks that class)."""
    from common.data.tep import TepParams, load_tep
    from common.data.windowing import WindowSpec
    from common.labelset import align_to_union, union_names

    w = settings.scenario.window
    window = WindowSpec(length=w.length, stride=w.stride, test_fraction=w.test_fraction)
    out = {}
    for plant in settings.scenario.plants:
        assert isinstance(plant.data.params, TepParams)
        out[plant.id] = load_tep(plant.id, plant.data.params, window)
    union = union_names(data.class_names for data in out.values())
    return {plant_id: align_to_union(data, union) for plant_id, data in out.items()}


def normalise_with_all_rows(plant: PlantData) -> PlantData:
    """``plant`` re-z-scored per variable with every row of its training windows (no normal rows assumed).

    The windows already are an affine map of the raw rows, so z-scoring them again equals z-scoring
    the raw rows with the statistics of all training rows; test windows get the same statistics."""
    from common.data.process import fit_zscore

    channels = plant.train.x.shape[1]
    rows = plant.train.x.transpose(0, 2, 1).reshape(-1, channels)
    zscore = fit_zscore(rows, tuple(f"v{i}" for i in range(channels)))

    def apply(x: np.ndarray) -> np.ndarray:
        n, c, length = x.shape
        return zscore.apply(x.transpose(0, 2, 1).reshape(-1, c)).reshape(n, length, c).transpose(0, 2, 1).copy()

    return replace(plant, train=WindowSet(apply(plant.train.x), plant.train.y),
                   test=WindowSet(apply(plant.test.x), plant.test.y))


def _train(x: np.ndarray, y: np.ndarray, num_classes: int, settings: Settings, seed: int, epochs: int | None = None):
    """The scenario's model trained on ``(x, y)`` with its optimiser for ``epochs`` (default ``settings.epochs``)."""
    from common.models import build_model
    from common.training import make_optimizer, train_supervised

    training = settings.scenario.federation.training
    model = build_model(x.shape[1], num_classes, settings.scenario.model, seed=seed)
    module = torch.nn.Sequential(model.extractor, model.reference_head)
    optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer, training.learning_rate,
                               training.weight_decay)
    torch.manual_seed(seed)
    train_supervised(module, x, y, optimizer, epochs=settings.epochs if epochs is None else epochs,
                     batch_size=training.batch_size, seed=seed)
    return model.eval()


def _predict(model: torch.nn.Module, x: np.ndarray) -> np.ndarray:
    from common.training import predict_logits

    return predict_logits(model, x, 512).argmax(1).numpy()


def _auto_choice(model, x: np.ndarray, stats, cfg: AdaptationConfig, seed: int) -> tuple[str, str, dict[str, float]]:
    """(method, reason, gap): what ``auto`` picks for an unlabelled plant, via the registry as a plant does."""
    from common.extensions.transfer_methods import TRANSFER_METHODS
    from common.task import task_named
    from common.transfer.adapt import extract_features
    from common.transfer.gap import domain_gap

    gap = domain_gap(extract_features(model.extractor, x), stats, np.random.default_rng([seed, 7]))
    method, reason = TRANSFER_METHODS.load(AUTO)(task_named(TASK), 0, gap, cfg.gap_threshold)
    return method, reason, gap


def _adapted_arm(model, target: PlantData, stats, methods: list[str], settings: Settings,
                 seed: int) -> dict[str, Any]:
    """Source-only, each method, auto and the guard's kept model on one version of the target."""
    from common.transfer.adapt import adapt
    from common.transfer.selection import agreement, guard

    k = len(target.class_names)
    shared = torch.nn.Sequential(model.extractor, model.reference_head)
    xt, xtest, ytest = target.train.x, target.test.x, target.test.y
    shared_train = _predict(shared, xt)
    chosen, reason, gap = _auto_choice(model, xt, stats, settings.adaptation, seed)
    arm: dict[str, Any] = {"source_only": float(np.mean(_predict(shared, xtest) == ytest)),
                           "auto_chose": chosen, "auto_reason": reason,
                           "gap": {k_: float(v) for k_, v in gap.items()}, "methods": {}}
    for method in dict.fromkeys([*methods, chosen]):
        if method == "none":
            continue
        started = time.perf_counter()
        result = adapt(method, model.extractor, model.reference_head, xt, stats, settings.adaptation, seed=seed)
        verdict = guard(result.selection, k, agreement(_predict(result.model, xt), shared_train))
        arm["methods"][method] = {"accuracy": float(np.mean(_predict(result.model, xtest) == ytest)),
                                  "guard_keeps": verdict.keep_adapted, "guard_reason": verdict.reason,
                                  "wall_s": time.perf_counter() - started}
    if chosen == "none":
        arm["auto"], arm["kept"], arm["guard_keeps"] = arm["source_only"], arm["source_only"], False
    else:
        auto = arm["methods"][chosen]
        arm["auto"] = auto["accuracy"]
        arm["guard_keeps"] = auto["guard_keeps"]
        arm["kept"] = auto["accuracy"] if auto["guard_keeps"] else arm["source_only"]
    return arm


def labelled_epochs(settings: Settings, n_source: int, n_target: int) -> dict[str, int]:
    """Epochs of the two labelled in-mode models: ``same_steps`` (as many optimiser steps as the shared
    model's pretraining: ``round(epochs x n_source / n_target)``; the aim's reference) and ``local_only``
    (the product's local-only budget: rounds x local epochs + personalisation epochs)."""
    scenario = settings.scenario
    extra = scenario.personalisation.epochs if scenario.personalisation.mode != "none" else 0
    return {"same_steps": max(1, round(settings.epochs * n_source / n_target)), "local_only": settings.epochs + extra}


def evaluate_target(plants: dict[str, PlantData], target_id: str, settings: Settings, seed: int,
                    normalisations: tuple[str, ...] = NORMALISATIONS,
                    methods: list[str] | None = None) -> dict[str, Any]:
    """One case: pretrain on the other modes, release their statistics, adapt to ``target_id``, compare
    with its labelled in-mode models. ``methods``: the adapters of the ``normal_rows`` arm (default: all
    label-free ones); the other arms run ``auto``'s choice only. ``all_plants_all_rows`` pretrains a
    second shared model on sources that are normalised with all their training rows too."""
    from simulations.benchmarks.skew import _release

    started = time.perf_counter()
    sources = [p for p in plants if p != target_id]
    target = plants[target_id]
    k = len(target.class_names)
    y = np.concatenate([plants[p].train.y for p in sources])
    row: dict[str, Any] = {"seed": seed, "target": target_id, "sources": sources, "n_source_train": int(len(y)),
                           "n_train_target": int(len(target.train.y)), "n_test": int(len(target.test.y)),
                           "arms": {}}
    shared: dict[bool, tuple[Any, Any]] = {}
    for name in normalisations:
        everywhere = name == "all_plants_all_rows"
        if everywhere not in shared:
            views = {p: normalise_with_all_rows(plants[p]) if everywhere else plants[p] for p in sources}
            x = np.concatenate([views[p].train.x for p in sources])
            model = _train(x, y, k, settings, seed)
            shared[everywhere] = model, _release(model, views, seed, sources)
        model, stats = shared[everywhere]
        view = target if name == "normal_rows" else normalise_with_all_rows(target)
        chosen = (label_free_adapters() if methods is None else methods) if name == "normal_rows" else []
        row["arms"][name] = _adapted_arm(model, view, stats, chosen, settings, seed)
    row["labelled_epochs"] = labelled_epochs(settings, len(y), len(target.train.y))
    row["labelled_in_mode"] = {}
    for name, epochs in row["labelled_epochs"].items():
        local = _train(target.train.x, target.train.y, k, settings, seed, epochs)
        row["labelled_in_mode"][name] = float(np.mean(_predict(torch.nn.Sequential(local.extractor,
                                                                                    local.reference_head),
                                                               target.test.x) == target.test.y))
    row["wall_s"] = time.perf_counter() - started
    return row


# ---------------------------------------------------------------- report
def _per_seed(rows: list[dict[str, Any]], value) -> list[float]:
    """Per seed, the mean over the rows of ``value(row)`` (in %); rows without it are skipped."""
    out = []
    for seed in sorted({r["seed"] for r in rows}):
        got = [value(r) for r in rows if r["seed"] == seed]
        got = [100 * v for v in got if v is not None]
        if got:
            out.append(float(np.mean(got)))
    return out


def _cell(values: list[float], signed: bool = False) -> str:
    if not values:
        return "—"
    mean, std = mean_std(values)
    return f"{mean:+.1f} ± {std:.1f}" if signed else f"{mean:.1f} ± {std:.1f}"


def _method(arm: str, method: str):
    return lambda r: r["arms"].get(arm, {}).get("methods", {}).get(method, {}).get("accuracy")


def _arm(arm: str, key: str):
    return lambda r: r["arms"][arm][key] if arm in r["arms"] else None


def _gap(arm: str):
    return lambda r: (r["arms"][arm]["kept"] - r["labelled_in_mode"][REFERENCE]) if arm in r["arms"] else None


def _table(rows: list[dict[str, Any]], targets: list[str], arm: str, methods: list[str]) -> list[str]:
    head = ["source-only", *methods, "auto", "kept", "labelled in-mode (same steps)", "labelled (local-only budget)",
            "kept − labelled same steps (points)"]
    lines = ["| target | test windows | " + " | ".join(head) + " | auto chose | guard kept adapted |",
             "|---|---:|" + "---:|" * len(head) + "---|---:|"]
    columns = [_arm(arm, "source_only"), *[_method(arm, m) for m in methods], _arm(arm, "auto"), _arm(arm, "kept"),
               lambda r: r["labelled_in_mode"]["same_steps"], lambda r: r["labelled_in_mode"]["local_only"]]
    for target in [*targets, None]:
        sel = [r for r in rows if target is None or r["target"] == target]
        sel = [r for r in sel if arm in r["arms"]]
        if not sel:
            continue
        seeds = sorted({r["seed"] for r in sel})
        n_test = sum(r["n_test"] for r in sel if r["seed"] == seeds[0])
        chose = ", ".join(sorted({str(r["arms"][arm]["auto_chose"]) for r in sel}))
        kept = sum(bool(r["arms"][arm]["guard_keeps"]) for r in sel)
        cells = [_cell(_per_seed(sel, c)) for c in columns] + [_cell(_per_seed(sel, _gap(arm)), signed=True)]
        name = target if target is not None else "**mean of modes**"
        lines.append(f"| {name} | {n_test} | " + " | ".join(cells) + f" | {chose} | {kept} of {len(sel)} |")
    return lines


def _guard_table(rows: list[dict[str, Any]]) -> list[str]:
    """Per arm and method: in how many cases the guard would keep the adapted model, and its accuracy change."""
    lines = ["| normalisation | method | guard keeps adapted | adapted − source-only (points, mean of modes) |",
             "|---|---|---:|---:|"]
    for arm in NORMALISATIONS:
        sel = [r for r in rows if arm in r["arms"]]
        for method in sorted({m for r in sel for m in r["arms"][arm]["methods"]}):
            got = [r for r in sel if method in r["arms"][arm]["methods"]]
            keeps = sum(bool(r["arms"][arm]["methods"][method]["guard_keeps"]) for r in got)
            change = _per_seed(got, lambda r, a=arm, m=method: r["arms"][a]["methods"][m]["accuracy"]
                               - r["arms"][a]["source_only"])
            lines.append(f"| {arm} | {method} | {keeps} of {len(got)} | {_cell(change, signed=True)} |")
    return lines


def _verdict(rows: list[dict[str, Any]], targets: list[str], arm: str) -> list[str]:
    sel = [r for r in rows if arm in r["arms"]]
    if not sel:
        return []
    within = [t for t in targets if np.mean(_per_seed([r for r in sel if r["target"] == t], _gap(arm)))
              >= -100 * AIM_GAP]
    mean_gap = float(np.mean(_per_seed(sel, _gap(arm))))
    met = len(within) == len(targets)
    return [f"- `{arm}`: kept − labelled in-mode, mean of modes {mean_gap:+.1f} points; within "
            f"{100 * AIM_GAP:.0f} points at {len(within)} of {len(targets)} modes ({within}): aim "
            f"**{'met' if met else 'not met'}**."]


def _stride_text(payload: dict[str, Any]) -> str:
    stride = payload.get("train_stride")  # absent in runs before it was recorded: windows did not overlap
    if stride is None or stride == payload["window_rows"]:
        return "train windows do not overlap"
    return f"train windows every {stride} rows"


def markdown(payload: dict[str, Any]) -> str:
    rows, methods = payload["rows"], payload["methods"]
    targets = list(dict.fromkeys(r["target"] for r in rows))
    first = {t: next(r for r in rows if r["target"] == t) for t in targets}
    lines = ["# TEP leave-one-mode-out: transfer to an unlabelled operating mode (issue 18 point 6)", "",
             f"Command: `{payload['command']}`; scenario `simulations/scenarios/tep_4modes.yaml` (29 classes, "
             f"windows of {payload['window_rows']} rows x 53 variables, {_stride_text(payload)}); seeds "
             f"{payload['seeds']}; wall time {payload['wall_s'] / 60:.1f} min.", machine_line(payload["machine"]), "",
             "Each mode in turn is the unlabelled target. The shared model is pretrained on the other modes' "
             f"pooled labelled training windows ({payload['epochs']} epochs = the scenario's rounds x local epochs; "
             "a stand-in for the federation), each source releases DP feature statistics (σ = 3, `transfer.stats` "
             "defaults), and the target adapts with every registered method that needs no labels, default settings "
             "under the sources' class prior, as the target holds every class in balance (`target_prior: sources`), "
             "last epoch). `auto`: the method the plant picks from its measured domain gap. "
             "**kept**: `auto`'s model unless the negative-transfer guard keeps source-only. **labelled in-mode**: "
             "the same architecture trained on the target's own labelled training windows, for as many optimiser "
             "steps as the pretraining (the aim's reference, "
             f"{sorted({r['labelled_epochs']['same_steps'] for r in rows})} epochs) and for the product's "
             f"local-only budget ({sorted({r['labelled_epochs']['local_only'] for r in rows})} epochs). Accuracy % "
             "on the target's test split (last 20 % of every run), per mode mean ± std over seeds; the mean of "
             "modes is the mean over modes per seed, then mean ± std over seeds.", "",
             "Windows: " + "; ".join(f"{t}: {first[t]['n_train_target']} unlabelled train / {first[t]['n_test']} "
                                     f"test (sources {first[t]['n_source_train']} labelled)" for t in targets) + ".",
             "", "Rules (no setting here was chosen by looking at any test split or target label): window length, "
             "model and optimiser are the scenario's (the window length by `bench-tep-classification`'s validation "
             "rule on the sources' own training windows); adaptation settings are the defaults; the method `auto` "
             "uses and the guard's verdict are computed from the target's unlabelled training windows and the "
             "released statistics only.", "",
             "## Target normalised with its own normal rows (`normal_rows`)", "",
             "Assumption: the target plant knows which of its recordings are normal operation (its normal run's "
             "training rows give each variable's mean and std), although it has no fault labels. Without that "
             "knowledge see the next section.", "",
             *_table(rows, targets, "normal_rows", methods), "",
             "## Only the target normalised with all its training rows (`target_all_rows`)", "",
             "No knowledge of which windows are normal at the target: each variable is z-scored with the mean and "
             "std of every row of its training windows (faults included; test windows get the same statistics); "
             "the sources and the shared model as above. Only the method `auto` picks is run.", "",
             *_table(rows, targets, "target_all_rows", []), "",
             "## Every plant normalised with all its training rows (`all_plants_all_rows`)", "",
             "A federation recipe that needs no plant to know its normal rows: the sources too z-score with all "
             "their training rows, and the shared model is pretrained on them so normalised. The labelled in-mode "
             "models stay those above (normal rows: a plant with labels knows its normal run).", "",
             *_table(rows, targets, "all_plants_all_rows", []), "",
             f"## Aim: kept within {100 * AIM_GAP:.0f} points of the labelled in-mode model (issue 18)", "",
             *[line for arm in NORMALISATIONS for line in _verdict(rows, targets, arm)], "",
             "## The negative-transfer guard, method by method", "",
             "Whether the guard (alignment reduced the RFF-MMD² to the released source statistics, and no class "
             "collapse) would keep each method's adapted model, over all cases (the plant applies it to `auto`'s "
             "choice only):", "", *_guard_table(rows), "",
             "The guard's reasons per case are in the JSON (`arms.<arm>.methods.<method>.guard_reason`). For "
             "comparison, `bench-tep-classification` step 3 measures `auto` after a real federation of the "
             "sources (simulations/results/tep_classification.md), against the federated + personalised model.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--targets", nargs="+", default=None, help="target modes (default: every mode)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="pretraining and labelled epochs (default: the scenario's rounds x local_epochs)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1: no spin-waiting on a shared machine)")
    parser.add_argument("--out", default="tep_lomo", help="result name in simulations/results ('' to only print)")
    parser.add_argument("--rerender", action="store_true", help="rewrite the Markdown from the saved JSON")
    tep_modes.add_arguments(parser)
    args = parser.parse_args(argv)
    choice = tep_modes.from_args(args)
    args.out = choice.results_name(args.out, "tep_lomo")
    if args.rerender:
        rerender(args.out, markdown)
        return
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    logger.setLevel(logging.INFO)
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    info = machine()
    choice.check_files()
    settings = load_settings(args.epochs, choice)
    plants = load_modes(settings)
    targets = args.targets or list(plants)
    unknown = [t for t in targets if t not in plants]
    if unknown:
        raise SystemExit(f"--targets: unknown mode(s) {unknown}; choose from {list(plants)}")
    rows = []
    for seed in args.seeds:
        for target in targets:
            row = evaluate_target(plants, target, settings, seed)
            rows.append(row)
            logger.info("seed %d %s: labelled %s | %s (%.0f s)", seed, target, row["labelled_in_mode"],
                        "; ".join(f"{a}: source-only {v['source_only']:.3f}, auto {v['auto_chose']} {v['auto']:.3f}, "
                                  f"kept {v['kept']:.3f}" for a, v in row["arms"].items()), row["wall_s"])
            for arm, values in row["arms"].items():
                logger.info("  %s guard: %s", arm, {m: v["guard_reason"] for m, v in values["methods"].items()})
    payload = {"rows": rows, "seeds": args.seeds, "methods": label_free_adapters(), "epochs": settings.epochs,
               "window_rows": settings.scenario.window.length, "train_stride": settings.scenario.window.stride,
               "aim_gap": AIM_GAP, "machine": info,
               "adaptation": dataclasses.asdict(settings.adaptation),
               "command": command_line("simulations.benchmarks.tep_lomo", parser, args, "bench-tep-lomo"),
               "wall_s": time.perf_counter() - started}
    payload = json.loads(json.dumps(payload, default=str))  # the Markdown reads what the JSON holds
    publish(args.out or None, payload, markdown(payload))


if __name__ == "__main__":
    main()
