"""Reading and checking ``manifest.yaml`` of a plant data directory (format: see FORMAT.md).

Every problem is collected (unknown/missing keys, wrong types, missing files, bad labels)
so the user sees the whole list at once. Problems name the manifest path and the key,
e.g. ``files[2].label``, and say how to fix it.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.config.parse import ConfigError
from common.config.yaml_safe import load_yaml
from common.task import DEFAULT_TASK, task_named

from .table_files import TIME_UNITS, TableSpec
from .types import TASKS

FORMAT_VERSION = "factoryfl-plant/v1"
MANIFEST_NAME = "manifest.yaml"
KINDS = ("signals", "windows", "table")
REQUIRED_KEYS = ("format", "sample_rate_hz", "channels", "classes", "kind", "files")
OPTIONAL_KEYS = ("plant", "notes", "task", "target_name", "preprocessing")
TABLE_KEYS = ("time", "variables", "normal_class", "scaling")  # kind: table only; time and variables required
NUMBER_KEYS = ("shaft_speed_rpm",)  # optional numbers: the machine's shaft speed (order tracking)
TABLE_OPTIONAL = ("sample_rate_hz", "channels")  # kind: table reads them from the time column and variables
ENTRY_KEYS = {"signals": ("file", "label"), "windows": ("file",), "table": ("file", "label")}
FILE_SUFFIXES = {"signals": (".npy", ".csv"), "windows": (".npz",), "table": (".csv",)}


@dataclass(frozen=True)
class ManifestEntry:
    """One ``files`` entry: the resolved file and its label (None = unlabelled)."""

    index: int
    file: Path
    label: str | None

    @property
    def where(self) -> str:
        return f"files[{self.index}]"


@dataclass(frozen=True)
class Manifest:
    """Parsed manifest; fields are None where the manifest value was invalid (a problem was recorded)."""

    path: Path
    sample_rate_hz: float | None
    channels: int | None
    classes: tuple[str, ...] | None
    kind: str | None
    entries: tuple[ManifestEntry, ...]
    plant: str | None = None
    notes: str = ""
    task: str = DEFAULT_TASK  # a task that needs_target (regression): windows carry a float ``target`` (e.g. RUL)
    target_name: str = ""  # what ``target`` measures
    preprocessing: Path | None = None  # JSON recipe for raw records (e.g. C-MAPSS engine cycles), if any
    table: TableSpec | None = None  # kind: table: the time column, its unit and the variable columns
    normal_class: str | None = None  # kind: table: the class whose train rows z-score the variables
    shaft_speed_rpm: float | None = None  # optional: the machine's shaft speed while recording (order tracking)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _unknown_key_problem(where: str, key: Any, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{where}: unknown key {key!r}: {hint}allowed keys are {list(allowed)}"


def _load_yaml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    if not path.is_file():
        problems.append(f"{path}: manifest not found: create {MANIFEST_NAME} in the plant directory (see FORMAT.md)")
        return None
    try:
        raw = load_yaml(path)  # size, aliases, duplicate keys and depth refused, naming the line
    except ConfigError as exc:
        problems.extend(f"{path}: {problem}" for problem in exc.problems)
        return None
    if not isinstance(raw, dict):
        problems.append(f"{path}: top level must be a mapping of keys (format, classes, files, ...), "
                        f"got {_type_name(raw)}")
        return None
    return raw


def _check_top_level(path: Path, raw: dict[str, Any], problems: list[str]) -> None:
    allowed = REQUIRED_KEYS + OPTIONAL_KEYS + TABLE_KEYS + NUMBER_KEYS
    for key in raw:
        if key not in allowed:
            problems.append(_unknown_key_problem(str(path), key, allowed))
    table = raw.get("kind") == "table"
    for key in TABLE_KEYS:
        if key in raw and not table:
            problems.append(f"{path}: key {key!r} applies to kind 'table' only (CSV runs with a time column): "
                            "drop it or set kind: table")
    required = [k for k in REQUIRED_KEYS if not (table and k in TABLE_OPTIONAL)] + (["time", "variables"] if table
                                                                                     else [])
    for key in required:
        if key not in raw:
            problems.append(f"{path}: required key {key!r} missing: add it (see FORMAT.md)")
    if "format" in raw and raw["format"] != FORMAT_VERSION:
        problems.append(f"{path}: key 'format' must be {FORMAT_VERSION!r}, got {raw['format']!r}")
    for key in OPTIONAL_KEYS:
        if key in raw and not isinstance(raw[key], str):
            problems.append(f"{path}: key {key!r} must be a string, got {_type_name(raw[key])}: quote it")


def _shaft_speed(path: Path, raw: dict[str, Any], problems: list[str]) -> float | None:
    """Optional ``shaft_speed_rpm``: the machine's shaft speed while recording (order tracking)."""
    if "shaft_speed_rpm" not in raw:
        return None
    value = raw["shaft_speed_rpm"]
    if not _is_number(value) or not value > 0 or not math.isfinite(value):
        problems.append(f"{path}: key 'shaft_speed_rpm' must be a positive number (rpm), got {value!r}: "
                        "the machine's shaft speed, e.g. 1750")
        return None
    return float(value)


