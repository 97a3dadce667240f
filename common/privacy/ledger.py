"""The plant's privacy ledger: every private release it ever made, on its own disk.

The ledger is append-only JSON (mode 0600), written atomically and durably (the directory is
synced after the rename) before anything private leaves the plant, under an exclusive lock so
that overlapping releases cannot drop each other's entry; a write that fails records nothing.
ε is computed from all entries — across rounds, runs and process restarts. A missing ledger
means "nothing spent yet"; a corrupt or unreadable one stops the plant (never restart from 0).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import logging
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from common.fileio import DurableWriteError, atomic_write_json, os_error_fix
from common.privacy.accounting import HistoryEntry, epsilon_of

logger = logging.getLogger(__name__)

LEDGER_FORMAT = "factoryfl-privacy-ledger/v1"
MECHANISM_DP_SGD = "poisson_subsampled_gaussian"
MECHANISM_GAUSSIAN = "gaussian"


class PrivacyLedgerError(RuntimeError):
    """The ledger cannot be trusted; the plant must not train until it is restored."""


@dataclass(frozen=True)
class LedgerEntry:
    mechanism: str
    noise_multiplier: float
    sample_rate: float
    steps: int
    time: str
    run: str
    round: int
    purpose: str = "pretraining"
    max_grad_norm: float | None = None
    release: str = ""  # unique id of this release (run/purpose/round/input digest/attempt); "" in old ledgers

    def history_entry(self) -> HistoryEntry:
        return (self.noise_multiplier, self.sample_rate, self.steps)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PrivacyLedger:
    """Load, extend and account one plant's ledger file."""

    def __init__(self, path: Path, plant_id: str) -> None:
        self.path = Path(path)
        self.plant_id = plant_id
        self.entries: list[LedgerEntry] = self._load()

    def _load(self) -> list[LedgerEntry]:
        if not self.path.exists():
            return []
        try:
            blob = json.loads(self.path.read_text())
            if not isinstance(blob, dict):
                raise ValueError(f"expected a JSON object, found {type(blob).__name__}")
            if blob.get("format") != LEDGER_FORMAT:
                raise ValueError(f"format is {blob.get('format')!r}, expected {LEDGER_FORMAT!r}")
            if blob.get("plant_id") != self.plant_id:
                raise ValueError(f"ledger belongs to plant {blob.get('plant_id')!r}, not {self.plant_id!r}")
            if not isinstance(blob["entries"], list):
                raise ValueError("'entries' is not a list")
            entries = [LedgerEntry(**e) for e in blob["entries"]]
            for e in entries:
                # σ = Infinity (JSON accepts it) would account a release as free: refuse it too
                numbers_ok = (_is_number(e.noise_multiplier) and _is_number(e.sample_rate)
                              and isinstance(e.steps, int) and not isinstance(e.steps, bool))
                if not (numbers_ok and e.noise_multiplier > 0 and 0 < e.sample_rate <= 1 and e.steps >= 0):
                    raise ValueError(f"implausible entry {e}")
            return entries
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PrivacyLedgerError(
                f"{self.path}: privacy ledger is unreadable or corrupt ({exc}). The plant will not "
                "train: restore the ledger from backup. Do not delete it: that would restart the "
                "accounting from ε=0 and under-report the privacy already spent."
            ) from exc

    def history(self) -> list[HistoryEntry]:
        return [e.history_entry() for e in self.entries]

    def epsilon(self, delta: float, accountant: str = "rdp", planned: list[HistoryEntry] | None = None) -> float:
        """ε over the whole ledger, plus ``planned`` releases not yet made."""
        return epsilon_of(self.history() + list(planned or []), delta, accountant)

    def total_steps(self) -> int:
        return sum(e.steps for e in self.entries)

    def attempts(self, run: str, purpose: str, server_round: int) -> int:
        """How many releases this ledger holds for one (run, purpose, round): a retried round counts each."""
        return sum(1 for e in self.entries if e.run == run and e.purpose == purpose and e.round == server_round)

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Exclusive lock on a sibling file (the ledger itself is replaced by rename, so it cannot hold one)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def record(self, entry: LedgerEntry) -> None:
        """Append and persist (atomically, durably) before the release leaves the plant.

        Read-append-write happens under the lock on the entries freshly read from disk: another
        ledger object (or process) may have recorded since this one loaded, and its entry must
        not be overwritten. A release id may be recorded once: recording the same release twice
        would double count it.

        The entry joins ``self.entries`` only once the file holding it is on disk. If the write
        fails (a full disk, ...) a :class:`PrivacyLedgerError` names the path: the file and the
        in-memory entries are unchanged, and the caller must not release (nothing was released).
        """
        try:
            with self._locked():
                entries = self._load()
                if len(entries) < len(self.entries):
                    raise PrivacyLedgerError(
                        f"{self.path}: the ledger on disk holds {len(entries)} releases, fewer than the "
                        f"{len(self.entries)} this process already accounted (deleted or replaced while in "
                        "use?). The plant will not train: restore the ledger from backup. Do not delete it: "
                        "that would restart the accounting from ε=0 and under-report the privacy already spent."
                    )
                if entry.release and any(e.release == entry.release for e in entries):
                    raise PrivacyLedgerError(f"{self.path}: release {entry.release!r} is already in the ledger; "
                                             "a release is accounted once (re-send its cached result instead)")
                updated = [*entries, entry]
                try:
                    # mkstemp's 0600 temporary file becomes the ledger: only the plant's user reads it
                    atomic_write_json(
                        self.path,
                        {
                            "format": LEDGER_FORMAT,
                            "plant_id": self.plant_id,
                            "privacy_unit": "one training window (record)",
                            "entries": [dataclasses.asdict(e) for e in updated],
                        },
                    )
                except DurableWriteError as exc:
                    if exc.replaced:  # on disk (not yet durable): account it here too, never under-report
                        self.entries = updated
                        raise PrivacyLedgerError(
                            f"{self.path}: release {entry.release or entry.purpose!r} was written to the ledger "
                            f"but the directory could not be synced ({exc.strerror}); nothing was released, "
                            f"yet the ledger counts it (ε over-reported, never under); {os_error_fix(exc)}"
                        ) from exc
                    raise
                self.entries = updated
        except PrivacyLedgerError:
            raise
        except OSError as exc:  # the write, the lock file or the directory: the old ledger stands
            raise PrivacyLedgerError(
                f"{self.path}: could not record release {entry.release or entry.purpose!r} "
                f"({exc.strerror or exc}); nothing was released and the ledger is unchanged; {os_error_fix(exc)}"
            ) from exc
        logger.info("plant %s: ledger +%d steps (σ=%.3f, q=%.4f)", self.plant_id, entry.steps,
                    entry.noise_multiplier, entry.sample_rate)
