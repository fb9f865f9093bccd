"""Bar charts with standard-error bars, drawn off-screen (Agg) and embedded as PNG data URIs
so the HTML page needs no network and no files beside it."""

from __future__ import annotations

import base64
import io
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["env_charts", "overall_chart", "bar_chart_png"]

_RUN_COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c")
_PUBLISHED_COLOR = "#c8c8c8"


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
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


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
