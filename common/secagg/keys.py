"""X25519 key pairs and agreement: shared secret = HKDF-SHA256(X25519(sk_a, pk_b), info=label).

Both sides derive the same 32 bytes, since X25519(sk_a, pk_b) = X25519(sk_b, pk_a); ``label`` binds
the purpose (mask or encryption), the round and the pair of plants.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
_RAW = serialization.Encoding.Raw


def new_private_key() -> bytes:
    """A fresh X25519 private key, 32 raw bytes (from the OS's CSPRNG)."""
    return X25519PrivateKey.generate().private_bytes(_RAW, serialization.PrivateFormat.Raw,
                                                      serialization.NoEncryption())


def public_key(private: bytes) -> bytes:
    """The 32-byte public key of a raw private key."""
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


def agree(private: bytes, peer_public: bytes, label: bytes) -> bytes:
    """HKDF-SHA256(X25519(private, peer_public), info=label) → 32 bytes."""
    if len(peer_public) != KEY_BYTES:
        raise ValueError(f"an X25519 public key is {KEY_BYTES} bytes, got {len(peer_public)}")
    raw = X25519PrivateKey.from_private_bytes(private).exchange(X25519PublicKey.from_public_bytes(peer_public))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"factoryfl-secagg/" + label).derive(raw)


def fernet_key(secret: bytes) -> bytes:
    """The url-safe base64 form of a 32-byte key that Fernet takes."""
    return base64.urlsafe_b64encode(secret)
