"""The paper's published overall averages (BALROG, arXiv 2411.13543), shown beside a run's
scores for context. Average progression in percent over the six environments, ± SE."""

from __future__ import annotations

__all__ = ["PUBLISHED", "MODE_TITLES", "published_for"]

MODE_TITLES = {"language": "language-only", "vision": "vision-language"}

PUBLISHED: dict[str, list[tuple[str, float, float]]] = {
    "language": [
        ("gpt-4o", 32.34, 1.49),
        ("claude-3.5-sonnet", 29.98, 1.98),
        ("llama-3.1-70b-it", 27.88, 1.43),
        ("llama-3.2-90B-it", 23.66, 1.09),
        ("gemini-1.5-pro", 21.00, 1.18),
        ("gpt-4o-mini", 17.36, 1.35),
        ("llama-3.1-8b-it", 14.14, 1.51),
        ("llama-3.2-11B-it", 13.54, 1.05),
        ("gemini-1.5-flash", 9.73, 0.77),
        ("llama-3.2-3B-it", 8.47, 1.12),
        ("llama-3.2-1B-it", 6.32, 1.00),
    ],
    "vision": [
        ("claude-3.5-sonnet", 29.08, 2.21),
        ("gemini-1.5-pro", 25.76, 1.36),
        ("gpt-4o", 22.56, 1.44),
        ("gpt-4o-mini", 15.36, 1.29),
        ("gemini-1.5-flash", 14.94, 1.40),
        ("llama-3.2-90B-it", 13.43, 1.16),
        ("llama-3.2-11B-it", 6.91, 0.84),
    ],
}


def published_for(vision: bool) -> list[dict[str, float | str]]:
    """The published rows of the matching mode, best first."""
    mode = "vision" if vision else "language"
    return [{"model": m, "mean": mean, "se": se, "mode": mode} for m, mean, se in PUBLISHED[mode]]
