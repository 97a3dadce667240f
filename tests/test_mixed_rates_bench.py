"""bench-mixed-rates' own logic (simulations/benchmarks/mixed_rates.py): the stand-in plant it builds is a valid
48 kHz `cwru` plant with its own class list, the three windowings reach the scenario, and the page's counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from simulations.benchmarks import mixed_rates as mr


def _fake_cwru(folder: Path) -> Path:
    """Four load files of the shared layout at 12 kHz, noise records (load0 with the normal record)."""
    from common.data.cwru import CWRU_FAULT_CLASSES

    rng = np.random.default_rng(0)
    folder.mkdir()
    for i, rpm in enumerate((1797, 1772, 1750, 1730)):
        records = {c: rng.standard_normal(12_000).astype(np.float32) for c in CWRU_FAULT_CLASSES}
        if i == 0:
            records["normal"] = rng.standard_normal(24_000).astype(np.float32)
        np.savez(folder / f"load{i}.npz", fs_hz=np.int32(12000), load_hp=np.int32(i), nominal_rpm=np.int32(rpm),
                 classes=np.array(list(CWRU_FAULT_CLASSES)), **records)
    return folder


def test_the_stand_in_plant_is_a_48_khz_cwru_plant_with_normal_and_without_one_fault(tmp_path: Path):
    from common.data import CwruParams, WindowSpec, load_cwru

    cwru = _fake_cwru(tmp_path / "cwru")
    other = mr.other_plant_file(cwru, tmp_path / "other.npz", seed=0)
    with np.load(other) as z:
        assert float(z["fs_hz"]) == mr.OTHER_RATE_HZ and mr.LEFT_OUT not in z.files
        assert z["IR007"].size == 4 * 12_000 and z["normal"].size == 4 * 12_000   # its half of the normal record
        assert "normal" in z["classes"].tolist() and z["missing_classes"].tolist() == [mr.LEFT_OUT]
    path = mr.write_scenario(tmp_path / "s.yaml", 1, "none", cwru, other)
    body = yaml.safe_load(path.read_text())
    plant = body["plants"][-1]
    assert [p["id"] for p in body["plants"]] == [*mr.SOURCES, mr.OTHER] and body["seed"] == 1
    data = load_cwru(mr.OTHER, CwruParams(**{k: v for k, v in plant["data"].items() if k != "source"}),
                     WindowSpec(length=1024, test_fraction=0.2))
    assert data.sample_rate_hz == mr.OTHER_RATE_HZ and data.class_names[0] == "normal"
    assert mr.LEFT_OUT not in data.class_names and len(data.class_names) == 9


def test_each_windowing_reaches_the_scenario(tmp_path: Path):
    from common.config.scenario import load_scenario

    cwru = _fake_cwru(tmp_path / "cwru")
    other = mr.other_plant_file(cwru, tmp_path / "other.npz", seed=0)
    windows = {w: load_scenario(mr.write_scenario(tmp_path / f"{w}.yaml", 0, w, cwru, other)).window
               for w in mr.WINDOWINGS}
    assert windows["none"].resample_to_hz is None and windows["none"].samples_per_revolution is None
    assert windows["resample"].resample_to_hz == 12000.0
    # the median of fs / f_shaft over 12 kHz at 1797, 1750, 1730 rpm and 48 kHz at 1772 rpm
    expected = float(round(np.median([12000 / (1797 / 60), 12000 / (1750 / 60), 12000 / (1730 / 60),
                                      48000 / (1772 / 60)])))
    assert windows["order"].samples_per_revolution == expected


def _run(seed: int, windowing: str, other_chosen: float, warned: bool) -> dict:
    plants = {pid: {"status": "ok", "n_test": 207, "kept": "local_only", "local_only": 1.0, "federated_global": 0.5,
                    "federated_personalised": 0.9, "chosen": 1.0} for pid in mr.SOURCES}
    plants[mr.OTHER] = {"status": "ok", "n_test": 855, "kept": "federated_global", "local_only": 1.0,
                        "federated_global": 0.9, "federated_personalised": 0.9, "chosen": other_chosen}
    return {"seed": seed, "windowing": windowing, "plants": plants, "class_names": [],
            "warnings": ["plants sample at different rates (…)"] if warned else [], "wall_s": 1.0}


def test_the_page_counts_do_no_harm_and_the_warning_per_windowing():
    rows = [_run(s, "none", 0.9 if s == 0 else 1.0, True) for s in (0, 1, 2)]
    rows += [_run(s, "resample", 1.0, False) for s in (0, 1, 2)]
    page = mr.markdown({"rows": rows, "seeds": [0, 1, 2], "command": "make bench-mixed-rates",
                        "machine": {"platform": "p", "nproc": 2, "torch": "t"}})
    assert ("- `none`: kept at or above local-only on test in 11 of 12 plant × seed cases; the run warned about "
            "mixed rates in 3 of 3 runs") in page
    assert ("- `resample`: kept at or above local-only on test in 12 of 12 plant × seed cases; the run warned "
            "about mixed rates in 0 of 3 runs") in page
    assert "| `none` | other | 100.0 ± 0.0 | 90.0 ± 0.0 | 90.0 ± 0.0 | 96.7 ± 4.7 | -3.3 |" in page


def test_the_unlabelled_stand_in_is_a_partial_target_and_its_section_compares_with_the_labelled_local(tmp_path):
    from common.config.scenario import load_scenario

    cwru = _fake_cwru(tmp_path / "cwru")
    other = mr.other_plant_file(cwru, tmp_path / "other.npz", seed=0)
    scenario = load_scenario(mr.write_scenario(tmp_path / "u.yaml", 0, "resample", cwru, other, "unlabelled"))
    plant = scenario.plants[-1]
    assert plant.id == mr.OTHER and plant.labelled_fraction == 0.0 and plant.transfer == "auto"
    classes = yaml.safe_load((tmp_path / "u.yaml").read_text())["plants"][-1]["data"]["classes"]
    assert "normal" not in classes and len(classes) == 8
    rows = [_run(s, "resample", 1.0, False) for s in (0, 1, 2)]
    for s, kept in zip((0, 1, 2), (0.93, 0.97, 0.95)):
        target = _run(s, "resample", kept, False) | {"labels": "unlabelled"}
        target["plants"][mr.OTHER] |= {"federated_adapted": kept, "guard": "adapted", "local_only": None,
                                       "warned": s == 0}
        rows.append(target)
    page = mr.markdown({"rows": rows, "seeds": [0, 1, 2], "command": "make bench-mixed-rates",
                        "machine": {"platform": "p", "nproc": 2, "torch": "t"}})
    assert "| `resample` | 90.0 ± 0.0 | 95.0 ± 1.6 | 95.0 ± 1.6 | 3 of 3 | 1 of 3 | 100.0 ± 0.0 | -5.0 |" in page
    assert "- `resample`: kept -5.0 points from the labelled local model (aim within 5: met)" in page
    # the unlabelled runs do not enter the labelled table's do-no-harm count
    assert "- `resample`: kept at or above local-only on test in 12 of 12 plant × seed cases" in page
