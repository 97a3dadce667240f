"""window.resample_to_hz: plants bring their recordings to one rate inside the plant, before windowing.

A fault frequency in Hz stays where it is, content above the new Nyquist frequency is removed
rather than aliased, a 16 kHz plant then fits a 12 kHz federation, and the wrong uses are named."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from common.data.windowing import WindowSpec, at_rate


def _tone(freq_hz: float, rate_hz: float, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    return np.sin(2 * np.pi * freq_hz * t).astype(np.float32)


def _spectrum(signal: np.ndarray, rate_hz: float) -> tuple[np.ndarray, np.ndarray]:
    return np.fft.rfftfreq(len(signal), 1 / rate_hz), np.abs(np.fft.rfft(signal)) / (len(signal) / 2)


def test_a_tone_keeps_its_frequency_and_amplitude():
    out, rate = at_rate(_tone(162.0, 16000.0), 16000.0, WindowSpec(resample_to_hz=12000.0))
    assert rate == 12000.0 and out.shape == (12000,) and out.dtype == np.float32
    freqs, mags = _spectrum(out, 12000.0)
    assert abs(freqs[np.argmax(mags)] - 162.0) <= 1.0
    assert abs(mags.max() - 1.0) < 0.02


def test_content_above_the_new_nyquist_is_removed_not_aliased():
    signal = _tone(300.0, 16000.0) + _tone(7000.0, 16000.0)  # 7 kHz would alias to 5 kHz at 12 kHz
    out, _ = at_rate(signal, 16000.0, WindowSpec(resample_to_hz=12000.0))
    freqs, mags = _spectrum(out, 12000.0)
    assert mags[np.argmin(np.abs(freqs - 300.0))] > 0.95
    assert mags[np.argmin(np.abs(freqs - 5000.0))] < 1e-3


def test_unset_or_equal_rate_returns_the_recording_itself_and_channels_are_kept():
    signal = np.random.default_rng(0).standard_normal((2, 4000)).astype(np.float32)
    assert at_rate(signal, 12000.0, WindowSpec())[0] is signal
    assert at_rate(signal, 12000.0, WindowSpec(resample_to_hz=12000.0))[0] is signal
    up, rate = at_rate(signal, 12000.0, WindowSpec(resample_to_hz=24000.0))
    assert up.shape == (2, 8000) and rate == 24000.0
    assert np.allclose(up[:, ::2], signal, atol=1e-4)  # band-limited upsampling keeps the original samples


def test_a_16khz_synthetic_plant_fits_a_12khz_federation_after_resampling():
    from common.data.synthetic import load_synthetic, make_plant_params

    params = dataclasses.replace(make_plant_params(0, 0, num_windows_per_class=40), sample_rate_hz=16000.0)
    native = load_synthetic("p", params, WindowSpec(length=512))
    resampled = load_synthetic("p", params, WindowSpec(length=512, resample_to_hz=12000.0))
    assert native.sample_rate_hz == 16000.0 and resampled.sample_rate_hz == 12000.0
    assert resampled.train.x.shape == native.train.x.shape  # same windows per class, same length
    assert "resampled 16000 → 12000 Hz" in resampled.notes
    # the shaft harmonic (rpm / 60 Hz) sits at the same frequency in Hz in both
    shaft = params.rpm / 60.0
    for data in (native, resampled):
        freqs, mags = _spectrum(np.concatenate(list(data.train.x[data.train.y == 0, 0])), data.sample_rate_hz)
        band = (freqs > 0.5 * shaft) & (freqs < 1.5 * shaft)
        assert abs(freqs[band][np.argmax(mags[band])] - shaft) < 0.05 * shaft


def test_config_names_a_bad_or_contradicting_rate(tmp_path):
    from common.config import load_scenario
    from tests.conftest import tiny_scenario

    for window, words in (({"resample_to_hz": 0}, "resample_to_hz must be > 0"),
                          ({"resample_to_hz": 12000, "sample_rate_hz": 16000}, "contradicts resample_to_hz")):
        path = tiny_scenario(tmp_path, window=window)
        with pytest.raises(ValueError) as err:
            load_scenario(path)
        assert words in str(err.value) and str(path) in str(err.value)


def test_the_mismatch_error_points_at_resample_to_hz(tmp_path):
    import yaml

    from client.loader import make_plant
    from common.config import load_scenario, run_spec_from_scenario
    from tests.conftest import tiny_scenario, with_explicit_plants

    path = with_explicit_plants(tiny_scenario(tmp_path, window={"length": 256, "sample_rate_hz": 12000}), {})
    body = yaml.safe_load(path.read_text())
    for plant in body["plants"]:
        plant["data"]["sample_rate_hz"] = 12000.0
    body["plants"][-1]["data"]["sample_rate_hz"] = 16000.0

    def last_plant(window: dict, run: str):
        path.write_text(yaml.safe_dump({**body, "window": window}))
        scenario = load_scenario(path)
        plant = make_plant(scenario, scenario.plants[-1], str(tmp_path / run))
        spec = run_spec_from_scenario(scenario, tuple(plant.data.class_names))
        return plant, dataclasses.replace(spec, channels=plant.data.channels)

    plant, spec = last_plant({"length": 256, "sample_rate_hz": 12000}, "run1")
    with pytest.raises(ValueError) as err:
        plant.check_fits(spec)
    assert "16000 Hz" in str(err.value) and "window.resample_to_hz" in str(err.value)
    plant, spec = last_plant({"length": 256, "resample_to_hz": 12000}, "run2")
    assert plant.data.sample_rate_hz == 12000.0
    plant.check_fits(spec)  # fits now
