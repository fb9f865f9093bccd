"""How BALROG lays the wrapper's texts out for the model, in its two modes.

Each section is ``{name}:\\n{value}\\n`` and sections are joined with ``\\n``, so a blank
line separates them. The long-term part stays in the history; the short-term part is shown
on the current turn only.

- Text mode: long term ``message``, ``language observation``, ``cursor`` (plus the raw
  ``(x=column, y=row)``) and ``map`` (terminal rows 1–23, 80 characters each, every row
  ending in ``\\n``); short term ``inventory``.
- Vision mode: long term ``message``, ``language observation``, ``cursor``; short term
  ``statistics`` then ``inventory``. The image carries the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .language import text_blstats, text_cursor, text_glyphs, text_inventory

__all__ = ["sections", "observation_texts"]


def sections(parts: list[tuple[str, str]]) -> str:
    return "\n".join(f"{name}:\n{value}\n" for name, value in parts)


def _ascii_map(tty_chars: Any) -> str:
    return "".join(row.tobytes().decode("latin-1") + "\n" for row in tty_chars[1:])


def observation_texts(obs: Mapping[str, Any], message: str, *, vision: bool) -> tuple[str, str]:
    """(long term, short term) texts of one observation; ``message`` is the wrapper's
    message (with ``--More--`` pages joined)."""
    glyphs, blstats, cursor = obs["glyphs"], obs["blstats"], obs["tty_cursor"]
    cursor_text = text_cursor(glyphs, blstats, cursor)
    inventory = ("inventory", text_inventory(obs["inv_strs"], obs["inv_letters"]))
    long_term = [("message", message), ("language observation", text_glyphs(glyphs, blstats))]
    if vision:
        long_term.append(("cursor", cursor_text))
        return sections(long_term), sections([("statistics", text_blstats(blstats)), inventory])
    long_term.append(("cursor", f"{cursor_text}\n(x={int(cursor[1])}, y={int(cursor[0])})"))
    long_term.append(("map", _ascii_map(obs["tty_chars"])))
    return sections(long_term), sections([inventory])
