"""A navigation oracle for MiniHack: walk the shortest known path to the staircase down,
exploring the nearest unexplored frontier while the stairs are not in sight.

It reads the live environment's last observation (glyphs and the player's position), so
it needs no model. It solves MazeWalk and Corridor tasks; on other tasks it does what a
pathfinder can (it knows nothing of boulders, wands or fights beyond bumping into foes).
"""

from __future__ import annotations

from collections import deque

import numpy as np
from balrog_core import Agent, AgentReply, TurnContext
from nle import nethack

from .glyphs import BOULDER_GLYPH, cmap_glyph

__all__ = ["NavigationOracle", "BoxobanOracle", "plan_move", "STEPS"]

# (dy, dx) -> action name
STEPS = {(-1, 0): "north", (1, 0): "south", (0, 1): "east", (0, -1): "west",
         (-1, 1): "northeast", (1, 1): "southeast", (1, -1): "southwest", (-1, -1): "northwest"}

_UNKNOWN = cmap_glyph(0)
_GOALS = {cmap_glyph(24), cmap_glyph(26)}  # staircase down, ladder down
# Map symbols one can stand on: doorways and doors, floor, corridors, stairs, ladders,
# altar, grave, throne, sink, fountain, ice, lowered drawbridge, air.
_WALKABLE_CMAPS = (12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 33, 35, 36, 39)
# Doors cannot be entered or left diagonally (NetHack allows it through empty or broken
# doorways, but the map does not tell those apart from intact ones).
_DOOR_CMAPS = (12, 13, 14, 15, 16)
_RUN_MIN = 3  # straight stretches of lit floor at least this long take one "far" move
_TRAVEL_MIN = 4  # stairs at least this far away are reached with the travel command
_CLOSED_DOOR_CMAPS = (15, 16)


def _table(cmaps: tuple[int, ...]) -> np.ndarray:
    table = np.zeros(nethack.MAX_GLYPH + 1, dtype=bool)
    for index in cmaps:
        table[cmap_glyph(index)] = True
    return table


_WALKABLE = _table(_WALKABLE_CMAPS)
_WALKABLE[nethack.GLYPH_MON_OFF:nethack.GLYPH_CMAP_OFF] = True  # monsters and objects stand on floor
_DOOR = _table(_DOOR_CMAPS)
_CLOSED_DOOR = _table(_CLOSED_DOOR_CMAPS)
_ROOM_FLOOR = {cmap_glyph(19)}


def plan_move(glyphs: np.ndarray, x: int, y: int, visited: set[tuple[int, int]],
              blocked: frozenset = frozenset(), under: int | None = None) -> tuple[list[tuple[int, int]], bool] | None:
    """The first step of a shortest path to the stairs down when a known path reaches
    them, else to the nearest walkable square next to unexplored space (blank squares the
    player never stood next to: dark squares show only from next door); boulders
    are walked around, and pushed only when nothing else is left. Partly seen lit rooms
    are explored before corridors: stairs are in rooms, corridors often end in dead ends.

    Returns the path (squares after the start) and whether it leads to the stairs;
    ``None``: nowhere to go. ``under`` is the remembered glyph below the player (a door
    forbids diagonal moves out of it); ``blocked`` holds (square, step) moves that failed.
    """
    rows, cols = glyphs.shape
    unseen = glyphs == _UNKNOWN
    for (vy, vx) in visited:  # squares next to where the player stood were looked at
        unseen[max(vy - 1, 0):vy + 2, max(vx - 1, 0):vx + 2] = False
    padded = np.pad(unseen, 1)
    frontier = np.zeros_like(unseen)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            frontier |= padded[1 + dy:1 + dy + rows, 1 + dx:1 + dx + cols]
    goals = np.isin(glyphs, list(_GOALS))
    walkable = _WALKABLE[glyphs]
    boulders = glyphs == BOULDER_GLYPH
    door = _DOOR[glyphs]
    if under is not None:
        door[y, x] = _DOOR[under]
    frontier &= walkable
    room_frontier = frontier & np.isin(glyphs, list(_ROOM_FLOOR))
    for allow_boulders in (False, True):
        passable = walkable if allow_boulders else walkable & ~boulders
        parents = _search(passable, door, (y, x), blocked)
        reached = [cell for cell in parents if cell != (y, x)]
        goal_cells = [c for c in reached if goals[c]]
        if goal_cells:
            return _path_to(parents, goal_cells[0]), True
        candidates = [c for c in reached if frontier[c]]
        if not candidates:
            continue
        # Lure: seen but unreachable stairs, else unreachable parts of lit rooms.
        lure = np.argwhere(goals) if goals.any() else np.argwhere(room_frontier)
        if len(lure):
            order = {cell: i for i, cell in enumerate(reached)}
            def score(cell: tuple[int, int]) -> float:
                gap = np.abs(lure - np.array(cell)).max(axis=1).min()
                return order[cell] * 0.01 + float(gap)
            target = min((c for c in candidates if room_frontier[c]), key=score, default=None)
            target = target or min(candidates, key=score)
        else:
            target = candidates[0]
        return _path_to(parents, target), False
    return None


