"""Turn the interpreter's raw output into the observation an agent reads.

The reference keeps the game's text as it is, except that it hides the game's objective:
the text is cut after the objective's last occurrence and stripped. At reset that drops the
ASCII-art banner and the objective, so the first observation starts at the room; the reply
to ``goal`` loses the objective too. Nothing else is removed: a ``.z8`` game's ``>`` prompt
with its status line (``>   -= Kitchen =-3/12``: room, score, moves) stays at the end.

``clean_feedback`` is the project's own tidier text (the ``extended`` protocol or the
``clean_text`` option): no banner, no prompt or status line, no restart offer, no layout
indentation.
"""

from __future__ import annotations

import re

__all__ = ["filter_objective", "clean_feedback"]

_BANNER_CHARS = set(" _|$\\/<>")
_STATUS_LINE = re.compile(r"\n[ \t]*>[^\n]*\Z")
_RESTART_OFFER = re.compile(r"\n[^\n]*Would you like to RESTART, RESTORE a saved game[^\n]*", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def filter_objective(text: str, objective: str) -> str:
    """The reference's filter: the text after the last occurrence of ``objective``,
    stripped; the whole text, stripped, when the objective does not occur."""
    if not objective:
        return text.strip()
    return text.split(objective)[-1].strip()


def _drop_banner(text: str) -> str:
    lines = text.split("\n")
    start = 0
    while start < len(lines) and set(lines[start]) <= _BANNER_CHARS:
        start += 1
    return "\n".join(lines[start:])


def clean_feedback(raw: str) -> str:
    """The story text of one turn: no banner, no prompt or status line, no restart offer,
    no layout indentation."""
    text = _STATUS_LINE.sub("", "\n" + raw)
    text = _RESTART_OFFER.sub("", text)
    text = "\n".join(line.strip() for line in _drop_banner(text).split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
