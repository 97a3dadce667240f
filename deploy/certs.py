"""A small certificate authority for one federation, the coordinator's TLS certificate, and
plant key pairs for SuperNode authentication.

Layout under the certificate directory (``factoryfl certs DIR``)::

    ca.crt  ca.key                      # the federation's CA (ca.key stays with the operator)
    coordinator.crt  coordinator.key    # the SuperLink's TLS certificate (SANs: --host names)
    plants/<plant-id>/plant.key         # OpenSSH ECDSA P-384 private key (copy to that plant only)
    plants/<plant-id>/plant.key.pub     # its public key (registered with the coordinator)

Flower 1.42 accepts only ECDSA keys for SuperNode authentication (an ed25519 key exits 302).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

logger = logging.getLogger(__name__)

CA_CERT, CA_KEY = "ca.crt", "ca.key"
SERVER_CERT, SERVER_KEY = "coordinator.crt", "coordinator.key"
PLANTS_DIR = "plants"
PLANT_KEY = "plant.key"
VALID_DAYS = 825
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


class CertError(ValueError):
    """A certificate directory is incomplete or inconsistent; the message names the file and fix."""


@dataclass(frozen=True)
class PlantKeyPaths:
    private: Path
    public: Path


def plant_key_paths(cert_dir: Path, plant_id: str) -> PlantKeyPaths:
    base = Path(cert_dir) / PLANTS_DIR / plant_id
    return PlantKeyPaths(base / PLANT_KEY, base / f"{PLANT_KEY}.pub")


def _write(path: Path, data: bytes, private: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if private:
        os.chmod(path, 0o600)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "factoryfl"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _san(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def make_ca(cert_dir: Path, name: str = "factoryfl federation CA") -> None:
    """Create ca.key + ca.crt (refuses to overwrite an existing CA: plants already trust it)."""
    cert_dir = Path(cert_dir)
    if (cert_dir / CA_CERT).exists():
        raise CertError(f"{cert_dir / CA_CERT} exists: plants may already trust it; use another directory "
                        "or delete it deliberately to start a new federation")
    key = ec.generate_private_key(ec.SECP384R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(_name(name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=VALID_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA384()))
    _write(cert_dir / CA_KEY, _key_pem(key), private=True)
    _write(cert_dir / CA_CERT, cert.public_bytes(serialization.Encoding.PEM), private=False)


def _load_ca(cert_dir: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    for name in (CA_CERT, CA_KEY):
        if not (Path(cert_dir) / name).exists():
            raise CertError(f"{Path(cert_dir) / name} is missing: run `factoryfl certs {cert_dir}` first")
    cert = x509.load_pem_x509_certificate((Path(cert_dir) / CA_CERT).read_bytes())
    key = serialization.load_pem_private_key((Path(cert_dir) / CA_KEY).read_bytes(), password=None)
    return cert, key  # type: ignore[return-value]


def make_server_cert(cert_dir: Path, hosts: list[str]) -> None:
    """The coordinator's TLS certificate, signed by the CA, valid for every name/IP in ``hosts``.

    Plants must reach the coordinator by one of these names (the certificate's SANs).
    """
    if not hosts:
        raise CertError("no coordinator host names: pass --host NAME for every name/IP plants use")
    # The SuperLink's own SuperExec reaches it over loopback (127.0.0.1) with TLS: always valid there too.
    hosts = list(dict.fromkeys([*hosts, *LOOPBACK_NAMES]))
    ca_cert, ca_key = _load_ca(cert_dir)
    key = ec.generate_private_key(ec.SECP384R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(hosts[0])).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([_san(h) for h in dict.fromkeys(hosts)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA384()))
    _write(Path(cert_dir) / SERVER_KEY, _key_pem(key), private=True)
    _write(Path(cert_dir) / SERVER_CERT, cert.public_bytes(serialization.Encoding.PEM), private=False)


def make_plant_key(cert_dir: Path, plant_id: str) -> PlantKeyPaths:
    """An OpenSSH ECDSA P-384 key pair for one plant (kept if it already exists: it may be registered)."""
    paths = plant_key_paths(cert_dir, plant_id)
    if paths.private.exists():
        return paths
    key = ec.generate_private_key(ec.SECP384R1())
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    _write(paths.private, private, private=True)
    _write(paths.public, public + f" factoryfl-plant:{plant_id}\n".encode(), private=False)
    return paths


def create_federation_certs(cert_dir: Path, hosts: list[str], plant_ids: list[str]) -> list[Path]:
    """CA (if new) + coordinator certificate + one key pair per plant; returns the files written."""
    cert_dir = Path(cert_dir)
    if not (cert_dir / CA_CERT).exists():
        make_ca(cert_dir)
    make_server_cert(cert_dir, hosts)
    for plant_id in plant_ids:
        make_plant_key(cert_dir, plant_id)
    return sorted(p for p in cert_dir.rglob("*") if p.is_file())


def check_server_files(cert_dir: Path) -> dict[str, Path]:
    """The three files the coordinator's TLS needs, or one error naming every missing file."""
    files = {"ca": Path(cert_dir) / CA_CERT, "cert": Path(cert_dir) / SERVER_CERT, "key": Path(cert_dir) / SERVER_KEY}
    missing = [str(p) for p in files.values() if not p.exists()]
    if missing:
        raise CertError(f"missing TLS file(s) {', '.join(missing)}: run `factoryfl certs {cert_dir} "
                        "--host <coordinator name>` (or pass --insecure for a local trial only)")
    return files


def cert_hosts(cert_path: Path) -> list[str]:
    """The SAN names/IPs a certificate is valid for (to explain a host-name mismatch)."""
    cert = x509.load_pem_x509_certificate(Path(cert_path).read_bytes())
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return [str(v) for v in san.get_values_for_type(x509.DNSName)] + \
        [str(v) for v in san.get_values_for_type(x509.IPAddress)]
