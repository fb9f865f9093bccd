"""The 75 games of the BALROG protocol: which seeds build them and how to check the result.

The table ships with the package (``games.json``) so the games regenerate offline. Each
family names the TextWorld challenge that builds it and the settings it was built with;
episode *i* of a task plays that family's game *i mod 25*, in table order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import attrs

from balrog_core import UnknownNameError

__all__ = ["GameEntry", "Family", "FAMILIES", "TASKS", "MAX_STEPS", "games_of", "game_for_episode", "all_games"]


@attrs.frozen
class Family:
    """A task of the protocol and the TextWorld challenge that generates its games.

    ``only_last_action`` is the grammar option the reference built coin and treasure games
    with: the objective names only the quest's final action.
    """

    task: str
    challenge: str
    level: int | None
    only_last_action: bool
    description: str


FAMILIES: Mapping[str, Family] = {
    family.task: family
    for family in (
        Family("treasure_hunter", "tw-treasure_hunter", 30, True,
               "find a named object behind locked doors and containers (20 rooms)"),
        Family("the_cooking_game", "tw-cooking", None, False,
               "find five ingredients, prepare them as the cookbook says, cook and eat the meal"),
        Family("coin_collector", "tw-coin_collector", 220, True,
               "find the coin at the end of a 20-room path among 60 rooms"),
    )
}
TASKS = tuple(FAMILIES)
# Every game is played for at most this many commands: the 80th ends the episode.
MAX_STEPS = 80


@attrs.frozen
class GameEntry:
    """One row of the seed table: enough to rebuild a game and recognise it."""

    task: str
    index: int
    name: str
    seeds: Mapping[str, int] = attrs.field(converter=dict)
    uuid: str
    walkthrough_len: int
    max_score: int
    global_seed: int | None = None
    settings: Mapping[str, Any] | None = None

    @property
    def family(self) -> Family:
        return FAMILIES[self.task]


@lru_cache(maxsize=1)
def all_games() -> tuple[GameEntry, ...]:
    """Every game of the table, in table order."""
    rows = json.loads(resources.files(__package__).joinpath("games.json").read_text("utf-8"))
    counters: dict[str, int] = {}
    games = []
    for row in rows:
        index = counters.get(row["task"], 0)
        counters[row["task"]] = index + 1
        games.append(GameEntry(
            task=row["task"], index=index, name=row["name"], seeds=row["seeds"], uuid=row["uuid"],
            walkthrough_len=row["walkthrough_len"], max_score=row["max_score"],
            global_seed=row["global_seed"], settings=row["settings"],
        ))
    return tuple(games)


def games_of(task: str) -> tuple[GameEntry, ...]:
    """The games of one task, in the order episodes play them."""
    if task not in FAMILIES:
        raise UnknownNameError("textworld task", task, TASKS)
    return tuple(game for game in all_games() if game.task == task)


def game_for_episode(task: str, episode: int) -> GameEntry:
    """Episode *i* plays game *i mod 25* of its task: this project's reproducible rule (the
    reference counts episodes per worker process from index 1, so its mix depends on the
    worker count)."""
    games = games_of(task)
    return games[episode % len(games)]
