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


def download(url: str, dest: Path, *, timeout: float = 60.0) -> tuple[str, int]:
    """Write ``url``'s body to ``dest``; return (sha256 hex, bytes).

    An HTTP error status, an unreachable host, a stalled or cut connection and a body shorter than
    its ``Content-Length`` are FetchErrors; ``dest`` may then hold a partial file (the caller
    discards its staging folder).
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
        try:
            with open(dest, "wb") as fh:
                for chunk in iter(lambda: response.read(CHUNK), b""):
                    fh.write(chunk)
                    h.update(chunk)
                    n += len(chunk)
        except (http.client.HTTPException, OSError) as exc:
            raise FetchError(f"{url}: download interrupted after {n} bytes ({type(exc).__name__}: {exc}): run the "
                             "fetch again") from exc
    if expected is not None and n != expected:
        raise FetchError(f"{url}: download interrupted: got {n} of {expected} bytes: run the fetch again")
    logger.info("downloaded %s (%d bytes)", url, n)
    return h.hexdigest(), n
