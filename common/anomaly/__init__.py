"""Anomaly detection for plants with only normal data: pure functions, no network, no Flower.

- :mod:`.pca`: PCA monitoring of process rows with Hotelling T² and SPE (Q) and their classical
  and empirical control limits (the classic baseline);
- :mod:`.feature`: a Mahalanobis detector on extractor features (Ledoit–Wolf shrinkage);
- :mod:`.calibration`: the alarm threshold for a target false-alarm rate on held-out normal
  windows, and persistence (k of the last n windows);
- :mod:`.smoothing`: an EWMA of the window scores of a recording, its threshold calibrated on the
  smoothed held-out normal scores;
- :mod:`.metrics`: AUROC, detection rate, false alarms per day, detection delay;
- :mod:`.detector`: the interface every registered detector (``plants[].detector``) has.
"""
