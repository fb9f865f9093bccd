"""The record of one finished episode, as written to ``episodes.jsonl``."""

from __future__ import annotations

import functools
from typing import Any

import attrs

__all__ = ["EpisodeKey", "EpisodeRecord", "record_to_json", "record_from_json"]


@attrs.frozen(order=True)
class EpisodeKey:
    """Identifies an episode within a run; resume matches on it."""

    env: str
    task: str
    index: int

    def slug(self) -> str:
        return f"{self.env}--{self.task}--{self.index:04d}".replace("/", "_")


@attrs.frozen
class EpisodeRecord:
    """Outcome, cost and bookkeeping of one episode.

    ``error`` holds the traceback when the environment or agent raised; such an episode is
    counted as failed and left out of score means. ``invalid_texts`` keeps the raw outputs
    that held no valid action (each cut to 500 characters).
    """

    env: str
    task: str
    index: int
    seed: int
    steps: int = 0
    progression: float = 0.0
    episode_return: float = 0.0
    terminated: bool = False
    truncated: bool = False
    invalid_outputs: int = 0
    invalid_texts: list[str] = attrs.field(factory=list)
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    cost: float | None = None
    retries: int = 0
    wall_time: float = 0.0
    action_counts: dict[str, int] = attrs.field(factory=dict)
    extras: dict[str, Any] = attrs.field(factory=dict)
    error: str | None = None
    trace: str | None = None

    @property
    def key(self) -> EpisodeKey:
        return EpisodeKey(self.env, self.task, self.index)

    @property
    def failed(self) -> bool:
        return self.error is not None


@functools.cache
def _converter() -> Any:
    """cattrs, imported when a record is first read or written (loading plugins, which
    imports this module through the scorers, never needs it)."""
    import cattrs

    return cattrs.Converter()


def record_to_json(record: EpisodeRecord) -> dict[str, Any]:
    return _converter().unstructure(record)


def record_from_json(data: dict[str, Any]) -> EpisodeRecord:
    known = {field.name for field in attrs.fields(EpisodeRecord)}
    return _converter().structure({k: v for k, v in data.items() if k in known}, EpisodeRecord)
