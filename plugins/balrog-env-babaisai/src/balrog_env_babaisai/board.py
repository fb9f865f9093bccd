"""The game engine: a grid of stacked things whose behaviour is set by rule blocks.

Every cell may hold several things. Rule blocks on the board spell rules (see
``rules.py``); the rules decide which kinds the player controls (YOU), which ones win,
block (STOP) or get shoved (PUSH). Rule blocks are always pushable. The board's edge is
impassable and is not made of wall objects, so rules about walls never touch it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .rules import Rule, active_rules, properties_by_kind, transformations

__all__ = ["Thing", "Board", "MOVES", "RULE_KIND"]

RULE_KIND = "rule"

MOVES: dict[str, tuple[int, int]] = {
    "idle": (0, 0),
    "up": (0, -1),
    "right": (1, 0),
    "down": (0, 1),
    "left": (-1, 0),
}


class Thing:
    """One object or rule block on the board.

    ``kind`` is a noun (``baba``, ``wall``, ``door``, ``key``, ``ball``) or ``rule`` for a
    rule block, whose text is ``word``. Things are never created or destroyed, so their
    index in ``Board.things`` identifies them for the whole episode.
    """

    __slots__ = ("kind", "color", "word", "x", "y")

    def __init__(self, kind: str, color: str, x: int, y: int, word: str | None = None) -> None:
        self.kind = kind
        self.color = color
        self.word = word
        self.x = x
        self.y = y

    @property
    def is_rule(self) -> bool:
        return self.word is not None

    def copy(self) -> "Thing":
        return Thing(self.kind, self.color, self.x, self.y, self.word)

    def __repr__(self) -> str:
        label = f"rule:{self.word}" if self.word else f"{self.color} {self.kind}"
        return f"<{label} at {self.x},{self.y}>"


class Board:
    """The state of one game: size, things, and the rules they currently spell.

    ``transformed`` tells whether the last move turned some object into another kind.
    """

    __slots__ = ("width", "height", "things", "rules", "transformed", "_props")

    def __init__(self, width: int, height: int, things: Iterable[Thing], *, settle: bool = True) -> None:
        self.width = width
        self.height = height
        self.things = list(things)
        self.rules: frozenset[Rule] = frozenset()
        self.transformed = False
        self._props: dict[str, frozenset[str]] = {}
        if settle:
            self._settle()

    def copy(self) -> "Board":
        clone = Board(self.width, self.height, [t.copy() for t in self.things], settle=False)
        clone.rules = self.rules
        clone._props = self._props
        return clone

    def key(self) -> tuple:
        """A hashable snapshot of everything that can change: kinds and positions."""
        return tuple((t.kind, t.x, t.y) for t in self.things)

    # --- what the rules say ---

    def kinds_with(self, prop: str) -> frozenset[str]:
        return self._props.get(prop, frozenset())

    def you(self) -> list[Thing]:
        kinds = self.kinds_with("you")
        return [t for t in self.things if t.kind in kinds]

    def winners(self) -> list[Thing]:
        kinds = self.kinds_with("win")
        return [t for t in self.things if t.kind in kinds]

    @property
    def lost(self) -> bool:
        """No thing is YOU any more: nothing can ever move again."""
        return not self.you()

    @property
    def won(self) -> bool:
        """A YOU thing shares a cell with a WIN thing (possibly itself)."""
        win = self.winners()
        if not win:
            return False
        cells = {(t.x, t.y) for t in win}
        return any((t.x, t.y) in cells for t in self.you())

    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    # --- playing ---

    def move(self, action: str) -> None:
        """Move every YOU thing one cell (``idle`` moves nothing), then re-read the rules
        if a rule block moved (rules and NOUN IS NOUN changes depend on nothing else).

        Things furthest ahead move first, so a column of YOU things advances together.
        A mover enters a cell only if the chain of pushable things in front of it can
        shift one cell: the chain stops at the first cell with nothing pushable, and is
        blocked by the board's edge or by a STOP thing that is not also pushable.
        """
        dx, dy = MOVES[action]
        self.transformed = False
        words_moved = False
        if dx or dy:
            movers = sorted(self.you(), key=lambda t: -(t.x * dx + t.y * dy))
            cells: dict[tuple[int, int], list[Thing]] = {}
            for thing in self.things:
                cells.setdefault((thing.x, thing.y), []).append(thing)
            push = self.kinds_with("push")
            stop = self.kinds_with("stop")
            for mover in movers:
                chain = self._chain(mover.x + dx, mover.y + dy, dx, dy, cells, push, stop)
                if chain is None:
                    continue
                for thing in (*chain, mover):
                    words_moved = words_moved or thing.word is not None
                    cells[(thing.x, thing.y)].remove(thing)
                    thing.x += dx
                    thing.y += dy
                    cells.setdefault((thing.x, thing.y), []).append(thing)
        if words_moved:
            self._settle()

    def _chain(self, x: int, y: int, dx: int, dy: int, cells: dict, push: frozenset, stop: frozenset) -> list[Thing] | None:
        """The things that would be pushed by entering ``(x, y)``, or ``None`` if blocked."""
        chain: list[Thing] = []
        while True:
            if not (0 <= x < self.width and 0 <= y < self.height):
                return None
            here = cells.get((x, y))
            if not here:
                return chain
            pushed = False
            for thing in here:
                if thing.word is not None or thing.kind in push:
                    chain.append(thing)
                    pushed = True
                elif thing.kind in stop:
                    return None
            if not pushed:
                return chain
            x += dx
            y += dy

    def _settle(self) -> None:
        """Read the rules, apply NOUN IS NOUN changes, and read the rules again."""
        self.rules = active_rules(self.things)
        changes = transformations(self.rules)
        self.transformed = False
        if changes:
            for thing in self.things:
                if thing.word is None and thing.kind in changes:
                    thing.kind = changes[thing.kind]
                    self.transformed = True
            self.rules = active_rules(self.things)
        self._props = properties_by_kind(self.rules)
