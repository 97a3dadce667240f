"""`factoryfl` operations subcommands: certs, coordinator, register, plant, run/runs/log/stop, plant-data.

Each prints the Flower command it runs (``$ ...``) so operators can run it by hand instead.
``coordinator`` replaces this process with Flower's (exec); ``plant`` supervises its SuperNode
(forwarding SIGTERM/SIGINT) so that a restarted plant can wait out Flower's activation window.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from deploy import commands as cmd


def app_dir() -> Path:
    """The Flower app `flwr run` ships (the directory with this project's pyproject.toml):
    $FACTORYFL_APP_DIR, the source tree this module is in, or the working directory (images: /app)."""
    for candidate in (os.environ.get("FACTORYFL_APP_DIR"), Path(__file__).resolve().parent.parent, Path.cwd()):
        if candidate and (Path(candidate) / "pyproject.toml").exists():
            return Path(candidate)
    raise DeployError("cannot find the app's pyproject.toml: run from the factoryfl source directory or set "
                      "FACTORYFL_APP_DIR")


class DeployError(RuntimeError):
    """A deployment command cannot run; the message names the file/flag and the fix."""


def caller_path(value: str) -> str:
    """A path argument made absolute against the caller's working directory (``~`` expanded).

    Flower commands run from the app directory (``flwr``) or start children elsewhere, so a relative
    path must be fixed here, before anything runs from another directory."""
    return str(Path(value).expanduser().absolute())


def caller_or_app_path(value: str) -> str:
    """A file that may also live in the app (a scenario): absolute if it exists in the caller's
    directory; otherwise unchanged, so that it is looked up in the app directory that `flwr run` ships."""
    path = Path(value).expanduser()
    return str(path.absolute()) if path.exists() or path.is_absolute() else value


def _flwr_home(args: argparse.Namespace) -> Path:
    return Path(args.flwr_home or os.environ.get("FLWR_HOME") or Path.home() / ".flwr")


def _announce(argv: list[str]) -> None:
    print(f"$ {cmd.shell(argv)}", flush=True)


def _exec(argv: list[str], env: dict[str, str], dry_run: bool) -> int:
    _announce(argv)
    if dry_run:
        return 0
    os.execvpe(argv[0], argv, env)
    return 0  # not reached


def _run(argv: list[str], env: dict[str, str]) -> int:
    _announce(argv)
    return subprocess.run(argv, env=env, cwd=app_dir()).returncode


def _require_file(path: Path | None, flag: str, fix: str) -> Path:
    if path is None or not Path(path).is_file():
        raise DeployError(f"{flag} {path}: no such file; {fix}")
    return Path(path)


def _use_channels(value: str | None) -> str | None:
    """``--use-channels 1,0`` checked as the plant will read it (node config ``use-channels``)."""
    if value is None:
        return None
    from common.data.channel_select import parse_channel_list

    channels, problems = parse_channel_list(value, "--use-channels", "--use-channels 0 or --use-channels 1,0")
    if channels is None:
        raise DeployError(problems[0])
    return ",".join(str(c) for c in channels)


def _warn_insecure() -> None:
    print(cmd.INSECURE_WARNING, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ commands
def cmd_certs(args: argparse.Namespace) -> int:
    from deploy.certs import CA_CERT, create_federation_certs  # cryptography: only when certificates are made

    files = create_federation_certs(Path(args.dir), args.host, args.plant)
    for path in files:
        print(path)
    print(f"\nCopy {Path(args.dir) / CA_CERT} to every plant; copy plants/<id>/plant.key only to plant <id>; "
          "keep ca.key offline.")
    return 0


def cmd_coordinator(args: argparse.Namespace) -> int:
    from deploy.certs import check_server_files

    cert_dir = None
    if args.insecure:
        _warn_insecure()
    else:
        cert_dir = Path(args.certs) if args.certs else None
        if cert_dir is None:
            raise DeployError("--certs DIR is required (the directory `factoryfl certs` wrote), or --insecure "
                              "for a local trial")
        check_server_files(cert_dir)
    state_dir = Path(args.state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    opts = cmd.CoordinatorOptions(cert_dir=cert_dir, state_dir=state_dir, host=args.host, port=args.port,
                                  insecure=args.insecure, isolation=args.isolation)
    return _exec(cmd.superlink_argv(opts), cmd.flower_env(_flwr_home(args)), args.dry_run)


def _connect(args: argparse.Namespace) -> tuple[dict[str, str], str]:
    """Write this command's connection (when --coordinator is given); (CLI environment, connection name).

    ``--insecure`` applies to the one command given it: it writes and uses the separate
    `factoryfl-insecure` connection, and a command without ``--insecure`` uses only the TLS
    connection `factoryfl` (refusing one that is not TLS), never an insecure one left behind.
    """
    home = _flwr_home(args)
    insecure = bool(getattr(args, "insecure", False))
    name = cmd.connection_name(insecure)
    config = home / "config.toml"
    if insecure:
        _warn_insecure()
    try:
        if getattr(args, "coordinator", None):
            if insecure:
                cmd.write_connection(home, args.coordinator, None, insecure=True)
            else:
                ca = _require_file(Path(args.ca) if args.ca else None, "--ca",
                                   "give the federation CA certificate (ca.crt from `factoryfl certs`) or --insecure")
                cmd.write_connection(home, args.coordinator, ca)
            return cmd.flower_env(home), name
        entry = cmd.read_connection(home, name)
    except ValueError as exc:
        raise DeployError(str(exc)) from exc
    if entry is None:
        how = "--coordinator HOST:PORT --insecure" if insecure else "--coordinator HOST:PORT --ca ca.crt once"
        raise DeployError(f"{config} has no `{name}` connection: pass {how}")
    if not insecure and entry.get("insecure"):
        raise DeployError(f"{config}: the `{name}` connection is insecure (no TLS; written by an older factoryfl "
                          "--insecure): pass --coordinator HOST:PORT --ca ca.crt to make it a TLS connection, or "
                          "--insecure to run just this command without TLS")
    root = entry.get("root-certificates")
    if not insecure and root and not Path(str(root)).is_file():
        raise DeployError(f"{config}: the `{name}` connection trusts {root}, which does not exist: pass "
                          "--coordinator HOST:PORT --ca ca.crt again")
    return cmd.flower_env(home), name


def cmd_register(args: argparse.Namespace) -> int:
    import time

    from deploy.certs import plant_key_paths

    env, name = _connect(args)
    status = 0
    for plant_id in args.plant:
        public = Path(args.public_key) if args.public_key else plant_key_paths(Path(args.certs), plant_id).public
        _require_file(public, "public key", f"run `factoryfl certs {args.certs} --plant {plant_id}` first")
        deadline = time.monotonic() + args.retry_for
        while True:
            ok, message = _register_once(cmd.register_argv(public, plant_id, name), env)
            if ok or time.monotonic() >= deadline:
                break
            print(f"registering {plant_id} failed ({message}); retrying in 3 s", file=sys.stderr, flush=True)
            time.sleep(3)
        if not ok:
            print(f"ERROR: could not register {plant_id}: {message}", file=sys.stderr, flush=True)
            status = 1
    return status


def _register_once(argv: list[str], env: dict[str, str]) -> tuple[bool, str]:
    """Run `flwr supernode register ... --format json`; (success, message). flwr exits 0 even when the
    registration failed, so the JSON answer decides."""
    _announce(argv)
    proc = subprocess.run(argv, env=env, cwd=app_dir(), capture_output=True, text=True)
    print(proc.stdout, end="", flush=True)
    try:
        answer = json.loads(proc.stdout[proc.stdout.index("{"):])
    except ValueError:
        return False, (proc.stderr or proc.stdout).strip()[-500:] or f"exit code {proc.returncode}"
    if answer.get("success"):
        return True, ""
    message = str(answer.get("error-message", "unknown error"))
    if "already" in message.lower():  # the key is registered: that is what we wanted
        return True, message
    return False, message.replace("\n", " ").strip()


def cmd_plant(args: argparse.Namespace) -> int:
    root_cert = key = None
    if args.insecure:
        _warn_insecure()
    else:
        root_cert = _require_file(Path(args.ca) if args.ca else None, "--ca",
                                  "copy the federation's ca.crt to this plant (or --insecure for a local trial)")
        key = _require_file(Path(args.key) if args.key else None, "--key",
                            "copy this plant's plant.key from `factoryfl certs` (its public key must be registered)")
    data_dir = Path(args.data_dir).resolve()
    if not (data_dir / "manifest.yaml").exists():
        # The plant still starts: the coordinator hears a clear error reply and the federation goes on.
        print(f"WARNING: {data_dir / 'manifest.yaml'} not found: this plant will answer every request with an "
              "error until its data directory holds a factoryfl-plant/v1 manifest (common/data/FORMAT.md)",
              file=sys.stderr, flush=True)
    state_dir = Path(args.state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _install_policy(args.privacy_policy, state_dir, dry_run=args.dry_run)
    opts = cmd.PlantOptions(plant_id=args.plant_id, coordinator=args.coordinator, data_dir=data_dir,
                            state_dir=state_dir, root_cert=root_cert, auth_key=key,
                            privacy_budget=args.privacy_budget, runtime_port=args.runtime_port,
                            insecure=args.insecure, isolation=args.isolation, max_wait_time_s=args.max_wait_time,
                            detector=args.detector, false_alarm_rate=args.false_alarm_rate,
                            use_channels=_use_channels(args.use_channels))
    argv = cmd.supernode_argv(opts)
    if args.dry_run:
        _announce(argv)
        return 0
    return _supervise(argv, cmd.flower_env(_flwr_home(args)), args.activation_wait)


def _install_policy(source: str | None, state_dir: Path, dry_run: bool) -> None:
    """Check the plant's privacy policy and keep it in its state directory, where the plant reads it.

    Without ``--privacy-policy`` the one already there applies, or else the safe default
    (DP required, nothing but privacy accounting released outside the ledger)."""
    from client.node_config import POLICY_FILE, load_policy
    from common.config.parse import ConfigError
    from common.fileio import atomic_write_bytes

    target = state_dir / POLICY_FILE
    path = Path(source) if source else target
    if source and not path.is_file():
        raise DeployError(f"--privacy-policy {source}: no such file; write a YAML policy "
                          "(docs/privacy.md: the plant's own privacy policy)")
    try:
        policy = load_policy(path)
    except ConfigError as exc:
        raise DeployError(str(exc)) from exc
    if source and not dry_run:
        atomic_write_bytes(target, path.read_bytes())  # 0600, like every file in the state directory
    where = str(target) if (source or target.exists()) else "the safe default (no privacy_policy.yaml)"
    print(f"privacy policy ({where}): require_dp={policy.require_dp}, delta={policy.delta or 'min(1e-5, 1/(10n))'}, "
          f"budget={policy.budget_epsilon}, allow={list(policy.allow)}", flush=True)


SUPERNODE_CONNECTION_ERROR = 305  # Flower's exit code; the OS reports it modulo 256 (49)


def _supervise(argv: list[str], env: dict[str, str], activation_wait_s: float) -> int:
    """Run the SuperNode; if the coordinator refuses activation (exit 305), retry for a while.

    A plant that was killed stays "online" at the coordinator until Flower's heartbeat window
    runs out (up to about 60 s), and a restarted plant is refused activation until then. The same
    exit code means an unregistered key: after ``activation_wait_s`` we stop and say both causes.
    A plant the coordinator refuses to admit (its ClientApp logs "the coordinator refused this
    plant") is stopped at once: it would otherwise stay connected and never be asked to train.
    Every way this ends other than a clean stop is a message and a non-zero exit code.
    """
    import signal
    import time

    deadline = time.monotonic() + activation_wait_s
    children: list[subprocess.Popen] = []

    def forward(signum: int, _frame: object) -> None:
        if children and children[-1].poll() is None:
            children[-1].send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _supervise_loop(argv, env, deadline, activation_wait_s, lambda c: children.append(c))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _supervise_loop(argv: list[str], env: dict[str, str], deadline: float, activation_wait_s: float,
                    started: Callable[[subprocess.Popen], None]) -> int:
    import time

    while True:
        _announce(argv)
        child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 errors="replace")
        started(child)
        seen: list[bool] = []
        refused: list[str] = []
        reader = threading.Thread(target=_echo, args=(child, seen, refused), daemon=True)
        reader.start()
        code = _wait_stopping_on(child, refused)
        reader.join(timeout=2.0)  # SuperNode's own SuperExec child may hold the pipe a while longer
        if refused:
            print(f"ERROR: {cmd.PLANT_REFUSED_TEXT} {refused[0]}; this plant stopped. Fix what the reason names "
                  "(this plant's --plant-id must be a plant of the scenario, and its key registered under that id: "
                  "`factoryfl register ... <plant-id>`), then start the plant again.", file=sys.stderr, flush=True)
            return code if code > 0 else 1
        if not seen:
            if code in (SUPERNODE_CONNECTION_ERROR, SUPERNODE_CONNECTION_ERROR % 256):
                print("ERROR: this plant could not connect to the coordinator (Flower exit code 305; see Flower's "
                      "message above): check --coordinator HOST:PORT, that the coordinator is running, and that "
                      "both sides agree on TLS (this plant's --ca must be the federation's ca.crt) or both use "
                      "--insecure.", file=sys.stderr, flush=True)
            return code
        if time.monotonic() >= deadline:
            print(f"ERROR: the coordinator refused to activate this plant (exit {code}, Flower code 305). "
                  "Either its public key is not registered (run `factoryfl register ... <plant-id>` on the "
                  "coordinator side), or the coordinator still sees this plant online from before a restart; "
                  f"gave up after {activation_wait_s:.0f} s (--activation-wait).", file=sys.stderr, flush=True)
            return code or 1
        print("the coordinator refused activation (Flower exit code 305): retrying in 10 s (this plant's key is not "
              "registered yet, or this plant was restarted and the coordinator still sees its previous process "
              "online, for up to ~60 s)", file=sys.stderr, flush=True)
        time.sleep(10)


def _wait_stopping_on(child: subprocess.Popen, refused: list[str], grace_s: float = 30.0) -> int:
    """Wait for the SuperNode; once ``refused`` holds a reason, stop it (SIGTERM, then SIGKILL)."""
    import time

    stopping_since: float | None = None
    while True:
        try:
            return child.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            if not refused:
                continue
            if stopping_since is None:
                stopping_since = time.monotonic()
                child.terminate()
            elif time.monotonic() - stopping_since > grace_s:
                child.kill()


def _echo(child: subprocess.Popen, seen: list[bool], refused: list[str] | None = None) -> None:
    """Pass Flower's output through, noting a refused activation and a refusal by the coordinator."""
    assert child.stdout is not None
    for line in child.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if cmd.ACTIVATION_REFUSED_TEXT in line:
            seen.append(True)
        if refused is not None and cmd.PLANT_REFUSED_TEXT in line:
            refused.append(line.split(cmd.PLANT_REFUSED_TEXT, 1)[1].strip() or "(no reason given)")


def _wait_for_port(address: str, seconds: float) -> None:
    """Wait until HOST:PORT accepts TCP connections (e.g. a coordinator that is still starting)."""
    import socket
    import time

    host, _, port = address.rpartition(":")
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=3):
                return
        except OSError as exc:
            if time.monotonic() >= deadline:
                raise DeployError(f"coordinator {address} is not reachable ({exc}): is it running, and is the "
                                  "address right?") from exc
            time.sleep(2)


def cmd_run(args: argparse.Namespace) -> int:
    env, name = _connect(args)
    if args.wait and args.coordinator:
        _wait_for_port(args.coordinator, args.wait)
    argv = cmd.run_argv(app_dir(), args.scenario, args.run_dir, args.resume, not args.no_stream, name)
    if args.no_stream:
        return _run(argv, env)
    return _follow_run(argv, env, name, resumed=args.resume)


RESUME_NEEDED_TEXT = "resume=true"  # the coordinator's advice when --run-dir holds an unfinished run


def _follow_run(argv: list[str], env: dict[str, str], name: str, resumed: bool = False) -> int:
    """`flwr run --stream`, passed through; then the run's status on the coordinator decides the exit code.

    ``flwr run --stream`` exits 0 whenever the log stream ends, whether the run completed, failed or
    was stopped; ``flwr ls --run-id N --format json`` tells which (``finished:completed`` = success).
    """
    import re

    _announce(argv)
    flag = " --insecure" if name == cmd.INSECURE_CONNECTION else ""  # hints name the connection this command used
    run_id: str | None = None
    resume_needed = False
    proc = subprocess.Popen(argv, env=env, cwd=app_dir(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            if run_id is None and (match := re.search(re.escape(cmd.RUN_STARTED_PREFIX) + r"(\d+)", line)):
                run_id = match.group(1)
            # the coordinator's advice in Flower's terms only (no `factoryfl run --resume` of its own): add ours
            resume_needed = resume_needed or (RESUME_NEEDED_TEXT in line and "--resume" not in line)
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait()
        where = (f"run {run_id} goes on on the coordinator: `factoryfl log {run_id}{flag} --follow`, "
                 f"`factoryfl stop {run_id}{flag}`") if run_id else f"check `factoryfl runs{flag}` for the run"
        print(f"\nstopped following: {where}", file=sys.stderr, flush=True)
        return 130
    if code != 0:
        return code  # flwr said why (it could not reach the coordinator, or the app was refused)
    if run_id is None:
        print("ERROR: `flwr run` did not report a run id, so whether the run succeeded is unknown: check "
              f"`factoryfl runs{flag}`", file=sys.stderr, flush=True)
        return 1
    status, details = _run_status(run_id, env, name)
    if status == cmd.RUN_COMPLETED:
        print(f"run {run_id}: {status}", flush=True)
        return 0
    more = f" ({details})" if details else ""
    if status.startswith("finished"):
        print(f"ERROR: run {run_id} ended {status}{more}: the coordinator's log above says why "
              f"(again: `factoryfl log {run_id}{flag}`)", file=sys.stderr, flush=True)
        if resume_needed and not resumed:
            print("  to continue the unfinished run in that --run-dir: run the same `factoryfl run` command with "
                  "--resume; to start afresh: give a new --run-dir", file=sys.stderr, flush=True)
    else:
        print(f"ERROR: the log stream of run {run_id} ended but the run is {status or 'of unknown status'}{more}: "
              f"follow it with `factoryfl log {run_id}{flag} --follow` and check "
              f"`factoryfl runs{flag} --run-id {run_id}`",
              file=sys.stderr, flush=True)
    return 1


def _run_status(run_id: str, env: dict[str, str], name: str, settle_s: float = 30.0) -> tuple[str, str]:
    """(status, details) of a run from `flwr ls --run-id N --format json`, waiting up to ``settle_s``
    for it to read ``finished:*`` (the status may lag the end of the log stream a little)."""
    import time

    argv = [cmd.flower_bin("flwr"), "ls", name, "--run-id", run_id, "--format", "json"]
    deadline = time.monotonic() + settle_s
    while True:
        proc = subprocess.run(argv, env=env, cwd=app_dir(), capture_output=True, text=True, errors="replace")
        status, details = _parse_run_status(proc.stdout)
        if not status:
            said = (proc.stderr or proc.stdout).strip().replace("\n", " ")[-300:]
            details = said or f"flwr ls exit {proc.returncode}"
        if status.startswith("finished") or time.monotonic() >= deadline:
            return status, details
        time.sleep(1.0)


def _parse_run_status(stdout: str) -> tuple[str, str]:
    try:
        answer = json.loads(stdout[stdout.index("{"):])
        run = answer["runs"][0]
        return str(run["status"]), str(run.get("status-details") or "")
    except (ValueError, KeyError, IndexError, TypeError):
        return "", ""


def cmd_runs(args: argparse.Namespace) -> int:
    env, name = _connect(args)
    argv = [cmd.flower_bin("flwr"), "ls", name] + (["--run-id", str(args.run_id)] if args.run_id else [])
    return _run(argv + (["--format", "json"] if args.json else []), env)


def cmd_log(args: argparse.Namespace) -> int:
    """`flwr log`; without a run id, the newest run's. ``--follow`` ends with the run's status and exits
    non-zero unless it is ``finished:completed``."""
    env, name = _connect(args)
    run_id = str(args.run_id) if args.run_id is not None else _newest_run_id(env, name)
    code = _run([cmd.flower_bin("flwr"), "log", run_id, name, "--stream" if args.follow else "--show"], env)
    if code != 0 or not args.follow:
        return code
    status, details = _run_status(run_id, env, name)
    print(f"run {run_id}: {status or 'status unknown'}" + (f" ({details})" if details else ""), flush=True)
    return 0 if status == cmd.RUN_COMPLETED else 1


def _newest_run_id(env: dict[str, str], name: str) -> str:
    """The id of the run submitted last to the coordinator (`flwr ls --format json`)."""
    proc = subprocess.run([cmd.flower_bin("flwr"), "ls", name, "--format", "json"], env=env, cwd=app_dir(),
                          capture_output=True, text=True, errors="replace")
    try:
        runs = json.loads(proc.stdout[proc.stdout.index("{"):])["runs"]
        newest = max(runs, key=lambda run: (str(run.get("pending-at") or ""), int(run["run-id"])))
        return str(newest["run-id"])
    except (ValueError, KeyError, TypeError) as exc:
        said = (proc.stderr or proc.stdout).strip().replace("\n", " ")[-300:]
        raise DeployError(f"no run to show on the `{name}` connection ({said or exc}): give RUN_ID "
                          "(see `factoryfl runs`) or launch one with `factoryfl run`") from exc


def cmd_stop(args: argparse.Namespace) -> int:
    env, name = _connect(args)
    return _run([cmd.flower_bin("flwr"), "stop", str(args.run_id), name], env)


def cmd_plant_data(args: argparse.Namespace) -> int:
    from deploy.plant_data import export_plant_dir

    scenario = Path(args.scenario)
    if not scenario.is_absolute() and (app_dir() / scenario).is_file():  # not in the caller's directory
        scenario = app_dir() / scenario
    print(export_plant_dir(scenario, args.plant, Path(args.out)))
    return 0


# ------------------------------------------------------------------ parser
def _connection_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--coordinator", help="HOST:PORT of the coordinator (writes the `factoryfl` TLS connection)")
    p.add_argument("--ca", type=caller_path, help="the federation CA certificate (ca.crt)")
    p.add_argument("--insecure", action="store_true",
                   help="no TLS, for this command only (local trials; prints a warning; uses the separate "
                        "`factoryfl-insecure` connection: later commands without --insecure still use TLS)")
    p.add_argument("--flwr-home", type=caller_path,
                   help="Flower CLI home holding config.toml (default $FLWR_HOME or ~/.flwr)")


def add_subcommands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("certs", help="create the federation CA, the coordinator's TLS certificate and plant keys")
    p.add_argument("dir", type=caller_path, help="certificate directory (created)")
    p.add_argument("--host", action="append", default=[], required=True,
                   help="a name or IP plants use to reach the coordinator (repeat)")
    p.add_argument("--plant", action="append", default=[], help="a plant id to make a key pair for (repeat)")
    p.set_defaults(func=cmd_certs)

    p = sub.add_parser("coordinator", help="start the coordinator (flower-superlink, TLS + plant authentication)")
    p.add_argument("--certs", type=caller_path, help="certificate directory from `factoryfl certs`")
    p.add_argument("--state-dir", type=caller_path, required=True, help="where the coordinator keeps its database")
    p.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")
    p.add_argument("--port", type=int, default=cmd.DEFAULT_PORT,
                   help="port plants and `factoryfl run` connect to (Flower's Fleet, Control and Runtime APIs)")
    p.add_argument("--isolation", choices=("subprocess", "process"), default="subprocess",
                   help="Flower's isolation mode: the coordinator starts the ServerApp itself (subprocess) or "
                        "expects a separately started flwr-serverapp (process)")
    p.add_argument("--insecure", action="store_true", help="no TLS, no authentication (prints a warning)")
    p.add_argument("--flwr-home", type=caller_path, help="FLWR_HOME for the coordinator (installed apps)")
    p.add_argument("--dry-run", action="store_true", help="print the command only")
    p.set_defaults(func=cmd_coordinator)

    p = sub.add_parser("register", help="register plants' public keys with the coordinator (before they connect)")
    _connection_flags(p)
    p.add_argument("--certs", type=caller_path, default="certs",
                   help="certificate directory holding plants/<id>/plant.key.pub")
    p.add_argument("--public-key", type=caller_path,
                   help="a public key file (instead of the one under --certs; one plant only)")
    p.add_argument("--retry-for", type=float, default=0.0,
                   help="keep retrying for this many seconds (e.g. while the coordinator starts)")
    p.add_argument("plant", nargs="+", help="plant id(s)")
    p.set_defaults(func=cmd_register)

    p = sub.add_parser("plant", help="start a plant (flower-supernode next to the plant's data)")
    p.add_argument("--coordinator", required=True, help="HOST:PORT of the coordinator")
    p.add_argument("--ca", type=caller_path, help="the federation CA certificate (ca.crt)")
    p.add_argument("--key", type=caller_path, help="this plant's private key (plants/<id>/plant.key)")
    p.add_argument("--plant-id", required=True,
                   help="this plant's id: one of the scenario's plant ids, the id its key was registered under")
    p.add_argument("--data-dir", type=caller_path, required=True,
                   help="the plant's data directory (manifest.yaml, FORMAT.md)")
    p.add_argument("--state-dir", type=caller_path, required=True,
                   help="the plant's state: personal models, privacy ledger")
    p.add_argument("--privacy-budget", type=float, default=None, help="lifetime ε budget of this plant")
    p.add_argument("--privacy-policy", type=caller_path,
                   help="this plant's privacy policy (YAML; copied into --state-dir as privacy_policy.yaml). "
                        "Default: the one there, else DP required")
    p.add_argument("--detector", help="this plant's anomaly detector (a name from docs/extensions.md, e.g. "
                                      "feature_mahalanobis): a health score and an alarm per window")
    p.add_argument("--false-alarm-rate", type=float, default=None,
                   help="the detector's target false-alarm rate on held-out normal windows (default 0.01)")
    p.add_argument("--use-channels", default=None,
                   help="the 0-based channels of the plant's data the model takes, comma-separated, e.g. 0 or 1,0 "
                        "(a plant with more sensors than the federation's model; default: all)")
    p.add_argument("--runtime-port", type=int, default=9094, help="local port for ClientApp processes")
    p.add_argument("--isolation", choices=("subprocess", "process"), default="subprocess",
                   help="Flower's isolation mode: the plant starts its ClientApp itself (subprocess) or expects "
                        "a separately started flwr-clientapp (process)")
    p.add_argument("--insecure", action="store_true", help="no TLS, no authentication (prints a warning)")
    p.add_argument("--flwr-home", type=caller_path, help="FLWR_HOME for this plant (installed apps)")
    p.add_argument("--max-wait-time", type=float, default=None,
                   help="give up connecting to the coordinator after this many seconds (default: keep trying)")
    p.add_argument("--activation-wait", type=float, default=120.0,
                   help="seconds to keep retrying when the coordinator refuses activation (default 120)")
    p.add_argument("--dry-run", action="store_true", help="print the command only")
    p.set_defaults(func=cmd_plant)

    p = sub.add_parser("run", help="launch a federation run on the coordinator (flwr run) and follow it")
    _connection_flags(p)
    p.add_argument("scenario", type=caller_or_app_path,
                   help="scenario YAML (shared model/training settings and the plant ids); read on the coordinator: "
                        "a path from this directory, else one inside the app (simulations/scenarios/...)")
    p.add_argument("--run-dir", type=caller_path, help="run folder on the coordinator (needed to resume)")
    p.add_argument("--resume", action="store_true", help="continue the unfinished run in --run-dir")
    p.add_argument("--no-stream", action="store_true", help="return after submitting")
    p.add_argument("--wait", type=float, default=0.0, help="wait up to this many seconds for the coordinator")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("runs", help="list runs on the coordinator (flwr ls)")
    _connection_flags(p)
    p.add_argument("--run-id", type=int, help="show only this run")
    p.add_argument("--json", action="store_true", help="Flower's JSON output instead of a table")
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("log", help="show or follow a run's log (flwr log)")
    _connection_flags(p)
    p.add_argument("run_id", type=int, nargs="?", help="the run (default: the newest run on the coordinator)")
    p.add_argument("--follow", action="store_true",
                   help="follow the log to the run's end, then print its status (exit 1 unless it completed)")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("stop", help="stop a run (flwr stop)")
    _connection_flags(p)
    p.add_argument("run_id", type=int, help="the run to stop (its id from `factoryfl run` or `factoryfl runs`)")
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("plant-data", help="write a scenario plant's windows as a plant data directory (demos)")
    p.add_argument("out", type=caller_path, help="the data directory to write")
    p.add_argument("--scenario", type=caller_or_app_path, required=True,
                   help="scenario YAML: a path from this directory, else one inside the app")
    p.add_argument("--plant", required=True, help="the id of the scenario plant to write")
    p.set_defaults(func=cmd_plant_data)
