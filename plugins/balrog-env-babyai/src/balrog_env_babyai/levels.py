"""The reference's five BabyAI levels: BALROG's ``BabyAI-MixedTrainLocal-v0/<kind>`` with no
distractors, rebuilt on PyPI minigrid 3.2.0's ``RoomGridLevel``.

The BabyAI-Text minigrid fork that BALROG installs defines these levels in a class PyPI
minigrid lacks; what this module carries over are its layout rules:

- ``goto``, ``pickup``: one 8×8 room; the agent is placed first with a random heading, then
  one ball, box or key of any colour on a random free cell that does not touch the agent.
  ``putnext`` and ``pick_up_seq_go_to`` add two such objects, which may be identical.
- ``open``: two 8×8 rooms side by side (15×8). One locked door of a colour from yellow,
  green, blue, purple goes in the shared wall, its key in the other room, then the agent in
  the key's room at a cell whose front holds nothing but floor or wall.
- Layouts where an object cannot be reached are drawn again, and so are missions naming a
  yellow box, red key, red door, green ball or grey door.
- Missions are BabyAI verifier instructions, worded by minigrid: "the X" when one object
  fits the words, "a X" when several do; ``open`` names the door's colour half the time;
  ``pick_up_seq_go_to`` is "pick up A, then go to B" or "go to B after you pick up A".

Every random choice comes from the level's generator in the same order as in the fork, so
``reset(seed=...)`` gives the reference's own level for that seed: the tests replay the
reference's recorded episodes byte for byte. The step cap is the level's own
``max_steps`` (64 per room per navigation: 64, 64, 128, 128, 128).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from minigrid.core.roomgrid import RoomGrid
from minigrid.core.world_object import Door, WorldObj
from minigrid.envs.babyai.core.roomgrid_level import RoomGridLevel
from minigrid.envs.babyai.core.verifier import (
    AfterInstr,
    BeforeInstr,
    GoToInstr,
    Instr,
    ObjDesc,
    OpenInstr,
    PickupInstr,
    PutNextInstr,
)

__all__ = ["LEVELS", "REFERENCE_TASKS", "MixedTrainLocalLevel"]

REFERENCE_TASKS = {
    task: f"BabyAI-MixedTrainLocal-v0/{task}"
    for task in ("goto", "pickup", "open", "putnext", "pick_up_seq_go_to")
}
EXCLUDED_PAIRS = ("yellow box", "red key", "red door", "green ball", "grey door")
DOOR_COLORS = ("yellow", "green", "blue", "purple")
OBJECT_COUNT = {"goto": 1, "pickup": 1, "putnext": 2, "pick_up_seq_go_to": 2}


def _describe(obj: WorldObj) -> ObjDesc:
    return ObjDesc(obj.type, obj.color)


def _alike(first: WorldObj, second: WorldObj) -> bool:
    return (first.type, first.color) == (second.type, second.color)


class MixedTrainLocalLevel(RoomGridLevel):
    """One reference task (``kind``, our task name) as a minigrid level."""

    def __init__(self, kind: str, **kwargs) -> None:
        self.kind = kind
        self.locked_room = None
        super().__init__(room_size=8, num_rows=1, num_cols=2 if kind == "open" else 1, **kwargs)

    def gen_mission(self) -> None:
        """Draw layouts until every object is reachable and the mission avoids the excluded
        colour-kind pairs; each draw starts from bare rooms with fresh door positions."""
        while True:
            RoomGrid._gen_grid(self, self.width, self.height)
            if self.kind == "open":
                self.instrs, reachable = self._open_mission()
            else:
                self.instrs, reachable = self._object_mission()
            surface = self.instrs.surface(self)
            if reachable and not any(pair in surface for pair in EXCLUDED_PAIRS):
                return

    def _object_mission(self) -> tuple[Instr, bool]:
        self.place_agent()
        objs = self.add_distractors(num_distractors=OBJECT_COUNT[self.kind], all_unique=False)
        reachable = self.check_objs_reachable(raise_exc=False)
        first = self._rand_elem(objs)
        if self.kind == "goto":
            return GoToInstr(_describe(first)), reachable
        if self.kind == "pickup":
            return PickupInstr(_describe(first)), reachable
        second = self._second_object(first, objs)
        if self.kind == "putnext":
            return PutNextInstr(_describe(first), _describe(second)), reachable
        pickup, goto = PickupInstr(_describe(first)), GoToInstr(_describe(second))
        if self._rand_bool():
            return BeforeInstr(pickup, goto), reachable
        return AfterInstr(goto, pickup), reachable

    def _second_object(self, first: WorldObj, objs: list[WorldObj]) -> WorldObj:
        """A random object; it may share ``first``'s words only when another object does
        too (the verifier then rejects a put-next of an object beside its own kind)."""
        second = self._rand_elem(objs)
        if _alike(first, second):
            matching, _ = _describe(first).find_matching_objs(self)
            if len(matching) < 2:
                while _alike(first, second):
                    second = self._rand_elem(objs)
        return second

    def _open_mission(self) -> tuple[Instr, bool]:
        color = self._rand_elem(DOOR_COLORS)
        door = self._add_locked_door(color)
        self._add_key_outside(door)
        while True:
            self.place_agent()
            if self.room_from_pos(*self.agent_pos) is not self.locked_room:
                break
        reachable = self.check_objs_reachable(raise_exc=False)
        return OpenInstr(ObjDesc("door", self._rand_elem([None, color]))), reachable

    def _add_locked_door(self, color: str) -> Door:
        """A locked door on a random inner wall; the room it is drawn from is the locked one."""
        while True:
            i, j = self._rand_int(0, self.num_cols), self._rand_int(0, self.num_rows)
            side = self._rand_int(0, 4)
            self.locked_room = self.get_room(i, j)
            if self.locked_room.neighbors[side] is not None:
                door, _ = self.add_door(i, j, side, color=color, locked=True)
                return door

    def _add_key_outside(self, door: Door) -> None:
        while True:
            i, j = self._rand_int(0, self.num_cols), self._rand_int(0, self.num_rows)
            if self.get_room(i, j) is not self.locked_room:
                self.add_object(i, j, "key", door.color)
                return


LEVELS: dict[str, Callable[..., RoomGridLevel]] = {
    task: partial(MixedTrainLocalLevel, task) for task in REFERENCE_TASKS
}
