"""NLE observation arrays as the reference's language wrapper writes them.

BALROG shows the model five texts made by nle-language-wrapper: ``text_glyphs`` (what is
around the player), ``text_message``, ``text_cursor``, ``text_inventory`` and
``text_blstats``. These functions give the same bytes from the same arrays, quirks
included (a trimmed row whose only character is its last is empty; a plural that equals
its singular name lists the group twice; rows of a window are cut at the first row's
indent), because a model must read exactly what the reference shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .glyph_names import FULLSCREEN_NAMES, RAY_BLOCKERS, VISUAL_NAMES, plural

__all__ = ["DISTANCE_ORDER", "DIRECTION_ORDER", "place_words", "text_glyphs", "text_cursor",
           "text_inventory", "text_message", "text_blstats"]

ROWS, COLS = 21, 79

# Listing order: farthest first; directions clockwise from north.
DISTANCE_ORDER = ("very far", "far", "near", "very near", "adjacent")
DIRECTION_ORDER = (
    "north", "northnortheast", "northeast", "eastnortheast", "east", "eastsoutheast",
    "southeast", "southsoutheast", "south", "southsouthwest", "southwest", "westsouthwest",
    "west", "westnorthwest", "northwest", "northnorthwest",
)
_DISTANCE_RANK = {word: rank for rank, word in enumerate(DISTANCE_ORDER)}
_DIRECTION_RANK = {word: rank for rank, word in enumerate(DIRECTION_ORDER)}

# Rays from the player, in the wrapper's order, as (column step, row step); rows grow south.
_RAYS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
_RAY_LENGTH = 9


def _distance_word(steps: int) -> str:
    if steps == 1:
        return "adjacent"
    if steps == 2:
        return "very near"
    if 2 < steps < 6:
        return "near"
    if 5 < steps < 20:
        return "far"
    return "very far"  # also 0, which only the player's own square has


def place_words(dx: int, dy: int) -> tuple[str, str]:
    """(distance word, direction word) of an offset, ``dx`` east and ``dy`` north positive.

    The diagonal part (min of both axes) names a diagonal; what remains on one axis is
    named first: dx=3, dy=1 is ``eastnortheast``.
    """
    diagonal_steps = min(abs(dx), abs(dy))
    diagonal = ""
    if diagonal_steps:
        diagonal = ("south" if dy < 0 else "north") + ("west" if dx < 0 else "east")
    rest_x = dx - diagonal_steps if dx > 0 else dx + diagonal_steps
    rest_y = dy - diagonal_steps if dy > 0 else dy + diagonal_steps
    vertical = "south" if rest_y < 0 else "north" if rest_y > 0 else ""
    horizontal = "west" if rest_x < 0 else "east" if rest_x > 0 else ""
    return _distance_word(max(abs(dx), abs(dy))), vertical + horizontal + diagonal


_FULLSCREEN_MASK = np.array([bool(name) for name in FULLSCREEN_NAMES], dtype=bool)

Entry = tuple[str, str, str]  # name, distance word, direction word(s)


def _collect(glyphs: np.ndarray, x: int, y: int) -> list[Entry]:
    """Named squares anywhere on the map, then ray-marched features, in the wrapper's order."""
    entries: list[Entry] = []
    flat = glyphs.ravel()
    for index in np.flatnonzero(_FULLSCREEN_MASK[flat]).tolist():
        row, col = divmod(index, COLS)
        if row == y and col == x:
            continue
        entries.append((FULLSCREEN_NAMES[flat[index]], *place_words(col - x, y - row)))
    for step_x, step_y in _RAYS:
        for steps in range(1, _RAY_LENGTH + 1):
            col, row = x + step_x * steps, y + step_y * steps
            if not (0 <= col < COLS and 0 <= row < ROWS):
                break
            glyph = flat[col + row * COLS]
            name = VISUAL_NAMES[glyph]
            if name and not FULLSCREEN_NAMES[glyph]:
                entries.append((name, *place_words(col - x, y - row)))
                if name in RAY_BLOCKERS:
                    break
    return entries


def _join(directions: Sequence[str]) -> str:
    if len(directions) == 1:
        return directions[0]
    if len(directions) == 2:
        return f"{directions[0]} and {directions[1]}"
    return ", ".join(directions[:-1]) + ", and " + directions[-1]


