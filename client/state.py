"""A plant's on-disk state: its identity, personal models and privacy ledger.

Everything is written atomically and durably (temporary file, fsync, rename, fsync of the
directory: common/fileio.py), so a crash or a full disk mid-write leaves the previous version
intact, and a failed write raises an OSError naming the file. The directory belongs to one plant: opening it under
another plant id is refused rather than silently mixing two plants' state. It is private to
the plant's user (0700 directory, 0600 files): it holds the privacy ledger and personal models.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch

from common.fileio import atomic_write_bytes, atomic_write_json

logger = logging.getLogger(__name__)

IDENTITY_FILE = "plant.json"
LEDGER_FILE = "privacy_ledger.json"
MODELS_DIR = "models"
LOCK_FILE = ".plant.lock"


class PlantStateError(RuntimeError):
    """The plant's state directory is unusable; the message names the file and the fix."""


class PlantStateBusyError(PlantStateError):
    """Another process holds the state directory: two plant processes on one directory would race."""


class PlantState:
    """Files under ``root`` for plant ``plant_id``."""

    def __init__(self, root: Path, plant_id: str) -> None:
        self.root = Path(root)
        self.plant_id = plant_id
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)  # other local users must not read it
        self._claim()

    def _claim(self) -> None:
        identity = self.root / IDENTITY_FILE
        if identity.exists():
            try:
                owner = json.loads(identity.read_text())["plant_id"]
            except (OSError, ValueError, KeyError) as exc:
                raise PlantStateError(
                    f"{identity}: unreadable plant identity ({exc}); restore it from backup "
                    "or point the plant at its own state directory"
                ) from exc
            if owner != self.plant_id:
                raise PlantStateError(
                    f"{identity}: this state directory belongs to plant {owner!r}, not "
                    f"{self.plant_id!r}; give each plant its own state directory"
                )
        else:
            atomic_write_json(identity, {"plant_id": self.plant_id})

    @contextlib.contextmanager
    def exclusive(self, what: str) -> Iterator[None]:
        """Hold the state directory for ``what`` (e.g. "pretraining round 3"); fail at once if held.

        A second process would interleave its ledger checks and model writes with ours, so it is
        refused with the holder's pid rather than left to wait. Not re-entrant: one ``with`` at a time.
        """
        lock = self.root / LOCK_FILE
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PlantStateBusyError(
                    f"{self.root}: cannot start {what}: another factoryfl plant process is working on "
                    f"this state directory ({self._holder(fd)}); run one plant process per state "
                    "directory, or wait for it to finish"
                ) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "what": what}).encode(), 0)
            try:
                yield
            finally:
                os.ftruncate(fd, 0)  # a stale holder is never reported
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    @staticmethod
    def _holder(fd: int) -> str:
        """Who holds the lock, as far as its file says (the holder may not have written it yet)."""
        try:
            info = json.loads(os.pread(fd, 4096, 0).decode())
            return f"pid {int(info['pid'])}, {str(info['what'])!r}"
        except (OSError, ValueError, KeyError, TypeError):
            return "holder unknown"

    @property
    def ledger_path(self) -> Path:
        return self.root / LEDGER_FILE

    def model_path(self, name: str) -> Path:
        return self.root / MODELS_DIR / f"{name}.pt"

    def save_model(self, name: str, state_dict: dict[str, torch.Tensor], meta: dict[str, Any]) -> Path:
        """Save a plant-local model with the metadata that explains it (self-describing)."""
        buffer = io.BytesIO()
        torch.save({"state_dict": state_dict, "meta": meta}, buffer)
        path = self.model_path(name)
        atomic_write_bytes(path, buffer.getvalue())
        return path

    def load_model(self, name: str) -> tuple[dict[str, torch.Tensor], dict[str, Any]] | None:
        path = self.model_path(name)
        if not path.exists():
            return None
        try:
            blob = torch.load(path, map_location="cpu", weights_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable checkpoint is reported the same way
            raise PlantStateError(f"{path}: unreadable model file ({exc}); delete it to retrain") from exc
        return blob["state_dict"], blob["meta"]

    def save_json(self, name: str, obj: Any) -> None:
        atomic_write_json(self.root / f"{name}.json", obj)

    def load_json(self, name: str) -> Any | None:
        path = self.root / f"{name}.json"
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            raise PlantStateError(f"{path}: unreadable ({exc}); delete it to recompute") from exc

    def save_module(self, name: str, module: torch.nn.Module) -> Path:
        """A whole adapted module (structure + weights), for the plant's own inference later."""
        buffer = io.BytesIO()
        torch.save(module, buffer)
        path = self.root / MODELS_DIR / f"{name}.module.pt"
        atomic_write_bytes(path, buffer.getvalue())
        return path
