"""The reference's reading of chain-of-thought answers, as a table of model outputs and the
action each one yields, on BabyAI's real action space; then the tolerant opt-in."""

from __future__ import annotations

import pytest

from balrog_core import ActionSpace
from balrog_agent_cot.reading import NO_DELIMITED_ACTION, read_cot, read_robust_cot

SPACE = ActionSpace(
    {
        "turn left": "turn to the left", "turn right": "turn to the right",
        "go forward": "take one step forward", "pick up": "pick up the object below you",
        "drop": "drop the object being held", "toggle": "manipulate the object in front",
    },
    default="go forward",
)
FREE_TEXT = ActionSpace({"look": "look around"}, default="help", free_text=True)

# (stripped model output, candidate, legal action or None)
COT_TABLE = [
    ("ACTION: go forward", "go forward", "go forward"),
    ("The ball is ahead.\nACTION: go forward", "go forward", "go forward"),
    ("ACTION: go forward.", "go forward", "go forward"),
    ("ACTION: **go forward**", "go forward", "go forward"),
    ("**ACTION:** go forward", "go forward", "go forward"),
    ('ACTION: "go forward"', "go forward", "go forward"),
    ("ACTION: `drop`", "drop", "drop"),
    ("ACTION: <toggle>", "toggle", "toggle"),
    ("ACTION: drop!", "drop", "drop"),
    ("ACTION: go forward2", "go forward", "go forward"),  # digits are deleted
    ("ACTION: 1. go forward", "go forward", "go forward"),  # stripped after the split
    ("ACTION: go forward .", "go forward", "go forward"),
    ("ACTION:turn right", "turn right", "turn right"),
    ("ACTION:\ngo forward", "go forward", "go forward"),
    ("Wall ahead. ACTION: turn right", "turn right", "turn right"),
    ("ACTION: turn left ACTION: turn right", "turn right", "turn right"),
    ("Maybe ACTION: turn left.\nNo, better:\nACTION: toggle", "toggle", "toggle"),
    ("go forward", "go forward", "go forward"),  # no marker: the whole answer is judged
    ("ACTION: Go forward", "Go forward", None),  # case-sensitive
    ("ACTION: go forward\nThat should reach the ball.", "go forward\nThat should reach the ball", None),
    ("ACTION: go forward\n\nACTION is final.", "go forward\n\nACTION is final", None),
    ("action: go forward", "action: go forward", None),  # the marker is case-sensitive
    ("Action: turn left", "Action: turn left", None),
    ("I will go forward", "I will go forward", None),
    ("ACTION: pick_up", "pickup", None),
    ("ACTION: pick-up", "pickup", None),
    ("ACTION: turn  left", "turn  left", None),
    ("ACTION: turn\tleft", "turn\tleft", None),
    ("ACTION: go forward (the ball is ahead)", "go forward the ball is ahead", None),
    ("ACTION: turn left's", "turn lefts", None),
    ("ACTION: 5", "", None),
    ("ACTION:", "", None),
    ("", "", None),
    ("ACTION: \uff47o forward", "o forward", None),  # non-ASCII letters are deleted
]

# (stripped model output, candidate, legal action or None)
ROBUST_TABLE = [
    ("<|ACTION|>go forward<|END|>", "go forward", "go forward"),
    ("Wall ahead.\n<|ACTION|>turn left<|END|>", "turn left", "turn left"),
    ("<|ACTION|> go forward <|END|>", "go forward", "go forward"),
    ("<|ACTION|>\ngo forward\n<|END|>", "go forward", "go forward"),
    ("<|ACTION|>go forward<|END|> and more text after it", "go forward", "go forward"),
    ("<|ACTION|>go forward <|END|>.", "go forward", "go forward"),
    ("<|ACTION|>turn left<|END|> <|ACTION|>turn right<|END|>", "turn left", "turn left"),
    ("<|ACTION|>drop<|END|>\n<|END|>", "drop", "drop"),
    ("<|ACTION|>toggle\n<|END|>", "toggle", "toggle"),
    ("I think <|END|> then <|ACTION|>pick up<|END|>", "pick up", "pick up"),
    ("reason\n\n<|ACTION|>\n\nturn right\n\n<|END|>\n\nok", "turn right", "turn right"),
    ("<|ACTION|>Go forward<|END|>", "Go forward", None),
    ("<|ACTION|>go forward.<|END|>", "go forward.", None),  # no letter filter
    ("<|ACTION|>**go forward**<|END|>", "**go forward**", None),
    ("<|ACTION|>`drop`<|END|>", "`drop`", None),
    ("<|ACTION|>turn  right<|END|>", "turn  right", None),
    ("<|ACTION|>go_forward<|END|>", "go_forward", None),
    ("<|ACTION|>5<|END|>", "5", None),
    ("<|ACTION|><|END|>", "", None),
    ("<|ACTION|>turn left<|ACTION|>turn right<|END|>", "turn left<|ACTION|>turn right", None),
    ("Thinking <|ACTION|>YOUR_CHOSEN_ACTION<|END|>", "YOUR_CHOSEN_ACTION", None),
    ("go forward", NO_DELIMITED_ACTION, None),
    ("ACTION: go forward", NO_DELIMITED_ACTION, None),
    ("<|ACTION|>go forward", NO_DELIMITED_ACTION, None),
    ("<|action|>go forward<|end|>", NO_DELIMITED_ACTION, None),
    ("<ACTION>go forward</ACTION>", NO_DELIMITED_ACTION, None),
    ("<| ACTION |>go forward<| END |>", NO_DELIMITED_ACTION, None),
    ("", NO_DELIMITED_ACTION, None),
    ("go forward<|END|>", NO_DELIMITED_ACTION, None),
    ("<|ACTION|>pick up<|END|>", "pick up", "pick up"),
    ("<|END|>drop<|ACTION|>", NO_DELIMITED_ACTION, None),
]


