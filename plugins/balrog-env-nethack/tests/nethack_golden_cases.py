"""Fixed episodes whose text observations are pinned in ``golden/`` (shared by the golden
test and by the script that regenerates the files after an intended change)."""

from __future__ import annotations

from pathlib import Path

from balrog_core import EnvSettings

GOLDEN = Path(__file__).parent / "golden"

# name -> (env, task, seed, actions played after reset, vision)
CASES = {
    "nle_seed3": ("nle", "NetHackChallenge-v0", 3, ["west", "west", "north", "inventory", "esc"], False),
    "nle_seed3_vision": ("nle", "NetHackChallenge-v0", 3, ["west"], True),
    "mazewalk9_seed1": ("minihack", "MiniHack-MazeWalk-9x9-v0", 1, ["east", "south"], False),
    "quest_easy_seed2": ("minihack", "MiniHack-Quest-Easy-v0", 2, ["east"], False),
    "boxoban_medium_seed0": ("minihack", "MiniHack-Boxoban-Medium-v0", 0, [], False),
}


def _shown(observation) -> str:
    """The current turn as the model reads it: short-term part, then long-term part."""
    return f"{observation.short_term}\n{observation.text}"


def play_case(name: str) -> str:
    """Every observation of the case, separated by a ruler line."""
    from balrog_env_nethack.minihack_factory import build_minihack
    from balrog_env_nethack.minihack_game import MiniHackOptions
    from balrog_env_nethack.nethack_game import NetHackGame

    env_name, task, seed, actions, vision = CASES[name]
    if env_name == "nle":
        env = NetHackGame(vision=vision)
    else:
        env = build_minihack(task, EnvSettings(vision=vision, options=MiniHackOptions()))
    try:
        texts = [_shown(env.reset(seed))]
        texts += [f"[{action}]\n" + _shown(env.step(action).observation) for action in actions]
    finally:
        env.close()
    return "\n\n==========\n\n".join(texts) + "\n"


if __name__ == "__main__":
    for case in CASES:
        (GOLDEN / f"{case}.txt").write_text(play_case(case))
        print("wrote", case)
