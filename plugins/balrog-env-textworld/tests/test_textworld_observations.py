"""Observations under the reference protocol (PROTOCOL.md §7.3): the game's text after the
last occurrence of its objective, stripped, and nothing else removed; the objective never
reaches the model, not even through the ``goal`` command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textworld

from balrog_core import EnvSettings
from balrog_env_textworld.catalog import TASKS
from balrog_env_textworld.env import REQUESTED_INFOS
from balrog_env_textworld.library import game_file
from balrog_env_textworld.options import TextWorldOptions
from balrog_env_textworld.plugin import _make_env
from balrog_env_textworld.text import filter_objective

STATUS = re.compile(r"-= .+ =-\s*-?\d+/\d+")


def test_filter_keeps_what_follows_the_last_objective_stripped():
    assert filter_objective("banner\nGOAL\n\n-= Room =-\nText \n", "GOAL") == "-= Room =-\nText"
    assert filter_objective("GOAL one GOAL two ", "GOAL") == "two"
    assert filter_objective("GOAL", "GOAL") == ""
    assert filter_objective("\n  no goal here  \n>  -= Room =-0/3", "GOAL") == "no goal here  \n>  -= Room =-0/3"


@pytest.mark.parametrize("task", TASKS)
def test_observations_are_the_raw_text_after_the_objective(textworld_games_dir: Path, task: str):
    env = _make_env(task, EnvSettings(options=TextWorldOptions(games_dir=str(textworld_games_dir))))
    raw_game = textworld.start(str(game_file(textworld_games_dir, env.entry)), request_infos=REQUESTED_INFOS)
    try:
        first = env.reset(seed=0).text
        state = raw_game.reset()
        assert first == state.feedback.split(state.objective)[-1].strip()
        assert first.startswith("-= ") and STATUS.search(first.splitlines()[-1])  # status line kept
        for command in ("look", "goal", "fly to the moon"):
            text = env.step(command).observation.text
            raw = raw_game.step(command)[0].feedback
            assert text == raw.split(state.objective)[-1].strip()
    finally:
        raw_game.close()
        env.close()


@pytest.mark.parametrize("task", TASKS)
def test_objective_never_appears_in_a_played_episode(textworld_games_dir: Path, task: str):
    env = _make_env(task, EnvSettings(options=TextWorldOptions(games_dir=str(textworld_games_dir))))
    try:
        texts = [env.reset(seed=0).text, env.step("goal").observation.text]
        objective = env.objective
        assert len(objective) > 20
        outcome = None
        while outcome is None or not (outcome.terminated or outcome.truncated):
            command = "goal" if len(texts) in (6, 12) else env.solution()[0]
            outcome = env.step(command)
            texts.append(outcome.observation.text)
        assert env.progression() == 100.0
        assert len(texts) > 12
        for text in texts:
            assert objective not in text
            assert objective[:20] not in text
    finally:
        env.close()
