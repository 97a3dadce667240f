"""The shared model: a 1-D CNN feature extractor and linear heads, matched by name.

Parameter names carry their role, so federation code never pairs tensors by position:
``extractor.*`` and ``reference_head.*`` are shared across plants (the global model),
``head.*`` is the plant's personal head and never leaves the plant.
No BatchNorm anywhere: per-sample DP gradients need normalisation that does not mix samples
(GroupNorm / LayerNorm), and BatchNorm's running statistics would also leak data.
"""

from __future__ import annotations

from typing import Literal

import torch
from torch import nn

from common.config.schema import ModelConfig

SHARED_PREFIXES: tuple[str, ...] = ("extractor.", "reference_head.")
LOCAL_PREFIXES: tuple[str, ...] = ("head.",)
HeadChoice = Literal["personal", "reference"]


class InputStandardizer(nn.Module):
    """Standardise each window per channel: x ← (x − mean_t x) / (std_t x + eps).

    Parameter-free and per-sample, so it is DP-safe and removes plant-to-plant sensor gain
    and offset differences before the first convolution.
    """

    def __init__(self, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mean = x.mean(dim=-1, keepdim=True)
        std = x.std(dim=-1, keepdim=True)
        return (x - mean) / (std + self.eps)


class LogSpectrum(nn.Module):
    """Per-window log-magnitude spectrum: (B, C, L) → (B, C, L // 2), or (B, C, bands).

    Each window (and channel) on its own: remove the mean, apply a Hann window, take |rFFT|
    (the Nyquist bin dropped, so a power-of-two window gives a power-of-two spectrum), optionally
    average it into ``bands`` equal-width frequency bands, divide by the mean magnitude (so sensor
    gain cancels) and compress with log1p. Parameter-free and without buffers: nothing of it is in
    the state dict or on the wire, and no window's features depend on any other window, so it is
    DP-safe (per-sample clipping still bounds each window's influence).
    """

    def __init__(self, bands: int | None = None, eps: float = 1e-8) -> None:
        super().__init__()
        self.bands = bands
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        length = x.shape[-1]
        if x.shape[0] == 0:  # an empty (Poisson-sampled) batch: MKL's FFT refuses zero-size input
            return x.new_zeros((0, x.shape[1], self.bands or length // 2))
        taper = torch.hann_window(length, periodic=False, dtype=x.dtype, device=x.device)
        centred = x - x.mean(dim=-1, keepdim=True)
        magnitude = torch.fft.rfft(centred * taper, dim=-1).abs()[..., : length // 2]
        if self.bands is not None and self.bands != magnitude.shape[-1]:
            magnitude = nn.functional.adaptive_avg_pool1d(magnitude, self.bands)
        scale = magnitude.mean(dim=-1, keepdim=True) + self.eps
        return torch.log1p(magnitude / scale)


class EnvelopeSpectrum(nn.Module):
    """Per-window log spectrum and log envelope spectrum: (B, C, L) → (B, 2C, L // 2).

    For each channel two rows, both parameter-free and per window (DP-safe, like
    :class:`LogSpectrum`):

    1. the :class:`LogSpectrum` of the window: steady harmonics (imbalance, misalignment);
    2. the spectrum of the squared envelope after cepstral pre-whitening (CPW): the phase of the
       window's spectrum X(f) is kept and every magnitude set to one, X_w = X / |X|, so a
       transfer path (any linear, time-invariant filter H between source and sensor) and the
       sensor's gain, which multiply X by H, cancel exactly. What remains of a train of impacts
       is its timing: |analytic(x_w)|² is periodic at the impact rate, so its spectrum has lines
       at the fault frequency (in shaft orders once the window is order-tracked), wherever the
       impacts ring the structure. The row is log1p(|M| / mean |M|), M the rFFT of the
       mean-removed, Hann-tapered squared envelope, first L // 2 bins.
    """

    channel_factor = 2

    def __init__(self, floor: float = 1e-3, eps: float = 1e-8) -> None:
        super().__init__()
        self.spectrum = LogSpectrum(eps=eps)
        self.floor = floor
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        length = x.shape[-1]
        if x.shape[0] == 0:  # an empty (Poisson-sampled) batch: MKL's FFT refuses zero-size input
            return x.new_zeros((0, self.channel_factor * x.shape[1], length // 2))
        taper = torch.hann_window(length, periodic=False, dtype=x.dtype, device=x.device)
        half = torch.fft.rfft((x - x.mean(dim=-1, keepdim=True)) * taper, dim=-1)
        magnitude = half.abs()
        # bins far below the window's mean magnitude (a band emptied by an anti-alias filter when
        # the window was resampled up) stay near zero instead of being raised to the others' level
        whitened = half / (magnitude + self.floor * magnitude.mean(dim=-1, keepdim=True) + self.eps)
        # squared envelope |x_w + i·H(x_w)|² = x_w² + H(x_w)², the Hilbert transform H as −i times the
        # one-sided spectrum (DC and Nyquist bins left out); real inverse transforms only, so the
        # model exports to ONNX (which has no complex padding)
        keep = torch.ones((half.shape[-1],), dtype=x.dtype, device=x.device)
        keep[0] = 0.0
        if length % 2 == 0:
            keep[-1] = 0.0
        whitened = whitened * keep
        envelope = (torch.fft.irfft(whitened, n=length, dim=-1) ** 2
                    + torch.fft.irfft(whitened * -1j, n=length, dim=-1) ** 2)
        envelope = envelope - envelope.mean(dim=-1, keepdim=True)
        modulation = torch.fft.rfft(envelope * taper, dim=-1).abs()[..., : length // 2]
        modulation = torch.log1p(modulation / (modulation.mean(dim=-1, keepdim=True) + self.eps))
        rows = torch.stack([self.spectrum(x), modulation], dim=2)
        return rows.flatten(1, 2)  # (B, C, 2, L/2) → (B, 2C, L/2): channel c's two rows together


def _input_transform(kind: str, bands: int | None = None) -> nn.Module:
    if kind == "spectrum":
        return LogSpectrum(bands)
    if kind == "envelope":
        return EnvelopeSpectrum()
    if kind == "time":
        return nn.Identity()
    raise ValueError(f"unknown model input {kind!r}: use 'time', 'spectrum' or 'envelope'")


def _activation(kind: str) -> nn.Module:
    if kind == "tanh":
        return nn.Tanh()
    if kind == "relu":
        return nn.ReLU()
    raise ValueError(f"unknown activation {kind!r}: use 'relu' or 'tanh'")


def _norm(kind: str, channels: int, groups: int) -> nn.Module:
    if kind == "group":
        return nn.GroupNorm(groups, channels)
    if kind == "layer":
        return nn.GroupNorm(1, channels)  # LayerNorm over (channels, time)
    return nn.Identity()


class BinPool(nn.AdaptiveAvgPool1d):
    """Average-pool the positions into ``bins``; the identity (skipped) when there are exactly ``bins``.

    Adaptive pooling onto its own length is an exact identity but still costs a CPU kernel in the
    forward and every backward pass (≈ 1 ms per pass at batch 256, measured by `make bench-dp-step`).
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[-1] == self.output_size:  # an int: Extractor passes pool_bins
            return x
        return super().forward(x)


class Extractor(nn.Module):
    """Input transform (time or log-spectrum), per-window standardisation, conv blocks
    (conv → norm → activation → max-pool), global average pool, linear projection."""

    def __init__(self, in_channels: int, cfg: ModelConfig) -> None:
        super().__init__()
        self.transform = _input_transform(cfg.input, cfg.spectrum_bands)
        self.standardize = InputStandardizer() if cfg.standardize_input else nn.Identity()
        layers: list[nn.Module] = []
        width_in = in_channels * getattr(self.transform, "channel_factor", 1)
        for i, width in enumerate(cfg.channels):
            if i == 0:
                conv = nn.Conv1d(width_in, width, cfg.first_kernel, stride=cfg.first_stride,
                                 padding=cfg.first_kernel // 2)
            else:
                conv = nn.Conv1d(width_in, width, cfg.kernel_size, padding=cfg.kernel_size // 2)
            pool = nn.MaxPool1d(cfg.block_pool) if cfg.block_pool > 1 else nn.Identity()
            layers += [conv, _norm(cfg.norm, width, cfg.groups), _activation(cfg.activation), pool]
            width_in = width
        self.blocks = nn.Sequential(*layers)
        self.pool = BinPool(cfg.pool_bins)
        self.project = nn.Linear(width_in * cfg.pool_bins, cfg.feature_dim)
        self.out_activation = _activation(cfg.activation)
        self.dropout = nn.Dropout(cfg.dropout)
        self.feature_dim = cfg.feature_dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.blocks(self.standardize(self.transform(x)))
        h = self.pool(h).flatten(1)
        return self.dropout(self.out_activation(self.project(h)))


class SkipExtractor(Extractor):
    """An :class:`Extractor` whose features end with a linear skip path: the raw window averaged into
    ``cfg.linear_skip_bins`` equal stretches per channel, (B, C, L) → (B, feature_dim + C · bins).

    A linear head on these features is ``ŷ = W_f φ(x) + W_x pool(x) + b``: a linear model of the window
    plus a linear read-out of the CNN's nonlinear features φ, so a linear soft sensor of the (binned)
    window is one of its solutions. Parameter-free and per window (DP-safe); parameter names are the
    :class:`Extractor`'s.
    """

    def __init__(self, in_channels: int, cfg: ModelConfig) -> None:
        super().__init__(in_channels, cfg)
        self.skip = BinPool(cfg.linear_skip_bins)
        self.feature_dim = cfg.feature_dim + in_channels * cfg.linear_skip_bins

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([super().forward(x), self.skip(x).flatten(1)], dim=1)


class PlantModel(nn.Module):
    """Extractor + shared reference head + the plant's personal head."""

    def __init__(self, in_channels: int, num_outputs: int, cfg: ModelConfig) -> None:
        super().__init__()
        self.extractor = SkipExtractor(in_channels, cfg) if cfg.linear_skip_bins else Extractor(in_channels, cfg)
        self.reference_head = nn.Linear(self.extractor.feature_dim, num_outputs)
        self.head = nn.Linear(self.extractor.feature_dim, num_outputs)

    def forward(self, x: torch.Tensor, head: HeadChoice = "reference") -> torch.Tensor:
        features = self.extractor(x)
        return self.head(features) if head == "personal" else self.reference_head(features)


def build_model(in_channels: int, num_outputs: int, cfg: ModelConfig, seed: int) -> PlantModel:
    """Deterministic initialisation: the same seed gives every plant the same start.

    ValueError, before anything is allocated, when the settings would build more than
    ``MAX_MODEL_PARAMETERS`` for these channels and outputs."""
    too_big = cfg.size_problems(in_channels, num_outputs)
    if too_big:
        raise ValueError(f"model: {too_big[0]}")
    generator_state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    try:
        return PlantModel(in_channels, num_outputs, cfg)
    finally:
        torch.random.set_rng_state(generator_state)


def is_shared(name: str) -> bool:
    return name.startswith(SHARED_PREFIXES)


def shared_state(model: nn.Module) -> dict[str, torch.Tensor]:
    """The parameters that cross the wire: extractor and reference head, by name."""
    return {k: v.detach().cpu().clone() for k, v in model.state_dict().items() if is_shared(k)}


def local_state(model: nn.Module) -> dict[str, torch.Tensor]:
    """The plant-local parameters (personal head): these never leave the plant."""
    return {k: v.detach().cpu().clone() for k, v in model.state_dict().items() if not is_shared(k)}


def load_shared(model: nn.Module, arrays: dict[str, torch.Tensor]) -> None:
    """Load shared parameters by name; every shared key must be present with its shape."""
    own = model.state_dict()
    expected = {k for k in own if is_shared(k)}
    missing = sorted(expected - set(arrays))
    unknown = sorted(set(arrays) - expected)
    bad_shape = sorted(k for k in expected & set(arrays) if tuple(arrays[k].shape) != tuple(own[k].shape))
    if missing or unknown or bad_shape:
        raise ValueError(
            "shared parameters do not fit this model: "
            f"missing={missing} unknown={unknown} wrong shape={bad_shape}; "
            "the coordinator and the plant must use the same model settings"
        )
    model.load_state_dict({**own, **{k: torch.as_tensor(v).to(own[k].device) for k, v in arrays.items()}})
