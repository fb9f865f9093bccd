"""The language observation, from the real game and from hand-made views."""

import numpy as np
from minigrid.core.constants import COLOR_TO_IDX, OBJECT_TO_IDX, STATE_TO_IDX
from minigrid.core.world_object import Ball

from balrog_env_babyai import BabyAIEnvironment, describe_view

# Seed 11 of "open": the agent faces the west wall with the key to its right; it fetches the
# key, walks to the locked door and unlocks it.
GOLDEN_OPEN_11 = [
    (None, "You see a wall 3 steps forward\nYou see a wall 3 steps left\n"
           "You see a blue key 3 steps right\n"
           "You see a locked blue door 3 steps right and 3 steps forward"),
    ("turn right", "You see a wall 3 steps left\nYou see a blue key 3 steps forward\n"
                   "You see a locked blue door 3 steps left and 3 steps forward"),
    ("go forward", "You see a wall 3 steps left\nYou see a blue key 2 steps forward\n"
                   "You see a locked blue door 3 steps left and 2 steps forward"),
    ("go forward", "You see a wall 3 steps left\nYou see a blue key 1 step forward\n"
                   "You see a locked blue door 3 steps left and 1 step forward"),
    ("pick up", "You carry a blue key\nYou see a wall 2 steps forward\n"
                "You see a wall 3 steps left\n"
                "You see a locked blue door 3 steps left and 1 step forward"),
    ("go forward", "You carry a blue key\nYou see a wall 1 step forward\n"
                   "You see a locked blue door 3 steps left"),
    ("turn left", "You carry a blue key\nYou see a wall 1 step right\n"
                  "You see a locked blue door 3 steps forward"),
    ("go forward", "You carry a blue key\nYou see a wall 1 step right\n"
                   "You see a locked blue door 2 steps forward"),
    ("go forward", "You carry a blue key\nYou see a wall 1 step right\n"
                   "You see a locked blue door 1 step forward"),
    ("toggle", "You carry a blue key\nYou see a wall 1 step right\n"
               "You see an open blue door 1 step forward"),
]


def test_golden_observations_of_a_fixed_seed():
    env = BabyAIEnvironment("open")
    assert env.reset(11).text == GOLDEN_OPEN_11[0][1]
    assert env.mission == "open the blue door"
    for action, expected in GOLDEN_OPEN_11[1:]:
        outcome = env.step(action)
        assert outcome.observation.text == expected, action
    assert outcome.terminated and outcome.reward > 0
    assert env.progression() == 100.0


def _view(*cells):
    """An all-empty 7x7 view with (column, row, kind, color, state) cells set."""
    image = np.zeros((7, 7, 3), dtype=np.uint8)
    image[:, :, 0] = OBJECT_TO_IDX["empty"]
    for column, row, kind, color, state in cells:
        image[column, row] = (OBJECT_TO_IDX[kind], COLOR_TO_IDX[color], STATE_TO_IDX[state])
    return image


def test_a_wall_behind_an_object_is_not_named_and_doors_show_their_state():
    image = _view(
        (3, 4, "ball", "red", "open"), (3, 2, "wall", "grey", "open"),
        (0, 6, "door", "green", "closed"), (6, 6, "wall", "grey", "open"),
    )
    assert describe_view(image, None) == (
        "You see a wall 3 steps right\n"
        "You see a red ball 2 steps forward\n"
        "You see a closed green door 3 steps left"
    )


def test_carried_object_is_named_not_seen_and_an_empty_view_says_so():
    image = _view((3, 6, "ball", "purple", "open"))
    assert describe_view(image, Ball("purple")) == "You carry a purple ball"
    assert describe_view(_view(), None) == "You see nothing but empty floor"


def test_unseen_cells_hide_what_lies_beyond():
    image = _view((1, 1, "key", "yellow", "open"), (3, 0, "wall", "grey", "open"))
    image[3, 3, 0] = OBJECT_TO_IDX["unseen"]
    image[1, 1] = (OBJECT_TO_IDX["unseen"], 0, 0)
    assert describe_view(image, None) == "You see nothing but empty floor"
