"""A plant's own use of the model it kept (personalised, adapted, global or local-only; see
client/selection.py): predictions for new sensor files (`factoryfl predict`).

Reads only the plant's state directory (``models/personalised.pt``); nothing is sent anywhere.
:mod:`client.export` writes the same model for the plant's runtime.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from client.plant import PERSONAL_MODEL
from client.smoothing import META_KEY as SMOOTHING_KEY
from client.smoothing import kept_weight
from client.state import MODELS_DIR
from common.config.schema import ModelConfig
from common.data.channel_select import select_in_windows
from common.data.cmapss_recipe import RECIPE_KIND, CmapssRecipe, CycleTableError, read_cycle_table
from common.data.process import RECIPE_KIND as PROCESS_RECIPE_KIND
from common.data.process import ZScore, resample_rows
from common.data.signal_files import READ_ERRORS, declared_size_problem, is_real, read_signal_file
from common.data.table_files import INTERVAL_TOLERANCE, TableSpec, read_table
from common.data.validate import first_nonfinite_window  # the loader's own finiteness check
from common.data.windowing import WindowSpec, at_rate, cut_windows
from common.fileio import atomic_write_json, atomic_write_text
from common.models import build_model
from common.posterior_smoothing import smooth_log_posteriors
from common.registry import UnknownName
from common.task import Task, task_named
from common.training import clip_to_range
from common.transfer.open_set import META_KEY as OPEN_SET_KEY
from common.transfer.open_set import UNKNOWN, OpenSetRule, rule_extractor
from common.transfer.routing import META_KEY as ROUTING_KEY
from common.transfer.routing import RoutingRule

logger = logging.getLogger(__name__)


class InferenceError(ValueError):
    """The state directory or input file cannot be used; the message names the file and the fix."""


class PersonalModel(nn.Module):
    """Extractor + the plant's personal head: windows (N, C, L) → logits (N, K) or scaled RUL (N, 1)."""

    def __init__(self, extractor: nn.Module, head: nn.Module) -> None:
        super().__init__()
        self.extractor = extractor
        self.head = head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.extractor(x))


def model_task(meta: dict[str, Any], where: Path) -> Task:
    """The :class:`~common.task.Task` a saved model's metadata names (InferenceError for an unknown one)."""
    try:
        return task_named(str(meta["task"]))
    except UnknownName as exc:
        raise InferenceError(f"{where}: the model's metadata names an {exc}; re-run the federation with "
                             "this factoryfl") from None


REQUIRED_META = ("in_channels", "window_length", "num_outputs", "task", "model")
MAX_RATE_RATIO = 1000.0           # --input-rate-hz within this factor of the model's rate, either way
MAX_RESAMPLED_VALUES = 1 << 27    # samples × channels a resampled recording may have (~1 GB as float64)
RATE_KEY = "sample_rate_hz"       # an .npz of windows may carry its sampling rate under this key


def load_personal_model(state_dir: Path) -> tuple[PersonalModel, dict[str, Any]]:
    """The plant's personalised model from its state directory, in eval mode, with its metadata."""
    path = Path(state_dir) / MODELS_DIR / f"{PERSONAL_MODEL}.pt"
    if not path.exists():
        raise InferenceError(f"{path}: no personalised model (the model this plant keeps): it has not finished "
                             "a federation run (phase two: personalise or adapt) with this state directory")
    rerun = "re-run the federation (personalise phase) to recreate it"
    try:
        blob = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported the same way
        raise InferenceError(f"{path}: unreadable model file ({exc}); {rerun}") from exc
    if not (isinstance(blob, dict) and isinstance(blob.get("meta"), dict) and isinstance(blob.get("state_dict"), dict)):
        raise InferenceError(f"{path}: not a factoryfl personalised model (no 'meta' and 'state_dict': saved by "
                             f"something else, or damaged); {rerun}")
    meta = blob["meta"]
    missing = [k for k in REQUIRED_META if k not in meta]
    if "task" in meta and model_task(meta, path).has_classes and "class_names" not in meta:
        missing.append("class_names")
    if missing:
        raise InferenceError(f"{path}: saved by an older factoryfl without {missing}; re-run the federation")
    try:
        fields = {f.name for f in dataclasses.fields(ModelConfig)}
        cfg_raw = {k: v for k, v in dict(meta["model"]).items() if k in fields}
        cfg = ModelConfig(**{**cfg_raw, "channels": tuple(cfg_raw.get("channels", ()))})
        model = build_model(int(meta["in_channels"]), int(meta["num_outputs"]), cfg, seed=0)
        model.load_state_dict(blob["state_dict"])
    except (TypeError, ValueError, KeyError, RuntimeError) as exc:
        raise InferenceError(f"{path}: the weights do not fit the model its metadata describes ({exc}); "
                             f"{rerun}") from exc
    personal = PersonalModel(model.extractor, model.head).eval()
    return personal, meta


