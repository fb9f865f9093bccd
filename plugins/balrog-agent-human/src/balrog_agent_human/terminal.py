"""The person's side of the game: lines read from stdin, text written to stdout.

Plain streams so that play works over ssh, in tmux and with piped input. Text a model
would see is written verbatim; only the headings around it are styled, and only when
stdout is a terminal (rich then adds colour, never wrapping or markup to the game text).

A line is read on a daemon thread while the event loop waits for it: Ctrl-C then
cancels the run at once, as it does for a model's run, instead of waiting for Enter, and a
read left pending when the run stops never keeps the process alive.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import TextIO

from rich.console import Console

__all__ = ["Quit", "Terminal", "read_line"]


class Quit(KeyboardInterrupt):
    """The person typed ``quit`` or closed stdin: the run stops exactly as on Ctrl-C
    (status ``interrupted``, the unfinished episode unrecorded, resumable)."""


def _settle(future: asyncio.Future, line: str) -> None:
    if not future.done():
        future.set_result(line)


async def read_line(stream: TextIO) -> str | None:
    """The next line of ``stream`` without its line ending; ``None`` at end of input."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future = loop.create_future()

    def read() -> None:
        try:
            line = stream.readline()
        except (OSError, ValueError):  # a closed or unreadable stream is the end of input
            line = ""
        try:
            loop.call_soon_threadsafe(_settle, future, line)
        except RuntimeError:  # the run ended while this read was pending
            pass

    threading.Thread(target=read, name="balrog-human-input", daemon=True).start()
    line = await future
    return None if line == "" else line.rstrip("\r\n")


class Terminal:
    """Writes what the person must see and reads their answers.

    The streams are looked up on every call (not kept), so a test harness that swaps
    ``sys.stdin``/``sys.stdout`` is honoured.
    """

    @property
    def _out(self) -> TextIO:
        return sys.stdout

    def _console(self) -> Console | None:
        out = self._out
        return Console(file=out, soft_wrap=True, highlight=False) if out.isatty() else None

    def heading(self, title: str) -> None:
        console = self._console()
        if console is not None:
            console.rule(title, style="cyan")
        else:
            self._out.write(f"\n----- {title} -----\n")
            self._out.flush()

    def text(self, text: str) -> None:
        """``text`` exactly as given, followed by a newline."""
        console = self._console()
        if console is not None:
            console.print(text, markup=False, highlight=False, emoji=False)
        else:
            self._out.write(text + "\n")
            self._out.flush()

    def note(self, text: str) -> None:
        """A line from the harness (not part of what a model sees), dimmed on a terminal."""
        console = self._console()
        if console is not None:
            console.print(text, style="dim", markup=False, highlight=False, emoji=False)
        else:
            self._out.write(text + "\n")
            self._out.flush()

    async def ask(self, prompt: str) -> str | None:
        """Show ``prompt`` and read one answer; ``None`` at end of input. When stdin is not a
        terminal the answer is echoed, so a transcript of piped play reads like a session."""
        out = self._out
        console = self._console()
        if console is not None:
            console.print(prompt, style="bold green", end="", markup=False, highlight=False)
        else:
            out.write(prompt)
        out.flush()
        line = await read_line(sys.stdin)
        if line is not None and not sys.stdin.isatty():
            out.write(line + "\n")
            out.flush()
        elif line is None:
            out.write("\n")
            out.flush()
        return line
