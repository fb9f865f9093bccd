"""Turning a model's free-form answer into one legal action.

Shared by every agent so that a prompting strategy is compared on its reasoning, not on
how forgiving its parser is. The default, ``reference``, is the BALROG harness's rule: the
agent extracts a candidate (the naive and chain-of-thought agents delete every character
that is not an ASCII letter, whitespace or ``:``) and the candidate is valid only if it is
exactly one of the action names, case and spaces included. ``tolerant`` (an opt-in, a
protocol deviation) forgives case, spacing, quotes, markdown, trailing punctuation and list
numbering. The rule that matched is reported so traces show how an answer was read.
"""

from __future__ import annotations

import re

import attrs

from .environment import ActionSpace

__all__ = [
    "PARSE_MODES",
    "ParsedAction",
    "extract_delimited",
    "extract_marked",
    "letters_only",
    "parse_action",
    "read_action",
]

PARSE_MODES = ("reference", "tolerant")
_NOT_LETTERS = re.compile(r"[^a-zA-Z\s:]")

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


def letters_only(text: str) -> str:
    """The reference's candidate filter: drop everything but ASCII letters, whitespace and
    ``:``; nothing is stripped or lower-cased afterwards (so ``1. go forward`` keeps a
    leading space and is invalid)."""
    return _NOT_LETTERS.sub("", text)


def read_action(candidate: str | None, space: ActionSpace, mode: str = "reference") -> ParsedAction:
    """Judge an agent's extracted candidate by the run's parse mode.

    ``reference``: valid only as an exact action name, or any string at all (the empty
    one included) in a free-text game. ``tolerant``: :func:`parse_action`'s forgiving rules.
    """
    if mode == "tolerant":
        return parse_action(candidate, space)
    if candidate is None:
        return ParsedAction(None, "empty")
    if space.free_text:
        return ParsedAction(candidate, "free_text")
    if candidate in space.actions:
        return ParsedAction(candidate, "exact")
    return ParsedAction(None, "empty" if not candidate.strip() else "no_match")


def parse_action(text: str | None, space: ActionSpace) -> ParsedAction:
    """Read ``text`` leniently as one action of ``space`` (the ``tolerant`` parse mode).
    Never raises."""
    if text is None or not text.strip():
        return ParsedAction(None, "empty")
    if text in space.actions:
        return ParsedAction(text, "exact")
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
    """The text between the first ``start`` and the ``end`` that follows it (newlines
    included), stripped; ``None`` when no such pair exists (the robust agents' rule)."""
    match = re.search(f"{re.escape(start)}(.*?){re.escape(end)}", text, flags=re.DOTALL)
    return match.group(1).strip() if match else None