_KIND_NAMES = {"U": "text", "S": "bytes", "b": "booleans", "c": "complex numbers", "O": "Python objects",
               "M": "dates", "m": "time spans", "V": "raw records"}


def _model_input(x: np.ndarray, path: Path, window: Callable[[int], str]) -> np.ndarray:
    """``x`` as float32 model input, or an error naming the file and window.

    The data loader's rules (common/data): real numbers only, and every window finite. Values beyond
    float32's range (e.g. 1e300 in a float64 file) become ±inf in float32 and are refused too.
    """
    if not is_real(x.dtype):
        what = _KIND_NAMES.get(x.dtype.kind, "non-numeric values")
        raise InferenceError(f"{path}: holds {what} (dtype {x.dtype}); windows must be real numbers (float or "
                             "integer): save them as numbers, e.g. numpy.savez(path, x=windows.astype('float32'))")
    with np.errstate(over="ignore", invalid="ignore"):
        x32 = x.astype(np.float32)  # a copy: arrays read from an .npz are read-only
    bad = first_nonfinite_window(x32)
    if bad is not None:
        raise InferenceError(f"{path}: {window(bad)} contains NaN/Inf or a value beyond float32's range "
                             "(|x| > 3.4e38): clean or drop that window (and any other like it); nothing was predicted")
    return x32


