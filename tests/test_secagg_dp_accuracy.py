"""Secure aggregation changes nothing a DP plant learns or spends: the 4-plant CWRU DP scenario
(ε = 3) reaches the same accuracy with and without it within seed noise (3 seeds, paired), and every
plant's ledger has the same entries (`make bench-secagg` reports the figures: secagg_dp.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulations.benchmarks import secagg_dp

pytestmark = [pytest.mark.slow, pytest.mark.data, pytest.mark.filterwarnings("ignore::UserWarning")]


def test_secure_aggregation_keeps_dp_accuracy_and_every_ledger_entry(tmp_path: Path) -> None:
    missing = secagg_dp.data_missing()
    if missing:
        pytest.skip(missing)
    seeds = tuple(secagg_dp.SEEDS)
    assert len(seeds) >= 3
    runs = [secagg_dp.run_arm(arm, seed, tmp_path) for seed in seeds for arm in secagg_dp.ARMS]
    summary = secagg_dp.summarise(runs, seeds)
    assert summary["ledgers_identical"], summary["ledger_differences"]
    assert summary["secure_rounds_failed"] == 0
    for method in secagg_dp.METHODS:
        assert summary["per_method"][method]["equal_within_seed_noise"], summary["per_method"][method]
    assert summary["max_epsilon"]["secure"] == pytest.approx(summary["max_epsilon"]["plain"], rel=1e-9)
