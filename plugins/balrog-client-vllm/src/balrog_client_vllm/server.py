"""A ``vllm serve`` process owned by the run: started, waited for, and always stopped.

The server runs in its own process group (its own session), for two reasons: Ctrl-C in the
terminal reaches balrog only, which then shuts the server down in order instead of
leaving it half-killed; and vLLM spawns engine processes of its own, which a signal to the
group reaches too. Stopping sends SIGTERM to the group, waits up to ``grace`` seconds,
sends SIGKILL to whatever still runs, and returns only once the group is gone. A
``weakref.finalize`` does the same at interpreter exit or when the server object is
dropped, as a backstop for a run that never reached ``aclose``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Sequence
from pathlib import Path

from balrog_core import BalrogError, ConfigError

from .endpoint import is_healthy, served_models

__all__ = ["VllmServerError", "VllmServer", "serve_command", "free_port", "port_in_use", "group_running", "log_tail"]

HOST = "127.0.0.1"
_POLL_SECONDS = 0.25
_STOP_POLL_SECONDS = 0.05
_KILL_WAIT_SECONDS = 5.0
_TAIL_BYTES = 8192
_TAIL_LINES = 3
_TAIL_CHARS = 400
# Flags the prefix cache needs: reuse shared prefixes, and report the reuse in
# usage.prompt_tokens_details.cached_tokens (vLLM omits it unless asked).
PREFIX_CACHING_FLAGS = ("--enable-prefix-caching", "--enable-prompt-tokens-details")


class VllmServerError(BalrogError):
    """The ``vllm serve`` process exited, or stayed silent past the start-up timeout."""


def free_port() -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    """Whether something already answers on ``port``: a second server there would make the
    health check succeed against the wrong process."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((HOST, port)) == 0


def serve_command(executable: str, model: str, port: int, extra: Sequence[str] = (),
                  prefix_caching: bool = True) -> list[str]:
    """``vllm serve MODEL --host 127.0.0.1 --port P [prefix-caching flags] [extra]``; a
    prefix-caching flag the user already set (or negated with ``--no-…``) is not repeated."""
    command = [executable, "serve", model, "--host", HOST, "--port", str(port)]
    given = {argument.split("=", 1)[0] for argument in extra}
    if prefix_caching:
        command += [flag for flag in PREFIX_CACHING_FLAGS
                    if flag not in given and flag.replace("--", "--no-", 1) not in given]
    return command + list(extra)


def log_tail(path: Path) -> str:
    """The last few non-empty lines of the server's log on one line (a Python traceback
    ends with the error itself)."""
    try:
        with open(path, "rb") as log:
            log.seek(0, os.SEEK_END)
            log.seek(max(0, log.tell() - _TAIL_BYTES))
            text = log.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    tail = " | ".join(lines[-_TAIL_LINES:])
    return tail if len(tail) <= _TAIL_CHARS else "…" + tail[-_TAIL_CHARS:]


def group_running(pgid: int) -> bool:
    """Whether any process of group ``pgid`` still runs (zombies do not count: they hold no
    memory, GPU or port, and an init that never reaps would keep them forever)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def _stop_group(process: subprocess.Popen, grace: float) -> None:
    """SIGTERM to the process group, SIGKILL to whatever still runs after ``grace``
    seconds; returns once the whole group is gone, so the GPU memory and the port are free.

    A module-level function so the finalizer holds no reference to the server object.
    """
    def signal_group(number: int) -> None:
        try:
            os.killpg(process.pid, number)
        except (ProcessLookupError, PermissionError):
            pass

    def wait_for_group(seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while True:
            process.poll()
            if not group_running(process.pid):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(_STOP_POLL_SECONDS)

    signal_group(signal.SIGTERM)
    if not wait_for_group(grace):
        signal_group(signal.SIGKILL)
        wait_for_group(_KILL_WAIT_SECONDS)
    try:
        process.wait(timeout=_KILL_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        pass


class VllmServer:
    """One ``vllm serve`` subprocess listening on ``127.0.0.1:port``; its stdout and
    stderr go to ``log_path``."""

    def __init__(self, command: Sequence[str], port: int, log_path: Path, grace: float) -> None:
        self.command = list(command)
        self.port = port
        self.log_path = log_path
        self.grace = grace
        self.model = self.command[2]
        with open(log_path, "ab") as log:
            try:
                self.process = subprocess.Popen(
                    self.command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as error:
                raise ConfigError(
                    f"client.executable={self.command[0]!r} cannot be run ({error.strerror or error}): "
                    "point it at the vllm command of a GPU machine (pip install vllm)"
                ) from None
        self._finalizer = weakref.finalize(self, _stop_group, self.process, grace)

    @classmethod
    def launch(cls, executable: str, model: str, *, port: int = 0, extra: Sequence[str] = (),
               prefix_caching: bool = True, log_file: str | None = None, grace: float = 15.0) -> "VllmServer":
        """Start ``vllm serve model`` on ``port`` (0: a free one); returns at once, before
        the model is loaded (see :meth:`wait_ready`)."""
        if port and port_in_use(port):
            raise ConfigError(
                f"client.port={port}: something already listens there; choose another port, "
                "0 for a free one, or pass --base-url to use that server"
            )
        port = port or free_port()
        if log_file:
            log_path = Path(log_file).expanduser()
            if not log_path.parent.is_dir():
                raise ConfigError(f"client.log_file={log_file!r}: its directory does not exist")
        else:
            handle, name = tempfile.mkstemp(prefix="balrog-vllm-", suffix=".log")
            os.close(handle)
            log_path = Path(name)
        return cls(serve_command(executable, model, port, extra, prefix_caching), port, log_path, grace)

    @property
    def base_url(self) -> str:
        """The OpenAI base URL of the server."""
        return f"http://{HOST}:{self.port}/v1"

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def exit_error(self, when: str) -> VllmServerError:
        """The one line to show when the process has exited: code, last log lines, log path."""
        tail = log_tail(self.log_path)
        return VllmServerError(
            f"vllm serve {self.model} exited with code {self.process.returncode} {when}"
            + (f": {tail}" if tail else "") + f" (full log: {self.log_path})"
        )

    def wait_ready(self, timeout: float, api_key: str | None = None) -> list[str]:
        """Block until ``/health`` answers 200 and ``/v1/models`` lists the served model
        (asked with ``api_key`` when the server wants one); returns the listed ids.

        Stops the server and raises ``VllmServerError`` when it exits first or ``timeout``
        seconds pass; Ctrl-C while waiting stops it too."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                if not self.running:
                    raise self.exit_error("before it was ready")
                if is_healthy(self.base_url):
                    try:
                        models = served_models(self.base_url, api_key)
                    except ConfigError:
                        models = []
                    if models and self.running:
                        return models
                if time.monotonic() >= deadline:
                    raise VllmServerError(
                        f"vllm serve {self.model} did not answer {self.base_url} within {timeout:g} s: "
                        f"raise -o client.startup_timeout (weights may still be downloading) "
                        f"or read its log: {self.log_path}"
                    )
                try:
                    self.process.wait(timeout=min(_POLL_SECONDS, max(0.0, deadline - time.monotonic())))
                except subprocess.TimeoutExpired:
                    pass
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Terminate the server and its engine processes; safe to call twice."""
        self._finalizer()

    def announce(self, timeout: float) -> None:
        """One line on stderr while the (often minutes-long) start-up runs."""
        print(f"starting vllm serve {self.model} on {self.base_url} (waiting up to {timeout:g} s; "
              f"log: {self.log_path})", file=sys.stderr, flush=True)
