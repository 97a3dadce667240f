"""The one error type of ``factoryfl data``: its message names the file or URL and the fix."""


class FetchError(RuntimeError):
    """Downloading, verifying or converting a data set failed; nothing was left in the cache."""
