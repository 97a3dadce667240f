"""Simulation at scale: resource checks before start, memory estimate and OOM hints, the bounded
plant cache, and compressed updates (decode accuracy, bytes on the wire, DP accounting unchanged)."""

from __future__ import annotations

import numpy as np
import pytest

from common.compression import SCALE_SUFFIX, decode_update, encode_update, payload_bytes
from common.config import load_scenario
from common.config.schema import SimulationConfig
from common.resources import (
    HostResources,
    backend_config,
    cluster_problems,
    estimate_peak_memory,
    memory_hint,
    memory_problems,
    resource_problems,
    workers,
)
from tests.conftest import tiny_scenario

HOST = HostResources(cpus=2, gpus=0.0, memory_available=20 * 2**30, memory_total=24 * 2**30)


# ---------------------------------------------------------------- compression
def _update(seed: int = 0) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    base = {"extractor.w": rng.normal(size=(16, 8, 7)).astype(np.float32),
            "reference_head.b": rng.normal(size=(5,)).astype(np.float32),
            "extractor.zero": np.zeros(3, np.float32)}
    trained = {k: v + rng.normal(scale=1e-2, size=v.shape).astype(np.float32) for k, v in base.items()}
    trained["extractor.zero"] = base["extractor.zero"].copy()  # an unchanged tensor: delta 0
    return base, trained


def test_fp16_decodes_within_half_precision():
    base, trained = _update()
    decoded = decode_update(encode_update(trained, base, "fp16"), base, "fp16")
    assert set(decoded) == set(trained)
    for k in trained:
        delta = trained[k] - base[k]
        assert decoded[k].dtype == np.float32
        np.testing.assert_allclose(decoded[k] - base[k], delta, rtol=2e-3, atol=1e-6)


def test_int8_decodes_within_half_a_step_and_is_a_quarter_of_the_bytes():
    base, trained = _update(1)
    wire_arrays = encode_update(trained, base, "int8")
    assert wire_arrays["extractor.w"].dtype == np.int8
    decoded = decode_update(wire_arrays, base, "int8")
    for k in trained:
        delta = trained[k] - base[k]
        step = float(wire_arrays[k + SCALE_SUFFIX][0])
        err = np.abs((decoded[k] - base[k]) - delta).max()
        assert err <= step / 2 + 1e-7, (k, err, step)
    assert np.array_equal(decoded["extractor.zero"], base["extractor.zero"])
    # 1 byte per parameter + 4 bytes of scale per tensor, against 4 bytes per parameter
    n = sum(v.size for v in trained.values())
    assert payload_bytes(wire_arrays) == n + 4 * len(trained)
    assert payload_bytes(trained) == 4 * n


def test_none_is_the_identity_and_bad_payloads_are_named():
    base, trained = _update(2)
    assert encode_update(trained, base, "none") is trained
    wire_arrays = encode_update(trained, base, "int8")
    del wire_arrays["extractor.w" + SCALE_SUFFIX]
    with pytest.raises(ValueError, match=r"extractor\.w.*#scale"):
        decode_update(wire_arrays, base, "int8")
    with pytest.raises(ValueError, match="float16"):
        decode_update(trained, base, "fp16")
    with pytest.raises(ValueError, match="federation.compression"):
        encode_update(trained, base, "zip")


def test_compressed_federation_decodes_and_counts_bytes(tmp_path):
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    results = {}
    for kind in ("none", "int8"):
        (tmp_path / kind).mkdir()
        path = tiny_scenario(tmp_path / kind, federation={"compression": kind, "rounds": 2},
                             personalisation={"mode": "none"}, evaluation={"baselines": []})
        scenario = load_scenario(path)
        run_dir = tmp_path / kind / "run"
        run_dir.mkdir()
        results[kind] = run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir)
    for kind, res in results.items():
        for record in res["rounds"]:
            assert record["compression"] == kind
            assert not record["excluded"], record["excluded"]
            assert len(record["participants"]) == 3
            # where the round's time went: the plants' own training is part of the exchange (in process)
            timing = record["timing_s"]
            assert 0 < timing["plants_training_sum"] <= timing["send_and_receive"], timing
    ratio = results["int8"]["rounds"][0]["bytes_up_per_plant"] / results["none"]["rounds"][0]["bytes_up_per_plant"]
    # int8: 1/4 of the float32 values, plus a scale per tensor and Flower's per-array header (~128 B),
    # which weighs a lot for this tiny model's many small tensors
    assert 0.2 < ratio < 0.7, ratio
    # the downlink is the float32 global model either way
    assert results["int8"]["rounds"][0]["bytes_down_per_plant"] == results["none"]["rounds"][0]["bytes_down_per_plant"]
    # quantisation error is small: the global accuracy stays close
    acc = {k: r["rounds"][-1]["eval_accuracy"] for k, r in results.items()}
    assert abs(acc["int8"] - acc["none"]) < 0.15, acc


