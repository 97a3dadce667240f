"""Synthetic, physically motivated bearing vibration for simulated plants.

Signal model for one class at one plant (continuous recording, then split and windowed):

* shaft rotation at f_r = rpm / 60 with a slow random speed wander (+-0.3 %), so each
  window starts at an arbitrary shaft angle;
* shaft harmonics 1x..4x whose amplitude grows with ``load``; ``imbalance`` raises 1x
  strongly, ``misalignment`` raises 2x (and 3x);
* bearing faults: a train of impulses at the defect frequency from the bearing geometry
  (BPFI, BPFO, and 2 x BSF for a ball spall, which strikes both races once per spin),
  with ~1.5 % timing jitter; every impulse rings a damped sinusoid at ``resonance_hz``.
  Inner-race impulses are amplitude-modulated at f_r (the defect rotates through the load
  zone); ball impulses at the cage frequency FTF; outer-race impulses are steady;
* the transfer path to the sensor (``sensor_position``): ``housing`` (the default) is an
  accelerometer on the bearing housing, where impulses ring the housing mode at
  ``resonance_hz`` as above. ``remote`` is one mounted elsewhere on the machine (the other end
  of the shaft, a motor foot): the impulses arrive attenuated by ``_REMOTE_IMPULSE_GAIN`` and
  ring the structure's own modes instead (``_REMOTE_MODES``: frequency ratios to
  ``resonance_hz``, damping ratios and weights), while the shaft harmonics, transmitted through
  the shaft and frame, arrive ``_REMOTE_HARMONIC_GAIN`` times stronger. A sensor position is
  therefore a different linear filter on each source of vibration, as on a real machine;
* white Gaussian noise (``noise_std``, the sensor's own noise over its full bandwidth
  0..sample_rate_hz/2), then everything is scaled by ``sensor_gain``.

Plants differ through their params (speed, load, resonance, gain, noise, sample rate),
which is where the domain shift between plants comes from. Everything is deterministic
given ``seed``; each class's recording depends only on (seed, class name, params).
"""

import logging
import math
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common.config.schema import MAX_WINDOW_LENGTH, MAX_WINDOWS_PER_CLASS, seed_problem

from .bearing import DEFAULT_BEARING, DefectFrequencies
from .errors import raise_if_problems
from .signal_files import MAX_ARRAY_BYTES, size_text
from .types import PlantData, WindowSet, recording_groups
from .windowing import WindowSpec, at_rate, cut_windows, output_rate, split_recording

logger = logging.getLogger(__name__)

KNOWN_CLASSES: tuple[str, ...] = ("normal", "inner_race", "outer_race", "ball", "imbalance", "misalignment")
DEFAULT_CLASSES: tuple[str, ...] = ("normal", "inner_race", "outer_race", "ball", "imbalance")

_SPEED_WANDER = 0.003  # relative std of the slow shaft-speed fluctuation
_SPEED_KNOT_S = 0.1  # seconds between speed-fluctuation knots
_IMPULSE_JITTER = 0.015  # relative std of the time between fault impulses
_DAMPING_RATIO = 0.05  # damping of the structural resonance excited by impulses
_HARMONIC_SHAPE = (1.0, 0.5, 0.3, 0.2)  # relative amplitude of 1x..4x in a healthy machine
# Transmission-path attenuation to a housing-mounted sensor: the outer race sits in the
# housing, inner-race and ball impacts cross more interfaces and arrive weaker.
_PATH_GAIN = {"outer_race": 1.0, "inner_race": 0.75, "ball": 0.55}
SENSOR_POSITIONS: tuple[str, ...] = ("housing", "remote")
_REMOTE_IMPULSE_GAIN = 0.3  # impulses lose most of their energy across joints on the way
_REMOTE_HARMONIC_GAIN = 1.5  # shaft vibration reaches a frame-mounted sensor more strongly
# (frequency ratio to resonance_hz, damping ratio, weight) of the structural modes a remote sensor sees
_REMOTE_MODES: tuple[tuple[float, float, float], ...] = ((0.6, 0.03, 0.6), (1.45, 0.08, 0.4))
# float64 arrays as long as one recording alive at once while it is synthesised and resampled
# (angle, time, speed, harmonics, impulses, noise, spectrum): the memory estimate's multiplier.
_WORK_ARRAYS = 8
MIN_TEST_FRACTION = 1e-3
"""Smallest test_fraction a synthetic plant accepts (its recording must hold one test window)."""


