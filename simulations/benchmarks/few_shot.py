"""Few-shot plants: a CWRU plant with k labelled windows per class (k = 1, 5, 10).

For every seed and every choice of target load, the three other loads (all labelled) pretrain
the shared model through a federation (the real ClientApp and coordinator, in process) with
plain FedAvg local updates or with a meta-learning local update (Reptile, first-order
Per-FedAvg). The target then, inside the plant, with its k labelled windows per class:

- ``finetune``: fine-tunes the whole model from the shared model (head at lr, extractor at
  lr × extractor_lr_scale; personalisation mode ``full``);
- ``finetune+shot``: adapts with SHOT on its unlabelled windows plus cross-entropy on its k
  labelled windows (the target has both);
- ``alone``: trains the same model from scratch on its k labelled windows only (local-only);
- with ``--fixmatch``: ``FixMatch`` from the fine-tuned model, and ``alone + FixMatch`` from the
  local-only model (the control without any federation).

The reference is the same plant fully labelled: federated (FedAvg) + fine-tuned, and alone.
No DP here (meta-learning local updates are not DP-SGD; the scenario refuses the pair).
Model selection never looks at the target's held-out labels (last epoch). 9 fault classes.

Run: make bench-few-shot   (writes simulations/results/few_shot.{json,md})
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import yaml

from simulations.benchmarks.common import (
    check_all_trained,
    command_line,
    json_object,
    machine,
    mean_std,
    repo_relative,
    rerender,
    write_results,
)

PRETRAINING = {  # episodes 0: the same optimizer steps per round as FedAvg's local epochs
    "fedavg": {"algorithm": "none"},
    "reptile": {"algorithm": "reptile", "episodes": 0, "shots": 5, "inner_steps": 5,
                "inner_learning_rate": 0.002, "meta_step_size": 0.5},
    "per_fedavg": {"algorithm": "per_fedavg", "episodes": 0, "inner_learning_rate": 0.01},
}
FULLY_LABELLED_EPOCHS = 10  # fine-tuning epochs of the fully labelled reference
COMMANDS = {"few_shot": "make bench-few-shot", "few_shot_synthetic": "make bench-few-shot"}
# FixMatch from the fine-tuned model (what a plant with `transfer: fixmatch` runs: fine-tune on its k
# labels, then FixMatch on its unlabelled windows), with the scenario's transfer.adaptation settings
# and these overrides; None: not measured (--fixmatch).
FIXMATCH: dict | None = None
PERSONALISATION = {"mode": "full", "epochs": 100, "learning_rate": 0.002, "extractor_lr_scale": 0.5,
                   "batch_size": 32}


def _plants(base: dict, base_dir: Path) -> list[dict]:
    """The base scenario's explicit plants, data paths made absolute."""
    from simulations.lopo import _absolute_paths

    plants = json.loads(json.dumps(base["plants"]))
    for plant in plants:
        _absolute_paths(plant, base_dir)
    return plants


def _scenario(base: dict, plants: list[dict], target: str, seed: int, pretraining: str) -> dict:
    body = json.loads(json.dumps(base))
    body.update({"name": f"fewshot-{target}-{pretraining}-s{seed}", "seed": seed})
    body["plants"] = [p for p in plants if p["id"] != target]
    body["evaluation"] = {"baselines": []}
    body["personalisation"] = dict(PERSONALISATION)
    body.pop("privacy", None)
    body.setdefault("federation", {})["meta_learning"] = PRETRAINING[pretraining]
    return body


def _target(base: dict, plants: list[dict], target: str, k: int | None, work: Path):
    """The target plant as a PlantSpec: k labelled windows per class (None: fully labelled)."""
    from common.config.scenario import scenario_from_dict

    raw = json.loads(json.dumps(next(p for p in plants if p["id"] == target)))
    raw["labelled_fraction"] = 1.0 if k is None else 0.0
    raw.pop("k_shot", None)
    if k is not None:
        raw["k_shot"] = k
    body = {**json.loads(json.dumps(base)), "plants": [raw]}
    return scenario_from_dict(body, f"few-shot target {target}", work).plants[0]


