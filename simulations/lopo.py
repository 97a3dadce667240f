"""Leave-one-plant-out: each plant in turn becomes the unlabelled target, the others federate.

One command over all choices of target plant: each variant is a full `simulate` run (Flower
simulation engine); the summary table compares the target's accuracy with the federated model
as is (source-only) and after the plant's local adaptation (or personalisation).
"""

from __future__ import annotations

import copy
import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from common.console import phase
from common.fileio import atomic_write_json
from simulations.benchmarks.common import mean_std

logger = logging.getLogger(__name__)


def _absolute_paths(plant: dict[str, Any], base_dir: Path) -> None:
    """Make a plant's relative data path absolute so the variant file can live anywhere."""
    data = plant.get("data", {})
    raw = data.get("path")
    if isinstance(raw, str) and not Path(raw).is_absolute():
        candidate = (base_dir / raw).resolve()
        data["path"] = str(candidate if candidate.exists() else (Path.cwd() / raw).resolve())


def variants(scenario_path: Path, method: str, k_shot: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    """One scenario dict per target plant (that plant unlabelled, or k-shot, with ``method``)."""
    from common.config import load_scenario
    from common.config.yaml_safe import load_yaml

    scenario = load_scenario(scenario_path)  # validates first, with every problem at once
    body = load_yaml(scenario_path)
    if "plants" not in body:
        raise ValueError(f"{scenario_path}: leave-one-plant-out needs an explicit `plants:` list")
    out = []
    for plant in scenario.plants:
        variant = copy.deepcopy(body)
        variant["name"] = f"{body['name']}-target-{plant.id}"
        for raw in variant["plants"]:
            _absolute_paths(raw, scenario_path.resolve().parent)
            if raw["id"] == plant.id:
                raw["labelled_fraction"] = 0.0
                raw.pop("k_shot", None)
                if k_shot:
                    raw["k_shot"] = k_shot
                raw["transfer"] = method
        out.append((plant.id, variant))
    return out


def leave_one_plant_out(scenario_path: str | Path, method: str = "auto", k_shot: int | None = None,
                        runs_dir: str | None = None) -> Path:
    """Run every variant; write summary.json and summary.md; return the summary folder."""
    from simulations.runner import simulate

    scenario_path = Path(scenario_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    root = Path(runs_dir or "runs") / f"lopo-{scenario_path.stem}-{method}-{stamp}"
    (root / "scenarios").mkdir(parents=True)
    rows = []
    for target, variant in variants(scenario_path, method, k_shot):
        variant_path = root / "scenarios" / f"{target}.yaml"
        header = f"# Run: factoryfl simulate {variant_path}\n"
        variant_path.write_text(header + yaml.safe_dump(variant, sort_keys=False))
        logger.info("leave-one-plant-out: target %s", target, extra=phase())
        run_dir = simulate(variant_path, runs_dir=str(root))
        results = json.loads((run_dir / "results.json").read_text())
        plant = results["plants"][target]
        metrics = plant["metrics"]
        adapted = metrics.get("federated_adapted") or metrics.get("federated_personalised") or {}
        rows.append({"target": target, "run_dir": str(run_dir),
                     "source_only": metrics.get("federated_global", {}).get("accuracy"),
                     "adapted": adapted.get("accuracy"), "n_test": plant["n_test"],
                     "method": plant.get("transfer", {}).get("chosen", method),
                     "reason": plant.get("transfer", {}).get("reason", ""),
                     "gap": plant.get("transfer", {}).get("gap", {}),
                     "max_source_epsilon": results.get("privacy", {}).get("max_epsilon")})
    so = mean_std([r["source_only"] for r in rows if r["source_only"] is not None])
    ad = mean_std([r["adapted"] for r in rows if r["adapted"] is not None])
    summary = {"scenario": str(scenario_path), "method": method, "k_shot": k_shot, "targets": rows,
               "mean_source_only": so, "mean_adapted": ad}
    atomic_write_json(root / "summary.json", summary)
    lines = [f"# Leave-one-plant-out: {scenario_path.name}, method `{method}`", "",
             "Each plant in turn is the target (no labels used); the others federate. Accuracy in % on the "
             "target's held-out split; model selection never looks at target labels (last epoch).", "",
             "| target | test windows | source-only | adapted | method used | why |", "|---|---:|---:|---:|---|---|"]
    for r in rows:
        fmt = lambda v: f"{100 * v:.1f}" if v is not None else "—"  # noqa: E731
        lines.append(f"| {r['target']} | {r['n_test']} | {fmt(r['source_only'])} | {fmt(r['adapted'])} | "
                     f"{r['method']} | {r['reason']} |")
    lines.append(f"| **mean ± std** | {sum(r['n_test'] for r in rows)} | {100 * so[0]:.1f} ± {100 * so[1]:.1f} | "
                 f"{100 * ad[0]:.1f} ± {100 * ad[1]:.1f} | | |")
    (root / "summary.md").write_text("\n".join(lines) + "\n")
    return root
