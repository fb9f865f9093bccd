"""The report's content, independent of how it is shown: one JSON-ready dictionary that the
terminal, Markdown, JSON and HTML renderings all read, so they can never disagree."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from balrog_core.harness import is_comparable, place_run, published_source

from .loading import OUTCOMES, LoadedRun, outcome
from .published import published_for

__all__ = ["build_report", "USAGE_FIELDS", "FULL_ENV_COUNT"]

# The BALROG suite has six environments; only an overall over all six is comparable to
# the paper's averages.
FULL_ENV_COUNT = 6
USAGE_FIELDS = ("steps", "invalid_rate", "input_tokens", "output_tokens", "cost", "wall_time")
_SCORE_FIELDS = ("mean", "se", "n", "failed")


def _pick(group: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: group.get(field) for field in fields}


def _run_info(run: LoadedRun) -> dict[str, Any]:
    config = run.config
    return {
        "label": run.label,
        "path": str(run.path),
        "agent": run.agent,
        "model": run.model,
        "client": config.get("client"),
        "vision": run.vision,
        "seed": config.get("seed"),
        "history": config.get("history"),
        "status": run.meta.get("status"),
        "created": run.meta.get("created"),
        "episodes": run.summary.get("episodes", {"finished": len(run.records)}),
        "outcomes": dict(Counter(outcome(r) for r in run.records)),
        "protocol": (run.meta.get("protocol") or {}).get("name"),
        "protocol_deviations": list(run.meta.get("protocol_deviations", [])),
        "comparable": is_comparable(run.meta),
    }


def _placement(runs: list[LoadedRun]) -> list[dict[str, Any]]:
    """Per game and mode, the published table and every run's place in it: mean ± SE, 95%
    interval, rank (none when not comparable), published models inside the interval."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for run in runs:
        for placement in place_run(run.summary, run.meta):
            data = placement.to_json()
            published, game, mode = data.pop("published"), data.pop("game"), data.pop("mode")
            group = groups.setdefault((game, mode), {"game": game, "mode": mode, "title": placement.title,
                                                     "published": published, "runs": []})
            group["runs"].append({"run": run.label, **data, "headline": placement.headline(),
                                  "rows": [attrs.asdict(row) for row in placement.rows(run.label)]})
    return list(groups.values())


def build_report(runs: list[LoadedRun]) -> dict[str, Any]:
    """Leaderboard, per-task scores and per-env usage of ``runs``, side by side."""
    envs = sorted({env for run in runs for env in run.envs})
    tasks = sorted({task for run in runs for task in run.summary.get("tasks", {})})
    leaderboard = []
    for run in runs:
        overall = run.summary.get("overall", {})
        leaderboard.append({
            "run": run.label,
            "overall": _pick(overall, ("mean", "se", "envs")),
            "complete_suite": len(run.envs) >= FULL_ENV_COUNT,
            "envs": {env: _pick(group, _SCORE_FIELDS) for env, group in run.summary.get("envs", {}).items()},
            "usage": _pick(overall, USAGE_FIELDS),
        })
    task_scores = {
        task: {run.label: _pick(run.summary["tasks"][task], _SCORE_FIELDS)
               for run in runs if task in run.summary.get("tasks", {})}
        for task in tasks
    }
    usage = {
        env: {run.label: _pick(run.summary["envs"][env], USAGE_FIELDS)
              for run in runs if env in run.summary.get("envs", {})}
        for env in envs
    }
    modes = sorted({"vision" if run.vision else "language" for run in runs}) or ["language"]
    return {
        "format": "balrog-report/1",
        "metric": runs[0].summary.get("metric", "progression") if runs else "progression",
        "statistics": runs[0].summary.get("statistics") if runs else None,
        "runs": [_run_info(run) for run in runs],
        "envs": envs,
        "leaderboard": leaderboard,
        "tasks": task_scores,
        "usage": usage,
        "outcomes": list(OUTCOMES),
        "published": {
            "modes": modes,
            "source": "BALROG paper (arXiv 2411.13543, Tables 2 and 3), average progression % over 6 envs, ± SE",
            "rows": [row for mode in modes for row in published_for(mode == "vision")],
        },
        "placement": {"source": published_source(), "groups": _placement(runs)},
    }
