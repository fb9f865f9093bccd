"""Scorers: named aggregations of episode records into a run summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .records import EpisodeRecord

__all__ = ["ScorerSpec"]


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
