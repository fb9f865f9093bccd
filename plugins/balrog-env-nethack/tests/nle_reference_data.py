"""Builds ``data/nle_reference_texts.npz``: observation arrays from this plugin's games and
the texts the reference's language wrapper makes of them.

Two steps, two virtualenvs (``balrog-nle`` and ``nle`` cannot share one):

    python tests/nle_reference_data.py dump            # this project's venv (nle 1.3.0)
    uv venv /tmp/refnle && uv pip install --python /tmp/refnle/bin/python \\
        balrog-nle==0.9.0 "setuptools<81"
    /tmp/refnle/bin/python tests/nle_reference_data.py expect

``dump`` plays fixed seeds of NetHack and the MiniHack tasks with random multi-letter
actions and keeps every distinct screen the env produced, ``--More--`` pages included,
then adds random synthetic boards and screens for the rules real play rarely reaches.
``expect`` runs ``nle.nle_language_obsv.NLELanguageObsv`` (the reference's C++ wrapper) on
each and stores its five texts beside the arrays.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data" / "nle_reference_texts.npz"
ARRAYS = ("glyphs", "blstats", "tty_chars", "tty_cursor", "inv_letters", "inv_strs")
TEXTS = ("text_glyphs", "text_cursor", "text_inventory", "text_message", "text_blstats")

# (env, task, seeds, steps per seed)
EPISODES = [
    ("nle", "NetHackChallenge-v0", range(1, 17), 80),
    *[("minihack", task, range(1, 4), 30) for task in (
        "MiniHack-MazeWalk-9x9-v0", "MiniHack-MazeWalk-15x15-v0", "MiniHack-Corridor-R3-v0",
        "MiniHack-CorridorBattle-Dark-v0", "MiniHack-Quest-Easy-v0", "MiniHack-Quest-Medium-v0",
        "MiniHack-Boxoban-Medium-v0")],
]
_UNSAFE = {"save", "quit", "shell"}


def _games(env: str, task: str):
    from balrog_core import EnvSettings

    if env == "nle":
        from balrog_env_nethack.nethack_game import NetHackGame

        return NetHackGame(vision=False)
    from balrog_env_nethack.minihack_factory import build_minihack
    from balrog_env_nethack.tasks import MiniHackOptions

    return build_minihack(task, EnvSettings(options=MiniHackOptions()))


def dump() -> None:
    """Play the episodes and save the distinct observation arrays."""
    seen: set[bytes] = set()
    rows: dict[str, list[np.ndarray]] = {key: [] for key in ARRAYS}
    sources: list[str] = []

    for env_name, task, seeds, steps in EPISODES:
        for seed in seeds:
            game = _games(env_name, task)
            names = [n for n in game.action_space.names
                     if len(n) > 1 and not n.isdigit() and n not in _UNSAFE]
            rng = random.Random(seed)
            press = game._press

            def keep(obs, where=f"{task}/{seed}"):
                arrays = {key: np.asarray(obs[key]).copy() for key in ARRAYS}
                digest = b"".join(a.tobytes() for a in arrays.values())
                if digest not in seen:
                    seen.add(digest)
                    for key in ARRAYS:
                        rows[key].append(arrays[key])
                    sources.append(where)

            def recording_press(key, press=press, keep=keep):
                result = press(key)
                keep(result[0])
                return result

            game._press = recording_press
            try:
                game.reset(seed)
                keep(game.last_obs)
                for _ in range(steps):
                    outcome = game.step(rng.choice(names))
                    if outcome.terminated or outcome.truncated:
                        break
            finally:
                game.close()
    for index, arrays in enumerate(synthetic_observations(rows, count=150)):
        for key in ARRAYS:
            rows[key].append(arrays[key])
        sources.append(f"synthetic/{index}")
    DATA.parent.mkdir(exist_ok=True)
    np.savez_compressed(DATA, source=np.array(sources),
                        **{key: np.stack(values) for key, values in rows.items()})
    print(f"saved {len(sources)} observations to {DATA}")


_SCREEN_LINES = [
    b"Things that are here:", b"a +0 dagger", b"--More--", b"(end)", b"(1 of 2)", b"(12 of 3)",
    b"Things that are here: (2 of 9)", b"You see no objects here.", b"Points", b"You made the top ten list!",
    b"                                                                              x", b"x",
    b"  indented", b"\x1a", b"", b"", b"", b"",
]


def synthetic_observations(rows: dict[str, list[np.ndarray]], count: int):
    """Random boards (crowded with monsters, objects, features and walls, so names repeat
    and plural rules fire), random bottom-line values, cursor places and screens."""
    from nle import nethack

    rng = np.random.default_rng(20241121)
    floor = nethack.GLYPH_CMAP_OFF + 19
    for _ in range(count):
        glyphs = np.full((21, 79), floor, dtype=np.int16)
        cells = rng.integers(0, 21 * 79, size=int(rng.integers(5, 400)))
        pool = rng.choice([
            rng.integers(0, nethack.MAX_GLYPH, size=cells.size),
            rng.integers(nethack.GLYPH_CMAP_OFF, nethack.GLYPH_EXPLODE_OFF, size=cells.size),
            rng.choice(rng.integers(0, nethack.MAX_GLYPH, size=4), size=cells.size),
        ])
        glyphs.ravel()[cells] = pool
        blstats = rng.integers(-3, 40, size=27).astype(np.int64)
        blstats[0], blstats[1] = rng.integers(0, 79), rng.integers(0, 21)
        blstats[25] = rng.integers(0, 1 << 13)
        blstats[26] = rng.choice([-128, -1, 0, 1, 5])
        screen = np.full((24, 80), ord(" "), dtype=np.uint8)
        for row in rng.choice(24, size=int(rng.integers(0, 8)), replace=False):
            line = _SCREEN_LINES[int(rng.integers(len(_SCREEN_LINES)))][:80]
            start = int(rng.integers(0, 80 - len(line) + 1)) if rng.random() < 0.3 else 0
            screen[row, start:start + len(line)] = np.frombuffer(line, dtype=np.uint8)
        real = int(rng.integers(len(rows["inv_letters"])))
        yield {
            "glyphs": glyphs, "blstats": blstats, "tty_chars": screen,
            "tty_cursor": np.array([rng.integers(0, 24), rng.integers(0, 80)], dtype=np.uint8),
            "inv_letters": rows["inv_letters"][real], "inv_strs": rows["inv_strs"][real],
        }


def expect() -> None:
    """Add the reference wrapper's texts (run with balrog-nle installed)."""
    import warnings

    warnings.filterwarnings("ignore")
    from nle import nle_language_obsv

    wrapper = nle_language_obsv.NLELanguageObsv()
    data = dict(np.load(DATA))
    texts: dict[str, list[str]] = {name: [] for name in TEXTS}
    for i in range(len(data["source"])):
        glyphs, blstats = data["glyphs"][i], data["blstats"][i]
        made = {
            "text_glyphs": wrapper.text_glyphs(glyphs, blstats),
            "text_cursor": wrapper.text_cursor(glyphs, blstats, data["tty_cursor"][i].astype(np.int64)),
            "text_inventory": wrapper.text_inventory(data["inv_strs"][i], data["inv_letters"][i]),
            "text_message": wrapper.text_message(data["tty_chars"][i]),
            "text_blstats": wrapper.text_blstats(blstats),
        }
        for name, value in made.items():
            texts[name].append(value.decode("latin-1"))
    np.savez_compressed(DATA, **{key: value for key, value in data.items() if key not in TEXTS},
                        **{name: np.array(values) for name, values in texts.items()})
    print(f"added the reference texts of {len(data['source'])} observations")


if __name__ == "__main__":
    {"dump": dump, "expect": expect}[sys.argv[1]]()
