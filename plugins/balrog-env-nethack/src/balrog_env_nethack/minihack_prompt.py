"""The MiniHack instruction prompts, side by side.

``reference_prompt`` carries what the BALROG harness tells a model (PROTOCOL.md §7.5), in
this project's words: one sentence introducing the game and the action list, the task's
valid actions as ``name: description`` lines (``,\\n``-joined, the last ending with
``.``), a line announcing the history, one tip against repeating an action that changes
nothing, the task's goal sentence, then ``PLAY!``. It gives no tactics and says nothing
about items, lava or levitation.

``extended_prompt`` is the project's richer prompt (``--protocol extended``): a goal per
task family with hints, a description of the observation, and the action list.
"""

from __future__ import annotations

from balrog_core import ActionSpace

__all__ = ["reference_prompt", "extended_prompt", "reference_goal"]

_INTRO = ("You are an agent playing MiniHack. Below are all the actions you can take in the game, "
          "each one followed by a short description of what that action does:")
_HISTORY = "Next, I will show you a history of the actions and observations from the game."
_TIP = "Tip: it makes no sense to output the same action over and over when nothing changes."

# The reference picks the goal by a case-insensitive substring of the task id, in this order.
_REFERENCE_GOALS = (
    ("corridor", "Your goal is to explore the level and get to the stairs down."),
    ("quest", "Your goal is to explore the level, fight monsters, and get through rooms and mazes "
              "to finally reach the stairs down."),
    ("boxoban", "This is Boxoban, a box-pushing puzzle game in the style of Sokoban. Your goal is to push "
                "the boulders onto the fountains on the map. You push a boulder by walking into it, "
                "provided that nothing blocks the square behind it."),
)
_GENERIC_GOAL = "Your goal is to get as far as you can in the game."


def reference_goal(task: str) -> str:
    """The goal sentence of a task (CorridorBattle counts as a corridor task: its id
    contains "corridor")."""
    lowered = task.lower()
    return next((goal for word, goal in _REFERENCE_GOALS if word in lowered), _GENERIC_GOAL)


def reference_prompt(task: str, space: ActionSpace) -> str:
    """The reference-equivalent prompt: every valid action with its gloss, the task's goal."""
    listing = ",\n".join(f"{name}: {description}" for name, description in space.actions.items())
    return "\n\n".join([_INTRO, listing + ".", _HISTORY, _TIP, reference_goal(task), "PLAY!"])


_EXTENDED_GOALS = {
    "MazeWalk": "Find your way through the maze to the staircase down (>) and stand on it.",
    "Corridor": "Several rooms are joined by corridors; find the staircase down (>) and stand on it.",
    "CorridorBattle": (
        "A corridor full of monsters stands between you and the staircase down (>); fight "
        "your way through (ideally in the corridor, one monster at a time) and stand on >."
    ),
    "Quest": (
        "Cross the level to the staircase down (>): use what you carry (wands, horns, ...) "
        "to get past obstacles such as water or lava and the monsters on the way."
    ),
    "Boxoban": (
        "A Sokoban puzzle in a room walled by iron bars: push every boulder (`) onto a "
        "fountain ({). You push a boulder by walking into it; it cannot be pulled, and a "
        "boulder with another boulder or a wall behind it does not move."
    ),
}


def extended_prompt(task: str, space: ActionSpace) -> str:
    """The project's richer prompt, with a hint per task family."""
    family = task.removeprefix("MiniHack-").split("-")[0]
    goal = _EXTENDED_GOALS.get(family, "Reach the staircase down (>).")
    return (
        f"You are playing a MiniHack task ({task}), a small NetHack level.\n"
        f"Goal: {goal}\n\n"
        "Each turn you get the latest message, the monsters, objects and dungeon features "
        "around you (with a compass direction and a distance: adjacent, very near, near, "
        "far), your status, inventory and the map (@ is you).\n\n"
        "Actions (answer with exactly one name):\n" + space.describe()
    )
