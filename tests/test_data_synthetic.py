"""Synthetic source, windowing helpers, containers, registry and the load_plant_data entry point."""

from __future__ import annotations

import logging
import pickle
import time
from pathlib import Path

import numpy as np
import pytest

from common.data import (
    DataValidationError,
    PlantData,
    SyntheticParams,
    WindowSet,
    WindowSpec,
    apply_k_shot,
    apply_label_fraction,
    cut_windows,
    load_plant_data,
    load_synthetic,
    make_plant_params,
    split_recording,
    synthesize_recording,
)
from common.data.synthetic import class_rng, recording_length
from common.extensions.data_sources import DATA_SOURCES, params_type
from common.registry import UnknownName
from tests.helpers.registries import registered

WINDOW = WindowSpec()


@pytest.fixture(scope="module")
def base_plant() -> PlantData:
    return load_synthetic("base", SyntheticParams(), WINDOW)


def _bpfi_bpfo(rpm: float) -> tuple[float, float]:
    """Textbook defect frequencies for 9 balls, d/D = 0.2, contact angle 0."""
    fr = rpm / 60.0
    return 4.5 * fr * 1.2, 4.5 * fr * 0.8


def _envelope_peak_hz(x: np.ndarray, fs: float, resonance_hz: float, min_hz: float, max_hz: float) -> float:
    """Strongest envelope-spectrum frequency of ``x`` band-passed around the resonance."""
    spec = np.fft.fft(x)
    freqs = np.fft.fftfreq(x.size, 1.0 / fs)
    spec[(freqs < resonance_hz - 400) | (freqs > resonance_hz + 400)] = 0.0  # analytic, band-limited
    envelope = np.abs(np.fft.ifft(2 * spec))
    envelope -= envelope.mean()
    n_fft = 8 * x.size
    env_spec = np.abs(np.fft.rfft(envelope * np.hanning(x.size), n_fft))
    env_freqs = np.fft.rfftfreq(n_fft, 1.0 / fs)
    band = (env_freqs > min_hz) & (env_freqs < max_hz)
    return float(env_freqs[band][np.argmax(env_spec[band])])


# --- containers ---------------------------------------------------------------------------


def test_windowset_checks_dtypes_and_shapes() -> None:
    x = np.zeros((4, 1, 8), dtype=np.float32)
    y = np.zeros(4, dtype=np.int64)
    assert len(WindowSet(x, y)) == 4
    with pytest.raises(ValueError, match="float32"):
        WindowSet(x.astype(np.float64), y)
    with pytest.raises(ValueError, match="int64"):
        WindowSet(x, y.astype(np.int32))
    with pytest.raises(ValueError, match=r"\(N, C, L\)"):
        WindowSet(np.zeros((4, 8), dtype=np.float32), y)
    with pytest.raises(ValueError, match="shape"):
        WindowSet(x, np.zeros(3, dtype=np.int64))
    with pytest.raises(ValueError, match=">= -1"):
        WindowSet(x, np.full(4, -2, dtype=np.int64))


def test_windowset_subset_and_mask() -> None:
    x = np.arange(5 * 2 * 3, dtype=np.float32).reshape(5, 2, 3)
    ws = WindowSet(x, np.array([0, -1, 1, -1, 2], dtype=np.int64))
    assert ws.labelled_mask.tolist() == [True, False, True, False, True]
    sub = ws.subset(np.array([4, 0]))
    assert sub.y.tolist() == [2, 0] and np.array_equal(sub.x[0], x[4])
    assert len(ws.subset(ws.labelled_mask)) == 3
    assert len(ws.subset(np.array([], dtype=np.int64))) == 0


def test_plantdata_rejects_unlabelled_test_and_summary_is_jsonable(base_plant: PlantData) -> None:
    import json

    summary = base_plant.summary()
    json.dumps(summary)
    assert summary["train"]["per_class"]["normal"] == 120
    assert summary["test"]["labelled"] == len(base_plant.test)
    assert base_plant.channels == 1 and base_plant.window_length == 1024 and base_plant.num_classes == 5
    ws = WindowSet(np.zeros((2, 1, 8), np.float32), np.array([0, -1], dtype=np.int64))
    with pytest.raises(ValueError, match="unlabelled"):
        PlantData("p", train=ws, test=ws, class_names=("a",), sample_rate_hz=1.0, source="t")


