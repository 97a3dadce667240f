"""Two processes on one plant's state: the ledger keeps every release, the state directory one holder.

Real processes (multiprocessing 'spawn'), because flock and the lost-update race only show
between processes; everything else is tiny so the file stays fast.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from client.state import LOCK_FILE, PlantState, PlantStateBusyError, PlantStateError
from common.privacy.ledger import MECHANISM_DP_SGD, LedgerEntry, PrivacyLedger, PrivacyLedgerError

PLANT = "plant-0"
PER_PROCESS = 50


def entry(release: str, round_: int = 1) -> LedgerEntry:
    return LedgerEntry(mechanism=MECHANISM_DP_SGD, noise_multiplier=1.0, sample_rate=0.5, steps=2,
                       time="2026-01-01T00:00:00+00:00", run="run-a", round=round_, purpose="pretraining",
                       max_grad_norm=1.0, release=release)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------- child processes (module level: spawn imports them)
def _record_many(path: str, tag: str, start, count: int) -> None:
    start.wait(30)  # both processes begin together so their writes overlap
    for i in range(count):
        PrivacyLedger(Path(path), PLANT).record(entry(f"{tag}-{i}", round_=i))


def _hold_state(root: str, holding, release) -> None:
    with PlantState(Path(root), PLANT).exclusive("pretraining round 1"):
        holding.set()
        release.wait(30)


# ---------------------------------------------------------------- the ledger
def test_overlapping_processes_lose_no_ledger_entry(tmp_path):
    path = tmp_path / "state" / "privacy_ledger.json"
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_record_many, args=(str(path), tag, start, PER_PROCESS)) for tag in ("a", "b")]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]

    releases = [e["release"] for e in json.loads(path.read_text())["entries"]]
    assert sorted(releases) == sorted(f"{t}-{i}" for t in ("a", "b") for i in range(PER_PROCESS))
    assert len(PrivacyLedger(path, PLANT).entries) == 2 * PER_PROCESS


def test_stale_ledger_object_keeps_the_other_entry_and_refuses_its_duplicate(tmp_path):
    path = tmp_path / "privacy_ledger.json"
    first, stale = PrivacyLedger(path, PLANT), PrivacyLedger(path, PLANT)  # both loaded an empty ledger
    first.record(entry("run-a/pretraining/1/x/1"))

    with pytest.raises(PrivacyLedgerError, match="already in the ledger"):
        stale.record(entry("run-a/pretraining/1/x/1"))
    assert len(json.loads(path.read_text())["entries"]) == 1  # the refusal wrote nothing

    stale.record(entry("run-a/pretraining/2/y/1", round_=2))  # appends to first's entry, not over it
    assert [e.release for e in stale.entries] == ["run-a/pretraining/1/x/1", "run-a/pretraining/2/y/1"]
    assert [e.release for e in PrivacyLedger(path, PLANT).entries] == [e.release for e in stale.entries]


def test_ledger_shrunk_under_a_live_object_is_refused(tmp_path):
    """Disk is the authority now, so a ledger deleted mid-run must stop the plant, not restart ε at 0."""
    path = tmp_path / "privacy_ledger.json"
    ledger = PrivacyLedger(path, PLANT)
    ledger.record(entry("r1"))
    path.unlink()
    with pytest.raises(PrivacyLedgerError, match="restore the ledger from backup"):
        ledger.record(entry("r2"))
    assert not path.exists()


def test_private_file_and_directory_modes(tmp_path):
    state = PlantState(tmp_path / "plants" / "p0", PLANT)
    assert mode(state.root) == 0o700
    ledger = PrivacyLedger(state.ledger_path, PLANT)
    ledger.record(entry("r1"))
    ledger.record(entry("r2"))  # replaced by rename: still 0600
    assert mode(state.ledger_path) == 0o600
    assert mode(ledger.lock_path) == 0o600
    assert ledger.lock_path.parent == state.ledger_path.parent
    with state.exclusive("test"):
        assert mode(state.root / LOCK_FILE) == 0o600


# ---------------------------------------------------------------- one process per state directory
def test_second_process_on_the_state_directory_is_refused(tmp_path):
    root = tmp_path / "state"
    PlantState(root, PLANT)
    ctx = multiprocessing.get_context("spawn")
    holding, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_state, args=(str(root), holding, release))
    holder.start()
    try:
        assert holding.wait(30)
        with pytest.raises(PlantStateBusyError) as info:
            with PlantState(root, PLANT).exclusive("pretraining round 2"):
                pass
        message = str(info.value)
        assert isinstance(info.value, PlantStateError)
        assert str(root) in message
        assert f"pid {holder.pid}" in message and "pretraining round 1" in message
        assert "one plant process per state directory" in message
    finally:
        release.set()
        holder.join(30)
    assert holder.exitcode == 0

    state = PlantState(root, PLANT)
    with state.exclusive("pretraining round 2"):  # released: takeable now
        pass
    with state.exclusive("pretraining round 3"):  # and again by the next block in this process
        assert json.loads((root / LOCK_FILE).read_text()) == {"pid": os.getpid(), "what": "pretraining round 3"}
