"""Random augmentation of vibration windows during local training (off by default).

A plant's model must work on machines that run at a slightly different speed, load or sensor
gain than its own. Three label-preserving transforms, each applied to a window with
probability ``probability`` (the recipe of the UDTL fault-diagnosis benchmark's training
transforms, Zhao et al. 2021):

- **noise**: x + ε, ε ~ N(0, (noise_std · std(x))²) per sample — sensor noise;
- **scale**: x · s, s ~ N(1, scale_std²) per channel — sensor gain;
- **stretch**: x resampled by f ~ U(1 − stretch, 1 + stretch) (linear interpolation), then cut
  back (or edge-padded) to its length at a random offset — a shaft speed f times the plant's,
  which moves every fault frequency by f.

Each window is transformed on its own, so under DP-SGD the privacy unit (one window) is
unchanged: a window's clipped gradient is computed on a transformed copy of that window only.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from common.config.schema import AugmentConfig


def augment_batch(x: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator) -> torch.Tensor:
    """A transformed copy of ``x`` (batch, channels, length); ``x`` itself is left as it is."""
    if not cfg.enabled or len(x) == 0:
        return x
    batch, channels, length = x.shape
    out = x.clone()
    if cfg.noise_std > 0:
        chosen = _chosen(batch, cfg.probability, generator, x.device)
        sigma = cfg.noise_std * out.std(dim=-1, keepdim=True)
        noise = torch.randn(out.shape, generator=generator).to(x.device) * sigma
        out = out + chosen[:, None, None] * noise
    if cfg.scale_std > 0:
        chosen = _chosen(batch, cfg.probability, generator, x.device)
        gain = 1.0 + cfg.scale_std * torch.randn((batch, channels, 1), generator=generator).to(x.device)
        out = torch.where(chosen[:, None, None], out * gain, out)
    if cfg.stretch > 0:
        chosen = _chosen(batch, cfg.probability, generator, x.device)
        factors = 1.0 + cfg.stretch * (2 * torch.rand(batch, generator=generator) - 1)
        offsets = torch.rand(batch, generator=generator)
        for i in torch.nonzero(chosen).flatten().tolist():
            out[i] = _stretch(out[i], float(factors[i]), float(offsets[i]), length)
    return out


def _chosen(batch: int, probability: float, generator: torch.Generator, device: torch.device) -> torch.Tensor:
    return (torch.rand(batch, generator=generator) < probability).to(device)


def _stretch(window: torch.Tensor, factor: float, offset: float, length: int) -> torch.Tensor:
    """``window`` (channels, length) resampled to round(length · factor), cut or padded back to length."""
    new_length = max(2, round(length * factor))
    resampled = F.interpolate(window[None], size=new_length, mode="linear", align_corners=False)[0]
    if new_length >= length:
        start = int(offset * (new_length - length + 1)) if new_length > length else 0
        return resampled[:, start : start + length]
    return F.pad(resampled[None], (0, length - new_length), mode="replicate")[0]
