"""Boxoban: the official level sets ship with the plugin and are drawn as the reference
draws them; the map, rewards and scoring are MiniHack's; the offline generator stays an
option; the solver copes with official levels."""

import random
import time

import numpy as np
import pytest
from balrog_core import EnvSettings
from balrog_core.cli import main

from balrog_env_nethack.boxoban_env import BoxobanGame
from balrog_env_nethack.boxoban_generator import HARD_PUSHES, MEDIUM_PUSHES, generate_level
from balrog_env_nethack.boxoban_levels import draw_level, level_set
from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MiniHackOptions
from balrog_env_nethack.sokoban import parse_level, solution, solve

_NAMES = {(-1, 0): "north", (1, 0): "south", (0, 1): "east", (0, -1): "west"}


def _boxoban(task: str, **options) -> BoxobanGame:
    return build_minihack(task, EnvSettings(options=MiniHackOptions(**options)))


@pytest.mark.parametrize("difficulty,files,levels", [("hard", 4, 3_332), ("medium", 450, 450_000)])
def test_official_sets_hold_every_level(difficulty, files, levels):
    found = level_set(difficulty)
    assert (len(found.files), found.size) == (files, levels)
    for index in (0, levels - 1):
        text = found.level(index).text
        rows = text.splitlines()
        assert len(rows) == 10 and all(len(row) == 10 for row in rows)
        assert text.count("$") == text.count(".") == 4 and text.count("@") == 1


def test_draw_is_random_choice_seeded_with_the_episode_seed():
    levels = level_set("hard")
    for seed in (0, 7, 2**32 - 1):
        expected = random.Random(seed).choice(range(levels.size))
        assert draw_level("hard", seed) == levels.level(expected)
    assert draw_level("medium", 11).name == draw_level("medium", 11).name
    assert len({draw_level("medium", seed).name for seed in range(20)}) == 20


@pytest.mark.slow
def test_reset_is_fast_once_the_set_is_loaded():
    env = _boxoban("MiniHack-Boxoban-Medium-v0")  # the first draw reads the archive
    try:
        started = time.perf_counter()
        for seed in range(5):
            env.reset(seed)
        per_reset = (time.perf_counter() - started) / 5
        print(f"Boxoban-Medium reset: {per_reset * 1000:.0f} ms")
        assert per_reset < 1.0
        assert env.extras()["level_source"] == "official"
        assert env.extras()["level_name"].startswith("medium/train/")
    finally:
        env.close()


def test_map_is_bars_boulders_and_fountains_premapped():
    env = _boxoban("MiniHack-Boxoban-Hard-v0")
    try:
        env.reset(4)
        level, chars = env.level, env.last_obs["chars"]
        assert np.count_nonzero(chars == ord("`")) == level.count("$")
        assert np.count_nonzero(chars == ord("{")) == level.count(".")
        assert np.count_nonzero(chars == ord("#")) == level.count("#")  # every wall is iron bars
        text = env.reset(4).text
        assert "\nbars " in text and "\nboulder" in text and "\nfountain" in text
    finally:
        env.close()


def test_rewards_and_score_follow_the_boxoban_classes():
    env = _boxoban("MiniHack-Boxoban-Hard-v0")
    try:
        env.reset(3)
        moves = solution(parse_level(env.level))
        rewards = [env.step(_NAMES[move]).reward for move in moves]
        assert rewards[-1] == 1.0 and env.progression() == 100.0
        assert env.extras()["solved"] and env.done
        shaped = {round(r, 4) for r in rewards[:-1]}
        assert -0.001 in shaped and shaped <= {-0.001, 0.099, -0.101}
        assert round(sum(rewards[:-1]) - len(rewards[:-1]) * -0.001, 4) == 0.3  # 3 boxes landed before the last
    finally:
        env.close()


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", ["medium", "hard"])
def test_solver_solves_official_levels_in_the_step_cap(difficulty):
    """The fewest-moves plan of 5 levels per set fits in 100 moves and wins the real game."""
    task = f"MiniHack-Boxoban-{difficulty.capitalize()}-v0"
    env = _boxoban(task)
    try:
        for seed in range(5):
            env.reset(seed)
            started = time.perf_counter()
            moves = solution(parse_level(env.level))
            print(f"{env.level_name}: {len(moves)} moves in {time.perf_counter() - started:.2f} s")
            assert len(moves) <= 100
            for move in moves:
                outcome = env.step(_NAMES[move])
            assert outcome.terminated and env.progression() == 100.0
    finally:
        env.close()


def test_generator_is_an_option_with_a_deviation():
    options = MiniHackOptions(boxoban="generated")
    assert options.protocol_deviations() == [
        "Boxoban levels from the offline generator "
        "(reference: DeepMind's official medium/train and hard sets)"]
    env = _boxoban("MiniHack-Boxoban-Medium-v0", boxoban="generated")
    try:
        env.reset(2)
        assert env.level == generate_level(2, "medium")
        assert env.extras()["level_source"] == "generated"
    finally:
        env.close()


@pytest.mark.parametrize("difficulty,pushes", [("medium", MEDIUM_PUSHES), ("hard", HARD_PUSHES)])
def test_generated_levels_are_solvable_and_labelled(difficulty, pushes):
    for seed in range(3):
        level = generate_level(seed, difficulty)
        puzzle = parse_level(level)
        assert len(level.splitlines()) == 10 and len(puzzle.boxes) == 4
        assert solve(puzzle) in pushes
    assert generate_level(0, difficulty) == generate_level(0, difficulty)


def test_solver_rejects_an_unsolvable_level():
    corner = "#####\n#$ .#\n# @ #\n#####"  # a box in a corner can never move
    assert solve(parse_level(corner)) is None
    assert solution(parse_level(corner)) is None


def test_solution_walks_then_pushes():
    # The player stands behind the box: three pushes east.
    level = "#######\n#@$  .#\n#######"
    assert solution(parse_level(level)) == [(0, 1)] * 3


def test_bad_boxoban_option_stops_the_run_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--env", "minihack", "--agent", "oracle", "--output", str(tmp_path / "run"),
              "-o", "env.minihack.boxoban=unfiltered"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip()
    assert "env.minihack.boxoban='unfiltered'" in error and "official, generated" in error
    assert "\n" not in error
