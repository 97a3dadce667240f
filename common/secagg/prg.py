"""Masks from a cryptographic PRG: a ChaCha20 keystream keyed by HKDF-SHA256 of a 32-byte secret.

mask(seed, n) = the first 8n keystream bytes, read as n little-endian uint64, mod M = 2**modulus_bits.
Since M divides 2**64, each coordinate is uniform on Z_M when the keystream is. The full secret
keys the stream (never a 32-bit fold, never numpy's RandomState); ``label`` separates uses.
"""

from __future__ import annotations

import numpy as np
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SECRET_BYTES = 32
_NONCE = bytes(16)  # the key is single-use (HKDF over a fresh secret and label), so a fixed nonce is safe


def derive_key(secret: bytes, label: bytes) -> bytes:
    """HKDF-SHA256(secret, info=label) → 32 bytes."""
    if len(secret) != SECRET_BYTES:
        raise ValueError(f"a mask secret must be {SECRET_BYTES} bytes, got {len(secret)}")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"factoryfl-secagg/" + label).derive(secret)


def mask(secret: bytes, length: int, modulus_bits: int, *, label: bytes) -> np.ndarray:
    """``length`` uint64 values uniform on Z_M, M = 2**modulus_bits, from ChaCha20(HKDF(secret, label))."""
    key = derive_key(secret, b"mask/" + label)
    encryptor = Cipher(algorithms.ChaCha20(key, _NONCE), mode=None).encryptor()
    stream = encryptor.update(bytes(8 * length))
    values = np.frombuffer(stream, dtype="<u8").astype(np.uint64)
    return values & np.uint64(2**modulus_bits - 1)
