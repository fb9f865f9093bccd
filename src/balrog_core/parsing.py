"""Turning a model's free-form answer into one legal action.

Shared by every agent so that a prompting strategy is compared on its reasoning, not on
how forgiving its parser is. Tolerant mode forgives case, spacing, quotes, markdown,
trailing punctuation and list numbering; ``strict`` reproduces the reference's exact
matching. The rule that matched is reported so traces show how an answer was read.
"""

from __future__ import annotations

import re

import attrs

from .actions import ActionSpace

__all__ = ["ParsedAction", "parse_action", "extract_marked", "extract_delimited"]

_WRAPPERS = "\"'`*_[](){}<>"
_TRAILING = ".,;:!?"
_NUMBERING = re.compile(r"^\s*(?:\d+\s*[.)]|[-•]|\(\d+\))\s+")
_SPACES = re.compile(r"\s+")


@attrs.frozen
class ParsedAction:
    """``action`` is a legal action name or ``None``; ``rule`` says which rule matched
    (``exact``, ``normalized``, ``numbered``, ``contained``, ``free_text``) or why
    nothing did (``empty``, ``no_match``)."""

    action: str | None
    rule: str


def _normalize(text: str) -> str:
    text = _SPACES.sub(" ", text.strip())
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip(_WRAPPERS).rstrip(_TRAILING).strip()
    return text.casefold()


def parse_action(text: str | None, space: ActionSpace, strict: bool = False) -> ParsedAction:
    """Read ``text`` as one action of ``space``. Never raises."""
    if text is None or not text.strip():
        return ParsedAction(None, "empty")
    if text in space.actions:
        return ParsedAction(text, "exact")
    if strict:
        if space.free_text and "\n" not in text.strip():
            return ParsedAction(text.strip(), "free_text")
        return ParsedAction(None, "no_match")
    by_normal = {_normalize(name): name for name in space.actions}
    lines = [line for line in text.strip().splitlines() if line.strip()]
    for candidate in (text, lines[-1] if lines else text):
        normal = _normalize(candidate)
        if normal in by_normal:
            return ParsedAction(by_normal[normal], "normalized")
        unnumbered = _normalize(_NUMBERING.sub("", candidate, count=1))
        if unnumbered in by_normal:
            return ParsedAction(by_normal[unnumbered], "numbered")
    if space.free_text:
        command = _normalize(lines[-1]) if lines else ""
        return ParsedAction(command, "free_text") if command else ParsedAction(None, "empty")
    found = _contained(_normalize(text), by_normal)
    return ParsedAction(found, "contained") if found else ParsedAction(None, "no_match")


def _contained(text: str, by_normal: dict[str, str]) -> str | None:
    """The single action named in a short answer ("I will go forward"), if exactly one
    action's name appears as whole words; longer names win over their own prefixes."""
    if not text or len(text) > 200:
        return None
    hits = [
        normal
        for normal in by_normal
        if normal and re.search(rf"(?<![\w-]){re.escape(normal)}(?![\w-])", text)
    ]
    hits = [h for h in hits if not any(h != other and h in other for other in hits)]
    return by_normal[hits[0]] if len(hits) == 1 else None


def extract_marked(text: str, marker: str = "ACTION:") -> str | None:
    """The text after the last ``marker`` (case-insensitive) up to the end of its line."""
    found = None
    for match in re.finditer(re.escape(marker), text, flags=re.IGNORECASE):
        found = match
    if found is None:
        return None
    rest = text[found.end() :].strip()
    return rest.splitlines()[0] if rest else ""


def extract_delimited(text: str, start: str = "<|ACTION|>", end: str = "<|END|>") -> str | None:
    """The text between the last ``start`` delimiter and the next ``end`` (or the end)."""
    position = text.rfind(start)
    if position < 0:
        return None
    rest = text[position + len(start) :]
    stop = rest.find(end)
    return (rest[:stop] if stop >= 0 else rest).strip()
