"""The ``nle`` env against PROTOCOL.md §7.6: action set, prompt, abort rule, vision layout,
the options that depart from it."""

import gzip
import json
import re
from pathlib import Path

import pytest
from balrog_core import ConfigError

from balrog_env_nethack.nethack_game import NetHackGame
from balrog_env_nethack.nle_options import NetHackOptions
from balrog_env_nethack.nle_prompt import PROMPT_ACTIONS

GOLDEN = Path(__file__).parent / "data" / "reference_nethack_episodes.jsonl.gz"
REFERENCE_ACTIONS = next(json.loads(line) for line in gzip.open(GOLDEN, "rt") if '"nle"' in line)["actions"]

# §7.6 item 2: the prompt's 80 entries, in order.
PROMPT_ORDER = (
    "north east south west northeast southeast southwest northwest "
    "far_north far_east far_south far_west far_northeast far_southeast far_southwest far_northwest "
    "up down wait more annotate apply call cast close open dip drop droptype eat esc engrave "
    "enhance fire fight force inventory invoke jump kick look loot monster offer overview pay "
    "pickup pray puton quaff quiver read remove rub search swap takeoff takeoffall teleport "
    "throw travel twoweapon untrap wear wield wipe zap minus space apos 0 1 2 3 4 5 6 7 8 9"
).split()
PROMPT_ORDER = [name.replace("_", " ") for name in PROMPT_ORDER]


@pytest.fixture
def game():
    env = NetHackGame(vision=False)
    yield env
    env.close()


def test_valid_actions_are_the_references_248_strings(game):
    assert game.action_space.names == REFERENCE_ACTIONS
    assert len(REFERENCE_ACTIONS) == 248 and game.action_space.default == "esc"
    for listed_but_invalid in ("annotate", "overview", "teleport", "travel", "minus", "apos"):
        assert listed_but_invalid in PROMPT_ACTIONS and listed_but_invalid not in game.action_space.actions


def test_reference_prompt_has_the_items_in_order(game):
    prompt = game.instruction_prompt()
    assert 3800 <= len(prompt) <= 4300  # reference: about 4,050
    head, rest = prompt.split("\n\n", 1)
    assert "NetHack" in head and head.count("\n") == 0
    listing, rest = rest.split(".\n\nTips:\n", 1)
    entries = listing.split(",\n")
    assert [e.split(": ", 1)[0] for e in entries] == PROMPT_ORDER == list(PROMPT_ACTIONS)
    assert "invoke: invoke " in entries and "space:  " in entries and "7: 7" in entries
    tips, closing, play = rest.rsplit("\n\n", 2)
    assert len(re.findall(r"^- ", tips, re.M)) == 8 and len(re.findall(r"^    - ", tips, re.M)) == 1
    history, goal = closing.split("\n")
    assert "history of actions and observations" in history
    assert goal == "Your goal is to get as far as possible in the game." and play == "PLAY!"
    for absent in ("progression", "score", "timeout", "Valkyrie", "HP"):
        assert absent not in prompt


def test_extended_protocol_keeps_the_richer_prompt():
    game = NetHackGame(vision=False, protocol="extended")
    try:
        prompt = game.instruction_prompt()
        assert prompt.startswith("You are playing NetHack, a roguelike dungeon crawl.")
        assert "Actions (answer with exactly one name):\nnorth:" in prompt
    finally:
        game.close()


def test_two_digit_strings_end_the_episode_without_a_key(game):
    before = game.reset(3)
    outcome = game.step("07")
    assert outcome.terminated and outcome.observation.text == before.text
    assert "'07' has no key" in game.extras()["end_reason"]


def test_no_progress_aborts_after_150_steps_without_the_turn_moving(game):
    game.reset(1)
    for step in range(1, 200):
        outcome = game.step("esc")  # takes no game time
        if outcome.truncated:
            break
    assert step == 151 and outcome.truncated and not outcome.terminated
    assert game.extras()["end_reason"] == "no progress"
    assert game.progression() == 0.0


def test_env_step_cap_truncates(game):
    game.reset(2)
    game.env._max_episode_steps = 5  # stands for the 100,000 env steps
    outcomes = [game.step("search") for _ in range(5)]
    assert [o.truncated for o in outcomes] == [False] * 4 + [True]
    assert game.extras()["end_reason"] == "step cap"


def test_vision_mode_has_statistics_and_no_map():
    game = NetHackGame(vision=True)
    try:
        observation = game.reset(3)
    finally:
        game.close()
    assert re.fullmatch(r"message:\n.*\n\nlanguage observation:\n.*\n\ncursor:\nYourself a [a-z ]+\n",
                        observation.text, re.S), observation.text
    statistics, inventory = observation.short_term.split("\n\ninventory:\n")
    lines = statistics.removeprefix("statistics:\n").split("\n")
    assert len(lines) == 22 and lines[0].startswith("Strength: ") and lines[-1] == "Condition: None"
    assert observation.image.shape == (336, 1264, 3)  # the 21x79 glyph map in 16x16 tiles


def test_options_name_their_deviations():
    assert NetHackOptions().protocol_deviations() == []
    options = NetHackOptions(skip_more=False, no_progress_steps=20, actions="extended", observation="extended")
    assert len(options.protocol_deviations()) == 4
    with pytest.raises(ConfigError, match="env.nle.actions='rich'"):
        NetHackOptions(actions="rich")


def test_extended_options_restore_the_projects_vocabulary_and_sections():
    game = NetHackGame(vision=False, options=NetHackOptions(actions="extended", observation="extended"))
    try:
        observation = game.reset(3)
        assert "take off" in game.action_space.actions and "07" not in game.action_space.actions
        assert observation.text.startswith("Message:") and "Around you:" in observation.text
    finally:
        game.close()