@dataclass(frozen=True)
class SyntheticParams:
    """Operating point and sensor of one simulated plant."""

    # seed of this plant's generated recordings
    seed: int = 0
    num_windows_per_class: int = 120  # training windows per class; test gets ~test_fraction of the recording
    # shaft speed, revolutions per minute
    rpm: float = 1800.0
    load: float = 0.5  # fraction of rated load, 0..1
    # frequency of the structural resonance that fault impacts excite (below sample_rate_hz / 2)
    resonance_hz: float = 3000.0
    # the plant's sampling rate
    sample_rate_hz: float = 12000.0
    # the sensor's gain
    sensor_gain: float = 1.0
    # std of the sensor's additive noise
    noise_std: float = 0.3
    # the classes this plant has: a subset of the known synthetic classes, in any order
    classes: tuple[str, ...] = DEFAULT_CLASSES
    sensor_position: str = "housing"  # transfer path to the sensor: housing | remote (module docstring)

    def problems(self) -> list[str]:
        out: list[str] = []
        seed = seed_problem("seed", self.seed)
        if seed:
            out.append(seed)
        if self.num_windows_per_class < 1:
            out.append(f"num_windows_per_class must be >= 1, got {self.num_windows_per_class}: use e.g. 120")
        elif self.num_windows_per_class > MAX_WINDOWS_PER_CLASS:
            out.append(f"num_windows_per_class must be <= {MAX_WINDOWS_PER_CLASS}, got {self.num_windows_per_class}: "
                       "use a few hundred windows per class")
        if not self.rpm > 0:
            out.append(f"rpm must be > 0, got {self.rpm}: set a positive shaft speed")
        if not 0.0 <= self.load <= 1.0:
            out.append(f"load must be in [0, 1] (fraction of rated load), got {self.load}")
        if not self.sample_rate_hz > 0:
            out.append(f"sample_rate_hz must be > 0, got {self.sample_rate_hz}: use e.g. 12000")
        if not self.resonance_hz > 0:
            out.append(f"resonance_hz must be > 0, got {self.resonance_hz}: use e.g. 3000")
        elif self.sample_rate_hz > 0 and self.resonance_hz >= self.sample_rate_hz / 2:
            out.append(
                f"resonance_hz ({self.resonance_hz}) must be below the Nyquist frequency "
                f"sample_rate_hz/2 = {self.sample_rate_hz / 2}: lower it or raise sample_rate_hz"
            )
        if not self.sensor_gain > 0:
            out.append(f"sensor_gain must be > 0, got {self.sensor_gain}")
        if self.sensor_position not in SENSOR_POSITIONS:
            out.append(f"sensor_position must be one of {list(SENSOR_POSITIONS)}, got {self.sensor_position!r}")
        if not self.noise_std >= 0:
            out.append(f"noise_std must be >= 0, got {self.noise_std}")
        if not self.classes:
            out.append(f"classes must not be empty: choose from {list(KNOWN_CLASSES)}")
        if len(set(self.classes)) != len(self.classes):
            out.append(f"classes contains duplicates: {list(self.classes)}")
        unknown = [c for c in self.classes if c not in KNOWN_CLASSES]
        if unknown:
            out.append(f"classes: unknown synthetic classes {unknown}: choose a subset, in any order, of "
                       f"{list(KNOWN_CLASSES)}")
        return out

    @property
    def defect_frequencies(self) -> DefectFrequencies:
        return DEFAULT_BEARING.frequencies(self.rpm / 60.0)


