"""Reading rules from rule blocks: NOUN IS PROPERTY and NOUN IS NOUN.

Three blocks in a row, left to right or top to bottom, form a rule when the first is a
noun, the middle is ``is`` and the last is a property or a noun. Rules are recomputed
from scratch after every move, so pushing a block out of line breaks its rule at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .board import Thing

__all__ = [
    "NOUNS", "PROPERTIES", "OPERATOR", "WORDS", "Rule",
    "active_rules", "properties_by_kind", "transformations", "rule_text", "rule_cells",
]

NOUNS = ("baba", "wall", "door", "key", "ball")
PROPERTIES = ("you", "win", "stop", "push")
OPERATOR = "is"
WORDS = NOUNS + (OPERATOR,) + PROPERTIES

Rule = tuple[str, str]
"""(noun, property-or-noun): ``("baba", "you")`` is BABA IS YOU."""

_NOUN_SET = frozenset(NOUNS)
_AXES = ((1, 0), (0, 1))


def _spelled(things: Iterable["Thing"]) -> Iterator[tuple[Rule, tuple[tuple[int, int], ...]]]:
    """Each rule the blocks spell, with the cells of its three blocks."""
    words = {(t.x, t.y): t.word for t in things if t.word is not None}
    for (x, y), word in words.items():
        if word != OPERATOR:
            continue
        for dx, dy in _AXES:
            subject = words.get((x - dx, y - dy))
            target = words.get((x + dx, y + dy))
            if subject in _NOUN_SET and target is not None and target != OPERATOR:
                yield (subject, target), ((x - dx, y - dy), (x, y), (x + dx, y + dy))


def active_rules(things: Iterable["Thing"]) -> frozenset[Rule]:
    """Every rule spelled horizontally or vertically by the rule blocks."""
    return frozenset(rule for rule, _ in _spelled(things))


def properties_by_kind(rules: Iterable[Rule]) -> dict[str, frozenset[str]]:
    """For each property, the kinds of object that have it."""
    found: dict[str, set[str]] = {}
    for noun, target in rules:
        if target not in _NOUN_SET:
            found.setdefault(target, set()).add(noun)
    return {prop: frozenset(kinds) for prop, kinds in found.items()}


def transformations(rules: Iterable[Rule]) -> dict[str, str]:
    """NOUN IS NOUN rules as ``{old kind: new kind}``.

    ``X IS X`` protects X from changing; when several targets apply, the alphabetically
    first wins so the outcome never depends on set ordering.
    """
    rules = set(rules)
    changes: dict[str, str] = {}
    for noun, target in sorted(rules):
        if target in _NOUN_SET and target != noun and (noun, noun) not in rules:
            changes.setdefault(noun, target)
    return changes


def rule_text(rule: Rule) -> str:
    """``("baba", "you")`` -> ``"baba is you"``."""
    return f"{rule[0]} {OPERATOR} {rule[1]}"


def rule_cells(things: Iterable["Thing"]) -> dict[Rule, list[tuple[int, int]]]:
    """For each active rule, the cells of the blocks spelling it (a rule may be spelled
    more than once)."""
    cells: dict[Rule, list[tuple[int, int]]] = {}
    for rule, where in _spelled(things):
        cells.setdefault(rule, []).extend(where)
    return cells
