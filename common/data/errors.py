"""Error type shared by every data loader.

Loaders collect *all* problems they find (missing keys, bad files, NaN rows, ...)
and raise once, so a user fixing a data directory sees the whole list in one run
instead of one problem per attempt.
"""

from __future__ import annotations

from collections.abc import Iterable


class DataValidationError(ValueError):
    """Data or data configuration is invalid; ``problems`` lists every issue found.

    Each problem is one human-readable line naming the file (path), the key / row /
    column concerned, and how to fix it.
    """

    def __init__(self, problems: Iterable[str], context: str = "") -> None:
        # One line per problem, even when a problem quotes a multi-line library message.
        self.problems: list[str] = [" ".join(str(p).split()) for p in problems]
        self.context = context
        if not self.problems:
            raise ValueError("DataValidationError needs at least one problem")
        super().__init__(self._format())

    def _format(self) -> str:
        head = f"{self.context}: " if self.context else ""
        count = len(self.problems)
        lines = [f"{head}{count} data problem{'s' if count != 1 else ''} found:"]
        lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type, tuple[list[str], str]]:
        # Keep problems intact when the error crosses a process boundary (pickling).
        return (type(self), (self.problems, self.context))


def raise_if_problems(problems: Iterable[str], context: str = "") -> None:
    """Raise one DataValidationError listing ``problems`` if there are any."""
    collected = list(problems)
    if collected:
        raise DataValidationError(collected, context)
