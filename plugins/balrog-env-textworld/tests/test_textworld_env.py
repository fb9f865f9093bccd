"""The environment on real generated games: game choice, options, progression, extras."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import textworld

from balrog_core import ConfigError, EnvSettings
from balrog_env_textworld.catalog import TASKS, games_of
from balrog_env_textworld.env import TextWorldEnv
from balrog_env_textworld.library import game_file
from balrog_env_textworld.options import TextWorldOptions
from balrog_env_textworld.plugin import _make_env
from balrog_env_textworld.prompt import FAMILY_VERBS
from balrog_env_textworld.text import clean_feedback

STATUS = re.compile(r"-= .+ =-\s*-?\d+/\d+")


def _env(games_dir: Path, task: str, protocol: str = "reference") -> TextWorldEnv:
    return _make_env(task, EnvSettings(options=TextWorldOptions(games_dir=str(games_dir)), episode=0,
                                       protocol=protocol))


def test_factory_plays_game_index_mod_25(tmp_path: Path):
    settings = EnvSettings(options=TextWorldOptions(games_dir=str(tmp_path)), episode=26)
    env = _make_env("coin_collector", settings)
    assert env.entry == games_of("coin_collector")[1]
    assert env.action_space.free_text and env.action_space.default == "help"
    assert env.action_space.names == ["goal", "go <dir>", "take coin"]


def test_negative_jobs_option_is_a_config_error(tmp_path: Path):
    settings = EnvSettings(options=TextWorldOptions(games_dir=str(tmp_path), jobs=-1))
    with pytest.raises(ConfigError, match="env.textworld.jobs=-1"):
        _make_env("coin_collector", settings)


def test_raw_z8_output_is_cleaned(textworld_games_dir: Path):
    entry = games_of("treasure_hunter")[0]
    game = textworld.start(str(game_file(textworld_games_dir, entry)))
    try:
        raw = game.reset().feedback
        moved = game.step("look")[0].feedback
    finally:
        game.close()
    assert "$$$$" in raw and STATUS.search(raw) and STATUS.search(moved)
    for text in (clean_feedback(raw), clean_feedback(moved)):
        assert "$$" not in text
        assert not STATUS.search(text)
        assert not any(line.startswith(">") for line in text.splitlines())
    assert clean_feedback(raw).startswith("Your objective is to")
    assert "-= " in clean_feedback(moved)


@pytest.mark.parametrize("task", TASKS)
def test_extended_protocol_shows_objective_clean_story_and_verbs(textworld_games_dir: Path, task: str):
    env = _env(textworld_games_dir, task, protocol="extended")
    assert env.action_space.default == "look"
    try:
        observation = env.reset(seed=123)
        assert observation.image is None
        assert "$$" not in observation.text and not STATUS.search(observation.text)
        assert observation.text.startswith(env.objective)
        prompt = env.instruction_prompt()
        assert env.objective and env.objective in prompt
        for verb in FAMILY_VERBS[task]:
            assert f"\n{verb}: " in prompt
        game = textworld.start(str(game_file(textworld_games_dir, env.entry)),
                               request_infos=textworld.EnvInfos(verbs=True))
        try:
            assert set(game.reset().verbs) <= set(FAMILY_VERBS[task])
        finally:
            game.close()
    finally:
        env.close()


def test_progression_is_settled_when_the_game_is_won(textworld_games_dir: Path):
    env = _env(textworld_games_dir, "the_cooking_game")
    try:
        env.reset(seed=0)
        assert env.progression() == 0.0
        outcome = None
        while env._state.score == 0:
            outcome = env.step(env.solution()[0])
        assert not outcome.terminated and outcome.reward == 1.0
        assert env.progression() == 0.0  # the reference scores an episode only once it is done
        extras = env.extras()
        assert extras["score"] == 1 and extras["max_score"] == 17 and not extras["won"]
        while not outcome.terminated:
            outcome = env.step(env.solution()[0])
        assert not outcome.truncated and env.progression() == 100.0
        extras = json.loads(json.dumps(env.extras()))
        assert extras["won"] and not extras["lost"] and extras["score"] == 17
        assert extras["uuid"] == games_of("the_cooking_game")[0].uuid and extras["game_index"] == 0
        assert extras["moves"] > 0
    finally:
        env.close()


def test_unknown_command_is_answered_not_fatal(textworld_games_dir: Path):
    env = _env(textworld_games_dir, "coin_collector")
    try:
        env.reset(seed=0)
        outcome = env.step("fly to the moon")
        assert outcome.observation.text and not outcome.terminated and outcome.reward == 0.0
        assert env.progression() == 0.0
    finally:
        env.close()


def test_the_80th_command_ends_the_episode_and_settles_partial_credit(textworld_games_dir: Path):
    env = _env(textworld_games_dir, "the_cooking_game")
    try:
        env.reset(seed=0)
        steps = 0
        while env._state.score == 0:
            outcome = env.step(env.solution()[0])
            steps += 1
        while steps < 79:
            outcome = env.step("wait around")
            steps += 1
        assert not (outcome.terminated or outcome.truncated) and env.progression() == 0.0
        outcome = env.step("wait around")
        assert outcome.truncated and not outcome.terminated
        assert env.progression() == pytest.approx(100.0 / 17)
    finally:
        env.close()


def test_observation_options_name_their_deviations(textworld_games_dir: Path):
    assert TextWorldOptions().protocol_deviations() == []
    options = TextWorldOptions(games_dir=str(textworld_games_dir), show_objective=True, clean_text=True)
    assert [line.split(":")[0] for line in options.protocol_deviations()] == ["show_objective", "clean_text"]
    env = _make_env("coin_collector", EnvSettings(options=options))
    try:
        text = env.reset(seed=0).text
        assert text.startswith(env.objective) and not STATUS.search(text)
        assert env.instruction_prompt().startswith("You are an agent playing TextWorld")
    finally:
        env.close()
