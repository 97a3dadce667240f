"""A simulation on a two-node Ray cluster started on this machine: plants run on both nodes."""

from __future__ import annotations

import pytest

from tests.conftest import tiny_scenario

pytestmark = pytest.mark.ray_cluster


def test_plants_spread_over_both_nodes_and_the_cluster_is_gone_after(tmp_path):
    from simulations.ray_cluster import LocalRayCluster, run_on_cluster

    path = tiny_scenario(tmp_path, synthetic_plants={"count": 8, "seed": 0, "num_windows_per_class": 8},
                         federation={"rounds": 2, "evaluate_every": 0}, personalisation={"mode": "none"},
                         evaluation={"baselines": []})
    out = run_on_cluster(path, str(tmp_path / "runs"))
    nodes = out["plants_per_node"]
    assert None not in nodes and "" not in nodes, nodes     # every plant reported its Ray node
    assert len(nodes) == 2, nodes                           # head and worker both served plants
    assert sum(nodes.values()) == 8
    assert [r["participants"] for r in out["rounds"]] == [8, 8]
    trained = {n for r in out["rounds"] for n in r["trained_per_node"]}
    assert trained <= set(nodes) and sum(out["rounds"][-1]["trained_per_node"].values()) == 8
    # the cluster was stopped by process id: nothing answers at its address any more
    probe = LocalRayCluster.__new__(LocalRayCluster)
    probe.address, probe.temp_dir = out["address"], tmp_path
    assert probe.nodes_alive() == 0


def test_unreachable_cluster_is_refused_with_the_setting(tmp_path):
    from simulations.runner import ScenarioInputError, simulate

    path = tiny_scenario(tmp_path)
    with pytest.raises(ScenarioInputError, match="ray_address='127.0.0.1:9'"):
        simulate(path, str(tmp_path / "runs"), ray_address="127.0.0.1:9")
