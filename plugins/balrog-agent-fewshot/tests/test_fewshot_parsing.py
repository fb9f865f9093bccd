"""The few-shot agent reads answers by the reference naive agent's rule: a table of model
outputs and the action each one yields on BabyAI's real action space."""

from __future__ import annotations

import pytest

from balrog_core import ActionSpace
from balrog_agent_fewshot.agent import read_answer

SPACE = ActionSpace(
    {
        "turn left": "turn to the left", "turn right": "turn to the right",
        "go forward": "take one step forward", "pick up": "pick up the object below you",
        "drop": "drop the object being held", "toggle": "manipulate the object in front",
    },
    default="go forward",
)

# (raw model output, candidate, legal action or None)
TABLE = [
    ("go forward", "go forward", "go forward"),
    ("go forward.", "go forward", "go forward"),
    ("**go forward**", "go forward", "go forward"),
    ('"go forward"', "go forward", "go forward"),
    ("`turn left`", "turn left", "turn left"),
    ("go forward!", "go forward", "go forward"),
    ("go forward2", "go forward", "go forward"),  # digits are deleted
    ("  turn left \n", "turn left", "turn left"),  # the completion is stripped first
    ("pick up", "pick up", "pick up"),
    ("<toggle>", "toggle", "toggle"),
    ("(drop)", "drop", "drop"),
    ("[turn right]", "turn right", "turn right"),
    ("'pick up'", "pick up", "pick up"),
    ("\u00abdrop\u00bb", "drop", "drop"),
    ("Go forward", "Go forward", None),  # case-sensitive
    ("GO FORWARD", "GO FORWARD", None),
    ("1. go forward", " go forward", None),  # leading space
    ("- drop", " drop", None),
    ("go forward .", "go forward ", None),  # trailing space
    ("go forward \U0001f642", "go forward ", None),
    ("Action: turn left", "Action: turn left", None),  # the colon stays
    ("ACTION: turn left", "ACTION: turn left", None),
    ("I choose: drop", "I choose: drop", None),
    ("turn left, then go forward", "turn left then go forward", None),
    ("drop\nI dropped it", "drop\nI dropped it", None),
    ("turn  left", "turn  left", None),
    ("go\tforward", "go\tforward", None),
    ("pick_up", "pickup", None),
    ("pick-up", "pickup", None),
    ("5", "", None),
    ("", "", None),
    ("jump", "jump", None),
]


def test_the_table_is_large_enough():
    assert len(TABLE) >= 30


@pytest.mark.parametrize(("text", "candidate", "action"), TABLE)
def test_reference_reading(text, candidate, action):
    read, parsed = read_answer(text, SPACE, "reference")
    assert (read, parsed.action) == (candidate, action)


def test_tolerant_reading_forgives_case_numbering_and_punctuation():
    for text in ("Go forward", "1. go forward", "go forward .", "Action: go forward"):
        assert read_answer(text, SPACE, "tolerant")[1].action == "go forward"


def test_free_text_games_take_the_filtered_text_verbatim():
    space = ActionSpace({"look": "look around"}, default="help", free_text=True)
    candidate, parsed = read_answer("open door 2, then take the cook's knife", space, "reference")
    assert parsed.action == candidate == "open door  then take the cooks knife"
