"""Rolling-element bearing kinematics: the characteristic defect frequencies.

Used by the synthetic source to place fault impulses where a real bearing would put
them, and by tests/analysis to look for those frequencies in envelope spectra.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class DefectFrequencies:
    """Characteristic frequencies in Hz for one shaft speed."""

    shaft: float  # f_r, shaft rotation
    ftf: float  # fundamental train (cage) frequency
    bpfo: float  # ball pass frequency, outer race
    bpfi: float  # ball pass frequency, inner race
    bsf: float  # ball spin frequency


@dataclass(frozen=True)
class BearingGeometry:
    """Bearing geometry: number of rolling elements, ball/pitch diameter ratio d/D, contact angle."""

    n_balls: int = 9
    ball_pitch_ratio: float = 0.2
    contact_angle_deg: float = 0.0

    def frequencies(self, shaft_hz: float) -> DefectFrequencies:
        """Classic defect frequencies for a stationary outer race and shaft speed ``shaft_hz``."""
        r = self.ball_pitch_ratio * math.cos(math.radians(self.contact_angle_deg))
        n = self.n_balls
        return DefectFrequencies(
            shaft=shaft_hz,
            ftf=shaft_hz / 2.0 * (1.0 - r),
            bpfo=n / 2.0 * shaft_hz * (1.0 - r),
            bpfi=n / 2.0 * shaft_hz * (1.0 + r),
            bsf=shaft_hz / (2.0 * self.ball_pitch_ratio) * (1.0 - r * r),
        )


DEFAULT_BEARING = BearingGeometry()
"""Geometry used by the synthetic source (9 balls, d/D = 0.2, 0 degree contact angle)."""
