"""The shared model: input representations (time / log-spectrum), options, names, DP compatibility."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from common.config import ConfigError, ModelConfig, load_scenario
from common.config.scenario import scenario_from_dict
from common.models import EnvelopeSpectrum, LogSpectrum, build_model, is_shared, shared_state
from common.privacy.compat import check_dp_compatible
from common.privacy.noise import NoiseSource
from common.training import evaluate_regressor

REPO = Path(__file__).resolve().parents[1]
DP_SCENARIO = REPO / "simulations" / "scenarios" / "cwru_4plants_dp.yaml"

SPECTRUM = ModelConfig(input="spectrum", spectrum_bands=32, channels=(8, 16), first_kernel=4, first_stride=1,
                       feature_dim=16, activation="tanh", pool_bins=8)
CONFIGS = {
    "time default": ModelConfig(),
    "spectrum, every bin": ModelConfig(input="spectrum", channels=(8, 16), feature_dim=16),
    "spectrum, bands, tanh, pool_bins": SPECTRUM,
    "spectrum, layer norm": ModelConfig(input="spectrum", spectrum_bands=64, channels=(8, 16), norm="layer",
                                        feature_dim=16, pool_bins=4),
    "spectrum, no norm": ModelConfig(input="spectrum", channels=(8, 16), norm="none", feature_dim=16),
    "envelope": ModelConfig(input="envelope", channels=(8, 16), first_kernel=4, first_stride=1, feature_dim=16,
                            pool_bins=8),
}


def windows(n: int, channels: int = 1, length: int = 1024, seed: int = 0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(length, dtype=torch.float32)
    tones = torch.sin(2 * torch.pi * t * (0.01 + 0.3 * torch.rand(n, channels, 1, generator=g)))
    return tones + 0.3 * torch.randn(n, channels, length, generator=g)


# ---------------------------------------------------------------- the spectrum layer
def test_log_spectrum_shapes() -> None:
    assert LogSpectrum()(windows(5)).shape == (5, 1, 512)
    assert LogSpectrum(bands=32)(windows(5)).shape == (5, 1, 32)
    assert LogSpectrum()(windows(2, channels=3, length=1000)).shape == (2, 3, 500)
    assert LogSpectrum(bands=7)(windows(2, channels=3, length=1000)).shape == (2, 3, 7)


def test_log_spectrum_is_per_sample() -> None:
    """A window's features depend on that window only: alone, in any batch, next to any neighbours."""
    x = windows(6, channels=2)
    for layer in (LogSpectrum(), LogSpectrum(bands=32)):
        batch = layer(x)
        alone = torch.cat([layer(x[i:i + 1]) for i in range(len(x))])
        torch.testing.assert_close(batch, alone, rtol=1e-5, atol=1e-5)
        changed = x.clone()
        changed[1:] = 100 * torch.randn_like(changed[1:])
        torch.testing.assert_close(layer(changed)[0], batch[0], rtol=1e-5, atol=1e-5)


def test_log_spectrum_ignores_gain_and_offset_and_sees_the_tone() -> None:
    x = windows(3)
    layer = LogSpectrum()
    torch.testing.assert_close(layer(3.7 * x + 2.0), layer(x), rtol=1e-4, atol=1e-4)
    tone = torch.sin(2 * torch.pi * 100 * torch.arange(1024) / 1024).reshape(1, 1, -1)
    assert int(layer(tone).argmax()) == 100


def test_log_spectrum_has_no_state() -> None:
    layer = LogSpectrum(bands=32)
    assert list(layer.parameters()) == [] and layer.state_dict() == {}


def impacts(period: int, n: int = 4, length: int = 1024, seed: int = 0) -> torch.Tensor:
    """Windows of impacts every ``period`` samples, each ringing a mode at 0.3 of the rate, in noise."""
    g = torch.Generator().manual_seed(seed)
    train = torch.zeros(n, 1, length)
    train[..., torch.randint(0, period, (1,), generator=g).item()::period] = 1.0
    t = torch.arange(64, dtype=torch.float32)
    ring = torch.exp(-t / 8) * torch.sin(2 * torch.pi * 0.3 * t)
    rung = torch.nn.functional.conv1d(train, ring.flip(0).reshape(1, 1, -1), padding=63)[..., :length]
    return rung + 0.05 * torch.randn(n, 1, length, generator=g)


