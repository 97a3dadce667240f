"""Shamir t-of-n secret sharing and authenticated encryption of the shares.

The same primitives as Flower 1.42's ``flwr.common.secure_aggregation.crypto`` (checked there:
``create_shares``/``combine_shares`` split a padded secret into 16-byte chunks, each shared by
pycryptodome's ``Shamir`` over GF(2^128); ``encrypt``/``decrypt`` are Fernet, AES-128-CBC +
HMAC-SHA256), used directly because ``common/`` does not import Flower (tests/test_flower_boundary.py).
A share is ``<4-byte index><16-byte share per chunk>``, the layout Flower uses. Fewer than t shares
reveal nothing about the secret (a degree-(t−1) polynomial per chunk); ``combine`` with fewer
returns garbage, so callers count shares first.

``combine`` interpolates at 0 itself, in the same field (GF(2^128) mod x^128 + x^7 + x^2 + x + 1,
an element's 16 bytes big-endian): secret = Σ_j y_j · λ_j with λ_j = Π_{m≠j} x_m / (x_j + x_m), the
λ computed once per set of indices (cached) and the shares taken in index order, so the coordinator
pays t multiplications per chunk instead of pycryptodome's t² and t inversions. Only the coordinator
combines; plants split with pycryptodome.
"""

from __future__ import annotations

import functools

from Crypto.Protocol.SecretSharing import Shamir
from Crypto.Util.Padding import pad, unpad
from cryptography.fernet import Fernet

_CHUNK = 16


def split(secret: bytes, threshold: int, count: int) -> list[bytes]:
    """``count`` shares of ``secret``, any ``threshold`` of which recover it (indices 1..count)."""
    padded = pad(secret, _CHUNK)
    out = [bytearray(i.to_bytes(4, "little")) for i in range(1, count + 1)]
    for start in range(0, len(padded), _CHUNK):
        for index, share in Shamir.split(threshold, count, padded[start:start + _CHUNK], ssss=False):
            out[index - 1] += share
    return [bytes(s) for s in out]


_IRREDUCIBLE = (1 << 128) | 0b10000111  # x^128 + x^7 + x^2 + x + 1, pycryptodome's field


_LOW = (1 << 128) - 1


def _clmul(a: int, b: int) -> int:
    """Carry-less product of two polynomials over GF(2)."""
    z = 0
    while b:
        if b & 1:
            z ^= a
        a <<= 1
        b >>= 1
    return z


def _fold(z: int) -> int:
    """z mod (x^128 + x^7 + x^2 + x + 1), for z of degree < 256: x^128 ≡ x^7 + x^2 + x + 1, twice."""
    for _ in range(2):
        hi = z >> 128
        z = (z & _LOW) ^ hi ^ (hi << 1) ^ (hi << 2) ^ (hi << 7)
    return z


def _gf_mul(a: int, b: int) -> int:
    """a · b in GF(2^128)."""
    return _fold(_clmul(a, b))


def _gf_inverse(a: int) -> int:
    """a⁻¹ (a ≠ 0) by the extended Euclidean algorithm over GF(2)[x]."""
    r0, r1, s0, s1 = a, _IRREDUCIBLE, 1, 0
    while r1:
        q, r = 0, r0
        while r.bit_length() >= r1.bit_length():
            shift = r.bit_length() - r1.bit_length()
            q ^= 1 << shift
            r ^= r1 << shift
        r0, r1, s0, s1 = r1, r, s1, s0 ^ _clmul(q, s1)
    return _fold(s0)


@functools.lru_cache(maxsize=4096)
def _lagrange_at_zero(indices: tuple[int, ...]) -> tuple[int, ...]:
    """λ_j = Π_{m≠j} x_m / (x_j + x_m) (addition is XOR), so that f(0) = Σ_j λ_j f(x_j)."""
    out = []
    for j, xj in enumerate(indices):
        num = den = 1
        for m, xm in enumerate(indices):
            if m != j:
                num, den = _gf_mul(num, xm), _gf_mul(den, xj ^ xm)
        out.append(_gf_mul(num, _gf_inverse(den)))
    return tuple(out)


def combine(shares: list[bytes]) -> bytes:
    """The secret from at least ``threshold`` shares; ValueError when they do not combine."""
    if not shares or any(len(s) != len(shares[0]) or (len(s) - 4) % _CHUNK for s in shares):
        raise ValueError("shares of unequal or malformed length")
    indexed = sorted((int.from_bytes(s[:4], "little"), s[4:]) for s in shares)
    indices = tuple(i for i, _ in indexed)
    if len(set(indices)) != len(indices) or 0 in indices:
        raise ValueError("duplicate or zero share indices")
    lambdas = _lagrange_at_zero(indices)
    chunks = []
    for c in range(0, len(indexed[0][1]), _CHUNK):
        value = 0
        for lam, (_, body) in zip(lambdas, indexed):
            value ^= _gf_mul(lam, int.from_bytes(body[c:c + _CHUNK], "big"))
        chunks.append(value.to_bytes(_CHUNK, "big"))
    padded = b"".join(chunks)
    try:
        return unpad(padded, _CHUNK)
    except ValueError:
        raise ValueError("the shares do not combine to a padded secret") from None


def encrypt(key: bytes, plaintext: bytes) -> bytes:
    """Fernet token under a url-safe base64 32-byte key."""
    return Fernet(key).encrypt(plaintext)


def decrypt(key: bytes, token: bytes) -> bytes:
    """The plaintext of a Fernet token; ``cryptography.fernet.InvalidToken`` when it was tampered with."""
    return Fernet(key).decrypt(token)