def read_windows(path: Path, channels: int, length: int, input_rate_hz: float | None = None,
                 model_rate_hz: float | None = None) -> np.ndarray:
    """Windows (N, C, L) from a new sensor file.

    ``.npz`` with key ``x`` of shape (N, C, L): pre-cut windows. ``.npy`` (T,) / (C, T) or ``.csv``
    (T rows × C columns): one continuous recording, cut into consecutive windows of L samples
    (a trailing partial window is dropped); recorded at ``input_rate_hz`` when given, it is first
    resampled to the model's rate (as the plant's training data were, with window.resample_to_hz).
    An ``.npz`` may carry its rate under ``sample_rate_hz``: pre-cut windows at another rate are refused.
    Refused, naming the file and window: non-numeric values, NaN/Inf, values beyond float32.
    """
    path = Path(path)
    if not path.exists():
        raise InferenceError(f"{path}: no such file")
    if path.suffix == ".npz":
        too_big = declared_size_problem(path, "input")  # from the headers, before anything is loaded
        if too_big:
            raise InferenceError(too_big)
        try:
            loaded = np.load(path, allow_pickle=False)
            if not isinstance(loaded, np.lib.npyio.NpzFile):
                raise InferenceError(f"{path}: holds one array, not an .npz archive: save windows with "
                                     "numpy.savez(path, x=windows) with shape (N, C, L)")
            with loaded as archive:
                names = list(archive.files)
                x = archive["x"] if "x" in names else None
                carried = archive[RATE_KEY] if RATE_KEY in names else None
        except InferenceError:
            raise
        except READ_ERRORS as exc:
            raise InferenceError(f"{path}: cannot read as .npz ({exc}): save windows with "
                                 "numpy.savez(path, x=windows)") from exc
        if x is None:
            raise InferenceError(f"{path}: no key 'x' (found {names}): save windows as "
                                 "numpy.savez(path, x=windows) with shape (N, C, L)")
        if not isinstance(x, np.ndarray):
            raise InferenceError(f"{path}: key 'x' is not an array: save windows with numpy.savez(path, x=windows)")
        if x.ndim != 3 or x.shape[1:] != (channels, length):
            raise InferenceError(f"{path}: x has shape {x.shape}; this plant's model needs (N, {channels}, {length})")
        if x.shape[0] == 0:
            raise InferenceError(f"{path}: x holds no windows (shape {x.shape}): nothing to predict")
        if carried is not None:
            input_rate_hz = carried_rate(carried, input_rate_hz, path)
        if input_rate_hz is not None and model_rate_hz is not None and \
                abs(input_rate_hz - model_rate_hz) > 1e-9 * model_rate_hz:
            raise InferenceError(f"{path}: pre-cut windows at {input_rate_hz:g} Hz cannot be resampled to the model's "
                                 f"{model_rate_hz:g} Hz: give the continuous recording (.npy/.csv)")
        return _model_input(x, path, lambda i: f"x window {i}")
    if path.suffix not in (".npy", ".csv"):
        raise InferenceError(f"{path}: unsupported file type {path.suffix!r}: use .npz (windows), .npy or .csv")
    problems: list[str] = []
    with np.errstate(over="ignore"):  # a float64 value beyond float32 becomes inf here; refused below
        signal = read_signal_file(path, "input", channels, problems)
    if signal is None or problems:
        raise InferenceError("; ".join(problems) or f"{path}: unreadable")
    resampled = ""
    if input_rate_hz is not None and model_rate_hz is not None:
        values = int(round(signal.shape[-1] * model_rate_hz / input_rate_hz)) * signal.shape[0]
        if values > MAX_RESAMPLED_VALUES:
            raise InferenceError(f"{path}: resampling from --input-rate-hz {input_rate_hz:g} to the model's "
                                 f"{model_rate_hz:g} Hz would make {values:,} values: split the recording into "
                                 "shorter files (or check the rate)")
        signal, _ = at_rate(signal, input_rate_hz, WindowSpec(length=length, resample_to_hz=model_rate_hz))
        resampled = f", after resampling to {model_rate_hz:g} Hz"
    if signal.shape[-1] < length:
        raise InferenceError(f"{path}: {signal.shape[-1]} samples{resampled}, shorter than one window of {length}")
    windows = cut_windows(signal, length, length)
    return _model_input(windows, path,
                        lambda i: f"window {i} (samples {i * length}..{(i + 1) * length - 1}{resampled})")


def _engine_windows(path: Path, recipe: dict[str, Any], channels: int) -> tuple[np.ndarray, list[dict[str, int]]]:
    """C-MAPSS: one window per engine of a raw cycle table, prepared with the site's own recipe."""
    prepared = CmapssRecipe.from_json(recipe)
    try:
        table, columns = read_cycle_table(path, prepared.sensors)
        units, cycles, x = prepared.engine_windows(table, columns, str(path))
    except CycleTableError as exc:
        raise InferenceError(str(exc)) from exc
    if x.shape[1] != channels:  # a recipe saved with another model: should not happen, but never feed it
        raise InferenceError(f"{path}: prepared {x.shape[1]} channels but the model takes {channels}; "
                             "re-run the federation")
    x = _model_input(np.asarray(x), path, lambda i: f"engine {int(units[i])} (its prepared window)")
    return x, [{"engine": int(u), "cycles": int(c)} for u, c in zip(units, cycles)]


