"""The environment contract: observations, prompt, image, scoring and extras."""

import json

import numpy as np
import pytest
from balrog_core import ConfigError

from balrog_env_babaisai.board import Board, Thing
from balrog_env_babaisai.describe import describe, offset_text
from balrog_env_babaisai.env import ACTIONS, BabaIsAIEnv
from balrog_env_babaisai.levels import LEVEL_NAMES


def test_offsets_read_like_the_protocol():
    assert offset_text(1, -2) == "1 step to the right and 2 steps up"
    assert offset_text(-3, 0) == "3 steps to the left"
    assert offset_text(0, 1) == "1 step down"
    assert offset_text(0, 0) == "on your cell"


def test_observation_lists_rules_then_things_relative_to_the_player():
    things = [
        Thing("baba", "white", 2, 3),
        Thing("door", "red", 5, 3),
        Thing("rule", "", 0, 0, "baba"), Thing("rule", "", 1, 0, "is"), Thing("rule", "", 2, 0, "you"),
        Thing("rule", "", 3, 2, "win"),
    ]
    text = describe(Board(6, 5, things))
    assert text.startswith("Active rules:\nbaba is you\n")
    assert "red door 3 steps to the right" in text
    assert "rule `win` 1 step to the right and 1 step up" in text
    assert "rule `baba` 2 steps to the left and 3 steps up" in text
    assert "Free cells between you and the map's edge: 2 to the left, 3 to the right, 3 up, 1 down." in text


def test_reset_is_deterministic_per_seed_and_varies_across_seeds():
    env = BabaIsAIEnv("goto_win-distr_obj_rule")
    first = env.reset(7).text
    assert BabaIsAIEnv("goto_win-distr_obj_rule").reset(7).text == first
    assert len({BabaIsAIEnv("goto_win-distr_obj_rule").reset(seed).text for seed in range(6)}) > 1


def test_images_only_in_vision_mode():
    assert BabaIsAIEnv("make_win").reset(1).image is None
    image = BabaIsAIEnv("two_room-make_win", vision=True).reset(1).image
    assert isinstance(image, np.ndarray) and image.dtype == np.uint8
    assert image.ndim == 3 and image.shape[2] == 3 and image.shape[1] > image.shape[0]
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 5


def test_instruction_prompt_explains_rules_and_lists_every_action():
    env = BabaIsAIEnv("make_win")
    env.reset(0)
    prompt = env.instruction_prompt()
    for action in ACTIONS.names:
        assert f"\n{action}: " in prompt
    assert "push" in prompt and "NOUN IS NOUN" in prompt and "8 by 8" in prompt
    assert ACTIONS.default == "idle"


def test_a_win_ends_the_episode_with_full_progression_and_json_extras():
    env = BabaIsAIEnv("goto_win")
    env.reset(3)
    env.board = Board(3, 3, [
        Thing("baba", "white", 0, 2), Thing("ball", "red", 1, 2),
        Thing("rule", "", 0, 0, "baba"), Thing("rule", "", 1, 0, "is"), Thing("rule", "", 2, 0, "you"),
        Thing("rule", "", 0, 1, "ball"), Thing("rule", "", 1, 1, "is"), Thing("rule", "", 2, 1, "win"),
    ])
    assert env.progression() == 0.0
    outcome = env.step("right")
    assert outcome.terminated and outcome.reward == 1.0 and env.progression() == 100.0
    extras = json.loads(json.dumps(env.extras()))
    assert extras == {"won": True, "lost": False, "steps": 1, "rules": ["baba is you", "ball is win"]}


def test_losing_every_you_object_ends_the_episode_at_zero():
    env = BabaIsAIEnv("goto_win")
    env.reset(3)
    env.board = Board(3, 3, [
        Thing("baba", "white", 2, 2),
        Thing("rule", "", 0, 1, "baba"), Thing("rule", "", 1, 1, "is"), Thing("rule", "", 2, 1, "you"),
    ])
    outcome = env.step("up")
    assert outcome.terminated and outcome.reward == 0.0
    assert env.progression() == 0.0 and env.extras()["lost"] is True
    assert "game is lost" in outcome.observation.text


def test_unknown_level_and_action_are_rejected_with_a_fix():
    with pytest.raises(ConfigError, match="unknown Baba Is AI level 'goto'"):
        BabaIsAIEnv("goto")
    env = BabaIsAIEnv(LEVEL_NAMES[0])
    env.reset(0)
    with pytest.raises(ValueError, match="jump"):
        env.step("jump")
