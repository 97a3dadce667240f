"""Load a scenario YAML file into a validated :class:`Scenario` (all problems at once)."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.config.parse import ConfigError, Problems, build, parse, to_dict
from common.config.schema import (
    DataSpec,
    DetectorConfig,
    PlantSpec,
    RunSpec,
    Scenario,
    SyntheticPlantsConfig,
    plant_id_problem,
    secure_aggregation_problems,
    transfer_method_problem,
)
from common.config.yaml_safe import load_yaml
from common.data.channel_select import channel_problems
from common.extensions.tasks import TASKS
from common.extensions.transfer_methods import TRANSFER_METHODS
from common.privacy.policy import PrivacyPolicy
from common.task import task_named


@dataclass(frozen=True)
class _RawPlant:
    id: str
    data: Any
    labelled_fraction: float = 1.0
    privacy_budget: float | None = None
    state_dir: str | None = None
    k_shot: int | None = None
    transfer: str | None = None
    privacy_policy: PrivacyPolicy | None = None
    labelled_classes: tuple[str, ...] | None = None  # checked against the plant's classes when it loads
    detector: DetectorConfig | None = None
    use_channels: tuple[int, ...] | None = None  # checked against the data's channels when it loads

    def problems(self) -> list[str]:
        out = channel_problems(self.use_channels)
        if self.labelled_classes is not None and (not self.labelled_classes
                                                  or len(set(self.labelled_classes)) != len(self.labelled_classes)):
            out.append(f"labelled_classes must be a non-empty list of distinct class names of this plant's data, "
                       f"got {list(self.labelled_classes)}")
        if self.k_shot is not None and self.k_shot < 1:
            out.append(f"k_shot must be >= 1 labelled windows per class (or null), got {self.k_shot}")
        unknown = None if self.transfer is None else transfer_method_problem("transfer", self.transfer)
        if unknown:
            out.append(unknown)
        unlabelled = self.labelled_fraction == 0 and self.k_shot is None
        if (not unknown and unlabelled and self.transfer is not None
                and TRANSFER_METHODS.get(self.transfer).needs_labels):
            label_free = ", ".join(TRANSFER_METHODS.names(needs_labels=False))
            out.append(f"transfer: {self.transfer} needs labels but this plant has none (labelled_fraction 0): "
                       f"use one of {label_free}, or give it labels (k_shot)")
        bad_id = plant_id_problem(self.id)
        if bad_id:
            out.append(f"id {bad_id}")
        if not 0.0 <= self.labelled_fraction <= 1.0:
            out.append(f"labelled_fraction must be in [0, 1], got {self.labelled_fraction}")
        if self.privacy_budget is not None and self.privacy_budget <= 0:
            out.append(f"privacy_budget must be > 0, got {self.privacy_budget}")
        return out


def _parse_data_spec(raw: Any, key: str, problems: Problems) -> DataSpec | None:
    from common.extensions.data_sources import DATA_SOURCES, params_type

    if not isinstance(raw, dict):
        problems.add(key, f"expected a mapping with `source:` and its settings, got {raw!r}")
        return None
    body = dict(raw)
    source = body.pop("source", None)
    known = ", ".join(DATA_SOURCES.names())
    if source is None:
        problems.add(f"{key}.source", f"required key is missing: add `source: <one of {known}>`")
        return None
    if not isinstance(source, str) or source not in DATA_SOURCES:
        hint = difflib.get_close_matches(str(source), DATA_SOURCES.names(), n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        problems.add(f"{key}.source", f"unknown data source {source!r}{suggestion}: use one of {known}")
        return None
    params = build(params_type(source), body, key, problems)
    if params is None or not dataclasses.is_dataclass(params):
        return None
    return DataSpec(source=source, params=params)


def _parse_plants(
    raw_plants: Any, problems: Problems, ids: list[tuple[str, str]] | None = None
) -> list[PlantSpec]:
    """The valid plants; ``ids`` collects (key, id) of every plant whose id parsed."""
    plants: list[PlantSpec] = []
    if not isinstance(raw_plants, list):
        problems.add("plants", f"expected a list of plants, got {raw_plants!r}")
        return plants
    if not raw_plants:
        problems.add("plants", "the list is empty: add at least one plant (or use `synthetic_plants: {count: N}`)")
        return plants
    for i, raw in enumerate(raw_plants):
        key = f"plants[{i}]"
        if not isinstance(raw, dict):
            problems.add(key, f"expected a mapping with id and data, got {raw!r}")
            continue
        plant = build(_RawPlant, raw, key, problems)
        if ids is not None and isinstance(raw.get("id"), str):
            ids.append((f"{key}.id", raw["id"]))
        if not dataclasses.is_dataclass(plant):
            continue
        spec = _parse_data_spec(plant.data, f"{key}.data", problems)
        if spec is None:
            continue
        plants.append(
            PlantSpec(
                id=plant.id,
                data=spec,
                labelled_fraction=plant.labelled_fraction,
                privacy_budget=plant.privacy_budget,
                state_dir=plant.state_dir,
                k_shot=plant.k_shot,
                transfer=plant.transfer,
                privacy_policy=plant.privacy_policy,
                labelled_classes=plant.labelled_classes,
                detector=plant.detector,
                use_channels=plant.use_channels,
            )
        )
    return plants


CMAPSS_CHANNEL_OPTIONS: tuple[str, ...] = ("sensors", "include_op_settings", "baseline_cycles")
"""The ``cmapss`` data options that decide a site's input channels."""


