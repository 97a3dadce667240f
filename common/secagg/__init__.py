"""Secure aggregation (SecAgg+, Bell et al. 2020) as pure functions over bytes and arrays.

The coordinator learns only the weighted sum of the surviving plants' quantised updates.
``quantise``: clip, weight and quantise an update into Z_M (M = 2**modulus_bits).
``prg``: masks from a ChaCha20 keystream keyed by a full 32-byte secret.
``keys``: X25519 key agreement + HKDF. ``graph``: the k-regular neighbour graph.
``protocol``: the four stages (advertise keys → share keys → masked input → unmask).
No network, no Flower messages: ``server/secagg.py`` and ``client/secagg.py`` drive the stages.
"""
