"""A stand-in for the ``vllm`` executable on a machine without a GPU.

It takes vLLM's command line (``serve MODEL --host H --port P [flags]``), ignores the vLLM
flags it does not know, and serves the core's loopback OpenAI-compatible server, which
answers ``/health``, ``/v1/models`` and chat completions as vLLM does. Extra flags script
the failure modes a launcher must handle. Tests copy it into a temp directory behind a
shebang naming the test interpreter and make it executable.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time


def main() -> None:
    serve = argparse.ArgumentParser(prog="vllm")
    serve.add_argument("command", choices=["serve"])
    serve.add_argument("model")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--reply", default="go forward")
    serve.add_argument("--latency", type=float, default=0.0, help="seconds per completion")
    serve.add_argument("--cached-tokens", type=int, default=None)
    serve.add_argument("--require-key", default=None)
    serve.add_argument("--delay", type=float, default=0.0, help="seconds before serving (loading weights)")
    serve.add_argument("--exit-code", type=int, default=None, help="fail after the delay instead of serving")
    serve.add_argument("--ignore-term", action="store_true", help="survive SIGTERM (a hung server)")
    serve.add_argument("--pid-file", default=None, help="write this process's pid")
    serve.add_argument("--child-pid-file", default=None, help="spawn an engine-like child; write its pid")
    serve.add_argument("--argv-file", default=None, help="write the command line received, as JSON")
    args, unknown = serve.parse_known_args()

    if args.argv_file:
        with open(args.argv_file, "w") as out:
            json.dump(sys.argv[1:], out)
    if args.pid_file:
        with open(args.pid_file, "w") as out:
            out.write(str(os.getpid()))
    if args.ignore_term:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if args.child_pid_file:
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        with open(args.child_pid_file, "w") as out:
            out.write(str(child.pid))
    print(f"INFO loading {args.model}; ignoring vLLM flags {unknown}", flush=True)
    time.sleep(args.delay)
    if args.exit_code is not None:
        print("Traceback (most recent call last):", file=sys.stderr)
        print('  File "stand_in.py", line 1, in <module>', file=sys.stderr)
        print("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", file=sys.stderr, flush=True)
        sys.exit(args.exit_code)
    from balrog_core.testing import LoopbackOpenAI  # after the pid files: it takes a while

    server = LoopbackOpenAI(
        args.reply, port=args.port, latency=args.latency, cached_tokens=args.cached_tokens,
        require_key=args.require_key,
    )
    server.start()
    print(f"INFO serving on http://{args.host}:{args.port}", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
