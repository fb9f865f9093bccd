"""The rule vocabulary and how rules are read off the board.

Rules are read the way Baba Is AI reads them: every ``is`` block, row by row (top to
bottom, left to right), is checked first across (left ``is`` right) and then down (above
``is`` below), looking only at the *top* thing of each neighbouring cell. ``NOUN is
PROPERTY`` gives a property to a kind of object; ``NOUN is NOUN`` turns objects of the
first kind into the second. A rule spelled twice is read twice; the order is kept because
the observation lists rules in this order and the player is found from the last ``is you``.
"""

from __future__ import annotations

__all__ = ["NOUNS", "PROPERTIES", "OPERATOR", "WORDS", "Rule", "rule_text", "is_property"]

NOUNS = ("baba", "wall", "door", "key", "ball")
PROPERTIES = ("you", "win", "stop", "push")
OPERATOR = "is"
WORDS = NOUNS + (OPERATOR,) + PROPERTIES

Rule = tuple[str, str]
"""(noun, property-or-noun): ``("baba", "you")`` is BABA IS YOU."""


def is_property(rule: Rule) -> bool:
    """``NOUN is PROPERTY`` (listed in observations), not ``NOUN is NOUN``."""
    return rule[1] in PROPERTIES


def rule_text(rule: Rule) -> str:
    """``("baba", "you")`` -> ``"baba is you"``."""
    return f"{rule[0]} {OPERATOR} {rule[1]}"
