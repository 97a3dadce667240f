"""Soft sensors: predict slow, late quality measurements (analysers) from fast process variables.

- :mod:`.pls`: partial least squares (PLS2), the classic per-plant soft sensor, in numpy, with the
  number of latent variables chosen on the plant's own validation windows.
- :mod:`.tep_quality`: the TEP product analysers XMEAS(37..41) as a K-output regression target,
  aligned in time to the sample each reported value describes.
- :mod:`.ridge_head`: personalisation mode ``ridge``: the personal head refitted in closed form by ridge
  regression on the plant's features, λ per output by blocked cross-validation.
"""
