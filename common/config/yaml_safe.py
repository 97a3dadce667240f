"""The one YAML reader for every YAML file a user hands the project (scenarios, manifests, policies).

``yaml.safe_load`` is safe against code execution but not against the file itself: an alias
bomb (``&a [*a, *a, ...]`` nine levels deep) is a few hundred bytes that expand to billions of
items as soon as anything walks or prints the value (an error message, say), thousands of nested
brackets overflow its recursive composer, and a duplicated key silently keeps the last value.
:func:`load_yaml` reads the file's parse events one at a time and builds plain Python values
itself, refusing before anything grows:

* files larger than :data:`MAX_YAML_BYTES` (checked before reading);
* anchors and aliases (``&name`` / ``*name``) and merge keys (``<<``): values are written out;
* the same key twice in one mapping (named with its dotted key and both lines);
* lists / mappings nested deeper than :data:`MAX_YAML_DEPTH`;
* lists or mappings used as mapping keys, tags on lists / mappings, several documents.

Scalars are resolved and constructed exactly as ``yaml.safe_load`` does (libyaml's parser when
installed), so an accepted file reads the same as before. Every refusal is one
:class:`~common.config.parse.ConfigError` naming the file, the line (and key) and the fix.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from common.config.parse import ConfigError

MAX_YAML_BYTES = 16 * 2**20
"""Largest YAML file read (16 MiB; a scenario or manifest is a few KiB)."""

MAX_YAML_DEPTH = 64
"""Deepest nesting of lists / mappings accepted (a scenario nests about 5 deep)."""

ALIAS_REFUSAL = "YAML aliases (&/*) are not allowed: write the values out"

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_PARSER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
_NO_KEY = object()


class _Refused(Exception):
    """One refusal inside the builder: ``where`` is ``line N`` or ``key (line N)``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


def _too_deep(max_depth: int) -> str:
    return (f"lists / mappings nested deeper than {max_depth} levels: flatten the structure "
            "(a scenario or manifest nests a few levels)")


