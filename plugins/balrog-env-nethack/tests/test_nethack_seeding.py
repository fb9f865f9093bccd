"""The same episode seed gives the same dungeon; another seed another one."""

import numpy as np
import pytest
from balrog_core import EnvSettings

from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MiniHackOptions
from balrog_env_nethack.nethack_game import NetHackGame
from balrog_env_nethack.seeding import nethack_seeds


def _play(make, seed, actions):
    env = make()
    try:
        first = env.reset(seed).text
        for action in actions:
            env.step(action if action in env.action_space.actions else env.action_space.default)
        return first, env.last_obs["glyphs"].copy(), env.last_obs["blstats"].copy()
    finally:
        env.close()


CASES = {
    "nle": lambda: NetHackGame(vision=False),
    "mazewalk15": lambda: build_minihack("MiniHack-MazeWalk-15x15-v0", EnvSettings(options=MiniHackOptions())),
    "corridor": lambda: build_minihack("MiniHack-Corridor-R3-v0", EnvSettings(options=MiniHackOptions())),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_seed_same_game(name):
    actions = ["east", "south", "search", "west", "north"]
    a = _play(CASES[name], 42, actions)
    b = _play(CASES[name], 42, actions)
    c = _play(CASES[name], 43, actions)
    assert a[0] == b[0]
    assert np.array_equal(a[1], b[1]) and np.array_equal(a[2], b[2])
    assert not np.array_equal(a[1], c[1])


def test_seeds_are_derived_deterministically():
    assert nethack_seeds(5) == nethack_seeds(5)
    assert nethack_seeds(5) != nethack_seeds(6)
    assert all(0 <= s < 2**63 for s in nethack_seeds(5))
