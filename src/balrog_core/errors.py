"""Errors a researcher can act on.

Every error the CLI shows is one line that names the bad value and the fix; raising a
``BalrogError`` is how a module asks for exactly that instead of a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["BalrogError", "ConfigError", "UnknownNameError", "MissingCredentialsError"]


class BalrogError(Exception):
    """An error whose message is meant for the person running the benchmark."""


class ConfigError(BalrogError):
    """A bad value in the command line, a config file or a plugin option."""


class MissingCredentialsError(BalrogError):
    """A provider needs a secret that is not set; the message names the variable."""


class UnknownNameError(ConfigError):
    """A name (env, task, agent, client, scorer) that no loaded plugin registered."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        listing = ", ".join(known) if known else "none: install a plugin that provides one"
        super().__init__(f"unknown {kind} {name!r}{hint}; known {kind}s: {listing}")
        self.kind = kind
        self.name = name
        self.known = known

    def __reduce__(self):
        """Rebuild from the constructor's arguments, so worker processes and cluster
        workers can send the error back to the run."""
        return (type(self), (self.kind, self.name, self.known))
