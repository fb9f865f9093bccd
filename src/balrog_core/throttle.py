"""Adaptive concurrency: fewer model calls in flight while the provider says 429.

Additive increase, multiplicative decrease (as TCP): every completion that needed a retry
after a rate limit shrinks the limit by a third; every ``limit`` clean completions grow it
by one, back up to the run's ``--concurrency``. Episodes keep their game state while they
wait for a slot, so slowing down loses nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from .client import Client, Completion, Message

__all__ = ["Throttle", "ThrottledClient"]


class Throttle:
    """A semaphore whose size follows the provider's rate limits."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self.limit = float(maximum)
        self.in_flight = 0
        self.lowest = maximum
        self.decreases = 0
        self._clean = 0
        self._changed = asyncio.Condition()

    async def __aenter__(self) -> "Throttle":
        async with self._changed:
            await self._changed.wait_for(lambda: self.in_flight < int(self.limit))
            self.in_flight += 1
        return self

    async def __aexit__(self, *exc: Any) -> None:
        async with self._changed:
            self.in_flight -= 1
            self._changed.notify_all()

    async def observe(self, rate_limited: int) -> None:
        """Adjust the limit after one completion."""
        async with self._changed:
            if rate_limited:
                self.limit = max(1.0, self.limit * 2 / 3)
                self.lowest = min(self.lowest, int(self.limit))
                self.decreases += 1
                self._clean = 0
            else:
                self._clean += 1
                if self._clean >= int(self.limit) and self.limit < self.maximum:
                    self.limit = min(float(self.maximum), self.limit + 1)
                    self._clean = 0
            self._changed.notify_all()

    def report(self) -> dict[str, int]:
        return {"max": self.maximum, "current": int(self.limit), "lowest": self.lowest,
                "decreases": self.decreases}


class ThrottledClient(Client):
    """Wraps the run's client so every call waits for a slot of the throttle."""

    def __init__(self, client: Client, throttle: Throttle) -> None:
        self.client = client
        self.throttle = throttle

    async def complete(self, messages: Sequence[Message], **constraints: Any) -> Completion:
        async with self.throttle:
            completion = await self.client.complete(messages, **constraints)
        await self.throttle.observe(completion.rate_limited)
        return completion

    async def aclose(self) -> None:
        await self.client.aclose()

    def describe(self) -> dict[str, Any]:
        return self.client.describe()
