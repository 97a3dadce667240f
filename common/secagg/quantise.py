"""Clip, quantise and weight an update into Z_M, and the way back from the sum.

A plant clips its update u to ‖u‖₂ ≤ C (``clip``), so every coordinate lies in [−C, C], and maps
each coordinate to an integer q ∈ {0, …, L}, L = 2**bits − 1, step Δ = 2C / L:

    q = round((u + C) / Δ)            (nearest: |q·Δ − C − u| ≤ Δ/2)
    q = floor((u + C) / Δ + ξ), ξ ~ U[0, 1)   (stochastic: unbiased, |error| < Δ)

It sends w·q (w ∈ {1, …, max_weight} its integer weight, e.g. its example count) followed by w
itself, all mod M = 2**modulus_bits. From the sums S = Σ w_i q_i and W = Σ w_i the coordinator gets

    Σ w_i u_i ≈ Δ·S − C·W,   |error| ≤ W·Δ/2 per coordinate (nearest rounding),

i.e. at most Δ/2 on the weighted mean. No wrap-around as long as n·L·max_weight < M
(``overflow_problem``). Arithmetic is numpy uint64, which wraps mod 2**64; since M divides
2**64, reducing mod M afterwards gives the sum mod M.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Rounding = Literal["nearest", "stochastic"]
MAX_MODULUS_BITS = 64


def overflow_problem(plants: int, bits: int, max_weight: int, modulus_bits: int, *, key: str) -> str | None:
    """Why M = 2**modulus_bits cannot hold the sum of ``plants`` weighted updates (None when it can)."""
    need = plants * (2**bits - 1) * max_weight
    if need < 2**modulus_bits:
        return None
    need_bits = need.bit_length()
    return (f"a modulus of 2**{modulus_bits} cannot hold the sum of {plants} plants' updates "
            f"({plants} × (2**{bits} − 1) × max_weight {max_weight} = {need} would wrap): set {key}.modulus_bits "
            f"to at least {need_bits} (at most {MAX_MODULUS_BITS}), or lower {key}.quantisation_bits or "
            f"{key}.max_weight")


def clip_l2(update: np.ndarray, clip: float) -> np.ndarray:
    """u · min(1, C / ‖u‖₂), in float64."""
    u = np.asarray(update, dtype=np.float64).ravel()
    norm = float(np.linalg.norm(u))
    return u * (clip / norm) if norm > clip else u


@dataclass(frozen=True)
class Quantiser:
    """Step Δ = 2·clip / (2**bits − 1) over [−clip, clip], into Z_M with M = 2**modulus_bits."""

    clip: float
    bits: int
    modulus_bits: int

    def __post_init__(self) -> None:
        if not self.clip > 0:
            raise ValueError(f"clip must be > 0, got {self.clip}")
        if not 1 <= self.bits < self.modulus_bits <= MAX_MODULUS_BITS:
            raise ValueError(f"need 1 <= bits < modulus_bits <= {MAX_MODULUS_BITS}, got bits={self.bits}, "
                             f"modulus_bits={self.modulus_bits}")

    @property
    def levels(self) -> int:
        """L = 2**bits − 1, the largest quantised value."""
        return int(2**self.bits - 1)

    @property
    def step(self) -> float:
        """Δ = 2·clip / L."""
        return 2.0 * self.clip / self.levels

    @property
    def mask(self) -> np.uint64:
        """M − 1 (M a power of two), for reduction mod M."""
        return np.uint64(2**self.modulus_bits - 1)

    def encode(self, update: np.ndarray, weight: int, *, rounding: Rounding = "nearest",
               rng: np.random.Generator | None = None) -> np.ndarray:
        """[w·q(clip_l2(u)), w] mod M as uint64; ``rng`` only for stochastic rounding."""
        if isinstance(weight, bool) or not isinstance(weight, (int, np.integer)) or weight < 1:
            raise ValueError(f"weight must be a positive integer, got {weight!r}")
        scaled = (clip_l2(update, self.clip) + self.clip) / self.step
        if rounding == "nearest":
            q = np.rint(scaled)
        elif rounding == "stochastic":
            gen = rng if rng is not None else np.random.default_rng()
            q = np.floor(scaled + gen.random(scaled.shape))
        else:
            raise ValueError(f"rounding must be 'nearest' or 'stochastic', got {rounding!r}")
        q = np.clip(q, 0, self.levels).astype(np.uint64)
        out = np.empty(q.size + 1, dtype=np.uint64)
        out[:-1] = q * np.uint64(weight)
        out[-1] = np.uint64(weight)
        return out & self.mask

    def decode_sum(self, total: np.ndarray) -> tuple[np.ndarray, int]:
        """(Σ w_i u_i ≈ Δ·S − C·W, W) from the summed encodings [S, W]."""
        t = np.asarray(total, dtype=np.uint64) & self.mask
        weight = int(t[-1])
        return t[:-1].astype(np.float64) * self.step - self.clip * weight, weight

    def error_bound(self, total_weight: int, rounding: Rounding = "nearest") -> float:
        """Per-coordinate bound on |decoded − Σ w_i clip(u_i)|: W·Δ/2 (nearest) or W·Δ (stochastic)."""
        return total_weight * self.step * (0.5 if rounding == "nearest" else 1.0)
