"""bench-tep-soft-sensor's own rules (simulations/benchmarks/tep_soft_sensor.py)."""

from __future__ import annotations

import numpy as np

from simulations.benchmarks.tep_soft_sensor import validation_mask


def test_validation_is_the_last_quarter_in_time_of_every_run():
    y = np.array([0] * 8 + [1] * 4 + [2] * 3, dtype=np.int64)  # windows of a run are stored in time order
    mask = validation_mask(y)
    assert np.flatnonzero(mask).tolist() == [6, 7, 11]  # 2 of 8, 1 of 4, 0 of 3 (a quarter, rounded down)


def test_variants_override_only_their_keys_and_the_lowest_validation_score_is_selected():
    from simulations.benchmarks.tep_soft_sensor import select_variant, with_variant

    body = {"model": {"channels": [32], "linear_skip_bins": 0}, "personalisation": {"mode": "full", "epochs": 3}}
    run = with_variant(body, "ridge_skip")
    assert run["model"] == {"channels": [32], "linear_skip_bins": 1}
    assert run["personalisation"] == {"mode": "ridge", "epochs": 3}
    assert body["personalisation"]["mode"] == "full"  # the scenario itself is untouched

    def runs(*scores):
        return {"0": {"plants": {f"p{i}": {"validation": {"federated_personalised": s, "local_only": 0.0}}
                                 for i, s in enumerate(scores)}}}

    chosen, means = select_variant({"runs": {"full": runs(0.8, 0.6), "ridge": runs(0.5, 0.8)}})
    assert chosen == "ridge" and means == {"full": 0.7, "ridge": 0.65}   # local-only's score is not the candidate's
