"""``factoryfl data fetch``: download a data set's originals, verify them, convert, and install atomically.

Steps, all in a staging folder inside the cache root (so the final rename stays on one file system):

1. refuse up front when an original has no pinned sha256 and ``trust_unverified`` is not given;
2. download every original (from its publisher, or ``mirror`` + its relative name) and compare its
   sha256 with the pinned one;
3. convert (the data set's converter) and compare each output's array digest with the pinned one;
4. write the ``.npz`` files and ``FETCHED.json`` (what was downloaded, from where, with which
   sha256, what was verified), then replace ``<root>/<folder>`` by a rename.

Any failure removes the staging folder: the cache keeps its previous state, never a half-written
data set. The cache holds public data, so its files get the user's umask (usually 0644/0755), like
any other XDG data directory; nothing in it is secret.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from common.console import phase

from .catalogue import DataSetSpec
from .digest import array_digest
from .download import download
from .errors import FetchError

logger = logging.getLogger(__name__)

RECORD = "FETCHED.json"
Converter = Callable[[Path], dict[str, dict[str, np.ndarray]]]


@dataclass(frozen=True)
class FetchResult:
    folder: Path
    files: tuple[str, ...]
    originals_verified: int  # originals whose sha256 matched a pinned one
    originals_unverified: int  # originals with no pinned sha256 (accepted by trust_unverified)
    outputs_verified: int  # converted files whose array digest matched a pinned one


def source_url(url: str, name: str, mirror: str | None) -> str:
    """The publisher's ``url``, or ``mirror`` + ``/`` + the original's relative ``name``."""
    return url if not mirror else f"{mirror.rstrip('/')}/{name}"


def _converter(spec: DataSetSpec) -> Converter:
    module, _, attr = spec.converter.partition(":")
    fn: Converter = getattr(importlib.import_module(module), attr)
    return fn


def refuse_unverified(spec: DataSetSpec) -> None:
    """FetchError when some originals have no pinned checksum (the caller did not pass trust_unverified)."""
    unpinned = spec.unpinned()
    if unpinned:
        raise FetchError(
            f"data set {spec.name!r}: {len(unpinned)} of {len(spec.originals)} originals have no published sha256 "
            f"checksum to verify (e.g. {unpinned[0].name}; the publisher, {spec.publisher.split(',')[0]}, publishes "
            "none): nothing was downloaded. Run `factoryfl data fetch "
            f"{spec.name} --trust-unverified` to accept them unverified; the converted arrays are still checked "
            "against the digests pinned from the project's reference copy, and the originals' sha256 are recorded "
            f"in {RECORD}"
        )


def fetch(spec: DataSetSpec, root: Path, *, mirror: str | None = None, trust_unverified: bool = False,
          timeout: float = 60.0, converter: Converter | None = None) -> FetchResult:
    """Fetch, verify, convert and install ``spec`` under ``root/<folder>`` (see the module docstring)."""
    if not trust_unverified:
        refuse_unverified(spec)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".fetch-{spec.name}-", dir=root))
    try:
        originals = staging / "originals"
        downloaded: list[dict[str, str | int | bool]] = []
        logger.info("%s: downloading %d originals from %s", spec.name, len(spec.originals),
                    mirror or spec.originals[0].url.split("/")[2], extra=phase())
        for original in spec.originals:
            url = source_url(original.url, original.name, mirror)
            dest = originals / original.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            sha256, size = download(url, dest, timeout=timeout)
            if original.sha256 is not None and sha256 != original.sha256:
                raise FetchError(f"{original.name} ({url}): sha256 {sha256} does not match the pinned "
                                 f"{original.sha256}: not the published file (a damaged download or a changed "
                                 f"mirror); nothing was written to {root / spec.folder}")
            downloaded.append({"name": original.name, "url": url, "bytes": size, "sha256": sha256,
                               "verified": original.sha256 is not None})
        logger.info("%s: converting to %s", spec.name, ", ".join(o.filename for o in spec.outputs), extra=phase())
        outputs = (converter or _converter(spec))(originals)
        expected = sorted(o.filename for o in spec.outputs)
        if sorted(outputs) != expected:
            raise FetchError(f"data set {spec.name!r}: the converter made {sorted(outputs)}, expected {expected}")
        digests: dict[str, dict[str, str | bool]] = {}
        for out in spec.outputs:
            digest = array_digest(outputs[out.filename], out.data_keys)
            if out.digest is not None and digest != out.digest:
                raise FetchError(f"{out.filename}: its converted arrays (digest {digest}) differ from the reference "
                                 f"copy's (pinned {out.digest}): the originals are not the ones the project was "
                                 f"built on; nothing was written to {root / spec.folder}")
            digests[out.filename] = {"digest": digest, "verified": out.digest is not None}
        folder = staging / spec.folder
        folder.mkdir()
        for filename, arrays in outputs.items():
            np.savez_compressed(folder / filename, **arrays)  # type: ignore[arg-type]
        record = {"data_set": spec.name, "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                  "mirror": mirror, "trust_unverified": trust_unverified, "originals": downloaded,
                  "outputs": digests}
        (folder / RECORD).write_text(json.dumps(record, indent=1) + "\n")
        _install(folder, root / spec.folder, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    n_verified = sum(1 for d in downloaded if d["verified"])
    logger.info("%s: %d files in %s", spec.name, len(outputs), root / spec.folder, extra=phase())
    return FetchResult(root / spec.folder, tuple(sorted(outputs)), n_verified, len(downloaded) - n_verified,
                       sum(1 for d in digests.values() if d["verified"]))


def _install(new: Path, target: Path, staging: Path) -> None:
    """Put ``new`` at ``target`` by renames; a previous copy is moved into ``staging`` (removed with it)."""
    if target.exists():
        os.replace(target, staging / "previous")
    os.replace(new, target)