def _line(event: Any) -> int:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else 0


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _child_path(path: str, key: Any) -> str:
    """The dotted key of ``key`` under ``path`` (list items as ``[i]``), as the config errors name keys."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    return f"{path}.{_short(str(key))}" if path else _short(str(key))


class _Frame:
    """An open list or mapping: what has been read into it so far."""

    __slots__ = ("value", "path", "key", "key_line", "lines")

    def __init__(self, value: list | dict, path: str) -> None:
        self.value = value
        self.path = path
        self.key: Any = _NO_KEY  # a mapping's key waiting for its value
        self.key_line = 0
        self.lines: dict[Any, int] = {}  # a mapping's keys -> the line each was first written on


class _Builder:
    """Plain values from parse events, refusing what :func:`load_yaml` refuses (see the module doc)."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.stack: list[_Frame] = []
        self.documents = 0
        self.root: Any = None

    def where(self, line: int) -> str:
        if not self.stack:
            return f"line {line}"
        top = self.stack[-1]
        if isinstance(top.value, list):
            path = _child_path(top.path, len(top.value))
        else:
            path = top.path if top.key is _NO_KEY else _child_path(top.path, top.key)
        return f"{path} (line {line})" if path else f"line {line}"

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(self.where(_line(event)), ALIAS_REFUSAL)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Refused(f"line {_line(event)}", "the file holds more than one YAML document (---): keep one")
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self.open(event)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            frame = self.stack.pop()
            self.add(frame.value, 0)

    def scalar(self, event: Any) -> None:
        line = _line(event)
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
        top = self.stack[-1] if self.stack else None
        if tag == _MERGE_TAG and top is not None and isinstance(top.value, dict) and top.key is _NO_KEY:
            raise _Refused(self.where(line), "merge keys (<<) are not allowed: write the values out")
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except ValueError as exc:  # e.g. an integer of more than 4300 digits, a date like 2020-13-01
            raise _Refused(self.where(line), f"cannot read the value {_short(event.value)!r} ({exc}): fix it") from None
        finally:
            self.constructor.constructed_objects.pop(node, None)
        if isinstance(value, int) and value.bit_length() > 64:  # 0x/0b integers have no digit limit
            raise _Refused(self.where(line), f"the integer {_short(event.value)!r} is beyond 64 bits: "
                                             "no setting takes such a number, check the value")
        self.add(value, line)

    def open(self, event: Any) -> None:
        line = _line(event)
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
            raise _Refused(self.where(line), f"the YAML tag {event.tag} is not allowed here: "
                                             f"write a plain {'mapping' if is_map else 'list'}")
        if len(self.stack) >= self.max_depth:
            raise _Refused(self.where(line), _too_deep(self.max_depth))
        if self.stack:
            top = self.stack[-1]
            if isinstance(top.value, dict) and top.key is _NO_KEY:
                raise _Refused(self.where(line), "a list or mapping as a mapping key is not allowed: use a plain name")
            path = _child_path(top.path, len(top.value) if isinstance(top.value, list) else top.key)
        else:
            path = ""
        self.stack.append(_Frame({} if is_map else [], path))

    def add(self, value: Any, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key is _NO_KEY:
            try:
                first = top.lines.get(value)
            except TypeError:  # an unhashable key (a set, say)
                raise _Refused(self.where(line), f"the key {_short(repr(value))} is not a plain value: use a plain "
                                                 "name") from None
            if first is not None:
                raise _Refused(
                    f"{_child_path(top.path, value)} (line {line})",
                    f"duplicate key {_short(repr(value))} (first at line {first}): keep one of them "
                    "(YAML would silently use the last)",
                )
            top.key, top.key_line = value, line
            top.lines[value] = line
        else:
            top.value[top.key] = value
            top.key = _NO_KEY


def parse_yaml(text: str, source: str | Path, *, max_depth: int = MAX_YAML_DEPTH) -> Any:
    """The value of one YAML document ``text`` (None when empty), or one ConfigError naming ``source``."""
    builder = _Builder(max_depth)
    try:
        for event in yaml.parse(text, Loader=_PARSER):
            builder.feed(event)
    except _Refused as exc:
        raise ConfigError(str(source), [str(exc)]) from None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # libyaml's own limit, met while it scans ahead
            at = f"line {exc.problem_mark.line + 1}" if exc.problem_mark is not None else "<file>"
            raise ConfigError(str(source), [f"{at}: {_too_deep(max_depth)}"]) from None
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "<file>"
        what = "; ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise ConfigError(str(source), [f"{where}: not valid YAML ({what}): fix the syntax"]) from None
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        raise ConfigError(str(source), [f"<file>: not valid YAML ({what}): fix the syntax"]) from None
    return builder.root


def load_yaml(path: str | Path, *, max_bytes: int = MAX_YAML_BYTES, max_depth: int = MAX_YAML_DEPTH) -> Any:
    """Read a user's YAML file with the refusals of this module; one ConfigError names every problem.

    The size is checked before a byte is read, and never more than ``max_bytes`` + 1 bytes are read
    (a file that grows, or a device, cannot make it read more).
    """
    path = Path(path)
    source = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise ConfigError(source, [f"<file>: cannot read the file ({exc.strerror or exc}): check the path"]) from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(source, ["<file>: not a regular file: point to a YAML file"])
    too_big = f"<file>: the file is larger than {max_bytes // 2**20} MiB (the limit for a YAML file): " \
              "a scenario or manifest is a few KiB, check that this is the right file"
    if info.st_size > max_bytes:
        raise ConfigError(source, [too_big])
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ConfigError(source, [f"<file>: cannot read the file ({exc.strerror or exc}): "
                                   "check its permissions"]) from None
    if len(data) > max_bytes:
        raise ConfigError(source, [too_big])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(source, [f"<file>: not UTF-8 text (byte {exc.start}): save the file as UTF-8"]) from None
    return parse_yaml(text, source, max_depth=max_depth)


__all__ = ["ALIAS_REFUSAL", "MAX_YAML_BYTES", "MAX_YAML_DEPTH", "load_yaml", "parse_yaml"]
