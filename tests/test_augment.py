"""Training-window augmentation: off by default, reproducible, each transform does what it says,
and DP training with it accounts exactly as without (the privacy unit is still one window)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from common.config.schema import AugmentConfig
from common.data.augment import augment_batch
from common.privacy.noise import NoiseSource


def _sines(freq_hz: float, n: int = 4, length: int = 1024, rate: float = 1024.0) -> torch.Tensor:
    t = torch.arange(length) / rate
    return torch.sin(2 * torch.pi * freq_hz * t).repeat(n, 2, 1)  # (n, 2 channels, length)


def _peak_hz(window: torch.Tensor, rate: float = 1024.0) -> float:
    spectrum = np.abs(np.fft.rfft(window.numpy()))
    return float(np.fft.rfftfreq(len(window), 1 / rate)[np.argmax(spectrum)])


def test_off_by_default_returns_the_batch_untouched():
    x = torch.randn(3, 1, 64)
    assert not AugmentConfig().enabled
    assert augment_batch(x, AugmentConfig(), torch.Generator().manual_seed(0)) is x


def test_same_seed_same_transform_and_the_input_is_not_modified():
    x = torch.randn(8, 1, 256)
    before = x.clone()
    cfg = AugmentConfig(noise_std=0.1, scale_std=0.1, stretch=0.2, probability=0.5)
    a = augment_batch(x, cfg, torch.Generator().manual_seed(3))
    b = augment_batch(x, cfg, torch.Generator().manual_seed(3))
    assert torch.equal(a, b) and torch.equal(x, before)
    assert a.shape == x.shape and not torch.equal(a, x)


def test_stretch_moves_the_frequency_within_the_speed_range_and_keeps_the_length():
    x = _sines(100.0)
    out = augment_batch(x, AugmentConfig(stretch=0.2, probability=1.0), torch.Generator().manual_seed(1))
    assert out.shape == x.shape
    peaks = [_peak_hz(out[i, 0]) for i in range(len(out))]
    # resampling to f·length stretches time by f: a 100 Hz tone lands in [100/1.2, 100/0.8] (± 1 bin)
    assert all(100 / 1.2 - 1 <= p <= 100 / 0.8 + 1 for p in peaks), peaks
    assert len(set(peaks)) > 1, "every window drew the same speed"


def test_scale_is_one_gain_per_channel_and_noise_follows_the_window_level():
    x = _sines(50.0) * 3 + 0.5
    scaled = augment_batch(x, AugmentConfig(scale_std=0.2, probability=1.0), torch.Generator().manual_seed(2))
    gain = scaled / x
    assert torch.allclose(gain, gain[..., :1].expand_as(gain), atol=1e-5)
    noisy = augment_batch(x, AugmentConfig(noise_std=0.1, probability=1.0), torch.Generator().manual_seed(2))
    ratio = float((noisy - x).std() / x.std(dim=-1).mean())
    assert 0.07 < ratio < 0.13, ratio


@pytest.mark.parametrize("bad, key", [({"stretch": 1.0}, "stretch"), ({"probability": 1.5}, "probability"),
                                      ({"noise_std": -0.1}, "noise_std")])
def test_bad_values_are_named(tmp_path, bad, key):
    from common.config import load_scenario
    from tests.conftest import tiny_scenario

    path = tiny_scenario(tmp_path, federation={"training": {"augment": bad}})
    with pytest.raises(ValueError) as err:
        load_scenario(path)
    assert key in str(err.value) and str(path) in str(err.value)


def test_dp_training_with_augmentation_accounts_as_without():
    from common.config.schema import ModelConfig
    from common.models import build_model
    from common.privacy.dp_training import train_dp

    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 1, 256)).astype(np.float32)
    y = rng.integers(0, 3, 64)
    stats = {}
    for name, cfg in (("off", None), ("on", AugmentConfig(noise_std=0.1, scale_std=0.1, stretch=0.1))):
        model = build_model(1, 3, ModelConfig(channels=(8,), first_kernel=8, first_stride=2, feature_dim=8), seed=0)
        module = torch.nn.Sequential(model.extractor, model.reference_head)
        optimizer = torch.optim.SGD(module.parameters(), lr=0.1)
        stats[name] = train_dp(module, x, y, optimizer, epochs=2, batch_size=16, noise_multiplier=1.0,
                               max_grad_norm=1.0, seed=5, noise=NoiseSource.reproducible("test", 5), augment=cfg)
    assert (stats["on"].steps, stats["on"].sample_rate, stats["on"].noise_multiplier) == (
        stats["off"].steps, stats["off"].sample_rate, stats["off"].noise_multiplier)
    assert stats["on"].loss != stats["off"].loss


def test_personalisation_augments_the_plants_labelled_windows_reproducibly(tmp_path):
    """``personalisation.augment`` changes what a plant's head learns (the loss differs from the
    same fine-tuning without it) and the same seed gives the same personal model."""
    from client.loader import make_plant
    from client.plant import PERSONAL_MODEL
    from client.transfer import personalise
    from common.config import load_scenario
    from common.config.scenario import run_spec_from_scenario
    from tests.conftest import tiny_scenario

    losses, heads = {}, {}
    for name, augment in (("off", {}), ("on", {"noise_std": 0.2, "stretch": 0.1, "probability": 1.0}),
                          ("on again", {"noise_std": 0.2, "stretch": 0.1, "probability": 1.0})):
        where = tmp_path / name.replace(" ", "_")
        where.mkdir()
        path = tiny_scenario(where, personalisation={"augment": augment})
        scenario = load_scenario(path)
        assert scenario.personalisation.augment.enabled == bool(augment)
        plant = make_plant(scenario, scenario.plants[0], str(where / "run"))
        spec = run_spec_from_scenario(scenario, plant.data.class_names)
        losses[name] = personalise(plant, spec, None, "run")["personalise-loss"]
        heads[name] = plant.state.load_model(PERSONAL_MODEL)[0]
    assert losses["on"] != losses["off"]
    assert losses["on"] == losses["on again"]
    assert all(torch.equal(heads["on"][k], heads["on again"][k]) for k in heads["on"])


def test_bad_personalisation_augment_values_are_named(tmp_path):
    from common.config import load_scenario
    from tests.conftest import tiny_scenario

    path = tiny_scenario(tmp_path, personalisation={"augment": {"stretch": 1.5}})
    with pytest.raises(ValueError) as err:
        load_scenario(path)
    assert "personalisation.augment.stretch" in str(err.value) and str(path) in str(err.value)