def test_error_lists_all_problems_and_pickles() -> None:
    err = DataValidationError(["first problem", "second problem"], "ctx")
    assert "first problem" in str(err) and "second problem" in str(err)
    assert isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert again.problems == ["first problem", "second problem"] and str(again) == str(err)


# --- windowing ------------------------------------------------------------------------------


def test_cut_windows_shapes_and_short_signal() -> None:
    sig = np.arange(2 * 100, dtype=np.float64).reshape(2, 100)
    w = cut_windows(sig, 10, 5)
    assert w.shape == (19, 2, 10) and w.dtype == np.float32
    assert np.array_equal(w[1, 1], sig[1, 5:15])
    assert cut_windows(np.arange(30), 10, 10).shape == (3, 1, 10)
    with pytest.raises(ValueError, match="shorter than one window"):
        cut_windows(np.arange(5), 10, 1)


def test_time_split_then_overlapping_windows_never_leak() -> None:
    ramp = np.arange(10_000, dtype=np.float64)  # value = sample index
    train_part, test_part = split_recording(ramp, 0.2)
    assert train_part.size == 8000 and test_part.size == 2000
    train = cut_windows(train_part, 256, 64)  # heavy overlap on the train side
    test = cut_windows(test_part, 256, 256)
    assert train.max() < test.min()
    assert np.all(np.diff(test[:, 0, 0]) == 256)  # test windows do not overlap


def test_label_fraction_is_stratified_and_seeded(base_plant: PlantData) -> None:
    ws = base_plant.train
    out = apply_label_fraction(ws, 0.1, seed=3)
    assert len(out) == len(ws) and np.array_equal(out.x, ws.x)
    assert out.class_counts(5).tolist() == [12] * 5
    kept = out.labelled_mask
    assert np.array_equal(out.y[kept], ws.y[kept])
    assert np.array_equal(apply_label_fraction(ws, 0.1, seed=3).y, out.y)
    assert not np.array_equal(apply_label_fraction(ws, 0.1, seed=4).y, out.y)
    assert apply_label_fraction(ws, 1.0, seed=0) is ws
    assert (apply_label_fraction(ws, 0.0, seed=0).y == -1).all()
    assert apply_label_fraction(ws, 0.001, seed=0).class_counts(5).tolist() == [1] * 5


def test_k_shot_keeps_k_per_class(base_plant: PlantData) -> None:
    out = apply_k_shot(base_plant.train, 5, seed=0)
    assert out.class_counts(5).tolist() == [5] * 5
    assert out.num_labelled == 25
    assert apply_k_shot(base_plant.train, 500, seed=0).num_labelled == len(base_plant.train)


# --- synthetic ------------------------------------------------------------------------------


def test_shapes_counts_and_dtypes(base_plant: PlantData) -> None:
    assert base_plant.train.x.shape == (600, 1, 1024) and base_plant.train.x.dtype == np.float32
    assert base_plant.train.y.dtype == np.int64
    assert base_plant.train.class_counts(5).tolist() == [120] * 5
    assert base_plant.test.class_counts(5).tolist() == [30] * 5
    assert base_plant.sample_rate_hz == 12000.0 and base_plant.source == "synthetic"
    assert "BPFI" in base_plant.notes


def test_determinism_by_seed(base_plant: PlantData) -> None:
    again = load_synthetic("base", SyntheticParams(), WINDOW)
    assert np.array_equal(again.train.x, base_plant.train.x)
    assert np.array_equal(again.test.x, base_plant.test.x)
    other = load_synthetic("base", SyntheticParams(seed=1), WINDOW)
    assert not np.allclose(other.train.x, base_plant.train.x)


def test_class_recording_independent_of_class_order() -> None:
    a = load_synthetic("a", SyntheticParams(classes=("normal", "ball")), WINDOW)
    b = load_synthetic("b", SyntheticParams(classes=("ball", "normal")), WINDOW)
    assert np.array_equal(a.train.x[a.train.y == 1], b.train.x[b.train.y == 0])


def test_every_class_window_is_cut_from_exactly_its_recording() -> None:
    """Without resampling a plant's windows are the recording of exactly ``total`` samples: one sample
    more shifts the generator's draws and silently changes the data earlier results were measured on."""
    params = SyntheticParams(seed=11, rpm=1750, load=0.3, resonance_hz=2800)  # plant-a of default.yaml
    window = WindowSpec(length=1024, test_fraction=0.2)
    data = load_synthetic("p", params, window)
    total = recording_length(params.num_windows_per_class, window)
    cut = total - int(round(total * 0.2))
    for label, name in enumerate(params.classes):
        rec = synthesize_recording(name, params, total, class_rng(params.seed, name))
        train = np.concatenate(data.train.x[data.train.y == label][:, 0])
        test = np.concatenate(data.test.x[data.test.y == label][:, 0])
        np.testing.assert_array_equal(train, rec[:train.size], err_msg=name)
        np.testing.assert_array_equal(test, rec[cut:cut + test.size], err_msg=name)


