"""The SecAgg+ neighbour graph (Bell et al. 2020): a random k-regular Harary graph.

The plants, sorted and then permuted by a public round seed, sit on a ring; each is joined to the
k/2 nearest on either side. With k ≥ n − 1 every plant neighbours every other (SecAgg, Bonawitz
et al. 2017). A plant masks with, and shares its secrets among, its neighbours.
"""

from __future__ import annotations

import hashlib
import math


def graph_seed(context: bytes) -> bytes:
    """The public seed of a round's graph, from the round context every party knows."""
    return hashlib.sha256(b"factoryfl-secagg/graph/" + context).digest()


def neighbour_graph(plants: list[str], k: int, seed: bytes) -> dict[str, tuple[str, ...]]:
    """Plant → its neighbours (sorted), for an even ``k`` (or any k ≥ n − 1: the complete graph)."""
    ids = sorted(set(plants))
    n = len(ids)
    if len(ids) != len(plants):
        raise ValueError("plant ids must be unique")
    if k >= n - 1:
        return {p: tuple(q for q in ids if q != p) for p in ids}
    if k < 2 or k % 2:
        raise ValueError(f"neighbours must be an even number >= 2 (or >= plants − 1), got {k}")
    ring = sorted(ids, key=lambda p: hashlib.sha256(seed + p.encode()).digest())
    out: dict[str, tuple[str, ...]] = {}
    for pos, p in enumerate(ring):
        near = {ring[(pos + d) % n] for d in range(1, k // 2 + 1)} | {ring[(pos - d) % n] for d in range(1, k // 2 + 1)}
        out[p] = tuple(sorted(near))
    return out


def recommended_neighbours(plants: int) -> int:
    """Rule used when ``neighbours`` is null: the smallest even k ≥ 3·log2(n), or n − 1 if that is fewer.

    SecAgg+ needs k = O(log n) for the graph to stay connected among honest survivors (Bell et al. 2020);
    the factor 3 keeps a margin for dropouts at the sizes a federation of plants has (10: complete, 100: 20).
    """
    if plants <= 2:
        return max(plants - 1, 1)
    k = math.ceil(3 * math.log2(plants))
    k += k % 2
    return min(k, plants - 1)


def recommended_threshold(neighbours: int) -> int:
    """Rule used when ``threshold`` is null: a strict majority of each plant's k + 1 share holders, ≥ 2."""
    return max(2, (neighbours + 1) // 2 + 1)
