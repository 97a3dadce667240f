"""One HTTP(S) download to a file, hashing as it streams; every failure is a FetchError naming the URL."""

from __future__ import annotations

import hashlib
import http.client
import logging
import urllib.error
import urllib.request
from pathlib import Path

from .digest import CHUNK
from .errors import FetchError

logger = logging.getLogger(__name__)

USER_AGENT = "factoryfl-data-fetch"
MAX_BYTES = 1 << 30
"""No original is near this (the largest, CMAPSSData.zip, is about 12 MB): a larger body is refused."""


def download(url: str, dest: Path, *, timeout: float = 60.0, max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """Write ``url``'s body to ``dest``; return (sha256 hex, bytes).

    An HTTP error status, an unreachable host, a stalled or cut connection and a body shorter than
    its ``Content-Length`` are FetchErrors, as is a body over ``max_bytes``; ``dest`` may then hold a
    partial file (the caller discards its staging folder).
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) URLs of the catalogue
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}: the publisher no longer serves this file there; "
                         "use --mirror with a copy that has the same file names") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"{url}: cannot connect ({reason}): check the network (or a proxy: HTTPS_PROXY), or use "
                         "--mirror") from exc
    h = hashlib.sha256()
    n = 0
    with response:
        length = response.headers.get("Content-Length")
        expected = int(length) if length and length.isdigit() else None
        if expected is not None and expected > max_bytes:
            raise FetchError(f"{url}: announces {expected} bytes, more than any original ({max_bytes}): not the "
                             "published file; check the URL or the mirror")
        try:
            with open(dest, "wb") as fh:
                for chunk in iter(lambda: response.read(CHUNK), b""):
                    fh.write(chunk)
                    h.update(chunk)
                    n += len(chunk)
                    if n > max_bytes:
                        raise FetchError(f"{url}: more than {max_bytes} bytes, more than any original: not the "
                                         "published file; check the URL or the mirror")
        except (http.client.HTTPException, OSError) as exc:
            raise FetchError(f"{url}: download interrupted after {n} bytes ({type(exc).__name__}: {exc}): run the "
                             "fetch again") from exc
    if expected is not None and n != expected:
        raise FetchError(f"{url}: download interrupted: got {n} of {expected} bytes: run the fetch again")
    logger.debug("downloaded %s (%d bytes)", url, n)
    return h.hexdigest(), n