def _output_rows(out: torch.Tensor, meta: dict[str, Any], recipe: Any) -> list[dict[str, Any]]:
    """K-output regression (e.g. a soft sensor): every output by name, ŷ_k × target_scale_k (clipped into
    target_range), plus the plant's ``target_offset`` when its recipe has one (TEP quality: the normal-run
    mean its targets were taken from, so the values are absolute, e.g. mol %)."""
    k = int(meta["num_outputs"])
    names = [str(n) for n in meta.get("target_names") or []] or [f"y{i}" for i in range(k)]
    scale = np.broadcast_to(np.asarray(meta.get("target_scale", 1.0), np.float64), (k,))
    values = clip_to_range(out[:, :k].numpy().astype(np.float64) * scale, meta.get("target_range"))
    offset = recipe.get("target_offset") if isinstance(recipe, dict) else None
    if isinstance(offset, list) and len(offset) == k:
        values = values + np.asarray(offset, np.float64)
    return [{"window": i, **{n: float(v) for n, v in zip(names, row)}} for i, row in enumerate(values)]


def process_windows(path: Path, recipe: dict[str, Any], channels: int, length: int) -> np.ndarray:
    """A process plant (recipe ``process-zscore/v1``: ``tep``, ``directory`` kind table): a raw recording of
    every variable the recipe lists (.npy (C, T) or .csv T rows x C columns, in the recipe's order; a table
    plant's .csv is a run as in its directory: header, time column, checked at the plant's interval),
    z-scored with the plant's own normal statistics, the model's input variables kept, cut into
    non-overlapping windows of ``length`` rows."""
    try:
        zscore = ZScore.from_recipe(recipe)
    except ValueError as exc:
        raise InferenceError(f"{path}: {exc}") from exc
    problems: list[str] = []
    time = recipe.get("time")
    if isinstance(time, dict) and path.suffix == ".csv":  # a table plant: its CSV runs, time column and header
        table = read_table(path, "input", TableSpec(str(time["column"]), str(time["unit"]), zscore.variables),
                           problems)
        interval = float(recipe.get("interval_s", 0.0))
        model_interval = recipe.get("model_interval_s")
        if table is not None and model_interval is not None:  # trained with window.resample_to_hz: resample
            # the run from the interval its time column states, as the plant's training runs were
            raw, _ = resample_rows(table.rows, table.interval_s,
                                   WindowSpec(length=length, resample_to_hz=1.0 / float(model_interval)))
        elif table is not None and abs(table.interval_s - interval) > INTERVAL_TOLERANCE * interval:
            problems.append(f"{path}: sampled every {table.interval_s:g} s, the plant's model every {interval:g} s: "
                            "resample the recording to the plant's interval")
            raw = None
        else:
            raw = None if table is None or problems else table.rows
    else:
        signal = read_signal_file(path, "input", len(zscore.variables), problems)
        raw = None if signal is None else signal.T
    if raw is None or problems:
        raise InferenceError("; ".join(problems) + f" (the plant's variables, in order: {list(zscore.variables)})")
    rows = zscore.apply(raw)
    inputs = recipe.get("inputs")
    if isinstance(inputs, list):
        rows = rows[:, [zscore.variables.index(name) for name in inputs]]
    if rows.shape[1] != channels or len(rows) < length:
        raise InferenceError(f"{path}: {len(rows)} rows of {rows.shape[1]} input variables; the model takes windows "
                             f"of {length} rows x {channels} variables")
    return _model_input(cut_windows(rows.T, length, length), path,
                        lambda i: f"window {i} (rows {i * length}..{(i + 1) * length - 1})")


