"""Prompt tokens per step of each prompting strategy, on real games, against the loopback
OpenAI-compatible server.

Every agent plays the same short episodes (one per task, ``--steps`` steps, an action that
never ends the episode) through the litellm client; the server answers with a fixed reply
in the agent's format and counts tokens as about four characters per token (no real
tokenizer), so the numbers compare agents with each other, not with a provider's bill.
few_shot is shown ``--demos`` demonstrations recorded first with the env's oracle (or the
random agent when the env has none).

    python benchmarks/bench_agent_prompts.py [--envs babyai,crafter] [--steps 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENAI_API_KEY", "sk-loopback")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from balrog_core import ConfigError  # noqa: E402
from balrog_core.harness import Run, RunConfig, read_trace  # noqa: E402
from balrog_core.harness import get_registry  # noqa: E402
from balrog_core.testing import LoopbackOpenAI  # noqa: E402
from balrog_agent_fewshot import DemoStore, record_demonstrations  # noqa: E402

# An action that keeps each game going, so every episode lasts the full step count.
IDLE_ACTION = {"babyai": "turn left", "crafter": "Noop", "babaisai": "idle", "minihack": "north"}
REASONING = (
    "The observation shows walls around me and no sign of the goal yet. Nothing in view "
    "helps directly, so the best move is to change my view and look for the objects the "
    "mission needs before I commit to a path."
)
REPLIES = {
    "naive": "{action}",
    "robust_naive": "<|ACTION|>{action}<|END|>",
    "cot": REASONING + "\nACTION: {action}",
    "robust_cot": REASONING + "\n<|ACTION|>{action}<|END|>",
    "few_shot": "{action}",
    "planner": "The plan still holds.\nPLAN:\n1. look around for the goal\n2. walk to it\n3. finish the mission\nACTION: {action}",
}


def record_store(env: str, tasks: list[str], directory: Path, episodes: int) -> tuple[str, str]:
    """Demonstrations of every task; returns the store path and the agent that played them."""
    try:
        get_registry().agent("oracle", env)
        expert = "oracle"
    except ConfigError:
        expert = "random"
    store = DemoStore(directory)
    for task in tasks:
        record_demonstrations(store, env, task, agent=expert, episodes=episodes, max_steps=64)
    return str(directory), expert


def measure(env: str, tasks: list[str], agent: str, steps: int, options: dict[str, str], output: Path) -> dict[str, float]:
    reply = REPLIES[agent].format(action=IDLE_ACTION[env])
    with LoopbackOpenAI(reply) as server:
        config = RunConfig(
            envs=[env], tasks=tasks, agent=agent, client="litellm", model="openai/loopback",
            base_url=server.url, episodes=1, max_steps=steps, concurrency=len(tasks), options=options,
        )
        info = Run.create(config, output)
        asyncio.run(info.play())
    records = info.records
    failed = [r for r in records if r.error]
    if failed:
        raise SystemExit(f"{env}/{agent}: an episode failed:\n{failed[0].error}")
    total_steps = sum(r.steps for r in records)
    per_step = [
        [line["input_tokens"] for line in read_trace(info.directory.path / r.trace) if line["type"] == "step"]
        for r in records
    ]
    return {
        "steps": total_steps,
        "per_step": sum(r.input_tokens for r in records) / total_steps,
        "first": sum(tokens[0] for tokens in per_step) / len(per_step),
        "last": sum(tokens[-1] for tokens in per_step) / len(per_step),
        "invalid": sum(r.invalid_outputs for r in records),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", default="babyai,crafter", help="comma-separated; envs not installed are skipped")
    parser.add_argument("--steps", type=int, default=20, help="steps per episode")
    parser.add_argument("--demos", type=int, default=1, help="demonstrations shown to few_shot")
    args = parser.parse_args()
    registry = get_registry()
    installed = set(registry.names("env"))
    print("prompt tokens per step (loopback server: ~4 characters per token, not a real tokenizer)")
    print(f"{args.steps} steps per episode, one episode per task, history window 16; "
          f"cot/robust_cot reasoning reply ~{len(REASONING) // 4} tokens, reasoning_turns=1; few_shot demos={args.demos}")
    for env in [name.strip() for name in args.envs.split(",") if name.strip()]:
        if env not in installed or env not in IDLE_ACTION:
            print(f"\n{env}: not installed (or no idle action known), skipped")
            continue
        tasks = [task.name for task in registry.env(env).tasks]
        with tempfile.TemporaryDirectory(prefix="bench-prompts-") as scratch:
            started = time.monotonic()
            store, expert = record_store(env, tasks, Path(scratch) / "demos", episodes=max(args.demos, 1) + 1)
            print(f"\n{env} ({len(tasks)} tasks: {', '.join(tasks)}; few_shot demos by {expert}, "
                  f"at most 64 steps each, recorded in {time.monotonic() - started:.1f}s)")
            print(f"{'agent':<14}{'tokens/step':>12}{'step 1':>9}{f'step {args.steps}':>10}{'invalid':>9}")
            for agent in REPLIES:
                options = {"agent.demos_dir": store, "agent.demos": str(args.demos)} if agent == "few_shot" else {}
                row = measure(env, tasks, agent, args.steps, options, Path(scratch) / f"run-{agent}")
                print(f"{agent:<14}{row['per_step']:>12.0f}{row['first']:>9.0f}{row['last']:>10.0f}{row['invalid']:>9}")


if __name__ == "__main__":
    main()
