"""Plant data for factoryfl: windowed vibration data per plant from several sources.

Sources (registered in :mod:`common.extensions.data_sources`): ``synthetic`` (physically motivated simulation), ``cwru``
(real CWRU bearing data read from the shared data set), ``cmapss`` (NASA C-MAPSS turbofan
run-to-failure data, RUL regression / failure prediction) and ``directory`` (bring your own
data, format in FORMAT.md). ``load_plant_data`` loads and validates one plant.
"""

from .bearing import DEFAULT_BEARING, BearingGeometry, DefectFrequencies
from .cmapss import (
    CMAPSS_INFORMATIVE_SENSORS,
    CMAPSS_SENSORS,
    DEFAULT_CMAPSS_DIR,
    CmapssParams,
    CmapssSplits,
    load_cmapss_splits,
    operating_conditions,
)
from .cmapss_source import load_cmapss
from .cwru import CWRU_FAULT_CLASSES, DEFAULT_CWRU_DIR, CwruParams, load_cwru
from .directory import DirectoryParams, load_directory
from .errors import DataValidationError, raise_if_problems
from .load import load_plant_data
from .manifest import FORMAT_VERSION, MANIFEST_NAME
from .synthetic import KNOWN_CLASSES, SyntheticParams, load_synthetic, make_plant_params, synthesize_recording
from .types import TASKS, UNLABELLED, PlantData, WindowSet
from .validate import validate_plant_data
from .windowing import (
    WindowSpec,
    apply_k_shot,
    apply_label_fraction,
    cut_windows,
    min_split_samples,
    num_windows,
    split_recording,
)

__all__ = [
    "BearingGeometry",
    "CMAPSS_INFORMATIVE_SENSORS",
    "CMAPSS_SENSORS",
    "CWRU_FAULT_CLASSES",
    "CmapssParams",
    "CmapssSplits",
    "CwruParams",
    "DEFAULT_BEARING",
    "DEFAULT_CMAPSS_DIR",
    "DEFAULT_CWRU_DIR",
    "DataValidationError",
    "DefectFrequencies",
    "DirectoryParams",
    "FORMAT_VERSION",
    "KNOWN_CLASSES",
    "MANIFEST_NAME",
    "PlantData",
    "SyntheticParams",
    "TASKS",
    "UNLABELLED",
    "WindowSet",
    "WindowSpec",
    "apply_k_shot",
    "apply_label_fraction",
    "cut_windows",
    "load_cmapss",
    "load_cmapss_splits",
    "load_cwru",
    "load_directory",
    "load_plant_data",
    "load_synthetic",
    "make_plant_params",
    "min_split_samples",
    "num_windows",
    "operating_conditions",
    "raise_if_problems",
    "split_recording",
    "synthesize_recording",
    "validate_plant_data",
]