def predict(state_dir: Path, input_path: Path, input_rate_hz: float | None = None,
            shaft_rpm: float | None = None) -> dict[str, Any]:
    """Classes + probabilities (classification) or RUL (regression) for every window of the file.

    A C-MAPSS plant's model also takes raw engine cycle tables (``.txt`` in NASA's layout or
    ``.csv`` with a header): one prediction per engine, at its last cycle, prepared exactly as the
    site's test engines were (:mod:`common.data.cmapss_recipe`).

    ``input_rate_hz``: the file's sampling rate, when it differs from the model's (a plant that
    trained with window.resample_to_hz records at its own rate); such a plant's raw recording
    without it is refused, as its rate cannot be assumed (:func:`require_declared_rate`).

    ``shaft_rpm``: the machine's shaft speed during the recording, for a plant trained with order
    tracking (window.samples_per_revolution); default the plant's own declared speed."""
    check_input_rate(input_rate_hz)
    anomaly = _kept_detector(Path(state_dir))   # plants[].detector: health score and alarm per window
    try:
        model, meta = load_personal_model(state_dir)
    except InferenceError:
        if anomaly is None:
            raise
        model, meta = None, anomaly[1]   # a plant with a detector and no kept classifier: health only
    model_rate = order_tracked_rate(meta, shaft_rpm) or _model_rate(meta)
    if input_rate_hz is not None and model_rate is None:
        raise InferenceError(f"{state_dir}: the model does not record its sampling rate, so a recording at "
                             f"{input_rate_hz:g} Hz cannot be resampled to it: drop --input-rate-hz")
    if input_rate_hz is not None and model_rate is not None and \
            not 1 / MAX_RATE_RATIO <= model_rate / input_rate_hz <= MAX_RATE_RATIO:
        raise InferenceError(f"--input-rate-hz {input_rate_hz:g}: this plant's model works at {model_rate:g} Hz; "
                             f"a recording more than {MAX_RATE_RATIO:g}× slower or faster cannot be resampled "
                             "to it: give the recording's real sampling rate in Hz (or drop the flag if it is "
                             f"{model_rate:g} Hz)")
    recipe = meta.get("preprocessing") or {}
    engines: list[dict[str, int]] | None = None
    used, read = _channel_selection(meta, Path(state_dir))
    if isinstance(recipe, dict) and recipe.get("kind") == RECIPE_KIND and Path(input_path).suffix in (".txt", ".csv"):
        x, engines = _engine_windows(Path(input_path), recipe, read)
    elif isinstance(recipe, dict) and recipe.get("kind") == PROCESS_RECIPE_KIND and \
            Path(input_path).suffix in (".npy", ".csv"):
        x = process_windows(Path(input_path), recipe, read, int(meta["window_length"]))
    else:
        require_declared_rate(Path(input_path), input_rate_hz, model_rate, meta)
        x = read_windows(input_path, read, int(meta["window_length"]), input_rate_hz, model_rate)
    if used:   # the plant's use_channels: the channels its model takes, in its order
        x = select_in_windows(x, used)
    if model is None:
        assert anomaly is not None
        return _with_health({"plant_id": meta.get("plant_id"), "run": meta.get("run"), "input": str(input_path),
                             "model": None, "task": meta["task"], "windows": len(x),
                             "predictions": [{"window": i} for i in range(len(x))]}, anomaly, x)
    with torch.no_grad():
        out = model(torch.from_numpy(x))
    bad = np.flatnonzero(~torch.isfinite(out).all(dim=1).numpy())
    if bad.size:
        i = int(bad[0])
        what = f"engine {engines[i]['engine']}" if engines else f"window {i}"
        raise InferenceError(f"{input_path}: the model's output for {what} is not finite (its input reaches "
                             f"|x| = {float(np.abs(x[i]).max()):.3g}): prepare the input as in training (model card: "
                             "data_used.notes), or the model file is damaged: re-run the federation")
    rows: list[dict[str, Any]] = []
    smoothing: float | None = None   # a classifier's posterior smoothing λ (set below)
    smoothed = False
    routed = None   # classes decided by the plant's never-had routing rule, when it has one
    if not model_task(meta, Path(state_dir)).has_classes and int(meta["num_outputs"]) > 1:
        rows = _output_rows(out, meta, recipe)
    elif not model_task(meta, Path(state_dir)).has_classes:
        values = clip_to_range((out[:, 0] * float(meta.get("target_scale", 1.0))).numpy(),
                               meta.get("target_range"))
        rows = [{"window": i, **(engines[i] if engines else {}), "rul": float(v)} for i, v in enumerate(values)]
    else:
        names = list(meta["class_names"])
        probs = torch.softmax(out, dim=1).numpy()
        routed = _never_had_routing(model, meta, x, out)
        rule = OpenSetRule.from_dict(meta.get(OPEN_SET_KEY))  # absent: a model kept before open set
        if rule is not None:
            try:
                saved = _saved_model(Path(state_dir), rule.extractor) if rule.extractor else None
                scorer = rule_extractor(model.extractor, rule, saved)
            except (ValueError, RuntimeError, KeyError, OSError) as exc:
                raise InferenceError(f"{state_dir}: {exc}; re-run the federation") from exc
            with torch.no_grad():
                scores = rule.scores(scorer(torch.from_numpy(x)).numpy())
        smoothing = _kept_smoothing(meta, Path(state_dir))   # client/smoothing.py; 1: none
        smoothed = smoothing < 1.0 and routed is None
        decide = probs
        if smoothed:   # the file is one recording, its windows consecutive
            length = int(meta["window_length"])
            decide = smooth_log_posteriors(torch.log_softmax(out, dim=1).numpy(), smoothing, length, length)
        for i, p in enumerate(probs):
            label = int(decide[i].argmax()) if routed is None else int(routed[0][i])
            rows.append({"window": i, **(engines[i] if engines else {}), "class": names[label],
                         "probability": float(p[label]),
                         **{f"p_{n}": float(v) for n, v in zip(names, p)}})
            if routed is not None:  # the plant's never-had routing decided the class (common.transfer.routing)
                rows[-1].update({"never_had": bool(not routed[1].own[label]),
                                 "own_class_distance": float(routed[2][i])})
            if rule is not None:  # keys added; "class" is "unknown" above the threshold
                rows[-1].update(open_set_row(rows[-1]["class"], float(scores[i]), rule))
    result = {"plant_id": meta.get("plant_id"), "run": meta.get("run"), "input": str(input_path),
              "model": meta.get("chosen", "federated_personalised"), "task": meta["task"], "windows": len(rows),
              "predictions": rows}
    if smoothing is not None and isinstance(meta.get(SMOOTHING_KEY), dict):
        result[SMOOTHING_KEY] = {"weight": smoothing, "applied": smoothed,
                                 "reason": str(meta[SMOOTHING_KEY].get("reason", "")),
                                 "note": ("each window's class weighs the windows before it in this file (one "
                                          "recording, windows consecutive in time order); probability is the "
                                          "window's own" if smoothed else "each window decided on its own")}
    if isinstance(meta.get(OPEN_SET_KEY), dict):  # the rule's threshold and origin (not its Gaussians)
        result[OPEN_SET_KEY] = {k: v for k, v in meta[OPEN_SET_KEY].items()
                                if k not in ("means", "precision", "clusters")}
    if meta.get("warning"):  # the kept model calls nearly every training window one class (guard, no labels)
        result["warning"] = str(meta["warning"])
        logger.warning("%s", result["warning"])
    if routed is not None:
        result[ROUTING_KEY] = {"threshold": routed[1].threshold, "n_reference": routed[1].n_reference,
                               "own_classes": [n for n, own in zip(meta["class_names"], routed[1].own) if own]}
    return _with_health(result, anomaly, x)


