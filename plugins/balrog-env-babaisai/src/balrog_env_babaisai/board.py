"""The game engine: a grid of stacked things whose behaviour is set by rule blocks.

It follows the dynamics of Baba Is AI (the benchmark's engine), quirks included:

- Every cell holds a stack; only the *top* thing of a cell is seen, pushed, read as a
  rule block, found as the player or touched as a goal.
- The outermost ring of cells is an indestructible border: never entered, pushed or
  subject to rules. It holds no things here.
- A move visits the cells row by row and moves each top thing that was YOU when the move
  began, once. A mover first pushes the top thing ahead if it is pushable (rule blocks
  always are), recursively; then it enters the cell if that cell's top is now empty or
  overlappable (objects that are not STOP; never a rule block).
- The move wins when the *last* mover's destination had a WIN object on top before it
  got there (a blocked mover "arrives" on its own cell). Properties used during a move are
  those read before it; the rules are read again after every non-idle move, then every
  ``A is B`` stacks a new B on each cell whose top is an A.
"""

from __future__ import annotations

from collections.abc import Iterator

from .rules import NOUNS, OPERATOR, PROPERTIES, Rule

__all__ = ["Thing", "Board", "MOVES", "RULE_KIND", "DEFAULT_COLOR"]

RULE_KIND = "rule"

MOVES: dict[str, tuple[int, int]] = {
    "idle": (0, 0),
    "up": (0, -1),
    "right": (1, 0),
    "down": (0, 1),
    "left": (-1, 0),
}

DEFAULT_COLOR = {"baba": "white", "wall": "grey", "ball": "green", "key": "blue", "door": "red"}
"""The colour of an object created by ``A is B``."""


class Thing:
    """An object (``kind`` is a noun) or a rule block (``kind`` is ``rule``, text ``word``).

    Things never change; where they are lives in the ``Board``, so boards can share them.
    """

    __slots__ = ("kind", "color", "word")

    def __init__(self, kind: str, color: str = "", word: str | None = None) -> None:
        self.kind = kind
        self.color = color
        self.word = word

    @classmethod
    def block(cls, word: str) -> "Thing":
        return cls(RULE_KIND, "", word)

    @property
    def is_rule(self) -> bool:
        return self.word is not None

    def __repr__(self) -> str:
        return f"<rule:{self.word}>" if self.word else f"<{self.color} {self.kind}>"


