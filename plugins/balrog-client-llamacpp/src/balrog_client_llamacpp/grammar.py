"""GBNF grammars that let the model write only one of the legal actions."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["choice_grammar"]


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def choice_grammar(choices: Sequence[str]) -> str:
    """``root ::= "a" | "b" | ...`` over the distinct choices, in order."""
    unique = list(dict.fromkeys(choices))
    if not unique:
        raise ValueError("a choice grammar needs at least one choice")
    return "root ::= " + " | ".join(_literal(choice) for choice in unique)