def _sample_rate(path: Path, raw: dict[str, Any], problems: list[str]) -> float | None:
    if "sample_rate_hz" not in raw:
        return None
    value = raw["sample_rate_hz"]
    if not _is_number(value) or not value > 0 or not math.isfinite(value):
        problems.append(f"{path}: key 'sample_rate_hz' must be a positive number (Hz), got {value!r}")
        return None
    return float(value)


def _channels(path: Path, raw: dict[str, Any], problems: list[str]) -> int | None:
    if "channels" not in raw:
        return None
    value = raw["channels"]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        problems.append(f"{path}: key 'channels' must be an integer >= 1, got {value!r}")
        return None
    return value


def _classes(path: Path, raw: dict[str, Any], problems: list[str]) -> tuple[str, ...] | None:
    if "classes" not in raw:
        return None
    value = raw["classes"]
    if not isinstance(value, list) or not value:
        problems.append(f"{path}: key 'classes' must be a non-empty list of class names, got {value!r}")
        return None
    ok = True
    for i, name in enumerate(value):
        if not isinstance(name, str) or not name.strip():
            problems.append(
                f"{path}: key 'classes[{i}]' must be a non-empty string, got {_type_name(name)} {name!r}: "
                "quote it in the YAML"
            )
            ok = False
    counts = Counter(n for n in value if isinstance(n, str))
    dupes = sorted(n for n, count in counts.items() if count > 1)
    if dupes:
        problems.append(f"{path}: key 'classes' lists {dupes} more than once: keep each class once")
        ok = False
    return tuple(value) if ok else None


def _kind(path: Path, raw: dict[str, Any], problems: list[str]) -> str | None:
    if "kind" not in raw:
        return None
    if raw["kind"] not in KINDS:
        problems.append(f"{path}: key 'kind' must be one of {list(KINDS)}, got {raw['kind']!r}")
        return None
    return str(raw["kind"])


def confined_path(directory: Path, name: str, key: str, problems: list[str]) -> Path | None:
    """``directory / name`` when it stays inside ``directory``; else None with a problem naming ``key``.

    A plant's files live in its data directory: an absolute path, a ``..`` component or a symlink
    resolving outside would let a manifest read any file the plant process can.
    """
    fix = f"put the file inside {directory} and give its path relative to that directory"
    parts = name.replace("\\", "/").split("/")
    if "\x00" in name:
        problems.append(f"{key} {name!r} contains a NUL character: {fix}")
        return None
    if Path(name).is_absolute() or name.startswith("\\") or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        problems.append(f"{key} {name!r} is an absolute path, outside the plant directory: {fix}")
        return None
    if ".." in parts:
        problems.append(f"{key} {name!r} climbs out of the plant directory with '..': {fix}")
        return None
    file = directory / name
    try:
        root, target = directory.resolve(), file.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a name too long
        problems.append(f"{key} {name!r} cannot be resolved ({exc}): {fix}")
        return None
    if not target.is_relative_to(root):
        problems.append(f"{key} {name!r} resolves (through a symlink) to {target}, outside the plant directory: "
                        f"{fix} (copy the file instead of linking it)")
        return None
    return file


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _entry(
    path: Path, i: int, item: Any, kind: str | None, classes: tuple[str, ...] | None, problems: list[str]
) -> ManifestEntry | None:
    where = f"{path}: files[{i}]"
    if not isinstance(item, dict):
        problems.append(f"{where} must be a mapping like {{file: rec1.npy, label: normal}}, got {item!r}")
        return None
    allowed = ENTRY_KEYS[kind] if kind else ENTRY_KEYS["signals"]
    for key in item:
        if key not in allowed:
            extra = " (kind: windows takes labels from y in the npz)" if key == "label" else ""
            problems.append(_unknown_key_problem(where, key, allowed) + extra)
    name = item.get("file")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}.file must be a file name relative to the manifest, got {name!r}")
        return None
    file = confined_path(path.parent, name, f"{where}.file", problems)
    if file is None:
        return None
    ok = True
    if kind and file.suffix.lower() not in FILE_SUFFIXES[kind]:
        problems.append(f"{where}.file {name!r}: kind {kind} needs one of {list(FILE_SUFFIXES[kind])} files")
        ok = False
    if not _is_file(file):
        problems.append(f"{file}: not found (listed as files[{i}] in {path}): fix the name or add the file")
        ok = False
    label = item.get("label")
    if label is not None and kind == "signals":
        # A bad label is reported but the file is still returned so its contents get checked too.
        if not isinstance(label, str):
            problems.append(
                f"{where}.label must be a class name string, got {_type_name(label)} {label!r}: quote it in the YAML"
            )
        elif classes is not None and label not in classes:
            problems.append(
                f"{where}.label {label!r} (file {name}) is not one of classes {list(classes)}: "
                "fix the label or add it to classes"
            )
    return ManifestEntry(index=i, file=file, label=label if isinstance(label, str) else None) if ok else None


