"""Episode data for the HTML replay, kept small.

The page carries an index (one short entry per episode, for filtering) as plain JSON and,
per episode, its steps as gzip-compressed JSON in base64 — the browser inflates an episode
only when it is opened (``DecompressionStream``), so hundreds of long traces stay a
manageable file. Images are the trace's PNG files, base64-encoded as they are, each
distinct image once; past a size budget only every k-th step keeps its image. Long
episodes can be cut to their first and last steps (``max_steps``).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import math
from pathlib import Path
from typing import Any

import attrs

from .loading import LoadedRun, outcome

__all__ = ["EpisodeBrowserData", "browser_data", "AUTO_STEP_BUDGET", "AUTO_STEPS_PER_EPISODE", "IMAGE_BUDGET"]

# With more steps than this in all runs together, ``max_steps=None`` (auto) keeps only
# AUTO_STEPS_PER_EPISODE steps of each episode (the first and last halves).
AUTO_STEP_BUDGET = 20_000
AUTO_STEPS_PER_EPISODE = 100
# Distinct PNG bytes embedded before images are thinned to every k-th step.
IMAGE_BUDGET = 20_000_000


@attrs.define
class EpisodeBrowserData:
    """``index``: one entry per episode; ``payloads``: episode id -> compact JSON text;
    ``images``: image id -> base64 PNG, each distinct image once (repeated frames, common
    when an agent walks into a wall, are stored once)."""

    index: list[dict[str, Any]]
    payloads: dict[str, str]
    images: dict[str, str]
    steps_per_episode: int | None
    omitted_steps: int = 0
    image_stride: int = 1


@attrs.define
class _Episode:
    body: str
    image_refs: list[tuple[int, int, Path]]  # (position among kept steps, step number, file)


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
                "rule": step.get("rule"), "im": 1 if step.get("image") else None}
    data.update({key: value for key, value in optional.items() if value is not None})
    return data


def _episode(run: LoadedRun, lines: list[dict[str, Any]], cap: int | None, images: bool,
             error: str | None) -> tuple[_Episode, int]:
    header = next((line for line in lines if line.get("type") == "episode"), {})
    steps = [line for line in lines if line.get("type") == "step"]
    kept, omitted = _kept(steps, cap)
    body = {
        "instruction": header.get("instruction", ""),
        "steps": [_compact_step(step) for step in kept],
        "total": len(steps),
        "omitted": omitted,
        "error": error,
    }
    packed = base64.b64encode(gzip.compress(json.dumps(body, separators=(",", ":")).encode("utf-8"), 9, mtime=0))
    refs = []
    if images:
        for position, step in enumerate(kept):
            if step.get("image") and run.image_file(step["image"]).exists():
                refs.append((position, step["step"], run.image_file(step["image"])))
    return _Episode(packed.decode("ascii"), refs), omitted


def _auto_cap(runs: list[LoadedRun]) -> int | None:
    total = sum(record.steps for run in runs for record in run.records)
    return None if total <= AUTO_STEP_BUDGET else AUTO_STEPS_PER_EPISODE


def _image_pool(episodes: dict[str, _Episode], budget: int | None) -> tuple[dict[str, dict[str, str]], dict[str, str], int]:
    """Distinct images by content; over ``budget`` bytes, only every k-th kept step's image."""
    digests: dict[Path, str] = {}
    contents: dict[str, bytes] = {}
    for episode in episodes.values():
        for _, _, path in episode.image_refs:
            if path not in digests:
                data = path.read_bytes()
                digests[path] = hashlib.sha256(data).hexdigest()[:16]
                contents.setdefault(digests[path], data)
    total = sum(len(data) for data in contents.values())
    stride = 1 if budget is None or total <= budget else math.ceil(total / budget)
    chosen: dict[str, dict[str, str]] = {}
    pool: dict[str, str] = {}
    for episode_id, episode in episodes.items():
        refs = chosen.setdefault(episode_id, {})
        for position, step, path in episode.image_refs:
            if position % stride == 0:
                refs[str(step)] = digests[path]
                if digests[path] not in pool:
                    pool[digests[path]] = base64.b64encode(contents[digests[path]]).decode("ascii")
    return chosen, pool, stride


def browser_data(runs: list[LoadedRun], max_steps: int | None = None, images: bool = True,
                 all_steps: bool = False, image_budget: int | None = IMAGE_BUDGET) -> EpisodeBrowserData:
    """Index and payloads of every episode of ``runs``. ``max_steps`` caps the steps kept
    per episode; ``None`` means automatic (all unless the runs are large), ``all_steps``
    keeps everything. ``image_budget`` (bytes of PNG) thins images to every k-th step when
    the distinct images would exceed it; ``None`` keeps them all."""
    cap = None if all_steps else (max_steps if max_steps is not None else _auto_cap(runs))
    index: list[dict[str, Any]] = []
    episodes: dict[str, _Episode] = {}
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
                episodes[episode_id], omitted = _episode(run, lines, cap, images, record.error)
                omitted_total += omitted
    chosen, pool, stride = _image_pool(episodes, image_budget)
    payloads = {
        episode_id: json.dumps({"z": episode.body, "img": chosen.get(episode_id, {})}, separators=(",", ":"))
        for episode_id, episode in episodes.items()
    }
    return EpisodeBrowserData(index, payloads, pool, cap, omitted_total, stride)
