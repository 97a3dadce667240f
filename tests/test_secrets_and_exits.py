"""The command line's boundary: private keys born private, --insecure for one command only, exit codes
that tell the truth about a run and a refused plant, and no traceback for any error (issue 20).

No real coordinator: Flower's executables are replaced by small scripts that print what Flower prints.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import tomli

import cli.plant
import deploy.cli as operations
from cli.main import main
from deploy import commands as cmd
from deploy.certs import CA_KEY, SERVER_CERT, SERVER_KEY, CertError, create_federation_certs, make_ca, plant_key_paths

FACTORYFL = str(Path(sys.executable).parent / "factoryfl")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def fake_executable(path: Path, body: str) -> Path:
    """A Python script standing in for a Flower executable."""
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
    path.chmod(0o755)
    return path


# ---------------------------------------------------------------- secrets born private
def test_private_keys_are_0600_from_creation_in_0700_directories(tmp_path, monkeypatch):
    """Even under umask 0 (where a plain write would make 0666), every key is created by
    os.open(O_CREAT|O_EXCL, 0o600): its mode at the moment it exists is already 0600."""
    real_open = os.open
    created: dict[str, tuple[int, int, int]] = {}

    def spy(path, flags, mode_=0o777, *args, **kwargs):
        fd = real_open(path, flags, mode_, *args, **kwargs)
        if flags & os.O_CREAT:
            created[str(path)] = (flags, mode_, stat.S_IMODE(os.fstat(fd).st_mode))
        return fd

    monkeypatch.setattr(os, "open", spy)
    old_umask = os.umask(0)
    try:
        create_federation_certs(tmp_path / "certs", ["coordinator"], ["p1", "p2"])
    finally:
        os.umask(old_umask)
    certs = tmp_path / "certs"
    keys = [certs / CA_KEY, certs / SERVER_KEY, plant_key_paths(certs, "p1").private,
            plant_key_paths(certs, "p2").private]
    for key in keys:
        flags, requested, at_birth = created[str(key)]
        assert flags & os.O_EXCL and flags & os.O_CREAT, key
        assert requested == 0o600 and at_birth == 0o600, (key, oct(requested), oct(at_birth))
        assert mode(key) == 0o600
    for directory in (certs, certs / "plants", certs / "plants" / "p1", certs / "plants" / "p2"):
        assert mode(directory) == 0o700, directory
    assert mode(certs / "ca.crt") == 0o644 and mode(plant_key_paths(certs, "p1").public) == 0o644


def test_an_existing_key_is_never_overwritten(tmp_path):
    certs = tmp_path / "certs"
    create_federation_certs(certs, ["coordinator"], ["p1"])
    before = {p: p.read_bytes() for p in certs.rglob("*") if p.is_file()}
    # a CA key without its certificate (e.g. an interrupted run): refused, not replaced
    (certs / "ca.crt").unlink()
    with pytest.raises(CertError, match=r"ca\.key exists: refusing to overwrite"):
        make_ca(certs)
    assert (certs / CA_KEY).read_bytes() == before[certs / CA_KEY]
    (certs / "ca.crt").write_bytes(before[certs / "ca.crt"])
    # the coordinator's certificate for other hosts: never reissued silently
    with pytest.raises(CertError, match="not valid for .*other-host.*move .*coordinator.key"):
        create_federation_certs(certs, ["other-host"], [])
    # the same hosts plus a new plant: everything kept, one key pair added
    create_federation_certs(certs, ["coordinator"], ["p1", "p2"])
    assert all(p.read_bytes() == data for p, data in before.items())
    assert plant_key_paths(certs, "p2").private.exists()
    # from the command line: one line naming the file, exit 2
    code = main(["certs", str(certs), "--host", "elsewhere"])
    assert code == 2
    assert (certs / SERVER_CERT).read_bytes() == before[certs / SERVER_CERT]


def test_a_full_disk_leaves_no_half_written_key(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CertError, match=r"cannot write .*ca\.key: No space left on device; nothing was kept"):
        make_ca(tmp_path / "certs")
    assert not (tmp_path / "certs" / CA_KEY).exists()


def test_a_plant_id_cannot_escape_the_certificate_directory(tmp_path):
    with pytest.raises(CertError, match="plant id"):
        create_federation_certs(tmp_path / "certs", ["c"], ["../evil"])
    assert not (tmp_path / "certs").exists()


# ---------------------------------------------------------------- --insecure for one command only
@pytest.fixture
def flwr_calls(monkeypatch):
    """Commands run Flower's CLI through deploy.cli._run: record the argv instead of running it."""
    calls: list[list[str]] = []
    monkeypatch.setattr(operations, "_run", lambda argv, env: calls.append(argv) or 0)
    return calls