def _check_cmapss_channels(plants: list[PlantSpec], ids: list[tuple[str, str]], problems: Problems) -> None:
    """Every C-MAPSS site feeds the one shared model, so the options that decide its input
    channels must agree; name the first disagreeing key of each site (at load time, not when the
    federation is already running)."""
    where = {plant_id: key.removesuffix(".id") for key, plant_id in ids}
    sites = [p for p in plants if p.data.source == "cmapss"]
    for plant in sites[1:]:
        for option in CMAPSS_CHANNEL_OPTIONS:
            mine, first = getattr(plant.data.params, option), getattr(sites[0].data.params, option)
            if mine != first:
                shown = [list(v) if isinstance(v, tuple) else v for v in (mine, first)]
                problems.add(f"{where.get(plant.id, plant.id)}.data.{option}",
                             f"is {shown[0]!r} but site {sites[0].id!r} has {shown[1]!r}: every C-MAPSS site feeds "
                             f"the same shared model, so give every site the same {option}")


def _check_synthetic_sizes(scenario: Scenario, plants: list[PlantSpec], ids: list[tuple[str, str]],
                           problems: Problems) -> None:
    """A synthetic plant generates its data inside the plant: refuse here, naming the plant's key, one whose
    recordings or windows would not fit in memory (window settings × windows per class)."""
    from common.data.synthetic import size_problems
    from common.data.windowing import WindowSpec

    w = scenario.window
    window = WindowSpec(length=w.length, stride=w.stride, test_fraction=w.test_fraction,
                        resample_to_hz=w.resample_to_hz, samples_per_revolution=w.samples_per_revolution)
    where = {plant_id: key.removesuffix(".id") + ".data" for key, plant_id in ids if key.startswith("plants[")}
    checked: set[tuple] = set()  # the estimate depends on these only: each case once, however many plants
    generated_refused = False
    for plant in plants:
        if plant.data.source != "synthetic":
            continue
        params, key = plant.data.params, where.get(plant.id, "synthetic_plants")
        case = (key, params.num_windows_per_class, params.sample_rate_hz, len(params.classes))
        if case in checked or (key == "synthetic_plants" and generated_refused):
            continue
        checked.add(case)
        messages = size_problems(params, window)
        for message in messages:
            problems.add(key, message)
        generated_refused = generated_refused or (key == "synthetic_plants" and bool(messages))


def _check_methods_fit_task(scenario: Scenario, plants: list[PlantSpec], problems: Problems) -> None:
    """A method whose objective works on class probabilities cannot run on a task without classes."""
    if scenario.task not in TASKS:
        return  # reported by Scenario.problems
    task = task_named(scenario.task)
    allowed = ", ".join(n for n in TRANSFER_METHODS.names() if task.allows_method(TRANSFER_METHODS.get(n)))
    for i, plant in enumerate(plants):
        method = plant.transfer or (scenario.transfer.default_method if not plant.has_labels else "")
        if method not in TRANSFER_METHODS or task.allows_method(TRANSFER_METHODS.get(method)):
            continue
        key = f"plants[{i}].transfer" if plant.transfer else "transfer.default_method"
        problems.add(key, f"{method} needs class probabilities and this scenario is `task: {task.name}`: "
                          f"use one of {allowed}")


def _generated_plants(cfg: SyntheticPlantsConfig) -> list[PlantSpec]:
    from common.data.synthetic import make_plant_params

    plants = []
    for i in range(cfg.count):
        params = dataclasses.replace(
            make_plant_params(i, cfg.seed), num_windows_per_class=cfg.num_windows_per_class
        )
        plants.append(
            PlantSpec(
                id=f"{cfg.id_prefix}{i}",
                data=DataSpec(source="synthetic", params=params),
                labelled_fraction=cfg.labelled_fraction,
            )
        )
    return plants


