"""``factoryfl data``: download the public originals of the named data sets, verify, convert, cache.

The loaders find the converted files by name (:mod:`common.data.locate`); this package only
produces them. See ``docs/data.md``.
"""