def _channel_selection(meta: dict[str, Any], state_dir: Path) -> tuple[tuple[int, ...], int]:
    """(the channels the model takes of a recording, how many channels a recording has): the plant's
    ``use_channels`` and its data's channel count, or ((), the model's channels) without a selection."""
    channels = int(meta["in_channels"])
    used, read = meta.get("use_channels"), meta.get("channels_read")
    if not used:
        return (), channels
    try:
        selection = tuple(int(c) for c in used)
        count = int(read) if read is not None else -1
    except (TypeError, ValueError) as exc:
        raise InferenceError(f"{state_dir}: the kept model's use_channels entry is unreadable ({exc}); "
                             "re-run the federation") from exc
    if len(selection) != channels or any(not 0 <= c < count for c in selection):
        raise InferenceError(f"{state_dir}: the kept model's use_channels {list(selection)} do not fit its "
                             f"{channels} input channel(s) of {count}; re-run the federation")
    return selection, count


def _kept_smoothing(meta: dict[str, Any], state_dir: Path) -> float:
    """λ of the posterior smoothing kept with the model (1: none); a damaged entry is refused."""
    try:
        return kept_weight(meta)
    except (TypeError, ValueError) as exc:
        raise InferenceError(f"{state_dir}: the kept model's posterior_smoothing entry is unreadable ({exc}); "
                             "re-run the federation") from exc


