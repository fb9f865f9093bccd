"""Bar charts with standard-error bars, drawn off-screen (Agg) and embedded as PNG data URIs
so the HTML page needs no network and no files beside it."""

from __future__ import annotations

import base64
import io
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["env_charts", "overall_chart", "bar_chart_png", "placement_charts"]

_RUN_COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c")
_PUBLISHED_COLOR = "#c8c8c8"


def _png_uri(figure: Figure) -> str:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def bar_chart_png(title: str, labels: list[str], means: list[float], errors: list[float],
                  colors: list[str], width: float = 4.2) -> str:
    """A 0-100 bar chart as a ``data:image/png;base64,`` URI."""
    figure = Figure(figsize=(width, 2.8), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.bar(positions, means, yerr=errors, color=colors, capsize=4, error_kw={"elinewidth": 1})
    crowded = len(labels) > 3 or sum(len(label) for label in labels) > 6 * width
    axes.set_xticks(positions, labels, rotation=30 if crowded else 0, ha="right" if crowded else "center", fontsize=8)
    axes.set_ylim(0, 100)
    axes.set_ylabel("progression", fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.tick_params(axis="y", labelsize=8)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    return _png_uri(figure)


def _color(index: int) -> str:
    return _RUN_COLORS[index % len(_RUN_COLORS)]


def env_charts(report: dict[str, Any]) -> dict[str, str]:
    """One chart per environment: every run that played it, mean with SE bars."""
    charts = {}
    labels = [entry["run"] for entry in report["leaderboard"]]
    for env in report["envs"]:
        names, means, errors, colors = [], [], [], []
        for index, entry in enumerate(report["leaderboard"]):
            group = entry["envs"].get(env)
            if group and group.get("mean") is not None:
                names.append(labels[index])
                means.append(group["mean"])
                errors.append(group.get("se") or 0.0)
                colors.append(_color(index))
        if names:
            charts[env] = bar_chart_png(env, names, means, errors, colors)
    return charts


def overall_chart(report: dict[str, Any]) -> str:
    """The runs' overall scores beside the paper's published averages (grey)."""
    names, means, errors, colors = [], [], [], []
    for index, entry in enumerate(report["leaderboard"]):
        if entry["overall"].get("mean") is not None:
            names.append(entry["run"])
            means.append(entry["overall"]["mean"])
            errors.append(entry["overall"].get("se") or 0.0)
            colors.append(_color(index))
    for row in report["published"]["rows"]:
        names.append(f"{row['model']} (paper{', VL' if row['mode'] == 'vision' else ''})")
        means.append(row["mean"])
        errors.append(row["se"])
        colors.append(_PUBLISHED_COLOR)
    return bar_chart_png("overall vs published averages", names, means, errors, colors, width=max(6.0, 0.45 * len(names) + 2))


def _placement_chart(group: dict[str, Any], colors: dict[str, str]) -> str:
    """Horizontal bars, best at the top: the published models in grey, each run in its
    colour (hatched when not comparable), all with SE bars."""
    bars = [(row["model"], row["mean"], row["se"], _PUBLISHED_COLOR, "") for row in group["published"]]
    bars += [(entry["run"] + ("" if entry["comparable"] else " (not comparable)"), entry["mean"], entry["se"] or 0.0,
              colors[entry["run"]], "" if entry["comparable"] else "//") for entry in group["runs"]]
    bars.sort(key=lambda bar: -bar[1])
    figure = Figure(figsize=(3.8, 0.8 + 0.24 * len(bars)), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(bars)))[::-1]
    for position, (_, mean, se, color, hatch) in zip(positions, bars):
        axes.barh(position, mean, xerr=se, color=color, hatch=hatch, edgecolor="#555555" if hatch else color,
                  capsize=2, error_kw={"elinewidth": 0.8})
    axes.set_yticks(positions, [bar[0] for bar in bars], fontsize=7)
    axes.set_xlim(0, 100)
    axes.set_xlabel("progression", fontsize=8)
    axes.set_title(group["title"], fontsize=10)
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)
    return _png_uri(figure)


def placement_charts(report: dict[str, Any]) -> list[str]:
    """One chart per game and mode the runs played, in the order of the report's groups."""
    colors = {run["label"]: _color(index) for index, run in enumerate(report["runs"])}
    return [_placement_chart(group, colors) for group in report["placement"]["groups"]]
