"""Scorers: named aggregations of episode records into a run summary; and the protocol's
own, ``progression``, with means and standard errors as the BALROG protocol reports them.

Environment score: mean progression over all its episodes (tasks pooled). Overall: the
unweighted mean of the environment scores, with SE = sqrt(sum SE²) / number of envs.
Unlike the reference (population std), the standard error uses the sample standard
deviation (ddof=1); reports say so. Failed episodes (harness or game errors) are counted
but left out of the means, so a crash is never scored as a zero.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from .records import EpisodeRecord

__all__ = ["ScorerSpec", "mean_se", "summarize_progression", "STD_NOTE"]


@attrs.frozen
class ScorerSpec:
    """A scorer as registered by a plugin through ``register_scorers``.

    ``summarize`` maps all finished episode records of a run to the JSON-serialisable
    dictionary saved as ``summary.json``; it must keep the ``tasks``/``envs``/``overall``
    layout with ``mean``, ``se`` and ``n`` so tables and reports can read any scorer.
    """

    name: str
    summarize: Callable[[Sequence[EpisodeRecord]], dict[str, Any]]
    description: str = ""


STD_NOTE = "standard error = sample std (ddof=1) / sqrt(n); the reference uses ddof=0"


def mean_se(values: Sequence[float]) -> tuple[float | None, float | None]:
    """Mean and standard error (ddof=1) of ``values``; SE is ``None`` below two values."""
    n = len(values)
    if n == 0:
        return None, None
    mean = math.fsum(values) / n
    if n < 2:
        return mean, None
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(variance / n)


def _usage(records: Iterable[EpisodeRecord]) -> dict[str, Any]:
    records = list(records)
    steps = sum(r.steps for r in records)
    invalid = sum(r.invalid_outputs for r in records)
    costs = [r.cost for r in records if r.cost is not None]
    return {
        "steps": steps,
        "invalid_outputs": invalid,
        "invalid_rate": invalid / steps if steps else 0.0,
        "input_tokens": sum(r.input_tokens for r in records),
        "output_tokens": sum(r.output_tokens for r in records),
        "cached_tokens": sum(r.cached_tokens for r in records),
        "cost": math.fsum(costs) if costs else None,
        "retries": sum(r.retries for r in records),
        "wall_time": math.fsum(r.wall_time for r in records),
    }


def _group(records: Sequence[EpisodeRecord]) -> dict[str, Any]:
    scored = [r.progression for r in records if not r.failed]
    mean, se = mean_se(scored)
    return {
        "mean": mean,
        "se": se,
        "n": len(scored),
        "failed": sum(1 for r in records if r.failed),
        **_usage(records),
    }


def summarize_progression(records: Sequence[EpisodeRecord]) -> dict[str, Any]:
    """Per task, per environment and overall progression with standard errors."""
    by_task: dict[tuple[str, str], list[EpisodeRecord]] = defaultdict(list)
    by_env: dict[str, list[EpisodeRecord]] = defaultdict(list)
    for record in records:
        by_task[(record.env, record.task)].append(record)
        by_env[record.env].append(record)
    envs = {env: _group(group) for env, group in sorted(by_env.items())}
    scored_envs = [e for e in envs.values() if e["mean"] is not None]
    overall_mean = (
        math.fsum(e["mean"] for e in scored_envs) / len(scored_envs) if scored_envs else None
    )
    overall_se = (
        math.sqrt(math.fsum((e["se"] or 0.0) ** 2 for e in scored_envs)) / len(scored_envs)
        if scored_envs
        else None
    )
    return {
        "metric": "progression",
        "statistics": STD_NOTE,
        "tasks": {
            f"{env}/{task}": _group(group) for (env, task), group in sorted(by_task.items())
        },
        "envs": envs,
        "overall": {
            "mean": overall_mean,
            "se": overall_se,
            "envs": len(scored_envs),
            **_usage(records),
        },
    }