def test_the_tables_are_large_enough():
    assert len(COT_TABLE) >= 30 and len(ROBUST_TABLE) >= 30


@pytest.mark.parametrize(("text", "candidate", "action"), COT_TABLE)
def test_cot_reference_reading(text, candidate, action):
    reading = read_cot(text, SPACE, "reference")
    assert (reading.candidate, reading.action) == (candidate, action)


@pytest.mark.parametrize(("text", "candidate", "action"), ROBUST_TABLE)
def test_robust_cot_reference_reading(text, candidate, action):
    reading = read_robust_cot(text, SPACE, "reference")
    assert (reading.candidate, reading.action) == (candidate, action)


def test_reference_rules_say_where_the_candidate_came_from():
    assert read_cot("Ahead.\nACTION: go forward", SPACE, "reference").rule == "marked+exact"
    assert read_cot("go forward", SPACE, "reference").rule == "exact"
    assert read_cot("ACTION: fly", SPACE, "reference").rule == "marked+no_match"
    assert read_cot("ACTION: 5", SPACE, "reference").rule == "marked+empty"
    assert read_robust_cot("<|ACTION|>drop<|END|>", SPACE, "reference").rule == "delimited+exact"
    assert read_robust_cot("drop", SPACE, "reference").rule == "no_delimiters+no_match"


def test_reasoning_is_the_text_before_the_action():
    assert read_cot("Ball ahead.\nSo:\nACTION: go forward", SPACE, "reference").reasoning == "Ball ahead.\nSo:"
    assert read_robust_cot("Wall.\n<|ACTION|>turn left<|END|>", SPACE, "reference").reasoning == "Wall."


def test_free_text_games_take_any_candidate_verbatim():
    cot = read_cot("I should open it.\nACTION: open door 2\nthen go", FREE_TEXT, "reference")
    assert (cot.action, cot.rule) == ("open door \nthen go", "marked+free_text")
    robust = read_robust_cot("<|ACTION|>open door 2<|END|>", FREE_TEXT, "reference")
    assert robust.action == "open door 2"
    assert read_robust_cot("open the door", FREE_TEXT, "reference").action == NO_DELIMITED_ACTION


@pytest.mark.parametrize(
    ("text", "action", "rule"),
    [
        ("The ball is ahead.\nACTION: go forward", "go forward", "marked+exact"),
        ("ball ahead\naction: Go Forward.", "go forward", "marked+normalized"),
        ("ACTION: go forward, then I will pick it up\nmore chatter", "go forward", "marked+contained"),
        ("I think I should go forward.", None, "no_marker"),
        ("go forward", None, "no_marker"),
        ("ACTION: fly", None, "marked+no_match"),
        ("", None, "empty"),
    ],
)
def test_cot_tolerant_reading_takes_the_action_line(text, action, rule):
    reading = read_cot(text, SPACE, "tolerant")
    assert (reading.action, reading.rule) == (action, rule)


@pytest.mark.parametrize(
    ("text", "action", "rule"),
    [
        ("ahead is the ball <|ACTION|>go forward<|END|>", "go forward", "delimited+exact"),
        ("thinking...\n<|ACTION|> Pick Up <|END|> done", "pick up", "delimited+normalized"),
        ("no delimiters here\nACTION: toggle", "toggle", "marked+exact"),
        ("the door is closed so\ntoggle", "toggle", "last_line+exact"),
        ("<|ACTION|>fly<|END|>", None, "delimited+no_match"),
        ("<|ACTION|>nonsense<|END|>\nACTION: turn right", "turn right", "marked+exact"),
        ("I am not sure what to do here at all.", None, "last_line+no_match"),
        ("", None, "empty"),
    ],
)
def test_robust_cot_tolerant_reading_falls_back_in_order(text, action, rule):
    reading = read_robust_cot(text, SPACE, "tolerant")
    assert (reading.action, reading.rule) == (action, rule)
