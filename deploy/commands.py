"""The Flower commands a deployment runs, built as argument lists (printed before they run).

Pure functions: nothing starts here. ``deploy.cli`` prints and runs them; tests and the
container files use the same builders, so the documented commands are the ones executed.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

import tomli
import tomli_w

from common import wire
from common.fileio import atomic_write_bytes

CONNECTION = "factoryfl"                    # TLS: the only connection a command uses without --insecure
INSECURE_CONNECTION = "factoryfl-insecure"  # used only by a command given --insecure (never a default)
DEFAULT_PORT = 9443
ACTIVATION_REFUSED_TEXT = "Failed to activate SuperNode"  # flower-supernode, exit code 305 in its log
PLANT_REFUSED_TEXT = wire.PLANT_REFUSED_LOG  # logged by the ClientApp's `query.refused` handler
RUN_STARTED_PREFIX = "Successfully started run "           # `flwr run` output, then the run id
RUN_COMPLETED = "finished:completed"                       # `flwr ls --format json` status of a run that succeeded
INSECURE_WARNING = ("WARNING: --insecure: traffic between coordinator and plants is NOT encrypted and plants are "
                    "NOT authenticated; use this only for a local trial, never across sites")


def flower_bin(name: str) -> str:
    """A Flower executable next to this Python (the venv's bin), else the name for PATH lookup."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def flower_env(flwr_home: Path | None = None) -> dict[str, str]:
    """Environment for Flower processes: the venv's bin on PATH (the SuperLink starts
    flower-superexec by name), no telemetry/update check, no per-run dependency install."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("FLWR_TELEMETRY_ENABLED", "0")
    env.setdefault("FLWR_DISABLE_UPDATE_CHECK", "1")
    if flwr_home is not None:
        env["FLWR_HOME"] = str(flwr_home)
    return env


def shell(argv: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in argv)


@dataclass(frozen=True)
class CoordinatorOptions:
    cert_dir: Path | None          # None with insecure
    state_dir: Path                # SuperLink database (registered keys, runs) lives here
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    insecure: bool = False
    isolation: str = "subprocess"


def superlink_argv(opts: CoordinatorOptions) -> list[str]:
    """`flower-superlink` with TLS and SuperNode authentication (or explicitly insecure)."""
    from deploy.certs import CA_CERT, SERVER_CERT, SERVER_KEY  # here: cryptography would slow `factoryfl --help`

    argv = [flower_bin("flower-superlink")]
    if opts.insecure:
        argv.append("--insecure")
    else:
        assert opts.cert_dir is not None
        argv += ["--ssl-ca-certfile", str(opts.cert_dir / CA_CERT), "--ssl-certfile", str(opts.cert_dir / SERVER_CERT),
                 "--ssl-keyfile", str(opts.cert_dir / SERVER_KEY), "--enable-supernode-auth"]
    argv += ["--host", opts.host, "--port", str(opts.port), "--isolation", opts.isolation,
             "--database", str(opts.state_dir / "superlink.db"), "--disable-runtime-dependency-installation"]
    return argv


@dataclass(frozen=True)
class PlantOptions:
    plant_id: str
    coordinator: str               # host:port of the SuperLink
    data_dir: Path
    state_dir: Path
    root_cert: Path | None = None  # the federation CA (None with insecure)
    auth_key: Path | None = None   # the plant's OpenSSH ECDSA private key (None with insecure)
    privacy_budget: float | None = None
    runtime_port: int = 9094       # local API for the ClientApp processes (one per plant on a host)
    insecure: bool = False
    isolation: str = "subprocess"
    max_wait_time_s: float | None = None
    detector: str | None = None          # the plant's anomaly detector (client/node_config.py)
    false_alarm_rate: float | None = None
    use_channels: str | None = None      # "1,0": the channels of its data the model takes (client/node_config.py)


def node_config(opts: PlantOptions) -> str:
    """The `--node-config` string that tells the ClientApp which plant this is (client/node_config.py)."""
    parts = [f"plant-id={_toml_str(opts.plant_id)}", f"data-dir={_toml_str(str(opts.data_dir))}",
             f"state-dir={_toml_str(str(opts.state_dir))}"]
    if opts.privacy_budget is not None:
        parts.append(f"privacy-budget={float(opts.privacy_budget)!r}")
    if opts.detector is not None:
        parts.append(f"detector={_toml_str(opts.detector)}")
    if opts.false_alarm_rate is not None:
        parts.append(f"false-alarm-rate={float(opts.false_alarm_rate)!r}")
    if opts.use_channels is not None:
        parts.append(f"use-channels={_toml_str(opts.use_channels)}")
    return " ".join(parts)


def _toml_str(value: str) -> str:
    if any(c in value for c in "\"\\\n"):
        raise ValueError(f"{value!r} contains a double quote, backslash or newline; node config values must not")
    return f'"{value}"'


def supernode_argv(opts: PlantOptions) -> list[str]:
    """`flower-supernode` trusting the federation CA and authenticating with the plant's key."""
    argv = [flower_bin("flower-supernode"), "--superlink", opts.coordinator]
    if opts.insecure:
        argv.append("--insecure")
    else:
        assert opts.root_cert is not None and opts.auth_key is not None
        argv += ["--root-certificates", str(opts.root_cert), "--auth-supernode-private-key", str(opts.auth_key)]
    argv += ["--node-config", node_config(opts), "--isolation", opts.isolation,
             "--host", "127.0.0.1", "--port", str(opts.runtime_port)]
    if opts.max_wait_time_s is not None:
        argv += ["--max-wait-time", str(opts.max_wait_time_s)]
    return argv


def connection_name(insecure: bool) -> str:
    """The connection a command uses: TLS unless that very command was given ``--insecure``."""
    return INSECURE_CONNECTION if insecure else CONNECTION


def _read_config(path: Path) -> dict:
    try:
        return tomli.loads(path.read_text()) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: unreadable Flower CLI configuration ({exc}); fix or move it away "
                         "(factoryfl rewrites its own connections)") from exc