def _entries(
    path: Path, raw: dict[str, Any], kind: str | None, classes: tuple[str, ...] | None, problems: list[str]
) -> tuple[ManifestEntry, ...]:
    if "files" not in raw:
        return ()
    value = raw["files"]
    if not isinstance(value, list) or not value:
        problems.append(f"{path}: key 'files' must be a non-empty list of {{file: ..., label: ...}} entries")
        return ()
    entries: list[ManifestEntry] = []
    seen: dict[Path, int] = {}
    for i, item in enumerate(value):
        entry = _entry(path, i, item, kind, classes, problems)
        if entry is None:
            continue
        key = entry.file.resolve()
        if key in seen:
            problems.append(
                f"{path}: key 'files[{i}]' lists {entry.file.name} again (already files[{seen[key]}]): "
                "list each file once"
            )
            continue
        seen[key] = i
        entries.append(entry)
    return tuple(entries)


def read_manifest(directory: Path, problems: list[str]) -> Manifest | None:
    """Parse ``directory/manifest.yaml``, appending every problem found to ``problems``.

    Returns None only when the file is missing or not a YAML mapping; otherwise a Manifest
    whose invalid fields are None and whose entries exclude unusable ones.
    """
    path = directory / MANIFEST_NAME
    raw = _load_yaml(path, problems)
    if raw is None:
        return None
    _check_top_level(path, raw, problems)
    kind = _kind(path, raw, problems)
    classes = _classes(path, raw, problems)
    task = raw.get("task", DEFAULT_TASK)
    if not isinstance(task, str):  # reported by _check_top_level (optional keys are strings)
        task = DEFAULT_TASK
    elif task not in TASKS:
        problems.append(f"{path}: key 'task' must be one of {list(TASKS)}, got {task!r}")
        task = DEFAULT_TASK
    elif task_named(task).needs_target and kind in ("signals", "table"):
        problems.append(f"{path}: task {task!r} needs kind 'windows' (each window with its 'target' in the "
                        ".npz): recordings carry no per-window target")
    preprocessing = None
    if isinstance(raw.get("preprocessing"), str):
        preprocessing = confined_path(directory, raw["preprocessing"], f"{path}: key 'preprocessing'", problems)
        if preprocessing is not None and not _is_file(preprocessing):
            problems.append(f"{path}: key 'preprocessing' names {raw['preprocessing']!r}, which is not a file in "
                            f"{directory}: add it or drop the key")
            preprocessing = None
    table, normal_class = _table(path, raw, classes, problems) if kind == "table" else (None, None)
    channels = _channels(path, raw, problems)
    if table is not None and channels is not None and channels != len(table.variables):
        problems.append(f"{path}: key 'channels' is {channels} but 'variables' names {len(table.variables)} columns: "
                        "drop channels (kind table counts the variables) or make them agree")
    return Manifest(
        path=path,
        sample_rate_hz=_sample_rate(path, raw, problems),
        shaft_speed_rpm=_shaft_speed(path, raw, problems),
        channels=len(table.variables) if table is not None else channels,
        classes=classes,
        kind=kind,
        entries=_entries(path, raw, kind, classes, problems),
        plant=raw["plant"] if isinstance(raw.get("plant"), str) else None,
        notes=raw["notes"] if isinstance(raw.get("notes"), str) else "",
        task=task,
        target_name=raw["target_name"] if isinstance(raw.get("target_name"), str) else "",
        preprocessing=preprocessing,
        table=table,
        normal_class=normal_class,
    )


