"""A deployed plant's identity and local settings, from its SuperNode's ``--node-config``.

In deployment each plant is started with, e.g.::

    flower-supernode ... --node-config "plant-id='line-3' data-dir='/data' state-dir='/state' privacy-budget=3.0"

The scenario (from the run config) gives the shared model, window and training settings;
the node config says which plant this is and where its data and state live. In simulation
nodes carry only ``partition-id`` and the plant comes from the scenario's plant list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.config.parse import parse
from common.config.schema import (
    PLANT_ID_PATTERN,
    DataSpec,
    DetectorConfig,
    PlantSpec,
    detector_problem,
    transfer_method_problem,
)
from common.config.yaml_safe import load_yaml
from common.data.channel_select import parse_channel_list
from common.data.directory import DirectoryParams
from common.extensions.transfer_methods import TRANSFER_METHODS
from common.privacy.policy import SAFE_DEFAULT, PrivacyPolicy

PLANT_ID = "plant-id"
DATA_DIR = "data-dir"
STATE_DIR = "state-dir"
PRIVACY_BUDGET = "privacy-budget"
LABELLED_FRACTION = "labelled-fraction"
TRANSFER = "transfer"
DETECTOR = "detector"
FALSE_ALARM_RATE = "false-alarm-rate"
USE_CHANNELS = "use-channels"
KNOWN_KEYS = (PLANT_ID, DATA_DIR, STATE_DIR, PRIVACY_BUDGET, LABELLED_FRACTION, TRANSFER, DETECTOR, FALSE_ALARM_RATE,
              USE_CHANNELS)
SIMULATION_KEYS = ("partition-id", "num-partitions")
POLICY_FILE = "privacy_policy.yaml"   # in the plant's state directory: the plant's own privacy policy
EXAMPLE = "--node-config \"plant-id='p1' data-dir='/data' state-dir='/state' privacy-budget=3.0\""


class NodeConfigError(ValueError):
    """The SuperNode's --node-config cannot describe a plant; names every key, value and fix."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("node config: " + "; ".join(problems) + f" (example: {EXAMPLE})")


@dataclass(frozen=True)
class DeployedPlant:
    """What a deployed plant's node config says."""

    plant_id: str
    data_dir: Path
    state_dir: Path
    privacy_budget: float | None = None
    labelled_fraction: float = 1.0
    transfer: str | None = None
    detector: DetectorConfig | None = None   # the plant's own anomaly detector (plants[].detector)
    use_channels: tuple[int, ...] | None = None  # the data's channels the model takes (plants[].use_channels)

    def plant_spec(self) -> PlantSpec:
        """The plant as the scenario layer knows plants: data from its directory (FORMAT.md), its
        privacy policy from its state directory (POLICY_FILE; safe defaults when there is none)."""
        return PlantSpec(id=self.plant_id, data=DataSpec("directory", DirectoryParams(str(self.data_dir))),
                         labelled_fraction=self.labelled_fraction, privacy_budget=self.privacy_budget,
                         state_dir=str(self.state_dir), transfer=self.transfer, detector=self.detector,
                         privacy_policy=load_policy(self.state_dir / POLICY_FILE), use_channels=self.use_channels)


def load_policy(path: Path) -> PrivacyPolicy:
    """A plant's own privacy policy file (YAML, keys of :class:`PrivacyPolicy`); absent: the safe default."""
    if not path.exists():
        return SAFE_DEFAULT
    raw = load_yaml(path)
    return parse(PrivacyPolicy, raw if raw is not None else {}, source=str(path))


def is_deployed(node_config: Mapping[str, Any]) -> bool:
    """True for a deployed plant (its node config names it); False for a simulated node."""
    return PLANT_ID in node_config


def _number(raw: Mapping[str, Any], key: str, problems: list[str], low: float, high: float | None,
            what: str) -> float | None:
    if key not in raw:
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"{key}={value!r} is not a number: write e.g. {key}=3.0 (no quotes)")
        return None
    if value <= low or (high is not None and value > high):
        problems.append(f"{key}={value!r} is out of range: {what}")
        return None
    return float(value)


