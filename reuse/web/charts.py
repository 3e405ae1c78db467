"""Bar charts drawn on the server as inline SVG: the geometry here, the markup in a template."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar: where it stands and what it counts."""

    x: float
    y: float
    width: float
    height: float
    value: int
    series: int


@dataclass(frozen=True)
class Tick:
    """A horizontal guide line with its value."""

    y: float
    value: int


@dataclass(frozen=True)
class GroupLabel:
    """The label under a group of bars."""

    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    """A grouped bar chart in a width x height box (viewBox units)."""

    width: int
    height: int
    plot_top: float
    plot_bottom: float
    plot_left: float
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[GroupLabel]


def nice_step(value: float) -> int:
    """The smallest whole 1, 2 or 5 times a power of ten at least `value` (a readable step)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def grouped_bars(
    groups: list[tuple[str, tuple[int, ...]]],
    *,
    width: int = 720,
    height: int = 240,
    ticks: int = 4,
) -> BarChart:
    """Bars for each (label, values) group, side by side, on one scale from zero."""
    left, right, top, bottom = 44.0, 8.0, 10.0, 28.0
    plot_height = height - top - bottom
    series = max((len(values) for _, values in groups), default=1)
    step = nice_step(max((v for _, values in groups for v in values), default=0) / ticks)
    top_value = step * ticks
    slot = (width - left - right) / max(len(groups), 1)
    bar_width = slot * 0.8 / series
    bars, labels = [], []
    for index, (label, values) in enumerate(groups):
        start = left + index * slot + slot * 0.1
        for number, value in enumerate(values):
            bar_height = plot_height * value / top_value
            bars.append(
                Bar(
                    x=round(start + number * bar_width, 1),
                    y=round(top + plot_height - bar_height, 1),
                    width=round(bar_width - 1, 1),
                    height=round(bar_height, 1),
                    value=value,
                    series=number,
                )
            )
        labels.append(GroupLabel(x=round(left + index * slot + slot / 2, 1), text=label))
    guide = [
        Tick(y=round(top + plot_height - plot_height * n / ticks, 1), value=step * n)
        for n in range(ticks + 1)
    ]
    return BarChart(width, height, top, top + plot_height, left, bars, guide, labels)
