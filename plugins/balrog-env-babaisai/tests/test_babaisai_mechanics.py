"""The engine's rules of play (Baba Is AI's dynamics), each on a small hand-drawn board.

Coordinates include the border: the first floor cell is (1, 1).
"""

from balrog_env_babaisai.board import Board, Thing


def at(board: Board, kind: str) -> list[tuple[int, int]]:
    return sorted(board.xy(i) for i, t in enumerate(board.things) if t.kind == kind and t.word is None)


def block(board: Board, word: str) -> list[tuple[int, int]]:
    return sorted(board.xy(i) for i, t in enumerate(board.things) if t.word == word)


def top_kind(board: Board, x: int, y: int) -> str | None:
    index = board.top(x, y)
    return None if index is None else board.things[index].word or board.things[index].kind


def test_rules_are_read_per_is_block_row_by_row_across_before_down(draw):
    board = draw(
        "BALL .    KEY .",
        "IS   BABA IS  YOU",
        "WIN  .    STOP .",
    )
    assert board.rules == (("ball", "win"), ("baba", "you"), ("key", "stop"))


def test_a_rule_spelled_twice_is_read_twice_and_noun_is_noun_is_a_rule(draw):
    board = draw("BABA IS YOU", "IS . .", "YOU . .", "KEY IS BALL")
    assert board.rules == (("baba", "you"), ("baba", "you"), ("key", "ball"))
    assert board.kinds_with("you") == {"baba"}


def test_walking_onto_an_object_without_properties_stacks_it_on_top(draw):
    board = draw("BABA IS YOU", "baba key .")
    board.move("right")
    assert at(board, "baba") == at(board, "key") == [(2, 2)]
    assert top_kind(board, 2, 2) == "baba"


def test_push_chain_moves_when_the_cell_beyond_is_free(draw):
    board = draw("BABA IS YOU . .", "baba WIN KEY . .")
    board.move("right")
    assert at(board, "baba") == [(2, 2)]
    assert block(board, "win") == [(3, 2)] and block(board, "key") == [(4, 2)]


def test_push_chain_against_the_border_moves_nothing(draw):
    board = draw("BABA IS YOU", "baba WIN KEY")
    board.move("right")
    assert at(board, "baba") == [(1, 2)]
    assert block(board, "win") == [(2, 2)] and block(board, "key") == [(3, 2)]


def test_stop_blocks_walkers_and_pushed_blocks_and_a_block_can_cover_an_object(draw):
    board = draw(
        "BABA IS YOU  . .",
        "WALL IS STOP . .",
        "baba wall .  . .",
        "baba WIN wall . .",
        "baba KEY door . .",
    )
    board.move("right")
    assert at(board, "baba") == [(1, 3), (1, 4), (2, 5)]
    assert block(board, "win") == [(2, 4)]
    assert block(board, "key") == [(3, 5)] and top_kind(board, 3, 5) == "key"


def test_walls_block_while_wall_is_stop_and_not_once_it_is_broken(draw):
    board = draw("BABA IS YOU .", "WALL IS STOP .", ". baba wall .")
    board.move("right")
    assert at(board, "baba") == [(2, 3)]
    board = draw("BABA IS YOU .", ". . . .", "WALL IS STOP .", ". . baba wall")
    board.move("up")
    assert board.rules == (("baba", "you"),) and block(board, "stop") == [(3, 2)]
    board.move("down")
    board.move("right")
    assert at(board, "baba") == [(4, 4)] and top_kind(board, 4, 4) == "baba"


def test_win_needs_a_move_into_a_win_object_judged_by_the_rules_before_the_move(draw):
    board = draw("BABA IS YOU", "KEY IS WIN", "baba key .")
    board.move("right")
    assert board.won
    board = draw("KEY IS . .", ". . key+WIN .", ". . baba .", "BABA IS YOU .")
    board.move("up")
    assert ("key", "win") in board.rules and not board.won
    assert top_kind(board, 3, 2) == "baba" and top_kind(board, 3, 1) == "win"
    board.move("down")
    assert not board.won
    board.move("up")
    assert board.won


def test_a_blocked_mover_that_is_itself_win_wins(draw):
    board = draw("BABA IS YOU", "BABA IS WIN", "baba . .")
    board.move("left")
    assert board.won


def test_only_the_last_mover_decides_the_win(draw):
    board = draw("BABA IS YOU .", "BALL IS WIN .", "baba ball . .", ". . baba .")
    board.move("right")
    assert not board.won
    board = draw("BABA IS YOU .", "BALL IS WIN .", ". . baba .", "baba ball . .")
    board.move("right")
    assert board.won


def test_a_covered_you_object_stays_put_and_the_top_one_moves(draw):
    board = draw("BABA IS YOU", "baba baba .", ". . .")
    board.move("right")
    assert at(board, "baba") == [(2, 2), (2, 2)]
    board.move("down")
    assert at(board, "baba") == [(2, 2), (2, 3)]


def test_noun_is_noun_stacks_a_new_object_on_every_top_of_that_kind(draw):
    board = draw("BABA IS YOU .", "BALL IS . .", "ball . KEY .", ". . baba ball+STOP")
    board.move("up")
    assert ("ball", "key") in board.rules and board.transformed
    assert at(board, "key") == [(1, 3)] and at(board, "ball") == [(1, 3), (4, 4)]
    assert board.things[board.top(1, 3)].color == "blue"
    board.move("left")
    assert at(board, "key") == [(1, 3)] and not board.transformed


def test_the_player_is_the_first_top_object_of_the_last_you_rule(draw):
    board = draw("KEY IS YOU .", "BABA IS YOU .", ". key baba key")
    assert board.things[board.player()].kind == "baba"
    board = draw("BABA IS YOU .", "KEY IS YOU .", "baba . key key")
    assert board.xy(board.player()) == (3, 3)
    board = draw("BABA IS YOU .", "KEY IS YOU .", "baba . . .")
    assert board.stuck
    board = draw("BABA IS . .", ". . . .", "baba . . .")
    assert board.stuck


def test_idle_changes_nothing(draw):
    board = draw("BABA IS YOU", "KEY IS BALL", "baba key .")
    before = board.key()
    board.move("idle")
    assert board.key() == before and not board.transformed and not board.won


def test_copies_are_independent():
    board = Board(5, 5)
    board.add(Thing.block("baba"), 1, 1)
    board.add(Thing.block("is"), 2, 1)
    board.add(Thing.block("you"), 3, 1)
    baba = board.add(Thing("baba", "white"), 1, 3)
    board.read_rules()
    clone = board.copy()
    clone.move("right")
    assert board.xy(baba) == (1, 3) and clone.xy(baba) == (2, 3)
