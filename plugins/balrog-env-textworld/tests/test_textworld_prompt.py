"""Golden instruction prompts of the reference protocol (PROTOCOL.md §7.3): the text is pinned
byte for byte in tests/data/prompts, and its shape is checked against the reference's."""

from __future__ import annotations

from pathlib import Path

import pytest

from balrog_core import EnvSettings
from balrog_env_textworld.catalog import TASKS
from balrog_env_textworld.options import TextWorldOptions
from balrog_env_textworld.plugin import _make_env
from balrog_env_textworld.prompt import REFERENCE_COMMANDS, reference_prompt

PROMPTS = Path(__file__).parent / "data" / "prompts"
# The reference's prompt lengths after strip(), its step budgets and its command lists.
REFERENCE_CHARS = {"treasure_hunter": 1617, "the_cooking_game": 2915, "coin_collector": 671}
BUDGETS = {"treasure_hunter": 40, "the_cooking_game": 80, "coin_collector": 25}
COMMANDS = {
    "treasure_hunter": ["look", "goal", "inventory", "go <dir>", "open ...", "drop ...", "take ...",
                        "put ... on ...", "take ... from ...", "insert ... into ...", "unlock ... with ..."],
    "the_cooking_game": ["look", "goal", "inventory", "go <dir>", "examine ...", "eat ...", "open ...",
                         "drop ...", "take ...", "put ... on ...", "take ... from ...", "insert ... into ...",
                         "lock ... with ...", "unlock ... with ...", "cook ... with ...", "slice ... with ...",
                         "chop ... with ...", "dice ... with ...", "prepare meal"],
    "coin_collector": ["goal", "go <dir>", "take coin"],
}
# Typographic quotes the reference's prompts hold: U+2019 in all three, U+2018 in two.
OPENING_QUOTE = {"treasure_hunter": False, "the_cooking_game": True, "coin_collector": True}


@pytest.mark.parametrize("task", TASKS)
def test_prompt_matches_its_golden_file(task: str):
    assert reference_prompt(task) == (PROMPTS / f"{task}.txt").read_text("utf-8")


@pytest.mark.parametrize("task", TASKS)
def test_prompt_has_the_reference_shape(task: str):
    prompt = reference_prompt(task)
    lines = prompt.split("\n")
    assert prompt == prompt.strip() and len(lines) > 5
    assert not lines[0].startswith(" ")
    assert all(line.startswith("    ") and not line.startswith("     ") for line in lines[1:])
    assert all(len(line) <= 115 for line in lines)
    assert abs(len(prompt) - REFERENCE_CHARS[task]) <= 0.05 * REFERENCE_CHARS[task]
    assert "\u2019" in prompt and ("\u2018" in prompt) == OPENING_QUOTE[task]
    assert lines[-1] == f"    You have {BUDGETS[task]} steps to complete the task. You may not restart the game."
    assert "PLAY" not in prompt and "history" not in prompt.lower() and "objective" not in prompt.lower()


@pytest.mark.parametrize("task", TASKS)
def test_prompt_lists_the_reference_commands_in_order(task: str):
    assert list(REFERENCE_COMMANDS[task]) == COMMANDS[task]
    flat = " ".join(line.strip() for line in reference_prompt(task).split("\n"))
    positions = [flat.index(f"{name}: ") for name in COMMANDS[task]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("task", TASKS)
def test_no_objective_in_prompt_or_first_observation(textworld_games_dir: Path, task: str):
    env = _make_env(task, EnvSettings(options=TextWorldOptions(games_dir=str(textworld_games_dir))))
    try:
        first = env.reset(seed=7).text
        prompt = env.instruction_prompt()
        assert prompt == reference_prompt(task)
        assert env.objective not in prompt and env.objective not in first
        assert first.startswith("-= ") and "$$" not in first
        assert env.action_space.free_text and env.action_space.default == "help"
        assert env.action_space.names == COMMANDS[task]
    finally:
        env.close()
