"""The 40 Baba Is AI levels of the BALROG protocol, built as the benchmark builds them.

Every level is drawn from a NumPy ``RandomState`` seeded with the episode seed, making
the same draws in the same order as the benchmark's generators (which draw from NumPy's
global RNG right after it is seeded with the episode seed), so a seed gives the
benchmark's own layout. Coordinates include the border ring: one room is 8x8 (floor
1..6), two rooms are 13x9 (floor x 1..11, y 1..7) split by wall objects at x = 6.

A *random empty cell* in an area is drawn by rejection, as the benchmark does: x then y
uniformly over the area (clipped to the grid), again until the cell holds nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .board import Board, Thing

if TYPE_CHECKING:
    import numpy as np

__all__ = ["LEVEL_NAMES", "Level", "LevelSpec", "level_spec", "generate_level", "new_rng"]

LEVEL_NAMES: tuple[str, ...] = (
    "make_win-distr_obj_rule",
    "goto_win-distr_obj_rule",
    "goto_win",
    "goto_win-distr_obj",
    "goto_win-distr_rule",
    "goto_win-distr_obj-irrelevant_rule",
    "make_win-distr_obj",
    "make_win-distr_rule",
    "make_win",
    "make_win-distr_obj-irrelevant_rule",
    "two_room-goto_win",
    "two_room-goto_win-distr_obj_rule",
    "two_room-goto_win-distr_rule",
    "two_room-goto_win-distr_obj",
    "two_room-goto_win-distr_obj-irrelevant_rule",
    "two_room-goto_win-distr_win_rule",
    "two_room-break_stop-goto_win-distr_obj_rule",
    "two_room-break_stop-goto_win-distr_obj",
    "two_room-break_stop-goto_win-distr_rule",
    "two_room-break_stop-goto_win-distr_obj-irrelevant_rule",
    "two_room-break_stop-goto_win",
    "two_room-maybe_break_stop-goto_win-distr_obj_rule",
    "two_room-maybe_break_stop-goto_win",
    "two_room-maybe_break_stop-goto_win-distr_obj",
    "two_room-maybe_break_stop-goto_win-distr_rule",
    "two_room-maybe_break_stop-goto_win-distr_obj-irrelevant_rule",
    "two_room-make_win-distr_obj_rule",
    "two_room-make_win-distr_rule",
    "two_room-make_win",
    "two_room-make_win-distr_obj-irrelevant_rule",
    "two_room-make_win-distr_obj",
    "two_room-make_win-distr_win_rule",
    "two_room-break_stop-make_win-distr_obj_rule",
    "two_room-break_stop-make_win-distr_rule",
    "two_room-break_stop-make_win",
    "two_room-break_stop-make_win-distr_obj-irrelevant_rule",
    "two_room-break_stop-make_win-distr_obj",
    "two_room-make_you",
    "two_room-make_you-make_win",
    "two_room-make_wall_win",
)
"""The task ids of the protocol (the benchmark's ``env/`` ids without the prefix), in its order."""

NAMES = ("ball", "key", "door")
COLORS = ("red", "blue", "green")
BABA_COLOR, WALL_COLOR = "white", "grey"

Area = tuple[tuple[int, int], tuple[int, int]]
"""((left, top), (width, height)) of a placement rectangle, clipped to the grid."""

_ONE_ROOM_OBJECTS: Area = ((1, 2), (8, 8))
_ONE_ROOM_LOOSE_WIN: Area = ((2, 2), (4, 4))
_ONE_ROOM_DISTRACTOR_CELLS = ((4, 6), (5, 6), (6, 6), (4, 1), (5, 1), (6, 1),
                              (6, 1), (6, 2), (6, 3), (6, 4), (6, 5), (6, 6))
_RIGHT_EDGE_CELLS = ((11, 2), (11, 3), (11, 4), (11, 5), (11, 6), (11, 7), (10, 7), (9, 7), (8, 7))
"""Right-room cells from which a noun block can never reach a rule slot."""
_AREAS: dict[str, Area] = {
    "left_anywhere": ((1, 1), (4, 7)),
    "right_anywhere": ((7, 2), (4, 7)),
    "anywhere": ((1, 2), (11, 7)),
}
_PUSHABLE_WIDE = {"left": ((2, 3), (4, 3)), "right": ((7, 3), (4, 3))}
"""Areas away from the sides in the two-room goto/make-win levels (x 2..5 / 7..10, y 3..5)."""
_PUSHABLE_NARROW = {"left": ((2, 3), (3, 3)), "right": ((8, 3), (3, 3))}
"""The same in the make-you and make-wall-win levels (x 2..4 / 8..10, y 3..5)."""


@attrs.frozen
class LevelSpec:
    """What a level name means (the flags of the benchmark's level classes).

    ``kind``: ``one_room``, ``two_room``, ``make_you`` or ``make_wall_win``.
    ``stop_broken``: "wall is stop" starts broken. ``win_broken``: the win rule's noun
    starts away from its rule. ``goal_area``: where the win and distractor objects go.
    ``distractor_object`` / ``distractor_rule`` / ``irrelevant_rule``: a second object;
    a lone noun block (of the distractor's kind, or with ``irrelevant_rule`` of a third
    kind absent from the map). ``distractor_win_rule``: an extra true rule making that
    absent third kind win.
    """

    name: str
    kind: str
    stop_broken: bool = False
    win_broken: bool = False
    goal_area: str = "left_anywhere"
    distractor_object: bool = False
    distractor_rule: bool = False
    irrelevant_rule: bool = False
    distractor_win_rule: bool = False


def level_spec(name: str) -> LevelSpec:
    """Parse a level name into its flags; unknown names are a ``KeyError``."""
    if name not in LEVEL_NAMES:
        raise KeyError(name)
    parts = set(name.split("-"))
    if "make_you" in parts:
        return LevelSpec(name, "make_you", win_broken="make_win" in parts, goal_area="right_anywhere",
                         distractor_object=True, distractor_rule=True)
    if "make_wall_win" in parts:
        return LevelSpec(name, "make_wall_win", goal_area="right_anywhere", distractor_object=True,
                         distractor_rule=True, irrelevant_rule=True)
    suffix = {"distr_obj_rule": (True, True, False), "distr_obj": (True, False, False),
              "distr_rule": (False, True, False), "irrelevant_rule": (True, True, True),
              "distr_win_rule": (True, True, False)}
    last = name.split("-")[-1]
    distractor_object, distractor_rule, irrelevant = suffix.get(last, (False, False, False))
    if "two_room" not in parts:
        return LevelSpec(name, "one_room", win_broken="make_win" in parts,
                         distractor_object=distractor_object, distractor_rule=distractor_rule,
                         irrelevant_rule=irrelevant)
    area = ("right_anywhere" if "break_stop" in parts
            else "anywhere" if "maybe_break_stop" in parts else "left_anywhere")
    return LevelSpec(name, "two_room",
                     stop_broken=not parts & {"break_stop", "maybe_break_stop"},
                     win_broken="make_win" in parts, goal_area=area,
                     distractor_object=distractor_object, distractor_rule=distractor_rule,
                     irrelevant_rule=irrelevant, distractor_win_rule="distr_win_rule" in parts)


@attrs.frozen
class Level:
    """A generated board and the generator's solution sketch (the ``target_plan`` stat)."""

    board: Board
    target_plan: str


def new_rng(seed: int) -> np.random.RandomState:
    """The level RNG for an episode seed (the benchmark seeds NumPy's global RNG alike)."""
    import numpy as np

    return np.random.RandomState(seed % 2**32)


class _Builder:
    """Places things on a board with the benchmark's drawing procedure."""

    def __init__(self, width: int, height: int, rng: np.random.RandomState) -> None:
        self.board = Board(width, height)
        self.rng = rng
        self.rule_cells: dict[str, list[tuple[int, int]]] = {}

    def empty_cell(self, area: Area) -> tuple[int, int]:
        (left, top), (width, height) = area
        right = min(left + width, self.board.width)
        bottom = min(top + height, self.board.height)
        while True:
            x = int(self.rng.randint(left, right))
            y = int(self.rng.randint(top, bottom))
            if self.board.is_empty(x, y):
                return x, y

    def put(self, thing: Thing, cell: tuple[int, int]) -> None:
        self.board.add(thing, *cell)

    def place(self, thing: Thing, area: Area) -> tuple[int, int]:
        cell = self.empty_cell(area)
        self.put(thing, cell)
        return cell

    def rule(self, name: str, words: tuple[str, str, str], x: int, y: int) -> None:
        cells = [(x + i, y) for i in range(3)]
        for word, cell in zip(words, cells):
            self.put(Thing.block(word), cell)
        self.rule_cells[name] = cells

    def displace(self, name: str, index: int, to: tuple[int, int]) -> None:
        """Move block ``index`` of rule ``name`` (the top of its original cell) to ``to``."""
        x, y = self.rule_cells[name][index]
        self.board.shift_top(x, y, *to)

    def divider(self) -> None:
        for y in range(1, self.board.height - 1):
            self.put(Thing("wall", WALL_COLOR), (self.board.width // 2, y))

    def sample_objects(self) -> tuple[tuple[str, str], tuple[str, str], tuple[str, str]]:
        """obj1 (the win object), obj2 (the distractor), obj3 (the irrelevant kind):
        three different kinds, each with an independent colour."""
        kinds = self.rng.choice(len(NAMES), size=3, replace=False)
        colors = self.rng.choice(len(COLORS), size=3, replace=True)
        obj1, obj2, obj3 = ((COLORS[c], NAMES[k]) for k, c in zip(kinds, colors))
        return obj1, obj2, obj3

    def done(self, plan: str) -> Level:
        self.board.read_rules()
        return Level(self.board, plan)


def _obj(colored: tuple[str, str]) -> Thing:
    return Thing(colored[1], colored[0])


def generate_level(name: str, rng: np.random.RandomState) -> Level:
    """A fresh layout of level ``name``, drawn from ``rng`` (see ``new_rng``)."""
    spec = level_spec(name)
    return {"one_room": _one_room, "two_room": _two_room, "make_you": _make_you,
            "make_wall_win": _make_wall_win}[spec.kind](spec, rng)


def _one_room(spec: LevelSpec, rng: np.random.RandomState) -> Level:
    build = _Builder(8, 8, rng)
    obj1, obj2, obj3 = build.sample_objects()
    build.rule("you", ("baba", "is", "you"), 1, 6)
    build.rule("win", (obj1[1], "is", "win"), 1, 1)
    if spec.win_broken:
        build.displace("win", 0, build.empty_cell(_ONE_ROOM_LOOSE_WIN))
    if spec.distractor_rule:
        cell = _ONE_ROOM_DISTRACTOR_CELLS[rng.choice(len(_ONE_ROOM_DISTRACTOR_CELLS))]
        build.put(Thing.block((obj3 if spec.irrelevant_rule else obj2)[1]), cell)
    build.place(Thing("baba", BABA_COLOR), _ONE_ROOM_OBJECTS)
    build.place(_obj(obj1), _ONE_ROOM_OBJECTS)
    if spec.distractor_object:
        build.place(_obj(obj2), _ONE_ROOM_OBJECTS)
    win = obj1[1]
    return build.done(f"make[{win} is win], goto[{win}]" if spec.win_broken else f"goto[{win}]")


def _two_room(spec: LevelSpec, rng: np.random.RandomState) -> Level:
    build = _Builder(13, 9, rng)
    build.divider()
    obj1, obj2, obj3 = build.sample_objects()
    build.rule("you", ("baba", "is", "you"), 1, 7)
    build.rule("stop", ("wall", "is", "stop"), 1, 2)
    build.rule("win", (obj1[1], "is", "win"), 9, 1)
    if spec.distractor_rule:
        if spec.irrelevant_rule:
            build.place(Thing.block(obj3[1]), _PUSHABLE_WIDE["right"])
        elif spec.distractor_object:
            build.put(Thing.block(obj2[1]), _RIGHT_EDGE_CELLS[rng.choice(len(_RIGHT_EDGE_CELLS))])
        else:
            build.place(Thing.block(obj2[1]), _PUSHABLE_WIDE["right"])
    if spec.stop_broken:
        cell = build.empty_cell(_PUSHABLE_WIDE["left"])
        build.displace("stop", (1, 2)[rng.choice(2)], cell)
    if spec.win_broken:
        build.displace("win", 0, build.empty_cell(_PUSHABLE_WIDE["right"]))
    build.place(Thing("baba", BABA_COLOR), _PUSHABLE_WIDE["left"])
    goal_x, _ = build.place(_obj(obj1), _AREAS[spec.goal_area])
    if spec.distractor_object:
        build.place(_obj(obj2), _AREAS[spec.goal_area])
    if spec.distractor_win_rule:
        build.rule("distractor win", (obj3[1], "is", "win"), 9, 4)
    win = obj1[1]
    steps = []
    if not spec.stop_broken and (spec.win_broken or goal_x > 6):
        steps.append("break[wall is stop]")
    if spec.win_broken:
        steps.append(f"make[{win} is win]")
    steps.append(f"goto[{win}]")
    return build.done(", ".join(steps))


def _make_you(spec: LevelSpec, rng: np.random.RandomState) -> Level:
    build = _Builder(13, 9, rng)
    build.divider()
    obj1, obj2, _ = build.sample_objects()
    build.rule("you", ("baba", "is", "you"), 1, 6)
    build.rule("stop", ("wall", "is", "stop"), 1, 1)
    build.rule("win", (obj1[1], "is", "win"), 9, 1)
    build.place(Thing.block(obj2[1]), _PUSHABLE_NARROW["left"])
    if spec.win_broken:
        build.displace("win", 0, build.empty_cell(_PUSHABLE_NARROW["right"]))
    build.place(Thing("baba", BABA_COLOR), _PUSHABLE_NARROW["left"])
    build.place(_obj(obj1), _AREAS["right_anywhere"])
    build.place(_obj(obj2), _AREAS["right_anywhere"])
    steps = [f"make[{obj2[1]} is you]"]
    if spec.win_broken:
        steps.append(f"make[{obj1[1]} is win]")
    steps.append(f"goto[{obj1[1]}]")
    return build.done(", ".join(steps))


def _make_wall_win(spec: LevelSpec, rng: np.random.RandomState) -> Level:
    build = _Builder(13, 9, rng)
    build.divider()
    obj1, obj2, obj3 = build.sample_objects()
    build.rule("you", ("baba", "is", "you"), 1, 7)
    build.rule("stop", ("wall", "is", "stop"), 2, 2)
    build.rule("win", (obj1[1], "is", "win"), 9, 1)
    build.place(Thing.block(obj3[1]), _PUSHABLE_NARROW["right"])
    build.displace("win", 0, _RIGHT_EDGE_CELLS[rng.choice(len(_RIGHT_EDGE_CELLS))])
    build.place(Thing("baba", BABA_COLOR), _PUSHABLE_NARROW["left"])
    build.place(_obj(obj1), _AREAS["right_anywhere"])
    build.place(_obj(obj2), _AREAS["right_anywhere"])
    return build.done("break[wall is stop], make[wall is win], goto[wall]")