def make_plant_params(
    index: int,
    seed: int = 0,
    *,
    num_windows_per_class: int = 120,
    classes: tuple[str, ...] = DEFAULT_CLASSES,
) -> SyntheticParams:
    """Reproducible, moderately shifted params for plant number ``index`` of a scenario.

    Draws rpm 1500-3000, load 0.2-0.9, resonance 2-4.5 kHz, gain 0.7-1.5, noise 0.2-0.6 and a
    sample rate of 12 or 16 kHz from a generator keyed by (seed, index), so plant ``index``
    is the same whatever the number of plants.
    """
    if index < 0 or seed < 0:
        raise ValueError(f"index and seed must be >= 0, got index={index}, seed={seed}")
    rng = np.random.default_rng([seed, index, 0x5EED])
    return SyntheticParams(
        seed=int(rng.integers(0, 2**31 - 1)),
        num_windows_per_class=num_windows_per_class,
        rpm=round(float(rng.uniform(1500.0, 3000.0)), 1),
        load=round(float(rng.uniform(0.2, 0.9)), 3),
        resonance_hz=round(float(rng.uniform(2000.0, 4500.0)), 1),
        sample_rate_hz=float(rng.choice([12000.0, 16000.0])),
        sensor_gain=round(float(rng.uniform(0.7, 1.5)), 3),
        noise_std=round(float(rng.uniform(0.2, 0.6)), 3),
        classes=tuple(classes),
    )


def class_rng(seed: int, class_name: str) -> np.random.Generator:
    """Generator for one class's recording, independent of the order of ``classes``."""
    return np.random.default_rng([seed, zlib.crc32(class_name.encode("utf-8"))])


def _shaft_angle(num_samples: int, fs: float, shaft_hz: float, rng: np.random.Generator) -> np.ndarray:
    """Shaft angle in radians per sample, with a slowly wandering speed and random start angle."""
    duration = num_samples / fs
    knots_t = np.arange(0.0, duration + 2 * _SPEED_KNOT_S, _SPEED_KNOT_S)
    knots_v = 1.0 + _SPEED_WANDER * rng.standard_normal(knots_t.size)
    t = np.arange(num_samples) / fs
    inst_hz = shaft_hz * np.interp(t, knots_t, knots_v)
    return rng.uniform(0.0, 2 * np.pi) + 2 * np.pi * np.cumsum(inst_hz) / fs


def _resonance_kernel(fs: float, resonance_hz: float, damping: float = _DAMPING_RATIO) -> np.ndarray:
    """Unit impulse response of a lightly damped mode at ``resonance_hz``."""
    decay = 2 * np.pi * damping * resonance_hz
    duration = math.log(1000.0) / decay  # until the envelope falls to 1e-3
    t = np.arange(max(2, int(math.ceil(duration * fs)))) / fs
    return np.exp(-decay * t) * np.sin(2 * np.pi * resonance_hz * t)


def _path_kernel(fs: float, params: SyntheticParams) -> np.ndarray:
    """Impulse response from a defect strike to the sensor (``sensor_position``, module docstring).

    A remote mode above 0.45·fs is left out (the sensor's anti-alias filter removes it)."""
    if params.sensor_position == "housing":
        return _resonance_kernel(fs, params.resonance_hz)
    kernels = [weight * _resonance_kernel(fs, ratio * params.resonance_hz, damping)
               for ratio, damping, weight in _REMOTE_MODES if ratio * params.resonance_hz < 0.45 * fs]
    kernel = np.zeros(max((k.size for k in kernels), default=1))
    for k in kernels:
        kernel[: k.size] += k
    return _REMOTE_IMPULSE_GAIN * kernel


def _load_zone(angle: np.ndarray, phase: float) -> np.ndarray:
    """Load-zone weighting in [0, 1] for a defect at rotating ``angle``."""
    return (0.5 * (1.0 + np.cos(angle + phase))) ** 1.5


