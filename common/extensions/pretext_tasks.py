"""Registry of self-supervised pretext tasks (``federation.training.self_supervised``).

A plant with nothing to learn from labels (no labels, or labels for one class only: most plants have
only normal operation) trains the shared extractor on a pretext task of its own windows instead of
declining pretraining; plants with fault labels train the supervised loss as before. An entry is a
class with the classmethod ``for_model(channels, length, input_transform)``, the property
``outputs`` (the shared pretext head's size) and ``batch(x, generator) -> (inputs, int targets)``:
one pretext example per window, so DP-SGD accounts one window as one record.
Adding one: a module with the class plus one ``PRETEXT_TASKS.add(name, "module:Class", summary=...)``
line here (CONTRIBUTING.md).
"""

from common.registry import Registry

PRETEXT_TASKS = Registry(
    "pretext task", "federation.training.self_supervised",
    "What a plant without fault labels trains the shared extractor on (its own windows, inside the plant); "
    "`none` (the default): such a plant declines pretraining.",
)

PRETEXT_TASKS.add("transformations", "common.pretext:TransformationPretext",
                  summary="which of up to six value-preserving transformations (identity, time reversal, negation, "
                          "half swap, segment shuffle, channel roll) was applied to the window: cross-entropy")
