"""Pieces of the project's richer observation (``observation=extended``): compass points,
distance words, stats, cost."""

import time

import numpy as np
from nle import nethack

from balrog_env_nethack.rich_observation import (
    ascii_map, describe_stats, direction_of, distance_word, language_observation,
)
from balrog_env_nethack.nethack_game import NetHackGame


def test_sixteen_compass_points():
    assert direction_of(-1, 0) == "N"
    assert direction_of(0, 1) == "E"
    assert direction_of(1, 0) == "S"
    assert direction_of(0, -1) == "W"
    assert direction_of(-1, 1) == "NE"
    assert direction_of(-2, 1) == "NNE"
    assert direction_of(-1, 2) == "ENE"
    assert direction_of(1, -2) == "WSW"
    assert direction_of(2, -1) == "SSW"


def test_distance_words_use_moves_needed():
    assert distance_word(1, 1) == "adjacent"
    assert distance_word(0, 3) == "very near"
    assert distance_word(-7, 2) == "near"
    assert distance_word(0, 8) == "far"


def test_stats_read_the_bottom_line_fields():
    blstats = np.zeros(nethack.BLSTATS_SHAPE, dtype=np.int64)
    blstats[nethack.NLE_BL_STR125] = 45
    blstats[nethack.NLE_BL_HP], blstats[nethack.NLE_BL_HPMAX] = 7, 15
    blstats[nethack.NLE_BL_DEPTH], blstats[nethack.NLE_BL_XP] = 4, 3
    blstats[nethack.NLE_BL_GOLD], blstats[nethack.NLE_BL_TIME] = 120, 999
    blstats[nethack.NLE_BL_HUNGER] = 2
    text = describe_stats(blstats)
    assert "Str 18/27" in text and "HP 7/15" in text and "XP level 3" in text
    assert "Depth 4" in text and "gold 120" in text and "turn 999" in text and "hungry" in text


def test_language_observation_costs_under_a_millisecond():
    game = NetHackGame(vision=False)
    try:
        game.reset(5)
        for action in ["east", "east", "south", "west"]:
            game.step(action)
        obs = game.last_obs
        language_observation(obs, ["warm-up"], include_map=True)
        runs = 300
        start = time.process_time()  # CPU time: other processes on the machine do not count
        for _ in range(runs):
            language_observation(obs, ["a message"], include_map=True)
        per_call = (time.process_time() - start) / runs
        assert per_call < 1e-3, f"{per_call * 1e3:.3f} ms per observation"
        assert "@" in ascii_map(obs["tty_chars"])
    finally:
        game.close()
