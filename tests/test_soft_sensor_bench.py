"""bench-tep-soft-sensor's own rules (simulations/benchmarks/tep_soft_sensor.py)."""

from __future__ import annotations

import numpy as np

from simulations.benchmarks.tep_soft_sensor import validation_mask


def test_validation_is_the_last_quarter_in_time_of_every_run():
    y = np.array([0] * 8 + [1] * 4 + [2] * 3, dtype=np.int64)  # windows of a run are stored in time order
    mask = validation_mask(y)
    assert np.flatnonzero(mask).tolist() == [6, 7, 11]  # 2 of 8, 1 of 4, 0 of 3 (a quarter, rounded down)
