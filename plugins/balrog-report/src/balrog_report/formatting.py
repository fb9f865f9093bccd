"""How numbers read in every rendering: scores as ``mean ± SE``, money, tokens, time."""

from __future__ import annotations

from typing import Any

__all__ = ["score", "percent", "tokens", "money", "duration", "DASH"]

DASH = "—"


def score(group: dict[str, Any] | None) -> str:
    """``mean ± SE``; a single episode has no SE, a missing env shows a dash."""
    if not group or group.get("mean") is None:
        return DASH
    if group.get("se") is None:
        return f"{group['mean']:.2f}"
    return f"{group['mean']:.2f} ± {group['se']:.2f}"


def percent(rate: float | None) -> str:
    return DASH if rate is None else f"{100 * rate:.1f}%"


def tokens(count: int | None) -> str:
    return DASH if count is None else f"{count:,}"


def money(cost: float | None) -> str:
    return DASH if cost is None else f"${cost:.4f}"


def duration(seconds: float | None) -> str:
    """Summed episode wall time (episodes overlap when run concurrently)."""
    if seconds is None:
        return DASH
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.2f} h"
