"""Atomic, durable file writes: temporary file, fsync, rename, fsync of the directory.

A crash or a full disk leaves the old version intact; after a successful write the new version
survives a power cut (the rename itself is made durable by syncing the containing directory).
A failed write raises :class:`DurableWriteError`, which names the path and the fix.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

# What to do about an OSError, by errno: the second half of a one-line message.
_FIXES: dict[int, str] = {
    errno.ENOSPC: "free disk space there (or choose another location) and retry",
    errno.EDQUOT: "the disk quota is exhausted: free space or raise the quota, then retry",
    errno.EACCES: "check the owner and permissions of the file and its directory (ls -ld)",
    errno.EPERM: "check the owner and permissions of the file and its directory (ls -ld)",
    errno.EROFS: "the file system is read-only: choose a writable location",
    errno.ENOENT: "check the path: the file or one of its directories does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a directory: check the path",
    errno.EISDIR: "the path is a directory: give a file name",
    errno.EEXIST: "it already exists: move it away deliberately or choose another path",
    errno.EIO: "the disk reported an I/O error: check the device (dmesg) before retrying",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) and retry",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter one",
}
# A directory fsync these file systems do not support is not a failed write.
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EISDIR}


def os_error_fix(exc: OSError) -> str:
    """The fix for an OSError, in words (by its errno)."""
    return _FIXES.get(exc.errno or 0, "check the path and the disk, then retry")


def describe_os_error(exc: OSError) -> str:
    """One line: which file, what went wrong, what to do."""
    if isinstance(exc, DurableWriteError):
        return str(exc)
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    what = exc.strerror or str(exc) or type(exc).__name__
    return f"{' -> '.join(names) + ': ' if names else ''}{what}: {os_error_fix(exc)}"


class DurableWriteError(OSError):
    """A write did not happen (or was not made durable); the message names the path and the fix.

    ``replaced`` tells which: False — the old version is still in place, untouched; True — the new
    version is in place but syncing its directory failed, so it might not survive a power cut.
    """

    def __init__(self, path: Path | str, code: int | None, reason: str, replaced: bool = False) -> None:
        super().__init__(code, reason, str(path))
        self.path = Path(path)
        self.replaced = replaced

    @classmethod
    def of(cls, path: Path, cause: OSError, replaced: bool = False) -> DurableWriteError:
        return cls(path, cause.errno, cause.strerror or str(cause) or type(cause).__name__, replaced)

    def __reduce__(self) -> tuple[type, tuple[str, int | None, str, bool]]:
        # intact across a process boundary (pickling), like the project's other errors
        return (type(self), (str(self.path), self.errno, self.strerror, self.replaced))

    def __str__(self) -> str:
        state = ("written, but its directory could not be synced: the new version may not survive a power cut"
                 if self.replaced else "nothing was written; the previous version (if any) is unchanged")
        return f"cannot write {self.path}: {self.strerror} ({state}); {os_error_fix(self)}"


def fsync_dir(directory: Path) -> None:
    """Make a rename/creation in ``directory`` durable (no-op where the file system cannot sync one)."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """Write ``path`` through a binary handle; the file appears (0600) only if the block succeeds.

    Temporary file in the same directory, fsync, ``os.replace``, fsync of the directory. An
    OSError on the way (a full disk, ...) becomes :class:`DurableWriteError` naming ``path``; any
    exception leaves the previous version untouched and no temporary file behind.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    except OSError as exc:
        raise DurableWriteError.of(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, DurableWriteError):
            raise DurableWriteError.of(path, exc) from exc
        raise
    try:
        fsync_dir(path.parent)
    except OSError as exc:
        raise DurableWriteError.of(path, exc, replaced=True) from exc


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode())


def atomic_write_json(path: Path, obj: Any, *, sort_keys: bool = True) -> None:
    """``sort_keys=False`` keeps the object's own key order (a results file whose first key warns)."""
    atomic_write_bytes(path, json.dumps(obj, indent=2, sort_keys=sort_keys, default=str).encode())