def write_connection(flwr_home: Path, address: str, root_cert: Path | None, insecure: bool = False,
                     name: str | None = None) -> Path:
    """Add (or replace) the `[superlink.<name>]` connection in $FLWR_HOME/config.toml, keeping others.

    A TLS connection is written as ``factoryfl``; an insecure one only as ``factoryfl-insecure``,
    so choosing ``--insecure`` once never makes a later command without it drop TLS.
    """
    name = name or connection_name(insecure)
    if insecure and name == CONNECTION:
        raise ValueError(f"the `{CONNECTION}` connection is TLS only; an insecure one is `{INSECURE_CONNECTION}`")
    path = Path(flwr_home) / "config.toml"
    data = _read_config(path)
    links = data.setdefault("superlink", {})
    entry: dict[str, object] = {"address": address}
    if insecure:
        entry["insecure"] = True
    else:
        if root_cert is None:
            raise ValueError("a TLS connection needs the federation CA certificate (ca.crt)")
        entry["root-certificates"] = str(Path(root_cert).resolve())
    links[name] = entry
    atomic_write_bytes(path, tomli_w.dumps(data).encode())
    return path


def read_connection(flwr_home: Path, name: str) -> dict | None:
    """The `[superlink.<name>]` entry of $FLWR_HOME/config.toml, or None."""
    entry = _read_config(Path(flwr_home) / "config.toml").get("superlink", {}).get(name)
    return entry if isinstance(entry, dict) else None


def register_argv(public_key: Path, plant_id: str, name: str = CONNECTION) -> list[str]:
    """Register a plant's public key with the coordinator under the plant's id."""
    return [flower_bin("flwr"), "supernode", "register", str(public_key), name, "--name", plant_id,
            "--format", "json"]


def run_argv(app_dir: Path, scenario: str, run_dir: str | None, resume: bool, stream: bool,
             name: str = CONNECTION) -> list[str]:
    """`flwr run` of this app against the coordinator, with the scenario in the run config."""
    config = [f'scenario="{scenario}"']
    if run_dir:
        config.append(f'run-dir="{run_dir}"')
    if resume:
        config.append("resume=true")
    argv = [flower_bin("flwr"), "run", str(app_dir), name, "--run-config", " ".join(config)]
    if stream:
        argv.append("--stream")
    return argv
