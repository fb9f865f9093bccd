"""The engine's rules of play, each on a small hand-drawn board."""

from balrog_env_babaisai.board import Board, Thing
from balrog_env_babaisai.rules import NOUNS, WORDS


def board_from(*rows: str) -> Board:
    """Rows of space-separated cells: ``.`` empty, lowercase nouns are objects, uppercase
    words are rule blocks, ``+`` stacks several things in one cell."""
    things = []
    for y, row in enumerate(rows):
        for x, cell in enumerate(row.split()):
            if cell == ".":
                continue
            for token in cell.split("+"):
                if token in NOUNS:
                    things.append(Thing(token, "red", x, y))
                else:
                    assert token.lower() in WORDS, token
                    things.append(Thing("rule", "", x, y, token.lower()))
    width = len(rows[0].split())
    return Board(width, len(rows), things)


def at(board: Board, kind: str) -> list[tuple[int, int]]:
    return sorted((t.x, t.y) for t in board.things if t.kind == kind and t.word is None)


def block(board: Board, word: str) -> list[tuple[int, int]]:
    return sorted((t.x, t.y) for t in board.things if t.word == word)


def test_rules_read_left_to_right_and_top_to_bottom_only():
    board = board_from(
        "BABA IS YOU . WIN",
        ".    .  .   . IS",
        "KEY  .  .   . BALL",
        "IS   .  .   . .",
        "STOP .  .   . .",
    )
    assert board.rules == {("baba", "you"), ("key", "stop")}


def test_noun_is_noun_and_noun_is_property_both_parse():
    board = board_from("BALL IS KEY", "BABA IS YOU", ". . .")
    assert ("ball", "key") in board.rules and ("baba", "you") in board.rules


def test_walking_onto_an_object_without_properties_stacks_them():
    board = board_from("BABA IS YOU", "baba key .")
    board.move("right")
    assert at(board, "baba") == at(board, "key") == [(1, 1)]


def test_push_chain_moves_when_the_cell_beyond_is_free():
    board = board_from("BABA IS YOU . .", "baba WIN KEY . .")
    board.move("right")
    assert at(board, "baba") == [(1, 1)]
    assert block(board, "win") == [(2, 1)] and block(board, "key") == [(3, 1)]


def test_push_chain_blocked_by_the_edge_moves_nothing():
    board = board_from("BABA IS YOU", "baba WIN KEY")
    board.move("right")
    assert at(board, "baba") == [(0, 1)]
    assert block(board, "win") == [(1, 1)] and block(board, "key") == [(2, 1)]


def test_stop_object_blocks_walking_and_pushing():
    board = board_from(
        "BABA IS YOU  . .",
        "WALL IS STOP . .",
        "baba wall .  . .",
        "baba WIN wall . .",
    )
    board.move("right")
    assert at(board, "baba") == [(0, 2), (0, 3)]
    assert block(board, "win") == [(1, 3)]


def test_without_its_stop_rule_a_wall_is_walked_over():
    board = board_from("BABA IS YOU", "baba wall .")
    board.move("right")
    assert at(board, "baba") == [(1, 1)] == at(board, "wall")


def test_push_property_shoves_objects_even_if_they_are_also_stop():
    board = board_from(
        "BABA IS YOU . .",
        "KEY IS PUSH . .",
        "KEY IS STOP . .",
        "baba key .  . .",
    )
    board.move("right")
    assert at(board, "baba") == [(1, 3)] and at(board, "key") == [(2, 3)]


def test_forming_a_rule_horizontally_by_pushing_its_last_word():
    board = board_from(
        "BABA IS YOU . .",
        ".    .  .   . .",
        "BALL IS .   . .",
        ".    .  WIN . .",
        ".    .  baba . .",
    )
    assert ("ball", "win") not in board.rules
    board.move("up")
    assert ("ball", "win") in board.rules


def test_forming_a_rule_vertically_by_pushing_its_noun():
    board = board_from(
        "BABA IS YOU .",
        ".    .  .   .",
        "baba KEY .  .",
        ".    .  IS  .",
        ".    .  PUSH .",
    )
    assert ("key", "push") not in board.rules
    board.move("right")
    assert block(board, "key") == [(2, 2)]
    assert ("key", "push") in board.rules


def test_breaking_a_rule_horizontally_and_vertically():
    board = board_from(
        "BABA IS YOU  . .",
        ".    .  .    . .",
        "WALL IS STOP . .",
        ".    .  baba . .",
    )
    board.move("up")
    assert ("wall", "stop") not in board.rules and block(board, "stop") == [(2, 1)]
    board = board_from(
        "BABA IS YOU . .",
        ".    .  .   . .",
        ".    WALL . . .",
        "baba IS   . . .",
        ".    STOP . . .",
    )
    assert ("wall", "stop") in board.rules
    board.move("right")
    assert ("wall", "stop") not in board.rules and block(board, "is") == [(1, 0), (2, 3)]


def test_pushing_a_whole_rule_along_its_line_keeps_it():
    board = board_from("baba BABA IS YOU .")
    board.move("right")
    assert board.rules == {("baba", "you")} and at(board, "baba") == [(1, 0)]


def test_noun_is_noun_turns_objects_into_the_other_kind():
    board = board_from(
        "BABA IS YOU  . .",
        ".    .  .    . .",
        "BALL IS .    . .",
        ".    .  KEY  . .",
        "ball .  baba . .",
    )
    board.move("up")
    assert ("ball", "key") in board.rules
    assert at(board, "ball") == [] and at(board, "key") == [(0, 4)]
    assert board.transformed


def test_becoming_another_object_keeps_control_through_its_you_rule():
    board = board_from(
        "KEY  IS YOU  .  .",
        "BABA IS YOU  .  .",
        ".    .  .    .  .",
        "BABA IS .    .  .",
        ".    .  KEY  .  .",
        ".    .  baba .  .",
    )
    board.move("up")
    assert ("baba", "key") in board.rules
    assert at(board, "baba") == [] and at(board, "key") == [(2, 4)]
    assert [(t.x, t.y) for t in board.you()] == [(2, 4)]
    board.move("left")
    assert at(board, "key") == [(1, 4)]


def test_you_on_a_win_object_wins():
    board = board_from("BABA IS YOU", "BALL IS WIN", "baba ball .")
    assert not board.won
    board.move("right")
    assert board.won and not board.lost


def test_an_object_that_is_both_you_and_win_wins_at_once():
    board = board_from(
        "BABA IS YOU . .",
        ".    .  .   . .",
        "BABA IS .   . .",
        ".    .  WIN . .",
        ".    .  baba . .",
    )
    board.move("up")
    assert ("baba", "win") in board.rules and board.won


def test_breaking_the_only_you_rule_loses():
    board = board_from(
        ".    .  .    . .",
        "BABA IS YOU  . .",
        ".    .  baba . .",
    )
    board.move("up")
    assert board.lost and board.you() == []
    board.move("down")
    assert at(board, "baba") == [(2, 1)]


def test_several_you_objects_move_together_front_first():
    board = board_from("BABA IS YOU . .", "baba baba . . .")
    board.move("right")
    assert at(board, "baba") == [(1, 1), (2, 1)]


def test_idle_moves_nothing():
    board = board_from("BABA IS YOU", "baba . .")
    before = board.key()
    board.move("idle")
    assert board.key() == before
