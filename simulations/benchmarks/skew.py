"""Skewed and partial unlabelled targets (issue 17, points 3 and 2): the target's class mix differs.

**Skewed** (point 3): most of a target's windows are normal.
The synthetic plants of ``simulations/scenarios/synthetic_4plants.yaml``: plant-a, plant-b and plant-d are
labelled sources, plant-c the unlabelled target (chosen before any run: plant-d samples at another
rate, a separate problem). The shared model is pretrained on the sources' pooled training windows
(a stand-in for the federation, to keep the run to minutes); each source releases its feature
statistics under DP (``transfer.stats`` defaults, σ = 3) and the target uses their aggregate.

The target's unlabelled training windows come in two versions of the same size: **balanced**
(equal windows per class) and **skewed** (80 % normal, the faults sharing the rest). Each is
adapted with ``mmd`` (what ``auto`` picks for an unlabelled target with source statistics) and the
default settings (``AdaptationConfig()``) under each class prior ``transfer.adaptation.target_prior``:
``sources`` (the sources' prior), ``estimate`` (EM on the predictions, absent classes
dropped) and ``auto`` (the default: both, the model with the lower mean prediction entropy kept); the
**product path** is the default followed by the plant's negative-transfer guard (``common.transfer.selection.guard``,
as ``client/selection.py`` applies it: a rejected adaptation keeps the source-only model). Every model
is scored on the target's held-out test split, balanced over classes (so accuracy = mean per-class
recall) and on a skewed subsample of it (80 % normal, as the plant's own data). No target label
is used for any choice: settings are the defaults, the model is the last epoch.

**Partial** (point 2, with ``--cwru-dir``): CWRU leave-one-plant-out, every load in turn the
target; the other three loads (all 9 fault classes) pretrain the shared model and release DP
statistics; the target holds 4 of the 9 classes (a random subset per seed and target, drawn before
any run) in its unlabelled training windows and its test split. Source-only vs ``mmd`` under each
prior and the product path; then the same with the target declaring its 4 classes (its class list,
as a plant without labels declares the classes its windows hold: the prior restricted to them); as
a control, the same targets with all their classes.

Run: make bench-skew   (writes simulations/results/skew.{json,md})
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
import yaml

from common.config.schema import TargetPriorName
from common.data.locate import default_dir
from simulations.benchmarks.common import command_line, machine, machine_line, mean_std, publish

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "simulations" / "scenarios" / "synthetic_4plants.yaml"
SOURCES = ("plant-a", "plant-b", "plant-d")
TARGET = "plant-c"
NORMAL_SHARE = 0.8
METHOD = "mmd"
PRIORS: tuple[TargetPriorName, ...] = ("sources", "estimate", "auto")
SEEDS = (0, 1, 2)
CWRU_LOADS = ("load0", "load1", "load2", "load3")
PARTIAL_CLASSES = 4


def _plants(seed: int, windows_per_class: int) -> dict[str, Any]:
    """The scenario's synthetic plants, their generator seeds offset by ``seed``."""
    from common.data import SyntheticParams, WindowSpec, load_synthetic

    body = yaml.safe_load(SCENARIO.read_text())
    window = WindowSpec(**body["window"])
    out = {}
    for plant in body["plants"]:
        params = {k: v for k, v in plant["data"].items() if k != "source"}
        params["seed"] = int(params.get("seed", 0)) + 1000 * seed
        out[plant["id"]] = load_synthetic(plant["id"], SyntheticParams(num_windows_per_class=windows_per_class,
                                                                       **params), window)
    return out


def _skewed_indices(y: np.ndarray, normal: int, share: float, rng: np.random.Generator,
                    total: int | None = None) -> np.ndarray:
    """Indices with ``share`` of them class ``normal`` and the rest split evenly over the other classes."""
    classes = np.unique(y)
    n_total = total if total is not None else int(np.sum(y == normal) / share)
    n_normal = int(round(share * n_total))
    n_fault = (n_total - n_normal) // (len(classes) - 1)
    picks = [rng.choice(np.flatnonzero(y == normal), n_normal, replace=False)]
    picks += [rng.choice(np.flatnonzero(y == c), n_fault, replace=False) for c in classes if c != normal]
    return np.sort(np.concatenate(picks))


