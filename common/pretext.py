"""Self-supervised pretext task for plants without fault labels: which transformation was applied?

A plant with only normal operation (or no labels) has no supervised loss, yet its windows carry the
structure of normal operation: how each variable moves in time and how the variables move together.
Each window x gets one transformation T_k drawn uniformly from a fixed set, and the shared extractor
φ with a shared pretext head W learns to tell k from T_k(x):

    loss(x) = −log softmax(W φ(T_k(x)))_k,   k ~ U{0 … K−1}

(transformation prediction: Golan & El-Yaniv 2018; Bergman & Hoshen 2020; for time series Qiu et al.
2021). Every transformation keeps each channel's set of values, so no amplitude cue gives k away:
telling them apart needs the order in time (reversal, half swap, segment order), the sign (negation)
and which variable is which (channel roll). The loss is per window and each window is drawn once per
pass, so DP-SGD clips and accounts it as one window, as it does the supervised loss.

A transformation that the model's input transform cannot see (a magnitude spectrum is the same under
reversal or negation) is left out, decided on a fixed random probe, never on a plant's data, so every
plant and the coordinator agree on K.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

Transform = Callable[[torch.Tensor], torch.Tensor]
PROBE_SEED = 20261207
PROBE_MIN_LENGTH = 8


def _segments(order: tuple[int, ...]) -> Transform:
    """Cut the window into len(order) equal stretches (any remainder stays last) and put them in ``order``."""
    def permute(x: torch.Tensor) -> torch.Tensor:
        size = x.shape[-1] // len(order)
        parts = [x[..., i * size:(i + 1) * size] for i in range(len(order))]
        return torch.cat([parts[i] for i in order] + [x[..., len(order) * size:]], dim=-1)
    return permute


TRANSFORMS: dict[str, Transform] = {
    "identity": lambda x: x,
    "time_reversal": lambda x: torch.flip(x, dims=(-1,)),
    "negation": lambda x: -x,
    "half_swap": _segments((1, 0)),
    "segment_shuffle": _segments((2, 0, 3, 1)),
    "channel_roll": lambda x: torch.roll(x, shifts=1, dims=-2),
}


def visible_transforms(channels: int, length: int, input_transform: nn.Module) -> tuple[str, ...]:
    """The transformations the model can tell from the identity: each must change the output of
    ``input_transform`` on a fixed random probe of shape (2, channels, length); ``channel_roll`` needs
    two channels or more. Deterministic: every plant and the coordinator get the same tuple."""
    generator = torch.Generator().manual_seed(PROBE_SEED)
    probe = torch.randn(2, channels, max(length, PROBE_MIN_LENGTH), generator=generator)
    names = ["identity"]
    with torch.no_grad():
        base = input_transform(probe)
        for name, transform in TRANSFORMS.items():
            if name == "identity" or (name == "channel_roll" and channels < 2):
                continue
            seen = input_transform(transform(probe))
            if seen.shape != base.shape or not torch.allclose(seen, base, rtol=1e-4, atol=1e-5):
                names.append(name)
    return tuple(names)


class TransformationPretext:
    """The pretext task for one model layout: ``names`` (the K visible transformations, in the order of
    the pretext head's outputs) and :meth:`batch`."""

    def __init__(self, names: tuple[str, ...]) -> None:
        if len(names) < 2:
            raise ValueError("the transformation pretext task needs at least two visible transformations")
        self.names = names

    @classmethod
    def for_model(cls, channels: int, length: int, input_transform: nn.Module) -> TransformationPretext:
        return cls(visible_transforms(channels, length, input_transform))

    @property
    def outputs(self) -> int:
        return len(self.names)

    def batch(self, x: torch.Tensor, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        """Each window of ``x`` (N, C, L) under one transformation drawn uniformly: (transformed windows,
        the index of each one's transformation in :attr:`names`)."""
        labels = torch.randint(len(self.names), (len(x),), generator=generator)
        out = x.clone()
        for k, name in enumerate(self.names):
            rows = labels == k
            if bool(rows.any()):
                out[rows] = TRANSFORMS[name](x[rows])
        return out, labels


class PretextModel(nn.Module):
    """The shared extractor followed by the shared pretext head: logits over the transformations."""

    def __init__(self, extractor: nn.Module, pretext_head: nn.Module) -> None:
        super().__init__()
        self.extractor = extractor
        self.pretext_head = pretext_head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pretext_head(self.extractor(x))