def run(base: dict, base_dir: Path, seeds: list[int], targets: list[str], pretrainings: list[str],
        ks: list[int], work: Path) -> dict:
    from client.loader import make_plant
    from client.transfer import personalise
    from common.config import load_scenario, run_spec_from_scenario
    from common.config.schema import AdaptationConfig
    from common.extensions.transfer_methods import TRANSFER_METHODS
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    log = logging.getLogger("few_shot")
    plants = _plants(base, base_dir)
    rows = []
    for seed in seeds:
        for target in targets:
            for pretraining in pretrainings:
                started = time.perf_counter()
                run_dir = work / f"s{seed}-{target}-{pretraining}"
                run_dir.mkdir(parents=True)
                path = run_dir / "scenario.yaml"
                path.write_text(yaml.safe_dump(_scenario(base, plants, target, seed, pretraining)))
                scenario = load_scenario(path)
                check_all_trained(run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir),
                                  f"seed {seed}, target {target}, {pretraining}")
                arrays = {k: v.numpy() for k, v in torch.load(run_dir / "global_model.pt")["arrays"].items()}
                pretrain_s = time.perf_counter() - started
                for k in [*ks, None]:
                    if k is None and pretraining != "fedavg":
                        continue  # the fully labelled reference is taken once, after FedAvg
                    plant = make_plant(scenario, _target(base, plants, target, k, run_dir), str(run_dir))
                    spec = run_spec_from_scenario(scenario, tuple(plant.data.class_names))
                    spec = dataclasses.replace(spec, channels=plant.data.channels)
                    if k is None:  # hundreds of labelled windows: 100 epochs would be 10× the steps
                        spec = dataclasses.replace(spec, personalisation=dataclasses.replace(
                            spec.personalisation, epochs=FULLY_LABELLED_EPOCHS))
                    run_name = f"k{k}"
                    personalise(plant, spec, arrays, run_name, "finetune_full")
                    if pretraining == "fedavg":
                        plant.train_local_only(spec, run_name)
                    evaluation = plant.final_evaluation(spec, arrays, run_name)
                    row = {"seed": seed, "target": target, "pretraining": pretraining, "k": k,
                           "n_labelled": plant.n_labelled, "n_test": len(plant.data.test),
                           "pretrain_seconds": pretrain_s,
                           "shared_model": evaluation["federated_global"]["accuracy"],
                           "finetune": evaluation["federated_personalised"]["accuracy"],
                           "alone": evaluation.get("local_only", {}).get("accuracy")}
                    if k is not None:
                        model = plant.model_for(spec, arrays)
                        cfg = spec.transfer.adaptation
                        mask = plant.data.train.y >= 0
                        # FixMatch's base settings of the committed runs (the overrides replay against them)
                        adapt_cfg = AdaptationConfig(epochs=cfg.epochs, batch_size=cfg.batch_size,
                                                     learning_rate=cfg.learning_rate,
                                                     pseudo_label_weight=cfg.pseudo_label_weight,
                                                     alignment_weight=cfg.alignment_weight, confidence_threshold=0.95,
                                                     distribution_alignment=False, balanced_pseudo_labels=False)
                        result = TRANSFER_METHODS.load("shot")(model.extractor, model.reference_head,
                                                               plant.data.train.x, None, adapt_cfg, seed=seed,
                                                               labelled=(plant.data.train.x[mask],
                                                                         plant.data.train.y[mask]))
                        row["finetune+shot"] = plant.evaluate(result.model, spec)["accuracy"]
                        if FIXMATCH is not None:
                            fixmatch_cfg = dataclasses.replace(adapt_cfg, **fixmatch_overrides(FIXMATCH))
                            personal = plant.personal_model(spec, run_name)  # fine-tuned above: start there
                            if personal is None:
                                raise RuntimeError(f"{target}: no personal model saved in run {run_name}")
                            result = TRANSFER_METHODS.load("fixmatch")(
                                personal.extractor, personal.head, plant.data.train.x, None, fixmatch_cfg, seed=seed,
                                labelled=(plant.data.train.x[mask], plant.data.train.y[mask]))
                            row["fixmatch"] = plant.evaluate(result.model, spec)["accuracy"]
                            alone = plant.local_only_model(spec, run_name)  # the control: no federation at all
                            if alone is not None:
                                result = TRANSFER_METHODS.load("fixmatch")(
                                    alone.extractor, alone.reference_head, plant.data.train.x, None, fixmatch_cfg,
                                    seed=seed, labelled=(plant.data.train.x[mask], plant.data.train.y[mask]))
                                row["alone+fixmatch"] = plant.evaluate(result.model, spec)["accuracy"]
                    rows.append(row)
                    log.info("s%d %s %s k=%s: shared %.3f finetune %.3f shot %s fixmatch %s alone %s", seed, target,
                             pretraining, k, row["shared_model"], row["finetune"],
                             f"{row['finetune+shot']:.3f}" if "finetune+shot" in row else "-",
                             f"{row['fixmatch']:.3f}" if "fixmatch" in row else "-",
                             f"{row['alone']:.3f}" if row["alone"] is not None else "-")
                log.info("%s %s s%d done in %.1fs", target, pretraining, seed, time.perf_counter() - started)
    return {"machine": machine(), "rows": rows, "seeds": seeds, "targets": targets, "pretraining": pretrainings,
            "ks": ks, "pretraining_settings": {p: PRETRAINING[p] for p in pretrainings},
            "personalisation": PERSONALISATION, "fixmatch": FIXMATCH, "fully_labelled_epochs": FULLY_LABELLED_EPOCHS,
            "model": base.get("model", {}), "federation": base.get("federation", {}),
            "note": "accuracy on the target's held-out split, last epoch; no DP"}