def test_insecure_applies_to_one_command_only(tmp_path, flwr_calls, capsys):
    home = tmp_path / "flwr"
    assert main(["runs", "--coordinator", "10.0.0.5:9443", "--insecure", "--flwr-home", str(home)]) == 0
    assert flwr_calls[-1][2] == cmd.INSECURE_CONNECTION
    assert "NOT encrypted" in capsys.readouterr().err
    links = tomli.loads((home / "config.toml").read_text())["superlink"]
    assert links[cmd.INSECURE_CONNECTION] == {"address": "10.0.0.5:9443", "insecure": True}
    assert cmd.CONNECTION not in links
    # a later command without --insecure does not fall back to the insecure connection
    assert main(["runs", "--flwr-home", str(home)]) == 2
    err = capsys.readouterr().err
    assert f"no `{cmd.CONNECTION}` connection" in err and "--ca" in err
    assert len(flwr_calls) == 1
    # with TLS set up once, commands without flags use it; the insecure one stays apart
    (tmp_path / "ca.crt").write_text("not used by the fake flwr")
    assert main(["log", "7", "--coordinator", "10.0.0.5:9443", "--ca", str(tmp_path / "ca.crt"),
                 "--flwr-home", str(home)]) == 0
    assert main(["stop", "7", "--flwr-home", str(home)]) == 0
    assert flwr_calls[-1] == [cmd.flower_bin("flwr"), "stop", "7", cmd.CONNECTION]
    links = tomli.loads((home / "config.toml").read_text())["superlink"]
    assert "insecure" not in links[cmd.CONNECTION] and links[cmd.CONNECTION]["root-certificates"]
    # asking for insecure again, explicitly, uses the insecure connection (and warns again)
    assert main(["runs", "--insecure", "--flwr-home", str(home)]) == 0
    assert flwr_calls[-1][2] == cmd.INSECURE_CONNECTION and "NOT encrypted" in capsys.readouterr().err


def test_an_insecure_connection_left_by_an_older_factoryfl_is_refused(tmp_path, flwr_calls, capsys):
    home = tmp_path / "flwr"
    home.mkdir()
    (home / "config.toml").write_text('[superlink.factoryfl]\naddress = "c:9443"\ninsecure = true\n')
    assert main(["runs", "--flwr-home", str(home)]) == 2
    err = capsys.readouterr().err
    assert "is insecure" in err and "--ca ca.crt" in err and not flwr_calls
    with pytest.raises(ValueError, match="TLS only"):
        cmd.write_connection(home, "c:1", None, insecure=True, name=cmd.CONNECTION)


# ---------------------------------------------------------------- honest exit codes of `factoryfl run`
FAKE_FLWR = """
import json, os, sys
args = sys.argv[1:]
if args[0] == "run":
    print("Successfully started run 4242")
    print(os.environ.get("FAKE_LOG", "INFO : round 1 done"))
    sys.exit(int(os.environ.get("FAKE_RUN_EXIT", "0")))
if args[0] == "ls":
    assert args[1:] == [os.environ["FAKE_CONNECTION"], "--run-id", "4242", "--format", "json"], args
    print(json.dumps({"success": True, "runs": [{"run-id": "4242", "status": os.environ["FAKE_STATUS"],
                                                 "status-details": os.environ.get("FAKE_DETAILS", "")}]}))
"""


@pytest.fixture
def fake_flwr(tmp_path, monkeypatch):
    script = fake_executable(tmp_path / "flwr", FAKE_FLWR)
    monkeypatch.setattr(cmd, "flower_bin", lambda name: str(script))
    monkeypatch.setenv("FAKE_CONNECTION", cmd.CONNECTION)
    (tmp_path / "ca.crt").write_text("not used by the fake flwr")
    return ["run", "--coordinator", "c:9443", "--ca", str(tmp_path / "ca.crt"), "--flwr-home", str(tmp_path / "home"),
            "simulations/scenarios/deploy_demo.yaml", "--run-dir", str(tmp_path / "run")]


def test_run_exits_0_only_when_the_run_completed(fake_flwr, monkeypatch, capsys):
    monkeypatch.setenv("FAKE_STATUS", "finished:completed")
    assert main(fake_flwr) == 0
    assert "run 4242: finished:completed" in capsys.readouterr().out


