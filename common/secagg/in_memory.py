"""One secure-aggregation round with every plant in this process: the stages chained, dropouts by stage.

For tests and benchmarks of the protocol without a network. ``drop_after[s]`` are the plants that
answer stage s and then vanish (s = 0: never answer). Returns Σ x_i over the plants that sent a
masked vector (U3), mod M, and U3.
"""

from __future__ import annotations

import numpy as np

from common.secagg import protocol
from common.secagg.graph import graph_seed, neighbour_graph


def run_round(inputs: dict[str, np.ndarray], *, threshold: int, neighbours: int, modulus_bits: int,
              context: bytes = b"round-1", drop_after: dict[int, set[str]] | None = None,
              ) -> tuple[np.ndarray, list[str]]:
    """(Σ_{U3} x_i mod 2**modulus_bits, sorted U3); raises SecAggFailure when it cannot."""
    gone: set[str] = set()
    drops = drop_after or {}

    def alive(stage: int) -> list[str]:
        gone.update(drops.get(stage - 1, set()))
        return sorted(p for p in inputs if p not in gone)

    u1 = alive(1)
    protocol.require("advertised keys", len(u1), threshold)
    secrets, public = {}, {}
    for p in u1:
        secrets[p], public[p] = protocol.advertise(p, context)
    graph = neighbour_graph(u1, neighbours, graph_seed(context))
    u2 = alive(2)
    protocol.require("shared keys", len(u2), threshold)
    sent, commitments = {}, {}
    for p in u2:
        secrets[p], sent[p], commitments[p] = protocol.share_keys(
            secrets[p], {q: public[q] for q in graph[p]}, threshold)
    routed = protocol.route(sent)
    u3 = alive(3)
    protocol.require("sent masked updates", len(u3), threshold)
    masked = {}
    for p in u3:
        secrets[p], masked[p] = protocol.masked_input(secrets[p], routed[p], inputs[p], modulus_bits, threshold)
    view = protocol.RoundView(public, commitments, {p: tuple(sorted(routed[p])) for p in u2}, masked)
    survivors, dropped = set(u3), set(u2) - set(u3)
    replies = {}
    for p in alive(4):
        replies[p] = protocol.unmask_shares(secrets[p], survivors, dropped, threshold)
    return protocol.recover_sum(view, replies, threshold, modulus_bits, context), u3
