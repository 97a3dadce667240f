"""Report for a finished factoryfl run: ``results.json`` -> ``report.md``, ``report.html`` + PNG plots.

Public API: :func:`write_report` (files), :func:`render_markdown` (pure text),
:func:`summarise` (the ``summary`` block) and :func:`load_results`.
Re-render a saved run with ``factoryfl report <run_dir>``.

Every file written here is 0600 (owner only), like ``results.json``: a report holds per-plant test
metrics and privacy spend, which the threat model keeps from other local users as it keeps plant data.
"""

import argparse
import json
import logging
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from common.fileio import atomic_write_text
from common.task import DEFAULT_TASK, MetricColumn

from .anomaly_report import anomaly_section
from .label_sets import label_set_section
from .model_choice import model_choice_section
from .output_report import output_section
from .plots import (
    PERCENT_METRICS,
    STATUS_OK,
    is_number,
    method_label,
    method_order,
    metric_value,
    plant_status,
    plants_of,
    plot_accuracy_per_plant,
    plot_epsilon,
    plot_rounds,
    round_number,
    rounds_of,
    short_method_label,
    task_of,
)
from .report_headline import delta_phrase, delta_value, headline_section
from .report_html import read_images, render_html
from .secagg import report_section as secagg_section

logger = logging.getLogger(__name__)

SCHEMA_PREFIX = "factoryfl-results/"
REPORT_NAME = "report.md"
HTML_NAME = "report.html"
RESULTS_NAME = "results.json"
DASH = "—"
NO_DP_TEXT = "No differential privacy: plant updates are not privatised."

PlotFn = Callable[[Mapping[str, Any], Path], Path | None]
PLOTTERS: dict[str, tuple[PlotFn, str]] = {
    "accuracy_per_plant": (plot_accuracy_per_plant, "accuracy_per_plant.png"),
    "rounds": (plot_rounds, "rounds.png"),
    "epsilon": (plot_epsilon, "epsilon.png"),
}


EVAL_ROUND_COLUMNS = (
    ("eval_loss", "Eval loss"),
    ("eval_accuracy", "Eval acc %"),
    ("eval_macro_f1", "Eval F1 %"),
    ("eval_rmse", "Eval RMSE"),
    ("eval_mae", "Eval MAE"),
    ("eval_score", "Eval score"),
)


# --- summary -----------------------------------------------------------------


def _test_windows(plant: Mapping[str, Any], block: Mapping[str, Any] | None = None) -> int:
    """Test windows behind a metric block (its own n_test, else the plant's)."""
    for source in (block or {}, plant):
        if is_number(source.get("n_test")):
            return int(source["n_test"])
    return 0


def _ok_blocks(results: Mapping[str, Any], method: str) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """(plant, metric block) for every ok plant that reports the method."""
    pairs = []
    for plant in plants_of(results).values():
        block = (plant.get("metrics") or {}).get(method)
        if plant_status(plant) == STATUS_OK and isinstance(block, Mapping):
            pairs.append((plant, block))
    return pairs


