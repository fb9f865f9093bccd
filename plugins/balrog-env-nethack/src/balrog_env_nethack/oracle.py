"""A navigation oracle for MiniHack: walk the shortest known path to the staircase down,
exploring the nearest unexplored frontier while the stairs are not in sight.

It reads the live environment's last observation (glyphs and the player's position), so
it needs no model. It plays only the task's valid actions: with the reference sets
(MazeWalk: the 8 moves; Corridor: those and open, kick, search) it walks square by square;
with ``actions=full`` it also runs, travels and searches with a count. When no frontier
is left it searches for hidden corridors and doors. It solves MazeWalk and Corridor tasks
(within the 100-step cap: with single steps, the larger mazes and levels are not always
explored in time); on other tasks it does what a pathfinder can (it knows nothing of boulders, wands or fights
beyond bumping into foes).
"""

from __future__ import annotations

from collections import deque

import numpy as np
from balrog_core import Agent, AgentReply, TurnContext
from nle import nethack

from .glyphs import BOULDER_GLYPH, cmap_glyph
from .minihack_game import MAX_EPISODE_STEPS

__all__ = ["NavigationOracle", "BoxobanOracle", "plan_move", "cursor_keys", "STEPS"]

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
_ORTHOGONAL = ((-1, 0), (1, 0), (0, -1), (0, 1))
_ROOM_WALLS = {cmap_glyph(1), cmap_glyph(2)}  # vertical and horizontal wall: where doors can hide
_DEPTH_MAX = 15  # unexplored squares counted behind a hidden-passage candidate
_SEARCH_STEPS = 3  # episode steps a search is counted as, against the walk to where it is made
_FIND_ODDS = 6 / 7  # a search misses an adjacent hidden square with this chance
_SEARCH_COUNT = ("3", "0")  # the count prefix of one long search (actions=full): stops at a find
_HOLD_MAX = 5  # turns spent waiting in a corridor for a foe that does not come
_MOVES = frozenset(STEPS.values())
_FAST_RANKS = ("Digger", "Candidate", "Hatamoto")  # first ranks of the intrinsically Fast roles
_WAIT_RESERVE = 4  # steps kept back from the cap when waiting for a free turn before the stairs


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
_CORRIDORS = {cmap_glyph(21), cmap_glyph(22)}
_FOE = np.zeros(nethack.MAX_GLYPH + 1, dtype=bool)
_FOE[nethack.GLYPH_MON_OFF:nethack.GLYPH_PET_OFF] = True  # monsters other than pets


def plan_move(glyphs: np.ndarray, x: int, y: int, visited: set[tuple[int, int]],
              blocked: frozenset = frozenset(), under: int | None = None,
              keep: tuple[int, int] | None = None) -> tuple[list[tuple[int, int]], bool] | None:
    """The first step of a shortest path to the stairs down when a known path reaches
    them, else to the nearest walkable square next to unexplored space (blank squares the
    player never stood next to: dark squares show only from next door); boulders
    are walked around, and pushed only when nothing else is left. Partly seen lit rooms
    are explored before corridors: stairs are in rooms, corridors often end in dead ends.

    Returns the path (squares after the start) and whether it leads to the stairs;
    ``None``: nowhere to go. ``under`` is the remembered glyph below the player (a door
    forbids diagonal moves out of it); ``blocked`` holds (square, step) moves that failed;
    ``keep`` is the exploration target chosen before, kept while it is still unexplored
    and reachable (switching between two equally near targets would walk back and forth).
    """
    rows, cols = glyphs.shape
    unseen = _unseen(glyphs, visited)
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
        if keep is not None and keep in parents and frontier[keep]:
            return _path_to(parents, keep), False
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


def _unseen(glyphs: np.ndarray, visited: set[tuple[int, int]]) -> np.ndarray:
    """Blank squares never looked at: squares next to where the player stood were."""
    unseen = glyphs == _UNKNOWN
    for (vy, vx) in visited:
        unseen[max(vy - 1, 0):vy + 2, max(vx - 1, 0):vx + 2] = False
    return unseen


