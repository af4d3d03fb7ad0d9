"""Server-rendered SVG line charts (no JavaScript, strict-CSP safe): geometry for templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import format_date

WIDTH = 640
HEIGHT = 220
LEFT = 40
RIGHT = 12
TOP = 12
BOTTOM = 28


@dataclass
class Line:
    css_class: str
    label: str
    segments: list[str]  # "x,y x,y …" per unbroken run (a missing day breaks the line)
    last: int | None


@dataclass
class Chart:
    width: int
    height: int
    lines: list[Line]
    # Coordinates are strings: a template would localise a float to "192,0" (Dutch).
    y_ticks: list[tuple[str, str, int]]  # (y, label x, value)
    x_ticks: list[tuple[str, str, str]]  # (x, label y, label)
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


def _nice_max(value: int) -> int:
    for step in (4, 8, 20, 40, 80, 100, 200, 400, 800, 1000, 2000, 4000, 10000):
        if value <= step:
            return step
    return ((value // 10000) + 1) * 10000


def line_chart(
    days: list[date], series: list[tuple[str, str, list[int | None]]], *, y_max: int | None = None
) -> Chart:
    """Lines over days. `series`: (css class, label, values per day; None = no data)."""
    top_value = (
        y_max
        if y_max is not None
        else max([v for _, _, values in series for v in values if v is not None] or [0])
    )
    top_value = _nice_max(max(top_value, 1))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(days) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + i * step, 1)

    def y(v: int) -> float:
        return round(TOP + plot_h - v * plot_h / top_value, 1)

    lines = []
    for css_class, label, values in series:
        segments, current = [], []
        for i, value in enumerate(values):
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            current.append(f"{x(i)},{y(value)}")
        if current:
            segments.append(" ".join(current))
        last = next((v for v in reversed(values) if v is not None), None)
        lines.append(Line(css_class=css_class, label=label, segments=segments, last=last))
    y_ticks = [(f"{y(top_value * k // 4)}", str(LEFT - 6), top_value * k // 4) for k in range(5)]
    x_ticks = [
        # Issue 13: one date format per context, with the year ("3 sep 2026", not "03-09").
        (f"{x(i)}", str(HEIGHT - 8), format_date(day, "short"))
        for i, day in enumerate(days)
        if i % 15 == 0 or i == len(days) - 1
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
    )