def parse_node_config(raw: Mapping[str, Any]) -> DeployedPlant:
    """Check a deployed plant's node config; one error lists every problem with its fix."""
    problems: list[str] = []
    unknown = sorted(k for k in raw if k not in KNOWN_KEYS + SIMULATION_KEYS)
    if unknown:
        problems.append(f"unknown key(s) {unknown}: known keys are {list(KNOWN_KEYS)}")
    plant_id = raw.get(PLANT_ID)
    if not isinstance(plant_id, str) or not PLANT_ID_PATTERN.match(plant_id):
        problems.append(f"{PLANT_ID}={plant_id!r} is not a valid plant id: use letters, digits, '-', '_' or '.', "
                        "quoted, e.g. plant-id='line-3'")
    paths: dict[str, Path] = {}
    for key in (DATA_DIR, STATE_DIR):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key} is missing or empty: give an absolute path, quoted, "
                            f"e.g. {key}='/srv/plant/{key[:-4]}'")
        else:
            paths[key] = Path(value)
    budget = _number(raw, PRIVACY_BUDGET, problems, 0.0, None, "the lifetime ε budget must be > 0")
    fraction = _number(raw, LABELLED_FRACTION, problems, -1e-12, 1.0, "must be in [0, 1]")
    transfer = raw.get(TRANSFER)
    if transfer is not None and not isinstance(transfer, str):
        problems.append(f"{TRANSFER}={transfer!r} must be a quoted method name, e.g. transfer='shot'")
        transfer = None
    bad_transfer = transfer_method_problem(TRANSFER, transfer) if transfer else None
    if bad_transfer:
        problems.append(bad_transfer)
    elif transfer and fraction == 0.0 and TRANSFER_METHODS.get(transfer).needs_labels:
        problems.append(f"{TRANSFER}={transfer!r} needs labels but {LABELLED_FRACTION}=0")
    detector = _detector(raw, problems)
    channels = _channels(raw, problems)
    if problems:
        raise NodeConfigError(problems)
    return DeployedPlant(plant_id=str(plant_id), data_dir=paths[DATA_DIR], state_dir=paths[STATE_DIR],
                         privacy_budget=budget, labelled_fraction=1.0 if fraction is None else fraction,
                         transfer=transfer or None, detector=detector, use_channels=channels)


def _channels(raw: Mapping[str, Any], problems: list[str]) -> tuple[int, ...] | None:
    """``use-channels='1,0'`` (or ``use-channels=0``): the 0-based channels of the plant's data the model takes."""
    if raw.get(USE_CHANNELS) is None:
        return None
    channels, bad = parse_channel_list(raw[USE_CHANNELS], USE_CHANNELS, f"{USE_CHANNELS}='0' or {USE_CHANNELS}='1,0'")
    problems.extend(bad)
    return channels


def _detector(raw: Mapping[str, Any], problems: list[str]) -> DetectorConfig | None:
    """``detector='feature_mahalanobis'`` [``false-alarm-rate=0.01``]: the plant's anomaly detector
    (the other settings of plants[].detector keep their defaults)."""
    name = raw.get(DETECTOR)
    rate = _number(raw, FALSE_ALARM_RATE, problems, 0.0, 0.5, "the target false-alarm rate must be in (0, 0.5), "
                   "e.g. false-alarm-rate=0.01")
    if name is None:
        if rate is not None:
            problems.append(f"{FALSE_ALARM_RATE} applies to a detector: add e.g. {DETECTOR}='feature_mahalanobis'")
        return None
    if not isinstance(name, str):
        problems.append(f"{DETECTOR}={name!r} must be a quoted detector name, e.g. {DETECTOR}='feature_mahalanobis'")
        return None
    bad = detector_problem(DETECTOR, name)
    if bad:
        problems.append(bad)
        return None
    config = DetectorConfig(name=name) if rate is None else DetectorConfig(name=name, false_alarm_rate=rate)
    problems.extend(f"{DETECTOR}: {p}" for p in config.problems())
    return config