def test_windows_come_from_time_split_recording() -> None:
    params = SyntheticParams(num_windows_per_class=20, classes=("normal", "outer_race"))
    window = WindowSpec(length=512, stride=128, test_fraction=0.25)
    data = load_synthetic("p", params, window)
    total = recording_length(20, window)
    rec = synthesize_recording("outer_race", params, total, class_rng(params.seed, "outer_race"))
    cut = total - int(round(total * 0.25))
    train = data.train.x[data.train.y == 1][:, 0]
    test = data.test.x[data.test.y == 1][:, 0]
    assert len(train) == 20
    for i, w in enumerate(train):
        assert np.array_equal(w, rec[i * 128:i * 128 + 512]) and i * 128 + 512 <= cut
    for j, w in enumerate(test):
        assert np.array_equal(w, rec[cut + j * 512:cut + (j + 1) * 512])


def test_inner_and_outer_race_defect_frequency_in_envelope_spectrum(base_plant: PlantData) -> None:
    bpfi, bpfo = _bpfi_bpfo(1800.0)
    fs, res = base_plant.sample_rate_hz, 3000.0
    inner = base_plant.test.x[base_plant.test.y == 1][:, 0]
    outer = base_plant.test.x[base_plant.test.y == 2][:, 0]
    # One window: the strongest envelope line above 1.5 x shaft speed is BPFI (resolution ~12 Hz).
    assert abs(_envelope_peak_hz(inner[0], fs, res, 45.0, 600.0) - bpfi) < 0.05 * bpfi
    inner_hits = [abs(_envelope_peak_hz(w, fs, res, 45.0, 600.0) - bpfi) < 0.05 * bpfi for w in inner]
    outer_hits = [abs(_envelope_peak_hz(w, fs, res, 45.0, 600.0) - bpfo) < 0.05 * bpfo for w in outer]
    assert np.mean(inner_hits) > 0.7 and np.mean(outer_hits) > 0.7


def test_make_plant_params_reproducible_valid_and_shifted() -> None:
    plants = [make_plant_params(i, seed=7) for i in range(50)]
    assert plants[3] == make_plant_params(3, seed=7)
    assert plants[3] != make_plant_params(3, seed=8)
    assert all(not p.problems() for p in plants)
    assert len({p.rpm for p in plants}) == 50 and len({p.seed for p in plants}) == 50
    assert {p.sample_rate_hz for p in plants} == {12000.0, 16000.0}
    assert all(1500 <= p.rpm <= 3000 and 2000 <= p.resonance_hz <= 4500 for p in plants)


def test_plants_with_different_params_differ() -> None:
    a = load_synthetic("a", make_plant_params(0, 0, num_windows_per_class=20), WINDOW)
    b = load_synthetic("b", make_plant_params(1, 0, num_windows_per_class=20), WINDOW)
    assert a.notes != b.notes

    def centroid_hz(data: PlantData, label: int) -> float:
        spec = np.abs(np.fft.rfft(data.train.x[data.train.y == label][:, 0], axis=1)).mean(axis=0)
        freqs = np.fft.rfftfreq(data.window_length, 1.0 / data.sample_rate_hz)
        return float((spec * freqs).sum() / spec.sum())

    # The outer-race fault rings each plant's own resonance: spectra differ by hundreds of Hz.
    assert abs(centroid_hz(a, 2) - centroid_hz(b, 2)) > 200.0


def test_generation_is_fast() -> None:
    start = time.perf_counter()
    data = load_synthetic("fast", SyntheticParams(num_windows_per_class=150), WINDOW)
    elapsed = time.perf_counter() - start
    assert len(data.train) == 750
    assert elapsed < 1.0


