"""The report as one self-contained HTML file: inline CSS and JavaScript, charts and
images as data URIs, episode data in script tags. It opens from disk with no network.

The markup lives in jinja2 templates (``templates/``, package data) rendered with
autoescaping; this module only gathers what they show."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from .charts import env_charts, overall_chart, placement_charts
from .episodes import EpisodeBrowserData
from .tables import leaderboard_table, placement_tables, published_tables, task_table, usage_table

__all__ = ["render_html"]


def _asset(name: str) -> Markup:
    """A file of ``assets/`` (the page's own CSS or JavaScript), inlined as it is."""
    return Markup(resources.files("balrog_report").joinpath("assets", name).read_text(encoding="utf-8"))


def _script_text(text: str) -> Markup:
    """Ready-made JSON or base64 inside a ``<script>`` element: no ``</script>`` or ``<!--``
    can end it (``<`` only occurs inside JSON strings, where ``\\u003c`` reads the same)."""
    return Markup(text.replace("<", "\\u003c"))


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("balrog_report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    environment.filters["script_text"] = _script_text
    environment.globals["zip"] = zip
    # Compact JSON in the page, keys in the report's own order.
    environment.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "sort_keys": False}
    return environment


def _placement(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Per game and mode: its chart and the placement table of each run that played it."""
    tables = iter(placement_tables(report))
    return [{"title": group["title"], "chart": chart, "tables": [next(tables) for _ in group["runs"]]}
            for group, chart in zip(report["placement"]["groups"], placement_charts(report))]


def render_html(report: dict[str, Any], browser: EpisodeBrowserData) -> str:
    """The whole page as a string."""
    return _environment().get_template("report.html.j2").render(
        report=report,
        browser=browser,
        labels=[run["label"] for run in report["runs"]],
        created=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        css=_asset("report.css"),
        js=_asset("report.js"),
        leaderboard=leaderboard_table(report),
        published_tables=published_tables(report),
        overall_chart=overall_chart(report),
        placement=_placement(report),
        env_charts=env_charts(report),
        tasks=task_table(report),
        usage=usage_table(report),
    )
