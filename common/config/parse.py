"""Turn plain dicts (parsed YAML, JSON, run config) into frozen dataclasses.

Every problem is collected — unknown keys (with a "did you mean"), wrong types, missing
required keys, out-of-range values reported by a dataclass's own ``problems()`` — and
raised once as a :class:`ConfigError` that names the file, the dotted key and the fix.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

_MISSING = object()

INT_LIMIT = 2**63
"""Integer settings lie in [-2**63, 2**63): what numpy and torch take, and printable in any message."""


class ConfigError(ValueError):
    """One or more configuration problems; ``problems`` holds one line per problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{source}: {len(self.problems)} configuration problem(s):\n{lines}"
        )


class Problems:
    """Collects problems as ``key: message`` lines, each carrying its fix."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, key: str, message: str) -> None:
        self.items.append(f"{key or '<top level>'}: {message}")

    def extend(self, key: str, messages: list[str]) -> None:
        for message in messages:
            self.add(key, message)

    def raise_if_any(self, source: str) -> None:
        if self.items:
            raise ConfigError(source, self.items)


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return " | ".join(repr(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        return " | ".join(_type_name(a) for a in get_args(tp))
    if origin is tuple:
        return f"list of {_type_name(get_args(tp)[0])}"
    if tp is type(None):
        return "null"
    if dataclasses.is_dataclass(tp):
        return "mapping"
    return getattr(tp, "__name__", str(tp))


def _shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters (a problem line stays one readable line)."""
    try:
        text = repr(value)
    except ValueError:  # an int too long for repr
        if isinstance(value, int):
            return f"an integer of about {value.bit_length() * 3 // 10} digits"
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _join(prefix: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def convert(value: Any, tp: Any, key: str, problems: Problems) -> Any:
    """Convert ``value`` to type ``tp``; on failure record a problem and return _MISSING."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return None
        candidates = [a for a in args if a is not type(None)]
        if len(candidates) == 1:  # Optional[X]: X's own problems name the nested key
            return convert(value, candidates[0], key, problems)
        for candidate in candidates:
            trial = Problems()
            result = convert(value, candidate, key, trial)
            if not trial.items:
                return result
        # one candidate has the value's shape (a list, or one value): its own problem says what is wrong
        is_list = isinstance(value, (list, tuple))
        shaped = [c for c in candidates if (get_origin(c) is tuple) == is_list]
        if len(shaped) == 1:
            return convert(value, shaped[0], key, problems)
        problems.add(key, f"expected {_type_name(tp)}, got {_shown(value)}: fix the value's type")
        return _MISSING
    if origin is Literal:
        allowed = get_args(tp)
        if value in allowed:
            return value
        hint = difflib.get_close_matches(value if isinstance(value, str) else _shown(value),
                                         [str(a) for a in allowed], n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        problems.add(
            key, f"{_shown(value)} is not allowed{suggestion}: use one of {', '.join(map(repr, allowed))}"
        )
        return _MISSING
    if origin is tuple:
        (item_type, *_rest) = get_args(tp)
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            problems.add(key, f"expected a list of {_type_name(item_type)}, got {_shown(value)}")
            return _MISSING
        items = [convert(v, item_type, _join(key, i), problems) for i, v in enumerate(value)]
        return _MISSING if any(i is _MISSING for i in items) else tuple(items)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):  # a type hint is a class, never an instance
        if not isinstance(value, dict):
            problems.add(key, f"expected a mapping of settings, got {_shown(value)}")
            return _MISSING
        return build(tp, value, key, problems)
    if tp is bool:
        if isinstance(value, bool):
            return value
        problems.add(key, f"expected true or false, got {_shown(value)}")
        return _MISSING
    if tp is int:
        number_int: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number_int = value
        elif isinstance(value, float) and value.is_integer():
            number_int = int(value)
        if number_int is not None and -INT_LIMIT <= number_int < INT_LIMIT:
            return number_int
        if number_int is not None:
            problems.add(key, f"{_shown(value)} is out of range for an integer setting: use a value within ±2**63")
        else:
            problems.add(key, f"expected an integer, got {_shown(value)}")
        return _MISSING
    if tp is float:
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:  # an integer beyond float range
                number = math.inf
        elif isinstance(value, str):
            try:
                number = float(value)  # YAML reads "1e-5" as a string
            except ValueError:
                pass
        if number is not None and math.isfinite(number):
            return number
        if number is not None and not math.isnan(number):
            # No setting means anything at infinity (a learning rate, a norm bound, a timeout), and
            # one that slips through a range check turns into NaN, or into "refuse every update".
            problems.add(key, f"expected a finite number, got {_shown(value)}: write a finite value")
        else:
            problems.add(key, f"expected a number, got {_shown(value)}")
        return _MISSING
    if tp is str:
        if isinstance(value, str):
            return value
        problems.add(key, f"expected text, got {_shown(value)}: quote it")
        return _MISSING
    if tp is Any:
        return value
    raise TypeError(f"unsupported config field type {tp!r} at {key}")


def build(cls: type[T], data: dict[str, Any], key: str, problems: Problems) -> T:
    """Build dataclass ``cls`` from ``data``, recording every problem under ``key``."""
    hints = get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    kwargs: dict[str, Any] = {}
    for name in data:
        if name not in fields:
            hint = difflib.get_close_matches(str(name), list(fields), n=1)
            suggestion = f"did you mean {hint[0]!r}? " if hint else ""
            problems.add(
                _join(key, name),
                f"unknown key: {suggestion}known keys here: {', '.join(sorted(fields))}",
            )
    ok = True
    for name, field in fields.items():
        if name in data:
            value = convert(data[name], hints[name], _join(key, name), problems)
            if value is _MISSING:
                ok = False
            else:
                kwargs[name] = value
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            problems.add(_join(key, name), f"required key is missing: add `{name}: <{_type_name(hints[name])}>`")
            ok = False
    if not ok:
        _range_problems_despite(cls, kwargs, fields, key, problems)
        return _MISSING  # type: ignore[return-value]
    try:
        obj = cls(**kwargs)
    except (TypeError, ValueError) as exc:
        problems.add(key, str(exc))
        return _MISSING  # type: ignore[return-value]
    _add_range_problems(obj, fields, key, problems)
    return obj


def _add_range_problems(
    obj: Any, fields: dict[str, Any], key: str, problems: Problems, skip: frozenset[str] = frozenset()
) -> None:
    """Record ``obj.problems()``, each under the dotted key of the field it starts with."""
    check = getattr(obj, "problems", None)
    if not callable(check):
        return
    for message in check():
        mentioned = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", message)) & set(fields)
        if mentioned & skip:
            continue  # about a field that already failed to convert: its default says nothing
        first = re.match(r"[A-Za-z_][A-Za-z0-9_]*", message)
        field_key = _join(key, first.group(0)) if first and first.group(0) in fields else key
        problems.add(field_key, message)


def _range_problems_despite(
    cls: type, kwargs: dict[str, Any], fields: dict[str, Any], key: str, problems: Problems
) -> None:
    """Range-check the fields that did convert, although a sibling field did not.

    The failed fields take their defaults for the check; problems that mention a failed field
    are dropped, so only the user's own (converted) values are judged.
    """
    failed = frozenset(set(fields) - set(kwargs))
    if any(
        fields[n].default is dataclasses.MISSING and fields[n].default_factory is dataclasses.MISSING
        for n in failed
    ):
        return
    try:
        obj = cls(**kwargs)
    except (TypeError, ValueError):
        return
    _add_range_problems(obj, fields, key, problems, skip=failed)


def parse(cls: type[T], data: Any, source: str | Path, key: str = "") -> T:
    """Build ``cls`` from ``data`` or raise one ConfigError listing every problem."""
    problems = Problems()
    if not isinstance(data, dict):
        problems.add(key, f"expected a mapping of settings, got {type(data).__name__}")
        problems.raise_if_any(str(source))
    obj = build(cls, data, key, problems)
    problems.raise_if_any(str(source))
    return obj


def to_dict(obj: Any) -> Any:
    """A dataclass tree as plain JSON-able dicts/lists (tuples become lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


__all__ = ["ConfigError", "Problems", "build", "convert", "parse", "to_dict"]
