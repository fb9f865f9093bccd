"""Where a run sits on the published BALROG leaderboard, game by game.

The paper (arXiv 2411.13543, Tables 2-14) prints one table per game and mode
(language-only, vision-language; TextWorld has no vision table) plus the overall averages:
model, average progression (%) and standard error. They are kept as printed in
``data/published_results.json``. A run's env score is set beside the table of its game and
mode (vision-language when the run was made with ``--vision``): the rank it would take and
the published models whose means lie inside its 95% interval (mean ± 1.96 SE).

Only a run made on the reference protocol is a like-for-like comparison: a run whose
run.json names protocol deviations (or another protocol) is placed as "not comparable",
with the deviations listed and no rank.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import attrs

__all__ = ["Placement", "PlacementRow", "PublishedScore", "is_comparable", "place_run", "published_source",
           "published_table", "OVERALL", "MODE_TITLES", "GAME_TITLES", "Z95"]

OVERALL = "overall"
MODE_TITLES = {"language": "language-only", "vision": "vision-language"}
GAME_TITLES = {"babyai": "BabyAI", "crafter": "Crafter", "textworld": "TextWorld", "babaisai": "Baba Is AI",
               "minihack": "MiniHack", "nle": "NetHack", OVERALL: "overall"}
Z95 = 1.96
# Every game of the suite; an overall score is placed only when the run played them all.
_GAMES = ("babyai", "crafter", "textworld", "babaisai", "minihack", "nle")


@attrs.frozen
class PublishedScore:
    """One row of a published table, as printed."""

    model: str
    mean: float
    se: float


@attrs.frozen
class PlacementRow:
    """One line of a placement table, as text: the run's own line has ``is_run``."""

    rank: str
    model: str
    score: str
    note: str
    is_run: bool = False


def _score(mean: float, se: float | None) -> str:
    return f"{mean:.2f}" if se is None else f"{mean:.2f} ± {se:.2f}"


@attrs.frozen
class Placement:
    """A run's score on one game (or ``overall``) beside the published table of its mode.

    ``rank`` is 1 + the number of published models with a higher mean (``None`` when the
    run is not comparable or no table exists); ``within`` names the published models whose
    mean lies in ``[low, high]``, the run's 95% interval (empty when the run has no SE)."""

    game: str
    mode: str
    mean: float
    se: float | None
    published: tuple[PublishedScore, ...]
    comparable: bool
    rank: int | None
    within: tuple[str, ...]

    @property
    def low(self) -> float | None:
        return None if self.se is None else self.mean - Z95 * self.se

    @property
    def high(self) -> float | None:
        return None if self.se is None else self.mean + Z95 * self.se

    @property
    def title(self) -> str:
        return f"{GAME_TITLES.get(self.game, self.game)}, {MODE_TITLES[self.mode]}"

    def headline(self) -> str:
        """One sentence: score, interval, rank and the published models inside the interval."""
        text = f"{self.title}: {_score(self.mean, self.se)}"
        if self.se is not None:
            text += f" (95% interval {self.low:.2f} to {self.high:.2f})"
        if not self.published:
            return text + f"; the paper has no {MODE_TITLES[self.mode]} table for this game"
        if not self.comparable:
            return text + "; not comparable (protocol deviations), not ranked"
        text += f"; rank {self.rank} of {len(self.published) + 1}"
        if self.se is None:
            return text + "; one episode, no interval"
        return text + "; within the interval: " + (", ".join(self.within) or "no published model")

    def rows(self, label: str) -> list[PlacementRow]:
        """The published table with the run's line inserted at its rank (at the foot,
        unranked, when the run is not comparable); published lines inside the run's 95%
        interval are marked."""
        run = PlacementRow("—", label, _score(self.mean, self.se),
                           "this run" if self.comparable else "this run: not comparable", True)
        published = [PlacementRow("", row.model, _score(row.mean, row.se),
                                  "within 95% interval" if row.model in self.within else "")
                     for row in self.published]
        if self.rank is None:
            return [attrs.evolve(line, rank=str(n)) for n, line in enumerate(published, 1)] + [run]
        lines = published[:self.rank - 1] + [run] + published[self.rank - 1:]
        return [attrs.evolve(line, rank=str(n)) for n, line in enumerate(lines, 1)]

    def to_json(self) -> dict[str, Any]:
        return {
            "game": self.game, "mode": self.mode, "mean": self.mean, "se": self.se,
            "low": self.low, "high": self.high, "comparable": self.comparable,
            "rank": self.rank, "of": len(self.published) + 1, "within": list(self.within),
            "published": [attrs.asdict(row) for row in self.published],
        }


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("balrog_core").joinpath("data").joinpath("published_results.json").read_text(encoding="utf-8")
    return json.loads(text)


def published_source() -> str:
    """Where the numbers come from (the paper and its tables)."""
    return _data()["source"]


def published_table(game: str, mode: str) -> tuple[PublishedScore, ...]:
    """The published rows of ``game`` (or ``overall``) in ``mode``, highest mean first (ties
    and already sorted tables in the paper's order); empty when the paper has no such table
    (TextWorld vision-language)."""
    rows = _data()["results"].get(game, {}).get(mode, [])
    scores = [PublishedScore(row["model"], float(row["mean"]), float(row["se"])) for row in rows]
    return tuple(sorted(scores, key=lambda row: -row.mean))


def _place(game: str, mode: str, mean: float, se: float | None, comparable: bool) -> Placement:
    published = published_table(game, mode)
    rank = 1 + sum(row.mean > mean for row in published) if comparable and published else None
    within: tuple[str, ...] = ()
    if se is not None:
        within = tuple(row.model for row in published if mean - Z95 * se <= row.mean <= mean + Z95 * se)
    return Placement(game, mode, mean, se, published, comparable, rank, within)


def is_comparable(meta: dict[str, Any]) -> bool:
    """A run is like for like with the paper when it followed the reference protocol and
    run.json names no deviation (a run.json without a protocol predates it)."""
    protocol = meta.get("protocol") or {}
    return protocol.get("name") == "reference" and not meta.get("protocol_deviations")


def place_run(summary: dict[str, Any], meta: dict[str, Any]) -> list[Placement]:
    """One placement per game the run scored that the paper has a table for (in the run's
    mode), in the suite's order, then ``overall`` when the run played every game."""
    mode = "vision" if (meta.get("config") or {}).get("vision") else "language"
    like_for_like = is_comparable(meta)
    envs = summary.get("envs", {})
    placements = [
        _place(game, mode, envs[game]["mean"], envs[game].get("se"), like_for_like)
        for game in _GAMES
        if game in envs and envs[game].get("mean") is not None
    ]
    overall = summary.get("overall") or {}
    if all(game in envs for game in _GAMES) and overall.get("mean") is not None:
        placements.append(_place(OVERALL, mode, overall["mean"], overall.get("se"), like_for_like))
    return placements
