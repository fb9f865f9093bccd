"""Baba Is AI for balrog: a clean-room rule-pushing grid puzzle, its 40 levels, and an oracle."""
