"""The reference's reading of planner answers, as a table of model outputs and the plan and
action each one yields, on BabyAI's real action space; then the tolerant opt-in."""

from __future__ import annotations

import pytest

from balrog_core import ActionSpace
from balrog_agent_planner import read_planned_answer

SPACE = ActionSpace(
    {
        "turn left": "turn to the left", "turn right": "turn to the right",
        "go forward": "take one step forward", "pick up": "pick up the object below you",
        "drop": "drop the object being held", "toggle": "manipulate the object in front",
    },
    default="go forward",
)
FREE_TEXT = ActionSpace({"look": "look around"}, default="help", free_text=True)

# (stripped model output, new plan or None to keep the current one, candidate, action)
TABLE = [
    ("PLAN: go to the ball\nACTION: go forward", "go to the ball", "go forward", "go forward"),
    ("ACTION: go forward", None, "go forward", "go forward"),
    ("action: go forward", None, "go forward", "go forward"),  # the marker is any case
    ("Action:   turn left", None, "turn left", "turn left"),
    ("ACTION:\ndrop", None, "drop", "drop"),
    ("ACTION:drop", None, "drop", "drop"),
    ("PLAN: No changes to the plan.\nACTION: toggle", None, "toggle", "toggle"),
    ("PLAN: No changes to the plan\nACTION: toggle", "No changes to the plan", "toggle", "toggle"),
    ("PLAN:\n1. turn left\n2. go forward\nACTION: turn left", "1. turn left\n2. go forward", "turn left", "turn left"),
    ("Thoughts first.\nPLAN: explore\nACTION: turn right", "explore", "turn right", "turn right"),
    ("PLAN: explore ACTION: turn right", "explore ACTION: turn right", "turn right", "turn right"),
    ("PLAN: x\nAction: drop", "x", "drop", "drop"),
    ("plan: lower case\nACTION: drop", "lower case", "drop", "drop"),
    ("PLAN: first\nPLAN: second\nACTION: drop", "first\nPLAN: second", "drop", "drop"),
    ("PLAN:\nACTION: drop", "ACTION: drop", "drop", "drop"),  # the blank is eaten before the lookahead
    ("My REACTION: drop", None, "drop", "drop"),  # no word boundary before the marker
    ("ACTION: go forward\nbecause the ball is ahead", None, "go forward\nbecause the ball is ahead", None),
    ("ACTION: go forward.", None, "go forward.", None),  # no letter filter
    ("ACTION: **go forward**", None, "**go forward**", None),
    ("ACTION: Go forward", None, "Go forward", None),
    ("ACTION: <toggle>", None, "<toggle>", None),
    ("ACTION: pick_up", None, "pick_up", None),
    ("ACTION: 5", None, "5", None),
    ("ACTION: turn  left", None, "turn  left", None),
    ("ACTION: turn left ACTION: turn right", None, "turn left ACTION: turn right", None),
    ("PLAN: a\nACTION: b\nACTION: drop", "a", "b\nACTION: drop", None),  # the first marker counts
    ("ACTION: drop\nPLAN: later", "later", "drop\nPLAN: later", None),
    ("ACTION:", None, "", None),
    ("go forward", None, None, None),  # no marker, no candidate
    ("PLAN: walk to the ball", "walk to the ball", None, None),
    ("I will turn left.", None, None, None),
    ("", None, None, None),
]


def test_the_table_is_large_enough():
    assert len(TABLE) >= 30


@pytest.mark.parametrize(("text", "plan", "candidate", "action"), TABLE)
def test_reference_reading(text, plan, candidate, action):
    answer = read_planned_answer(text, SPACE, "reference")
    assert (answer.plan, answer.candidate, answer.action) == (plan, candidate, action)


def test_reference_rules_and_thoughts():
    answer = read_planned_answer("The key is left.\nPLAN: get it\nACTION: turn left", SPACE, "reference")
    assert (answer.thoughts, answer.rule) == ("The key is left.", "marked+exact")
    assert read_planned_answer("go forward", SPACE, "reference").rule == "no_marker"
    assert read_planned_answer("", SPACE, "reference").rule == "empty"
    assert read_planned_answer("ACTION: fly", SPACE, "reference").rule == "marked+no_match"


def test_free_text_games_take_everything_after_the_marker():
    answer = read_planned_answer("PLAN: get the key\nACTION: take key 2\nthen open", FREE_TEXT, "reference")
    assert answer.action == "take key 2\nthen open"


@pytest.mark.parametrize(
    ("text", "plan", "action", "rule"),
    [
        ("ACTION: toggle", None, "toggle", "marked+exact"),
        ("PLAN: 1. open the door\naction: Toggle.", "1. open the door", "toggle", "marked+normalized"),
        ("PLAN:\n1. walk\n", "1. walk", None, "no_marker"),
        ("PLAN:\n\nACTION: fly", None, None, "marked+no_match"),
        ("PLAN: a\nACTION: b\nACTION: drop", "a\nACTION: b", "drop", "marked+exact"),
        ("ACTION: go forward\nbecause the ball is ahead", None, "go forward", "marked+exact"),
        ("", None, None, "empty"),
        ("I will go forward now.", None, None, "no_marker"),
    ],
)
def test_tolerant_reading(text, plan, action, rule):
    answer = read_planned_answer(text, SPACE, "tolerant")
    assert (answer.plan, answer.action, answer.rule) == (plan, action, rule)
