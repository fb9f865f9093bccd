"""The 40 Baba Is AI levels as procedural generators seeded by the episode seed.

A level name is a list of features joined by ``-`` (see ``LevelSpec``). Each episode
draws a fresh layout: which object is the goal, colours, where rules, loose rule blocks
and objects lie. Layouts are built to stay solvable: rule blocks that may need moving keep
one free cell from the room's sides, so they can be pushed any way; a missing word's slot
can be fed from two directions; rules that must survive lie along a room's side, with no
object in their line; and no rule block touches another, even diagonally, unless they
spell a rule together. (The tests check that the oracle solves every level.)
"""

from __future__ import annotations

import random

import attrs

from .board import RULE_KIND, Board, Thing
from .rules import OPERATOR, Rule

__all__ = ["LEVEL_NAMES", "LevelSpec", "level_spec", "generate_level", "SINGLE_ROOM", "TWO_ROOMS"]

LEVEL_NAMES: tuple[str, ...] = (
    "goto_win",
    "goto_win-distr_obj",
    "goto_win-distr_rule",
    "goto_win-distr_obj_rule",
    "goto_win-distr_obj-irrelevant_rule",
    "make_win",
    "make_win-distr_obj",
    "make_win-distr_rule",
    "make_win-distr_obj_rule",
    "make_win-distr_obj-irrelevant_rule",
    "two_room-goto_win",
    "two_room-goto_win-distr_obj",
    "two_room-goto_win-distr_rule",
    "two_room-goto_win-distr_obj_rule",
    "two_room-goto_win-distr_obj-irrelevant_rule",
    "two_room-goto_win-distr_win_rule",
    "two_room-break_stop-goto_win",
    "two_room-break_stop-goto_win-distr_obj",
    "two_room-break_stop-goto_win-distr_rule",
    "two_room-break_stop-goto_win-distr_obj_rule",
    "two_room-break_stop-goto_win-distr_obj-irrelevant_rule",
    "two_room-maybe_break_stop-goto_win",
    "two_room-maybe_break_stop-goto_win-distr_obj",
    "two_room-maybe_break_stop-goto_win-distr_rule",
    "two_room-maybe_break_stop-goto_win-distr_obj_rule",
    "two_room-maybe_break_stop-goto_win-distr_obj-irrelevant_rule",
    "two_room-make_win",
    "two_room-make_win-distr_obj",
    "two_room-make_win-distr_rule",
    "two_room-make_win-distr_obj_rule",
    "two_room-make_win-distr_obj-irrelevant_rule",
    "two_room-make_win-distr_win_rule",
    "two_room-break_stop-make_win",
    "two_room-break_stop-make_win-distr_obj",
    "two_room-break_stop-make_win-distr_rule",
    "two_room-break_stop-make_win-distr_obj_rule",
    "two_room-break_stop-make_win-distr_obj-irrelevant_rule",
    "make_you",
    "make_you-make_win",
    "make_wall_win",
)

SINGLE_ROOM = (8, 8)
"""Width and height of one-room maps (every cell walkable; the border is the map edge)."""
TWO_ROOMS = (15, 9)
"""Two 7x9 rooms side by side, split by a column of wall objects."""

PICKABLE = ("door", "key", "ball")
COLORS = ("red", "green", "blue", "purple", "yellow")
BABA_COLOR = "white"
WALL_COLOR = "grey"

_GOALS = ("goto_win", "make_win", "make_you", "make_wall_win")
_FEATURES = {"two_room", "break_stop", "maybe_break_stop", "distr_obj", "distr_rule",
             "distr_obj_rule", "irrelevant_rule", "distr_win_rule", *_GOALS}


@attrs.frozen
class LevelSpec:
    """What a level name promises.

    ``goal``: ``goto_win`` (walk to the win object), ``make_win`` (finish the X IS WIN
    rule), ``make_you`` (finish X IS YOU to steer an object in a sealed room),
    ``make_you-make_win`` (both), ``make_wall_win`` (finish WALL IS WIN and touch a wall).
    ``stop``: ``keep`` (the goal is in the player's room), ``break`` (it is behind the
    wall, so WALL IS STOP must be broken) or ``maybe`` (a coin flip per episode).
    ``irrelevant_rule``: an extra true rule about the distractor kind.
    ``distractor_win_rule``: a second, true X IS WIN whose object is out of reach.
    """

    name: str
    goal: str
    two_room: bool = False
    stop: str = "keep"
    distractor_object: bool = False
    distractor_rule: bool = False
    irrelevant_rule: bool = False
    distractor_win_rule: bool = False


