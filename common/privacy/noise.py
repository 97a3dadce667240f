"""Randomness for privacy mechanisms: a ChaCha20 keystream turned into uniforms and Gaussians.

Every DP release (DP-SGD noise and Poisson sampling, noisy feature statistics, noisy evaluation
counts, plant-level DP on the aggregate) draws from a :class:`NoiseSource`.

- ``NoiseSource.secret()`` keys ChaCha20 (RFC 8439, OpenSSL through ``cryptography``) with 256
  bits from ``os.urandom``, fresh for every release: nothing the coordinator or another plant
  knows determines the noise, and a replayed release draws new noise.
- ``NoiseSource.reproducible(*parts)`` keys it with SHA-256 of public parts (seed, plant, round):
  for research only; anyone who knows the parts can regenerate and subtract the noise, so a run
  that uses it is **not private** and says so.

Uniforms take 53 bits of keystream each: ``u = (w >> 11) · 2⁻⁵³`` for a 64-bit word ``w``.
Gaussians come from the Box–Muller transform in float64,
``z = √(−2 ln(1 − u₁)) · cos(2π u₂)`` (and ``sin`` for a second one). Against floating-point
attacks on textbook samplers (Mironov 2012), each returned N(0, 1) value is the sum of four such
draws divided by two (as Opacus' ``secure_mode`` does, after Holohan & Braghin 2021), and it is
added to float32 data, whose rounding is coarser than the float64 noise's resolution.
"""

from __future__ import annotations

import hashlib
import math
import os

import numpy as np
import torch
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

KEY_BYTES = 32
_GAUSSIANS_SUMMED = 4  # each N(0, 1) = (z₁ + z₂ + z₃ + z₄) / 2


class NoiseSource:
    """Uniform and Gaussian draws from one ChaCha20 keystream (not thread-safe; one per release)."""

    def __init__(self, key: bytes, *, private: bool) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a noise key has {KEY_BYTES} bytes, got {len(key)}")
        self.private = private
        self._stream = Cipher(algorithms.ChaCha20(key, bytes(16)), mode=None).encryptor()

    @classmethod
    def secret(cls) -> NoiseSource:
        """Keyed from the operating system's entropy: unpredictable to anyone, fresh every call."""
        return cls(os.urandom(KEY_BYTES), private=True)

    @classmethod
    def reproducible(cls, *parts: object) -> NoiseSource:
        """Keyed from public ``parts``: the same parts give the same noise. Not private."""
        return cls(hashlib.sha256("/".join(map(str, parts)).encode()).digest(), private=False)

    @classmethod
    def for_release(cls, reproducible: bool, *parts: object) -> NoiseSource:
        """Secret noise, or (research only) noise reproducible from ``parts``."""
        return cls.reproducible(*parts) if reproducible else cls.secret()

    def _words(self, n: int) -> np.ndarray:
        return np.frombuffer(self._stream.update(bytes(8 * n)), dtype=np.uint64)

    def uniform(self, size: int | tuple[int, ...]) -> np.ndarray:
        """float64 in [0, 1) with 53 random bits each."""
        shape = (size,) if isinstance(size, int) else tuple(size)
        n = int(np.prod(shape, dtype=np.int64))
        return ((self._words(n) >> np.uint64(11)).astype(np.float64) * 2.0**-53).reshape(shape)

    def _box_muller(self, n: int) -> np.ndarray:
        pairs = (n + 1) // 2
        u = self.uniform(2 * pairs).reshape(2, pairs)
        radius = np.sqrt(-2.0 * np.log1p(-u[0]))  # 1 − u ∈ (0, 1]: the log is finite
        angle = 2.0 * math.pi * u[1]
        return np.concatenate([radius * np.cos(angle), radius * np.sin(angle)])[:n]

    def standard_normal(self, size: int | tuple[int, ...]) -> np.ndarray:
        """float64 N(0, 1) draws of shape ``size``."""
        shape = (size,) if isinstance(size, int) else tuple(size)
        n = int(np.prod(shape, dtype=np.int64))
        draws = self._box_muller(_GAUSSIANS_SUMMED * n).reshape(_GAUSSIANS_SUMMED, n)
        return (draws.sum(axis=0) / math.sqrt(_GAUSSIANS_SUMMED)).reshape(shape)

    def normal(self, loc: float = 0.0, scale: float = 1.0, size: int | tuple[int, ...] = 1) -> np.ndarray:
        """N(loc, scale²) of shape ``size`` (the signature of ``numpy.random.Generator.normal``)."""
        return loc + scale * self.standard_normal(size)

    def torch_normal(self, std: float, like: torch.Tensor) -> torch.Tensor:
        """N(0, std²) noise shaped, typed and placed like ``like``."""
        z = torch.from_numpy(self.standard_normal(tuple(like.shape)) * std)
        return z.to(dtype=like.dtype, device=like.device)
