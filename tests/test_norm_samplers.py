"""factoryfl's Conv1d norm sampler for Opacus ghost clipping: exact per-window gradient norms."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from common.privacy.norm_samplers import conv1d_norm_sample, register_conv1d_norm_sampler

# (layer, input length): the first two take the ghost (Gram) branch and the per-window-gradient
# branch respectively (T·(D + C_out) vs D·C_out); the rest cover stride, dilation, padding kinds.
LAYERS = [
    (lambda: nn.Conv1d(32, 64, 3, padding=1), 16),
    (lambda: nn.Conv1d(1, 32, 4, padding=2), 32),
    (lambda: nn.Conv1d(3, 8, 5, stride=2, dilation=2, padding="valid"), 40),
    (lambda: nn.Conv1d(4, 6, 3, padding="same", bias=False), 20),
    (lambda: nn.Conv1d(4, 6, 3, groups=2, padding=1), 12),  # grouped: Opacus' per-sample gradients
]


@pytest.mark.parametrize("make_layer,length", LAYERS)
def test_norms_equal_the_norms_of_per_window_autograd_gradients(make_layer, length):
    torch.manual_seed(0)
    layer = make_layer()
    x = torch.randn(5, layer.in_channels, length)
    upstream = torch.randn_like(layer(x))
    norms = conv1d_norm_sample(layer, [x], upstream)
    params = [p for p in (layer.weight, layer.bias) if p is not None]
    assert set(norms) == set(params)
    for i in range(x.shape[0]):
        layer.zero_grad()
        (layer(x[i:i + 1]) * upstream[i:i + 1]).sum().backward()
        for p in params:
            torch.testing.assert_close(norms[p][i], p.grad.norm(), rtol=1e-5, atol=1e-6)


def test_empty_batch_gives_empty_norms():
    layer = nn.Conv1d(2, 3, 3, padding=1)
    norms = conv1d_norm_sample(layer, [torch.zeros(0, 2, 10)], torch.zeros(0, 3, 10))
    assert all(v.shape == (0,) for v in norms.values()) and len(norms) == 2


def test_dp_training_registers_it_for_ghost_clipping():
    from opacus.grad_sample.grad_sample_module_fast_gradient_clipping import GradSampleModuleFastGradientClipping

    register_conv1d_norm_sampler()
    assert GradSampleModuleFastGradientClipping.NORM_SAMPLERS[nn.Conv1d] is conv1d_norm_sample


def test_bin_pool_is_an_exact_identity_only_at_its_own_length():
    from common.models import BinPool

    pool = BinPool(8)
    x = torch.randn(3, 4, 8)
    assert pool(x) is x
    longer = torch.randn(3, 4, 16)
    torch.testing.assert_close(pool(longer), nn.AdaptiveAvgPool1d(8)(longer))
