"""Which TEP operating modes a TEP benchmark runs on (``--modes``, ``--tep-dir``).

Every TEP benchmark takes its plants from its scenario (one plant per mode, ``mode1`` … ``mode4``
of the shared set). ``--modes 1,2,5,6 --tep-dir /data/tep`` runs the same benchmark, unchanged in
every other setting, with one plant per listed mode read from ``modeN.npz`` in that folder, so a
mode the shared set does not hold (the source simulated six) is checked with the committed
commands. Results of any other mode set or folder go to ``<name>_modes<list>`` unless ``--name``
says otherwise, so the committed four-mode pages stay as they are.
"""

from __future__ import annotations

import argparse
import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_MODES = (1, 2, 3, 4)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--modes`` and ``--tep-dir`` on a TEP benchmark's command line."""
    parser.add_argument("--modes", default=",".join(map(str, DEFAULT_MODES)),
                        help="TEP operating modes, one plant each (modeN.npz), comma-separated")
    parser.add_argument("--tep-dir", default=None,
                        help="folder holding the modeN.npz files (default: the data set found by name)")


@dataclass(frozen=True)
class ModeChoice:
    """The modes a run takes and where their files are (None: the data set found by name)."""

    modes: tuple[int, ...] = DEFAULT_MODES
    tep_dir: str | None = None

    @property
    def is_default(self) -> bool:
        """The shared four modes found by name: the committed benchmark as it is."""
        return self.modes == DEFAULT_MODES and not self.tep_dir

    def apply(self, body: dict[str, Any]) -> dict[str, Any]:
        """The scenario ``body`` with these modes as its plants (``body`` itself when the choice is the default)."""
        return body if self.is_default else with_modes(body, self.modes, self.tep_dir)

    def results_name(self, name: str, default: str) -> str:
        """``name``, suffixed with the modes when the choice is not the default and ``name`` is the default."""
        if self.is_default or name != default or not name:
            return name
        return f"{name}_modes{''.join(map(str, self.modes))}"

    def check_files(self) -> None:
        """SystemExit naming every ``modeN.npz`` that cannot be found, before any run starts."""
        from common.data.errors import DataValidationError
        from common.data.tep import TepParams, tep_file

        problems = []
        for mode in self.modes:
            try:
                tep_file(TepParams(mode=mode, data_dir=self.tep_dir), Path.cwd())
            except DataValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise SystemExit("--modes/--tep-dir: " + "; ".join(dict.fromkeys(problems)))


def from_args(args: argparse.Namespace) -> ModeChoice:
    """The choice on the command line; SystemExit naming the value when ``--modes`` is not a list of
    at least two different modes >= 1."""
    try:
        modes = tuple(int(part) for part in args.modes.split(",") if part.strip())
    except ValueError:
        raise SystemExit(f"--modes {args.modes!r}: give operating modes as integers, e.g. --modes 1,2,5,6") from None
    if len(modes) < 2 or min(modes) < 1 or len(set(modes)) != len(modes):
        raise SystemExit(f"--modes {args.modes!r}: give at least two different modes >= 1, e.g. --modes 1,2,5,6")
    return ModeChoice(modes, args.tep_dir or None)


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


__all__ = ["DEFAULT_MODES", "ModeChoice", "add_arguments", "from_args", "with_modes"]
