"""The project's own richer text observation (``-o env.NAME.observation=extended``).

Not what the reference shows (that is ``language.py`` laid out by ``layout.py``): NLE's
observation arrays written out with NetHack's own names.

Sections: the message(s), what is around the player (every monster, object and dungeon
feature on the map, each with a 16-point compass direction and a distance word), the
bottom-line stats, the inventory, the cursor, and in language-only mode the ASCII map.

Cost matters (a step of NetHack is ~0.1 ms), so the map is scanned with numpy: one lookup
table gives each glyph's kind, another each offset's direction and distance; only the few
distinct glyphs on screen have their ``screen_descriptions`` decoded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from nle import nethack

from .glyphs import FEATURE, FEATURE_NAMES, GLYPH_KIND, MONSTER

__all__ = [
    "COMPASS_POINTS", "DISTANCE_WORDS", "direction_of", "distance_word", "describe_surroundings",
    "describe_stats", "describe_inventory", "describe_cursor", "ascii_map", "decode",
    "language_observation",
]

COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                  "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
# Chebyshev distance (moves needed on an open floor): 1 adjacent, 2-3 very near,
# 4-7 near, 8 and more far.
DISTANCE_WORDS = ("adjacent", "very near", "near", "far")

_ROWS, _COLS = nethack.DUNGEON_SHAPE


def _distance_index(steps: np.ndarray) -> np.ndarray:
    return np.select([steps <= 1, steps <= 3, steps <= 7], [0, 1, 2], default=3)


def _direction_index(dy: np.ndarray, dx: np.ndarray) -> np.ndarray:
    angle = np.degrees(np.arctan2(dx, -dy))  # 0 = north, clockwise
    return (np.round(angle / 22.5).astype(np.int64)) % 16


_DY, _DX = np.mgrid[-(_ROWS - 1):_ROWS, -(_COLS - 1):_COLS]
_DIRECTION_TABLE = _direction_index(_DY, _DX)
_STEPS_TABLE = np.maximum(np.abs(_DY), np.abs(_DX))
_DISTANCE_TABLE = _distance_index(_STEPS_TABLE)
_TABLE_WIDTH = 2 * _COLS - 1
# One flat lookup per offset: steps << 6 | distance word << 4 | compass point. Sorting
# by it orders squares by steps first.
_PLACE_TABLE = ((np.minimum(_STEPS_TABLE, 255) << 6) | (_DISTANCE_TABLE << 4) | _DIRECTION_TABLE).ravel().astype(np.int64)


def direction_of(dy: int, dx: int) -> str:
    """Compass point of an offset (rows grow southward)."""
    return COMPASS_POINTS[int(_DIRECTION_TABLE[dy + _ROWS - 1, dx + _COLS - 1])]


def distance_word(dy: int, dx: int) -> str:
    return DISTANCE_WORDS[int(_DISTANCE_TABLE[dy + _ROWS - 1, dx + _COLS - 1])]


def decode(array: np.ndarray) -> str:
    """A NUL-terminated byte array as text."""
    return array.tobytes().split(b"\0", 1)[0].decode("latin-1")


def describe_surroundings(glyphs: np.ndarray, descriptions: np.ndarray, x: int, y: int) -> str:
    """Monsters and objects one by one, nearest first; each feature type once, listing
    the directions it appears in grouped by the nearest distance in that direction."""
    kinds = GLYPH_KIND[glyphs].ravel()
    kinds[y * _COLS + x] = 0
    cells = np.flatnonzero(kinds)
    if len(cells) == 0:
        return "You see nothing of note around you."
    rows, cols = np.divmod(cells, _COLS)
    where = _PLACE_TABLE[(rows - y + _ROWS - 1) * _TABLE_WIDTH + (cols - x + _COLS - 1)]
    cell_glyphs = glyphs.ravel()[cells]
    cell_kinds = kinds[cells]
    lines: list[str] = []
    singles = np.flatnonzero(cell_kinds != FEATURE)
    if len(singles):  # few: each monster and object, nearest first
        singles = singles[np.argsort(where[singles], kind="stable")]
        monsters: list[str] = []
        objects: list[str] = []
        for i in singles.tolist():
            name = decode(descriptions[rows[i], cols[i]])
            if name:
                place = int(where[i])
                entry = f"{name}: {DISTANCE_WORDS[(place >> 4) & 3]} {COMPASS_POINTS[place & 15]}"
                (monsters if cell_kinds[i] == MONSTER else objects).append(entry)
        if monsters:
            lines.append("Monsters:\n" + "\n".join(f"- {m}" for m in monsters))
        if objects:
            lines.append("Objects:\n" + "\n".join(f"- {o}" for o in objects))
    # Features: the nearest square of each (glyph, direction) in one sort, without a
    # Python loop over the (often hundreds of) wall squares.
    is_feature = cell_kinds == FEATURE
    places = where[is_feature]
    keys = np.sort((cell_glyphs[is_feature].astype(np.int64) << 16) | ((places & 15) << 12) | (places >> 4))
    if len(keys):
        group = keys >> 12
        first = keys[np.concatenate(([True], group[1:] != group[:-1]))]
        first = first[np.argsort(first & 0xFFF, kind="stable")]
        features: dict[str, dict[int, int]] = {}
        for key in first.tolist():
            name = FEATURE_NAMES[key >> 16]
            direction, distance = (key >> 12) & 15, key & 3
            spots = features.setdefault(name, {})
            spots[direction] = min(distance, spots.get(direction, distance))
        rows_out = []
        for name, spots in features.items():
            by_distance: dict[int, list[str]] = {}
            for direction, distance in sorted(spots.items()):  # clockwise from north
                by_distance.setdefault(distance, []).append(COMPASS_POINTS[direction])
            text = "; ".join(
                f"{DISTANCE_WORDS[d]} {', '.join(points)}" for d, points in sorted(by_distance.items())
            )
            rows_out.append(f"- {name}: {text}")
        lines.append("Dungeon features:\n" + "\n".join(rows_out))
    return "\n".join(lines) if lines else "You see nothing of note around you."


_HUNGER = ("satiated", "not hungry", "hungry", "weak", "fainting", "fainted", "starved")
_ENCUMBRANCE = ("unencumbered", "burdened", "stressed", "strained", "overtaxed", "overloaded")
_ALIGNMENT = {-1: "chaotic", 0: "neutral", 1: "lawful"}


def _strength(value: int) -> str:
    if value <= 18:
        return str(value)
    if value < 118:
        return f"18/{value - 18:02d}"
    if value == 118:
        return "18/**"
    return str(value - 100)


def describe_stats(blstats: np.ndarray) -> str:
    """The bottom line in words, from ``blstats``."""
    b = blstats.tolist()
    hunger = _HUNGER[b[nethack.NLE_BL_HUNGER]] if 0 <= b[nethack.NLE_BL_HUNGER] < len(_HUNGER) else "unknown"
    burden = _ENCUMBRANCE[b[nethack.NLE_BL_CAP]] if 0 <= b[nethack.NLE_BL_CAP] < len(_ENCUMBRANCE) else "unknown"
    return (
        f"Str {_strength(b[nethack.NLE_BL_STR125])}, Dex {b[nethack.NLE_BL_DEX]}, "
        f"Con {b[nethack.NLE_BL_CON]}, Int {b[nethack.NLE_BL_INT]}, Wis {b[nethack.NLE_BL_WIS]}, "
        f"Cha {b[nethack.NLE_BL_CHA]}, {_ALIGNMENT.get(b[nethack.NLE_BL_ALIGN], 'unaligned')}\n"
        f"HP {b[nethack.NLE_BL_HP]}/{b[nethack.NLE_BL_HPMAX]}, "
        f"Pw {b[nethack.NLE_BL_ENE]}/{b[nethack.NLE_BL_ENEMAX]}, AC {b[nethack.NLE_BL_AC]}, "
        f"XP level {b[nethack.NLE_BL_XP]} ({b[nethack.NLE_BL_EXP]} points)\n"
        f"Depth {b[nethack.NLE_BL_DEPTH]}, gold {b[nethack.NLE_BL_GOLD]}, "
        f"turn {b[nethack.NLE_BL_TIME]}, score {b[nethack.NLE_BL_SCORE]}, {hunger}, {burden}"
    )


def describe_inventory(letters: np.ndarray, strings: np.ndarray) -> str:
    count = int(np.count_nonzero(letters))
    if count == 0:
        return "(empty)"
    return "\n".join(
        f"{chr(letter)}: {decode(strings[i])}" for i, letter in enumerate(letters[:count].tolist())
    )


def describe_cursor(cursor: np.ndarray, x: int, y: int) -> str:
    """Where the terminal cursor is; on the top line it means a prompt awaits an answer."""
    row, col = int(cursor[0]), int(cursor[1])
    if row == y + 1 and col == x:
        where = "on your character"
    elif row == 0:
        where = "on the message line: the game waits for an answer"
    else:
        where = "elsewhere on the screen"
    return f"row {row}, column {col} ({where})"


def ascii_map(tty_chars: np.ndarray) -> str:
    """The dungeon rows of the terminal (rows 1-21), right-trimmed, trailing blank rows
    dropped (row i of the text is terminal row i + 1)."""
    return "\n".join(row.tobytes().decode("latin-1").rstrip() for row in tty_chars[1:22]).rstrip()


def language_observation(obs: Mapping[str, Any], messages: Sequence[str], include_map: bool) -> str:
    """The whole text observation of one step."""
    blstats = obs["blstats"]
    x, y = int(blstats[nethack.NLE_BL_X]), int(blstats[nethack.NLE_BL_Y])
    message = " ".join(m for m in messages if m) or "(none)"
    parts = [
        f"Message: {message}",
        "Around you:\n" + describe_surroundings(obs["glyphs"], obs["screen_descriptions"], x, y),
        "Status:\n" + describe_stats(blstats),
        "Inventory:\n" + describe_inventory(obs["inv_letters"], obs["inv_strs"]),
        "Cursor: " + describe_cursor(obs["tty_cursor"], x, y),
    ]
    if include_map:
        parts.append("Map:\n" + ascii_map(obs["tty_chars"]))
    return "\n\n".join(parts)
