"""Turn the interpreter's raw output into the observation an agent reads.

A ``.z8`` game prints, after every turn, a command prompt followed by a status line
(``>   -= Kitchen =-3/12``: room, score, moves) and, at the start, a large ASCII-art
banner; after the last turn it offers to restart. None of that is part of the story, and
the score in the status line would leak reward information the protocol does not show.
"""

from __future__ import annotations

import re

__all__ = ["clean_feedback"]

_BANNER_CHARS = set(" _|$\\/<>")
_STATUS_LINE = re.compile(r"\n[ \t]*>[^\n]*\Z")
_RESTART_OFFER = re.compile(r"\n[^\n]*Would you like to RESTART, RESTORE a saved game[^\n]*", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n{3,}")


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
