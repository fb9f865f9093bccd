"""NetHack progression on synthetic bottom lines, and the no-progress rule on the real game."""

import json
from pathlib import Path

import numpy as np
import pytest
from nle import nethack

from balrog_env_nethack.nethack_game import NetHackGame, NetHackOptions
from balrog_env_nethack.progression import ProgressionTracker, progression_table

SHARED = json.loads((Path(__file__).parents[1] / "src/balrog_env_nethack/data/nethack_progression.json").read_text())


def _blstats(depth, level):
    blstats = np.zeros(nethack.BLSTATS_SHAPE, dtype=np.int64)
    blstats[nethack.NLE_BL_DEPTH] = depth
    blstats[nethack.NLE_BL_XP] = level
    return blstats


def test_table_is_the_published_one():
    table = progression_table()
    assert table.dungeon_level[2] == SHARED["dungeon_level"]["2"]
    assert table.experience_level[30] == SHARED["experience_level"]["30"]
    assert len(table.dungeon_level) == 50 and len(table.experience_level) == 30


def test_start_of_game_scores_zero():
    tracker = ProgressionTracker()
    tracker.observe(_blstats(1, 1))
    assert tracker.percent == 0.0


def test_best_of_depth_and_level_and_it_never_drops():
    tracker = ProgressionTracker()
    tracker.observe(_blstats(5, 2))
    assert tracker.percent == pytest.approx(100 * SHARED["dungeon_level"]["5"])
    tracker.observe(_blstats(2, 9))
    assert tracker.percent == pytest.approx(100 * SHARED["experience_level"]["9"])
    tracker.observe(_blstats(1, 1))  # back upstairs, lower level: the maximum stays
    assert tracker.percent == pytest.approx(100 * SHARED["experience_level"]["9"])


def test_levels_missing_from_the_table_count_nothing():
    tracker = ProgressionTracker()
    tracker.observe(_blstats(12, 1))
    tracker.observe(_blstats(0, 0))  # an ended game's zeroed bottom line: Dlvl:0 is no key
    assert tracker.percent == pytest.approx(100 * SHARED["dungeon_level"]["12"])
    tracker.observe(_blstats(60, 31))  # past the table's Dlvl:50 and Xp:30
    assert tracker.percent == pytest.approx(100 * SHARED["dungeon_level"]["12"])


def test_no_progress_truncates_with_its_end_reason():
    game = NetHackGame(vision=False, options=NetHackOptions(no_progress_steps=20))
    try:
        game.reset(1)
        outcome = None
        for step in range(40):
            outcome = game.step("esc")  # takes no game time
            if outcome.truncated:
                break
        assert outcome.truncated and not outcome.terminated
        assert step == 20
        extras = game.extras()
        assert extras["end_reason"] == "no progress"
        assert extras["depth"] == 1 and extras["max_depth"] == 1 and extras["turns"] >= 1
        json.dumps(extras)
    finally:
        game.close()
