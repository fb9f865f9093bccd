"""The episode loop: one game, one agent, step by step, per the BALROG protocol.

Each step the agent sees the instruction, a window of past turns and the current
observation; an answer with no valid action plays the game's default action, is counted,
and the next observation carries the protocol's feedback (the loop passes the fact, the
chat layout in ``prompting`` writes the words). Blocking game work runs through ``run_blocking`` so
the event loop stays free for hundreds of concurrent episodes.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from typing import Any

import attrs

from .agent import AgentSettings, AgentSpec, PastTurn, PromptSettings, TurnContext
from .environment import Environment, EnvSettings, EnvSpec
from .errors import BalrogError
from .prompting import invalid_feedback
from .records import EpisodeKey, EpisodeRecord
from .trace import TraceWriter

__all__ = ["EpisodePlan", "episode_seed", "play_episode"]

# ``run_blocking(function, *args, setup=False)``: runs game code off the event loop;
# ``setup=True`` for building and resetting games.
RunBlocking = Callable[..., Awaitable[Any]]
MAX_INVALID_TEXT = 500


@attrs.frozen
class EpisodePlan:
    """One episode to play: which task, which index, which seed, how many steps at most."""

    env: str
    task: str
    index: int
    seed: int
    max_steps: int

    @property
    def key(self) -> EpisodeKey:
        return EpisodeKey(self.env, self.task, self.index)


def _reset(env: Environment, seed: int) -> tuple[Any, str]:
    observation = env.reset(seed)
    return observation, env.instruction_prompt()


def _step(env: Environment, action: str) -> tuple[Any, float]:
    outcome = env.step(action)
    return outcome, env.progression()


def _finish(env: Environment) -> tuple[float, dict[str, Any]]:
    return env.progression(), env.extras()


async def play_episode(
    plan: EpisodePlan,
    *,
    env_spec: EnvSpec,
    env_settings: EnvSettings,
    agent_spec: AgentSpec,
    agent_setup: AgentSettings,
    prompt: PromptSettings,
    run_blocking: RunBlocking,
    trace: TraceWriter | None = None,
    on_step: Callable[[EpisodePlan, int, bool, int], None] | None = None,
) -> EpisodeRecord:
    """Play ``plan`` to the end and return its record.

    Errors from the game or the agent end this episode with its traceback in the record;
    a ``BalrogError`` (bad configuration, missing key) is re-raised because every episode
    would hit it.
    """
    started = time.monotonic()
    env: Environment | None = None
    totals: dict[str, Any] = {
        "steps": 0, "episode_return": 0.0, "invalid_outputs": 0, "input_tokens": 0,
        "output_tokens": 0, "cached_tokens": 0, "retries": 0, "terminated": False,
        "truncated": False,
    }
    cost: float | None = None
    invalid_texts: list[str] = []
    actions: Counter[str] = Counter()
    try:
        env = await run_blocking(
            env_spec.factory, plan.task, attrs.evolve(env_settings, episode=plan.index), setup=True
        )
        agent = agent_spec.factory(agent_setup)
        observation, instruction = await run_blocking(_reset, env, plan.seed, setup=True)
        space = env.action_space
        if trace is not None:
            trace.header(
                env=plan.env, task=plan.task, index=plan.index, seed=plan.seed,
                max_steps=plan.max_steps, instruction=instruction,
                actions=space.names, default_action=space.default, free_text=space.free_text,
            )
        # Turns with an empty answer leave no assistant message, so up to twice the window
        # of turns can still be on screen.
        history: deque[PastTurn] = deque(maxlen=2 * max(prompt.history, prompt.image_history + 1, 1))
        defaulted: str | None = None
        for step in range(plan.max_steps):
            turn = TurnContext(
                instruction=instruction, observation=observation, history=tuple(history),
                action_space=space, step=step, settings=prompt, defaulted=defaulted, env=env,
            )
            reply = await agent.act(turn)
            invalid = reply.action is None
            played = space.default if reply.action is None else reply.action
            outcome, progression = await run_blocking(_step, env, played)
            completion = reply.completion
            if completion is not None:
                totals["input_tokens"] += completion.input_tokens
                totals["output_tokens"] += completion.output_tokens
                totals["cached_tokens"] += completion.cached_tokens or 0
                totals["retries"] += completion.retries
                if completion.cost is not None:
                    cost = (cost or 0.0) + completion.cost
            if invalid:
                totals["invalid_outputs"] += 1
                invalid_texts.append(reply.text[:MAX_INVALID_TEXT])
            actions[played] += 1
            totals["steps"] = step + 1
            totals["episode_return"] += float(outcome.reward)
            if trace is not None:
                image = (
                    trace.image(step, observation.image)
                    if observation.image is not None else None
                )
                trace.step(
                    reply.messages, step=step, observation=observation.text,
                    short_term=observation.short_term or None, image=image,
                    feedback=invalid_feedback(defaulted) if defaulted is not None else None,
                    output=reply.text, reasoning=reply.reasoning,
                    parsed=reply.action, rule=reply.rule, action=played, invalid=invalid,
                    reward=outcome.reward, progression=progression,
                    latency=completion.latency if completion else None,
                    input_tokens=completion.input_tokens if completion else None,
                    output_tokens=completion.output_tokens if completion else None,
                    cost=completion.cost if completion else None,
                )
            if on_step is not None:
                on_step(plan, step, invalid, (completion.input_tokens + completion.output_tokens) if completion else 0)
            history.append(PastTurn(
                observation, reply.memory if reply.memory is not None else reply.text, played,
                invalid, defaulted=defaulted, plan=reply.plan,
            ))
            defaulted = space.default if invalid else None
            observation = outcome.observation
            if outcome.terminated or outcome.truncated:
                totals["terminated"] = bool(outcome.terminated)
                totals["truncated"] = bool(outcome.truncated)
                break
        progression, extras = await run_blocking(_finish, env)
        record = EpisodeRecord(
            env=plan.env, task=plan.task, index=plan.index, seed=plan.seed,
            progression=float(progression), cost=cost, invalid_texts=invalid_texts,
            action_counts=dict(actions), extras=extras,
            wall_time=time.monotonic() - started, **totals,
        )
    except BalrogError:
        if trace is not None:
            trace.abandon()
        raise
    except Exception:
        record = EpisodeRecord(
            env=plan.env, task=plan.task, index=plan.index, seed=plan.seed,
            cost=cost, invalid_texts=invalid_texts, action_counts=dict(actions),
            wall_time=time.monotonic() - started, error=traceback.format_exc(), **totals,
        )
    finally:
        if env is not None:
            try:
                await run_blocking(env.close)
            except Exception:
                pass
    if trace is not None:
        trace.finish(progression=record.progression, steps=record.steps, error=record.error)
        record = attrs.evolve(record, trace=f"traces/{trace.path.name}")
    return record


def episode_seed(base_seed: int, env: str, task: str, index: int) -> int:
    """A 31-bit seed, stable across Python versions and platforms."""
    digest = hashlib.sha256(f"{base_seed}/{env}/{task}/{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF
