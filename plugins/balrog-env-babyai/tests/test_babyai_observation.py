"""The language observation from hand-made views, each with its exact expected text."""

import numpy as np
from minigrid.core.constants import COLOR_TO_IDX, OBJECT_TO_IDX, STATE_TO_IDX
from minigrid.core.world_object import Ball, Key

from balrog_env_babyai import describe_view

# The agent sits at column 3, row 6 of the 7x7 view, facing row 0.


def _view(*cells):
    """An all-empty 7x7 view with (column, row, kind, color, state) cells set."""
    image = np.zeros((7, 7, 3), dtype=np.uint8)
    image[:, :, 0] = OBJECT_TO_IDX["empty"]
    for column, row, kind, color, state in cells:
        image[column, row] = (OBJECT_TO_IDX[kind], COLOR_TO_IDX[color], STATE_TO_IDX[state])
    return image


def test_objects_go_by_column_left_to_right_then_far_to_near():
    image = _view(
        (5, 5, "ball", "red", "open"), (0, 6, "key", "blue", "open"),
        (3, 1, "box", "grey", "open"), (0, 2, "ball", "green", "open"),
        (6, 0, "key", "purple", "open"),
    )
    assert describe_view(image, None) == (
        "a green ball 3 steps left and 4 steps forward\n"
        "a blue key 3 steps left\n"
        "a grey box 5 steps forward\n"
        "a red ball 2 steps right and 1 step forward\n"
        "a purple key 3 steps right and 6 steps forward"
    )


def test_walls_forward_left_right_only_when_first_along_their_line():
    image = _view(
        (3, 2, "wall", "grey", "open"), (6, 6, "wall", "grey", "open"),
        (1, 6, "ball", "yellow", "open"), (0, 6, "wall", "grey", "open"),
    )
    assert describe_view(image, None) == (
        "a wall 4 steps forward\n"
        "a wall 3 steps right\n"
        "a yellow ball 2 steps left"
    )


def test_walls_are_seen_past_unseen_cells_and_one_step_is_singular():
    image = _view((3, 5, "unseen", "red", "open"), (3, 4, "wall", "grey", "open"),
                  (2, 6, "wall", "grey", "open"))
    image[3, 5] = (OBJECT_TO_IDX["unseen"], 0, 0)
    assert describe_view(image, None) == "a wall 2 steps forward\na wall 1 step left"


def test_doors_always_take_a_and_their_state():
    image = _view(
        (3, 5, "door", "purple", "open"), (2, 0, "door", "blue", "closed"),
        (4, 6, "door", "yellow", "locked"),
    )
    assert describe_view(image, None) == (
        "a closed blue door 1 step left and 6 steps forward\n"
        "a open purple door 1 step forward\n"
        "a locked yellow door 1 step right"
    )


def test_the_carried_object_comes_first_and_is_not_seen_on_the_agents_cell():
    image = _view((3, 6, "key", "green", "open"), (3, 0, "wall", "grey", "open"))
    assert describe_view(image, Key("green")) == "You carry a green key\na wall 6 steps forward"
    assert describe_view(_view((3, 6, "ball", "grey", "open")), Ball("grey")) == (
        "You carry a grey ball")


def test_nothing_to_report_is_the_empty_string():
    image = _view((1, 1, "key", "yellow", "open"))
    image[1, 1] = (OBJECT_TO_IDX["unseen"], 0, 0)
    assert describe_view(image, None) == ""
