"""Transfer to a target plant from the shared model and the sources' DP-released feature statistics.

- ``stats``: what a source releases (``release_feature_stats`` → ``FeatureStats`` + ledger entries),
  (de)serialisation, ``aggregate`` over sources;
- ``losses``: entropy / information maximisation, CORAL, RFF-MMD, gradient reversal, SHOT pseudo-labels;
- ``adapt``: the adapters (``feature_standardization``, ``shot``, ``coral``, ``mmd``, ``dann``,
  ``fixmatch``), ``FeatureAlign``;
- ``finetune``: supervised personalisation (``finetune_head``, ``finetune_full``, ``fedrep``, ``none``);
- ``gap``: ``domain_gap`` and ``choose_method``; ``choice``: ``choose_auto`` (the ``auto`` method).

Which name runs which function: ``common.extensions.transfer_methods.TRANSFER_METHODS``.
"""

from common.transfer.adapt import (
    AdaptResult,
    FeatureAlign,
    adapt,
    adapt_coral,
    adapt_dann,
    adapt_feature_standardization,
    adapt_fixmatch,
    adapt_mmd,
    adapt_shot,
    adapter_named,
    extract_features,
)
from common.transfer.choice import AutoRules, choose_auto
from common.transfer.gap import GapThresholds, choose_method, domain_gap
from common.transfer.stats import FeatureStats, RffSpec, aggregate, exact_feature_stats, release_feature_stats

__all__ = [
    "AdaptResult",
    "AutoRules",
    "FeatureAlign",
    "FeatureStats",
    "GapThresholds",
    "RffSpec",
    "adapt",
    "adapt_coral",
    "adapt_dann",
    "adapt_feature_standardization",
    "adapt_fixmatch",
    "adapt_mmd",
    "adapt_shot",
    "adapter_named",
    "aggregate",
    "choose_auto",
    "choose_method",
    "domain_gap",
    "exact_feature_stats",
    "extract_features",
    "release_feature_stats",
]