def test_a_failed_run_exits_non_zero_and_says_so(fake_flwr, monkeypatch, capsys):
    monkeypatch.setenv("FAKE_STATUS", "finished:failed")
    monkeypatch.setenv("FAKE_DETAILS", "ServerApp raised")
    monkeypatch.setenv("FAKE_LOG", "ERROR : /r/checkpoints/global_latest.pt holds an unfinished run's checkpoint: "
                                   "pass --run-config 'resume=true' to continue it, or choose a new run-dir")
    assert main(fake_flwr) == 1
    err = capsys.readouterr().err
    assert "run 4242 ended finished:failed (ServerApp raised)" in err and "factoryfl log 4242" in err
    assert "--resume" in err                           # the factoryfl way to say resume=true


def test_a_stopped_run_or_a_failed_submission_exits_non_zero(fake_flwr, monkeypatch, capsys):
    monkeypatch.setenv("FAKE_STATUS", "finished:stopped")
    assert main(fake_flwr) == 1
    assert "finished:stopped" in capsys.readouterr().err
    monkeypatch.setenv("FAKE_RUN_EXIT", "1")
    assert main(fake_flwr) == 1


# ---------------------------------------------------------------- a refused plant stops, non-zero
FAKE_SUPERNODE = """
import sys, time
print("INFO :      Starting Flower SuperNode", flush=True)
print("ERROR : the coordinator refused this plant (plant-1): node 7 is registered as plant 'spare' but claims "
      "plant id 'plant-1'", flush=True)
time.sleep(120)   # a SuperNode goes on running after its ClientApp logged the refusal
"""


def test_a_plant_refused_by_the_coordinator_stops_with_the_reason(tmp_path, capsys):
    supernode = fake_executable(tmp_path / "flower-supernode", FAKE_SUPERNODE)
    started = time.monotonic()
    code = operations._supervise([str(supernode)], dict(os.environ), activation_wait_s=0)
    assert code != 0 and time.monotonic() - started < 30
    captured = capsys.readouterr()
    assert "the coordinator refused this plant (plant-1)" in captured.out           # Flower's output, passed on
    assert "ERROR: the coordinator refused this plant" in captured.err and "registered as plant 'spare'" in captured.err


def test_a_plant_that_cannot_connect_says_what_to_check(tmp_path, capsys):
    supernode = fake_executable(tmp_path / "flower-supernode",
                                "import sys\nprint('connection failed')\nsys.exit(305)\n")
    assert operations._supervise([str(supernode)], dict(os.environ), activation_wait_s=0) == 305 % 256
    assert "could not connect to the coordinator" in capsys.readouterr().err


# ---------------------------------------------------------------- no traceback reaches the user
@pytest.mark.parametrize("error, code, words", [
    (MemoryError(), 1, ["ran out of memory", "FACTORYFL_DEBUG=1"]),
    (RecursionError("maximum recursion depth exceeded"), 1, ["nests too deeply"]),
    (KeyError("meta"), 1, ["key 'meta' is missing", "test_secrets_and_exits.py"]),
    (OSError(errno.ENOSPC, "No space left on device", "/srv/out/model.pt"), 2,
     ["/srv/out/model.pt", "No space left on device", "free disk space"]),
    (PermissionError(errno.EACCES, "Permission denied", "/srv/state"), 2, ["/srv/state", "permissions"]),
    (CertError("certs/ca.crt is missing: run `factoryfl certs certs` first"), 2, ["certs/ca.crt is missing"]),
    (ZeroDivisionError("division by zero"), 1, ["ZeroDivisionError", "FACTORYFL_DEBUG=1"]),
])
def test_errors_at_the_boundary_are_one_line(error, code, words, monkeypatch, capsys):
    def failing(args):
        raise error

    monkeypatch.setattr(cli.plant, "cmd_export", failing)
    monkeypatch.delenv("FACTORYFL_DEBUG", raising=False)
    assert main(["export", "--state-dir", "s", "--out", "o"]) == code
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    monkeypatch.setenv("FACTORYFL_DEBUG", "1")  # the way to see the traceback
    with pytest.raises(type(error)):
        main(["export", "--state-dir", "s", "--out", "o"])


def test_the_installed_command_prints_no_traceback(tmp_path):
    (tmp_path / "x.npz").write_bytes(b"not a zip archive")
    env = {k: v for k, v in os.environ.items() if k != "FACTORYFL_DEBUG"}
    out = subprocess.run([FACTORYFL, "predict", "--state-dir", str(tmp_path), str(tmp_path / "x.npz"),
                          "--input-rate-hz", "inf"], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "--input-rate-hz inf: a sampling rate must be > 0 Hz and finite" in out.stderr, out.stderr
    assert out.stderr.count("\n") == 1, out.stderr
