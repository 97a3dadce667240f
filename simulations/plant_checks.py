"""Every plant's data checked once before a simulation: which plants can run, which are left out.

``factoryfl validate`` reports every problem and fails on any (``PlantChecks.problems``);
``factoryfl simulate`` leaves a plant whose data are bad out, as a deployment does (the plant
fails at start and the coordinator goes on without it), and fails only when fewer plants than
the federation's minimum remain (``PlantChecks.shortfall``). The plants left out are listed in
results.json and the report with status ``failed`` and the reason (``record_left_out``).
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from common.config.schema import Scenario

logger = logging.getLogger(__name__)

FAILED = "failed"


@dataclass
class PlantChecks:
    """What loading every plant's data found.

    ``summaries``: plants that load (id → data summary); ``failed``: plants that do not (id → one
    problem per line, each naming the file/key and the fix); ``scenario_problems``: problems of the
    scenario as a whole (not any one plant's); ``labelled``: loadable plants holding labels.
    """

    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: dict[str, list[str]] = field(default_factory=dict)
    scenario_problems: list[str] = field(default_factory=list)
    labelled: set[str] = field(default_factory=set)
    index: dict[str, int] = field(default_factory=dict)  # plant id → its position in ``plants``

    @property
    def problems(self) -> list[str]:
        """Every problem, one line each: each failed plant's, then the scenario's."""
        out = [f"plants[{self.index[pid]}] ({pid}): {p}" for pid, lines in self.failed.items() for p in lines]
        return out + self.scenario_problems

    def reason(self, plant_id: str) -> str:
        """Why ``plant_id`` is left out (its problems joined), "" when it runs."""
        return "; ".join(self.failed.get(plant_id, []))

    def shortfall(self, min_train_plants: int) -> str:
        """Why the plants that remain cannot run a federation ("" when they can).

        A federation needs at least ``min_train_plants`` (and at least one) labelled plant to
        pretrain; only checked when a plant was left out (a scenario as written is the user's).
        """
        if not self.failed:
            return ""
        need = max(1, min_train_plants)
        if len(self.labelled) >= need:
            return ""
        left_out = _some(list(self.failed))
        return (f"{len(self.failed)} plant(s) left out for the data problems above ({left_out}); "
                f"{len(self.labelled)} labelled plant(s) remain ({_some(sorted(self.labelled))}) but the "
                f"federation needs at least {need} to pretrain "
                f"(federation.strategy.min_train_plants={min_train_plants}): fix the plants' data above "
                "(check each with `factoryfl validate`) or lower min_train_plants")


def _some(ids: list[str], most: int = 10) -> str:
    """Plant ids for a message: the first ``most``, then how many more."""
    shown = ", ".join(ids[:most]) or "none"
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def check_plants(scenario: Scenario) -> PlantChecks:
    """Load every plant's data once; collect each plant's problems rather than stopping at the first."""
    from client.loader import load_data
    from common.data.errors import DataValidationError

    checks = PlantChecks(index={plant.id: i for i, plant in enumerate(scenario.plants)})
    for plant in scenario.plants:
        try:
            data = load_data(scenario, plant)
        except DataValidationError as exc:
            checks.failed[plant.id] = list(exc.problems)
            continue
        except (OSError, ValueError) as exc:
            checks.failed[plant.id] = [str(exc)]
            continue
        if data.window_length != scenario.window.length:
            checks.failed[plant.id] = [f"windows of {data.window_length} samples, scenario window.length is "
                                       f"{scenario.window.length}: cut this plant's windows at "
                                       f"{scenario.window.length} samples"]
            continue
        if scenario.privacy.enabled and data.cross_window_statistics:
            # the plant would refuse the run at its first message (client/plant.py check_policy): say so now
            from client.plant import dp_preprocessing_problem

            checks.failed[plant.id] = [f"refuses a run with DP: {dp_preprocessing_problem(data)}"]
            continue
        checks.summaries[plant.id] = data.summary() | {"bytes": int(data.train.x.nbytes + data.test.x.nbytes)}
        if (data.train.y >= 0).sum() == 0:
            # a plant without labels is a scenario's choice (a target that adapts), not a problem: the
            # validation phase's line counts them (simulations/runner.py plants_line)
            logger.info("plant %s has no labelled windows: it will not pretrain", plant.id)
        else:
            checks.labelled.add(plant.id)
    line = class_union_line(checks.summaries)
    if line:
        logger.info("%s", line)
    # mixed sampling rates are not logged here: the coordinator warns (server/federation.py), validate prints
    # rates_line
    return checks


def rates_line(scenario: Scenario, summaries: dict[str, dict[str, Any]]) -> str | None:
    """The warning for plants that window at different sampling rates (``common.data.windowing.mixed_rates_line``);
    the coordinator logs the same and puts it in the report."""
    from common.data.windowing import mixed_rates_line

    rates = {pid: float(s["sample_rate_hz"]) for pid, s in summaries.items()
             if isinstance(s.get("sample_rate_hz"), (int, float))}
    return mixed_rates_line(rates, scenario.window)


def class_union_line(summaries: dict[str, dict[str, Any]]) -> str | None:
    """What the federation does with plants whose class lists differ (None when they agree): it works
    on their union by name, in first-seen order with plants in id order, as the coordinator does
    (server/federation.py); each plant lacks the classes its list does not name."""
    from common.labelset import union_names

    lists = {pid: list(summaries[pid].get("class_names") or []) for pid in sorted(summaries)}
    if len({tuple(names) for names in lists.values()}) < 2 or not all(lists.values()):
        return None
    union = union_names(lists.values())
    lacking = "; ".join(f"{pid} lacks {[c for c in union if c not in names]}" for pid, names in lists.items()
                        if set(names) != set(union))
    return (f"classes: the plants declare different class lists; the federation works on their union by name "
            f"{list(union)}" + (f" ({lacking}: each plant trains on its own classes and learns the others from "
                                "the plants that have them)" if lacking else " (the same classes in other orders)"))


def log_left_out(checks: PlantChecks) -> None:
    """One error line per plant the simulation goes on without."""
    for plant_id in checks.failed:
        logger.error("plant %s left out of the simulation (its data cannot be used): %s; the federation goes on "
                     "without it", plant_id, checks.reason(plant_id))


def record_left_out(results: MutableMapping[str, Any], checks: PlantChecks) -> None:
    """Make sure results.json lists every plant left out for bad data: status failed, with the reason.

    The coordinator records such a plant itself (its hello fails the same way); this fills in a
    plant it never heard from, and gives a failed plant with no reason the one found here."""
    plants = results.setdefault("plants", {})
    for plant_id in checks.failed:
        reason = f"its data cannot be used: {checks.reason(plant_id)}"
        record = plants.get(plant_id)
        if not isinstance(record, dict):
            plants[plant_id] = {"status": FAILED, "status_reason": reason, "n_train": None, "n_train_labelled": None,
                                "n_test": None, "source": None, "worker_node": None, "metrics": {}, "privacy": {},
                                "excluded_rounds": [], "transfer": {}, "dp_evaluation": None}
        elif record.get("status") == FAILED and not record.get("status_reason"):
            record["status_reason"] = reason
