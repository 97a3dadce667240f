"""Judging one round's plant updates before aggregation: pure functions, no network.

Each reply has already passed its own checks (keys, shapes, finite values, the absolute
``max_update_norm``). What is judged here needs the round as a whole or what the plant said
before:

- **Declared weight.** ``num-examples`` must be finite, positive and at most the labelled
  windows the plant declared at hello; a plant that kept its sizes home counts with weight 1.
- **Relative norm bound.** With K ≥ 3 updates, an update whose norm exceeds the bound
  ``B = factor × median_k ‖Δ_k‖`` is judged. Rule for the factor: with n similar honest plants
  and one attacker scaling a sign-flipped update by s, FedAvg still moves along the honest
  direction while s < n − 1; ``factor`` = 3 keeps every undetected attack below that for
  n ≥ 4 honest plants, i.e. K ≥ factor + 2 updates. There such an update is left out. With
  fewer (3 ≤ K < factor + 2) the bound cannot keep an attacker below n − 1 whatever it does, and
  the median of two or three plants is the norm of one of them, so an honest plant whose local
  steps happen to move further than the others' would be left out for nothing (CWRU, three
  sources in their tenth round: one update 9× the median). There the update is **clipped** to the
  bound instead, ``Δ_k ← Δ_k · B/‖Δ_k‖`` (norm bounding, Sun et al. 2019): it counts in its own
  direction, and an attacker moves the model no further than one just under the bound, which the
  rule accepts anyway. Both are recorded. An operator whose honest plants differ more (e.g. very
  unequal data sizes with many local steps) reads the recorded exclusions of a trusted run and
  sets the factor above the largest honest max/median norm ratio it shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

Arrays = dict[str, np.ndarray]
MIN_PLANTS_FOR_RELATIVE_BOUND = 3


def update_norm(update: Arrays, current: Arrays) -> float:
    """‖w_k − w‖₂ over all shared tensors."""
    return float(np.sqrt(sum(float(np.sum((np.asarray(update[k], np.float64) - current[k]) ** 2)) for k in current)))


def weight_problem(declared: object, hello_labelled: object) -> tuple[float, str]:
    """(aggregation weight, "" or why the reply must be left out).

    ``declared``: the reply's num-examples (None: kept home → weight 1). ``hello_labelled``: the
    labelled windows the plant declared at hello (None: it kept its sizes home, and then a
    num-examples now is not trusted beyond weight 1).
    """
    if declared is None:
        return 1.0, ""
    if not isinstance(declared, (int, float)) or isinstance(declared, bool) or not math.isfinite(declared) \
            or declared <= 0:
        return 0.0, f"reply carried num-examples={declared!r}: a positive finite number is required"
    if hello_labelled is None:
        return 1.0, ""
    if isinstance(hello_labelled, (int, float)) and math.isfinite(hello_labelled) and declared > hello_labelled:
        return 0.0, (f"reply carried num-examples={declared:g}, more than the {hello_labelled:g} labelled windows "
                     "the plant declared at hello")
    return float(declared), ""


@dataclass(frozen=True)
class NormScreen:
    """A round's relative norm screening: updates left out (plant → reason) and updates clipped
    (plant → (scale to multiply its update Δ by, reason))."""

    excluded: dict[str, str] = field(default_factory=dict)
    clipped: dict[str, tuple[float, str]] = field(default_factory=dict)


def excludes_at(factor: float, updates: int) -> bool:
    """Whether the relative bound leaves an update out (K ≥ factor + 2) or clips it (module docstring)."""
    return updates >= factor + 2


def relative_norm_screen(norms: dict[str, float], factor: float | None) -> NormScreen:
    """The updates above ``factor`` × the round's median norm (K ≥ 3, factor set): left out with
    K ≥ factor + 2 updates, clipped to the bound below that (module docstring)."""
    if factor is None or len(norms) < MIN_PLANTS_FOR_RELATIVE_BOUND:
        return NormScreen()
    median = float(np.median(list(norms.values())))
    bound = factor * median
    over = {p: n for p, n in norms.items() if n > bound}
    what = f"{factor:g} × the round's median norm {median:.3g} (federation.relative_norm_bound)"
    if excludes_at(factor, len(norms)):
        return NormScreen(excluded={p: f"update norm {n:.3g} exceeds {what}" for p, n in over.items()})
    return NormScreen(clipped={p: (bound / n, f"update norm {n:.3g} clipped to {bound:.3g} = {what}; with "
                                             f"{len(norms)} updates a larger one is clipped, not left out")
                               for p, n in over.items()})


def all_finite(arrays: Arrays) -> bool:
    return all(bool(np.all(np.isfinite(a))) for a in arrays.values())
