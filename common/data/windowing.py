"""Cutting recordings into windows, splitting them in time, and hiding labels.

Leakage rule: a continuous recording is split IN TIME *before* windowing (first
``1 - test_fraction`` of the samples for training, the last ``test_fraction`` for
testing). Windows are then cut inside each part separately, so an overlapping
training window can never share samples with a test window. Test windows are always
non-overlapping.
"""

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .errors import DataValidationError
from .signal_files import memory_limit, size_text
from .types import UNLABELLED, WindowSet

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WindowSpec:
    """How every source cuts windows.

    ``stride`` applies to the training split only (None = ``length``, i.e. no overlap);
    test windows never overlap. ``test_fraction`` is the share of each recording, at its
    end, kept for testing.
    """

    length: int = 1024
    stride: int | None = None
    test_fraction: float = 0.2
    resample_to_hz: float | None = None  # set: recordings are brought to this rate before windowing
    # set: order tracking — each recording is brought to samples_per_revolution × its shaft speed
    samples_per_revolution: float | None = None

    def problems(self) -> list[str]:
        out: list[str] = []
        if self.resample_to_hz is not None and not self.resample_to_hz > 0:
            out.append(f"window.resample_to_hz must be > 0 (Hz) or null, got {self.resample_to_hz}: use e.g. 12000")
        if self.samples_per_revolution is not None and not self.samples_per_revolution > 0:
            out.append(f"window.samples_per_revolution must be > 0 or null, got {self.samples_per_revolution}: "
                       "use e.g. 400")
        if self.samples_per_revolution is not None and self.resample_to_hz is not None:
            out.append("window.samples_per_revolution and window.resample_to_hz are both set: order tracking "
                       "chooses each plant's rate from its shaft speed; keep one of them")
        if self.length < 2:
            out.append(f"window.length must be >= 2, got {self.length}: use e.g. 1024 samples")
        if self.stride is not None and self.stride < 1:
            out.append(
                f"window.stride must be >= 1 or null, got {self.stride}: "
                "use null for non-overlapping windows or a positive sample count"
            )
        if not 0.0 < self.test_fraction < 1.0:
            out.append(
                f"window.test_fraction must be in (0, 1), got {self.test_fraction}: use e.g. 0.2"
            )
        return out

    @property
    def train_stride(self) -> int:
        """Stride used for training windows."""
        return self.length if self.stride is None else self.stride


def _rate_text(rate_hz: float) -> str:
    if rate_hz < 1.0:  # a process plant: say how often it logs
        return f"one row every {_duration_text(1.0 / rate_hz)}"
    return f"{rate_hz / 1000:g} kHz" if rate_hz >= 1000 else f"{rate_hz:g} Hz"


def _duration_text(seconds: float) -> str:
    """'85 ms', '12 s', '24 min', '1.5 h'."""
    if seconds < 1.0:
        return f"{1000 * seconds:.3g} ms"
    if seconds < 120.0:
        return f"{seconds:.3g} s"
    return f"{seconds / 60:.3g} min" if seconds < 7200.0 else f"{seconds / 3600:.3g} h"


MIXED_RATE_RATIO = 2.0
"""Plants' rates at least this far apart (an octave) draw the mixed-rate warning (:func:`mixed_rates_line`)."""


class RateRule(Protocol):
    """What of a window setting decides the plants' window rate (``WindowSpec`` and the scenario's window)."""

    @property
    def length(self) -> int: ...
    @property
    def resample_to_hz(self) -> float | None: ...
    @property
    def samples_per_revolution(self) -> float | None: ...


def mixed_rates_line(rates: Mapping[str, float], window: RateRule) -> str | None:
    """A warning when plants window their recordings at rates an octave or more apart (None when they
    do not, or when ``window.resample_to_hz`` / ``samples_per_revolution`` brings them to one rate).

    A window of L samples at rate f spans L/f seconds, and a component at frequency ν lands at
    relative position ν/f of the window's spectrum, so plants at rates f₁ ≠ f₂ give the shared
    model the same fault at input scales f₂/f₁ apart. Warned from f_max/f_min ≥ 2 (an octave):
    measured, 12 against 16 kHz made no clear difference, 12 against 48 kHz cost the federated model
    20–30 points (docs/own-data.md). Rates within 1 % of each other count as one. The fix named is the
    lowest rate (nothing is upsampled into bands a plant never recorded)."""
    usable = {pid: float(r) for pid, r in rates.items() if r is not None and math.isfinite(float(r)) and r > 0}
    length = window.length
    brought_to_one_rate = window.resample_to_hz is not None or window.samples_per_revolution is not None
    if brought_to_one_rate or len(usable) < 2 or max(usable.values()) < MIXED_RATE_RATIO * min(usable.values()):
        return None
    groups: dict[float, list[str]] = {}
    for pid, rate in sorted(usable.items(), key=lambda item: (item[1], item[0])):
        home = next((r for r in groups if abs(rate - r) <= 0.01 * r), rate)
        groups.setdefault(home, []).append(pid)
    listed = "; ".join(f"{_rate_text(r)}: {', '.join(ids[:10])}" + (f" and {len(ids) - 10} more" if len(ids) > 10
                                                                      else "") for r, ids in groups.items())
    spans = ", ".join(f"{_duration_text(length / r)} at {_rate_text(r)}" for r in groups)
    lowest = min(groups)
    return (f"plants sample at different rates ({listed}) and nothing brings them to one: a window of {length} "
            f"samples spans {spans}, so the shared model sees one fault at different scales; set "
            f"window.resample_to_hz: {lowest:g} (each plant resamples its recordings inside the plant before "
            "windowing; process plants' CSV runs too) or, for vibration, window.samples_per_revolution for order "
            "tracking (docs/own-data.md)")


