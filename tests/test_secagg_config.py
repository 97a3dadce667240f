"""``federation.secure_aggregation``: its settings, and what it refuses at config time, by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.config.parse import ConfigError
from common.config.scenario import load_scenario
from common.config.schema import Scenario
from common.extensions.strategies import STRATEGIES


def _scenario(tmp_path: Path, federation: str, plants: int = 4) -> Scenario:
    text = "name: secagg-trial\nwindow: {length: 256}\nfederation:\n" + federation + "plants:\n" + "".join(
        f"  - id: p{i}\n    data: {{source: synthetic, rpm: {1500 + 100 * i}}}\n" for i in range(plants))
    path = tmp_path / "scenario.yaml"
    path.write_text(text)
    return load_scenario(path)


def _problems(tmp_path: Path, federation: str, plants: int = 4) -> dict[str, str]:
    with pytest.raises(ConfigError) as info:
        _scenario(tmp_path, federation, plants)
    return {p.split(": ", 1)[0]: p.split(": ", 1)[1] for p in info.value.problems}


ON = "  relative_norm_bound: null\n  secure_aggregation: {enabled: true%s}\n"


def test_secure_aggregation_loads_with_the_recommended_graph(tmp_path: Path) -> None:
    sa = _scenario(tmp_path, ON % "").federation.secure_aggregation
    assert sa.enabled and sa.clip is None and sa.resolved(4) == (3, 3)
    assert sa.resolved(100) == (20, 11)
    sa = _scenario(tmp_path, ON % ", threshold: 2, neighbours: 2, clip: 5.0").federation.secure_aggregation
    assert (sa.threshold, sa.neighbours, sa.clip) == (2, 2, 5.0)
    assert not _scenario(tmp_path, "  rounds: 1\n").federation.secure_aggregation.enabled  # off by default


@pytest.mark.parametrize("name", ["fedmedian", "fedtrimmedavg"])
def test_strategies_that_need_single_updates_are_refused(tmp_path: Path, name: str) -> None:
    got = _problems(tmp_path, f"  strategy: {{name: {name}}}\n" + ON % "")
    assert "secure aggregation hides" in got["federation.strategy.name"]
    assert "fedadam, fedavg, fedprox" in got["federation.strategy.name"]
    assert not STRATEGIES.get(name).meta.get("works_with_secure_aggregation", False)


def test_norm_screening_client_dp_and_compression_are_refused_naming_the_reason(tmp_path: Path) -> None:
    got = _problems(tmp_path, "  compression: int8\n  client_level_dp: {enabled: true}\n"
                              "  secure_aggregation: {enabled: true}\n")
    assert "relative_norm_bound: null" in got["federation.relative_norm_bound"]
    assert "clips each plant's update at the coordinator" in got["federation.client_level_dp.enabled"]
    assert "compression: none" in got["federation.compression"]


def test_a_too_small_modulus_is_refused_naming_the_key_and_the_fix(tmp_path: Path) -> None:
    got = _problems(tmp_path, ON % ", quantisation_bits: 16, max_weight: 65536, modulus_bits: 33")
    msg = got["federation.secure_aggregation.modulus_bits"]
    assert "would wrap" in msg and "federation.secure_aggregation.modulus_bits to at least 34" in msg
    _scenario(tmp_path, ON % ", quantisation_bits: 16, max_weight: 65536, modulus_bits: 34")  # 4·(2^16−1)·2^16 < 2^34


def test_bad_threshold_and_neighbours_name_their_keys(tmp_path: Path) -> None:
    got = _problems(tmp_path, ON % ", threshold: 1, neighbours: 0, clip: -1", plants=6)
    assert got["federation.secure_aggregation.threshold"].startswith("threshold must be >= 2")
    assert got["federation.secure_aggregation.neighbours"].startswith("neighbours must be >= 1")
    assert got["federation.secure_aggregation.clip"].startswith("clip must be > 0")
    got = _problems(tmp_path, ON % ", neighbours: 3, threshold: 5", plants=8)
    assert "even" in got["federation.secure_aggregation.neighbours"]
    assert "exceeds the 4 holders" in got["federation.secure_aggregation.threshold"]
    got = _problems(tmp_path, ON % ", neighbours: 1", plants=4)   # the fix offered is a valid k
    assert got["federation.secure_aggregation.neighbours"].endswith("got 1: use 2")
