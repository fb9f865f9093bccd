"""The paper's published overall averages (BALROG, arXiv 2411.13543, Tables 2 and 3), shown
beside a run's overall score for context. The numbers are the core's data file
(``balrog_core.published_table``), the same that places a run per game."""

from __future__ import annotations

from balrog_core.harness import published_table

__all__ = ["MODE_TITLES", "published_for"]

MODE_TITLES = {"language": "language-only", "vision": "vision-language"}


def published_for(vision: bool) -> list[dict[str, float | str]]:
    """The published overall rows of the matching mode, best first."""
    mode = "vision" if vision else "language"
    return [{"model": row.model, "mean": row.mean, "se": row.se, "mode": mode}
            for row in published_table("overall", mode)]