def _as_channels_first(signal: np.ndarray) -> np.ndarray:
    arr = np.asarray(signal)
    if arr.ndim == 1:
        return arr[np.newaxis, :]
    if arr.ndim == 2:
        return arr
    raise ValueError(f"signal must have shape (T,) or (C, T), got {arr.shape}")


def num_windows(num_samples: int, length: int, stride: int) -> int:
    """How many windows ``cut_windows`` yields from ``num_samples`` samples (0 if too short)."""
    if num_samples < length:
        return 0
    return (num_samples - length) // stride + 1


def min_split_samples(window: WindowSpec) -> int:
    """Shortest recording whose time split leaves one train and one test window."""
    share = min(window.test_fraction, 1.0 - window.test_fraction)
    total = max(window.length, int((window.length - 0.5) / share) - 2)
    while True:
        n_test = int(round(total * window.test_fraction))
        if total - n_test >= window.length and n_test >= window.length:
            return total
        total += 1


def cut_windows(signal: np.ndarray, length: int, stride: int) -> np.ndarray:
    """Cut a (C, T) or (T,) signal into float32 windows of shape (N, C, length); no padding.

    A trailing piece shorter than ``length`` is dropped. Raises ValueError when the signal
    is shorter than one window.
    """
    if length < 1 or stride < 1:
        raise ValueError(f"length and stride must be >= 1, got length={length}, stride={stride}")
    sig = _as_channels_first(signal)
    total = sig.shape[1]
    if total < length:
        raise ValueError(f"signal has {total} samples, shorter than one window of {length}")
    needed = num_windows(total, length, stride) * sig.shape[0] * length * 4  # float32 windows
    limit = memory_limit()
    if needed > limit:  # checked before the copy: stride 1 multiplies a recording by the window length
        raise DataValidationError([f"cutting {total} samples into windows of {length} every {stride} samples "
                                   f"needs {size_text(needed)}, more than the {size_text(limit)} a plant may use: "
                                   "raise window.stride (or shorten window.length)"])
    views = np.lib.stride_tricks.sliding_window_view(sig, length, axis=1)[:, ::stride]  # (C, N, L)
    return np.ascontiguousarray(views.transpose(1, 0, 2), dtype=np.float32)


def split_recording(signal: np.ndarray, test_fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Split a recording in time: first ``1 - test_fraction`` for training, the rest for testing.

    Works on (T,) and (C, T) signals (splits the last axis) and returns views. Split before
    windowing so overlapping windows cannot leak between train and test.
    """
    if not 0.0 <= test_fraction < 1.0:
        raise ValueError(f"test_fraction must be in [0, 1), got {test_fraction}")
    arr = np.asarray(signal)
    if arr.ndim not in (1, 2):
        raise ValueError(f"signal must have shape (T,) or (C, T), got {arr.shape}")
    total = arr.shape[-1]
    cut = total - int(round(total * test_fraction))
    return arr[..., :cut], arr[..., cut:]


def _labelled_indices_by_class(y: np.ndarray) -> dict[int, np.ndarray]:
    labelled = y[y >= 0]
    return {int(c): np.flatnonzero(y == c) for c in np.unique(labelled)}


def _keep_labels(ws: WindowSet, keep: np.ndarray) -> WindowSet:
    y = np.full_like(ws.y, UNLABELLED)
    y[keep] = ws.y[keep]
    return ws.with_labels(y)


def apply_label_fraction(ws: WindowSet, fraction: float, seed: int) -> WindowSet:
    """Keep labels on a stratified random ``fraction`` of the labelled windows; the rest become -1.

    Per class, ``round(fraction * n_class)`` labels survive, but at least one whenever
    ``fraction > 0`` so no class disappears entirely. 1.0 returns ``ws`` unchanged; 0.0
    unlabels everything. Windows are never dropped, only their labels.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"label fraction must be in [0, 1], got {fraction}")
    if fraction == 1.0:
        return ws
    rng = np.random.default_rng(seed)
    keep: list[np.ndarray] = []
    if fraction > 0.0:
        for idx in _labelled_indices_by_class(ws.y).values():
            n_keep = max(1, int(round(fraction * idx.size)))
            keep.append(rng.permutation(idx)[:n_keep])
    return _keep_labels(ws, np.concatenate(keep) if keep else np.zeros(0, dtype=np.int64))


