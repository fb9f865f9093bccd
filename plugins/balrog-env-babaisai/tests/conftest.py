"""Shared helpers: hand-drawn boards and the golden episodes recorded from the benchmark."""

import json
from pathlib import Path

import pytest

from balrog_env_babaisai.board import Board, Thing
from balrog_env_babaisai.rules import NOUNS, WORDS

GOLDEN = Path(__file__).parent / "data" / "golden_babaisai.jsonl"


def draw_board(*rows: str) -> Board:
    """Rows of floor cells separated by spaces (the border is added around them):
    ``.`` empty, lowercase nouns are objects, uppercase words are rule blocks, ``+``
    stacks things bottom first (``key+WIN``)."""
    width = len(rows[0].split())
    board = Board(width + 2, len(rows) + 2)
    for y, row in enumerate(rows, start=1):
        cells = row.split()
        assert len(cells) == width, row
        for x, cell in enumerate(cells, start=1):
            if cell == ".":
                continue
            for token in cell.split("+"):
                if token in NOUNS:
                    board.add(Thing(token, "red"), x, y)
                else:
                    assert token.lower() in WORDS, token
                    board.add(Thing.block(token.lower()), x, y)
    board.read_rules()
    return board


@pytest.fixture
def draw():
    return draw_board


@pytest.fixture(scope="session")
def golden() -> list[dict]:
    """The 10 Baba Is AI episodes of /work/shared/data/golden, played by the benchmark."""
    return [json.loads(line) for line in GOLDEN.read_text().splitlines()]