def _cell(rows: list[dict], key: str, seeds: list[int]) -> str:
    """mean ± std over seeds of the per-seed mean over targets."""
    per_seed = [np.mean([100 * r[key] for r in rows if r["seed"] == s and r.get(key) is not None])
                for s in seeds if any(r["seed"] == s and r.get(key) is not None for r in rows)]
    if not per_seed:
        return "—"
    mu, sd = mean_std([float(v) for v in per_seed])
    return f"{mu:.1f} ± {sd:.1f}"


def markdown(payload: dict) -> str:
    rows, seeds = payload["rows"], payload["seeds"]
    full = [r for r in rows if r["k"] is None]
    fixmatch = any("fixmatch" in r for r in rows)
    alone_fixmatch = any("alone+fixmatch" in r for r in rows)
    n_test = sum(r["n_test"] for r in full if r["seed"] == seeds[0])
    lines = [f"# Few-shot plants: `{payload['base_scenario']}`", "",
             f"Command: `{payload['command']}`. For each target plant, the other plants (labelled as in the "
             "scenario) pretrain through a federation; the target has k labelled windows per class plus its "
             "unlabelled windows. "
             f"Accuracy (%) on the target's held-out split ({n_test} test windows of "
             f"target{'s' if len(payload['targets']) > 1 else ''} {', '.join(payload['targets'])}), mean over targets, "
             f"± std over seeds {seeds}; last epoch, no "
             "target test labels used for selection; no DP. *Alone* does not depend on the pretraining "
             "(shown on the fedavg rows).",
             f"Machine: {payload['machine']['platform']}, {payload['machine']['cpu_count']} CPUs.",
             f"Fine-tuning: {payload['personalisation']} ({payload.get('fully_labelled_epochs')} epochs for the "
             "fully labelled reference). Pretraining local updates: "
             f"{payload['pretraining_settings']}."
             + (f" FixMatch (from the fine-tuned model, the k labelled and all unlabelled windows): the scenario's "
                f"transfer.adaptation settings with {payload['fixmatch']}." if payload.get("fixmatch") is not None
                else ""), "",
             "| k per class | pretraining | shared model as is | fine-tune | fine-tune + SHOT (unlabelled) | "
             + ("FixMatch (unlabelled) | " if fixmatch else "") + "alone |"
             + (" alone + FixMatch (no federation) |" if alone_fixmatch else ""),
             "|---:|---|---:|---:|---:|" + ("---:|" if fixmatch else "") + "---:|"
             + ("---:|" if alone_fixmatch else "")]
    for k in payload["ks"]:
        for pretraining in payload["pretraining"]:
            sel = [r for r in rows if r["k"] == k and r["pretraining"] == pretraining]
            if sel:
                lines.append(f"| {k} | {pretraining} | {_cell(sel, 'shared_model', seeds)} | "
                             f"{_cell(sel, 'finetune', seeds)} | {_cell(sel, 'finetune+shot', seeds)} | "
                             + (f"{_cell(sel, 'fixmatch', seeds)} | " if fixmatch else "")
                             + f"{_cell(sel, 'alone', seeds)} |"
                             + (f" {_cell(sel, 'alone+fixmatch', seeds)} |" if alone_fixmatch else ""))
    if full:
        lines.append(f"| all labels | fedavg | {_cell(full, 'shared_model', seeds)} | {_cell(full, 'finetune', seeds)} "
                     "| — | " + ("— | " if fixmatch else "") + f"{_cell(full, 'alone', seeds)} |"
                     + (" — |" if alone_fixmatch else ""))
    lines += ["", "## Per target (fine-tune, mean over seeds)", "",
              "| target | " + " | ".join(f"k={k} {p}" for k in payload["ks"] for p in payload["pretraining"])
              + " | all labels |", "|---|" + "---:|" * (len(payload["ks"]) * len(payload["pretraining"]) + 1)]
    for target in payload["targets"]:
        cells = []
        for k in payload["ks"]:
            for p in payload["pretraining"]:
                sel = [100 * r["finetune"] for r in rows if r["target"] == target and r["k"] == k
                       and r["pretraining"] == p]
                cells.append(f"{np.mean(sel):.1f}" if sel else "—")
        sel = [100 * r["finetune"] for r in full if r["target"] == target]
        cells.append(f"{np.mean(sel):.1f}" if sel else "—")
        lines.append(f"| {target} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def fixmatch_overrides(raw: dict) -> dict:
    """``--fixmatch`` JSON as AdaptationConfig overrides, checked before any federation runs: unknown keys
    and bad values exit naming the flag, the key and the choices; augmentation mappings become
    AugmentConfig."""
    from common.config.schema import AdaptationConfig, AugmentConfig

    known = {f.name for f in dataclasses.fields(AdaptationConfig)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SystemExit(f"--fixmatch: unknown key(s) {unknown}; use AdaptationConfig fields, e.g. learning_rate, "
                         f"epochs, confidence_threshold, distribution_alignment (all: {sorted(known)})")
    out = dict(raw)
    for key in ("weak_augment", "strong_augment"):
        if key in out:
            try:
                out[key] = AugmentConfig(**out[key])
            except TypeError as err:
                raise SystemExit(
                    f"--fixmatch: {key} must map noise_std, scale_std, stretch, probability ({err})") from None
            if out[key].problems():
                raise SystemExit(f"--fixmatch: {key}: {'; '.join(out[key].problems())}")
    try:
        problems = AdaptationConfig(**out).problems()
    except (TypeError, ValueError) as err:
        raise SystemExit(f"--fixmatch: {err}") from None
    if problems:
        raise SystemExit(f"--fixmatch: {'; '.join(problems)}")
    return out


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=str(root / "scenarios/cwru_4plants.yaml"),
                        help="scenario with an explicit plant list: its plants, model and federation settings")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--targets", default="", help="comma list of plant ids (default: every plant)")
    parser.add_argument("--pretraining", default="fedavg,reptile,per_fedavg")
    parser.add_argument("--ks", default="1,5,10")
    parser.add_argument("--finetune", default=None, type=json_object("--finetune"),
                        help="JSON overrides of the fine-tuning settings, e.g. '{\"epochs\": 100}'")
    parser.add_argument("--fixmatch", default=None, type=json_object("--fixmatch"),
                        help="also measure FixMatch after fine-tuning: JSON overrides of its AdaptationConfig, "
                        "e.g. '{\"learning_rate\": 0.002}' ('{}' for the scenario's adaptation settings)")
    parser.add_argument("--window", default=None, type=json_object("--window"),
                        help="JSON overrides of the scenario's window settings, e.g. '{\"resample_to_hz\": 12000}'")
    parser.add_argument("--name", default="few_shot", help="results file name")
    parser.add_argument("--render", action="store_true", help="rewrite the Markdown from the saved JSON only")
    args = parser.parse_args()
    if args.render:
        return rerender(args.name, markdown)
    if args.finetune:
        PERSONALISATION.update(args.finetune)
    if args.fixmatch is not None:
        global FIXMATCH
        fixmatch_overrides(args.fixmatch)  # exits on a bad key or value before any federation runs
        FIXMATCH = dict(args.fixmatch)     # as given: the results record it as JSON
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("server", "client", "common"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    torch.set_num_threads(1)
    from common.config import load_scenario

    base_path = Path(args.base)
    scenario = load_scenario(base_path)  # validates, and says which data files are missing
    base = yaml.safe_load(base_path.read_text())
    if "plants" not in base:
        raise SystemExit(f"{base_path}: the few-shot benchmark needs an explicit `plants:` list")
    if args.window:
        base["window"] = {**base.get("window", {}), **args.window}
    targets = args.targets.split(",") if args.targets else [p.id for p in scenario.plants]
    work = Path(tempfile.mkdtemp(prefix="ffl-fewshot-"))
    try:
        payload = run(base, base_path.resolve().parent, [int(s) for s in args.seeds.split(",")], targets,
                      args.pretraining.split(","), [int(k) for k in args.ks.split(",")], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    payload["base_scenario"] = repo_relative(base_path)
    payload["command"] = COMMANDS.get(args.name, command_line("simulations.benchmarks.few_shot", parser, args))
    json_path, md_path = write_results(args.name, payload, markdown(payload))
    print(md_path.read_text())
    print(f"wrote {json_path} and {md_path}")


if __name__ == "__main__":
    main()
