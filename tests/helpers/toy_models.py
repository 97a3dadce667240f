"""A tiny linear extractor + head fit on 4-d toy windows, and its released feature statistics (no noise)."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from common.transfer.adapt import extract_features
from common.transfer.stats import FeatureStats, RffSpec, release_feature_stats


def fit_linear_toy(xs: np.ndarray, ys: np.ndarray, rng: np.random.Generator, num_classes: int = 3
                   ) -> tuple[nn.Module, nn.Module, FeatureStats]:
    """(extractor 4→8, head 8→K) fit by 200 Adam steps on (xs, ys), and the noiseless statistics they release."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        extractor, head = nn.Sequential(nn.Flatten(), nn.Linear(4, 8)), nn.Linear(8, num_classes)
    opt = torch.optim.Adam([*extractor.parameters(), *head.parameters()], lr=1e-2)
    for _ in range(200):
        opt.zero_grad()
        nn.functional.cross_entropy(head(extractor(torch.from_numpy(xs))), torch.from_numpy(ys)).backward()
        opt.step()
    stats, _ = release_feature_stats(extract_features(extractor, xs).numpy(), ys, num_classes, noise_multiplier=0.0,
                                     clip_norm=50.0, rff=RffSpec(0, 256, 5.0), rng=rng, allow_nonprivate=True)
    return extractor, head, stats