def level_spec(name: str) -> LevelSpec:
    """Parse a level name into its features; unknown names are a ``KeyError``."""
    if name not in LEVEL_NAMES:
        raise KeyError(name)
    features = set(name.split("-"))
    assert features <= _FEATURES, features
    if "make_you" in features:
        goal = "make_you-make_win" if "make_win" in features else "make_you"
    else:
        goal = next(g for g in _GOALS if g in features)
    stop = "break" if "break_stop" in features else "maybe" if "maybe_break_stop" in features else "keep"
    return LevelSpec(
        name=name, goal=goal, two_room="two_room" in features, stop=stop,
        distractor_object=bool(features & {"distr_obj", "distr_obj_rule"}),
        distractor_rule=bool(features & {"distr_rule", "distr_obj_rule"}),
        irrelevant_rule="irrelevant_rule" in features,
        distractor_win_rule="distr_win_rule" in features,
    )


@attrs.frozen
class Room:
    """An inclusive rectangle of walkable cells."""

    x0: int
    y0: int
    x1: int
    y1: int

    def cells(self, margin: int = 0) -> list[tuple[int, int]]:
        return [
            (x, y)
            for y in range(self.y0 + margin, self.y1 - margin + 1)
            for x in range(self.x0 + margin, self.x1 - margin + 1)
        ]


def _along_side(cells: list[tuple[int, int]], room: Room, dx: int) -> bool:
    x, y = cells[0]
    if dx:
        return y in (room.y0, room.y1)
    return x in (room.x0, room.x1)


def _approaches(slot: tuple[int, int], line: list[tuple[int, int]], inside: set[tuple[int, int]]) -> int:
    """Directions from which a block can be pushed into ``slot``: the block's cell before
    the slot and the player's cell behind it are in the room and off the line."""
    x, y = slot
    count = 0
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        feed, stand = (x - dx, y - dy), (x - 2 * dx, y - 2 * dy)
        if feed in inside and stand in inside and feed not in line and stand not in line:
            count += 1
    return count


class _NoRoom(Exception):
    """A random choice left no legal place for the next piece: draw the layout again."""


_NEIGHBOURS = tuple((dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1))


class _Layout:
    """Places rule lines, loose blocks and objects while keeping blocks apart."""

    def __init__(self, width: int, height: int, rng: random.Random) -> None:
        self.width, self.height, self.rng = width, height, rng
        self.blocks: dict[tuple[int, int], str] = {}
        self.slots: set[tuple[int, int]] = set()
        self.objects: list[Thing] = []
        self.taken: set[tuple[int, int]] = set()
        self.lanes: set[tuple[int, int]] = set()
        self.expected: set[Rule] = set()

    def _clear(self, cell: tuple[int, int]) -> bool:
        x, y = cell
        return all(
            (x + dx, y + dy) not in self.blocks and (x + dx, y + dy) not in self.slots
            for dx, dy in _NEIGHBOURS
        )

    def line(self, words: tuple[str | None, str | None, str | None], room: Room, *, edge: bool = False) -> None:
        """Three cells in a row (either axis); ``None`` leaves a slot to be filled later.

        ``edge`` lines lie along a side of the room, where they cannot be broken by
        accident and never cut the room in two; other lines keep one free cell from the
        room's sides so each block can be pushed any way, and a slot must be reachable
        by a push from at least two directions.
        """
        allowed = set(room.cells(0 if edge else 1))
        inside = set(room.cells())
        options = []
        for x, y in sorted(allowed):
            for dx, dy in ((1, 0), (0, 1)):
                cells = [(x + i * dx, y + i * dy) for i in range(3)]
                if not all(c in allowed and self._clear(c) for c in cells):
                    continue
                if edge and not _along_side(cells, room, dx):
                    continue
                if None in words and _approaches(cells[words.index(None)], cells, inside) < 2:
                    continue
                options.append(cells)
        if not options:
            raise _NoRoom
        cells = self.rng.choice(options)
        if edge:
            (x, y), (dx, dy) = cells[0], (cells[1][0] - cells[0][0], cells[1][1] - cells[0][1])
            self.lanes.update(c for c in inside if (c[1] == y if dx else c[0] == x))
        for cell, word in zip(cells, words):
            if word is None:
                self.slots.add(cell)
            else:
                self.blocks[cell] = word
        if None not in words:
            self.expected.add((words[0], words[2]))

    def block(self, word: str, room: Room, margin: int = 1) -> None:
        """A loose rule block, free to be pushed in any direction."""
        options = [c for c in room.cells(margin) if self._clear(c)]
        if not options:
            raise _NoRoom
        self.blocks[self.rng.choice(options)] = word

    def _free(self, room: Room) -> list[tuple[int, int]]:
        """Cells for objects: no block, slot or object there, and not in line with a rule
        on a room's side (sliding that rule along its line could bury the object)."""
        return [
            c for c in room.cells()
            if c not in self.blocks and c not in self.slots and c not in self.taken and c not in self.lanes
        ]

    def thing(self, kind: str, color: str, room: Room) -> None:
        options = self._free(room)
        if not options:
            raise _NoRoom
        x, y = self.rng.choice(options)
        self.put(kind, color, x, y)

    def put(self, kind: str, color: str, x: int, y: int) -> None:
        self.taken.add((x, y))
        self.objects.append(Thing(kind, color, x, y))

    def wall_segment(self, room: Room, length: int) -> None:
        free = set(self._free(room))
        options = []
        for x, y in sorted(free):
            for dx, dy in ((1, 0), (0, 1)):
                cells = [(x + i * dx, y + i * dy) for i in range(length)]
                if all(c in free for c in cells):
                    options.append(cells)
        if not options:
            raise _NoRoom
        for x, y in self.rng.choice(options):
            self.put("wall", WALL_COLOR, x, y)

    def board(self) -> Board:
        blocks = [Thing(RULE_KIND, "", x, y, word) for (x, y), word in sorted(self.blocks.items())]
        board = Board(self.width, self.height, [*self.objects, *blocks])
        if board.rules != self.expected:
            raise _NoRoom
        return board


