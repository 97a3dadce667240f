"""Check a model for DP-SGD compatibility before any private training starts."""

from __future__ import annotations

from torch import nn


class DPIncompatibleModelError(ValueError):
    """Every layer that breaks per-sample DP-SGD, each with why and the fix."""


def dp_problems(model: nn.Module) -> list[str]:
    """All offending layers at once (Opacus' validator plus our own explanation of the fix)."""
    from opacus.validators import ModuleValidator

    problems = []
    for name, module in model.named_modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            problems.append(
                f"layer {name!r} ({type(module).__name__}): BatchNorm mixes samples within a batch, "
                "so one window's gradient depends on the others and per-sample clipping cannot bound "
                "its influence; its running statistics are also unprivatised data. Fix: use "
                "GroupNorm (model.norm: group) or LayerNorm (model.norm: layer)."
            )
    for exc in ModuleValidator.validate(model, strict=False):
        text = str(exc)
        if "BatchNorm" in text:
            continue  # explained above, once per layer
        problems.append(f"{text} Fix: replace the layer with one Opacus supports (see opacus.validators).")
    return problems


def check_dp_compatible(model: nn.Module) -> None:
    problems = dp_problems(model)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise DPIncompatibleModelError(
            f"the model cannot be trained with DP-SGD ({len(problems)} problem(s)):\n{lines}"
        )
