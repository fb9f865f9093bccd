"""``balrog run --dry-run``: what a run will cost before paying for it.

One short episode per task is really played (a few steps, real model calls) in a throwaway
directory. Prompt tokens grow with the history window and then level off, so each step's
prompt is modelled as ``base + per_turn × min(step, history)`` fitted on the sample, and
summed over every planned episode at its full step cap: an upper bound, since many
episodes end earlier.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from typing import Any

import attrs
from rich.table import Table

from .config import RunConfig
from .registry import get_registry
from .resolve import resolve
from .run import Run
from .trace import read_trace

__all__ = ["estimate_run", "estimate_table"]

SAMPLE_STEPS = 5


def _fit(step_tokens: list[int]) -> tuple[float, float]:
    """``(base, per_turn)`` from the prompt tokens of consecutive steps."""
    if len(step_tokens) < 2:
        return float(step_tokens[0] if step_tokens else 0), 0.0
    per_turn = max(0.0, (step_tokens[-1] - step_tokens[0]) / (len(step_tokens) - 1))
    return float(step_tokens[0]), per_turn


def _episode_prompt_tokens(base: float, per_turn: float, steps: int, history: int) -> float:
    full = max(0, steps - history)
    ramp = min(steps, history)
    return ramp * base + per_turn * ramp * (ramp - 1) / 2 + full * (base + per_turn * history)


async def estimate_run(config: RunConfig, sample_steps: int = SAMPLE_STEPS) -> dict[str, Any]:
    """Play ``sample_steps`` steps of one episode per task and extrapolate to the run."""
    plans = resolve(config, get_registry()).plans
    tasks = list(dict.fromkeys(f"{plan.env}/{plan.task}" for plan in plans))
    sample = attrs.evolve(config, tasks=tasks, episodes=1, max_steps=sample_steps)
    with tempfile.TemporaryDirectory(prefix="balrog-dry-run-") as tmp:
        run = Run.create(sample, f"{tmp}/run")
        await run.play()
        per_task: dict[tuple[str, str], dict[str, Any]] = {}
        for record in run.records:
            steps = [line for line in read_trace(run.directory.path / record.trace) if line["type"] == "step"] if record.trace else []
            prompt = [line.get("input_tokens") or 0 for line in steps]
            output = [line.get("output_tokens") or 0 for line in steps]
            costs: list[float] = [line["cost"] for line in steps if line.get("cost") is not None]
            per_task[(record.env, record.task)] = {
                "fit": _fit(prompt),
                "output_per_step": sum(output) / len(output) if output else 0.0,
                "cost_per_token": (sum(costs) / (sum(prompt) + sum(output))) if costs and (sum(prompt) + sum(output)) else None,
                "error": record.error,
            }
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for plan in plans:
        sampled = per_task.get((plan.env, plan.task))
        if sampled is None:
            continue
        base, per_turn = sampled["fit"]
        prompt_tokens = _episode_prompt_tokens(base, per_turn, plan.max_steps, config.history)
        output_tokens = sampled["output_per_step"] * plan.max_steps
        env = totals[plan.env]
        env["episodes"] += 1
        env["steps"] += plan.max_steps
        env["input_tokens"] += prompt_tokens
        env["output_tokens"] += output_tokens
        if sampled["cost_per_token"] is not None:
            env["cost"] += sampled["cost_per_token"] * (prompt_tokens + output_tokens)
    errors = {f"{env}/{task}": s["error"].strip().splitlines()[-1] for (env, task), s in per_task.items() if s["error"]}
    return {"sample_steps": sample_steps, "envs": {k: dict(v) for k, v in totals.items()}, "errors": errors,
            "note": "upper bound: every episode assumed to run to its step cap"}


def estimate_table(estimate: dict[str, Any]) -> Table:
    table = Table(title=f"dry run: estimate from {estimate['sample_steps']} sampled steps per task", caption=estimate["note"])
    for column in ("env", "episodes", "max steps", "input tokens", "output tokens", "cost (USD)"):
        table.add_column(column, justify="left" if column == "env" else "right")
    for env, row in estimate["envs"].items():
        cost = f"{row['cost']:.2f}" if row.get("cost") else "unknown"
        table.add_row(env, f"{row['episodes']:.0f}", f"{row['steps']:.0f}", f"{row['input_tokens']:,.0f}",
                      f"{row['output_tokens']:,.0f}", cost)
    for task, error in estimate["errors"].items():
        table.add_row(task, "", "", "", "", f"sample failed: {error}")
    return table
