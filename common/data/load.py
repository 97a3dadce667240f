"""One entry point to load a plant from any registered source, checked end to end."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from common.extensions.data_sources import DATA_SOURCES, params_type

from .errors import raise_if_problems
from .types import PlantData
from .validate import validate_plant_data
from .windowing import WindowSpec

logger = logging.getLogger(__name__)


def log_loaded(data: PlantData, labels_note: str = "") -> None:
    """The load log line: windows, labelled windows (with ``labels_note``, e.g. what kept them), classes."""
    note = f" {labels_note}" if labels_note else ""
    logger.info(
        "loaded plant %s from %s: %d train (%d labelled%s) / %d test windows, %d classes",
        data.plant_id, data.source, len(data.train), data.train.num_labelled, note, len(data.test), data.num_classes,
    )


def load_plant_data(source: str, plant_id: str, params: Any, window: WindowSpec, base_dir: Path,
                    log: bool = True) -> PlantData:
    """Load ``plant_id`` from source ``source`` with ``params`` and validate the result.

    ``log``: write the load log line here; False when the caller changes the labels first (a
    plant's ``labelled_fraction``) and logs the count it keeps with :func:`log_loaded`.

    Raises KeyError (:class:`~common.registry.UnknownName`) for an unknown source, TypeError when
    ``params`` is not the source's params type, DataValidationError for bad params, bad data or
    an unusable result.
    """
    expected = params_type(source)
    if not isinstance(params, expected):
        raise TypeError(f"data source {source!r} needs params of type {expected.__name__}, got {type(params).__name__}")
    raise_if_problems(list(params.problems()) + window.problems(), f"{source} plant {plant_id!r}")
    data = DATA_SOURCES.load(source)(plant_id, params, window, base_dir=Path(base_dir))
    if data.window_length != window.length:
        raise_if_problems(
            [f"plant {plant_id!r}: windows are {data.window_length} samples but window.length is {window.length}"]
        )
    validate_plant_data(data)
    if log:
        log_loaded(data)
    return data
