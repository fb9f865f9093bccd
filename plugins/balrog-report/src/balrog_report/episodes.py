"""Episode data for the HTML replay, kept small.

The page carries an index (one short entry per episode, for filtering) as plain JSON and,
per episode, its steps as gzip-compressed JSON in base64 — the browser inflates an episode
only when it is opened (``DecompressionStream``), so hundreds of long traces stay a
manageable file. Images are the trace's PNG files, base64-encoded as they are. Long
episodes can be cut to their first and last steps (``max_steps``).
"""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

import attrs

from .loading import LoadedRun, outcome

__all__ = ["EpisodeBrowserData", "browser_data", "AUTO_STEP_BUDGET", "AUTO_STEPS_PER_EPISODE"]

# With more steps than this in all runs together, ``max_steps=None`` (auto) keeps only
# AUTO_STEPS_PER_EPISODE steps of each episode (the first and last halves).
AUTO_STEP_BUDGET = 20_000
AUTO_STEPS_PER_EPISODE = 100


@attrs.define
class EpisodeBrowserData:
    """``index``: one entry per episode; ``payloads``: episode id -> compact JSON text."""

    index: list[dict[str, Any]]
    payloads: dict[str, str]
    steps_per_episode: int | None
    omitted_steps: int = 0


def _kept(steps: list[dict[str, Any]], cap: int | None) -> tuple[list[dict[str, Any]], int]:
    if cap is None or len(steps) <= cap:
        return steps, 0
    head = (cap + 1) // 2
    tail = cap - head
    return steps[:head] + (steps[-tail:] if tail else []), len(steps) - cap


def _compact_step(step: dict[str, Any]) -> dict[str, Any]:
    data = {
        "n": step.get("step"),
        "o": step.get("observation") or "",
        "out": step.get("output") or "",
        "a": step.get("action"),
        "r": step.get("reward"),
        "p": step.get("progression"),
    }
    optional = {"rs": step.get("reasoning"), "fb": step.get("feedback"), "inv": step.get("invalid") or None,
                "parsed": step.get("parsed"), "rule": step.get("rule")}
    data.update({key: value for key, value in optional.items() if value is not None})
    return data


def _image(run: LoadedRun, relative: str) -> str | None:
    path = run.image_file(relative)
    if not path.exists():
        return None
    return base64.b64encode(path.read_bytes()).decode("ascii")


def _payload(run: LoadedRun, lines: list[dict[str, Any]], cap: int | None, images: bool,
             error: str | None) -> tuple[str, int]:
    header = next((line for line in lines if line.get("type") == "episode"), {})
    steps = [line for line in lines if line.get("type") == "step"]
    kept, omitted = _kept(steps, cap)
    body = {
        "instruction": header.get("instruction", ""),
        "actions": header.get("actions", []),
        "steps": [_compact_step(step) for step in kept],
        "total": len(steps),
        "omitted": omitted,
        "error": error,
    }
    packed = base64.b64encode(gzip.compress(json.dumps(body, separators=(",", ":")).encode("utf-8"), 9, mtime=0))
    pictures = {}
    if images:
        for step in kept:
            if step.get("image"):
                encoded = _image(run, step["image"])
                if encoded is not None:
                    pictures[str(step.get("step"))] = encoded
    return json.dumps({"z": packed.decode("ascii"), "img": pictures}, separators=(",", ":")), omitted


def _auto_cap(runs: list[LoadedRun]) -> int | None:
    total = sum(record.steps for run in runs for record in run.records)
    return None if total <= AUTO_STEP_BUDGET else AUTO_STEPS_PER_EPISODE


def browser_data(runs: list[LoadedRun], max_steps: int | None = None, images: bool = True,
                 all_steps: bool = False) -> EpisodeBrowserData:
    """Index and payloads of every episode of ``runs``. ``max_steps`` caps the steps kept
    per episode; ``None`` means automatic (all unless the runs are large), ``all_steps``
    keeps everything."""
    cap = None if all_steps else (max_steps if max_steps is not None else _auto_cap(runs))
    index: list[dict[str, Any]] = []
    payloads: dict[str, str] = {}
    omitted_total = 0
    for run_number, run in enumerate(runs):
        for record in run.records:
            episode_id = f"e{len(index)}"
            lines = run.trace(record)
            index.append({
                "id": episode_id, "run": run_number, "env": record.env, "task": record.task,
                "index": record.index, "seed": record.seed, "outcome": outcome(record),
                "progression": record.progression, "steps": record.steps,
                "invalid": record.invalid_outputs, "return": record.episode_return,
                "trace": bool(lines),
            })
            if lines or record.error:
                payloads[episode_id], omitted = _payload(run, lines, cap, images, record.error)
                omitted_total += omitted
    return EpisodeBrowserData(index, payloads, cap, omitted_total)
