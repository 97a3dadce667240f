"""Per-plant target scaling (``target_scaling: plant``): a regression plant divides each output by
its own spread, so every output weighs alike in its loss whatever the plant's operating point.

``s_k = std_k`` of output ``k`` over the plant's labelled training windows (population std; test
windows never enter). An output without spread (constant or never labelled) keeps ``s_k = 1``.
The scale is a plant-local statistic: it is computed inside the plant and kept with its model
(``target_scale`` in the model file) so that ``factoryfl predict`` and export un-scale its outputs.
"""

from __future__ import annotations

import numpy as np


def own_target_scale(target: np.ndarray, labels: np.ndarray) -> float | tuple[float, ...]:
    """The plant's scale: one number for an (N,) target, one per output for (N, K); rows with a negative
    label are unlabelled and left out, as are non-finite values."""
    values = np.asarray(target, np.float64)
    flat = values.reshape(len(values), -1)[np.asarray(labels).reshape(-1) >= 0]
    stds = []
    for column in flat.T:
        finite = column[np.isfinite(column)]
        std = float(finite.std()) if len(finite) > 1 else 0.0
        stds.append(std if std > 0 and np.isfinite(std) else 1.0)
    if values.ndim == 1:
        return stds[0] if stds else 1.0
    return tuple(stds)
