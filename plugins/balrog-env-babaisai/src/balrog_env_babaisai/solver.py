"""A planner that solves Baba Is AI boards by searching over real game states.

Two levels of search. Below, a bounded weighted A* over board states (hashed by
``Board.key``) reaches one *goal*: win, form a given rule by pushing one block into a
slot, or break a rule. Every candidate move is played on a copy of the board by the
engine itself, so plans are exact. Above, a depth-limited search over rule edits decides
which goals to chain: walk to a WIN thing if one is reachable, otherwise try forming
``X is win`` / ``X is you`` (also by pushing a new noun into the place of the noun of
``baba is you``) or breaking ``X is stop``, then look again. When an edit succeeds but
nothing can follow it, it is searched again with every other rule block required to end
where it started. States with no player (the level would restart) or with new objects
are dead ends.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable

import attrs

from .board import MOVES, Board
from .rules import NOUNS, OPERATOR, Rule

__all__ = ["Goal", "solve", "search", "win_goal"]

STEPS = tuple(action for action in MOVES if action != "idle")
_LAST = 1000
"""Added to the rank of edits that make something else YOU: once control changes the
search space changes, so those edits come after the others."""
_BROKEN = 4
"""Estimated cost of each rule to keep that a state has broken."""
BUDGETS = (4000, 40000)
"""States one low-level search may expand: first try, then the retry."""
_CLEAR = 4
"""Estimated cost of moving a rule block out of the way of a push."""

Cell = tuple[int, int]


@attrs.frozen
class Goal:
    """A target for the low-level search: when it is met, and how far it looks."""

    name: str
    reached: Callable[[Board], bool]
    estimate: Callable[[Board], int | None]
    """Steps still needed (a guess), or ``None`` when this state can never get there."""
    movable: frozenset[int] = frozenset()
    """The rule blocks (indices in ``Board.things``) this goal is about moving."""


def _blocks(board: Board) -> list[int]:
    return [i for i, t in enumerate(board.things) if t.word is not None]


def _tidy(goal: Goal, board: Board) -> Goal:
    """``goal``, but every other rule block must end where it is on ``board`` now."""
    home = [(i, board.pos[i]) for i in _blocks(board) if i not in goal.movable]

    def reached(state: Board) -> bool:
        return goal.reached(state) and all(state.pos[i] == cell for i, cell in home)

    return attrs.evolve(goal, name=f"{goal.name} (tidy)", reached=reached)


def _is_tidy(goal: Goal, before: Board, after: Board) -> bool:
    return all(before.pos[i] == after.pos[i] for i in _blocks(before) if i not in goal.movable)


def _distance(board: Board, things: list[int], x: int, y: int) -> int | None:
    if not things:
        return None
    return min(abs(a - x) + abs(b - y) for a, b in map(board.xy, things))


def _goals(board: Board) -> list[int]:
    """Every WIN object, also those under something (a mover standing on one must step
    off and back on to win)."""
    kinds = board.kinds_with("win")
    return [i for i, t in enumerate(board.things) if t.word is None and t.kind in kinds]


def _win_estimate(board: Board) -> int | None:
    you, win = board.you(), _goals(board)
    if not you or not win:
        return None
    spots = [board.xy(i) for i in win]
    return max(1, min(abs(a - x) + abs(b - y) for a, b in map(board.xy, you) for x, y in spots))


def win_goal() -> Goal:
    return Goal("win", lambda board: board.won, _win_estimate)


def _keep(board: Board, dropping_you: bool = False) -> frozenset[Rule]:
    """The rules a goal must not lose: every ``is you`` (unless the goal makes a new one)
    and every ``is win`` whose kind is on the map."""
    present = {t.kind for t in board.things if t.word is None}
    return frozenset(
        rule for rule in board.rules
        if (rule[1] == "you" and not dropping_you) or (rule[1] == "win" and rule[0] in present)
    )


def _push_plan(board: Board, filler: int, slot: Cell) -> dict[Cell, tuple[int, list[Cell]]]:
    """For each cell a block could start from: the estimated cost of pushing it to
    ``slot`` and where the player must stand for the first push. Computed on the board as
    it is now by a backward search from the slot: STOP things and the border are walls;
    a cell under another rule block costs ``_CLEAR`` more (that block must be moved away
    first)."""
    stop, push = board.kinds_with("stop"), board.kinds_with("push")
    walls, busy = set(), set()
    for x, y, i in board.tops():
        thing = board.things[i]
        if thing.word is None and thing.kind in stop and thing.kind not in push:
            walls.add((x, y))
        elif thing.word is not None and i != filler:
            busy.add((x, y))

    def cost(cell: Cell) -> int | None:
        if not board.inside(*cell) or cell in walls:
            return None
        return _CLEAR if cell in busy else 0

    plan: dict[Cell, tuple[int, list[Cell]]] = {}
    frontier = [(0, slot, (-1, -1))]
    while frontier:
        pushes, cell, stand = heapq.heappop(frontier)
        if cell in plan:
            if plan[cell][0] == pushes and stand not in plan[cell][1]:
                plan[cell][1].append(stand)
            continue
        plan[cell] = (pushes, [stand] if stand != (-1, -1) else [])
        x, y = cell
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            source, behind = (x - dx, y - dy), (x - 2 * dx, y - 2 * dy)
            extra, extra_behind = cost(source), cost(behind)
            if extra is None or extra_behind is None or source in plan:
                continue
            heapq.heappush(frontier, (pushes + 1 + extra + extra_behind, source, behind))
    return plan


def _form_goal(board: Board, rule: Rule, filler: int, slot: Cell, anchors: tuple[int, ...]) -> Goal:
    """Push block ``filler`` into ``slot`` so that ``rule`` holds, without losing a rule
    to keep (see ``_keep``). The estimate is the pushes still needed plus the walk to the
    spot behind the block for the next push, plus a detour for each moved anchor (the
    blocks already in line)."""
    keep = _keep(board, dropping_you=rule[1] == "you")
    fixed = [(i, board.pos[i]) for i in anchors]
    plan = _push_plan(board, filler, slot)
    detour = board.width + board.height

    def reached(state: Board) -> bool:
        rules = set(state.rules)
        return rule in rules and keep <= rules

    def estimate(state: Board) -> int | None:
        you = state.you()
        if not you:
            return None
        moved = sum(detour for i, cell in fixed if state.pos[i] != cell)
        moved += _BROKEN * len(keep - set(state.rules))
        x, y = state.xy(filler)
        if (x, y) not in plan:
            near = _distance(state, you, x, y) or 0
            return moved + detour + abs(x - slot[0]) + abs(y - slot[1]) + near
        pushes, stands = plan[(x, y)]
        return moved + pushes + min((_distance(state, you, *s) or 0 for s in stands), default=0)

    return Goal(f"form {rule[0]} is {rule[1]}", reached, estimate, frozenset({filler}))


def _break_goal(board: Board, rule: Rule, blocks: tuple[int, ...]) -> Goal:
    """Push a block of ``rule`` out of line, without losing a rule to keep. The estimate
    is the walk to a spot beside the line."""
    keep = _keep(board) - {rule}
    (_, fy), (_, ly) = board.xy(blocks[0]), board.xy(blocks[-1])
    across = (0, 1) if fy == ly else (1, 0)

    def reached(state: Board) -> bool:
        rules = set(state.rules)
        return rule not in rules and keep <= rules

    def estimate(state: Board) -> int | None:
        you = state.you()
        if not you:
            return None
        spots = []
        for i in blocks:
            x, y = state.xy(i)
            for sign in (1, -1):
                stand = (x - sign * across[0], y - sign * across[1])
                if state.inside(*stand) and state.inside(x + sign * across[0], y + sign * across[1]):
                    spots.append(stand)
        broken = _BROKEN * len(keep - set(state.rules))
        far = state.width + state.height
        return broken + 1 + min((_distance(state, you, *s) or 0 for s in spots), default=far)

    return Goal(f"break {rule[0]} is {rule[1]}", reached, estimate, frozenset(blocks))


def search(board: Board, goal: Goal, max_steps: int, max_nodes: int = 4000,
           weight: float = 2.0) -> tuple[list[str], Board] | None:
    """Weighted A* from ``board`` to a state meeting ``goal`` (or winning) in at most
    ``max_steps`` moves, expanding at most ``max_nodes`` states. Returns the moves and the
    end board."""
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
            if child.won and not child.stuck:
                return _path(parents, state_key) + [action], child
            key = child.key()
            if key in parents:
                continue
            parents[key] = (state_key, action)
            if child.transformed or child.stuck:
                continue
            if goal.reached(child):
                return _path(parents, key), child
            guess = goal.estimate(child)
            if guess is None:
                continue
            heapq.heappush(frontier, (cost + 1 + weight * guess, guess, next(tie), cost + 1, child))
    return None


def _path(parents: dict, key: tuple) -> list[str]:
    """The moves from the start to the state ``key`` (a win can be a move back into a
    state seen before: stepping off a WIN object and onto it again)."""
    moves: list[str] = []
    link = parents[key]
    while link is not None:
        key, action = link
        moves.append(action)
        link = parents[key]
    return moves[::-1]


def _walkable(board: Board) -> set[Cell]:
    """Cells a YOU thing can walk to, treating pushable things as passable."""
    stop, push = board.kinds_with("stop"), board.kinds_with("push")
    blocked = {
        (x, y) for x, y, i in board.tops()
        if board.things[i].word is None and board.things[i].kind in stop and board.things[i].kind not in push
    }
    seen = {board.xy(i) for i in board.you()}
    todo = list(seen)
    while todo:
        x, y = todo.pop()
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            cell = (x + dx, y + dy)
            if cell not in seen and board.inside(*cell) and cell not in blocked:
                seen.add(cell)
                todo.append(cell)
    return seen


def _touchable(board: Board, walkable: set[Cell], index: int) -> bool:
    """Can a YOU thing stand next to thing ``index`` (to push it)?"""
    x, y = board.xy(index)
    return any((x + dx, y + dy) in walkable for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))


def _edits(board: Board) -> list[Goal]:
    """Rule changes worth trying, for blocks a YOU thing can get at, cheapest-looking
    first: complete a half-built ``X is win``/``X is you`` with a free block, swap a new
    noun into an ``is you`` rule, or break an ``X is stop``."""
    things = board.things
    walkable = _walkable(board)
    in_rules = {i for blocks in board.rule_blocks for i in blocks}
    present = {t.kind for t in things if t.word is None}
    free = [i for i in _blocks(board) if i not in in_rules and _touchable(board, walkable, i)]
    goals: list[tuple[int, Goal]] = []

    def offer(rule: Rule, filler: int, slot: Cell, anchors: tuple[int, ...]) -> None:
        if rule in board.rules:
            return
        goal = _form_goal(board, rule, filler, slot, anchors)
        guess = goal.estimate(board)
        if guess is not None:
            goals.append((guess + (_LAST if rule[1] == "you" else 0), goal))

    def word_at(x: int, y: int) -> tuple[int | None, str | None]:
        top = board.top(x, y)
        return (top, things[top].word) if top is not None else (None, None)

    for x, y, index in board.tops():
        if things[index].word != OPERATOR:
            continue
        for dx, dy in ((1, 0), (0, 1)):
            before, after = (x - dx, y - dy), (x + dx, y + dy)
            if not (board.inside(*before) and board.inside(*after)):
                continue
            (first_i, first), (last_i, last) = word_at(*before), word_at(*after)
            if first in present and first in NOUNS and last is None:
                for i in free:
                    if things[i].word in ("win", "you"):
                        offer((first, things[i].word), i, after, (first_i, index))
            elif last in ("win", "you") and first is None:
                for i in free:
                    if things[i].word in present and things[i].word in NOUNS:
                        offer((things[i].word, last), i, before, (index, last_i))
            elif last == "you" and first in NOUNS:
                for i in free:
                    if things[i].word in present and things[i].word in NOUNS and things[i].word != first:
                        offer((things[i].word, last), i, before, (index, last_i))
    for rule, blocks in zip(board.rules, board.rule_blocks):
        if rule[1] == "stop" and any(_touchable(board, walkable, i) for i in blocks):
            goal = _break_goal(board, rule, blocks)
            goals.append((goal.estimate(board) or 0, goal))
    goals.sort(key=lambda pair: pair[0])
    return [goal for _, goal in goals]


def solve(board: Board, max_steps: int = 100, max_edits: int = 2) -> list[str] | None:
    """Moves that win from ``board`` within ``max_steps``, or ``None`` if none was found.
    Each low-level search expands a few thousand states; only if that finds no plan is
    everything searched again with a larger budget (rare, tangled layouts)."""
    for budget in BUDGETS:
        plan = _plan(board, max_steps, max_edits, budget)
        if plan is not None:
            return plan
    return None


def _plan(board: Board, max_steps: int, edits_left: int, budget: int) -> list[str] | None:
    walkable = _walkable(board)
    if any(board.xy(i) in walkable for i in _goals(board)):
        found = search(board, win_goal(), max_steps, budget)
        if found is not None:
            return found[0]
    if edits_left == 0:
        return None
    for goal in _edits(board):
        for variant in (goal, _tidy(goal, board)):
            found = search(board, variant, max_steps, budget)
            if found is None:
                break
            moves, after = found
            if after.won:
                return moves
            rest = _plan(after, max_steps - len(moves), edits_left - 1, budget)
            if rest is not None:
                return moves + rest
            if _is_tidy(goal, board, after):
                break
    return None
