"""Registries: one per extension point (strategies, transfer methods, detectors, data sources, tasks).

A registry maps a name to an :class:`Entry`: a one-line summary, the dotted path of the code that
implements it (``"package.module:attribute"``, imported only when the entry is used, so the config
layer can list and check names without importing torch or the part that runs them), and a few typed
facts the config checks read (``meta``). The config schema, the CLI help and ``docs/extensions.md``
read these registries; nothing else keeps a list of names.

Registering a name twice is an error; asking for an unknown name raises :class:`UnknownName`, which
lists the known ones and the closest match.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


class UnknownName(KeyError):
    """A name no registry entry has; the message lists the known names and the closest one."""

    def __str__(self) -> str:  # KeyError quotes its argument; this one is a sentence
        return str(self.args[0])


@dataclass(frozen=True)
class Entry:
    """One registered extension: ``target`` is ``"module:attribute"`` (imported lazily by :meth:`load`)."""

    name: str
    summary: str
    target: str
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def load(self) -> Any:
        """The object ``target`` names (ImportError/AttributeError name the entry if it is broken)."""
        module_name, _, attribute = self.target.partition(":")
        module = importlib.import_module(module_name)
        try:
            return getattr(module, attribute)
        except AttributeError:
            raise AttributeError(f"registry entry {self.name!r} names {self.target!r}, "
                                 f"but {module_name} has no {attribute!r}") from None

    def __getattr__(self, key: str) -> Any:
        """``entry.needs_labels`` reads ``meta['needs_labels']``."""
        meta = object.__getattribute__(self, "meta")
        try:
            return meta[key]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} {self.name!r} has no {key!r}") from None


class Registry:
    """Name → :class:`Entry` for one extension point; ``config_key`` is where a scenario names one."""

    def __init__(self, kind: str, config_key: str, description: str = "") -> None:
        self.kind = kind
        self.config_key = config_key
        self.description = description
        self._entries: dict[str, Entry] = {}

    def add(self, name: str, target: str, *, summary: str, **meta: Any) -> Entry:
        """Register ``name``; ValueError if it is taken or ``target`` is not ``module:attribute``."""
        if name in self._entries:
            raise ValueError(f"{self.kind} {name!r} is already registered: pick another name")
        if target.count(":") != 1 or not all(target.split(":")):
            raise ValueError(f"{self.kind} {name!r}: target must be 'package.module:attribute', got {target!r}")
        entry = Entry(name, summary, target, MappingProxyType(dict(meta)))
        self._entries[name] = entry
        return entry

    def remove(self, name: str) -> Entry:
        """Unregister ``name`` and return its entry (UnknownName if it is not registered)."""
        entry = self.get(name)
        del self._entries[name]
        return entry

    def get(self, name: str) -> Entry:
        try:
            return self._entries[name]
        except (KeyError, TypeError):
            raise UnknownName(self.unknown_message(name)) from None

    def load(self, name: str) -> Any:
        """The implementation registered as ``name``."""
        return self.get(name).load()

    def unknown_message(self, name: object) -> str:
        close = difflib.get_close_matches(str(name), list(self._entries), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown {self.kind} {name!r} at {self.config_key}{hint}; known: {', '.join(self.names())}"

    def names(self, **where: Any) -> list[str]:
        """Sorted names, optionally only entries whose meta matches every ``key=value`` given."""
        return sorted(n for n, e in self._entries.items() if all(e.meta.get(k) == v for k, v in where.items()))

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries[n] for n in self.names())

    def __len__(self) -> int:
        return len(self._entries)

    def help_text(self) -> str:
        """One line per entry, for CLI help and docs: ``name: summary``."""
        return "\n".join(f"{e.name}: {e.summary}" for e in self)