def _summarise_method(pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> dict[str, float | int]:
    """Mean and population std of each numeric metric over the given plants."""
    names = list(dict.fromkeys(k for _, block in pairs for k, v in block.items() if k != "n_test" and is_number(v)))
    out: dict[str, float | int] = {}
    for name in names:
        values = [float(block[name]) for _, block in pairs if is_number(block.get(name))]
        out[f"{name}_mean"] = statistics.fmean(values)
        out[f"{name}_std"] = statistics.pstdev(values)
    out["n_plants"] = len(pairs)
    out["n_test"] = sum(_test_windows(plant, block) for plant, block in pairs)
    return out


def summarise(results: Mapping[str, Any]) -> dict[str, dict[str, float | int]]:
    """Per method: mean and population std over ok plants of each metric, plant count, summed n_test."""
    summary = {}
    for method in method_order(results):
        pairs = _ok_blocks(results, method)
        if pairs:
            summary[method] = _summarise_method(pairs)
    return summary


# --- formatting ----------------------------------------------------------------


def _inline(value: Any) -> str:
    """Text on one line, safe inside a markdown bullet."""
    return " ".join(str(value).split())


def _cell(value: Any) -> str:
    """Text safe inside a markdown table cell."""
    text = _inline(value).replace("|", "\\|")
    return text or DASH


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]], left: Iterable[int] = (0,)) -> str:
    """A markdown table; columns listed in ``left`` are left-aligned, the rest right-aligned."""
    left_cols = set(left)
    align = ["---" if i in left_cols else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def format_metric(metric: str, value: Any) -> str:
    """Percent with one decimal for accuracy-like metrics, else a plain number."""
    if not is_number(value):
        return DASH
    if metric in PERCENT_METRICS:
        return f"{float(value) * 100:.1f}"
    return _format_number(value)


def _format_number(value: Any) -> str:
    """Three decimals for small numbers, one for large; dash when missing."""
    if not is_number(value):
        return DASH
    number = float(value)
    return f"{number:.3f}" if abs(number) < 100 else f"{number:.1f}"


def _format_eps(value: Any) -> str:
    """ε with two decimals."""
    return f"{float(value):.2f}" if is_number(value) else DASH


def _format_delta(value: Any) -> str:
    """δ in compact scientific form (1e-05)."""
    return f"{float(value):g}" if is_number(value) else DASH


def _format_int(value: Any) -> str:
    """Integer with thousands separators."""
    return f"{int(value):,}" if is_number(value) else DASH


def _format_duration(seconds: Any) -> str:
    """Wall time as '12.3 s', '2 min 03 s' or '1 h 02 min'."""
    if not is_number(seconds):
        return DASH
    total = float(seconds)
    if total < 60:
        return f"{total:.1f} s"
    minutes, secs = divmod(int(round(total)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _format_time(stamp: Any) -> str:
    """ISO timestamp shown as 'YYYY-MM-DD HH:MM:SS UTC'; raw text if unparsable."""
    if not stamp:
        return DASH
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _format_setting(value: Any) -> str:
    """A setting value as text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or DASH
    if value is None:
        return DASH
    return str(value)


def _flatten(mapping: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested settings flattened to dotted keys."""
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


# --- sections ------------------------------------------------------------------


def _heading(results: Mapping[str, Any]) -> str:
    """The report's title line."""
    return f"# factoryfl run report: {results.get('scenario_name') or 'unnamed scenario'}"


def _title_section(results: Mapping[str, Any]) -> str:
    """Scenario, timing and where the raw results live."""
    name = results.get("scenario_name") or "unnamed scenario"
    scenario_file = results.get("scenario_file")
    scenario = f"`{name}`" + (f" (`{scenario_file}`)" if scenario_file else "")
    lines = [
        f"- **Scenario:** {scenario}",
        f"- **Task:** {results.get('task') or DEFAULT_TASK}",
        f"- **Started:** {_format_time(results.get('started_at'))} · "
        f"**Finished:** {_format_time(results.get('finished_at'))} · "
        f"**Wall time:** {_format_duration(results.get('wall_time_s'))}",
        f"- **Raw results:** [`{RESULTS_NAME}`]({RESULTS_NAME}) next to this report; "
        "re-render with `factoryfl report <run_dir>`; "
        f"the same report with its plots inside: [`{HTML_NAME}`]({HTML_NAME})",
    ]
    warnings = results.get("warnings")
    if isinstance(warnings, list):
        lines += [f"- **Warning:** {_inline(str(w))}" for w in warnings]
    return "\n".join(lines)


def _settings_section(results: Mapping[str, Any]) -> str:
    """Federation settings table (from ``settings``, else the scenario's federation block)."""
    settings = results.get("settings")
    if not isinstance(settings, Mapping) or not settings:
        federation = (results.get("scenario") or {}).get("federation")
        settings = federation if isinstance(federation, Mapping) else {}
    if not settings:
        return "## Federation settings\n\nNo federation settings were recorded."
    rows = [(key, _format_setting(value)) for key, value in _flatten(settings).items()]
    return "## Federation settings\n\n" + _table(("Setting", "Value"), rows, left=(0, 1))


def final_epsilons(results: Mapping[str, Any]) -> dict[str, float]:
    """Plant id -> final ε: the plant's privacy record, else its last ε in the rounds."""
    finals: dict[str, float] = {}
    for record in rounds_of(results):
        eps = record.get("epsilon")
        for pid, value in (eps.items() if isinstance(eps, Mapping) else ()):
            if is_number(value):
                finals[str(pid)] = float(value)
    for pid, plant in plants_of(results).items():
        value = (plant.get("privacy") or {}).get("epsilon")
        if is_number(value):
            finals[pid] = float(value)
    return finals


def _privacy_enabled(results: Mapping[str, Any]) -> bool:
    """Whether the run used differential privacy."""
    privacy = results.get("privacy")
    return isinstance(privacy, Mapping) and bool(privacy.get("enabled"))


def _privacy_facts(results: Mapping[str, Any]) -> list[str]:
    """Bullet lines describing the privacy unit and accounting."""
    privacy = results["privacy"]
    unit = privacy.get("unit") or DASH
    note = privacy.get("unit_note")
    lines = [
        f"- **Privacy unit:** {_inline(unit)}" + (f" — {_inline(note)}" if note else ""),
        f"- **δ:** {delta_value(results)}",
        f"- **Accountant:** {privacy.get('accountant') or DASH}",
        f"- **Ledger scope:** {_inline(privacy.get('ledger_scope') or DASH)}",
    ]
    shown = {"enabled", "unit", "unit_note", "delta", "accountant", "ledger_scope"}
    for key, value in privacy.items():
        if key not in shown and not isinstance(value, (Mapping, list, tuple)):
            lines.append(f"- **{key}:** {_inline(_format_setting(value))}")
    return lines


def _privacy_section(results: Mapping[str, Any]) -> str:
    """DP unit, accounting and per-plant ε; or the no-DP statement."""
    if not _privacy_enabled(results):
        return f"## Differential privacy\n\n{NO_DP_TEXT}"
    finals = final_epsilons(results)
    rows = []
    for pid, plant in plants_of(results).items():
        record = plant.get("privacy") or {}
        rows.append((pid, plant_status(plant), _format_eps(finals.get(pid)), _format_delta(record.get("delta")),
                     _format_eps(record.get("budget")), _format_int(record.get("steps_total"))))
    parts = ["## Differential privacy", "\n".join(_privacy_facts(results)),
             _table(("Plant", "Status", "Final ε", "δ", "Budget ε", "Steps"), rows, left=(0, 1)),
             _released_outside_dp_text(results)]
    if finals:
        worst = max(finals, key=finals.__getitem__)
        worst_delta = (plants_of(results).get(worst, {}).get("privacy") or {}).get("delta")
        at = _format_delta(worst_delta) if is_number(worst_delta) else delta_value(results)
        parts.append(f"The coordinator summarises ε as the **maximum over plants**: "
                     f"**ε = {_format_eps(finals[worst])}** (plant `{worst}`), at {delta_phrase(at)}.")
    else:
        parts.append("No per-plant ε was recorded.")
    return "\n\n".join(parts)


def _released_outside_dp_text(results: Mapping[str, Any]) -> str:
    """What each plant's own policy let leave outside its ledger, and the DP-released accuracy."""
    released = (results.get("privacy") or {}).get("released_outside_dp")
    if not isinstance(released, Mapping):
        return ""
    per_plant = released.get("per_plant") or {}
    categories = released.get("categories") or {}
    lines = ["**Released outside DP** (each plant's own allow-list; nothing else leaves a DP plant "
             "except ledger-recorded DP releases and declared facts):", ""]
    for pid, cats in per_plant.items():
        lines.append(f"- `{pid}`: {', '.join(cats) if cats else 'nothing'}")
    for cat, what in categories.items():
        lines.append(f"- *{cat}*: {_inline(str(what))}")
    dp_rows = [(pid, f"{100 * e['accuracy']:.1f}", f"{e['noisy_count']:.1f}")
               for pid, plant in plants_of(results).items()
               if isinstance(e := plant.get("dp_evaluation"), Mapping) and "accuracy" in e]
    if dp_rows:
        lines += ["", "Shared model's held-out accuracy released with DP (noisy counts, in each plant's ledger):",
                  "", _table(("Plant", "DP accuracy (%)", "noisy held-out windows"), dp_rows, left=(0,))]
    return "\n".join(lines)


def _client_dp_section(results: Mapping[str, Any]) -> str:
    """Plant-level DP on the aggregate, when enabled, with whether it is meaningful here."""
    cdp = results.get("client_level_dp") or {}
    if not cdp.get("enabled"):
        return ""
    lines = ["## Plant-level DP on the aggregate",
             f"- **unit:** {cdp.get('unit')}; clip S = {cdp.get('clip_norm')}, σ = {cdp.get('noise_multiplier')}, "
             f"δ = {_format_delta(cdp.get('delta'))}",
             f"- **ε after all rounds:** {_format_eps(cdp.get('epsilon'))} (RDP, no sampling amplification claimed)",
             f"- **noise std on the mean update:** {cdp.get('noise_std_on_mean'):.4g} with "
             f"{cdp.get('plants_per_round')} plants per round",
             f"- **meaningful here:** {'yes' if cdp.get('meaningful') else 'no'} — {cdp.get('note', '')}"]
    return "\n".join(lines)


def _transfer_section(results: Mapping[str, Any]) -> str:
    """What each plant did in phase 2 beyond the configured personalisation, and why."""
    rows = []
    for pid, plant in plants_of(results).items():
        transfer = plant.get("transfer") or {}
        if not transfer.get("chosen"):
            continue
        gap = transfer.get("gap") or {}
        gap_text = ", ".join(f"{k} {v:.3g}" for k, v in sorted(gap.items())) or "—"
        rows.append((pid, transfer.get("chosen"), transfer.get("reason", ""), gap_text))
    if not rows:
        return ""
    return "\n\n".join(["## Transfer (phase 2 per plant)",
                         "Adaptation runs inside each target plant on its own unlabelled windows, using only the "
                         "shared model and the sources' DP-released feature statistics; model selection never "
                         "uses target labels (last epoch).",
                         _table(("Plant", "Method", "Why", "Domain gap"), rows, left=(0, 1, 2, 3))])


def _metric_columns(results: Mapping[str, Any]) -> list[MetricColumn]:
    """Metric columns for the task: the required ones plus optional ones some plant reports."""
    reported = {k for p in plants_of(results).values() for block in (p.get("metrics") or {}).values()
                if isinstance(block, Mapping) for k in block}
    return [c for c in task_of(results).columns if c.always or c.key in reported]


def _train_cell(plant: Mapping[str, Any]) -> str:
    """Training windows, noting the labelled count when it differs."""
    n_train, labelled = plant.get("n_train"), plant.get("n_train_labelled")
    text = _format_int(n_train)
    if is_number(labelled) and is_number(n_train) and int(labelled) != int(n_train):
        text += f" ({_format_int(labelled)} labelled)"
    return text


def _mean_cell(summary: Mapping[str, Any], method: str, metric: str) -> str:
    """'mean ± std' for one method and metric, or a dash."""
    block = summary.get(method) or {}
    mean, std = block.get(f"{metric}_mean"), block.get(f"{metric}_std")
    if not is_number(mean):
        return DASH
    return format_metric(metric, mean) + (f" ± {format_metric(metric, std)}" if is_number(std) else "")


def _results_note(results: Mapping[str, Any], n_ok: int, n_all: int, ok_test: int, all_test: int) -> str:
    """Sentence under the per-plant table: units, direction and totals."""
    units = task_of(results).units_note
    return (f"{units} The last row is the mean ± population std over the {n_ok} of {n_all} plants with "
            f"status `ok`, which hold **{ok_test:,} test windows** in total ({all_test:,} across all plants).")


def _method_legend(results: Mapping[str, Any], methods: Sequence[str]) -> str:
    """Which method each short column name stands for."""
    return "Columns: " + "; ".join(f"**{short_method_label(results, m)}** = {_inline(method_label(results, m))}"
                                   for m in methods) + "."


def _metric_table(results: Mapping[str, Any], methods: Sequence[str], column: MetricColumn,
                  summary: Mapping[str, Any], with_counts: bool) -> str:
    """One row per plant (plus mean ± std over ok plants): one metric, one column per method."""
    plants = plants_of(results)
    header = ["Plant", "Status", "Train", "Test"] if with_counts else ["Plant"]
    header += [short_method_label(results, m) for m in methods]
    rows = []
    for pid, plant in plants.items():
        counts = [plant_status(plant), _train_cell(plant), _format_int(plant.get("n_test"))] if with_counts else []
        rows.append([pid, *counts, *(format_metric(column.key, metric_value(plant, m, column.key)) for m in methods)])
    ok = [p for p in plants.values() if plant_status(p) == STATUS_OK]
    counts = [f"{len(ok)}/{len(plants)} ok", DASH, f"{sum(_test_windows(p) for p in ok):,}"] if with_counts else []
    rows.append(["**mean ± std**", *counts, *(_mean_cell(summary, m, column.key) for m in methods)])
    return _table(header, rows, left=(0, 1) if with_counts else (0,))


def _column_title(metric: str) -> str:
    """'accuracy (%)', 'macro-F1 (%)', 'RMSE': a metric as a table title names it."""
    name = {"macro_f1": "macro-F1"}.get(metric) or (metric.upper() if len(metric) <= 4 else metric.replace("_", " "))
    return name + (" (%)" if metric in PERCENT_METRICS else "")


def _plant_results_section(results: Mapping[str, Any]) -> str:
    """The primary metric per plant and method (with counts), then one detail table per other metric."""
    plants = plants_of(results)
    if not plants:
        return "## Per-plant results\n\nNo plants were recorded."
    methods, columns = method_order(results), _metric_columns(results)
    summary = results.get("summary") or summarise(results)
    primary = task_of(results).primary_metric
    main = next((c for c in columns if c.key == primary), columns[0])
    ok = [p for p in plants.values() if plant_status(p) == STATUS_OK]
    ok_test = sum(_test_windows(p) for p in ok)
    note = _results_note(results, len(ok), len(plants), ok_test, sum(_test_windows(p) for p in plants.values()))
    parts = [f"## Per-plant results: {_column_title(main.key)}",
             _metric_table(results, methods, main, summary, with_counts=True),
             _method_legend(results, methods) + " " + note]
    for column in columns:
        if column is not main:
            parts += [f"### Per-plant {_column_title(column.key)}",
                      _metric_table(results, methods, column, summary, with_counts=False)]
    return "\n\n".join(parts)


def _count(value: Any) -> str:
    """Number of participants, whether given as a list or a count."""
    if isinstance(value, (list, tuple, set, Mapping)):
        return str(len(value))
    return _format_int(value)


def _excluded_text(value: Any) -> str:
    """Excluded plants of a round, with reasons when given."""
    if isinstance(value, Mapping):
        return "; ".join(f"{pid}: {reason}" if reason else str(pid) for pid, reason in value.items()) or DASH
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or DASH
    return DASH


def _max_round_eps(record: Mapping[str, Any]) -> str:
    """Largest ε any plant reached in this round."""
    eps = record.get("epsilon")
    values = [float(v) for v in (eps.values() if isinstance(eps, Mapping) else ()) if is_number(v)]
    return _format_eps(max(values)) if values else DASH


def _rounds_section(results: Mapping[str, Any]) -> str:
    """One row per federated pretraining round."""
    rounds = rounds_of(results)
    if not rounds:
        return "## Federated pretraining rounds\n\nNo federated rounds were recorded."
    evals = [(k, h) for k, h in EVAL_ROUND_COLUMNS if any(is_number(r.get(k)) for r in rounds)]
    show_eps = any(isinstance(r.get("epsilon"), Mapping) and r["epsilon"] for r in rounds)
    show_time = any(is_number(r.get("wall_time_s")) for r in rounds)
    header = ["Round", "Participants", "Excluded", "Train loss", *(h for _, h in evals)]
    header += ["Max ε"] * show_eps + ["Time (s)"] * show_time
    rows = []
    for i, record in enumerate(rounds):
        row = [round_number(record, i), _count(record.get("participants")), _excluded_text(record.get("excluded")),
               _format_number(record.get("train_loss"))]
        row += [format_metric(k.removeprefix("eval_"), record.get(k)) for k, _ in evals]
        row += [_max_round_eps(record)] * show_eps
        row += [f"{float(record['wall_time_s']):.1f}" if is_number(record.get("wall_time_s")) else DASH] * show_time
        rows.append(row)
    return "## Federated pretraining rounds\n\n" + _table(header, rows, left=(2,))


def _round_exclusions(excluded: Any) -> list[tuple[str, Any]]:
    """(plant id, reason) pairs from a round's ``excluded`` (a mapping, or a list of ids)."""
    if isinstance(excluded, Mapping):
        return [(str(pid), reason) for pid, reason in excluded.items()]
    if isinstance(excluded, (list, tuple)):
        return [(str(pid), "") for pid in excluded]
    return []


def left_out_entries(results: Mapping[str, Any]) -> list[str]:
    """Markdown bullets: plants not ok, then every excluded round with its reason."""
    plants = plants_of(results)
    bullets = []
    for pid, plant in plants.items():
        status = plant_status(plant)
        if status != STATUS_OK:
            reason = _inline(plant.get("status_reason") or "")
            bullets.append(f"- `{pid}`: **{status}**" + (f" — {reason}" if reason else ""))
    seen: set[tuple[str, Any]] = set()
    for pid, plant in plants.items():
        grouped: dict[tuple[str, str], list[Any]] = {}  # one bullet per (phase, reason), its rounds listed
        for entry in plant.get("excluded_rounds") or []:
            if isinstance(entry, Mapping):
                seen.add((pid, entry.get("round")))
                reason = _inline(entry.get("reason") or "") or "no reason given"
                phase = f" ({entry['phase']})" if entry.get("phase") else ""
                grouped.setdefault((phase, reason), []).append(entry.get("round", "?"))
        for (phase, reason), numbers in grouped.items():
            bullets.append(f"- `{pid}`, {_rounds_text(numbers)}{phase}: {reason}")
    for i, record in enumerate(rounds_of(results)):
        number = round_number(record, i)
        for pid, reason in _round_exclusions(record.get("excluded")):
            if (pid, number) not in seen:
                bullets.append(f"- `{pid}`, round {number}: {_inline(reason) or 'no reason given'}")
    return bullets


def _rounds_text(numbers: list[Any]) -> str:
    """'round 3', 'rounds 1–3', 'rounds 1–3, 5' (runs of consecutive rounds joined)."""
    if len(numbers) == 1:
        return f"round {numbers[0]}"
    if not all(isinstance(n, int) for n in numbers):
        return "rounds " + ", ".join(str(n) for n in numbers)
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "rounds " + ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in spans)


def clipped_entries(results: Mapping[str, Any]) -> list[str]:
    """Markdown bullets: every round update the relative norm bound clipped (counted, scaled down)."""
    bullets = []
    for pid, plant in plants_of(results).items():
        for entry in plant.get("clipped_rounds") or []:
            if isinstance(entry, Mapping):
                bullets.append(f"- `{pid}`, round {entry.get('round', '?')}: {_inline(entry.get('reason') or '')}")
    return bullets


def _left_out_section(results: Mapping[str, Any]) -> str:
    """Plants left out and excluded round updates; then updates clipped."""
    bullets = left_out_entries(results)
    body = "\n".join(bullets) if bullets else "None: every plant finished `ok` and no round update was excluded."
    clipped = clipped_entries(results)
    if clipped:
        body += "\n\nRound updates clipped to the relative norm bound (counted in their own direction):\n\n" \
            + "\n".join(clipped)
    return "## Plants left out\n\n" + body


def _metric_title(metric: str) -> str:
    """A metric's name in a heading: RMSE, MAE, Accuracy, Macro f1."""
    return metric.upper() if len(metric) <= 4 else metric.replace("_", " ").capitalize()


def _plot_title(results: Mapping[str, Any], key: str) -> str:
    """Heading for an embedded plot."""
    titles = {
        "accuracy_per_plant": f"{_metric_title(task_of(results).primary_metric)} per plant",
        "rounds": "Pretraining rounds",
        "epsilon": "Privacy spent per plant",
    }
    return titles.get(key, key.replace("_", " ").capitalize())


def _plots_section(results: Mapping[str, Any], plot_files: Mapping[str, str]) -> str:
    """Embedded plot images, linked relative to the report."""
    if not plot_files:
        return "## Plots\n\nNo plots were produced (no plottable data)."
    parts = ["## Plots"]
    for key, rel in plot_files.items():
        title = _plot_title(results, key)
        parts.append(f"### {title}\n\n![{title}]({quote(str(rel), safe='/')})")
    return "\n\n".join(parts)


# --- public API ----------------------------------------------------------------


def report_sections(results: Mapping[str, Any], plot_files: Mapping[str, str]) -> list[str]:
    """The report's sections in order (banner, title, headline, ...); empty ones left out."""
    banner = results.get("not_private")
    sections = [
        f"**{_inline(str(banner))}**" if banner else "",
        _heading(results),
        headline_section(results, final_epsilons(results) if _privacy_enabled(results) else {},
                         delta_value(results), _table),
        _title_section(results),
        _settings_section(results),
        _privacy_section(results),
        _client_dp_section(results),
        secagg_section(results, _table),
        _plant_results_section(results),
        output_section(results, _table),
        label_set_section(results, _table),
        _transfer_section(results),
        model_choice_section(results, _table),
        anomaly_section(results, _table),
        _rounds_section(results),
        _left_out_section(results),
        _plots_section(results, plot_files),
    ]
    return [section for section in sections if section]


def render_markdown(results: Mapping[str, Any], plot_files: Mapping[str, str]) -> str:
    """The report text; ``plot_files`` maps plot key -> path relative to the report."""
    return "\n\n".join(report_sections(results, plot_files)) + "\n"


def write_plots(run_dir: Path, results: Mapping[str, Any]) -> dict[str, str]:
    """Write every plot that has data; returns plot key -> file name relative to run_dir."""
    written = {}
    for key, (plot, filename) in PLOTTERS.items():
        try:
            path = plot(results, run_dir / filename)
        except Exception:  # a broken plot must not lose the report of a finished run
            logger.warning("plot %s failed; the report goes on without it", key, exc_info=True)
            continue
        if path is not None:
            written[key] = Path(path).relative_to(run_dir).as_posix()
    return written


def write_report(run_dir: Path, results: dict[str, Any]) -> Path:
    """Write ``run_dir/report.md``, ``report.html`` and the PNG plots (all 0600); fills
    ``results['summary']`` if absent. Returns the path of report.md."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    schema = str(results.get("schema") or "")
    if not schema.startswith(SCHEMA_PREFIX):
        logger.warning("results schema %r is not %s*; rendering anyway", schema, SCHEMA_PREFIX)
    if not results.get("summary"):
        results["summary"] = summarise(results)
    plot_files = write_plots(run_dir, results)
    sections = report_sections(results, plot_files)
    path = run_dir / REPORT_NAME
    atomic_write_text(path, "\n\n".join(sections) + "\n")
    title = f"factoryfl run report: {results.get('scenario_name') or 'unnamed scenario'}"
    headline = next((i for i, text in enumerate(sections) if text.startswith("## Headline")), None)
    atomic_write_text(run_dir / HTML_NAME,
                      render_html(title, sections, read_images(run_dir, plot_files), headline=headline))
    logger.info("wrote %s and %s with %d plot(s)", path, HTML_NAME, len(plot_files))
    return path


def load_results(run_dir: Path) -> dict[str, Any]:
    """Read ``run_dir/results.json``."""
    return json.loads((Path(run_dir) / RESULTS_NAME).read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    """Re-render report.md, report.html and plots for a saved run directory (``factoryfl report``)."""
    parser = argparse.ArgumentParser(description="Render report.md, report.html and plots from a run's results.json.")
    parser.add_argument("run_dir", type=Path, help="folder holding results.json")
    args = parser.parse_args(argv)
    write_report(args.run_dir, load_results(args.run_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
