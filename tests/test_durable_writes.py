"""Durable writes (issue 20): the rename is made durable by syncing its directory, and a write that fails
(a full disk) names the path, leaves the old file as it was, and never leaves a ledger entry for a
release that did not happen."""

from __future__ import annotations

import errno
import os
import pickle
import stat
from pathlib import Path

import pytest

from common.fileio import DurableWriteError, atomic_write_bytes, describe_os_error
from common.privacy.ledger import MECHANISM_DP_SGD, LedgerEntry, PrivacyLedger, PrivacyLedgerError

PLANT = "plant-0"


def entry(release: str) -> LedgerEntry:
    return LedgerEntry(mechanism=MECHANISM_DP_SGD, noise_multiplier=1.0, sample_rate=0.5, steps=2,
                       time="2026-01-01T00:00:00+00:00", run="run-a", round=1, release=release)


def is_dir_fd(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


def test_the_directory_is_synced_after_the_rename(tmp_path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync dir" if is_dir_fd(fd) else "fsync file"),
                                                 real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1])
    atomic_write_bytes(tmp_path / "sub" / "f.json", b"{}")
    assert events == ["fsync file", "replace", "fsync dir"]
    assert (tmp_path / "sub" / "f.json").read_bytes() == b"{}"


@pytest.fixture
def ledger(tmp_path) -> PrivacyLedger:
    ledger = PrivacyLedger(tmp_path / "state" / "privacy_ledger.json", PLANT)
    ledger.record(entry("r/1"))
    return ledger


def _disk_full_on_file_fsync(monkeypatch):
    real_fsync = os.fsync

    def fsync(fd):
        if not is_dir_fd(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _disk_full_on_write(monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))


@pytest.mark.parametrize("fault", [_disk_full_on_file_fsync, _disk_full_on_write])
def test_a_full_disk_records_nothing_and_says_so(ledger, monkeypatch, fault):
    before_bytes = ledger.path.read_bytes()
    before_entries = list(ledger.entries)
    fault(monkeypatch)
    with pytest.raises(PrivacyLedgerError) as caught:
        ledger.record(entry("r/2"))
    message = str(caught.value)
    assert str(ledger.path) in message and "nothing was released" in message and "free disk space" in message
    assert ledger.path.read_bytes() == before_bytes                     # the file on disk is unchanged
    assert ledger.entries == before_entries                             # and so is the ledger in memory
    assert [p.name for p in ledger.path.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()                                                  # space again: the release is recorded once
    ledger.record(entry("r/2"))
    assert [e.release for e in PrivacyLedger(ledger.path, PLANT).entries] == ["r/1", "r/2"]


def test_a_failed_directory_sync_counts_the_release_rather_than_lose_it(ledger, monkeypatch):
    """The new ledger is in place but may not survive a power cut: the plant stops (nothing is released),
    and this process counts the entry as the file does (ε over-reported, never under)."""
    real_fsync = os.fsync

    def fsync(fd):
        if is_dir_fd(fd):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(PrivacyLedgerError, match="could not be synced.*nothing was released.*never under"):
        ledger.record(entry("r/2"))
    assert [e.release for e in ledger.entries] == ["r/1", "r/2"]
    assert [e.release for e in PrivacyLedger(ledger.path, PLANT).entries] == ["r/1", "r/2"]


def test_a_full_disk_before_the_temporary_file_names_the_path(tmp_path, monkeypatch):
    import tempfile

    target = tmp_path / "models" / "personalised.pt"
    def full(**_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(DurableWriteError) as caught:
        atomic_write_bytes(target, b"weights")
    assert str(target) in str(caught.value) and "nothing was written" in str(caught.value)
    assert caught.value.errno == errno.ENOSPC and not target.exists()
    assert describe_os_error(caught.value) == str(caught.value)


def test_the_write_error_survives_a_process_boundary(tmp_path):
    error = DurableWriteError(tmp_path / "f", errno.ENOSPC, "No space left on device", replaced=False)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.errno == errno.ENOSPC and isinstance(again, OSError)


def test_the_plant_state_reports_a_full_disk_naming_the_file(tmp_path, monkeypatch):
    import torch

    from client.state import PlantState

    state = PlantState(tmp_path / "state", PLANT)
    _disk_full_on_file_fsync(monkeypatch)
    with pytest.raises(OSError, match=r"cannot write .*models/head\.pt: No space left on device"):
        state.save_model("head", {"w": torch.zeros(2)}, {"meta": 1})
    assert not Path(state.model_path("head")).exists()
