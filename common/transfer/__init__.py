"""Transfer to a target plant from the shared model and the sources' DP-released feature statistics.

- ``stats``: what a source releases (``release_feature_stats`` → ``FeatureStats`` + ledger entries),
  (de)serialisation, ``aggregate`` over sources;
- ``losses``: entropy / information maximisation, CORAL, RFF-MMD, gradient reversal, SHOT pseudo-labels;
- ``adapt``: the adapters (``feature_standardization``, ``shot``, ``coral``, ``mmd``, ``dann``), ``FeatureAlign``;
- ``gap``: ``domain_gap`` and ``choose_method`` (the ``auto`` choice).
"""

from common.transfer.adapt import (
    ADAPTERS,
    AdaptConfig,
    AdaptResult,
    FeatureAlign,
    adapt,
    adapt_coral,
    adapt_dann,
    adapt_feature_standardization,
    adapt_mmd,
    adapt_shot,
    extract_features,
    known_methods,
    register_adapter,
    requires_labels,
    requires_source_stats,
)
from common.transfer.gap import GapThresholds, choose_method, domain_gap
from common.transfer.stats import FeatureStats, RffSpec, aggregate, exact_feature_stats, release_feature_stats

__all__ = [
    "ADAPTERS",
    "AdaptConfig",
    "AdaptResult",
    "FeatureAlign",
    "FeatureStats",
    "GapThresholds",
    "RffSpec",
    "adapt",
    "adapt_coral",
    "adapt_dann",
    "adapt_feature_standardization",
    "adapt_mmd",
    "adapt_shot",
    "aggregate",
    "choose_method",
    "domain_gap",
    "exact_feature_stats",
    "extract_features",
    "known_methods",
    "register_adapter",
    "release_feature_stats",
    "requires_labels",
    "requires_source_stats",
]
