"""The navigation oracle on the real game.

Through the CLI: every MazeWalk-9x9 episode solved walking square by square (the reference
action set); every Corridor-R3 and MazeWalk-15x15 episode solved with ``actions=full``;
every Boxoban episode on official levels solved by the solver's fewest-moves plan within
the 100 steps. Played directly: the episodes that once failed (a kicked-open door left
out of planning, a passage only a search reveals, the stairs reached on a free action of
a Fast hero, which scores 0).
"""

import asyncio
import json

import numpy as np
import pytest
from balrog_core import EnvSettings, PromptSettings, TurnContext
from balrog_core.cli import main

from balrog_env_nethack.glyphs import cmap_glyph
from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MiniHackOptions
from balrog_env_nethack.oracle import NavigationOracle, hidden_candidates


@pytest.mark.slow
@pytest.mark.parametrize(("task", "actions"), [
    ("MiniHack-MazeWalk-9x9-v0", "reference"),
    ("MiniHack-MazeWalk-15x15-v0", "full"),
    ("MiniHack-Corridor-R3-v0", "full"),
    ("MiniHack-Boxoban-Medium-v0", "reference"),
    ("MiniHack-Boxoban-Hard-v0", "reference"),
])
def test_oracle_scores_100(task, actions, tmp_path):
    out = tmp_path / "run"
    main(["run", "--env", "minihack", "--task", task, "--agent", "oracle", "--episodes", "5",
          "-o", f"env.minihack.actions={actions}", "--output", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    entry = summary["tasks"][f"minihack/{task}"]
    assert (entry["n"], entry["failed"], entry["mean"], entry["invalid_outputs"]) == (5, 0, 100.0, 0)


def _play(task: str, actions: str, seed: int) -> tuple[object, list[str]]:
    """One episode of the oracle on the real env; the game and the actions played."""
    game = build_minihack(task, EnvSettings(vision=False, options=MiniHackOptions(actions=actions)))
    observation = game.reset(seed)
    oracle, played = NavigationOracle(), []
    for step in range(100):
        turn = TurnContext(instruction="", observation=observation, history=(),
                           action_space=game.action_space, step=step, settings=PromptSettings(), env=game)
        action = asyncio.run(oracle.act(turn)).action
        assert action in game.action_space.names
        played.append(action)
        outcome = game.step(action)
        observation = outcome.observation
        if outcome.terminated or outcome.truncated:
            break
    game.close()
    return game, played


def test_a_kicked_open_door_is_walked_through():
    # The CLI's first Corridor-R3 episode: the door north of the first corridor is locked.
    # The tries before the kicks broke it once barred the move for good, cutting the
    # player off from the rest of the level; he then searched until the step cap.
    game, played = _play("MiniHack-Corridor-R3-v0", "full", 1230870833)
    assert "kick" in played
    assert game.progression() == 100.0


@pytest.mark.parametrize("actions", ["reference", "full"])
def test_a_hidden_corridor_is_searched_for(actions):
    # Seed 12: the start room's only visible exit, a doorway, leads nowhere; the way on
    # is hidden. Single searches in the reference set, a counted search ("3", "0",
    # "search") with the full keyboard.
    game, played = _play("MiniHack-Corridor-R3-v0", actions, 12)
    assert game.progression() == 100.0
    assert "search" in played
    assert ("3" in played) == (actions == "full")


@pytest.mark.parametrize("actions", ["reference", "full"])
def test_the_stairs_are_entered_on_a_step_that_moves_the_clock(actions):
    # Seed 0: a monk (intrinsically Fast) three steps from the stairs. Walking straight
    # in, the last step was a free action: reward 1 - 0.01, which the reference scores 0.
    game, played = _play("MiniHack-MazeWalk-9x9-v0", actions, 0)
    assert game.last_reward >= 1.0 and game.progression() == 100.0
    assert len(played) > 4  # it waited for a free action before the last step


def test_hidden_passage_candidates_lie_past_a_dead_end_and_in_room_walls():
    stone, floor, corridor = cmap_glyph(0), cmap_glyph(19), cmap_glyph(21)
    vwall, hwall, corner = cmap_glyph(1), cmap_glyph(2), cmap_glyph(3)
    glyphs = np.full((21, 79), stone, dtype=np.int16)
    glyphs[4:9, 2:8] = hwall  # a 3x4 room at rows 5-7, columns 3-6
    glyphs[5:8, 2] = glyphs[5:8, 7] = vwall
    glyphs[4, 2] = glyphs[4, 7] = glyphs[8, 2] = glyphs[8, 7] = corner
    glyphs[5:8, 3:7] = floor
    glyphs[6, 7] = cmap_glyph(12)  # a doorway east, then a corridor to a dead end at column 11
    glyphs[6, 8:12] = corridor
    visited = {(6, c) for c in range(3, 12)}
    candidates = hidden_candidates(glyphs, visited)
    assert candidates[(6, 12)] == 15  # straight past the dead end: 15 squares never seen counted
    assert (candidates[(5, 11)], candidates[(7, 11)]) == (5, 13)  # it may turn: to the map's edges
    assert (5, 10) not in candidates  # not beside a corridor that goes on
    assert candidates[(8, 4)] == 12  # the bottom wall, 12 rows of unseen space below
    assert candidates[(6, 2)] == 2  # the west wall: the map's edge two squares beyond
    assert (4, 2) not in candidates and (5, 7) not in candidates  # corners; the east wall is walked past