class Board:
    """The state of one game: its size, its things and the cell stacks holding them.

    ``things[i]`` is thing ``i`` for the whole game; ``cells[y * width + x]`` lists the
    indices of the things in that cell, bottom first. ``rules`` are the rules in reading
    order with ``rule_blocks`` (the three block indices spelling each); ``won`` tells
    whether the last move won, ``transformed`` whether it created objects.
    """

    __slots__ = ("width", "height", "things", "cells", "pos", "rules", "rule_blocks",
                 "won", "transformed", "_props", "_words_moved")

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.things: list[Thing] = []
        self.cells: list[list[int]] = [[] for _ in range(width * height)]
        self.pos: list[int] = []
        self.rules: tuple[Rule, ...] = ()
        self.rule_blocks: tuple[tuple[int, int, int], ...] = ()
        self.won = False
        self.transformed = False
        self._props: dict[str, frozenset[str]] = {}
        self._words_moved = False

    def copy(self) -> "Board":
        clone = Board.__new__(Board)
        clone.width, clone.height = self.width, self.height
        clone.things = self.things[:]
        clone.cells = [cell[:] for cell in self.cells]
        clone.pos = self.pos[:]
        clone.rules, clone.rule_blocks = self.rules, self.rule_blocks
        clone.won, clone.transformed = self.won, self.transformed
        clone._props = self._props
        clone._words_moved = False
        return clone

    def key(self) -> tuple:
        """A hashable snapshot of everything that can change: every cell's stack."""
        return tuple(map(tuple, self.cells))

    # --- building ---

    def inside(self, x: int, y: int) -> bool:
        """Floor cells: everything but the border ring."""
        return 0 < x < self.width - 1 and 0 < y < self.height - 1

    def is_empty(self, x: int, y: int) -> bool:
        return self.inside(x, y) and not self.cells[y * self.width + x]

    def add(self, thing: Thing, x: int, y: int) -> int:
        """Put ``thing`` on top of cell ``(x, y)``; returns its index."""
        index = len(self.things)
        self.things.append(thing)
        self.pos.append(y * self.width + x)
        self.cells[y * self.width + x].append(index)
        return index

    def shift_top(self, x: int, y: int, to_x: int, to_y: int) -> None:
        """Move the top thing of ``(x, y)`` onto the top of ``(to_x, to_y)``."""
        index = self.cells[y * self.width + x].pop()
        self.cells[to_y * self.width + to_x].append(index)
        self.pos[index] = to_y * self.width + to_x

    def xy(self, index: int) -> tuple[int, int]:
        cell = self.pos[index]
        return cell % self.width, cell // self.width

    # --- what the rules say ---

    def top(self, x: int, y: int) -> int | None:
        cell = self.cells[y * self.width + x]
        return cell[-1] if cell else None

    def tops(self) -> Iterator[tuple[int, int, int]]:
        """``(x, y, index)`` of each cell's top thing, row by row."""
        width = self.width
        for cell, stack in enumerate(self.cells):
            if stack:
                yield cell % width, cell // width, stack[-1]

    def kinds_with(self, prop: str) -> frozenset[str]:
        return self._props.get(prop, frozenset())

    def you(self) -> list[int]:
        """Top objects of a YOU kind (the things a move can move)."""
        kinds = self.kinds_with("you")
        return [i for _, _, i in self.tops() if self.things[i].kind in kinds]

    def winners(self) -> list[int]:
        """Top objects of a WIN kind (the cells a mover wins by entering)."""
        kinds = self.kinds_with("win")
        return [i for _, _, i in self.tops() if self.things[i].kind in kinds]

    def player(self) -> int | None:
        """The reference point of observations: the first top object, row by row, of the
        kind named by the *last* ``is you`` rule; ``None`` when there is none."""
        kind = next((noun for noun, prop in reversed(self.rules) if prop == "you"), None)
        if kind is None:
            return None
        return next((i for _, _, i in self.tops() if self.things[i].kind == kind), None)

    @property
    def stuck(self) -> bool:
        """No player (no ``is you`` rule, or nothing of its kind on top): the game cannot
        go on, and the benchmark restarts the level."""
        return self.player() is None

    def read_rules(self) -> None:
        """Read the rules from the top things of the cells (see ``rules.py``)."""
        rules: list[Rule] = []
        blocks: list[tuple[int, int, int]] = []
        things, width = self.things, self.width
        for x, y, index in self.tops():
            if things[index].word != OPERATOR:
                continue
            for dx, dy in ((1, 0), (0, 1)):
                if not (0 <= x - dx and 0 <= y - dy and x + dx < width and y + dy < self.height):
                    continue
                first, last = self.top(x - dx, y - dy), self.top(x + dx, y + dy)
                if first is None or last is None:
                    continue
                noun, target = things[first].word, things[last].word
                if noun in NOUNS and (target in NOUNS or target in PROPERTIES):
                    rules.append((noun, target))
                    blocks.append((first, index, last))
        self.rules, self.rule_blocks = tuple(rules), tuple(blocks)
        props: dict[str, set[str]] = {}
        for noun, target in rules:
            if target in PROPERTIES:
                props.setdefault(target, set()).add(noun)
        self._props = {prop: frozenset(kinds) for prop, kinds in props.items()}

    # --- playing ---

    def _pushable(self, index: int) -> bool:
        thing = self.things[index]
        return thing.word is not None or thing.kind in self.kinds_with("push")

    def _enterable(self, index: int | None) -> bool:
        if index is None:
            return True
        thing = self.things[index]
        return thing.word is None and thing.kind not in self.kinds_with("stop")

    def _is_goal(self, index: int | None) -> bool:
        if index is None:
            return False
        thing = self.things[index]
        return thing.word is None and thing.kind in self.kinds_with("win")

    def _step(self, x: int, y: int, dx: int, dy: int) -> tuple[int, int, bool]:
        """Move the top thing of ``(x, y)`` one cell, pushing what is ahead first.
        Returns where it ended and whether that cell's top was a goal before it came."""
        to_x, to_y = x + dx, y + dy
        if self.inside(to_x, to_y):
            ahead = self.top(to_x, to_y)
            if ahead is not None and self._pushable(ahead):
                self._step(to_x, to_y, dx, dy)
            if not self._enterable(self.top(to_x, to_y)):
                to_x, to_y = x, y
        else:
            to_x, to_y = x, y
        won = self._is_goal(self.top(to_x, to_y))
        if (to_x, to_y) != (x, y):
            self._words_moved = self._words_moved or self.things[self.top(x, y)].word is not None
            self.shift_top(x, y, to_x, to_y)
        return to_x, to_y, won

    def move(self, action: str) -> None:
        """Play one action (see the module docstring); ``idle`` changes nothing."""
        self.won = False
        self.transformed = False
        dx, dy = MOVES[action]
        if not (dx or dy):
            return
        you = self.kinds_with("you")
        things = self.things
        waiting = {i for _, _, i in self.tops() if things[i].word is None and things[i].kind in you}
        won = False
        width = self.width
        self._words_moved = False
        for cell in range(len(self.cells)):
            stack = self.cells[cell]
            if stack and stack[-1] in waiting:
                waiting.discard(stack[-1])
                won = self._step(cell % width, cell // width, dx, dy)[2]
        self.won = won
        if self._words_moved:
            self.read_rules()
        self._transform()

    def _transform(self) -> None:
        """Each ``A is B`` (in reading order) stacks a new B on every cell whose top is an A.

        (Rules are re-read above only when a rule block moved: only a push can change the
        top of a cell holding a rule block, so the result equals reading them every move.)"""
        for noun, target in self.rules:
            if target not in NOUNS:
                continue
            for x, y, index in list(self.tops()):
                thing = self.things[index]
                if thing.word is None and thing.kind == noun:
                    self.add(Thing(target, DEFAULT_COLOR[target]), x, y)
                    self.transformed = True
