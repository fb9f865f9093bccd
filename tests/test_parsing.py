import pytest
from hypothesis import given, settings, strategies as st

from balrog_core import ActionSpace, extract_delimited, extract_marked, letters_only, parse_action, read_action

SPACE = ActionSpace(
    {"turn left": "", "turn right": "", "go forward": "", "pick up": "", "drop": "", "toggle": ""},
    default="go forward",
)
NETHACK_LIKE = ActionSpace({"north": "", "far north": "", "a": "", "0": "", "esc": ""}, default="esc")
FREE = ActionSpace({"go": "move", "take": "pick up"}, default="look", free_text=True)


def test_exact_and_tolerant_matches_name_the_rule():
    assert parse_action("turn left", SPACE) == (parse_action("turn left", SPACE))
    assert parse_action("turn left", SPACE).rule == "exact"
    for text in ["Turn Left", "  turn   left ", "'turn left'", "**turn left**.", "`Turn left`!", "[go forward]"]:
        parsed = parse_action(text, SPACE)
        assert (parsed.action, parsed.rule) in {("turn left", "normalized"), ("go forward", "normalized")}, text
    assert parse_action("2. pick up", SPACE).action == "pick up"
    assert parse_action("2. pick up", SPACE).rule == "numbered"
    assert parse_action("I will go forward now", SPACE).action == "go forward"
    assert parse_action("I will go forward now", SPACE).rule == "contained"


def test_reasoning_then_action_on_last_line():
    text = "The key is ahead of me.\nturn right"
    assert parse_action(text, SPACE).action == "turn right"


def test_ambiguous_or_unknown_answers_are_invalid():
    assert parse_action("turn left or turn right", SPACE).action is None
    assert parse_action("jump", SPACE) .rule == "no_match"
    assert parse_action("", SPACE).rule == "empty"
    assert parse_action(None, SPACE).rule == "empty"


def test_longer_names_win_over_their_prefix_and_digits_are_actions():
    assert parse_action("I go far north", NETHACK_LIKE).action == "far north"
    assert parse_action("0", NETHACK_LIKE).action == "0"
    assert parse_action("A", NETHACK_LIKE).action == "a"


# Model outputs and the action the reference's naive agent plays for them (PROTOCOL.md §4):
# the client strips the completion, the agent deletes every character that is not an ASCII
# letter, whitespace or ":", and the result must be an action name exactly.
REFERENCE_NAIVE = [
    ("go forward", "go forward"),
    ("go forward.", "go forward"),
    ("**go forward**", "go forward"),
    ('"go forward"', "go forward"),
    ("`toggle`", "toggle"),
    ("'pick up'", "pick up"),
    ("  turn left\n", "turn left"),
    ("drop!", "drop"),
    ("(toggle)", "toggle"),
    ("go-forward", None),
    ("Go forward", None),
    ("GO FORWARD", None),
    ("1. go forward", None),
    ("go forward .", None),
    ("go  forward", None),
    ("Action: turn left", None),
    ("turn left\nturn right", None),
    ("I will go forward", None),
    ("go forward, then turn left", None),
    ("", None),
    ("42", None),
    ("pick_up", None),
    ("pickup", None),
    ("turn left 2", None),
    ("turn left2", "turn left"),
    ("2turn right", "turn right"),
    ("t-o-g-g-l-e", "toggle"),
    ("to ggle", None),
    ("drop.\n", "drop"),
    ("**drop**\n\n", "drop"),
    ("toggle 🙂", None),
    ("tóggle", None),
    ("\ttoggle", "toggle"),
]


@pytest.mark.parametrize(("output", "played"), REFERENCE_NAIVE)
def test_reference_rules_read_naive_answers(output, played):
    parsed = read_action(letters_only(output.strip()), SPACE, "reference")
    assert parsed.action == played


def test_reference_filter_deletes_digits_so_nethack_counts_cannot_be_answered():
    assert letters_only("5") == "" and read_action("", NETHACK_LIKE).action is None
    assert read_action(letters_only("far north"), NETHACK_LIKE).action == "far north"


def test_reference_free_text_takes_any_string_verbatim():
    assert read_action("open door\ntake key", FREE).action == "open door\ntake key"
    assert read_action("", FREE).action == ""


def test_tolerant_mode_is_the_lenient_parser():
    assert read_action("Go forward.", SPACE, "tolerant").action == "go forward"
    assert read_action("Go forward.", SPACE, "reference").action is None


def test_free_text_games_take_the_last_line_as_the_command():
    assert parse_action("I should open the door.\nopen door", FREE).action == "open door"
    assert parse_action("open the chest", FREE).rule == "free_text"
    assert parse_action("   ", FREE).action is None


def test_extractors():
    assert extract_marked("thinking...\nACTION: turn left\nmore") == "turn left"
    assert extract_marked("action: a\nAction: b") == "b"
    assert extract_marked("no marker") is None
    assert extract_delimited("x <|ACTION|>drop<|END|> y") == "drop"
    assert extract_delimited("<|ACTION|> go\nforward <|END|><|ACTION|>drop<|END|>") == "go\nforward"
    assert extract_delimited("<|ACTION|> toggle") is None
    assert extract_delimited("nothing") is None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["reference", "tolerant"]), st.sampled_from([SPACE, NETHACK_LIKE]))
def test_any_string_parses_to_a_legal_action_or_invalid(text, mode, space):
    parsed = read_action(text, space, mode)
    if parsed.action is None:
        assert parsed.rule in {"empty", "no_match"}
    elif not space.free_text:
        assert parsed.action in space.actions
    else:
        assert parsed.action.strip()
