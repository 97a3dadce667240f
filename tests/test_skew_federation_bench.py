"""bench-skew-federation's own logic (simulations/benchmarks/skew_federation.py): the skewed target it builds is a
valid `directory` plant with 80 % of its training windows normal and the balanced version's test split, and the
aim verdicts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from simulations.benchmarks import skew_federation as sf


@pytest.fixture(scope="module")
def scenario() -> dict:
    return yaml.safe_load(sf.SCENARIO.read_text())


def test_the_skewed_target_is_80_percent_normal_and_shares_the_balanced_test_split(tmp_path: Path, scenario):
    from common.data import WindowSpec
    from common.data.directory import DirectoryParams, load_directory

    params = sf._target_params(scenario)
    window = WindowSpec(length=1024, test_fraction=0.2)
    loaded = {}
    for version in sf.VERSIONS:
        folder = sf.write_target(tmp_path / version, params, 0, version == "skewed")
        loaded[version] = load_directory(sf.TARGET, DirectoryParams(path=str(folder)), window)
    skewed, balanced = loaded["skewed"], loaded["balanced"]
    assert len(balanced.train.y) == 5 * 96 and len(skewed.train.y) == 5 * 96 + sf.EXTRA_NORMAL_WINDOWS
    normal = 96 + sf.EXTRA_NORMAL_WINDOWS
    assert normal / len(skewed.train.y) == pytest.approx(sf.NORMAL_SHARE)
    assert (np.bincount(balanced.test.y) == 24).all()
    assert np.array_equal(skewed.test.x, balanced.test.x) and np.array_equal(skewed.test.y, balanced.test.y)


def test_the_scenario_labels_the_sources_and_not_the_target(tmp_path: Path, scenario):
    from common.config.scenario import load_scenario

    (tmp_path / "t").mkdir()
    path = sf.write_scenario(tmp_path / "s.yaml", scenario, 2, "auto", tmp_path / "t")
    loaded = load_scenario(path)
    assert [p.id for p in loaded.plants] == [*sf.SOURCES, sf.TARGET]
    assert [p.labelled_fraction for p in loaded.plants] == [1.0, 1.0, 1.0, 0.0]
    assert loaded.seed == 2 and loaded.transfer.adaptation.target_prior == "auto"


def test_mix_accuracies_weigh_the_recalls_as_the_plant_s_data():
    classes = ["normal", "a", "b", "c", "d"]
    metrics = {"recall/normal": 1.0, "recall/a": 0.5, "recall/b": 0.5, "recall/c": 0.0, "recall/d": 1.0}
    balanced, own = sf.mix_accuracies(metrics, classes)
    assert balanced == pytest.approx(0.6) and own == pytest.approx(0.8 + 0.2 * 0.5)
    assert sf.mix_accuracies({"recall/normal": 1.0}, classes) == (None, None)


def test_the_page_checks_the_aim_per_prior():
    def row(seed, version, prior, kept):
        return {"seed": seed, "version": version, "prior": prior, "status": "ok", "n_train": 480, "n_test": 120,
                "kept_balanced": kept, "kept_own_mix": kept, "source_only_balanced": 0.5,
                "source_only_own_mix": 0.5, "guard": "adapted", "estimate_used": 1.0,
                "estimated_normal_share": 0.5, "wall_s": 1.0}
    rows = [row(s, v, "auto", 0.50 if v == "balanced" else 0.49) for s in (0, 1, 2) for v in sf.VERSIONS]
    rows += [row(s, v, "sources", 0.50 if v == "balanced" else 0.40) for s in (0, 1, 2) for v in sf.VERSIONS]
    page = sf.markdown({"rows": rows, "seeds": [0, 1, 2], "command": "make bench-skew-federation",
                        "machine": {"platform": "p", "nproc": 2, "torch": "t"}})
    assert "- `auto`: skewed 49.0 vs balanced 50.0 (-1.0; aim at most 2 points below: met)" in page
    assert "- `sources`: skewed 40.0 vs balanced 50.0 (-10.0; aim at most 2 points below: not met)" in page
