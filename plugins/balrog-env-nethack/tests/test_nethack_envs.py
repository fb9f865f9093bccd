"""Every task resets and steps in text and in vision mode, with the real games."""

import numpy as np
import pytest
from balrog_core import EnvSettings

from balrog_env_nethack.actions import KEYS, VOCABULARY
from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MINIHACK_TASKS, MiniHackOptions
from balrog_env_nethack.nethack_game import NetHackGame


def _build(task, vision):
    if task == "NetHackChallenge-v0":
        return NetHackGame(vision=vision)
    return build_minihack(task, EnvSettings(vision=vision, options=MiniHackOptions()))


@pytest.mark.parametrize("vision", [False, True], ids=["text", "vision"])
@pytest.mark.parametrize("task", ["NetHackChallenge-v0", *MINIHACK_TASKS])
def test_task_resets_and_steps(task, vision):
    env = _build(task, vision)
    try:
        observation = env.reset(11)
        assert observation.text.startswith("message:\n") and "\nlanguage observation:\n" in observation.text
        assert "inventory:\n" in observation.short_term
        assert ("\nmap:\n" in observation.text) is (not vision)
        assert ("statistics:\n" in observation.short_term) is vision
        assert "north" in env.instruction_prompt()
        actions = [a for a in ("south", "east", "wait") if a in env.action_space.actions]
        for action in (*actions, env.action_space.default):
            outcome = env.step(action)
            if outcome.terminated or outcome.truncated:
                break
        if vision:
            image = outcome.observation.image
            assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3
            assert image.max() > 0  # characters were drawn
        else:
            assert outcome.observation.image is None
        assert 0.0 <= env.progression() <= 100.0
        assert "end_reason" in env.extras()
    finally:
        env.close()


def test_default_actions_follow_the_protocol():
    nle = NetHackGame(vision=False)
    mini = build_minihack("MiniHack-Corridor-R3-v0", EnvSettings(options=MiniHackOptions()))
    try:
        assert nle.action_space.default == "esc"
        assert mini.action_space.default == "north"
    finally:
        nle.close()
        mini.close()


def test_vocabulary_has_letters_digits_moves_and_commands():
    for name in ["north", "far southwest", "up", "down", "wait", "more", "esc", "apply", "eat",
                 "pray", "search", "kick", "open", "close", "pickup", "quaff", "read", "wield",
                 "wear", "zap", "drop", "inventory"]:
        assert name in VOCABULARY
    for char in "azAZ09":
        assert KEYS[char] == ord(char)