def test_params_problems_are_reported_together() -> None:
    bad = SyntheticParams(rpm=-3, resonance_hz=7000, classes=("normal", "gearbox"))
    problems = bad.problems()
    assert any("rpm must be > 0, got -3" in p for p in problems)
    assert any("Nyquist" in p for p in problems)
    assert any("gearbox" in p for p in problems)
    with pytest.raises(DataValidationError) as info:
        load_synthetic("p", bad, WindowSpec(test_fraction=1.5))
    assert len(info.value.problems) == 4
    assert "test_fraction" in str(info.value) and "rpm" in str(info.value)


def test_small_cnn_learns_but_transfers_worse() -> None:
    torch = pytest.importorskip("torch")
    nn = torch.nn
    torch.manual_seed(0)
    src = load_synthetic("src", SyntheticParams(), WINDOW)
    dst = load_synthetic("dst", make_plant_params(1, 0), WINDOW)
    model = nn.Sequential(
        nn.Conv1d(1, 16, 64, stride=8, padding=28), nn.BatchNorm1d(16), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(16, 32, 3, padding=1), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(32, 32, 3, padding=1), nn.BatchNorm1d(32), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, 5),
    )
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    x, y = torch.from_numpy(src.train.x), torch.from_numpy(src.train.y)
    gen = torch.Generator().manual_seed(0)
    for _ in range(2):
        model.train()
        perm = torch.randperm(len(x), generator=gen)
        for i in range(0, len(x), 32):
            batch = perm[i:i + 32]
            opt.zero_grad()
            nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
            opt.step()
    model.eval()

    def accuracy(data: PlantData) -> float:
        with torch.no_grad():
            pred = model(torch.from_numpy(data.test.x)).argmax(1).numpy()
        return float((pred == data.test.y).mean())

    own, other = accuracy(src), accuracy(dst)
    assert own > 0.5  # chance is 0.2
    assert other < own - 0.15


# --- registry and entry point ---------------------------------------------------------------


def test_registry_lookup_and_duplicates() -> None:
    assert {"synthetic", "cwru", "directory", "cmapss"} <= set(DATA_SOURCES.names())
    assert params_type("synthetic") is SyntheticParams and DATA_SOURCES.load("synthetic") is load_synthetic
    with pytest.raises(UnknownName, match="synthetic"):
        DATA_SOURCES.get("nope")
    with pytest.raises(KeyError):
        load_plant_data("nope", "p1", SyntheticParams(), WINDOW, Path("."))
    with pytest.raises(ValueError, match="already registered"):
        DATA_SOURCES.add("synthetic", "common.data.synthetic:load_synthetic", summary="dup")


def test_load_plant_data_dispatches_and_checks(caplog: pytest.LogCaptureFixture) -> None:
    params = SyntheticParams(num_windows_per_class=10, classes=("normal", "imbalance"))
    data = load_plant_data("synthetic", "p1", params, WINDOW, Path("."))
    assert data.plant_id == "p1" and len(data.train) == 20
    with pytest.raises(TypeError, match="SyntheticParams"):
        load_plant_data("synthetic", "p1", object(), WINDOW, Path("."))
    with pytest.raises(DataValidationError, match="rpm"):
        load_plant_data("synthetic", "p1", SyntheticParams(rpm=0), WINDOW, Path("."))


def _fake_loader(plant_id: str, params: SyntheticParams, window: WindowSpec, *, base_dir: Path) -> PlantData:
    """A registered test source: seed 1 gives a NaN in train window 2; class 'b' is missing from test."""
    x = np.zeros((4, 1, 16), dtype=np.float32)
    bad_x = x.copy()
    bad_x[2, 0, 5] = np.nan
    y = np.array([0, 0, 1, 1], dtype=np.int64)
    train = WindowSet(bad_x if params.seed == 1 else x, y)
    test = WindowSet(x[:2], np.zeros(2, dtype=np.int64))
    return PlantData(plant_id, train, test, ("a", "b"), 1000.0, "fake")


def test_load_plant_data_rejects_nan_and_warns_on_missing_test_class(caplog: pytest.LogCaptureFixture) -> None:
    name = "fake-for-test"
    with registered(DATA_SOURCES, name, f"{__name__}:_fake_loader", params="common.data.synthetic:SyntheticParams",
                    summary="test only"):
        window = WindowSpec(length=16)
        with caplog.at_level(logging.WARNING, logger="common.data"):
            load_plant_data(name, "p", SyntheticParams(), window, Path("."))
        assert "['b']" in caplog.text
        with pytest.raises(DataValidationError, match="train window 2 contains NaN"):
            load_plant_data(name, "p", SyntheticParams(seed=1), window, Path("."))
    assert name not in DATA_SOURCES
