"""Registers the ``cot`` and ``robust_cot`` agents."""

from __future__ import annotations

from balrog_core import AgentSpec, hookimpl

from .agents import CotAgent, CotOptions, RobustCotAgent, RobustCotOptions


def _turns(options, default: type) -> int:
    return (options if options is not None else default()).reasoning_turns


@hookimpl
def register_agents(register) -> None:
    register(AgentSpec(
        name="cot",
        factory=lambda setup: CotAgent(setup.client, _turns(setup.options, CotOptions), setup.parse),
        description="reasons step by step, then 'ACTION: <action>' (BALROG's cot agent)",
        options=CotOptions,
    ))
    register(AgentSpec(
        name="robust_cot",
        factory=lambda setup: RobustCotAgent(
            setup.client, _turns(setup.options, RobustCotOptions), setup.parse
        ),
        description="reasons, then the action between <|ACTION|> and <|END|> (BALROG's robust_cot)",
        options=RobustCotOptions,
    ))