def scenario_from_dict(data: Any, source: str, base_dir: Path) -> Scenario:
    """Validate a scenario mapping; raise one ConfigError naming every problem."""
    problems = Problems()
    if not isinstance(data, dict):
        raise ConfigError(source, ["<top level>: the file must hold a mapping of settings"])
    body = dict(data)
    raw_plants = body.pop("plants", None)
    raw_generated = body.pop("synthetic_plants", None)
    body.pop("source_file", None)
    body.pop("base_dir", None)
    # Top-level keys are checked here, not by build(): the file's keys are `plants` and
    # `synthetic_plants`, while `source_file` / `base_dir` are filled in by the loader.
    known = sorted(
        {f.name for f in dataclasses.fields(Scenario)} - {"source_file", "base_dir"} | {"synthetic_plants"}
    )
    for name in list(body):
        if name not in known:
            hint = difflib.get_close_matches(str(name), known, n=1)
            suggestion = f"did you mean {hint[0]!r}? " if hint else ""
            problems.add(str(name), f"unknown key: {suggestion}known keys here: {', '.join(known)}")
            del body[name]
    scenario = build(Scenario, {**body, "plants": []}, "", problems)

    plants: list[PlantSpec] = []
    ids: list[tuple[str, str]] = []
    if raw_plants is not None:
        plants += _parse_plants(raw_plants, problems, ids)
    if raw_generated is not None:
        before = len(problems.items)
        generated = (build(SyntheticPlantsConfig, raw_generated, "synthetic_plants", problems)
                     if isinstance(raw_generated, dict) else None)
        if raw_generated is not None and not isinstance(raw_generated, dict):
            problems.add("synthetic_plants", "expected a mapping like {count: 10, seed: 0}")
        # Generate only from valid settings (a negative seed, say, would make the generator raise).
        if dataclasses.is_dataclass(generated) and len(problems.items) == before:
            new = _generated_plants(generated)
            plants += new
            ids += [("synthetic_plants.id_prefix", p.id) for p in new]
    if raw_plants is None and raw_generated is None:
        problems.add("plants", "no plants: add a `plants:` list or `synthetic_plants: {count: N}`")
    _check_cmapss_channels(plants, ids, problems)
    if dataclasses.is_dataclass(scenario):
        _check_synthetic_sizes(scenario, plants, ids, problems)
    seen: dict[str, str] = {}
    for key, plant_id in ids:
        if plant_id in seen:
            problems.add(
                key,
                f"plant id {plant_id!r} appears twice (first at {seen[plant_id]}): give every plant its own id",
            )
        else:
            seen[plant_id] = key
    if dataclasses.is_dataclass(scenario):
        _check_methods_fit_task(scenario, plants, problems)
        for key, message in secure_aggregation_problems(scenario.federation, len(plants)):
            problems.add(key, message)
    problems.raise_if_any(source)
    return dataclasses.replace(
        scenario, plants=tuple(plants), source_file=source, base_dir=str(base_dir)
    )


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file. Relative data paths resolve against its folder."""
    path = Path(path)
    try:
        exists = path.is_file()
    except (OSError, ValueError) as exc:  # a name too long, or with a NUL byte
        raise ConfigError(str(path), [f"<file>: cannot use this path ({exc}): check the path"]) from None
    if not exists:
        raise ConfigError(str(path), [f"<file>: no such scenario file: check the path (cwd is {Path.cwd()})"])
    data = load_yaml(path)  # size, aliases, duplicate keys and depth refused, naming the line
    return scenario_from_dict(data, str(path), path.resolve().parent)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """A JSON-able, resolved view of the scenario (plant data params included)."""
    out = to_dict(scenario)
    for plant_out, plant in zip(out["plants"], scenario.plants):
        plant_out["data"] = {"source": plant.data.source, **to_dict(plant.data.params)}
    return out


def run_spec_from_scenario(scenario: Scenario, class_names: tuple[str, ...]) -> RunSpec:
    return RunSpec(
        scenario_name=scenario.name,
        seed=scenario.seed,
        window=scenario.window,
        model=scenario.model,
        federation=scenario.federation,
        personalisation=scenario.personalisation,
        privacy=scenario.privacy,
        num_classes=len(class_names),
        class_names=class_names,
        baselines=scenario.evaluation.baselines,
        transfer=scenario.transfer,
        task=scenario.task,
        target_scale=scenario.target_scale,
        target_scaling=scenario.target_scaling,
        target_range=scenario.target_range,
        target_outputs=scenario.target_outputs,
    )


def run_spec_to_json(spec: RunSpec) -> str:
    return json.dumps(to_dict(spec), sort_keys=True)


@functools.lru_cache(maxsize=8)
def run_spec_from_json(text: str) -> RunSpec:
    """Parse the coordinator's run spec; cached, as every message of a run carries the same text
    (the result is a frozen dataclass, safe to share)."""
    return parse(RunSpec, json.loads(text), source="run spec from the coordinator")
