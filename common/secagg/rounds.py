"""What coordinator and plants derive alike for a round: its context and its quantiser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.secagg.quantise import Quantiser

if TYPE_CHECKING:
    from common.config.schema import FederationConfig


def round_context(run_name: str, server_round: int) -> bytes:
    """Binds every key, mask and ciphertext of a round to its run and round number."""
    return f"factoryfl/{run_name}/round-{server_round}".encode()


def quantiser(federation: FederationConfig) -> Quantiser:
    """The run's quantiser; ``secure_aggregation.clip`` defaults to ``max_update_norm``."""
    sa = federation.secure_aggregation
    clip = sa.clip if sa.clip is not None else federation.max_update_norm
    return Quantiser(clip=clip, bits=sa.quantisation_bits, modulus_bits=sa.modulus_bits)
