"""The Python API for notebooks: load or build a scenario, run it, get the results as objects.

```python
from simulations.api import load_scenario, simulate

scenario = load_scenario("simulations/scenarios/default.yaml")      # or a dict of the same settings
results = simulate(scenario, runs_dir="runs")
results.to_frame()              # one row per plant: kept model, ε, accuracy per method
results.plants["plant-a"].chosen_model, results.epsilon, results.run_dir
```

``factoryfl simulate`` is this ``simulate`` on a file. A scenario built from a mapping (or changed
with ``dataclasses.replace``) is written as YAML next to its ``base_dir`` for the run, since the
simulation's processes read the scenario from a file, and removed afterwards; the run's
``results.json`` keeps the whole scenario.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from common.config import Scenario
from common.config import load_scenario as load_scenario_file
from common.config.scenario import scenario_from_dict, scenario_to_dict
from simulations.run_results import PlantResult, Results, Table

logger = logging.getLogger(__name__)

__all__ = ["PlantResult", "Results", "Scenario", "Table", "load_results", "load_scenario", "simulate",
           "with_changes"]

MAPPING_SOURCE = "<scenario mapping>"


def load_scenario(source: str | Path | Mapping[str, Any], *, base_dir: str | Path | None = None) -> Scenario:
    """A validated scenario from a YAML file or from a mapping of the same settings.

    For a mapping, relative data paths resolve against ``base_dir`` (default: the working directory).
    Bad settings raise one ``ConfigError`` naming every key and its fix."""
    if isinstance(source, Mapping):
        return scenario_from_dict(dict(source), MAPPING_SOURCE, Path(base_dir or Path.cwd()).resolve())
    if base_dir is not None:
        raise TypeError("base_dir applies to a scenario given as a mapping; a file's paths resolve against its folder")
    return load_scenario_file(source)


def simulate(scenario: Scenario | str | Path | Mapping[str, Any], *, runs_dir: str | Path | None = None,
             ray_address: str | None = None) -> Results:
    """Validate, run and report a scenario with virtual plants on this host; its :class:`Results`.

    ``runs_dir``: where the run folder goes (default: the scenario's ``runs_dir``); ``ray_address``:
    run on that Ray cluster. With ``simulation.metrics_logger`` set, the coordinator also sends each
    round's metrics to that logger as the round ends (its package is checked before the run starts)."""
    from server.metrics_logging import require_logger
    from simulations.runner import simulate as run_scenario

    path = None if isinstance(scenario, (Scenario, Mapping)) else Path(scenario)
    loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    sink = loaded.simulation.metrics_logger
    if sink is not None:
        require_logger(sink)
    with _scenario_file(loaded, path) as file:
        run_dir = run_scenario(file, runs_dir=None if runs_dir is None else str(runs_dir), ray_address=ray_address)
    return Results.load(run_dir)


def load_results(run_dir: str | Path) -> Results:
    """The :class:`Results` of an earlier run folder (``runs/<scenario>-<timestamp>``)."""
    return Results.load(run_dir)


@contextlib.contextmanager
def _scenario_file(scenario: Scenario, path: Path | None) -> Iterator[Path]:
    """The file the simulation reads: ``path`` or the scenario's own file when it holds exactly this
    scenario, else the scenario written beside its ``base_dir`` for the run (removed afterwards)."""
    if path is not None:
        yield path
        return
    source = Path(scenario.source_file) if scenario.source_file != MAPPING_SOURCE else None
    if source is not None and source.is_file() and load_scenario_file(source) == scenario:
        yield source
        return
    body = {k: v for k, v in scenario_to_dict(scenario).items() if k not in ("source_file", "base_dir")}
    file = Path(scenario.base_dir) / f".{scenario.name}-{uuid.uuid4().hex[:8]}.scenario.yaml"
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(f"# written by simulations.api.simulate for one run of {scenario.name!r}; removed after it\n")
        yaml.safe_dump(json.loads(json.dumps(body)), out, sort_keys=False)
    try:
        yield file
    finally:
        file.unlink(missing_ok=True)


def with_changes(scenario: Scenario, **sections: Mapping[str, Any]) -> Scenario:
    """``scenario`` with some settings changed and re-validated, e.g.
    ``with_changes(s, federation={"rounds": 5}, simulation={"metrics_logger": "tensorboard"})``."""
    body = {k: v for k, v in scenario_to_dict(scenario).items() if k not in ("source_file", "base_dir")}
    body = json.loads(json.dumps(body))
    for key, value in sections.items():
        body[key] = {**body[key], **value} if isinstance(value, Mapping) and isinstance(body.get(key), dict) else value
    return scenario_from_dict(body, scenario.source_file, Path(scenario.base_dir))