def _table(path: Path, raw: dict[str, Any], classes: tuple[str, ...] | None,
           problems: list[str]) -> tuple[TableSpec | None, str | None]:
    """kind: table: the ``time`` mapping, the ``variables`` list and ``normal_class``."""
    time, variables, ok = raw.get("time"), raw.get("variables"), True
    units = list(TIME_UNITS)
    if "time" in raw and not (isinstance(time, dict) and set(time) == {"column", "unit"}
                              and isinstance(time["column"], str) and time["column"].strip()
                              and time["unit"] in TIME_UNITS):
        problems.append(f"{path}: key 'time' must be {{column: <name of the time column>, unit: <one of {units}>}}, "
                        f"got {time!r}")
        ok = False
    if "variables" in raw:
        names = variables if isinstance(variables, list) else []
        if not names or not all(isinstance(v, str) and v.strip() for v in names):
            problems.append(f"{path}: key 'variables' must be a non-empty list of column names (the channels, in "
                            f"order), got {variables!r}: quote names YAML reads otherwise")
            ok = False
        elif len(set(names)) != len(names):
            problems.append(f"{path}: key 'variables' lists {sorted({v for v in names if names.count(v) > 1})} more "
                            "than once: keep each column once")
            ok = False
        elif isinstance(time, dict) and time.get("column") in names:
            problems.append(f"{path}: key 'variables' includes the time column {time['column']!r}: drop it there")
            ok = False
    normal = raw.get("normal_class", "normal" if classes and "normal" in classes else None)
    if normal is not None and classes is not None and normal not in classes:
        problems.append(f"{path}: key 'normal_class' {normal!r} is not one of classes {list(classes)}: name the "
                        "class of normal operation, or drop the key to z-score with every run's train rows")
        normal = None
    if not ok or "time" not in raw or "variables" not in raw:
        return None, normal
    assert isinstance(time, dict) and isinstance(variables, list)
    columns = tuple(str(v).strip() for v in variables)
    scaling = _scaling(path, raw["scaling"], columns, problems) if "scaling" in raw else None
    if "scaling" in raw and scaling is None:
        return None, normal
    return TableSpec(time["column"].strip(), time["unit"], columns, scaling), normal


def _scaling(path: Path, raw: Any, variables: tuple[str, ...],
             problems: list[str]) -> tuple[tuple[float, float], ...] | None:
    """kind: table, key ``scaling``: ``{variable: [centre, scale]}`` for every variable, scale > 0."""
    shape = "{<variable>: [centre, scale], ...} for every variable (scale > 0, in the variable's unit)"
    if not isinstance(raw, dict) or not raw:
        problems.append(f"{path}: key 'scaling' must be {shape}, got {raw!r}")
        return None
    given = {str(k).strip(): v for k, v in raw.items()}
    missing = [v for v in variables if v not in given]
    unknown = sorted(k for k in given if k not in variables)
    bad = [k for k, v in given.items() if k in variables and not (
        isinstance(v, list) and len(v) == 2 and all(_is_number(x) and math.isfinite(x) for x in v) and v[1] > 0)]
    if missing or unknown or bad:
        parts = ([f"no entry for {missing}"] if missing else []) + (
            [f"{unknown} are not among 'variables'"] if unknown else []) + (
            [f"{bad} must each be [centre, scale] with finite numbers and scale > 0"] if bad else [])
        problems.append(f"{path}: key 'scaling': {'; '.join(parts)}: give {shape}, or drop the key to z-score "
                        "with the normal runs' train rows (no DP then)")
        return None
    return tuple((float(given[v][0]), float(given[v][1])) for v in variables)
