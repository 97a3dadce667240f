"""Registry of transfer methods (``plants[].transfer``, ``transfer.default_method``): phase two in a plant.

Each entry's ``kind`` says how the plant runs it:

- ``personalisation``: fine-tune a personal head (or more) on the plant's labels; the target is a
  ``common.transfer.finetune`` function ``(model, x, y, cfg, seed_of) -> losses``; ``mode`` is the
  ``personalisation.mode`` it implements;
- ``adapter``: adapt the shared model to the plant's own windows; the target is a
  ``common.transfer.adapt`` function ``(extractor, head, x_target, source, cfg, labelled=None, *, seed=0)
  -> AdaptResult``; ``fine_tune_first``: start from the fine-tuned personal model;
- ``selector``: pick one of the others (``auto``).

Facts every entry carries: ``needs_labels`` (refused for a plant without labels),
``needs_classes`` (refused for a task without classes: its objective works on class
probabilities), ``needs_source_stats`` (the coordinator gathers the sources' DP feature
statistics for a plant that uses it).
"""

from typing import Any

from common.registry import Entry, Registry

TRANSFER_METHODS = Registry("transfer method", "plants[].transfer")

PERSONALISATION = "personalisation"
ADAPTER = "adapter"
SELECTOR = "selector"
KINDS = (PERSONALISATION, ADAPTER, SELECTOR)


def add_method(name: str, target: str, *, summary: str, kind: str, needs_labels: bool = False,
               needs_classes: bool = False, needs_source_stats: bool = False, **meta: Any) -> Entry:
    """Register a transfer method with every fact the schema and the plant read."""
    if kind not in KINDS:
        raise ValueError(f"transfer method {name!r}: kind must be one of {KINDS}, got {kind!r}")
    return TRANSFER_METHODS.add(name, target, summary=summary, kind=kind, needs_labels=needs_labels,
                                needs_classes=needs_classes, needs_source_stats=needs_source_stats, **meta)


def personalisation_modes() -> list[str]:
    """Every ``personalisation.mode``: the modes of the personalisation methods."""
    return sorted(e.meta["mode"] for e in TRANSFER_METHODS if e.meta.get("kind") == PERSONALISATION)


def method_for_mode(mode: str) -> str:
    """The personalisation method that implements ``personalisation.mode`` ``mode``."""
    names = TRANSFER_METHODS.names(kind=PERSONALISATION, mode=mode)
    if len(names) != 1:
        raise ValueError(f"personalisation mode {mode!r} names {len(names)} transfer methods: {names}")
    return names[0]


add_method("auto", "common.transfer.choice:choose_auto", kind=SELECTOR, needs_source_stats=True,
           summary="pick by the measured domain gap and the plant's labels (uses source statistics when released)")
add_method("none", "common.transfer.finetune:keep_reference_head", kind=PERSONALISATION, mode="none",
           summary="keep the shared model as it is")
add_method("finetune_head", "common.transfer.finetune:finetune_head", kind=PERSONALISATION, mode="head",
           needs_labels=True, summary="fine-tune a personal head on the plant's labels (extractor frozen)")
add_method("finetune_full", "common.transfer.finetune:finetune_full", kind=PERSONALISATION, mode="full",
           needs_labels=True, summary="fine-tune head and extractor (extractor at a lower learning rate)")
add_method("fedrep", "common.transfer.finetune:fedrep", kind=PERSONALISATION, mode="fedrep", needs_labels=True,
           summary="alternate head-only and extractor-only epochs, as FedRep's local update")
add_method("feature_standardization", "common.transfer.adapt:adapt_feature_standardization", kind=ADAPTER,
           needs_source_stats=True, summary="re-standardise features to the sources' moments (AdaBN-like, no training)")
add_method("shot", "common.transfer.adapt:adapt_shot", kind=ADAPTER, needs_classes=True,
           summary="SHOT: information maximisation + cosine k-means pseudo-labels, head frozen (source-free)")
add_method("coral", "common.transfer.adapt:adapt_coral", kind=ADAPTER, needs_source_stats=True,
           summary="Deep CORAL to the sources' released covariance and mean, plus IM")
add_method("mmd", "common.transfer.adapt:adapt_mmd", kind=ADAPTER, needs_source_stats=True,
           summary="RFF-MMD to the sources' released mean embedding, plus IM")
add_method("dann", "common.transfer.adapt:adapt_dann", kind=ADAPTER, needs_source_stats=True, needs_classes=True,
           summary="DANN (or CDAN) against samples of the sources' DP feature model, plus IM")
add_method("fixmatch", "common.transfer.adapt:adapt_fixmatch", kind=ADAPTER, needs_labels=True, needs_classes=True,
           fine_tune_first=True,
           summary="FixMatch: fine-tune on the few labels, then confident pseudo-labels on strongly augmented windows")
add_method("ridge_head", "common.soft_sensor.ridge_head:ridge_head", kind=PERSONALISATION, mode="ridge",
           needs_labels=True, summary="regression: fine-tune as full, then refit the personal head by ridge "
                                      "(λ by blocked cross-validation on the plant's labelled windows)")