def _fault_impulses(
    class_name: str, theta: np.ndarray, params: SyntheticParams, rng: np.random.Generator
) -> np.ndarray:
    """Impulse train (one weighted spike per defect strike) for a bearing-fault class."""
    freqs = params.defect_frequencies
    event_hz = {"inner_race": freqs.bpfi, "outer_race": freqs.bpfo, "ball": 2.0 * freqs.bsf}[class_name]
    # Events are spaced in shaft angle, so they follow the speed wander like a real bearing.
    step = 2 * np.pi * freqs.shaft / event_hz
    n_events = int(math.ceil((theta[-1] - theta[0]) / step)) + 2
    gaps = step * (1.0 + _IMPULSE_JITTER * rng.standard_normal(n_events))
    event_theta = theta[0] + rng.uniform(0.0, step) + np.cumsum(np.maximum(gaps, 0.2 * step))
    event_theta = event_theta[event_theta < theta[-1]]
    idx = np.searchsorted(theta, event_theta)

    amp = _PATH_GAIN[class_name] * (0.6 + 1.6 * params.load) * (1.0 + 0.1 * rng.standard_normal(idx.size))
    phase = rng.uniform(0.0, 2 * np.pi)
    if class_name == "inner_race":
        amp *= 0.2 + 0.8 * _load_zone(event_theta, phase)
    elif class_name == "ball":
        amp *= 0.2 + 0.8 * _load_zone(event_theta * freqs.ftf / freqs.shaft, phase)
    impulses = np.zeros(theta.size)
    np.add.at(impulses, idx, np.maximum(amp, 0.0))
    return impulses


def synthesize_recording(
    class_name: str, params: SyntheticParams, num_samples: int, rng: np.random.Generator
) -> np.ndarray:
    """One continuous single-channel recording (T,) float32 of ``class_name`` at this plant."""
    if class_name not in KNOWN_CLASSES:
        raise ValueError(f"unknown synthetic class {class_name!r}: choose from {list(KNOWN_CLASSES)}")
    fs = params.sample_rate_hz
    theta = _shaft_angle(num_samples, fs, params.rpm / 60.0, rng)

    harmonics = (0.1 + 0.25 * params.load) * np.asarray(_HARMONIC_SHAPE)
    if class_name == "imbalance":
        harmonics[0] *= 6.0
    elif class_name == "misalignment":
        harmonics[1] *= 6.0
        harmonics[2] *= 3.0
    harmonics *= 1.0 + 0.05 * rng.standard_normal(harmonics.size)
    phases = rng.uniform(0.0, 2 * np.pi, harmonics.size)
    signal = np.zeros(num_samples)
    for k, (a, ph) in enumerate(zip(harmonics, phases), start=1):
        signal += a * np.sin(k * theta + ph)

    if params.sensor_position == "remote":
        signal *= _REMOTE_HARMONIC_GAIN
    if class_name in ("inner_race", "outer_race", "ball"):
        impulses = _fault_impulses(class_name, theta, params, rng)
        signal += np.convolve(impulses, _path_kernel(fs, params))[:num_samples]

    signal += params.noise_std * rng.standard_normal(num_samples)
    return (params.sensor_gain * signal).astype(np.float32)


def size_problems(params: SyntheticParams, window: WindowSpec, limit: int = MAX_ARRAY_BYTES) -> list[str]:
    """Refuse, before anything is allocated, a plant whose recordings or windows would not fit ``limit``.

    One class's recording needs T ≈ max(((n - 1)·stride + L) / (1 - f), L / f) samples (n training
    windows of L samples, test fraction f), synthesised in float64 at the source rate; its windows
    take 4·(n·L + f·T) bytes per class, twice over while they are joined.
    """
    n, length, stride, frac = params.num_windows_per_class, window.length, window.train_stride, window.test_fraction
    if params.problems() or window.problems():
        return []  # reported on their own; the estimate needs valid settings
    if length > MAX_WINDOW_LENGTH:
        return [f"window.length must be <= {MAX_WINDOW_LENGTH} samples, got {length}: use e.g. 1024"]
    if frac < MIN_TEST_FRACTION:
        return [f"window.test_fraction {frac:g} is below {MIN_TEST_FRACTION:g}: the recording would have to be "
                f"{length / frac:.3g} samples long to hold one test window; use e.g. 0.2"]
    samples = max(((n - 1) * stride + length) / (1.0 - frac), length / frac)
    rate = output_rate(params.sample_rate_hz, window, params.rpm / 60.0)
    recording = samples * max(1.0, params.sample_rate_hz / rate) * 8 * _WORK_ARRAYS
    windows = 2 * len(params.classes) * (n * length + frac * samples) * 4
    need = max(recording, windows)
    if need <= limit:
        return []
    return [f"num_windows_per_class={n} with window.length={length}, window.stride={stride} and "
            f"window.test_fraction={frac:g} needs about {size_text(need)} for this plant, more than the "
            f"{size_text(limit)} limit: use fewer windows per class, a shorter window or a larger stride"]


