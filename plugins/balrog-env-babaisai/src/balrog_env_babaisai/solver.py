"""A planner that solves Baba Is AI boards by searching over real game states.

Two levels of search. Below, a bounded weighted A* over board states (hashed by
``Board.key``) reaches one *goal*: win, form a given rule by pushing one block into a
slot, or break a rule. Every candidate move is played on a copy of the board by the
engine itself, so plans are exact. Above, a depth-limited search over rule edits decides
which goals to chain: walk to a WIN thing if one is reachable, otherwise try forming
``X IS WIN`` / ``X IS YOU`` or breaking ``X IS STOP``, then look again. When an edit
succeeds but nothing can follow it, the edit is searched again with every other rule
block required to end where it started.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable

import attrs

from .board import MOVES, Board, Thing
from .rules import NOUNS, OPERATOR, Rule, rule_cells

__all__ = ["Goal", "solve", "search", "win_goal"]

STEPS = tuple(action for action in MOVES if action != "idle")
UNREACHABLE = None
_LAST = 1000
"""Added to the rank of edits that make something else YOU: once two bodies move in
lockstep the search space multiplies, so control changes come after other edits."""
_BROKEN = 4
"""Estimated cost of each rule to keep that a state has broken: mending it takes a walk
and a push, and the penalty keeps the search from wandering among broken states."""


@attrs.frozen
class Goal:
    """A target for the low-level search: when it is met, and how far it looks."""

    name: str
    reached: Callable[[Board], bool]
    estimate: Callable[[Board], int | None]
    """Steps still needed (a guess), or ``None`` when this state can never get there."""
    movable: frozenset[int] = frozenset()
    """The rule blocks (indices in ``Board.things``) this goal is about moving."""


def _tidy(goal: Goal, board: Board) -> Goal:
    """``goal``, but every other rule block must end where it is on ``board`` now.

    Used when the plain goal was met in a way that spoiled what comes next (a half-built
    rule shoved against a wall, say)."""
    home = [(i, t.x, t.y) for i, t in enumerate(board.things) if t.word is not None and i not in goal.movable]

    def reached(state: Board) -> bool:
        things = state.things
        return goal.reached(state) and all(things[i].x == x and things[i].y == y for i, x, y in home)

    return attrs.evolve(goal, name=f"{goal.name} (tidy)", reached=reached)


def _is_tidy(goal: Goal, before: Board, after: Board) -> bool:
    return all(
        (a.x, a.y) == (b.x, b.y)
        for i, (b, a) in enumerate(zip(before.things, after.things))
        if b.word is not None and i not in goal.movable
    )


def _distance(things: list[Thing], x: int, y: int) -> int | None:
    if not things:
        return None
    return min(abs(t.x - x) + abs(t.y - y) for t in things)


def _win_estimate(board: Board) -> int | None:
    you, win = board.you(), board.winners()
    if not you or not win:
        return UNREACHABLE
    return min(abs(a.x - b.x) + abs(a.y - b.y) for a in you for b in win)


def win_goal() -> Goal:
    return Goal("win", lambda board: board.won, _win_estimate)


Cell = tuple[int, int]


def _push_plan(board: Board, filler: int, slot: Cell) -> dict[Cell, tuple[int, list[Cell]]]:
    """For each cell a block could start from: the pushes needed to bring it to ``slot``
    and where the player must stand for the first of them. Computed on the board as it is
    now (other rule blocks and STOP things are fixed obstacles), by a backward
    breadth-first search from the slot."""
    stop, push = board.kinds_with("stop"), board.kinds_with("push")
    blocked = {
        (t.x, t.y) for i, t in enumerate(board.things)
        if i != filler and (t.word is not None or (t.kind in stop and t.kind not in push))
    }

    def open_cell(x: int, y: int) -> bool:
        return board.inside(x, y) and (x, y) not in blocked

    plan: dict[Cell, tuple[int, list[Cell]]] = {slot: (0, [])}
    todo = [slot]
    for x, y in todo:
        pushes = plan[(x, y)][0] + 1
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            source, stand = (x - dx, y - dy), (x - 2 * dx, y - 2 * dy)
            if not (open_cell(*source) and open_cell(*stand)):
                continue
            if source not in plan:
                plan[source] = (pushes, [stand])
                todo.append(source)
            elif plan[source][0] == pushes:
                plan[source][1].append(stand)
    return plan


def _form_goal(board: Board, rule: Rule, filler: int, slot: Cell, anchors: tuple[int, ...]) -> Goal:
    """Push the block ``board.things[filler]`` into ``slot`` so that ``rule`` holds,
    without losing any rule the board has now. The estimate is the pushes still needed
    plus the walk to the spot behind the block for the next push, plus a detour for each
    of the two ``anchors`` (the blocks already in line) that has been moved."""
    keep = board.rules
    fixed = [(i, board.things[i].x, board.things[i].y) for i in anchors]
    plan = _push_plan(board, filler, slot)
    detour = board.width + board.height

    def reached(state: Board) -> bool:
        return rule in state.rules and keep <= state.rules

    def estimate(state: Board) -> int | None:
        you = state.you()
        if not you:
            return UNREACHABLE
        things = state.things
        moved = sum(detour for i, x, y in fixed if things[i].x != x or things[i].y != y)
        moved += _BROKEN * len(keep - state.rules)
        block = things[filler]
        cell = (block.x, block.y)
        if cell not in plan:
            near = _distance(you, block.x, block.y)
            return moved + detour + abs(block.x - slot[0]) + abs(block.y - slot[1]) + near
        pushes, stands = plan[cell]
        return moved + pushes + min((_distance(you, x, y) for x, y in stands), default=0)

    return Goal(f"form {rule[0]} is {rule[1]}", reached, estimate, frozenset({filler}))


def _break_goal(board: Board, rule: Rule, blocks: list[int]) -> Goal:
    """Push a block of ``rule`` sideways out of line, without losing any other rule the
    board has now. The estimate is the walk to a spot beside the line."""
    keep = board.rules - {rule}
    first, last = board.things[blocks[0]], board.things[blocks[-1]]
    across = (0, 1) if first.y == last.y else (1, 0)

    def reached(state: Board) -> bool:
        return rule not in state.rules and keep <= state.rules

    def estimate(state: Board) -> int | None:
        you = state.you()
        if not you:
            return UNREACHABLE
        spots = []
        for i in blocks:
            x, y = state.things[i].x, state.things[i].y
            for sign in (1, -1):
                stand = (x - sign * across[0], y - sign * across[1])
                if state.inside(*stand) and state.inside(x + sign * across[0], y + sign * across[1]):
                    spots.append(stand)
        broken = _BROKEN * len(keep - state.rules)
        return broken + 1 + min((_distance(you, x, y) for x, y in spots), default=state.width + state.height)

    return Goal(f"break {rule[0]} is {rule[1]}", reached, estimate, frozenset(blocks))


def search(board: Board, goal: Goal, max_steps: int, max_nodes: int = 3000,
           weight: float = 2.0) -> tuple[list[str], Board] | None:
    """Weighted A* from ``board`` to a state meeting ``goal`` in at most ``max_steps``
    moves, expanding at most ``max_nodes`` states. Returns the moves and the end board.

    States where nothing is YOU, or where an object changed kind, are dead ends: no level
    needs either, and both are irreversible."""
    if goal.reached(board):
        return [], board
    start = goal.estimate(board)
    if start is None:
        return None
    tie = itertools.count()
    parents: dict[tuple, tuple[tuple, str] | None] = {board.key(): None}
    frontier = [(weight * start, start, next(tie), 0, board)]
    expanded = 0
    while frontier and expanded < max_nodes:
        _, _, _, cost, state = heapq.heappop(frontier)
        if cost >= max_steps:
            continue
        expanded += 1
        state_key = state.key()
        for action in STEPS:
            child = state.copy()
            child.move(action)
            key = child.key()
            if key in parents:
                continue
            parents[key] = (state_key, action)
            if child.lost or child.transformed:
                continue
            if child.won or goal.reached(child):
                return _path(parents, key), child
            guess = goal.estimate(child)
            if guess is None:
                continue
            heapq.heappush(frontier, (cost + 1 + weight * guess, guess, next(tie), cost + 1, child))
    return None


def _path(parents: dict, key: tuple) -> list[str]:
    moves: list[str] = []
    link = parents[key]
    while link is not None:
        key, action = link
        moves.append(action)
        link = parents[key]
    return moves[::-1]


def _walkable(board: Board) -> set[tuple[int, int]]:
    """Cells some YOU thing can walk to, treating pushable things as passable."""
    stop, push = board.kinds_with("stop"), board.kinds_with("push")
    blocked = {
        (t.x, t.y) for t in board.things
        if t.word is None and t.kind in stop and t.kind not in push
    }
    seen = {(t.x, t.y) for t in board.you()}
    todo = list(seen)
    while todo:
        x, y = todo.pop()
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            cell = (x + dx, y + dy)
            if cell not in seen and board.inside(*cell) and cell not in blocked:
                seen.add(cell)
                todo.append(cell)
    return seen


def _touchable(walkable: set[tuple[int, int]], thing: Thing) -> bool:
    """Can a YOU thing stand next to ``thing`` (to push it)?"""
    return any((thing.x + dx, thing.y + dy) in walkable for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))


def _edits(board: Board) -> list[Goal]:
    """Rule changes worth trying, for blocks a YOU thing can get at, cheapest-looking
    first: complete a half-built ``X IS WIN``/``X IS YOU`` with a free block, or break an
    ``X IS STOP``."""
    things = board.things
    walkable = _walkable(board)
    in_rules = {cell for cells in rule_cells(things).values() for cell in cells}
    present = {t.kind for t in things if t.word is None}
    words = {(t.x, t.y): i for i, t in enumerate(things) if t.word is not None}
    free = [
        i for i, t in enumerate(things)
        if t.word is not None and (t.x, t.y) not in in_rules and _touchable(walkable, t)
    ]
    goals: list[tuple[int, Goal]] = []

    def offer(rule: Rule, filler: int, slot: Cell, anchors: tuple[int, int]) -> None:
        if rule in board.rules:
            return
        goal = _form_goal(board, rule, filler, slot, anchors)
        guess = goal.estimate(board)
        if guess is not None:
            goals.append((guess + (_LAST if rule[1] == "you" else 0), goal))

    for (x, y), index in words.items():
        if things[index].word != OPERATOR:
            continue
        for dx, dy in ((1, 0), (0, 1)):
            before, after = (x - dx, y - dy), (x + dx, y + dy)
            if not (board.inside(*before) and board.inside(*after)):
                continue
            first = things[words[before]].word if before in words else None
            last = things[words[after]].word if after in words else None
            if first in present and first in NOUNS and last is None:
                for i in free:
                    if things[i].word in ("win", "you"):
                        offer((first, things[i].word), i, after, (words[before], index))
            elif last in ("win", "you") and first is None:
                for i in free:
                    if things[i].word in present and things[i].word in NOUNS:
                        offer((things[i].word, last), i, before, (index, words[after]))
    for rule, cells in rule_cells(things).items():
        blocks = [words[cell] for cell in cells]
        if rule[1] == "stop" and any(_touchable(walkable, things[i]) for i in blocks):
            goal = _break_goal(board, rule, blocks[:3])
            goals.append((goal.estimate(board) or 0, goal))
    goals.sort(key=lambda pair: pair[0])
    return [goal for _, goal in goals]


def solve(board: Board, max_steps: int = 100, max_edits: int = 2) -> list[str] | None:
    """Moves that win from ``board`` within ``max_steps``, or ``None`` if none was found."""
    return _plan(board, max_steps, max_edits)


def _plan(board: Board, max_steps: int, edits_left: int) -> list[str] | None:
    if board.won:
        return []
    walkable = _walkable(board)
    if any((t.x, t.y) in walkable for t in board.winners()):
        found = search(board, win_goal(), max_steps)
        if found is not None:
            return found[0]
    if edits_left == 0:
        return None
    for goal in _edits(board):
        for variant in (goal, _tidy(goal, board)):
            found = search(board, variant, max_steps)
            if found is None:
                break
            moves, after = found
            if after.won:
                return moves
            rest = _plan(after, max_steps - len(moves), edits_left - 1)
            if rest is not None:
                return moves + rest
            if _is_tidy(goal, board, after):
                break
    return None
