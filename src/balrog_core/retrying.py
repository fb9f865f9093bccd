"""One retry policy for every model client: transient failures are retried with
exponential backoff and counted, everything else fails at once.

Counting retries here, rather than inside a provider SDK, is what lets the summary report
them and lets 429s lower the run's concurrency (see :mod:`balrog_core.throttle`).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Awaitable, Callable

import attrs
from tenacity import AsyncRetrying, RetryError, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from .client import Completion
from .errors import BalrogError, ConfigError

__all__ = [
    "ModelUnavailableError",
    "ModelUnreachableError",
    "TransientModelError",
    "check_backoff",
    "complete_with_retries",
    "is_unreachable",
    "one_line",
]

log = logging.getLogger(__name__)

_MAX_DETAIL = 200


class TransientModelError(Exception):
    """A failure that may pass (rate limit, server error, timeout, dropped connection,
    garbled body): the retry loop tries again. ``status`` is the HTTP status when there
    was one; 429 counts as a rate limit. ``unreachable``: no connection could be made at
    all (refused, unknown host), which before a first answer means a wrong URL or a server
    that is not running rather than a passing fault."""

    def __init__(self, message: str, status: int | None = None, unreachable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.unreachable = unreachable


class ModelUnreachableError(BalrogError):
    """The endpoint could not be reached before it ever answered: every episode would
    fail the same way, so the run stops at once."""


def is_unreachable(error: BaseException) -> bool:
    """Whether ``error`` (or anything it was raised from) is a refused connection or an
    unknown host, whichever HTTP library wrapped it."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (ConnectionRefusedError, socket.gaierror)):
            return True
        if isinstance(getattr(current, "os_error", None), (ConnectionRefusedError, socket.gaierror)):
            return True
        if type(current).__name__ in ("ClientConnectorDNSError", "ClientConnectorError", "ConnectError"):
            text = str(current).lower()
            if "refused" in text or "name" in text or "resolve" in text or "dns" in text:
                return True
        current = current.__cause__ or current.__context__
    return False


class ModelUnavailableError(RuntimeError):
    """Transient failures outlasted every retry; this episode fails, the run goes on."""


def check_backoff(initial: float, maximum: float) -> None:
    """A ``ConfigError`` naming the bad ``client.backoff_*`` option, if either is."""
    for name, value in (("backoff_initial", initial), ("backoff_max", maximum)):
        if not value > 0:
            raise ConfigError(f"client.{name}={value}: must be a positive number of seconds")
    if maximum < initial:
        raise ConfigError(
            f"client.backoff_max={maximum} is below client.backoff_initial={initial}: raise backoff_max"
        )


def one_line(error: BaseException | None, secret: str | None = None) -> str:
    """The provider's own words, on one line and at most 200 characters, without the key
    should it echo it."""
    text = " ".join(str(error).split())
    if secret:
        text = text.replace(secret, "***")
    return text[:_MAX_DETAIL] + ("…" if len(text) > _MAX_DETAIL else "")


async def complete_with_retries(
    attempt: Callable[[], Awaitable[Completion]],
    *,
    max_retries: int,
    backoff_initial: float,
    backoff_max: float,
    where: str,
    secret: str | None = None,
    unreachable_is_fatal: bool = False,
) -> Completion:
    """``attempt()``'s completion with ``retries`` and ``rate_limited`` filled in.

    ``attempt`` raises ``TransientModelError`` for failures worth retrying; the wait
    doubles from ``backoff_initial`` up to ``backoff_max`` plus up to ``backoff_initial``
    of jitter. After ``max_retries`` retries the episode gets a ``ModelUnavailableError``
    naming ``where`` (the model and endpoint) and the last failure.

    ``unreachable_is_fatal`` (clients pass it until their endpoint has answered once): a
    connection that cannot be made at all raises ``ModelUnreachableError`` at once
    instead of being retried, so a wrong ``--base-url`` stops the run in seconds.
    """
    # Most calls succeed at once: that path skips tenacity's bookkeeping (~80 µs a call,
    # which counts at hundreds of calls a second). A first failure is replayed as the
    # first attempt of the retry loop, so waits and counts are exactly tenacity's.
    try:
        return await attempt()
    except TransientModelError as error:
        if unreachable_is_fatal and error.unreachable:
            raise ModelUnreachableError(
                f"{where} cannot be reached ({one_line(error, secret)}): start the model server, "
                "or check --base-url"
            ) from None
        first: list[TransientModelError] = [error]

    async def replay_then_attempt() -> Completion:
        if first:
            raise first.pop()
        return await attempt()

    retrying = AsyncRetrying(
        retry=retry_if_exception_type(TransientModelError),
        stop=stop_after_attempt(max_retries + 1),
        wait=wait_exponential_jitter(multiplier=backoff_initial, max=backoff_max, jitter=backoff_initial),
        before_sleep=lambda state: log.debug(
            "retrying %s after attempt %d: %s", where, state.attempt_number,
            state.outcome.exception() if state.outcome is not None else None
        ),
    )
    rate_limited = 0
    try:
        async for trial in retrying:
            with trial:
                try:
                    completion = await replay_then_attempt()
                except TransientModelError as error:
                    rate_limited += error.status == 429
                    raise
    except RetryError as error:
        last = error.last_attempt.exception()
        raise ModelUnavailableError(
            f"{where} still failing after {max_retries} retries: {one_line(last, secret)}"
        ) from last
    return attrs.evolve(completion, retries=retrying.statistics["attempt_number"] - 1, rate_limited=rate_limited)