def _kept_detector(state_dir: Path) -> tuple[Any, dict[str, Any]] | None:
    """What raises the plant's alarm (its detector, or the union with its baseline; client/anomaly.py),
    or None when it has no detector."""
    from client.anomaly import load_kept_alarm

    try:
        return load_kept_alarm(state_dir)
    except (ValueError, KeyError, RuntimeError, OSError) as exc:
        raise InferenceError(f"{state_dir}: unreadable anomaly detector ({exc}); re-run the federation") from exc


def _with_health(result: dict[str, Any], anomaly: tuple[Any, dict[str, Any]] | None, x: np.ndarray) -> dict[str, Any]:
    """Adds ``window_score``, ``health_score`` (smoothed, when the detector smooths; a union's largest chart
    over its threshold), ``above_threshold`` and ``alarm`` to every window (the file is one recording in time
    order, for smoothing and persistence) and the detector's card under ``anomaly``."""
    if anomaly is None:
        return result
    from client.anomaly import detector_card, health_rows

    for row, health in zip(result["predictions"], health_rows(anomaly[0], x)):
        row.update(health)
    result["anomaly"] = detector_card(anomaly[1]["detector"])
    return result


def _never_had_routing(model: Any, meta: dict[str, Any], x: np.ndarray,
                       logits: torch.Tensor) -> tuple[np.ndarray, RoutingRule, np.ndarray] | None:
    """(classes, rule, own-class distances) when the kept model carries a never-had routing rule
    (a plant labelled for only some of the federation's classes), else None."""
    rule = RoutingRule.from_dict(meta.get(ROUTING_KEY))
    if rule is None or model is None or len(rule.own) != logits.shape[1]:
        return None
    with torch.no_grad():
        features = model.extractor(torch.from_numpy(x)).numpy()
    return rule.predict(features, logits.numpy()), rule, rule.scores(features)


def open_set_row(closed_set_class: str, score: float, rule: OpenSetRule) -> dict[str, Any]:
    """A window's open-set keys: ``unknown_score`` (Mahalanobis), ``known_class`` (the argmax), and
    ``class`` = ``"unknown"`` when the score is above the plant's threshold."""
    unknown = bool(rule.is_unknown(np.array([score]))[0])
    return {"class": UNKNOWN if unknown else closed_set_class, "known_class": closed_set_class,
            "unknown_score": score, "unknown": unknown}


