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


def load_plant_data(source: str, plant_id: str, params: Any, window: WindowSpec, base_dir: Path) -> PlantData:
    """Load ``plant_id`` from source ``source`` with ``params`` and validate the result.

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
    logger.info(
        "loaded plant %s from %s: %d train (%d labelled) / %d test windows, %d classes",
        plant_id, source, len(data.train), data.train.num_labelled, len(data.test), data.num_classes,
    )
    return data