def _search(passable: np.ndarray, door: np.ndarray, start: tuple[int, int],
            blocked: frozenset) -> dict[tuple[int, int], tuple[int, int] | None]:
    """Breadth-first search over 8-neighbour moves (no diagonal moves through doors);
    the parents dict lists squares in order of distance."""
    rows, cols = passable.shape
    parent: dict[tuple[int, int], tuple[int, int] | None] = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        cy, cx = cell
        for (dy, dx) in STEPS:
            ny, nx = cy + dy, cx + dx
            if not (0 <= ny < rows and 0 <= nx < cols) or (ny, nx) in parent or not passable[ny, nx]:
                continue
            if dy and dx and (door[ny, nx] or door[cy, cx]):
                continue
            if (cell, (dy, dx)) in blocked:
                continue
            parent[(ny, nx)] = cell
            queue.append((ny, nx))
    return parent


def _path_to(parents: dict, target: tuple[int, int]) -> list[tuple[int, int]]:
    path = [target]
    while parents[path[-1]] is not None:
        path.append(parents[path[-1]])
    return path[-2::-1]


class NavigationOracle(Agent):
    """Shortest paths over the remembered map.

    Once a known path reaches the stairs, the travel command walks it in one step (the
    travel prompt's '>' key jumps to the stairs); while exploring, a straight path across
    a lit room takes one "far" move. Corridors are walked square by square, since running
    in a corridor follows its bends and would skip squares the search must remember; a move that leaves the player in place three times is treated as blocked
    (a locked door gets kicked first).
    """

    def __init__(self) -> None:
        self.visited: set[tuple[int, int]] = set()
        self.blocked: set[tuple[tuple[int, int], tuple[int, int]]] = set()
        self.pending: list[str] = []
        self.memory: np.ndarray | None = None
        self.last: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.repeats = 0

    async def act(self, turn: TurnContext) -> AgentReply:
        action = self._choose(turn)
        return AgentReply(text=action, action=action, rule="oracle")

    def _choose(self, turn: TurnContext) -> str:
        if self.pending:
            return self.pending.pop(0)
        obs = turn.env.last_obs
        glyphs = obs["glyphs"]
        x, y = int(obs["blstats"][nethack.NLE_BL_X]), int(obs["blstats"][nethack.NLE_BL_Y])
        under = None if self.memory is None else int(self.memory[y, x])
        if self.memory is None:
            self.memory = glyphs.copy()
        else:
            keep = self.memory[y, x]
            self.memory[:] = glyphs
            self.memory[y, x] = keep
        self.visited.add((y, x))
        plan = plan_move(glyphs, x, y, self.visited, frozenset(self.blocked), under)
        if plan is None:
            return "search"
        path, to_goal = plan
        step = (path[0][0] - y, path[0][1] - x)
        action = STEPS[step]
        if self.last == ((y, x), step):
            self.repeats += 1
        else:
            self.repeats = 0
        self.last = ((y, x), step)
        if self.repeats >= 2:
            if _CLOSED_DOOR[glyphs[path[0]]] and self.repeats == 2:
                self.pending.append(action)  # the door is locked: kick it, then retry
                return "kick"
            self.blocked.add(((y, x), step))
            self.repeats = 0
        run = 1
        while run < len(path) and (path[run][0] - path[run - 1][0], path[run][1] - path[run - 1][1]) == step:
            run += 1
        if to_goal and len(path) >= _TRAVEL_MIN:
            self.pending += ["down", "wait"]  # travel: '>' puts the cursor on the stairs, '.' confirms
            return "travel"
        if not to_goal and run == len(path) >= _RUN_MIN and all(glyphs[c] in _ROOM_FLOOR for c in path):
            return f"far {action}"  # running past an unexplored target only explores further
        return action


class BoxobanOracle(Agent):
    """Plays the solver's shortest-push solution of the episode's Boxoban level."""

    _NAMES = {(-1, 0): "north", (1, 0): "south", (0, 1): "east", (0, -1): "west"}

    def __init__(self) -> None:
        self.moves: list[str] | None = None

    async def act(self, turn: TurnContext) -> AgentReply:
        if self.moves is None:
            from .sokoban import parse_level, solution

            found = solution(parse_level(turn.env.level)) or []
            self.moves = [self._NAMES[move] for move in found]
        action = self.moves.pop(0) if self.moves else "search"
        return AgentReply(text=action, action=action, rule="oracle")
