"""Registry of anomaly detectors (``plants[].detector``): a health score per window, inside the plant.

A detector (the interface is ``common/anomaly/detector.py``) is a class with ``fit(x)`` on the
plant's normal windows only, ``score(x) -> (N,)`` (higher = more anomalous), ``state()`` and the
classmethod ``from_state(state)`` (arrays kept in the plant's state directory, never sent). The
fact ``input`` says what ``x`` is: ``"windows"`` (N, C, L), ``"features"`` (N, D), the shared
extractor's features of the windows, or ``"logits"`` (N, K), the shared model's outputs. The alarm
threshold is not the detector's: the plant calibrates it to ``false_alarm_rate`` on held-out normal
windows (``common/anomaly/calibration.py``).
Adding one: a module with the class plus one ``DETECTORS.add(name, "module:Class", input=...,
summary=...)`` line here (CONTRIBUTING.md).
"""

from common.registry import Registry

DETECTORS = Registry(
    "anomaly detector", "plants[].detector",
    "Scores a plant's own windows for anomalies, inside the plant: fit on its normal training windows, "
    "alarm threshold calibrated to a target false-alarm rate on its held-out normal windows.",
)

DETECTORS.add("feature_mahalanobis", "common.anomaly.feature:FeatureMahalanobis", input="features",
              summary="squared Mahalanobis distance to the normal windows' features of the shared extractor "
                      "(Ledoit–Wolf shrinkage covariance)")
DETECTORS.add("logit_mahalanobis", "common.anomaly.feature:FeatureMahalanobis", input="logits",
              summary="squared Mahalanobis distance to the normal windows' outputs of the shared model (its "
                      "evidence for each of the federation's classes, learnt from the plants with faults; "
                      "Ledoit–Wolf)")
DETECTORS.add("pca_t2_spe", "common.anomaly.pca:PcaT2Spe", input="windows",
              summary="classic PCA monitor of the process rows: mean over a window's rows of max(T²/T²_α, SPE/SPE_α) "
                      "(F and Jackson–Mudholkar limits; components for 90 % of the normal variance)")
