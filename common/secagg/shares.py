"""Shamir t-of-n secret sharing and authenticated encryption of the shares.

The same primitives as Flower 1.42's ``flwr.common.secure_aggregation.crypto`` (checked there:
``create_shares``/``combine_shares`` split a padded secret into 16-byte chunks, each shared by
pycryptodome's ``Shamir`` over GF(2^128); ``encrypt``/``decrypt`` are Fernet, AES-128-CBC +
HMAC-SHA256), used directly because ``common/`` does not import Flower (tests/test_flower_boundary.py).
A share is ``<4-byte index><16-byte share per chunk>``, the layout Flower uses. Fewer than t shares
reveal nothing about the secret (a degree-(t−1) polynomial per chunk); ``combine`` with fewer
returns garbage, so callers count shares first.
"""

from __future__ import annotations

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


def combine(shares: list[bytes]) -> bytes:
    """The secret from at least ``threshold`` shares; ValueError when they do not combine."""
    if not shares or any(len(s) != len(shares[0]) or (len(s) - 4) % _CHUNK for s in shares):
        raise ValueError("shares of unequal or malformed length")
    indexed = [(int.from_bytes(s[:4], "little"), s[4:]) for s in shares]
    padded = b"".join(
        Shamir.combine([(i, body[c:c + _CHUNK]) for i, body in indexed], ssss=False)
        for c in range(0, len(indexed[0][1]), _CHUNK))
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