def _balanced_indices(y: np.ndarray, per_class: int, rng: np.random.Generator) -> np.ndarray:
    return np.sort(np.concatenate([rng.choice(np.flatnonzero(y == c), per_class, replace=False)
                                   for c in np.unique(y)]))


def _pretrain(x: np.ndarray, y: np.ndarray, num_classes: int, seed: int, epochs: int):
    from common.config.schema import ModelConfig
    from common.models import build_model

    model = build_model(x.shape[1], num_classes, ModelConfig(), seed=seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    gen = torch.Generator().manual_seed(seed)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))
    model.train()
    for _ in range(epochs):
        for idx in torch.randperm(len(xt), generator=gen).split(32):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(xt[idx]), yt[idx]).backward()
            opt.step()
    return model.eval()


def _release(model, plants: dict, seed: int, sources: tuple[str, ...] | list[str] = SOURCES):
    from common.config.schema import StatsReleaseConfig
    from common.transfer.adapt import extract_features
    from common.transfer.stats import RffSpec, aggregate, release_feature_stats

    cfg = StatsReleaseConfig()
    rff = RffSpec(seed=cfg.rff_seed, num_features=cfg.rff_features, bandwidth=cfg.rff_bandwidth)
    released = []
    for i, pid in enumerate(sources):
        data = plants[pid]
        feats = extract_features(model.extractor, data.train.x).numpy()
        stats, _ = release_feature_stats(feats, data.train.y, len(data.class_names),
                                         noise_multiplier=cfg.noise_multiplier, clip_norm=cfg.clip_norm, rff=rff,
                                         rng=np.random.default_rng([seed, i]))
        released.append(stats)
    return aggregate(released)


def _accuracy(model: torch.nn.Module, x: np.ndarray, y: np.ndarray) -> float:
    with torch.no_grad():
        return float((model(torch.from_numpy(x)).argmax(1).numpy() == y).mean())


