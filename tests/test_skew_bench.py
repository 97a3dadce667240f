"""bench-skew's own logic (simulations/benchmarks/skew.py): the skewed subsets and the aim verdicts."""

from __future__ import annotations

import numpy as np

from simulations.benchmarks import skew


def test_skewed_indices_hold_the_normal_share_and_split_the_rest_evenly():
    y = np.repeat(np.arange(5), 200)
    idx = skew._skewed_indices(y, 0, 0.8, np.random.default_rng(0), total=200)
    counts = np.bincount(y[idx], minlength=5)
    assert counts[0] == 160 and (counts[1:] == 10).all() and len(set(idx.tolist())) == len(idx)
    bal = skew._balanced_indices(y, 40, np.random.default_rng(0))
    assert (np.bincount(y[bal]) == 40).all()


def _row(balanced: float, skewed: float, **extra) -> dict:
    return {"balanced_test": balanced, "skewed_test": skewed, **extra}


def _payload() -> dict:
    runs = []
    for seed in (0, 1, 2):
        run = {"seed": seed, "n_train": {"balanced": 200, "skewed": 200},
               "n_test": {"balanced_test": 200, "skewed_test": 48}, "source_only": _row(0.40, 0.60)}
        for prior in (*skew.PRIORS, "product"):
            run[f"balanced/{prior}"] = _row(0.50, 0.30, kept="adapted", estimate_used=1.0)
            run[f"skewed/{prior}"] = _row(0.49 if prior == "estimate" else 0.45, 0.30, kept="adapted")
        runs.append(run)
    partial = []
    for seed in (0, 1, 2):
        for target in skew.CWRU_LOADS:
            case = {"seed": seed, "target": target, "n_test": 92, "source_only": 0.90}
            for prior in (*skew.PRIORS, "product"):
                case[prior] = {"accuracy": 0.95 if prior == "estimate" else 0.60, "kept": "adapted"}
            case["estimate"]["absent_mass"] = 0.01
            case["full"] = {"n_test": 230, "source_only": 0.9,
                            **{p: {"accuracy": 0.99, "kept": "source_only"} for p in (*skew.PRIORS, "product")}}
            partial.append(case)
    return {"runs": runs, "partial": partial, "seeds": [0, 1, 2], "command": "make bench-skew",
            "machine": {"platform": "p", "nproc": 2, "torch": "t"}}


def test_the_results_page_checks_each_aim_per_prior():
    page = skew.markdown(_payload())
    assert "- mmd, EM estimate: skewed 49.0 vs balanced 50.0 (-1.0): met" in page
    assert "- mmd, auto (default): skewed 45.0 vs balanced 50.0 (-5.0): not met" in page
    assert "- mmd, EM estimate: +5.0 points vs source-only (aim ≥ +3: met); below source-only in 0 of 12" in page
    assert ("- mmd, auto (default): -30.0 points vs source-only (aim ≥ +3: not met); below source-only in 12 of 12"
            in page)
    assert "### Control: the same targets holding all 9 classes" in page and "| 0 of 12 | adapted in 0 of 12 |" in page
    assert skew.RULE in page
