"""Which TEP operating modes a TEP benchmark runs on (``--modes``, ``--tep-dir``).

Every TEP benchmark takes its plants from its scenario (one plant per mode, ``mode1`` … ``mode4``
of the shared set). ``--modes 1,2,5,6 --tep-dir /data/tep`` runs the same benchmark, unchanged in
every other setting, with one plant per listed mode read from ``modeN.npz`` in that folder, so a
mode the shared set does not hold (the source simulated six) is checked with the committed
commands. Results of another mode set go to ``<name>_modes<list>`` unless ``--name`` says otherwise,
so the committed four-mode pages stay as they are.
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path
from typing import Any

DEFAULT_MODES = (1, 2, 3, 4)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--modes`` and ``--tep-dir`` on a TEP benchmark's command line."""
    parser.add_argument("--modes", default=",".join(map(str, DEFAULT_MODES)),
                        help="TEP operating modes, one plant each (modeN.npz), comma-separated")
    parser.add_argument("--tep-dir", default=None,
                        help="folder holding the modeN.npz files (default: the data set found by name)")


def parse_modes(text: str) -> tuple[int, ...]:
    """``"1,2,5"`` → (1, 2, 5); SystemExit naming the value when it is not a list of modes ≥ 1."""
    try:
        modes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise SystemExit(f"--modes {text!r}: give operating modes as integers, e.g. --modes 1,2,5,6") from None
    if len(modes) < 2 or min(modes) < 1 or len(set(modes)) != len(modes):
        raise SystemExit(f"--modes {text!r}: give at least two different modes >= 1, e.g. --modes 1,2,5,6")
    return modes


def with_modes(body: dict[str, Any], modes: tuple[int, ...], tep_dir: str | None) -> dict[str, Any]:
    """The scenario ``body`` with one plant per mode; each plant copies the first plant's settings
    (its data keys other than ``mode``/``data_dir``, e.g. ``target: quality``) and reads ``mode<m>.npz``."""
    plants = body.get("plants") or []
    if not plants or plants[0].get("data", {}).get("source") != "tep":
        raise ValueError("with_modes needs a scenario whose plants are tep plants")
    template = plants[0]
    out = copy.deepcopy(body)
    out["plants"] = []
    for mode in modes:
        plant = copy.deepcopy(template)
        data = {k: v for k, v in plant["data"].items() if k not in ("mode", "data_dir")}
        plant["id"] = f"mode{mode}"
        plant["data"] = data | {"mode": mode} | ({"data_dir": str(Path(tep_dir).resolve())} if tep_dir else {})
        out["plants"].append(plant)
    return out


def results_name(name: str, modes: tuple[int, ...], default: str) -> str:
    """``name``, suffixed with the modes when they are not the shared four and ``name`` is the default."""
    if modes == DEFAULT_MODES or name != default or not name:
        return name
    return f"{name}_modes{''.join(map(str, modes))}"


def is_default(args: argparse.Namespace) -> bool:
    """Whether the command line asks for the shared four modes found by name."""
    return parse_modes(args.modes) == DEFAULT_MODES and not args.tep_dir


__all__ = ["DEFAULT_MODES", "add_arguments", "is_default", "parse_modes", "results_name", "with_modes"]
