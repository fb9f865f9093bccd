"""The client's side of the model process (see :mod:`.worker`).

A native crash in llama.cpp used to take the whole run down with exit 139 and no word.
Here it closes a pipe instead: the exit status names the signal, and the run stops with a
``BalrogError`` naming the model file and the likely fix, its finished episodes kept.
Callers serialise requests; this class holds no lock of its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

from balrog_core import BalrogError, ConfigError

__all__ = ["ModelProcess", "ModelProcessError", "crash_message"]

_CLOSE_GRACE_SECONDS = 2.0
# Signals raised by native code that does not fit the machine it runs on.
_NATIVE_FAULTS = {signal.SIGSEGV, signal.SIGILL, signal.SIGBUS, signal.SIGFPE, signal.SIGABRT}


class ModelProcessError(RuntimeError):
    """llama.cpp refused one request (prompt longer than the context, say): only the
    episode that sent it fails."""


def crash_message(path: Path, returncode: int | None) -> str:
    """One line for a model process that died: the file, the signal, what to do."""
    if returncode is not None and returncode < 0:
        try:
            sig = signal.Signals(-returncode)
        except ValueError:
            sig = None
        name = sig.name if sig else f"signal {-returncode}"
        if sig in _NATIVE_FAULTS:
            return (f"llama.cpp crashed ({name}) running {path}: most likely its build does not suit this CPU; "
                    f"reinstall llama-cpp-python with the portable flags in the README")
        if sig == signal.SIGKILL:
            return (f"the llama.cpp model process was killed (SIGKILL) running {path}, most likely out of "
                    f"memory: free memory or lower -o client.context")
        return f"the llama.cpp model process was stopped ({name}) running {path}"
    return (f"the llama.cpp model process exited (code {returncode}) running {path}; "
            f"check that llama-cpp-python imports")


def _stop(process: subprocess.Popen) -> None:
    """Close stdin (the worker exits at EOF), then kill it if it is mid-decode."""
    try:
        if process.stdin is not None:
            process.stdin.close()
    except OSError:
        pass
    try:
        process.wait(_CLOSE_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


class ModelProcess:
    """One worker process serving one GGUF file, started on the first request."""

    def __init__(self, path: Path, load: dict[str, Any]) -> None:
        self.path = path
        self._load = {"path": str(path), **load}
        self._process: subprocess.Popen | None = None
        self._finalizer: weakref.finalize | None = None
        # Once the model crashed or failed to load, every later request gets the same
        # line: episodes queued behind the failing one must not start a new process.
        self._failure: str | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        package_root = str(Path(__file__).resolve().parents[1])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "balrog_client_llamacpp.worker", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, text=True, encoding="utf-8", bufsize=1,
        )
        # Stopped with the client object at the latest, or when the interpreter exits.
        self._finalizer = weakref.finalize(self, _stop, self._process)
        reply = self._exchange({"load": self._load})
        if "error" in reply and reply.get("stage") == "options":
            self.close()
            self._failure = reply["error"]
            raise ConfigError(self._failure)
        if "error" in reply:
            self.close()
            self._failure = (
                f"llama.cpp cannot load {self.path}: {reply['error']}; the file is damaged or not a model "
                "this llama.cpp supports: download it again or pass another --model"
            )
            raise BalrogError(self._failure)

    def _exchange(self, message: dict[str, Any]) -> dict[str, Any]:
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise BalrogError(f"the llama.cpp model process for {self.path} was closed while in use")
        try:
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except (BrokenPipeError, ValueError):  # ValueError: a pipe closed by close()
            line = ""
        if line:
            return json.loads(line)
        if self._process is not process:
            raise BalrogError(f"the llama.cpp model process for {self.path} was closed while in use")
        try:
            returncode = process.wait(_CLOSE_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            returncode = process.wait()
        self.close()
        self._failure = crash_message(self.path, returncode)
        raise BalrogError(self._failure)

    def request(self, message: dict[str, Any]) -> dict[str, Any]:
        """The worker's answer to one completion request; starts the worker if needed."""
        if self._failure is not None:
            raise BalrogError(self._failure)
        if self._process is None:
            self._start()
        reply = self._exchange(message)
        if "error" in reply:
            raise ModelProcessError(f"llama.cpp failed on {self.path.name}: {reply['error']}")
        return reply

    def close(self) -> None:
        """Stop the worker; the next request starts a fresh one."""
        if self._finalizer is not None:
            self._finalizer()
        self._process = None
        self._finalizer = None
