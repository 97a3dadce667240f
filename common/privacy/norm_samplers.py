"""Per-sample gradient *norms* of ``nn.Conv1d`` for Opacus ghost clipping, without per-sample gradients.

Opacus 1.6 ships norm samplers for ``nn.Linear`` and ``nn.Embedding`` only; for a convolution,
ghost clipping falls back to materialising every window's weight gradient (``n × C_out × C_in·k``)
and taking its norm. For one window with unfolded input patches ``A ∈ R^{D×T}`` (``D = C_in·k``,
``T`` output positions) and output gradients ``G ∈ R^{C_out×T}``, the weight gradient is
``W = G Aᵀ`` and

    ‖W‖²_F = Σ_{t,s} (AᵀA)_{ts} (GᵀG)_{ts}          (the "ghost norm": two T×T Gram matrices)

which costs ``T²·(D + C_out)`` per window instead of ``T·D·C_out``; each layer takes the cheaper of
the two. The bias gradient is ``Σ_t G_{:,t}``. Both are exact (same numbers as the per-sample
gradients, up to float rounding; ``make bench-dp-step`` checks the clipped update).
"""

from __future__ import annotations

import math
from typing import cast

import torch
from torch import nn
from torch.nn import functional as F

_registered = False


def _unfold_conv1d_input(layer: nn.Conv1d, x: torch.Tensor) -> torch.Tensor:
    """(n, C_in, L) → (n, C_in·k, T): the input patch behind every output position."""
    if layer.padding == "same":
        total = layer.dilation[0] * (layer.kernel_size[0] - 1)
        left, right = math.floor(total / 2), total - math.floor(total / 2)
    elif isinstance(layer.padding, str):  # "valid": nn.Conv1d refuses any other string
        left = right = 0
    else:
        left = right = layer.padding[0]
    x = F.pad(x, (left, right)).unsqueeze(-2)
    return F.unfold(x, kernel_size=(1, layer.kernel_size[0]), stride=(1, layer.stride[0]),
                    dilation=(1, layer.dilation[0]))


def conv1d_norm_sample(layer: nn.Conv1d, activations: list[torch.Tensor],
                       backprops: torch.Tensor) -> dict[nn.Parameter, torch.Tensor]:
    """Per-window gradient norms of a Conv1d's weight and bias (Opacus norm-sampler signature)."""
    # nn.Conv1d holds its weight and bias as Parameters; torch's annotations say Tensor.
    weight = cast(nn.Parameter, layer.weight)
    bias = cast("nn.Parameter | None", layer.bias)
    x = activations[0].to(backprops.dtype)
    n = x.shape[0]
    params = [p for p in (weight, bias) if p is not None and p.requires_grad]
    if n == 0:
        return {p: x.new_zeros(0) for p in params}
    if layer.groups != 1 or layer.padding_mode != "zeros":
        return _norms_from_grad_samples(layer, activations, backprops)
    g = backprops.reshape(n, layer.out_channels, -1)  # (n, C_out, T)
    out: dict[nn.Parameter, torch.Tensor] = {}
    if weight.requires_grad:
        a = _unfold_conv1d_input(layer, x)  # (n, D, T)
        d, t, c_out = a.shape[1], a.shape[2], g.shape[1]
        if t * (d + c_out) < d * c_out:
            gram_a = torch.bmm(a.transpose(1, 2), a)
            gram_g = torch.bmm(g.transpose(1, 2), g)
            squared = (gram_a * gram_g).sum(dim=(1, 2)).clamp(min=0)
        else:
            squared = torch.bmm(g, a.transpose(1, 2)).pow(2).sum(dim=(1, 2))
        out[weight] = squared.sqrt()
    if bias is not None and bias.requires_grad:
        out[bias] = g.sum(dim=2).pow(2).sum(dim=1).sqrt()
    return out


def _norms_from_grad_samples(layer: nn.Conv1d, activations: list[torch.Tensor],
                             backprops: torch.Tensor) -> dict[nn.Parameter, torch.Tensor]:
    """Grouped or non-zero-padded convolutions: Opacus' own per-sample gradients, then their norms."""
    from opacus.grad_sample.conv import compute_conv_grad_sample

    grads = compute_conv_grad_sample(layer, activations, backprops)
    return {p: g.reshape(g.shape[0], -1).norm(dim=1) for p, g in grads.items()}


def register_conv1d_norm_sampler() -> None:
    """Make Opacus' ghost clipping use :func:`conv1d_norm_sample` for every ``nn.Conv1d`` (idempotent)."""
    global _registered
    if _registered:
        return
    from opacus.grad_sample import register_norm_sampler

    register_norm_sampler(nn.Conv1d)(conv1d_norm_sample)
    _registered = True