def apply_k_shot(ws: WindowSet, k: int, seed: int) -> WindowSet:
    """Keep labels on ``k`` random windows per class; the rest become -1.

    A class with fewer than ``k`` labelled windows keeps all of them (logged as a warning).
    """
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    rng = np.random.default_rng(seed)
    keep: list[np.ndarray] = []
    for cls, idx in _labelled_indices_by_class(ws.y).items():
        if idx.size < k:
            logger.warning("k-shot: class %d has only %d labelled windows (< k=%d); keeping all", cls, idx.size, k)
        keep.append(rng.permutation(idx)[:k])
    return _keep_labels(ws, np.concatenate(keep) if keep else np.zeros(0, dtype=np.int64))


def target_rate(window: WindowSpec, shaft_hz: float | None = None, where: str = "this plant") -> float | None:
    """The rate a plant's recordings are brought to, or None when they stay at their own.

    ``window.resample_to_hz``; or, with order tracking, fs' = samples_per_revolution · f_shaft, so
    one revolution spans the same number of samples at every plant and a fault that strikes k
    times per revolution (BPFI/f_r, BPFO/f_r and 2·BSF/f_r depend on the bearing only) recurs every
    samples_per_revolution / k samples, whatever the plant's speed and sampling rate.
    """
    if window.samples_per_revolution is None:
        return window.resample_to_hz
    if shaft_hz is None or not math.isfinite(shaft_hz) or shaft_hz <= 0:
        raise DataValidationError([f"{where}: window.samples_per_revolution (order tracking) needs the machine's "
                                   f"shaft speed, and {where} has {'none' if shaft_hz is None else shaft_hz}: "
                                   "declare it (synthetic: rpm; directory: shaft_speed_rpm in manifest.yaml) or "
                                   "unset window.samples_per_revolution"])
    return float(window.samples_per_revolution * shaft_hz)


def output_rate(rate_hz: float, window: WindowSpec, shaft_hz: float | None = None) -> float:
    """The sampling rate a plant's windows have: :func:`target_rate` if any, else its own."""
    target = target_rate(window, shaft_hz)
    return float(target if target is not None else rate_hz)


def at_rate(recording: np.ndarray, rate_hz: float, window: WindowSpec,
            shaft_hz: float | None = None) -> tuple[np.ndarray, float]:
    """``recording`` ((T,) or (C, T)) at :func:`target_rate` (unchanged when none or equal); (signal, rate).

    Band-limited resampling in the frequency domain: the rFFT of the whole recording is cut (or
    zero-padded) to the new rate's Nyquist band and inverted at the new length, so content above
    the lower Nyquist frequency is removed rather than aliased and every frequency in Hz stays
    where it was — a fault at 162 Hz is at 162 Hz in the resampled windows too. The recording is
    treated as periodic, so the first and last few milliseconds carry a small edge effect.
    """
    target = target_rate(window, shaft_hz)
    if target is None or abs(target - rate_hz) <= 1e-9 * target:
        return recording, float(rate_hz)
    one_d = np.ndim(recording) == 1
    signal = _as_channels_first(recording)
    n_in = signal.shape[-1]
    n_out = max(2, int(round(n_in * target / rate_hz)))
    # float64 copy, spectrum and result, float32 copy (as the directory source's estimate): refused before allocating
    needed = 32 * signal.shape[0] * max(n_in, n_out)
    if needed > memory_limit():
        key = "samples_per_revolution" if window.samples_per_revolution is not None else "resample_to_hz"
        raise DataValidationError([f"resampling a recording of {n_in} samples from {rate_hz:g} to {target:g} Hz "
                                   f"(window.{key}) needs about {size_text(needed)}, more than the "
                                   f"{size_text(memory_limit())} a plant may use: lower window.{key}"])
    spectrum = np.fft.rfft(signal.astype(np.float64), axis=-1)
    bins = n_out // 2 + 1
    if bins <= spectrum.shape[-1]:
        spectrum = spectrum[..., :bins]
    else:
        if n_in % 2 == 0:  # the old Nyquist bin stands for ±f_N: split it between the two frequencies
            spectrum[..., -1] *= 0.5
        spectrum = np.concatenate([spectrum, np.zeros(spectrum.shape[:-1] + (bins - spectrum.shape[-1],),
                                                      dtype=spectrum.dtype)], axis=-1)
    out = np.fft.irfft(spectrum, n=n_out, axis=-1) * (n_out / n_in)
    out = out.astype(signal.dtype if np.issubdtype(signal.dtype, np.floating) else np.float32)
    return (out[0] if one_d else out), float(target)
