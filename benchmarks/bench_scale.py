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

from balrog_core import RunConfig, execute_run, prepare_run  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
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
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


class PeakMemory:
    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(os.getpid()))
            self._stop.wait(0.25)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_mb(os.getpid()))


def measure(args: argparse.Namespace, concurrency: int, url: str) -> dict:
    episodes = max(concurrency, args.min_episodes)
    config = RunConfig(
        envs=[args.env], tasks=[args.task], agent="naive", client="litellm", model=args.model,
        base_url=url, episodes=episodes, max_steps=args.steps, concurrency=concurrency,
        executor=args.executor, workers=args.workers, max_tokens=16, timeout=60,
    )
    with tempfile.TemporaryDirectory() as tmp:
        info = prepare_run(config, f"{tmp}/run")
        with PeakMemory() as memory:
            started = time.perf_counter()
            asyncio.run(execute_run(info))
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
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", default="babyai")
    parser.add_argument("--task", default="goto")
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 64, 256])
    parser.add_argument("--steps", type=int, default=20, help="step cap per episode")
    parser.add_argument("--min-episodes", type=int, default=8)
    parser.add_argument("--executor", default="local")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reply", default="go forward")
    parser.add_argument("--model", default="openai/loopback",
                        help="hosted_vllm/loopback uses litellm's plain-HTTP route (half the CPU per call)")
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "balrog_core.testing.openai_server", "--port", str(port),
         "--latency", str(args.latency), "--reply", args.reply],
        stdout=subprocess.PIPE, text=True,
    )
    server.stdout.readline()
    url = f"http://127.0.0.1:{port}/v1"
    try:
        print(f"# {args.env}/{args.task}, latency {args.latency}s, model {args.model}, "
              f"executor {args.executor}, {os.cpu_count()} cores")
        for concurrency in args.concurrency:
            print(json.dumps(measure(args, concurrency, url)), flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
