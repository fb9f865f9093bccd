from hypothesis import given, settings, strategies as st

from balrog_core import ActionSpace, extract_delimited, extract_marked, parse_action

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


def test_strict_mode_needs_the_exact_name():
    assert parse_action("turn left", SPACE, strict=True).action == "turn left"
    assert parse_action("Turn left", SPACE, strict=True).action is None
    assert parse_action("turn left.", SPACE, strict=True).rule == "no_match"


def test_free_text_games_take_the_last_line_as_the_command():
    assert parse_action("I should open the door.\nopen door", FREE).action == "open door"
    assert parse_action("open the chest", FREE).rule == "free_text"
    assert parse_action("   ", FREE).action is None


def test_extractors():
    assert extract_marked("thinking...\nACTION: turn left\nmore") == "turn left"
    assert extract_marked("action: a\nAction: b") == "b"
    assert extract_marked("no marker") is None
    assert extract_delimited("x <|ACTION|>drop<|END|> y") == "drop"
    assert extract_delimited("<|ACTION|> toggle") == "toggle"
    assert extract_delimited("nothing") is None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300), st.booleans(), st.sampled_from([SPACE, NETHACK_LIKE, FREE]))
def test_any_string_parses_to_a_legal_action_or_invalid(text, strict, space):
    parsed = parse_action(text, space, strict=strict)
    if parsed.action is None:
        assert parsed.rule in {"empty", "no_match"}
    elif not space.free_text:
        assert parsed.action in space.actions
    else:
        assert parsed.action.strip()
