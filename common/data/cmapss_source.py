"""The ``cmapss`` data source's loader: a site's splits (:mod:`.cmapss`) and its recipe (:mod:`.cmapss_recipe`).

Imports go one way: ``cmapss_recipe`` builds on ``cmapss``, and this module on both.
"""

from __future__ import annotations

from pathlib import Path

from .cmapss import CmapssParams, cmapss_cross_window_statistics, load_cmapss_splits
from .cmapss_recipe import CmapssRecipe
from .errors import DataValidationError
from .types import PlantData
from .windowing import WindowSpec


def load_cmapss(
    plant_id: str, params: CmapssParams, window: WindowSpec | None = None, *, base_dir: Path = Path(".")
) -> PlantData:
    """Load one C-MAPSS sub-set as one plant: train windows and the official test engines.

    ``window`` is accepted for the registry's loader signature and ignored (``sequence_length``
    and ``train_stride`` define the windows; the test split is the official one). Validation
    engines (``validation_units``) are left out of this plant's train split; get their windows
    from :func:`load_cmapss_splits`.
    """
    for key in ("resample_to_hz", "samples_per_revolution"):
        if window is not None and getattr(window, key) is not None:
            raise DataValidationError([f"window.{key}={getattr(window, key):g} does not apply to C-MAPSS "
                                       "(one row per engine cycle, no sampling rate): unset it"],
                                      f"cmapss plant {plant_id!r}")
    try:
        splits = load_cmapss_splits(params, base_dir=base_dir)
    except DataValidationError as exc:
        raise DataValidationError(exc.problems, f"cmapss plant {plant_id!r}") from exc
    return PlantData(
        plant_id=plant_id,
        train=splits.train,
        test=splits.validation if params.evaluate_on == "validation" else splits.test,
        class_names=params.class_names,
        sample_rate_hz=1.0,
        source="cmapss",
        notes=splits.notes,
        task=params.task,
        target_name=f"RUL (cycles, capped at {params.rul_cap:g})",
        preprocessing=CmapssRecipe.from_splits(params, splits).to_json(),
        cross_window_statistics=cmapss_cross_window_statistics(params),
    )
