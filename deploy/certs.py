"""A small certificate authority for one federation, the coordinator's TLS certificate, and
plant key pairs for SuperNode authentication.

Layout under the certificate directory (``factoryfl certs DIR``)::

    ca.crt  ca.key                      # the federation's CA (ca.key stays with the operator)
    coordinator.crt  coordinator.key    # the SuperLink's TLS certificate (SANs: --host names)
    plants/<plant-id>/plant.key         # OpenSSH ECDSA P-384 private key (copy to that plant only)
    plants/<plant-id>/plant.key.pub     # its public key (registered with the coordinator)

Every file is created once (``O_CREAT | O_EXCL``) and never overwritten; private keys are 0600
from the moment they exist, in directories created 0700, so no other local user can read them
at any point. Re-running ``factoryfl certs`` adds plant keys and keeps what is there.

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
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from common.fileio import fsync_dir, os_error_fix

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


def _private_dir(directory: Path) -> None:
    """Create ``directory`` (and missing parents) 0700: a key is never born in a readable directory.

    An existing directory is kept as it is (it may be the operator's own); one that other users
    may write to is reported, since they could swap its files."""
    directory = Path(directory)
    missing: list[Path] = []
    for candidate in (directory, *directory.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:
            pass
    mode = directory.stat().st_mode
    if not missing and mode & 0o022:
        logger.warning("%s is writable by other users (mode %o): they could replace the certificates in it; "
                       "chmod go-w it or use a private directory", directory, mode & 0o777)


def _create(path: Path, data: bytes, private: bool) -> None:
    """Write a new file: 0600 from its creation (private) or 0644; never replaces an existing one.

    ``O_CREAT | O_EXCL`` with the final mode: there is no moment at which the key is readable by
    others, and an existing key (perhaps registered, perhaps trusted by plants) is never overwritten.
    """
    path = Path(path)
    _private_dir(path.parent)
    mode = 0o600 if private else 0o644
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, mode)
    except FileExistsError:
        raise CertError(f"{path} exists: refusing to overwrite it (a key may already be registered or trusted); "
                        "move it away deliberately, or use another certificate directory") from None
    except OSError as exc:
        raise CertError(f"cannot create {path}: {exc.strerror}; {os_error_fix(exc)}") from exc
    try:
        os.fchmod(fd, mode)  # the umask may only have narrowed it; never wider than ``mode``
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException as exc:
        os.close(fd)
        path.unlink(missing_ok=True)  # no half-written key is left to be mistaken for a good one
        if isinstance(exc, OSError):
            raise CertError(f"cannot write {path}: {exc.strerror}; nothing was kept; {os_error_fix(exc)}") from exc
        raise
    os.close(fd)
    fsync_dir(path.parent)


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
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(_name(name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=VALID_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA384()))
    _create(cert_dir / CA_KEY, _key_pem(key), private=True)
    _create(cert_dir / CA_CERT, cert.public_bytes(serialization.Encoding.PEM), private=False)


def _load_ca(cert_dir: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    for name in (CA_CERT, CA_KEY):
        if not (Path(cert_dir) / name).exists():
            raise CertError(f"{Path(cert_dir) / name} is missing: run `factoryfl certs {cert_dir}` first")
    try:
        cert = x509.load_pem_x509_certificate((Path(cert_dir) / CA_CERT).read_bytes())
        key = serialization.load_pem_private_key((Path(cert_dir) / CA_KEY).read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise CertError(f"{Path(cert_dir) / CA_CERT} / {CA_KEY}: not a readable PEM certificate and unencrypted "
                        f"private key ({exc}); restore them from your backup of the federation CA") from exc
    return cert, key  # type: ignore[return-value]


def _same_host(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return a.lower().rstrip(".") == b.lower().rstrip(".")


def _existing_server_cert_problem(cert_dir: Path, hosts: list[str]) -> str:
    """Why the coordinator certificate already in ``cert_dir`` does not serve ``hosts`` ("" when it does)."""
    key_path, cert_path = Path(cert_dir) / SERVER_KEY, Path(cert_dir) / SERVER_CERT
    if not (key_path.exists() and cert_path.exists()):
        return f"only one of {key_path.name} and {cert_path.name} is there"
    ca_cert, _ = _load_ca(cert_dir)
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature) as exc:
        return f"it is unreadable or not issued by {CA_CERT} ({exc or type(exc).__name__})"
    if key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) != \
            cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        return f"{key_path.name} does not belong to {cert_path.name}"
    names = cert_hosts(cert_path)
    missing = [h for h in hosts if not any(_same_host(h, n) for n in names)]
    return f"it is not valid for {missing} (it covers {names})" if missing else ""


def make_server_cert(cert_dir: Path, hosts: list[str]) -> bool:
    """The coordinator's TLS certificate, signed by the CA, valid for every name/IP in ``hosts``.

    Plants must reach the coordinator by one of these names (the certificate's SANs). An existing
    certificate that is valid for every host is kept (False); one that is not is never replaced
    silently: the error says how to reissue it deliberately. True when a new one was issued.
    """
    if not hosts:
        raise CertError("no coordinator host names: pass --host NAME for every name/IP plants use")
    # The SuperLink's own SuperExec reaches it over loopback (127.0.0.1) with TLS: always valid there too.
    hosts = list(dict.fromkeys([*hosts, *LOOPBACK_NAMES]))
    key_path, cert_path = Path(cert_dir) / SERVER_KEY, Path(cert_dir) / SERVER_CERT
    if key_path.exists() or cert_path.exists():
        problem = _existing_server_cert_problem(cert_dir, hosts)
        if problem:
            raise CertError(f"{cert_path} exists but {problem}: the coordinator's key is never replaced silently; "
                            f"to reissue it, move {key_path} and {cert_path} away, run `factoryfl certs` again "
                            "with every --host, and restart the coordinator")
        logger.info("kept %s: valid for %s", cert_path, hosts)
        return False
    ca_cert, ca_key = _load_ca(cert_dir)
    key = ec.generate_private_key(ec.SECP384R1())
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(hosts[0])).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([_san(h) for h in dict.fromkeys(hosts)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA384()))
    _create(key_path, _key_pem(key), private=True)
    _create(cert_path, cert.public_bytes(serialization.Encoding.PEM), private=False)
    return True


def _check_plant_id(plant_id: str) -> None:
    if not plant_id or plant_id.startswith(".") or any(c in plant_id for c in "/\\\0"):
        raise CertError(f"--plant {plant_id!r}: a plant id names a directory under {PLANTS_DIR}/: use letters, "
                        "digits, '-', '_' or '.', not starting with '.'")


def make_plant_key(cert_dir: Path, plant_id: str) -> PlantKeyPaths:
    """An OpenSSH ECDSA P-384 key pair for one plant (kept if it already exists: it may be registered)."""
    _check_plant_id(plant_id)
    paths = plant_key_paths(cert_dir, plant_id)
    comment = f" factoryfl-plant:{plant_id}\n".encode()
    if paths.private.exists():
        if not paths.public.exists():  # an interrupted run: derive the public half from the kept key
            try:
                kept = serialization.load_ssh_private_key(paths.private.read_bytes(), password=None)
            except (ValueError, TypeError) as exc:
                raise CertError(f"{paths.private}: not a readable OpenSSH private key ({exc}); move it away "
                                "deliberately (and unregister it) to make a new one") from exc
            public = kept.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
            _create(paths.public, public + comment, private=False)
        return paths
    key = ec.generate_private_key(ec.SECP384R1())
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    _create(paths.private, private, private=True)
    _create(paths.public, public + comment, private=False)
    return paths


def create_federation_certs(cert_dir: Path, hosts: list[str], plant_ids: list[str]) -> list[Path]:
    """CA (if new) + coordinator certificate + one key pair per plant; returns the files written."""
    cert_dir = Path(cert_dir)
    for plant_id in plant_ids:  # every id checked before anything is written
        _check_plant_id(plant_id)
    _private_dir(cert_dir)
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