def another_path(x: torch.Tensor, seed: int) -> torch.Tensor:
    """``x`` through a smooth random filter: gain in dB a sum of four Gaussian bumps of ± 12 dB."""
    g = torch.Generator().manual_seed(seed)
    freqs = torch.linspace(0.0, 1.0, x.shape[-1] // 2 + 1)
    bumps = 12.0 * torch.randn(4, 1, generator=g) * torch.exp(
        -0.5 * ((freqs - torch.rand(4, 1, generator=g)) / (0.03 + 0.12 * torch.rand(4, 1, generator=g))) ** 2)
    gain = 10.0 ** (bumps.sum(dim=0) / 20.0)
    return torch.fft.irfft(torch.fft.rfft(x, dim=-1) * gain, n=x.shape[-1], dim=-1)


def test_envelope_rows_shape_per_sample_and_no_state() -> None:
    layer = EnvelopeSpectrum()
    assert layer(windows(5)).shape == (5, 2, 512)
    assert layer(windows(2, channels=3, length=1000)).shape == (2, 6, 500)
    assert layer(windows(0)).shape == (0, 2, 512)
    x = windows(6, channels=2)
    alone = torch.cat([layer(x[i:i + 1]) for i in range(len(x))])
    torch.testing.assert_close(layer(x), alone, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(layer(x)[:, 0::2], LogSpectrum()(x), rtol=1e-5, atol=1e-5)
    assert list(layer.parameters()) == [] and layer.state_dict() == {}


def test_envelope_row_has_the_impact_rate_whatever_the_transfer_path() -> None:
    """Impacts every 64 samples: the envelope row peaks at bin 1024 / 64 = 16 (or a multiple), before
    and after a random smooth filter (another sensor position), which reshapes the spectrum row."""
    x = impacts(64)
    filtered = another_path(x, seed=5)
    layer = EnvelopeSpectrum()
    before, after = layer(x), layer(filtered)
    for rows in (before, after):
        peaks = rows[:, 1, 4:200].argmax(dim=-1) + 4
        assert all(int(p) % 16 == 0 for p in peaks), peaks
    envelope_change = float((before[:, 1] - after[:, 1]).abs().mean())
    spectrum_change = float((before[:, 0] - after[:, 0]).abs().mean())
    assert envelope_change < 0.5 * spectrum_change, (envelope_change, spectrum_change)


def test_envelope_ignores_gain_and_an_empty_band_stays_empty() -> None:
    x = impacts(50)
    layer = EnvelopeSpectrum()
    torch.testing.assert_close(layer(5.0 * x), layer(x), rtol=1e-3, atol=1e-3)
    spectrum = torch.fft.rfft(x, dim=-1)
    spectrum[..., 400:] = 1e-9 * spectrum[..., 400:]  # a band emptied by an anti-alias filter
    lowpassed = torch.fft.irfft(spectrum, n=x.shape[-1], dim=-1)
    peaks = layer(lowpassed)[:, 1, 4:200].argmax(dim=-1) + 4
    rate_bin = 1024 / 50  # the impact rate in bins: the peak sits within a bin of one of its multiples
    assert all(abs(int(p) - rate_bin * round(int(p) / rate_bin)) <= 1.0 for p in peaks), peaks


@pytest.mark.parametrize("name", list(CONFIGS))
def test_whole_model_is_per_sample(name: str) -> None:
    """GroupNorm/LayerNorm and the input layers never mix windows: outputs do not depend on the batch."""
    model = build_model(1, 9, CONFIGS[name], seed=0).eval()
    x = windows(5)
    with torch.no_grad():
        batch = model(x)
        alone = torch.cat([model(x[i:i + 1]) for i in range(len(x))])
    torch.testing.assert_close(batch, alone, rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------- shapes, names, options
@pytest.mark.parametrize("name", list(CONFIGS))
def test_shapes_and_parameter_names(name: str) -> None:
    cfg = CONFIGS[name]
    model = build_model(2, 9, cfg, seed=0)
    x = windows(4, channels=2)
    assert model.extractor(x).shape == (4, cfg.feature_dim)
    assert model(x).shape == (4, 9) and model(x, head="personal").shape == (4, 9)
    names = list(model.state_dict())
    assert names and all(n.startswith(("extractor.", "reference_head.", "head.")) for n in names), names
    assert {n for n in names if not is_shared(n)} == {"head.weight", "head.bias"}
    assert set(shared_state(model)) == {n for n in names if n.startswith(("extractor.", "reference_head."))}


def test_time_model_state_is_unchanged_by_the_new_options() -> None:
    """Default settings keep the exact parameter names and shapes (old checkpoints still load)."""
    shapes = {k: tuple(v.shape) for k, v in build_model(1, 9, ModelConfig(), seed=0).state_dict().items()}
    assert shapes == {
        "extractor.blocks.0.weight": (16, 1, 64), "extractor.blocks.0.bias": (16,),
        "extractor.blocks.1.weight": (16,), "extractor.blocks.1.bias": (16,),
        "extractor.blocks.4.weight": (32, 16, 3), "extractor.blocks.4.bias": (32,),
        "extractor.blocks.5.weight": (32,), "extractor.blocks.5.bias": (32,),
        "extractor.blocks.8.weight": (64, 32, 3), "extractor.blocks.8.bias": (64,),
        "extractor.blocks.9.weight": (64,), "extractor.blocks.9.bias": (64,),
        "extractor.blocks.12.weight": (64, 64, 3), "extractor.blocks.12.bias": (64,),
        "extractor.blocks.13.weight": (64,), "extractor.blocks.13.bias": (64,),
        "extractor.project.weight": (64, 64), "extractor.project.bias": (64,),
        "reference_head.weight": (9, 64), "reference_head.bias": (9,),
        "head.weight": (9, 64), "head.bias": (9,),
    }


def test_pool_bins_keeps_positions_and_activation_is_used() -> None:
    model = build_model(1, 9, SPECTRUM, seed=0)
    assert model.extractor.project.in_features == SPECTRUM.channels[-1] * SPECTRUM.pool_bins
    assert any(isinstance(m, nn.Tanh) for m in model.modules())
    assert not any(isinstance(m, nn.ReLU) for m in model.modules())
    relu = build_model(1, 9, ModelConfig(), seed=0)
    assert not any(isinstance(m, nn.Tanh) for m in relu.modules())


def test_same_seed_same_model() -> None:
    a, b = build_model(1, 9, SPECTRUM, seed=3), build_model(1, 9, SPECTRUM, seed=3)
    assert all(torch.equal(a.state_dict()[k], b.state_dict()[k]) for k in a.state_dict())


# ---------------------------------------------------------------- DP compatibility
@pytest.mark.parametrize("name", list(CONFIGS))
def test_dp_compatible(name: str) -> None:
    model = build_model(1, 9, CONFIGS[name], seed=0)
    check_dp_compatible(nn.Sequential(model.extractor, model.reference_head))


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_spectrum_model_per_sample_gradients_are_exact() -> None:
    """Opacus' per-sample gradients through the spectrum layer equal one-window-at-a-time autograd."""
    from opacus import GradSampleModule

    model = build_model(1, 9, SPECTRUM, seed=0)
    module = nn.Sequential(model.extractor, model.reference_head)
    x, y = windows(4), torch.tensor([0, 3, 5, 8])
    reference = []
    for i in range(len(x)):
        module.zero_grad(set_to_none=True)
        nn.functional.cross_entropy(module(x[i:i + 1]), y[i:i + 1]).backward()
        reference.append({n: p.grad.clone() for n, p in module.named_parameters()})
    gsm = GradSampleModule(module, loss_reduction="sum")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nn.functional.cross_entropy(gsm(x), y, reduction="sum").backward()
    for n, p in module.named_parameters():
        for i in range(len(x)):
            torch.testing.assert_close(p.grad_sample[i], reference[i][n], rtol=1e-4, atol=1e-6)
    gsm.remove_hooks()


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_dp_training_runs_with_the_spectrum_model() -> None:
    from common.privacy.dp_training import train_dp

    model = build_model(1, 3, SPECTRUM, seed=0)
    module = nn.Sequential(model.extractor, model.reference_head)
    x = windows(24).numpy().astype(np.float32)
    y = np.arange(24, dtype=np.int64) % 3
    stats = train_dp(module, x, y, torch.optim.Adam(module.parameters(), lr=0.01), epochs=2, batch_size=8,
                     noise_multiplier=1.0, max_grad_norm=1.0, seed=0, noise=NoiseSource.reproducible("test", 0))
    assert stats.steps == 6 and np.isfinite(stats.loss)
    assert all(torch.isfinite(p).all() for p in module.parameters())


# ---------------------------------------------------------------- configuration
def scenario_with_model(model: dict):
    body = {"name": "m", "synthetic_plants": {"count": 1, "num_windows_per_class": 4}, "model": model}
    return scenario_from_dict(body, "test.yaml", Path("."))


def test_model_options_parse() -> None:
    scenario = scenario_with_model({"input": "spectrum", "spectrum_bands": 32, "activation": "tanh", "pool_bins": 8})
    assert (scenario.model.input, scenario.model.spectrum_bands, scenario.model.activation,
            scenario.model.pool_bins) == ("spectrum", 32, "tanh", 8)


@pytest.mark.parametrize(("model", "expected"), [
    ({"input": "spectrun"}, "did you mean 'spectrum'"),
    ({"activation": "gelu"}, "'relu', 'tanh'"),
    ({"pool_bins": 0}, "pool_bins must be >= 1"),
    ({"spectrum_bands": 16}, "spectrum_bands only applies to input: spectrum"),
    ({"input": "spectrum", "spectrum_bands": 0}, "spectrum_bands must be >= 1"),
    ({"linear_skip_bins": 10**9}, "more than the 50,000,000 limit"),
    ({"pool_bins": 10**7}, "more than the 50,000,000 limit"),
])
def test_model_option_problems(model: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        scenario_with_model(model)
    assert any(expected in p for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("name", list(CONFIGS))
def test_parameter_count_is_what_the_model_builds(name: str) -> None:
    cfg = CONFIGS[name]
    for channels, outputs in ((1, 9), (3, 2)):
        built = build_model(channels, outputs, cfg, seed=0)
        assert cfg.parameter_count(channels, outputs) == sum(p.numel() for p in built.parameters())
    skip = ModelConfig(linear_skip_bins=4)
    assert skip.parameter_count(5, 3) == sum(p.numel() for p in build_model(5, 3, skip, seed=0).parameters())


def test_a_model_too_large_for_its_channels_is_refused_before_it_is_built() -> None:
    """Valid for one channel, too large for a plant with many: build_model refuses, naming the keys."""
    cfg = ModelConfig(linear_skip_bins=1000)
    assert cfg.problems() == []
    with pytest.raises(ValueError, match=r"model: model settings build [\d,]+ parameters for 100000 input channel"):
        build_model(100_000, 10, cfg, seed=0)


def test_dp_scenario_builds_its_model() -> None:
    scenario = load_scenario(DP_SCENARIO)
    assert scenario.privacy.enabled and scenario.model.input == "spectrum"
    model = build_model(1, 9, scenario.model, seed=scenario.seed)
    assert model(windows(2)).shape == (2, 9)
    check_dp_compatible(nn.Sequential(model.extractor, model.reference_head))
    assert DP_SCENARIO.read_text().splitlines()[0].startswith("# Run: factoryfl simulate ")


def test_block_pool_one_keeps_every_position_and_bad_values_are_refused():
    from common.config.schema import ModelConfig

    cfg = ModelConfig(channels=(8, 16, 16), first_kernel=5, first_stride=1, feature_dim=8, groups=4,
                      block_pool=1, pool_bins=6, standardize_input=False)
    model = build_model(14, 1, cfg, seed=0)
    h = model.extractor.blocks(torch.randn(2, 14, 30))
    assert h.shape[-1] == 30 and not any(isinstance(m, torch.nn.MaxPool1d) for m in model.extractor.blocks)
    assert model.extractor(torch.randn(2, 14, 30)).shape == (2, 8)
    halved = build_model(14, 1, ModelConfig(channels=(8, 16, 16), first_kernel=5, first_stride=1, groups=4), seed=0)
    assert halved.extractor.blocks(torch.randn(2, 14, 30)).shape[-1] == 3
    assert any("block_pool" in p for p in ModelConfig(block_pool=0).problems())


def test_training_with_dropout_is_reproducible_and_leaves_the_global_generator_alone():
    """Dropout draws from torch's global generator: training seeds it from its own seed and restores it."""
    from common.config.schema import ModelConfig
    from common.training import train_supervised

    cfg = ModelConfig(channels=(8, 8), first_kernel=5, first_stride=1, groups=4, feature_dim=8, dropout=0.5)
    x = np.random.default_rng(0).normal(size=(64, 2, 30)).astype(np.float32)
    y = np.random.default_rng(1).normal(size=64).astype(np.float32)
    results = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        model = build_model(2, 1, cfg, seed=0)
        module = nn.Sequential(model.extractor, model.reference_head)
        state = torch.random.get_rng_state()
        train_supervised(module, x, y, torch.optim.Adam(module.parameters(), 1e-2), epochs=2, batch_size=16, seed=3)
        assert torch.equal(torch.random.get_rng_state(), state), "the caller's generator is restored"
        results.append([p.detach().clone() for p in module.parameters()])
    for a, b in zip(*results):
        assert torch.equal(a, b)


class _Constant(nn.Module):
    """Predicts fixed values (scaled target units), one per window, whatever the input."""

    def __init__(self, values: list[float]) -> None:
        super().__init__()
        self.values = torch.tensor(values).unsqueeze(1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.values[: len(x)]


def test_regression_predictions_are_clipped_into_the_target_range():
    """RUL targets lie in [0, 125]: a prediction of 150 or -25 is scored as 125 or 0 once the range
    is given, and no error grows (clipping is a projection onto a set holding every target)."""
    x = np.zeros((3, 1, 4), np.float32)
    y = np.array([125, 0, 50], np.float32) / 125
    module = _Constant([150 / 125, -25 / 125, 60 / 125])
    raw = evaluate_regressor(module, x, y, scale=125)
    clipped = evaluate_regressor(module, x, y, scale=125, target_range=(0, 125))
    assert raw["rmse"] == pytest.approx(np.sqrt((25**2 + 25**2 + 10**2) / 3), rel=1e-5)
    assert clipped["rmse"] == pytest.approx(np.sqrt(10**2 / 3), rel=1e-5)
    assert clipped["mae"] <= raw["mae"]