def recording_length(n_train: int, window: WindowSpec) -> int:
    """Samples needed so the time split leaves ``n_train`` train windows and >= 1 test window."""
    length, stride, frac = window.length, window.train_stride, window.test_fraction
    need_train = (n_train - 1) * stride + length
    total = int(math.ceil(need_train / (1.0 - frac)))
    while True:
        n_test = int(round(total * frac))
        if total - n_test >= need_train and n_test >= length:
            return total
        total += max(1, length // 8)


def load_synthetic(
    plant_id: str, params: SyntheticParams, window: WindowSpec, *, base_dir: Path = Path(".")
) -> PlantData:
    """Generate one synthetic plant: per class a recording, split in time, then windowed.

    ``base_dir`` is unused (kept for the common loader signature).
    """
    raise_if_problems(params.problems() + window.problems() + size_problems(params, window),
                      f"synthetic plant {plant_id!r}")
    n_train = params.num_windows_per_class
    total = recording_length(n_train, window)
    rate = output_rate(params.sample_rate_hz, window, params.rpm / 60.0)
    # Synthesise exactly ``total`` samples when nothing is resampled: one more sample shifts the
    # generator's draws and changes every window (the data every earlier result was measured on).
    at_source_rate = (total if rate == params.sample_rate_hz
                      else int(math.ceil(total * params.sample_rate_hz / rate)) + 1)  # ≥ total once resampled
    xs_train, ys_train, xs_test, ys_test = [], [], [], []
    for label, name in enumerate(params.classes):
        recording = synthesize_recording(name, params, at_source_rate, class_rng(params.seed, name))
        recording = at_rate(recording, params.sample_rate_hz, window, params.rpm / 60.0)[0][:total]
        train_part, test_part = split_recording(recording, window.test_fraction)
        xs_train.append(cut_windows(train_part, window.length, window.train_stride)[:n_train])
        xs_test.append(cut_windows(test_part, window.length, window.length))
        ys_train.append(np.full(n_train, label, dtype=np.int64))
        ys_test.append(np.full(xs_test[-1].shape[0], label, dtype=np.int64))

    f = params.defect_frequencies
    notes = (
        f"synthetic bearing vibration, seed {params.seed}: rpm {params.rpm:g} (f_r {f.shaft:.2f} Hz), "
        f"load {params.load:g}, resonance {params.resonance_hz:g} Hz, fs {params.sample_rate_hz:g} Hz, "
        f"gain {params.sensor_gain:g}, noise {params.noise_std:g}, sensor at {params.sensor_position}; "
        f"bearing {DEFAULT_BEARING.n_balls} balls, "
        f"d/D {DEFAULT_BEARING.ball_pitch_ratio:g}: BPFI {f.bpfi:.1f} Hz, BPFO {f.bpfo:.1f} Hz, "
        f"2xBSF {2 * f.bsf:.1f} Hz, FTF {f.ftf:.1f} Hz; one {total}-sample recording per class, split in time "
        f"(last {window.test_fraction:g} for test) before windowing"
        + (f"; resampled {params.sample_rate_hz:g} → {rate:g} Hz" if rate != params.sample_rate_hz else "")
    )
    data = PlantData(
        plant_id=plant_id,
        train=WindowSet(np.concatenate(xs_train), np.concatenate(ys_train), groups=recording_groups(xs_train)),
        test=WindowSet(np.concatenate(xs_test), np.concatenate(ys_test), groups=recording_groups(xs_test)),
        class_names=tuple(params.classes),
        sample_rate_hz=rate,
        source="synthetic",
        notes=notes,
        shaft_speed_rpm=float(params.rpm),
    )
    logger.debug("synthetic plant %s: %d train / %d test windows", plant_id, len(data.train), len(data.test))
    return data
