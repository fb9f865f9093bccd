"""The report as one self-contained HTML file: inline CSS and JavaScript, charts and
images as data URIs, episode data in script tags. It opens from disk with no network."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from importlib import resources
from typing import Any

from .charts import env_charts, overall_chart
from .episodes import EpisodeBrowserData
from .tables import Table, leaderboard_table, published_tables, task_table, usage_table

__all__ = ["render_html"]


def _asset(name: str) -> str:
    return resources.files("balrog_report").joinpath("assets", name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>`` or ``<!--`` can end it)."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")


def _table(table: Table, caption: bool = True, title: bool = False) -> str:
    head = "".join(f'<th class="{"num" if n else ""}">{escape(c)}</th>' for c, n in zip(table.columns, table.numeric))
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if n else ""}">{escape(c)}</td>' for c, n in zip(row, table.numeric)) + "</tr>"
        for row in table.rows
    )
    note = f'<p class="note">{escape(table.note)}</p>' if table.note and caption else ""
    heading = f'<h3 class="table-title">{escape(table.title)}</h3>' if title else ""
    return f'{heading}<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{note}'


def _runs_list(report: dict[str, Any]) -> str:
    items = []
    for run in report["runs"]:
        episodes = run.get("episodes") or {}
        items.append(
            f"<li><b>{escape(run['label'])}</b>: agent {escape(run['agent'])}, model {escape(str(run['model'] or '—'))}, "
            f"{'vision-language' if run['vision'] else 'language-only'}, seed {escape(str(run['seed']))}, "
            f"{episodes.get('finished', '?')} of {episodes.get('planned', '?')} episodes, status {escape(str(run['status']))} "
            f'<span class="muted">({escape(run["path"])})</span>'
            + (f'<br><span class="deviation">protocol deviations: {escape("; ".join(run["protocol_deviations"]))}</span>'
               if run["protocol_deviations"] else "")
            + "</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _browser(data: EpisodeBrowserData) -> str:
    scripts = "".join(
        f'<script type="application/json" id="ep-{episode_id}">{payload}</script>'
        for episode_id, payload in data.payloads.items()
    ) + "".join(f'<script type="text/plain" id="img-{image_id}">{encoded}</script>' for image_id, encoded in data.images.items())
    cap = (f"Long episodes keep their first and last steps ({data.steps_per_episode} per episode); "
           f"{data.omitted_steps} steps left out in all." if data.steps_per_episode else "Every step of every episode is included.")
    if data.image_stride > 1:
        cap += f" Images of 1 step in {data.image_stride} only, to keep the page small."
    return f"""
<h2 id="episodes">Episode browser</h2>
<p class="muted">Keys: <kbd>←</kbd>/<kbd>→</kbd> step, <kbd>↑</kbd>/<kbd>↓</kbd> episode, <kbd>Home</kbd>/<kbd>End</kbd> first/last step. {escape(cap)}</p>
<div class="browser">
  <div>
    <div class="filters">
      <label>run<select id="filter-run"></select></label>
      <label>env<select id="filter-env"></select></label>
      <label>task<select id="filter-task"></select></label>
      <label>outcome<select id="filter-outcome"></select></label>
    </div>
    <div class="muted" id="episode-count"></div>
    <div id="episode-list"><table><tbody id="episode-rows"></tbody></table></div>
  </div>
  <div id="replay" hidden>
    <div><b id="episode-title"></b></div>
    <div class="muted" id="episode-meta"></div>
    <div class="gap" id="omitted" hidden></div>
    <div id="episode-error" hidden><details open><summary>error</summary><pre id="episode-error-text"></pre></details></div>
    <details><summary>instruction prompt</summary><pre id="instruction"></pre></details>
    <div class="controls">
      <button id="button-first" title="first step (Home)">|◀</button>
      <button id="button-prev" title="previous step (←)">◀</button>
      <b id="step-number"></b>
      <button id="button-next" title="next step (→)">▶</button>
      <button id="button-last" title="last step (End)">▶|</button>
      <input type="range" id="step-slider" min="0" max="0" value="0">
      <span class="gap" id="step-gap" hidden>(steps left out before this one)</span>
    </div>
    <div class="stats">
      <span>action executed: <b id="action"></b></span>
      <span>reward: <b id="reward"></b></span>
      <span>progression: <b id="progression"></b></span>
      <span class="muted" id="parsed"></span>
    </div>
    <div class="fields">
      <div class="field"><h3>observation</h3><pre id="observation"></pre></div>
      <div class="field" id="image-field" hidden><h3>image</h3><div id="step-image"></div></div>
      <div class="field"><h3>model output</h3><pre id="output"></pre></div>
      <div class="field" id="reasoning-field" hidden><h3>reasoning</h3><pre id="reasoning"></pre></div>
      <div class="field" id="feedback-field" hidden><h3>feedback shown to the agent</h3><pre id="feedback"></pre></div>
    </div>
  </div>
</div>
<script type="application/json" id="episode-index">{_script_json(data.index)}</script>
{scripts}"""


def render_html(report: dict[str, Any], browser: EpisodeBrowserData) -> str:
    """The whole page as a string."""
    charts = env_charts(report)
    chart_html = "".join(f'<img alt="{escape(env)} scores" src="{uri}">' for env, uri in charts.items())
    created = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    labels = [run["label"] for run in report["runs"]]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BALROG report: {escape(", ".join(labels))}</title>
<style>{_asset("report.css")}</style>
</head>
<body>
<main>
<h1>BALROG report</h1>
<p class="muted">Generated {created} by balrog-report. Metric: {escape(str(report["metric"]))} (0–100 per episode).
{escape(str(report.get("statistics") or ""))}.</p>
{_runs_list(report)}
<h2 id="leaderboard">Leaderboard</h2>
{_table(leaderboard_table(report))}
<p class="note">Overall = unweighted mean of the environment scores, SE = sqrt(Σ SE²) / number of envs.
The paper's averages (grey) cover all six environments; an overall over fewer envs is not comparable.</p>
<div class="row">
  <div class="overall"><img alt="overall scores and published averages" src="{overall_chart(report)}"></div>
  {"".join(f"<div>{_table(table, title=True)}</div>" for table in published_tables(report))}
</div>
<h2 id="charts">Per environment</h2>
<div class="charts">{chart_html}</div>
<h2 id="tasks">Per task</h2>
{_table(task_table(report))}
<h2 id="usage">Invalid outputs, tokens, cost, wall time</h2>
{_table(usage_table(report))}
{_browser(browser)}
<script type="application/json" id="run-labels">{_script_json(labels)}</script>
<script type="application/json" id="report-data">{_script_json(report)}</script>
<script>{_asset("report.js")}</script>
</main>
</body>
</html>
"""