def _saved_model(state_dir: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(state_dict, meta) of another plant-local model file the kept model's metadata names, or None."""
    path = state_dir / MODELS_DIR / f"{name}.pt"
    if not path.exists():
        return None
    blob = torch.load(path, map_location="cpu", weights_only=True)
    return blob["state_dict"], blob["meta"]


def check_input_rate(input_rate_hz: float | None) -> None:
    """``--input-rate-hz``: absent, or a finite rate > 0 Hz."""
    if input_rate_hz is not None and not (math.isfinite(input_rate_hz) and input_rate_hz > 0):
        raise InferenceError(f"--input-rate-hz {input_rate_hz:g}: a sampling rate must be > 0 Hz and finite "
                             "(the recording's rate, e.g. 16000)")


def require_declared_rate(path: Path, input_rate_hz: float | None, model_rate: float | None,
                          meta: dict[str, Any]) -> None:
    """A raw recording (.npy/.csv) carries no rate: refuse one without ``--input-rate-hz`` when the
    model's rate cannot be assumed, i.e. the plant's windows were resampled to it from the plant's
    own rate (``window.resample_to_hz``), so its recordings need not be at the model's rate."""
    if input_rate_hz is not None or model_rate is None or path.suffix not in (".npy", ".csv"):
        return
    if meta.get("resample_to_hz") is None and meta.get("samples_per_revolution") is None:
        return  # the model's windows are at the plant's own recording rate: a recording is assumed at it
    raise InferenceError(f"{path}: a raw recording carries no sampling rate and this plant's model works on windows "
                         f"resampled to {model_rate:g} Hz (window.resample_to_hz), so the rate cannot be assumed: "
                         "give the recording's rate with --input-rate-hz (e.g. --input-rate-hz 48000; "
                         f"--input-rate-hz {model_rate:g} if it was recorded at the model's rate)")


def carried_rate(value: np.ndarray, input_rate_hz: float | None, path: Path) -> float:
    """The sampling rate an .npz carries (key ``sample_rate_hz``), checked against ``--input-rate-hz``."""
    try:
        rate = float(np.asarray(value).item())
    except (TypeError, ValueError):
        rate = float("nan")
    if not (math.isfinite(rate) and rate > 0):
        raise InferenceError(f"{path}: key {RATE_KEY!r} must be one sampling rate > 0 Hz, got {np.asarray(value)!r}: "
                             f"save it as numpy.savez(path, x=windows, {RATE_KEY}=12000.0) or leave it out")
    if input_rate_hz is not None and abs(input_rate_hz - rate) > 1e-9 * rate:
        raise InferenceError(f"--input-rate-hz {input_rate_hz:g} contradicts {path}'s {RATE_KEY}={rate:g}: "
                             "drop the flag (the file's rate is used) or correct the file")
    return rate


def order_tracked_rate(meta: dict[str, Any], shaft_rpm: float | None) -> float | None:
    """With order tracking, the rate a recording at ``shaft_rpm`` (default: the plant's own speed) is
    brought to: samples_per_revolution × f_shaft; None for a model without order tracking."""
    spr = meta.get("samples_per_revolution")
    if spr is None:
        if shaft_rpm is not None:
            raise InferenceError("--shaft-rpm applies to a plant trained with order tracking "
                                 "(window.samples_per_revolution); this plant's model was not: drop --shaft-rpm")
        return None
    rpm = shaft_rpm if shaft_rpm is not None else meta.get("shaft_speed_rpm")
    if rpm is None or not math.isfinite(float(rpm)) or float(rpm) <= 0:
        raise InferenceError(f"--shaft-rpm {rpm}: give the machine's shaft speed during the recording in rpm "
                             "(a finite value > 0), e.g. --shaft-rpm 1750")
    return float(spr) * float(rpm) / 60.0


def _model_rate(meta: dict[str, Any]) -> float | None:
    rate = meta.get("sample_rate_hz")
    try:
        rate = float(rate) if rate is not None else None
    except (TypeError, ValueError):
        return None
    return rate if rate is not None and math.isfinite(rate) and rate > 0 else None


def write_predictions(result: dict[str, Any], out: Path) -> Path:
    out = Path(out)
    if out.suffix == ".json":
        atomic_write_json(out, result)
        return out
    rows = result["predictions"]
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=list(rows[0]) if rows else ["window"])
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(out, text.getvalue())
    return out
