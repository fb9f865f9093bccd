"""Boxoban puzzles: a 10x10 Sokoban room with four boxes, as text, and a solver.

Level text uses the Boxoban format: ``#`` wall, ``@`` player, ``$`` box, ``.`` target,
space for floor. Two A* searches with admissible bounds; squares from which a box can
never reach a target are pruned:

- ``solve`` counts the fewest pushes (states: box configurations, the player reduced to
  the region it can reach), the generator's difficulty measure;
- ``solution`` finds the fewest player moves (states: boxes and the player's square after
  a push; a push costs the walk to it plus one), which is what a 100-step episode needs:
  a fewest-push plan of an official level often walks more than 100 moves.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import attrs

__all__ = ["Puzzle", "parse_level", "solve", "solution", "MOVES"]

MOVES = ((-1, 0), (1, 0), (0, -1), (0, 1))
Cell = tuple[int, int]


@attrs.frozen
class Puzzle:
    """Walls, targets, boxes and the player of one level."""

    floor: frozenset[Cell]
    targets: frozenset[Cell]
    boxes: frozenset[Cell]
    player: Cell

    def text(self, size: int = 10) -> str:
        rows = []
        for r in range(size):
            row = []
            for c in range(size):
                cell = (r, c)
                if cell not in self.floor:
                    row.append("#")
                elif cell == self.player:
                    row.append("+" if cell in self.targets else "@")
                elif cell in self.boxes:
                    row.append("*" if cell in self.targets else "$")
                elif cell in self.targets:
                    row.append(".")
                else:
                    row.append(" ")
            rows.append("".join(row))
        return "\n".join(rows)


def parse_level(text: str) -> Puzzle:
    floor, targets, boxes, player = set(), set(), set(), None
    for r, line in enumerate(text.splitlines()):
        for c, ch in enumerate(line):
            if ch == "#":
                continue
            floor.add((r, c))
            if ch in ".*+":
                targets.add((r, c))
            if ch in "$*":
                boxes.add((r, c))
            if ch in "@+":
                player = (r, c)
    if player is None or len(boxes) != len(targets) or not boxes:
        raise ValueError("a Boxoban level needs one player and as many boxes as targets")
    return Puzzle(frozenset(floor), frozenset(targets), frozenset(boxes), player)


def _reach(floor: frozenset[Cell], boxes: frozenset[Cell], start: Cell) -> set[Cell]:
    seen = {start}
    stack = [start]
    while stack:
        r, c = stack.pop()
        for dr, dc in MOVES:
            nxt = (r + dr, c + dc)
            if nxt in floor and nxt not in boxes and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _push_distances(puzzle: Puzzle) -> dict[Cell, int]:
    """Fewest pushes from each square to the nearest target for a lone box (ignoring the
    player's access): an admissible per-box bound."""
    distance = {t: 0 for t in puzzle.targets}
    queue = deque(puzzle.targets)
    while queue:
        r, c = queue.popleft()
        for dr, dc in MOVES:
            box, player = (r + dr, c + dc), (r + 2 * dr, c + 2 * dc)
            if box in puzzle.floor and player in puzzle.floor and box not in distance:
                distance[box] = distance[(r, c)] + 1
                queue.append(box)
    return distance


def solve(puzzle: Puzzle, max_states: int = 200_000) -> int | None:
    """The fewest pushes that put every box on a target (A* over box configurations with
    the sum of per-box push distances as heuristic), or ``None`` when unsolvable or more
    than ``max_states`` configurations were generated."""
    found = _search(puzzle, max_states)
    return None if found is None else len(found)


def solution(puzzle: Puzzle, max_states: int = 300_000) -> list[tuple[int, int]] | None:
    """Player moves (row, column steps) that solve the level in the fewest moves, or
    ``None`` when unsolvable or more than ``max_states`` states were generated."""
    pushes = _search_moves(puzzle, max_states)
    if pushes is None:
        return None
    moves: list[tuple[int, int]] = []
    boxes, player = set(puzzle.boxes), puzzle.player
    for (r, c), (dr, dc) in pushes:
        moves += _walk(puzzle.floor, frozenset(boxes), player, (r - dr, c - dc))
        moves.append((dr, dc))
        boxes.remove((r, c))
        boxes.add((r + dr, c + dc))
        player = (r, c)
    return moves


def _walk(floor: frozenset[Cell], boxes: frozenset[Cell], start: Cell, goal: Cell) -> list[tuple[int, int]]:
    parent: dict[Cell, Cell | None] = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == goal:
            break
        for dr, dc in MOVES:
            nxt = (cell[0] + dr, cell[1] + dc)
            if nxt in floor and nxt not in boxes and nxt not in parent:
                parent[nxt] = cell
                queue.append(nxt)
    steps = []
    cell = goal
    while parent[cell] is not None:
        prev = parent[cell]
        steps.append((cell[0] - prev[0], cell[1] - prev[1]))
        cell = prev
    return steps[::-1]


def _search(puzzle: Puzzle, max_states: int) -> list[tuple[Cell, tuple[int, int]]] | None:
    """A* over box configurations; the pushes (box square, direction) of a best solution."""
    import heapq

    distance = _push_distances(puzzle)
    if not all(box in distance for box in puzzle.boxes):
        return None

    def estimate(boxes: frozenset[Cell]) -> int:
        return sum(distance[b] for b in boxes)

    start_reach = _reach(puzzle.floor, puzzle.boxes, puzzle.player)
    start_key = (puzzle.boxes, min(start_reach))
    best = {start_key: 0}
    came_from: dict[Any, tuple[Any, tuple[Cell, tuple[int, int]]]] = {}
    counter = 0
    frontier = [(estimate(puzzle.boxes), counter, 0, puzzle.boxes, start_reach, start_key)]
    while frontier:
        _, _, pushes, boxes, reach, key_now = heapq.heappop(frontier)
        if boxes == puzzle.targets:
            plan = []
            while key_now != start_key:
                key_now, push = came_from[key_now]
                plan.append(push)
            return plan[::-1]
        for (r, c) in boxes:
            for dr, dc in MOVES:
                behind, ahead = (r - dr, c - dc), (r + dr, c + dc)
                if behind not in reach or ahead not in distance or ahead in boxes:
                    continue
                moved = (boxes - {(r, c)}) | {ahead}
                new_reach = _reach(puzzle.floor, moved, (r, c))
                key = (moved, min(new_reach))
                if best.get(key, 1 << 30) <= pushes + 1:
                    continue
                best[key] = pushes + 1
                came_from[key] = (key_now, ((r, c), (dr, dc)))
                if len(best) > max_states:
                    return None
                counter += 1
                heapq.heappush(frontier, (pushes + 1 + estimate(moved), counter, pushes + 1, moved, new_reach, key))
    return None


def _search_moves(puzzle: Puzzle, max_states: int) -> list[tuple[Cell, tuple[int, int]]] | None:
    """A* over (boxes, player square) with move costs; the pushes of a shortest solution.

    Squares are numbered and box sets are bit masks: the search visits up to a few hundred
    thousand states on hard official levels.
    """
    import heapq

    distance = _push_distances(puzzle)
    if not all(box in distance for box in puzzle.boxes):
        return None
    cells = sorted(puzzle.floor)
    index = {cell: i for i, cell in enumerate(cells)}
    neighbours = [[index.get((r + dr, c + dc), -1) for dr, dc in MOVES] for r, c in cells]
    to_target = [distance.get(cell, -1) for cell in cells]  # -1: a dead square

    def mask(group: frozenset[Cell]) -> int:
        return sum(1 << index[cell] for cell in group)

    def walk_lengths(boxes: int, start: int) -> list[int]:
        lengths = [-1] * len(cells)
        lengths[start] = 0
        queue = [start]
        for cell in queue:
            for nxt in neighbours[cell]:
                if nxt >= 0 and lengths[nxt] < 0 and not boxes >> nxt & 1:
                    lengths[nxt] = lengths[cell] + 1
                    queue.append(nxt)
        return lengths

    goal = mask(puzzle.targets)
    start = (mask(puzzle.boxes), index[puzzle.player])
    best = {start: 0}
    came_from: dict[tuple[int, int], tuple[tuple[int, int], tuple[Cell, tuple[int, int]]]] = {}
    counter = 0
    frontier = [(sum(distance[b] for b in puzzle.boxes), 0, 0, start)]
    while frontier:
        bound, _, moves, state = heapq.heappop(frontier)
        if best[state] < moves:
            continue
        boxes, player = state
        if boxes == goal:
            plan = []
            while state != start:
                state, push = came_from[state]
                plan.append(push)
            return plan[::-1]
        lengths = walk_lengths(boxes, player)
        for box in range(len(cells)):
            if not boxes >> box & 1:
                continue
            for direction in range(4):  # MOVES lists opposite moves in pairs: d ^ 1 reverses d
                ahead, behind = neighbours[box][direction], neighbours[box][direction ^ 1]
                if ahead < 0 or behind < 0 or lengths[behind] < 0 or to_target[ahead] < 0 or boxes >> ahead & 1:
                    continue
                key = (boxes ^ (1 << box) | (1 << ahead), box)
                cost = moves + lengths[behind] + 1
                if best.get(key, 1 << 30) <= cost:
                    continue
                best[key] = cost
                came_from[key] = (state, (cells[box], MOVES[direction]))
                if len(best) > max_states:
                    return None
                counter += 1
                estimate = bound - moves - to_target[box] + to_target[ahead]
                heapq.heappush(frontier, (cost + estimate, counter, cost, key))
    return None
