"""How much C-MAPSS engines differ at the start of their lives: the reason for ``baseline_cycles``.

Training rows only (no test engine is read). Each sensor is z-scored per operating condition as
the loader does. Per site and sensor:

* between-engine spread: the std over engines of each engine's mean over its first 10 cycles;
* what sensor noise alone would give: the within-engine std over the first 30 cycles / sqrt(10);
* the degradation range: the mean over engines of |mean of the last 10 cycles − mean of the first 10|.

An engine's own offset that is large against noise and a fair share of the range hides early
degradation; the engine-baseline channels remove it.

Run: make bench-cmapss-offsets   (writes simulations/results/cmapss_engine_offsets.{json,md})
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from common.data.cmapss import (
    CMAPSS_COLUMNS,
    CMAPSS_INFORMATIVE_SENSORS,
    DEFAULT_CMAPSS_DIR,
    OP_SETTINGS,
    operating_conditions,
    zscore_with,
)
from simulations.benchmarks.common import machine, write_results

FIRST, NOISE_SPAN = 10, 30


def site_offsets(path: Path) -> dict[str, float]:
    """Mean over the 14 informative sensors of the three quantities in the module docstring."""
    with np.load(path) as archive:
        table = np.asarray(archive["train"], dtype=np.float64)
    columns = list(CMAPSS_COLUMNS)
    sensors = table[:, [columns.index(c) for c in CMAPSS_INFORMATIVE_SENSORS]]
    cond, _ = operating_conditions(table[:, [columns.index(c) for c in OP_SETTINGS]])
    normed = np.zeros_like(sensors)
    for c in np.unique(cond):
        rows = cond == c
        normed[rows] = zscore_with(sensors[rows], sensors[rows].mean(axis=0), sensors[rows].std(axis=0))
    unit = table[:, columns.index("unit")]
    engines = [normed[unit == u] for u in np.unique(unit)]
    starts = np.array([e[:FIRST].mean(axis=0) for e in engines])
    ends = np.array([e[-FIRST:].mean(axis=0) for e in engines])
    noise = np.concatenate([e[:NOISE_SPAN] - e[:NOISE_SPAN].mean(axis=0) for e in engines]).std(axis=0)
    between, expected, span = starts.std(axis=0), noise / np.sqrt(FIRST), np.abs(ends - starts).mean(axis=0)
    return {"engines": len(engines), "between_engine_std": float(between.mean()),
            "noise_only_std": float(expected.mean()), "ratio": float((between / expected).mean()),
            "degradation_range": float(span.mean()), "offset_share_of_range": float((between / span).mean())}


def markdown(payload: dict) -> str:
    lines = ["# C-MAPSS: how much engines differ when they start", "",
             "Command: `make bench-cmapss-offsets`. Training rows only, each sensor z-scored per operating "
             f"condition; means over the 14 informative sensors. Starting level = an engine's mean over its first "
             f"{FIRST} cycles; noise-only expectation = within-engine std over the first {NOISE_SPAN} cycles / "
             f"sqrt({FIRST}); degradation range = mean |last {FIRST} − first {FIRST}| per engine.", "",
             "| site | engines | between-engine std of the starting level | expected from noise alone | ratio | "
             "degradation range | offset / range |", "|---|---:|---:|---:|---:|---:|---:|"]
    for site, r in payload["sites"].items():
        lines.append(f"| {site} | {r['engines']} | {r['between_engine_std']:.2f} | {r['noise_only_std']:.2f} | "
                     f"{r['ratio']:.1f} | {r['degradation_range']:.2f} | {r['offset_share_of_range']:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=str(DEFAULT_CMAPSS_DIR))
    args = parser.parse_args()
    data = Path(args.data_dir)
    missing = [n for n in ("fd001", "fd002", "fd003", "fd004") if not (data / f"{n}.npz").exists()]
    if missing:
        raise SystemExit(f"C-MAPSS data not found in {data} ({missing}): "
                         "run `factoryfl data fetch cmapss` or pass --data-dir")
    payload = {"machine": machine(),
               "sites": {n: site_offsets(data / f"{n}.npz") for n in ("fd001", "fd002", "fd003", "fd004")}}
    json_path, md_path = write_results("cmapss_engine_offsets", payload, markdown(payload))
    print(md_path.read_text())


if __name__ == "__main__":
    main()
