"""Throughput and memory against concurrency, with a loopback model of fixed latency.

A loopback OpenAI-compatible server (separate process) answers every request after
``--latency`` seconds. With N episodes in flight the ideal rate is N / latency steps per
second; the harness (scheduler, litellm client, game steps, traces) should get close.

    python benchmarks/bench_scale.py --env babyai --task goto --latency 1.0 --concurrency 1 8 64 256
    python benchmarks/bench_scale.py --latency 0 --concurrency 8      # harness cost per step
    python benchmarks/bench_scale.py --executor processes ...          # spread over cores

Prints one row per concurrency: steps/s, % of ideal, peak RSS of this process and its
workers (MB), and ms per step.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENAI_API_KEY", "sk-loopback-benchmark")

from balrog_core import EnvSettings  # noqa: E402
from balrog_core.harness import Run, RunConfig  # noqa: E402
from balrog_core.options import build_options  # noqa: E402
from balrog_core.harness import get_registry  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss_mb(root: int, exclude: int | None = None) -> float:
    """Resident memory of a process and all its descendants (but ``exclude``, the loopback
    server, which stands for the model), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"].strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        if pid == exclude:
            continue
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


class PeakMemory:
    def __init__(self, exclude: int | None = None) -> None:
        self.exclude = exclude
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(os.getpid(), self.exclude))
            self._stop.wait(0.25)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_mb(os.getpid(), self.exclude))


def env_step_ms(args: argparse.Namespace, episodes: int = 32) -> float:
    """Milliseconds per step of the game alone (reset included, as in a run), playing the
    loopback's reply with the step cap: what the harness's overhead is measured against."""
    spec = get_registry().env(args.env)
    settings = EnvSettings(options=build_options(spec.options, {}, f"env.{args.env}"))
    spec.factory(args.task, settings).reset(0)  # first-use imports and caches, as a run's warm-up
    steps, started = 0, time.perf_counter()
    for index in range(episodes):
        env = spec.factory(args.task, settings)
        env.reset(index)
        for _ in range(args.steps):
            outcome = env.step(args.reply)
            env.progression()
            steps += 1
            if outcome.terminated or outcome.truncated:
                break
        env.close()
    return 1000 * (time.perf_counter() - started) / steps


def measure(args: argparse.Namespace, concurrency: int, url: str, server_pid: int | None = None) -> dict:
    episodes = max(concurrency * args.rounds, args.min_episodes)
    config = RunConfig(
        envs=[args.env], tasks=[args.task], agent="naive", client=args.client, model=args.model,
        base_url=url, episodes=episodes, max_steps=args.steps, concurrency=concurrency,
        executor=args.executor, workers=args.workers, max_tokens=16, timeout=60,
    )
    with tempfile.TemporaryDirectory() as tmp:
        info = Run.create(config, f"{tmp}/run")
        with PeakMemory(exclude=server_pid) as memory:
            started = time.perf_counter()
            asyncio.run(info.play())
            elapsed = time.perf_counter() - started
        records = [json.loads(line) for line in Path(f"{tmp}/run/episodes.jsonl").read_text().splitlines()]
    steps = sum(r["steps"] for r in records)
    failed = sum(r["error"] is not None for r in records)
    ideal = concurrency / args.latency if args.latency else None
    rate = steps / elapsed
    return {
        "concurrency": concurrency, "episodes": len(records), "failed": failed, "steps": steps,
        "seconds": round(elapsed, 2), "steps_per_s": round(rate, 1),
        "ideal_pct": round(100 * rate / ideal, 1) if ideal else None,
        "peak_rss_mb": round(memory.peak), "ms_per_step": round(1000 * elapsed / steps, 3),
        "harness_ms_per_step": round(1000 * elapsed / steps - args.env_ms, 3) if not args.latency else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", default="babyai")
    parser.add_argument("--task", default="goto")
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 64, 256])
    parser.add_argument("--steps", type=int, default=20, help="step cap per episode")
    parser.add_argument("--min-episodes", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2,
                        help="episodes per concurrency slot: more than 1 keeps every slot busy "
                             "after short episodes end, so the rate is the steady state")
    parser.add_argument("--executor", default="local")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reply", default="go forward")
    parser.add_argument("--client", default="openai", help="openai (lean HTTP) or litellm")
    parser.add_argument("--model", default=None,
                        help="default: loopback (openai client), openai/loopback (litellm; "
                             "hosted_vllm/loopback takes its plain-HTTP route)")
    args = parser.parse_args()
    if args.model is None:
        args.model = "openai/loopback" if args.client == "litellm" else "loopback"
    args.env_ms = env_step_ms(args)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "balrog_core.testing.openai_server", "--port", str(port),
         "--latency", str(args.latency), "--reply", args.reply],
        stdout=subprocess.PIPE, text=True,
    )
    server.stdout.readline()
    url = f"http://127.0.0.1:{port}/v1"
    try:
        print(f"# {args.env}/{args.task}, latency {args.latency}s, {args.client} client, model {args.model}, "
              f"executor {args.executor}, {os.cpu_count()} cores; game alone {args.env_ms:.3f} ms/step")
        # Imports, the first connection and first-use caches are paid here, unreported.
        measure(argparse.Namespace(**{**vars(args), "min_episodes": 2, "rounds": 1}), 2, url)
        for concurrency in args.concurrency:
            print(json.dumps(measure(args, concurrency, url, server.pid)), flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