def _merge(entries: list[Entry]) -> list[Entry]:
    """One entry per (name, distance); directions seen more than once go to the plural
    name's entry right after. A later entry with the same key replaces the earlier
    entry's directions (the wrapper keys a map by name and distance)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name, distance, direction in entries:
        groups.setdefault((name, distance), []).append(direction)
    order: list[tuple[str, str]] = []
    directions_of: dict[tuple[str, str], list[str]] = {}
    for (name, distance), directions in groups.items():
        counts: dict[str, int] = {}
        for direction in directions:
            counts[direction] = counts.get(direction, 0) + 1
        once = [d for d, n in counts.items() if n == 1]
        repeated = [d for d, n in counts.items() if n > 1]
        if once:
            order.append((name, distance))
            directions_of[(name, distance)] = once
        if repeated:
            key = (plural(name), distance)
            order.append(key)
            directions_of[key] = repeated
    return [(name, distance, _join(directions_of[(name, distance)])) for name, distance in order]


def text_glyphs(glyphs: np.ndarray, blstats: np.ndarray) -> str:
    """The "language observation": one line per thing, ``{name} {distance} {directions}``."""
    x, y = int(blstats[0]), int(blstats[1])
    entries = _collect(glyphs, x, y)
    entries.sort(key=lambda e: (_DISTANCE_RANK[e[1]], _DIRECTION_RANK.get(e[2], 99)))
    entries = [e for e in entries if e[2] in _DIRECTION_RANK]
    return "\n".join(f"{name} {distance} {directions}" for name, distance, directions in _merge(entries))


def text_cursor(glyphs: np.ndarray, blstats: np.ndarray, tty_cursor: np.ndarray) -> str:
    """What the terminal cursor points at; empty when it is off the map (message line,
    status lines)."""
    x, y = int(blstats[0]), int(blstats[1])
    cursor_x, cursor_y = int(tty_cursor[1]), int(tty_cursor[0]) - 1
    dx, dy = cursor_x - x, y - cursor_y
    index = cursor_x + cursor_y * COLS
    if not (0 <= dx + COLS < 2 * COLS and 0 <= dy + ROWS < 2 * ROWS and 0 < index < ROWS * COLS):
        return ""
    name = FULLSCREEN_NAMES[glyphs.ravel()[index]]
    if dx == 0 and dy == 0:
        return "Yourself a " + name
    distance, direction = place_words(dx, dy)
    return f"{distance} {direction} {name}"


def text_inventory(inv_strs: np.ndarray, inv_letters: np.ndarray) -> str:
    """``{letter}: {item}`` lines, up to the first empty slot."""
    lines = []
    for letter, text in zip(inv_letters.tolist(), inv_strs):
        if letter == 0:
            break
        lines.append(f"{chr(letter)}: {_c_string(text)}")
    return "\n".join(lines)


def _c_string(array: np.ndarray) -> str:
    return array.tobytes().split(b"\0", 1)[0].decode("latin-1")


_BLANK = b" \x1a"  # the wrapper trims spaces and SUB only


def _trim(row: bytes) -> bytes:
    start = len(row) - len(row.lstrip(_BLANK))
    if start == len(row) - 1:  # the wrapper drops a lone last character
        return b""
    return row[start:].rstrip(_BLANK)


def _page_end(row: bytes) -> bool:
    """The row ends a window page: ``(n of m)``, ``--More--`` or ``(end)``."""
    at = row.find(b" of ")
    counted = at >= 2 and row[at - 2:at - 1] == b"(" and row[at + 5:at + 6] == b")"
    return counted or b"--More--" in row or b"(end)" in row


def text_message(tty_chars: np.ndarray) -> str:
    """The message: the top line, or a whole window (rows cut at the top line's indent)
    up to its page end, or the end-of-game screen up to two blank rows."""
    rows, cols = tty_chars.shape
    screen = tty_chars.tobytes()
    first, second = screen[:cols], screen[cols:2 * cols]
    first_trimmed = _trim(first)
    if not first_trimmed and not _trim(second):
        return ""
    second_trimmed = _trim(second)
    death_screen = b"Points" in second_trimmed or b"list!" in second_trimmed
    indent = len(first) - len(first.lstrip(b" "))
    if indent == cols:  # a blank top line: the wrapper reads each row from one byte
        # earlier (the byte before the screen reads as blank in every case observed)
        screen, indent = b" " + screen, 0
        cols_read = cols + 1
    else:
        cols_read = cols - indent
    output = b""
    blank_rows = 0
    for row_index in range(rows):
        start = row_index * cols + indent
        row = _trim(screen[start:start + cols_read])
        blank_rows = 0 if row else blank_rows + 1
        output += row
        if _page_end(row):
            return output.decode("latin-1")
        if row:
            output += b"\n"
        if death_screen and blank_rows > 1:
            return output.decode("latin-1")
    return first_trimmed.decode("latin-1")


_HUNGER = ("Satiated", "Not Hungry", "Hungry", "Weak", "Fainting", "Fainted", "Starved")
_ENCUMBRANCE = ("Unencumbered", "Burdened", "Stressed", "Strained", "Overtaxed", "Overloaded")
_ALIGNMENT = {-128: "None", 1: "Lawful", 0: "Neutral", -1: "Chaotic"}
# Condition bits (NetHack's BL_MASK_*) in the order the wrapper lists them.
_CONDITIONS = (
    (0x800, "Flying"), (0x400, "Levitating"), (0x200, "Hallucinating"), (0x100, "Confused"),
    (0x80, "Stunned"), (0x40, "Deaf"), (0x20, "Blind"), (0x10, "Terminally Ill"),
    (0x8, "Food Poisoning"), (0x4, "Strangled"), (0x2, "Slimed"), (0x1000, "Riding"),
    (0x1, "Stoned"),
)


def _word(table: Sequence[str], value: int) -> str:
    return table[value] if 0 <= value < len(table) else ""


def text_blstats(blstats: np.ndarray) -> str:
    """The 22 ``statistics`` lines of the VLM mode."""
    b = [int(v) for v in blstats]
    conditions = " ".join(name for mask, name in _CONDITIONS if b[25] & mask) or "None"
    return "\n".join([
        f"Strength: {b[3]}/{b[2]}", f"Dexterity: {b[4]}", f"Constitution: {b[5]}",
        f"Intelligence: {b[6]}", f"Wisdom: {b[7]}", f"Charisma: {b[8]}", f"Depth: {b[12]}",
        f"Gold: {b[13]}", f"HP: {b[10]}/{b[11]}", f"Energy: {b[14]}/{b[15]}", f"AC: {b[16]}",
        f"XP: {b[18]}/{b[19]}", f"Time: {b[20]}", f"Position: {b[0]}|{b[1]}",
        f"Hunger: {_word(_HUNGER, b[21])}", f"Monster Level: {b[17]}",
        f"Encumbrance: {_word(_ENCUMBRANCE, b[22])}", f"Dungeon Number: {b[23]}",
        f"Level Number: {b[24]}", f"Score: {b[9]}", f"Alignment: {_ALIGNMENT.get(b[26], '')}",
        f"Condition: {conditions}",
    ])
