"""The embedded model's speed: generation tokens/s, prompt tokens/s, and seconds per
BabyAI step with the naive agent (history 16), for 1 and 2 threads.

    python benchmarks/bench_llamacpp.py [--steps 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time

from balrog_core import ClientSettings, Message
from balrog_core.harness import Run, RunConfig
from balrog_client_llamacpp.client import LlamaCppClient, LlamaCppOptions


def generation_speed(threads: int) -> dict:
    client = LlamaCppClient(ClientSettings(max_tokens=128, temperature=0.0,
                                           options=LlamaCppOptions(threads=threads, context=4096)))
    prompt = [Message("user", "Describe a walk through a forest in detail. " * 20)]
    asyncio.run(client.complete([Message("user", "hi")]))  # load the model
    started = time.perf_counter()
    completion = asyncio.run(client.complete(prompt))
    elapsed = time.perf_counter() - started
    return {"threads": threads, "prompt_tokens": completion.input_tokens,
            "output_tokens": completion.output_tokens, "seconds": round(elapsed, 2),
            "tokens_per_s_overall": round((completion.input_tokens + completion.output_tokens) / elapsed, 1)}


def decode_speed(threads: int) -> float:
    client = LlamaCppClient(ClientSettings(max_tokens=200, temperature=0.0,
                                           options=LlamaCppOptions(threads=threads, context=4096)))
    asyncio.run(client.complete([Message("user", "hi")]))
    started = time.perf_counter()
    completion = asyncio.run(client.complete([Message("user", "Count from 1 to 100, one number per line.")]))
    return round(completion.output_tokens / (time.perf_counter() - started), 1)


def babyai_steps(threads: int, steps: int) -> dict:
    config = RunConfig(envs=["babyai"], tasks=["goto"], agent="naive", client="llamacpp", episodes=1,
                       max_steps=steps, max_tokens=32, options={"client.threads": str(threads)})
    with tempfile.TemporaryDirectory() as tmp:
        info = Run.create(config, f"{tmp}/run")
        started = time.perf_counter()
        asyncio.run(info.play())
        elapsed = time.perf_counter() - started
        record = json.loads(open(f"{tmp}/run/episodes.jsonl").readline())
    return {"threads": threads, "steps": record["steps"], "seconds_per_step": round(elapsed / record["steps"], 3),
            "prompt_tokens_per_step": round(record["input_tokens"] / record["steps"]),
            "output_tokens_per_step": round(record["output_tokens"] / record["steps"], 1),
            "cached_tokens_per_step": round(record["cached_tokens"] / record["steps"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    for threads in (1, 2):
        print(json.dumps({"decode_tokens_per_s": decode_speed(threads), **generation_speed(threads)}), flush=True)
        print(json.dumps(babyai_steps(threads, args.steps)), flush=True)


if __name__ == "__main__":
    main()
