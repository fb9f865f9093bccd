"""Which model-call failures are worth retrying, and the message for those that are not.

Rate limits, server errors, timeouts, dropped connections and garbled responses pass
with time, so they are retried. A rejected key, a forbidden or unknown model or a bad
request fails the same way on every call: retrying only burns time, so those stop the run
with one line saying what to fix.
"""

from __future__ import annotations

from typing import Any

from balrog_core import BalrogError, TransientModelError
from balrog_core.retrying import ModelUnavailableError, one_line

from .route import Route

__all__ = ["TransientModelError", "ModelUnavailableError", "status_of", "is_transient", "fatal_error", "one_line"]


def status_of(error: BaseException) -> int | None:
    """The HTTP status litellm attached to ``error``, if any."""
    status = getattr(error, "status_code", None)
    return status if isinstance(status, int) else None


def is_transient(litellm: Any, error: BaseException) -> bool:
    """429, 408, 5xx, timeouts, connection failures and garbled responses. litellm reports
    an unparsable body as a 500 on the SDK route and as a 200 ``APIError`` on the plain-HTTP
    route: a success status with an error means the body was broken."""
    if isinstance(error, (litellm.Timeout, litellm.APIConnectionError, TimeoutError, ConnectionError)):
        return True
    status = status_of(error)
    if status == 200 and isinstance(error, litellm.APIError):
        return True
    return status is not None and (status in (408, 429) or status >= 500)


def fatal_error(error: BaseException, route: Route) -> BalrogError:
    """A one-line ``BalrogError`` for a failure that retrying cannot fix."""
    status = status_of(error)
    where = f"model {route.model!r} at {route.endpoint}"
    detail = one_line(error, route.api_key)
    if status == 401:
        fix = route.key_hint
    elif status == 403:
        fix = "the key has no access to this model: use another key or --model"
    elif status == 404:
        fix = "check --model and --base-url (OpenAI-compatible servers end in /v1)"
    else:
        fix = "check --model, --max-tokens and the client options"
    code = status if status is not None else type(error).__name__
    return BalrogError(f"{where} refused the request ({code}: {detail}): {fix}")
