"""The protocol's scorer: mean progression with standard errors."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..scoring import ScorerSpec, summarize_progression


@hookimpl
def register_scorers(register) -> None:
    register(
        ScorerSpec(
            name="progression",
            summarize=summarize_progression,
            description="BALROG progression 0-100: mean per task, env (tasks pooled) and overall, with SE",
        )
    )
