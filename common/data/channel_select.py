"""A plant's choice of input channels: ``use_channels`` picks which of its sensors feed the model.

A plant with more sensors than the federation's model takes (a second accelerometer, another
axis) joins with the ones that match, e.g. ``use_channels: [0]``; the order given is the order
the model sees them in, so two plants can map differently named sensors onto the same inputs.
The selection is kept with the plant's model (``PlantData.channels_used``/``channels_read``), and
`factoryfl predict` applies it to every new recording, which must then have ``channels_read``
channels as the plant's data did.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from common.data.errors import DataValidationError
from common.data.types import PlantData, WindowSet

KEY = "use_channels"


def channel_problems(channels: Sequence[int] | None, key: str = KEY) -> list[str]:
    """What is wrong with a ``use_channels`` value on its own (the data's channel count is checked on load)."""
    if channels is None:
        return []
    values = list(channels)
    if not values:
        return [f"{key} is empty: list the 0-based channels this plant uses, e.g. [0] (or leave it out for all)"]
    if any(isinstance(c, bool) or not isinstance(c, int) or c < 0 for c in values):
        return [f"{key} must list 0-based channel numbers (integers >= 0), got {values}: e.g. [0] or [1, 0]"]
    if len(set(values)) != len(values):
        return [f"{key} names a channel twice ({values}): list each channel once"]
    return []


def parse_channel_list(value: object, key: str, example: str) -> tuple[tuple[int, ...] | None, list[str]]:
    """A command-line or node-config value (``"1,0"``, or one integer) as channels, with
    :func:`channel_problems`; (None, [one line naming ``key``, the value and ``example``]) when it is not."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None, [f"{key} {value!r}: list 0-based channel numbers separated by commas, e.g. {example}"]
    try:
        channels = (value,) if isinstance(value, int) else tuple(int(part) for part in value.split(","))
    except ValueError:
        return None, [f"{key} {value!r}: list 0-based channel numbers separated by commas, e.g. {example}"]
    problems = channel_problems(channels, key)
    return (None if problems else channels), problems


def select_channels(data: PlantData, channels: Sequence[int]) -> PlantData:
    """``data`` with only ``channels`` of its windows, in that order; DataValidationError naming the plant,
    the key and the channels the data has when one is out of range."""
    wanted = tuple(int(c) for c in channels)
    problems = channel_problems(wanted)
    have = data.channels
    beyond = [c for c in wanted if c >= have]
    if beyond and not problems:
        problems.append(f"{KEY} {list(wanted)} names channel(s) {beyond} but the data have {have} channel(s) "
                        f"(0..{have - 1}): pick among those")
    if problems:
        raise DataValidationError(problems, f"plant {data.plant_id!r}")
    index = np.asarray(wanted, dtype=np.int64)

    def pick(ws: WindowSet) -> WindowSet:
        return dataclasses.replace(ws, x=np.ascontiguousarray(ws.x[:, index]))

    return dataclasses.replace(data, train=pick(data.train), test=pick(data.test), channels_used=wanted,
                               channels_read=have)


def select_in_windows(x: np.ndarray, channels: Sequence[int]) -> np.ndarray:
    """New windows (N, C, L) of a recording with the plant's channel selection applied."""
    return np.ascontiguousarray(x[:, np.asarray(tuple(channels), dtype=np.int64)])
