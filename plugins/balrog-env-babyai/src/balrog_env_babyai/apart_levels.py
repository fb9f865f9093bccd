"""The ``apart`` levels (option ``levels=apart``, a protocol deviation): the five BALROG
missions on tidier rooms than the reference's.

Each level is one 8×8 room holding only the objects its mission names (no distractors);
``open`` adds a second room behind a locked door whose key lies in the agent's room. Every
random choice draws from the level's own generator, which ``reset(seed=...)`` seeds, so one
seed always gives the same room and mission. Objects never start next to the agent or to
each other, so no mission is solved before the first step.
"""

from __future__ import annotations

from minigrid.core.roomgrid import Room, reject_next_to
from minigrid.core.world_object import Ball, Box, Key, WorldObj
from minigrid.envs.babyai.core.roomgrid_level import RoomGridLevel
from minigrid.envs.babyai.core.verifier import (
    AfterInstr,
    BeforeInstr,
    GoToInstr,
    ObjDesc,
    OpenInstr,
    PickupInstr,
    PutNextInstr,
)

__all__ = [
    "APART_LEVELS",
    "GoToLevel",
    "OpenLevel",
    "PickupLevel",
    "PickupThenGoToLevel",
    "PutNextLevel",
]

ROOM_SIZE = 8
MOVABLE_KINDS = {"ball": Ball, "box": Box, "key": Key}


def _describe(obj: WorldObj) -> ObjDesc:
    """The mission's words for ``obj``: its colour and kind (each is unique in the room)."""
    return ObjDesc(obj.type, obj.color)


def _place_apart(
    level: RoomGridLevel, obj: WorldObj, room: Room, keep_clear: list[tuple[int, int]]
) -> None:
    """Put ``obj`` on a free cell of ``room`` that touches neither the agent nor any cell
    of ``keep_clear``, so no object starts in the way or already next to its partner."""

    def crowded(env: RoomGridLevel, pos: tuple[int, int]) -> bool:
        return reject_next_to(env, pos) or any(
            abs(pos[0] - x) + abs(pos[1] - y) < 2 for x, y in keep_clear
        )

    level.place_obj(obj, room.top, room.size, reject_fn=crowded, max_tries=1000)
    room.objs.append(obj)


class _OneRoomLevel(RoomGridLevel):
    """One 8×8 room holding the agent and only the objects its mission names."""

    def __init__(self, **kwargs) -> None:
        super().__init__(num_rows=1, num_cols=1, room_size=ROOM_SIZE, **kwargs)

    def _add_objects(self, count: int) -> list[WorldObj]:
        """``count`` movable objects of distinct colour-kind pairs, so each mission phrase
        names exactly one object, placed apart from the agent and from each other."""
        pairs: list[tuple[str, str]] = []
        while len(pairs) < count:
            pair = (self._rand_elem(sorted(MOVABLE_KINDS)), self._rand_color())
            if pair not in pairs:
                pairs.append(pair)
        placed: list[WorldObj] = []
        for kind, color in pairs:
            obj = MOVABLE_KINDS[kind](color)
            _place_apart(self, obj, self.get_room(0, 0), [o.cur_pos for o in placed])
            placed.append(obj)
        return placed


class GoToLevel(_OneRoomLevel):
    """Mission "go to the X": stand facing the one object in the room."""

    def gen_mission(self) -> None:
        self.place_agent(0, 0)
        (target,) = self._add_objects(1)
        self.instrs = GoToInstr(_describe(target))


class PickupLevel(_OneRoomLevel):
    """Mission "pick up the X": the one object in the room."""

    def gen_mission(self) -> None:
        self.place_agent(0, 0)
        (target,) = self._add_objects(1)
        self.instrs = PickupInstr(_describe(target))


class PutNextLevel(_OneRoomLevel):
    """Mission "put the X next to the Y": carry one object and drop it beside the other."""

    def gen_mission(self) -> None:
        self.place_agent(0, 0)
        moved, fixed = self._add_objects(2)
        self.instrs = PutNextInstr(_describe(moved), _describe(fixed))


class PickupThenGoToLevel(_OneRoomLevel):
    """Mission "pick up the X, then go to the Y" or its mirror "go to the Y after you pick
    up the X", chosen by the seed like the two object pairs."""

    def gen_mission(self) -> None:
        self.place_agent(0, 0)
        item, destination = self._add_objects(2)
        pickup = PickupInstr(_describe(item))
        goto = GoToInstr(_describe(destination))
        if self._rand_bool():
            self.instrs = BeforeInstr(pickup, goto)
        else:
            self.instrs = AfterInstr(goto, pickup)


class OpenLevel(RoomGridLevel):
    """Mission "open the X door": two 8×8 rooms side by side joined by a locked door; its
    key lies in the agent's room, off the cell in front of the door, so unlocking it
    (toggle while carrying the key) is always possible."""

    def __init__(self, **kwargs) -> None:
        super().__init__(num_rows=1, num_cols=2, room_size=ROOM_SIZE, **kwargs)

    def gen_mission(self) -> None:
        color = self._rand_color()
        door, _ = self.add_door(0, 0, door_idx=0, color=color, locked=True)
        side = self._rand_int(0, 2)
        self.place_agent(side, 0)
        _place_apart(self, Key(color), self.get_room(side, 0), [door.cur_pos])
        self.instrs = OpenInstr(_describe(door))


APART_LEVELS: dict[str, type[RoomGridLevel]] = {
    "goto": GoToLevel,
    "pickup": PickupLevel,
    "open": OpenLevel,
    "putnext": PutNextLevel,
    "pick_up_seq_go_to": PickupThenGoToLevel,
}