def run_one(seed: int, windows_per_class: int, pretrain_epochs: int) -> dict[str, Any]:
    """One seed: pretrain, release, adapt the balanced and the skewed target with and without the estimate."""
    from common.transfer.adapt import PRIOR_KEY

    started = time.perf_counter()
    plants = _plants(seed, windows_per_class)
    x = np.concatenate([plants[p].train.x for p in SOURCES])
    y = np.concatenate([plants[p].train.y for p in SOURCES])
    target = plants[TARGET]
    classes = target.class_names
    normal = classes.index("normal")
    model = _pretrain(x, y, len(classes), seed, pretrain_epochs)
    source = _release(model, plants, seed)
    rng = np.random.default_rng([seed, 17])
    skewed = _skewed_indices(target.train.y, normal, NORMAL_SHARE, rng)
    balanced = _balanced_indices(target.train.y, len(skewed) // len(classes), rng)
    test_balanced = _balanced_indices(target.test.y, int(np.bincount(target.test.y).min()), rng)
    test_skewed = _skewed_indices(target.test.y[test_balanced], normal, NORMAL_SHARE, rng)
    tests = {"balanced_test": (target.test.x[test_balanced], target.test.y[test_balanced]),
             "skewed_test": (target.test.x[test_balanced][test_skewed], target.test.y[test_balanced][test_skewed])}

    def score(m: torch.nn.Module) -> dict[str, float]:
        return {name: _accuracy(m, tx, ty) for name, (tx, ty) in tests.items()}

    out: dict[str, Any] = {"seed": seed, "n_train": {"balanced": len(balanced), "skewed": len(skewed)},
                           "n_test": {k: len(v[1]) for k, v in tests.items()},
                           "source_only": score(torch.nn.Sequential(model.extractor, model.reference_head))}
    for name, idx in (("balanced", balanced), ("skewed", skewed)):
        for prior, result in _adapted(model, target.train.x[idx], source, len(classes), seed).items():
            row = score(result.model) if result is not None else dict(out["source_only"])
            if result is not None and f"{PRIOR_KEY}{normal}" in result.selection:
                row["estimated_normal_share"] = result.selection[f"{PRIOR_KEY}{normal}"]
            row |= _record(result)
            out[f"{name}/{prior}"] = row
    out["wall_s"] = time.perf_counter() - started
    return out


def _adapted(model, x: np.ndarray, source, num_classes: int, seed: int,
             declared: np.ndarray | None = None) -> dict[str, Any]:
    """``mmd`` under every prior, and the product path: the default prior, then the guard (None: source-only kept).

    ``declared``: the classes the target declares in its class list; adds ``declared`` (the sources'
    prior restricted to them, as ``client/transfer.py`` adapts a plant without labels whose class
    list is a subset of the federation's) and ``declared_product`` (the default prior restricted to
    them, then the guard)."""
    from common.config.schema import AdaptationConfig
    from common.labelset import own_classes
    from common.transfer.adapt import adapt
    from common.transfer.selection import guard

    out: dict[str, Any] = {}
    for prior in PRIORS:
        cfg = dataclasses.replace(AdaptationConfig(), target_prior=prior)
        out[prior] = adapt(METHOD, model.extractor, model.reference_head, x, source, cfg, seed=seed)
    default = out[AdaptationConfig().target_prior]
    out["product"] = default if guard(default.selection, num_classes).keep_adapted else None
    if declared is not None:
        with own_classes(declared):
            out["declared"] = adapt(METHOD, model.extractor, model.reference_head, x, source,
                                    dataclasses.replace(AdaptationConfig(), target_prior="sources"), seed=seed)
            plant_path = adapt(METHOD, model.extractor, model.reference_head, x, source, AdaptationConfig(), seed=seed)
        out["declared_product"] = plant_path if guard(plant_path.selection, num_classes).keep_adapted else None
    return out


def _record(result) -> dict[str, Any]:
    """What the plant would log: which prior ``auto`` kept, the guard's inputs (label-free)."""
    if result is None:
        return {"kept": "source_only"}
    from common.transfer.adapt import PRIOR_CHOICE_KEY

    sel = result.selection
    return {"kept": "adapted", "estimate_used": sel.get(PRIOR_CHOICE_KEY),
            "entropy_sources_arm": sel.get("target_mean_entropy_sources_arm"),
            "entropy_estimate_arm": sel.get("target_mean_entropy_estimate_arm")}


def run_partial(seed: int, target_id: str, cwru_dir: Path, pretrain_epochs: int) -> dict[str, Any]:
    """One seed and target load: pretrain on the other loads, adapt the 4-class target."""
    from common.data import CwruParams, WindowSpec, load_cwru
    from common.transfer.adapt import PRIOR_KEY

    started = time.perf_counter()
    window = WindowSpec(length=1024, test_fraction=0.2)
    plants = {lid: load_cwru(lid, CwruParams(path=str(cwru_dir / f"{lid}.npz")), window) for lid in CWRU_LOADS}
    sources = [lid for lid in CWRU_LOADS if lid != target_id]
    x = np.concatenate([plants[p].train.x for p in sources])
    y = np.concatenate([plants[p].train.y for p in sources])
    target = plants[target_id]
    k = len(target.class_names)
    model = _pretrain(x, y, k, seed, pretrain_epochs)
    source = _release(model, plants, seed, sources)
    kept = np.sort(np.random.default_rng([seed, CWRU_LOADS.index(target_id), 4]).choice(k, PARTIAL_CLASSES,
                                                                                         replace=False))
    train = np.isin(target.train.y, kept)
    test = np.isin(target.test.y, kept)
    xt, xtest, ytest = target.train.x[train], target.test.x[test], target.test.y[test]
    out: dict[str, Any] = {"seed": seed, "target": target_id, "classes": [target.class_names[c] for c in kept],
                           "n_train": int(train.sum()), "n_test": int(test.sum()),
                           "source_only": _accuracy(torch.nn.Sequential(model.extractor, model.reference_head),
                                                    xtest, ytest)}
    for prior, result in _adapted(model, xt, source, k, seed, declared=np.isin(np.arange(k), kept)).items():
        row: dict[str, Any] = {"accuracy": _accuracy(result.model, xtest, ytest) if result is not None
                               else out["source_only"]} | _record(result)
        if result is not None and f"{PRIOR_KEY}0" in result.selection:
            estimate = np.array([result.selection[f"{PRIOR_KEY}{c}"] for c in range(k)])
            row["absent_mass"] = float(np.delete(estimate, kept).sum())
        out[prior] = row
    # the control: the same target with all its classes (balanced, as in leave-one-plant-out)
    shared = torch.nn.Sequential(model.extractor, model.reference_head)
    full: dict[str, Any] = {"n_test": len(target.test.y),
                            "source_only": _accuracy(shared, target.test.x, target.test.y)}
    for prior, result in _adapted(model, target.train.x, source, k, seed).items():
        full[prior] = {"accuracy": _accuracy(result.model, target.test.x, target.test.y) if result is not None
                       else full["source_only"]} | _record(result)
    out["full"] = full
    out["wall_s"] = time.perf_counter() - started
    return out


LABELS = {"sources": "mmd, sources' prior", "estimate": "mmd, EM estimate", "auto": "mmd, auto (default)",
          "product": "product path: default (auto) + guard",
          "declared": "mmd, sources' prior restricted to the target's declared classes",
          "declared_product": "product path when the target declares its classes: default (auto) restricted to them "
                              "+ guard"}
RULE = ("Rules fixed before any run, never looking at target labels: `auto` keeps, of the models adapted under the "
        "sources' prior and under the EM estimate, the one with the lower mean prediction entropy on the target's "
        "own unlabelled windows (a tie keeps the sources' prior); a class whose estimated share is below 0.1 of a "
        "uniform share (0.1/K) counts as absent; the guard is the product's (MMD² to the sources' statistics as "
        "re-mixed for the kept prior must fall, no halving of the effective number of predicted classes).")


def _cell(runs: list[dict], key: str, metric: str) -> str:
    mean, std = mean_std([100 * r[key][metric] for r in runs])
    return f"{mean:.1f} ± {std:.1f}"


def _count(runs: list[dict], key: str, field: str, value: Any) -> int:
    return sum(r[key].get(field) == value for r in runs)


def markdown(payload: dict[str, Any]) -> str:
    """Per prior and target version: accuracy on the balanced and the skewed test split."""
    runs = payload["runs"]
    n = runs[0]
    lines = [
        "# Skewed and partial targets (issue 17, points 3 and 2)", "",
        f"Synthetic plants of `synthetic_4plants.yaml`: sources {', '.join(SOURCES)} (pooled pretraining, DP "
        f"statistics release σ = 3), target {TARGET}. Unlabelled target windows: balanced ({n['n_train']['balanced']}) "
        f"or skewed ({n['n_train']['skewed']}, {NORMAL_SHARE:.0%} normal). Test windows per seed: "
        f"{n['n_test']['balanced_test']} balanced over classes, and a {n['n_test']['skewed_test']}-window "
        f"{NORMAL_SHARE:.0%}-normal subsample of them. Seeds {payload['seeds']}, accuracy % mean ± std over seeds. "
        f"Method `{METHOD}` (what `auto` picks for an unlabelled target with source statistics), default settings, "
        "last epoch.", "", RULE, "",
        "| model | target windows | balanced test | skewed test | estimated normal share | estimate / adapted kept |",
        "|---|---|---|---|---|---|",
        f"| source only | – | {_cell(runs, 'source_only', 'balanced_test')} | "
        f"{_cell(runs, 'source_only', 'skewed_test')} | – | – |",
    ]
    for prior in (*PRIORS, "product"):
        for name in ("balanced", "skewed"):
            key = f"{name}/{prior}"
            shares = [100 * r[key]["estimated_normal_share"] for r in runs if "estimated_normal_share" in r[key]]
            share = "–" if not shares else "{:.1f} ± {:.1f} %".format(*mean_std(shares))
            kept = "–"
            if prior == "auto":
                kept = f"estimate in {_count(runs, key, 'estimate_used', 1.0)} of {len(runs)}"
            elif prior == "product":
                kept = f"adapted in {_count(runs, key, 'kept', 'adapted')} of {len(runs)}"
            lines.append(f"| {LABELS[prior]} | {name} | {_cell(runs, key, 'balanced_test')} | "
                         f"{_cell(runs, key, 'skewed_test')} | {share} | {kept} |")
    lines += ["", f"On the skewed test split, calling every window normal scores {NORMAL_SHARE:.0%}. Pretraining runs "
              "25 epochs: a first one-seed run at 8 epochs had source-only 38 % on this target's test split, and the "
              "epochs were raised once after it (the only setting changed after looking at a target number; no "
              "adaptation setting was).", "",
              "## Aim: skewed target within 2 points of the balanced target (balanced test split, same model)", ""]
    so, _ = mean_std([100 * r["source_only"]["balanced_test"] for r in runs])
    for prior in (*PRIORS, "product"):
        ref, _ = mean_std([100 * r[f"balanced/{prior}"]["balanced_test"] for r in runs])
        m, _ = mean_std([100 * r[f"skewed/{prior}"]["balanced_test"] for r in runs])
        verdict = "met" if m >= ref - 2 else "not met"
        lines.append(f"- {LABELS[prior]}: skewed {m:.1f} vs balanced {ref:.1f} ({m - ref:+.1f}): {verdict}; "
                     f"vs source-only {so:.1f}: balanced {ref - so:+.1f}, skewed {m - so:+.1f}")
    lines += _partial_markdown(payload.get("partial") or [])
    lines += ["", f"Command: `{payload['command']}`", "", machine_line(payload["machine"]), ""]
    return "\n".join(lines)


def _partial_markdown(runs: list[dict]) -> list[str]:
    if not runs:
        return []
    seeds = sorted({r["seed"] for r in runs})

    def cell(key: str, field: str = "accuracy") -> tuple[float, str]:
        per_seed = [float(np.mean([100 * (r[key] if key == "source_only" else r[key][field])
                                   for r in runs if r["seed"] == s])) for s in seeds]
        mean, std = mean_std(per_seed)
        return mean, f"{mean:.1f} ± {std:.1f}"

    n_test = sorted({r["n_test"] for r in runs})
    lines = ["", "## Partial target: CWRU leave-one-load-out, target holding 4 of 9 classes", "",
             f"Every load in turn the target ({len(runs)} target × seed cases, seeds {seeds}); pooled pretraining "
             "on the other three loads, DP statistics release σ = 3. Test windows per case: "
             f"{n_test[0]}–{n_test[-1]} (the target's 4 classes). Accuracy % over the target's 4 classes: mean "
             "over targets per seed, then mean ± std over seeds.", "",
             "| model | accuracy | estimated mass on absent classes | below source-only | estimate / adapted kept |",
             "|---|---|---|---|---|"]
    ref, text = cell("source_only")
    lines.append(f"| source only | {text} | – | – | – |")
    verdicts = []
    for prior in (*PRIORS, "product", "declared", "declared_product"):
        if not all(prior in r for r in runs):
            continue
        mean, text = cell(prior)
        masses = [r[prior] for r in runs if "absent_mass" in r[prior]]
        share = "–" if not masses else "{:.1f} ± {:.1f} %".format(*mean_std([100 * m["absent_mass"] for m in masses]))
        below = sum(r[prior]["accuracy"] < r["source_only"] for r in runs)
        kept = "–"
        if prior == "auto":
            kept = f"estimate in {_count(runs, prior, 'estimate_used', 1.0)} of {len(runs)}"
        elif prior.endswith("product"):
            kept = f"adapted in {_count(runs, prior, 'kept', 'adapted')} of {len(runs)}"
        lines.append(f"| {LABELS[prior]} | {text} | {share} | {below} of {len(runs)} | {kept} |")
        verdicts.append(f"- {LABELS[prior]}: {mean - ref:+.1f} points vs source-only (aim ≥ +3: "
                        f"{'met' if mean >= ref + 3 else 'not met'}); below source-only in {below} of "
                        f"{len(runs)} cases (aim: never: {'met' if below == 0 else 'not met'})")
    return lines + ["", *verdicts] + _full_markdown([r["full"] for r in runs if "full" in r], seeds, runs)


def _full_markdown(full: list[dict], seeds: list[int], runs: list[dict]) -> list[str]:
    """The control: the same targets holding all 9 classes (what leave-one-plant-out adapts)."""
    if not full:
        return []

    def per_seed(key: str) -> tuple[float, str]:
        values = [float(np.mean([100 * (f[key] if key == "source_only" else f[key]["accuracy"])
                                 for f, r in zip(full, runs, strict=True) if r["seed"] == s])) for s in seeds]
        mean, std = mean_std(values)
        return mean, f"{mean:.1f} ± {std:.1f}"

    n_test = sorted({f["n_test"] for f in full})
    ref, text = per_seed("source_only")
    lines = ["", "### Control: the same targets holding all 9 classes", "",
             f"Same pretrained models and targets, all classes in the unlabelled windows and the test split "
             f"({n_test[0]}–{n_test[-1]} test windows per case). Here the sources' prior is right and the EM "
             "estimate follows the shared model's confusions.", "",
             "| model | accuracy | below source-only | estimate / adapted kept |", "|---|---|---|---|",
             f"| source only | {text} | – | – |"]
    for prior in (*PRIORS, "product"):
        mean, text = per_seed(prior)
        below = sum(f[prior]["accuracy"] < f["source_only"] for f in full)
        kept = "–"
        if prior == "auto":
            kept = f"estimate in {sum(f[prior].get('estimate_used') == 1.0 for f in full)} of {len(full)}"
        elif prior == "product":
            kept = f"adapted in {sum(f[prior].get('kept') == 'adapted' for f in full)} of {len(full)}"
        lines.append(f"| {LABELS[prior]} | {text} ({mean - ref:+.1f}) | {below} of {len(full)} | {kept} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--windows-per-class", type=int, default=160)
    parser.add_argument("--pretrain-epochs", type=int, default=25)
    parser.add_argument("--cwru-dir", default=str(default_dir("cwru")),
                        help="CWRU loads for the partial-target part ('' to skip it)")
    parser.add_argument("--partial-pretrain-epochs", type=int, default=10)
    parser.add_argument("--out", default="skew", help="result name in simulations/results ('' to only print)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    torch.set_num_threads(1)
    runs = []
    for seed in args.seeds:
        runs.append(run_one(seed, args.windows_per_class, args.pretrain_epochs))
        logger.warning("seed %d done in %.0f s", seed, runs[-1]["wall_s"])
    partial = []
    if args.cwru_dir:
        for seed in args.seeds:
            for target_id in CWRU_LOADS:
                partial.append(run_partial(seed, target_id, Path(args.cwru_dir), args.partial_pretrain_epochs))
                logger.warning("partial %s seed %d done in %.0f s", target_id, seed, partial[-1]["wall_s"])
    payload = {"runs": runs, "partial": partial, "seeds": args.seeds, "machine": machine(),
               "command": command_line("simulations.benchmarks.skew", parser, args, "bench-skew")}
    publish(args.out or None, payload, markdown(payload))


if __name__ == "__main__":
    main()