def hidden_candidates(glyphs: np.ndarray, visited: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Squares that may hide a passage, each weighed by how much unexplored space lies
    behind it. NetHack hides one corridor square in a hundred and one door in eight, so
    when no frontier is left the way on is hidden: past the end of a corridor or of a
    doorway that leads nowhere (blank stone), or in a room wall (a wall glyph) with
    blank space outside. The weight is the run of never-seen squares straight beyond."""
    rows, cols = glyphs.shape
    unseen = _unseen(glyphs, visited)
    walkable = _WALKABLE[glyphs]
    candidates: dict[tuple[int, int], int] = {}
    for (sy, sx) in np.argwhere(walkable):
        sy, sx = int(sy), int(sx)
        glyph = glyphs[sy, sx]
        dead_end = glyph in _CORRIDORS or _DOOR[glyph]
        inside = glyph in _ROOM_FLOOR
        if not (dead_end or inside):
            continue
        if dead_end:
            ways = sum(1 for dy, dx in _ORTHOGONAL if 0 <= sy + dy < rows and 0 <= sx + dx < cols
                       and walkable[sy + dy, sx + dx])
            if ways > 1:
                continue
        for dy, dx in _ORTHOGONAL:
            cy, cx = sy + dy, sx + dx
            if not (0 <= cy < rows and 0 <= cx < cols):
                continue
            if not (glyphs[cy, cx] in _ROOM_WALLS if inside else glyphs[cy, cx] == _UNKNOWN):
                continue
            depth, ny, nx = 0, cy + dy, cx + dx
            while 0 <= ny < rows and 0 <= nx < cols and unseen[ny, nx] and depth < _DEPTH_MAX:
                depth, ny, nx = depth + 1, ny + dy, nx + dx
            if depth:
                candidates[(cy, cx)] = max(candidates.get((cy, cx), 0), depth)
    return candidates


def search_spot(candidates: dict[tuple[int, int], float], parents: dict,
                travel: bool = False) -> tuple[int, int] | None:
    """The reachable square to search from that finds the most hidden-passage weight
    (weights already discounted by the searches made) per episode step spent: the walk
    there (or, with ``travel``, the cheaper of walking and aiming the travel cursor) and
    the search itself."""
    start = next(iter(parents))
    best, best_score = None, 0.0
    distances: dict[tuple[int, int], int] = {}
    for (cy, cx), parent in parents.items():
        distance = distances[(cy, cx)] = 0 if parent is None else distances[parent] + 1
        value = sum(candidates.get((cy + dy, cx + dx), 0.0) for dy, dx in STEPS)
        if travel and distance:
            distance = min(distance, len(cursor_keys(cy - start[0], cx - start[1])) + 3)
        score = value / (distance + _SEARCH_STEPS)
        if score > best_score:
            best, best_score = (cy, cx), score
    return best


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


_SIGN_NAMES = {(-1, 0): "north", (1, 0): "south", (0, 1): "east", (0, -1): "west",
               (-1, 1): "northeast", (1, 1): "southeast", (1, -1): "southwest", (-1, -1): "northwest"}


def cursor_keys(dy: int, dx: int) -> list[str]:
    """Action names that move a map cursor by (dy, dx): capital direction keys ("far"
    moves) jump 8 squares, plain ones 1."""
    keys: list[str] = []
    while dy or dx:
        sy, sx = (dy > 0) - (dy < 0), (dx > 0) - (dx < 0)
        if abs(dy) >= 8 and abs(dx) >= 8:
            keys.append(f"far {_SIGN_NAMES[(sy, sx)]}")
            dy, dx = dy - 8 * sy, dx - 8 * sx
        elif abs(dy) >= 8:
            keys.append(f"far {_SIGN_NAMES[(sy, 0)]}")
            dy -= 8 * sy
        elif abs(dx) >= 8:
            keys.append(f"far {_SIGN_NAMES[(0, sx)]}")
            dx -= 8 * sx
        else:
            keys.append(_SIGN_NAMES[(sy, sx)])
            dy, dx = dy - sy, dx - sx
    return keys


def _position(obs: dict) -> tuple[int, int]:
    return int(obs["blstats"][nethack.NLE_BL_Y]), int(obs["blstats"][nethack.NLE_BL_X])


def _adjacent_foe(glyphs: np.ndarray, x: int, y: int) -> str | None:
    """The direction of an adjacent hostile-looking monster (not a pet, not a shopkeeper's
    peaceful kin: NetHack asks before attacking those, and the move then just waits)."""
    rows, cols = glyphs.shape
    for (dy, dx), name in STEPS.items():
        ny, nx = y + dy, x + dx
        if 0 <= ny < rows and 0 <= nx < cols and _FOE[glyphs[ny, nx]]:
            return name
    return None


def _foe_near(glyphs: np.ndarray, x: int, y: int, reach: int = 6) -> bool:
    """A hostile-looking monster within ``reach`` squares (the player's own glyph aside)."""
    foes = _FOE[glyphs[max(y - reach, 0):y + reach + 1, max(x - reach, 0):x + reach + 1]]
    return int(foes.sum()) - int(_FOE[glyphs[y, x]]) > 0


class NavigationOracle(Agent):
    """Shortest paths over the remembered map; an adjacent monster is attacked first.

    Moves are chosen to spend few episode steps: once a known path reaches the stairs, the
    travel command walks it (its prompt's '>' key jumps to the stairs); a long path to an
    exploration target is travelled too when aiming the travel cursor costs fewer steps
    than walking; a corridor leading into the unknown is run along with one "far" move (the
    squares passed are inferred as the shortest known route), as is a straight stretch of
    lit room. A square reached three times turns runs off and keeps the previous target
    (two equally near targets would otherwise be visited in turn). A move that leaves the
    player in place twice, the square aimed at unchanged, is dropped (all are tried again
    when nothing else is left); a closed door that did not open is locked and is kicked
    until it breaks. With no frontier left, the squares that may hide a passage are
    searched, the most promising per step first. A Fast hero one step from the stairs
    waits (searches or steps aside) until it has had a free action, so that the step onto
    the stairs moves the game clock and scores.
    """

    def __init__(self) -> None:
        self.visited: set[tuple[int, int]] = set()
        self.blocked: set[tuple[tuple[int, int], tuple[int, int]]] = set()
        self.pending: list[str] = []
        self.memory: np.ndarray | None = None
        self.tried: tuple[tuple[int, int], tuple[int, int], int] | None = None
        self.failures: dict[tuple[tuple[int, int], tuple[int, int]], int] = {}
        self.holds = 0
        self.searched: dict[tuple[int, int], int] = {}
        self.steps = 0
        self.timed: tuple[int, tuple[int, int], str] | None = None
        self.free = False
        self.fast = False
        self.travel_to: tuple[int, int] | None = None
        self.position: tuple[int, int] | None = None
        self.stops: dict[tuple[int, int], int] = {}
        self.target: tuple[int, int] | None = None
        self.allowed: set[str] = set()

    async def act(self, turn: TurnContext) -> AgentReply:
        self.allowed = set(turn.action_space.names)
        self._watch_clock(turn.env.last_obs)
        action = self._choose(turn)
        if action not in self.allowed:  # nothing useful left among the task's actions
            action = turn.action_space.default
        self.steps += 1
        obs = turn.env.last_obs
        timed = action == "search" and not self.pending or action in _MOVES
        self.timed = (int(obs["blstats"][nethack.NLE_BL_TIME]), _position(obs), action) if timed else None
        return AgentReply(text=action, action=action, rule="oracle")

    def _watch_clock(self, obs: dict) -> None:
        """Note whether the last move or search was a free one: a Fast hero gets a second
        action in one turn of three, and the game clock stands still on the first. The
        task scores 0 when the stairs are reached on such a step (its reward is 1 less
        the 0.01 penalty), and after a free action the next one always moves the clock."""
        if self.memory is None:
            title = bytes(obs["tty_chars"][-2]).decode(errors="replace")
            self.fast = any(f" the {rank} " in title for rank in _FAST_RANKS)
        if self.timed is None:
            self.free = False
            return
        time, position, action = self.timed
        acted = action == "search" or _position(obs) != position
        self.free = acted and int(obs["blstats"][nethack.NLE_BL_TIME]) == time
        self.fast = self.fast or self.free

    def _mark_route(self, glyphs: np.ndarray, here: tuple[int, int]) -> None:
        """Count the squares walked since the last decision as visited: a run or a travel
        moves several squares, along the shortest known route."""
        start, self.position = self.position, here
        self.visited.add(here)
        if start is None or max(abs(here[0] - start[0]), abs(here[1] - start[1])) <= 1:
            return
        parents = _search(_WALKABLE[glyphs], _DOOR[glyphs], start, frozenset())
        if here in parents:
            self.visited.update(_path_to(parents, here))

    def _choose(self, turn: TurnContext) -> str:
        if self.pending:
            return self.pending.pop(0)
        obs = turn.env.last_obs
        if self.travel_to is not None:  # the travel prompt is up: aim from where its cursor is
            (ty, tx), self.travel_to = self.travel_to, None
            row, col = int(obs["tty_cursor"][0]) - 1, int(obs["tty_cursor"][1])
            self.pending = cursor_keys(ty - row, tx - col) + ["wait"]  # '.' picks the spot
            return self.pending.pop(0)
        glyphs = obs["glyphs"]
        x, y = int(obs["blstats"][nethack.NLE_BL_X]), int(obs["blstats"][nethack.NLE_BL_Y])
        under = self._remember(glyphs, x, y)
        self._mark_route(glyphs, (y, x))
        self._note_failure(glyphs, (y, x))
        foe = _adjacent_foe(glyphs, x, y)
        if foe is not None:
            return foe
        if ("search" in self.allowed and self.memory is not None and self.holds < _HOLD_MAX
                and int(self.memory[y, x]) in _CORRIDORS and _foe_near(glyphs, x, y)):
            self.holds += 1
            return "search"  # hold the corridor: foes come one at a time
        self.holds = 0
        self.stops[(y, x)] = self.stops.get((y, x), 0) + 1
        looping = self.stops[(y, x)] >= 3  # we keep coming back here: commit, and walk
        plan = plan_move(glyphs, x, y, self.visited, frozenset(self.blocked), under,
                         self.target if looping else None)
        if plan is None and self.blocked:  # what failed once may pass now (a door broke, a foe left)
            self.blocked.clear()
            plan = plan_move(glyphs, x, y, self.visited, frozenset(), under, self.target if looping else None)
        hunting = plan is None
        if hunting:
            plan = self._hidden_way(glyphs, y, x)
        if plan is None:
            return self._search_here(y, x)
        path, to_goal = plan
        self.target = None if to_goal else path[-1]
        if (to_goal and len(path) == 1 and self.fast and not self.free
                and self.steps + _WAIT_RESERVE < MAX_EPISODE_STEPS):
            return self._wait_for_free_turn(glyphs, y, x, path[0])
        step = (path[0][0] - y, path[0][1] - x)
        action = STEPS[step]
        if (_CLOSED_DOOR[glyphs[path[0]]] and self.failures.get(((y, x), step), 0) >= 1
                and "kick" in self.allowed):
            self.pending.append(action)  # it did not open: locked, kick until it breaks
            return "kick"
        self.tried = ((y, x), step, int(glyphs[path[0]]))
        if "travel" not in self.allowed or f"far {action}" not in self.allowed:
            return action  # the reference sets of the navigation tasks: one square at a time
        if to_goal and len(path) >= _TRAVEL_MIN:
            self.pending += ["down", "wait"]  # travel: '>' puts the cursor on the stairs, '.' confirms
            return "travel"
        if not to_goal and len(path) > len(cursor_keys(path[-1][0] - y, path[-1][1] - x)) + 3:
            self.travel_to = path[-1]  # cheaper than walking: travel there, aiming the cursor
            return "travel"
        if looping or to_goal or hunting:
            return action
        if len(path) == 1 and glyphs[path[0]] in _CORRIDORS and not _DOOR[glyphs[y, x]]:
            return f"far {action}"  # the corridor leads into the unknown: run to its next fork
        run = 1
        while run < len(path) and (path[run][0] - path[run - 1][0], path[run][1] - path[run - 1][1]) == step:
            run += 1
        if run == len(path) >= _RUN_MIN and all(glyphs[c] in _ROOM_FLOOR for c in path):
            return f"far {action}"  # running past an unexplored target only explores further
        return action

    def _wait_for_free_turn(self, glyphs: np.ndarray, y: int, x: int, goal: tuple[int, int]) -> str:
        """One step from the stairs, when the step onto them might not move the clock:
        spend an action that does (a search, else a step aside, preferably to another
        square next to the stairs) until one turns out free."""
        if "search" in self.allowed:
            return "search"
        terrain = self.memory if self.memory is not None else glyphs
        parents = _search(_WALKABLE[glyphs] & (glyphs != BOULDER_GLYPH), _DOOR[terrain], (y, x),
                          frozenset(self.blocked))
        aside = [cell for cell, parent in parents.items() if parent == (y, x) and cell != goal]
        if not aside:
            return STEPS[(goal[0] - y, goal[1] - x)]
        cell = min(aside, key=lambda c: max(abs(c[0] - goal[0]), abs(c[1] - goal[1])))
        return STEPS[(cell[0] - y, cell[1] - x)]

    def _hidden_way(self, glyphs: np.ndarray, y: int, x: int) -> tuple[list[tuple[int, int]], bool] | None:
        """No frontier is left: the path to the best square to search for a hidden
        passage from, or ``None`` to search where the player stands."""
        terrain = self.memory if self.memory is not None else glyphs
        weights = {cell: depth * _FIND_ODDS ** self.searched.get(cell, 0)
                   for cell, depth in hidden_candidates(terrain, self.visited).items()}
        parents = _search(_WALKABLE[glyphs] & (glyphs != BOULDER_GLYPH), _DOOR[terrain], (y, x),
                          frozenset(self.blocked))
        spot = search_spot(weights, parents, travel="travel" in self.allowed)
        if spot is None or spot == (y, x):
            return None
        return _path_to(parents, spot), False

    def _search_here(self, y: int, x: int) -> str:
        """Search where the player stands, counting the searches made next to each square
        (each one makes a hidden passage there less likely); with digits among the actions
        a count prefix makes it one long search."""
        long = set(_SEARCH_COUNT) <= self.allowed
        turns = int("".join(_SEARCH_COUNT)) if long else 1
        for dy, dx in STEPS:
            self.searched[(y + dy, x + dx)] = self.searched.get((y + dy, x + dx), 0) + turns
        if long:
            self.pending += [*_SEARCH_COUNT[1:], "search"]
            return _SEARCH_COUNT[0]
        return "search"

    def _note_failure(self, glyphs: np.ndarray, here: tuple[int, int]) -> None:
        """Count the last single-square move as failed when it left the player in place
        and the square aimed at still looks the same (a door that opened or broke does
        not count); a move failed twice is dropped from planning."""
        if self.tried is None:
            return
        (start, step, glyph), self.tried = self.tried, None
        target = (start[0] + step[0], start[1] + step[1])
        if here != start or int(glyphs[target]) != glyph:
            self.failures.pop((start, step), None)
            return
        self.failures[(start, step)] = self.failures.get((start, step), 0) + 1
        if self.failures[(start, step)] >= 2:
            self.blocked.add((start, step))

    def _remember(self, glyphs: np.ndarray, x: int, y: int) -> int | None:
        """Keep the map with what lies under the player (the last glyph seen there)."""
        if self.memory is None:
            self.memory = glyphs.copy()
            return None
        under = int(self.memory[y, x])
        self.memory[:] = glyphs
        self.memory[y, x] = under
        return under


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
