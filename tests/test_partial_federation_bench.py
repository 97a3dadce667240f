"""bench-partial-federation's own logic (simulations/benchmarks/partial_federation.py): the partial target it
builds is a valid `directory` plant declaring all 9 classes with recordings of 4, and the aim verdicts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from simulations.benchmarks import partial_federation as pf


def test_the_held_classes_are_four_of_nine_fixed_per_seed_and_load():
    drawn = {(seed, load): pf.kept_classes(seed, load) for seed in (0, 1, 2) for load in pf.LOADS}
    assert all(len(c) == 4 and set(c) <= set(pf.CLASSES) for c in drawn.values())
    assert drawn[(0, "load0")] == pf.kept_classes(0, "load0")
    assert len({tuple(c) for c in drawn.values()}) > 1


def test_the_target_is_a_directory_plant_declaring_all_classes_with_recordings_of_its_own(tmp_path: Path):
    from common.data import WindowSpec
    from common.data.directory import DirectoryParams, load_directory

    rng = np.random.default_rng(0)
    npz = tmp_path / "load0.npz"
    np.savez(npz, fs_hz=np.float64(12000.0), **{c: rng.standard_normal(20_000) for c in pf.CLASSES})
    held = pf.kept_classes(0, "load0")
    folder = pf.write_target(tmp_path / "target", npz, held)
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text())
    assert manifest["classes"] == list(pf.CLASSES) and [f["label"] for f in manifest["files"]] == held
    data = load_directory("target", DirectoryParams(path=str(folder)), WindowSpec(length=1024, test_fraction=0.2))
    names = [data.class_names[i] for i in np.unique(data.test.y)]
    assert list(data.class_names) == list(pf.CLASSES) and sorted(names) == sorted(held)


def test_the_scenario_leaves_the_target_without_labels_and_sets_the_prior(tmp_path: Path):
    from common.config.scenario import load_scenario

    (tmp_path / "t").mkdir()
    path = pf.write_scenario(tmp_path / "s.yaml", 1, "load2", "sources", Path("/data/cwru"), tmp_path / "t")
    body = yaml.safe_load(path.read_text())
    ids = [p["id"] for p in body["plants"]]
    assert ids == ["load0", "load1", "load3", pf.TARGET] and body["plants"][-1]["labelled_fraction"] == 0.0
    assert body["seed"] == 1 and body["transfer"]["adaptation"]["target_prior"] == "sources"
    assert load_scenario(path).transfer.adaptation.target_prior == "sources"


def _row(seed: int, target: str, prior: str, source_only: float, kept: float) -> dict:
    return {"seed": seed, "target": target, "prior": prior, "classes": [], "status": "ok", "n_test": 92,
            "n_train": 380, "source_only": source_only, "adapted": kept, "kept": kept, "guard": "adapted",
            "estimate_used": 1.0 if prior == "auto" else None, "method": "mmd", "wall_s": 1.0}


def test_the_page_checks_the_aim_per_prior():
    rows = [_row(s, t, "auto", 0.90, 0.95) for s in (0, 1, 2) for t in pf.LOADS]
    rows += [_row(s, t, "sources", 0.90, 0.60 if t == "load0" else 0.95) for s in (0, 1, 2) for t in pf.LOADS]
    page = pf.markdown({"rows": rows, "seeds": [0, 1, 2], "command": "make bench-partial-federation",
                        "machine": {"platform": "p", "nproc": 2, "torch": "t"}})
    assert "- `auto` (default): kept +5.0 points over source-only, below it in 0 of 12 cases (aim ≥ +3 and never " \
           "below: met)" in page
    assert "- `sources`: kept -3.8 points over source-only, below it in 3 of 12 cases" in page and "not met" in page
    assert "| `auto` (default) | 90.0 ± 0.0 | 95.0 ± 0.0 | 95.0 ± 0.0 | +5.0 ± 0.0 | 0 of 12 | 12 of 12 |" in page
