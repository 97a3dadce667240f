"""Compressed plant updates: encode the change of the shared parameters, decode at the coordinator.

A plant trains, then encodes ``delta = trained − global`` (the global parameters are what the
coordinator sent, so both sides know them):

- ``none``: the trained float32 parameters as they are (no delta);
- ``fp16``: the delta in half precision (2 bytes per parameter); per-element error ≤ 2⁻¹¹·|δ|
  (plus fp16's subnormal floor for tiny values);
- ``int8``: per tensor, symmetric 8-bit quantisation q = round(δ / s), s = max|δ| / 127,
  sent as int8 plus one float32 scale under ``<name>#scale``; per-element error ≤ s / 2.

Encoding runs on the plant's (possibly DP-trained) output and uses only that output and the
public global model: it is post-processing, so it changes no privacy accounting.
"""

from __future__ import annotations

import numpy as np

SCALE_SUFFIX = "#scale"
KINDS = ("none", "fp16", "int8")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown compression {kind!r}: use one of {list(KINDS)} (federation.compression)")


def encode_update(trained: dict[str, np.ndarray], global_arrays: dict[str, np.ndarray],
                  kind: str) -> dict[str, np.ndarray]:
    """What a plant puts on the wire for its update."""
    _check_kind(kind)
    if kind == "none":
        return trained
    out: dict[str, np.ndarray] = {}
    for name, value in trained.items():
        delta = np.asarray(value, dtype=np.float32) - np.asarray(global_arrays[name], dtype=np.float32)
        if kind == "fp16":
            out[name] = delta.astype(np.float16)
            continue
        peak = float(np.abs(delta).max()) if delta.size else 0.0
        scale = peak / 127.0 if peak > 0 else 1.0
        out[name] = np.clip(np.rint(delta / scale), -127, 127).astype(np.int8)
        out[name + SCALE_SUFFIX] = np.asarray([scale], dtype=np.float32)
    return out


def decode_update(wire_arrays: dict[str, np.ndarray], global_arrays: dict[str, np.ndarray],
                  kind: str) -> dict[str, np.ndarray]:
    """The trained parameters (float32) from what a plant sent; keys as in ``global_arrays``.

    Raises ValueError naming the problem when the payload does not match the encoding (a missing
    scale, a wrong dtype): the coordinator then leaves that reply out.
    """
    _check_kind(kind)
    if kind == "none":
        return wire_arrays
    problems: list[str] = []
    out: dict[str, np.ndarray] = {}
    for name, value in wire_arrays.items():
        if name.endswith(SCALE_SUFFIX):
            continue
        if name not in global_arrays:
            out[name] = np.asarray(value)  # unknown key: left for the update check to report
            continue
        base = np.asarray(global_arrays[name], dtype=np.float32)
        if kind == "fp16":
            if value.dtype != np.float16:
                problems.append(f"{name}: dtype {value.dtype}, expected float16 for compression fp16")
                continue
            out[name] = (base + value.astype(np.float32)).astype(np.float32)
            continue
        scale = wire_arrays.get(name + SCALE_SUFFIX)
        if value.dtype != np.int8 or scale is None or np.asarray(scale).size != 1:
            problems.append(f"{name}: expected int8 values and a one-element {name + SCALE_SUFFIX} "
                            "for compression int8")
            continue
        out[name] = (base + value.astype(np.float32) * np.float32(np.asarray(scale).reshape(()))).astype(np.float32)
    if problems:
        raise ValueError("compressed update does not decode: " + "; ".join(problems))
    return out


def payload_bytes(arrays: dict[str, np.ndarray]) -> int:
    """Bytes of array data in a payload (what dominates a message; record framing excluded)."""
    return int(sum(np.asarray(v).nbytes for v in arrays.values()))