def generate_level(name: str, seed: int) -> Board:
    """The board of level ``name`` for episode seed ``seed`` (same inputs, same board)."""
    spec = level_spec(name)
    rng = random.Random(f"{name}/{seed}")
    for _ in range(200):
        try:
            return _compose(spec, rng)
        except _NoRoom:
            continue
    raise RuntimeError(f"no layout found for level {name!r} with seed {seed}")


def _partial(noun: str, target: str, rng: random.Random) -> tuple[tuple[str | None, str | None, str | None], str]:
    """A rule with its noun or its last word missing, and the missing block."""
    if rng.random() < 0.5:
        return (None, OPERATOR, target), noun
    return (noun, OPERATOR, None), target


def _compose(spec: LevelSpec, rng: random.Random) -> Board:
    goal_kind, other_kind, spare_kind = rng.sample(PICKABLE, 3)
    color = {kind: rng.choice(COLORS) for kind in PICKABLE}
    if spec.two_room or spec.goal.startswith("make_you"):
        width, height = TWO_ROOMS
        split = width // 2
        rooms = [Room(0, 0, split - 1, height - 1), Room(split + 1, 0, width - 1, height - 1)]
        rng.shuffle(rooms)
        home, away = rooms
    else:
        width, height = SINGLE_ROOM
        split = None
        home = away = Room(0, 0, width - 1, height - 1)
    layout = _Layout(width, height, rng)
    if split is not None:
        for y in range(height):
            layout.put("wall", WALL_COLOR, split, y)

    if spec.goal.startswith("make_you"):
        _compose_make_you(spec, layout, home, away, goal_kind, other_kind, color)
        return layout.board()

    if spec.two_room:
        layout.line(("wall", OPERATOR, "stop"), home)
    goal_room = home
    if spec.stop == "break" or (spec.stop == "maybe" and rng.random() < 0.5):
        goal_room = away
    if spec.goal == "make_wall_win":
        words, loose = _partial("wall", "win", rng)
        layout.line(words, home)
        layout.block(loose, home)
    elif spec.goal == "make_win":
        words, loose = _partial(goal_kind, "win", rng)
        layout.line(words, home)
        layout.block(loose, home)
    else:
        layout.line((goal_kind, OPERATOR, "win"), home, edge=True)
    if spec.distractor_win_rule:
        layout.line((spare_kind, OPERATOR, "win"), home, edge=True)
    if spec.distractor_rule:
        layout.block(other_kind, home)
    if spec.irrelevant_rule:
        layout.line((other_kind, OPERATOR, rng.choice(("stop", "push"))), away, edge=True)
    layout.line(("baba", OPERATOR, "you"), rng.choice((home, away)), edge=True)

    layout.thing("baba", BABA_COLOR, home)
    if spec.goal == "make_wall_win":
        layout.wall_segment(home, 3)
    else:
        layout.thing(goal_kind, color[goal_kind], goal_room)
    if spec.distractor_object:
        layout.thing(other_kind, color[other_kind], rng.choice((home, away)))
    if spec.distractor_win_rule:
        layout.thing(spare_kind, color[spare_kind], away)
    return layout.board()


def _compose_make_you(spec: LevelSpec, layout: _Layout, home: Room, away: Room,
                      goal_kind: str, body_kind: str, color: dict[str, str]) -> None:
    """Baba is shut in one room; the goal and a second body wait in the other, where the
    WALL IS STOP rule is out of Baba's reach. Making the body YOU is the only way over."""
    rng = layout.rng
    words, loose = _partial(body_kind, "you", rng)
    layout.line(words, home)
    layout.block(loose, home)
    if spec.goal == "make_you-make_win":
        words, loose = _partial(goal_kind, "win", rng)
        layout.line(words, home)
        layout.block(loose, home)
    else:
        layout.line((goal_kind, OPERATOR, "win"), rng.choice((home, away)), edge=True)
    layout.line(("wall", OPERATOR, "stop"), away, edge=True)
    layout.line(("baba", OPERATOR, "you"), rng.choice((home, away)), edge=True)
    layout.thing("baba", BABA_COLOR, home)
    layout.thing(goal_kind, color[goal_kind], away)
    layout.thing(body_kind, color[body_kind], away)