def test_compression_does_not_change_dp_accounting(tmp_path):
    """Encoding is post-processing: the same DP training writes the same ledger entries."""
    from client.loader import make_plant
    from common.config import run_spec_from_scenario
    from common.models import build_model, shared_state

    ledgers = {}
    for kind in ("none", "int8"):
        (tmp_path / kind).mkdir()
        path = tiny_scenario(tmp_path / kind, federation={"compression": kind},
                             privacy={"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0})
        scenario = load_scenario(path)
        plant = make_plant(scenario, scenario.plants[0], str(tmp_path / kind / "run"))
        spec = run_spec_from_scenario(scenario, tuple(plant.data.class_names))
        spec = type(spec)(**{**spec.__dict__, "channels": 1})
        arrays = {k: v.numpy() for k, v in shared_state(build_model(1, spec.num_outputs, spec.model, 0)).items()}
        result = plant.pretrain(spec, arrays, 1, "r")
        assert result.status == "ok"
        ledgers[kind] = [(e.noise_multiplier, e.sample_rate, e.steps) for e in plant.ledger().entries]
    assert ledgers["none"] == ledgers["int8"] and ledgers["none"]


# ---------------------------------------------------------------- resources
def test_cpus_per_plant_above_the_cores_is_refused_with_the_numbers():
    problems = resource_problems(SimulationConfig(cpus_per_plant=4), HOST)
    assert problems and "cpus_per_plant=4" in problems[0] and "2 CPU" in problems[0]
    problems = resource_problems(SimulationConfig(total_cpus=8), HOST)
    assert any("total_cpus=8" in p and "2 CPU" in p for p in problems)


def test_gpu_fraction_beyond_the_host_is_refused():
    problems = resource_problems(SimulationConfig(gpus_per_plant=0.25), HOST)
    assert problems and "gpus_per_plant=0.25" in problems[0] and "0 GPU" in problems[0]
    gpu_host = HostResources(cpus=16, gpus=1.0, memory_available=2**34, memory_total=2**34)
    assert resource_problems(SimulationConfig(gpus_per_plant=0.1), gpu_host) == []
    assert "gpus_per_plant=2" in resource_problems(SimulationConfig(gpus_per_plant=2.0), gpu_host)[0]
    assert workers(SimulationConfig(gpus_per_plant=0.1), 16, 1.0) == 10   # 16 CPUs, 10 shares of a GPU
    assert "whole number" in SimulationConfig(gpus_per_plant=1.5).problems()[0]


def test_scenario_check_names_the_file_and_the_setting(tmp_path):
    from simulations.runner import ScenarioInputError, check_resources

    scenario = load_scenario(tiny_scenario(tmp_path, simulation={"cpus_per_plant": 64}))
    expected = r"(?s)tiny\.yaml: 1 problem\(s\) with the requested resources.*cpus_per_plant=64 exceeds the 2 CPU"
    with pytest.raises(ScenarioInputError, match=expected):
        check_resources(scenario, HOST)


def test_ray_cluster_resources_and_backend_config():
    sim = SimulationConfig(ray_address="127.0.0.1:6379", cpus_per_plant=2)
    assert resource_problems(sim, HOST) == []  # checked against the cluster instead
    assert "cluster's 1 CPU" in cluster_problems(sim, {"CPU": 1.0})[0]
    assert cluster_problems(sim, {"CPU": 4.0}) == []
    config = backend_config(sim, HOST)
    assert config["init_args"] == {"address": "127.0.0.1:6379"}
    assert config["client_resources"] == {"num_cpus": 2, "num_gpus": 0.0}
    local = backend_config(SimulationConfig(), HOST)["init_args"]
    assert local["num_cpus"] == 2 and local["num_gpus"] == 0.0
    assert "ray_address" in SimulationConfig(ray_address="auto", total_cpus=2).problems()[0]


def test_memory_estimate_refuses_and_names_what_to_lower():
    sim = SimulationConfig(plant_cache_size=16)
    small = HostResources(cpus=2, gpus=0.0, memory_available=1 * 2**30, memory_total=2 * 2**30)
    problems = memory_problems(sim, small, 1000, 50 * 2**20)
    assert problems and "plant_cache_size" in problems[0] and "1024 MiB available" in problems[0]
    assert memory_problems(sim, HOST, 1000, 1 * 2**20) == []
    assert memory_problems(SimulationConfig(memory_check=False), small, 1000, 50 * 2**20) == []
    # per-idle-plant growth is bookkeeping only: 10 vs 1000 plants differ by < 100 MiB
    grow = (estimate_peak_memory(sim, HOST, 1000, 2**20)["total"]
            - estimate_peak_memory(sim, HOST, 10, 2**20)["total"])
    assert 0 < grow < 100 * 2**20


def test_memory_hint_only_for_memory_failures():
    assert "plant_cache_size" in memory_hint("ray.exceptions.OutOfMemoryError: Task was killed due to the node "
                                             "running low on memory")
    assert "batch_size" in memory_hint("torch.OutOfMemoryError: CUDA out of memory")
    assert memory_hint("ValueError: bad shape") == ""
    assert memory_hint("the room is full") == ""


def test_plant_cache_is_bounded(tmp_path):
    """Plants beyond simulation.plant_cache_size are dropped from memory and reload when asked."""
    from flwr.app import Context, RecordDict

    import client.app as client_app

    path = tiny_scenario(tmp_path, synthetic_plants={"count": 6, "seed": 0, "num_windows_per_class": 4},
                         simulation={"plant_cache_size": 2})
    client_app._CACHE.clear()
    contexts = [Context(run_id=1, node_id=10 + i, node_config={"partition-id": i}, state=RecordDict(),
                        run_config={"scenario": str(path)}) for i in range(6)]
    seen = [client_app.plant_for(c, str(tmp_path / "run")) for c in contexts]
    assert client_app.cached_plants() == 2
    assert [p.plant_id for p in seen] == [f"plant-{i}" for i in range(6)]
    again = client_app.plant_for(contexts[0], str(tmp_path / "run"))  # evicted: rebuilt, same data
    assert again is not seen[0] and np.array_equal(again.data.train.x, seen[0].data.train.x)
    assert client_app.plant_for(contexts[0], str(tmp_path / "run")) is again  # now cached
    client_app._CACHE.clear()


def test_messages_in_flight_window_gives_the_same_federation(tmp_path):
    """A sliding window of 2 undelivered messages: every plant still answers, same results."""
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    out = {}
    for window in (0, 2):
        (tmp_path / str(window)).mkdir()
        path = tiny_scenario(tmp_path / str(window),
                             synthetic_plants={"count": 5, "seed": 0, "num_windows_per_class": 8},
                             personalisation={"mode": "none"}, evaluation={"baselines": []})
        scenario = load_scenario(path)
        run_dir = tmp_path / str(window) / "run"
        run_dir.mkdir()
        grid = LoopbackGrid(path, len(scenario.plants), run_dir)
        out[window] = (run_federation(grid, scenario, run_dir, max_in_flight=window), grid)
    (plain, plain_grid), (windowed, windowed_grid) = out[0], out[2]
    assert windowed_grid.max_undelivered == 2 and plain_grid.max_undelivered == 5
    assert [r["participants"] for r in windowed["rounds"]] == [r["participants"] for r in plain["rounds"]]
    assert windowed["rounds"][-1]["eval_accuracy"] == pytest.approx(plain["rounds"][-1]["eval_accuracy"])
    assert all(p["metrics"] for p in windowed["plants"].values())
