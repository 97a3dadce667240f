"""The deployment commands: certificates that chain, the exact Flower commands, clear errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cli.main import main
from deploy import commands as cmd
from deploy.certs import CertError, cert_hosts, create_federation_certs, plant_key_paths

FACTORYFL = str(Path(sys.executable).parent / "factoryfl")


def test_certs_chain_to_the_ca_and_name_the_hosts(tmp_path):
    create_federation_certs(tmp_path, ["coordinator", "10.250.0.1"], ["p1"])
    ca = x509.load_pem_x509_certificate((tmp_path / "ca.crt").read_bytes())
    server = x509.load_pem_x509_certificate((tmp_path / "coordinator.crt").read_bytes())
    server.verify_directly_issued_by(ca)
    # plus loopback: the coordinator's own SuperExec connects to it over 127.0.0.1 with TLS
    assert sorted(cert_hosts(tmp_path / "coordinator.crt")) == ["10.250.0.1", "127.0.0.1", "::1", "coordinator",
                                                                 "localhost"]
    key = serialization.load_ssh_private_key(plant_key_paths(tmp_path, "p1").private.read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)  # Flower accepts only ECDSA node keys
    assert (plant_key_paths(tmp_path, "p1").private.stat().st_mode & 0o077) == 0
    with pytest.raises(CertError, match="plants may already trust it"):
        from deploy.certs import make_ca

        make_ca(tmp_path)


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_plant_key_is_a_valid_openssh_ecdsa_key(tmp_path):
    create_federation_certs(tmp_path, ["localhost"], ["p1"])
    out = subprocess.run(["ssh-keygen", "-l", "-f", str(plant_key_paths(tmp_path, "p1").public)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "ECDSA" in out.stdout, out.stdout + out.stderr


def test_superlink_and_supernode_commands_use_tls_and_auth(tmp_path):
    link = cmd.superlink_argv(cmd.CoordinatorOptions(cert_dir=tmp_path, state_dir=tmp_path / "s"))
    assert "--enable-supernode-auth" in link and "--insecure" not in link
    assert link[link.index("--ssl-certfile") + 1].endswith("coordinator.crt")
    node = cmd.supernode_argv(cmd.PlantOptions(plant_id="p1", coordinator="c:9443", data_dir=Path("/d"),
                                               state_dir=Path("/s"), root_cert=tmp_path / "ca.crt",
                                               auth_key=tmp_path / "k", privacy_budget=3))
    assert node[node.index("--node-config") + 1] == 'plant-id="p1" data-dir="/d" state-dir="/s" privacy-budget=3.0'
    assert "--auth-supernode-private-key" in node and "--insecure" not in node
    assert "--insecure" in cmd.superlink_argv(cmd.CoordinatorOptions(None, tmp_path, insecure=True))


def test_connection_is_added_without_dropping_others(tmp_path):
    (tmp_path / "config.toml").write_text('[superlink]\ndefault = "x"\n[superlink.x]\naddress = ":local:"\n')
    cmd.write_connection(tmp_path, "c:9443", tmp_path / "ca.crt")
    text = (tmp_path / "config.toml").read_text()
    assert '[superlink.x]' in text and 'address = "c:9443"' in text and "root-certificates" in text


def test_coordinator_without_certs_says_what_to_do(tmp_path, capsys):
    assert main(["coordinator", "--state-dir", str(tmp_path), "--certs", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "coordinator.crt" in err and "factoryfl certs" in err


def test_plant_without_key_names_the_flag(tmp_path, capsys):
    create_federation_certs(tmp_path / "c", ["localhost"], [])
    code = main(["plant", "--coordinator", "c:1", "--plant-id", "p1", "--data-dir", str(tmp_path),
                 "--state-dir", str(tmp_path / "s"), "--ca", str(tmp_path / "c" / "ca.crt"),
                 "--key", str(tmp_path / "nokey"), "--dry-run"])
    assert code == 2 and "--key" in capsys.readouterr().err


def test_insecure_is_explicit_and_warns(tmp_path):
    out = subprocess.run([FACTORYFL, "coordinator", "--state-dir", str(tmp_path), "--insecure", "--dry-run"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "NOT encrypted" in out.stderr and "--insecure" in out.stdout
