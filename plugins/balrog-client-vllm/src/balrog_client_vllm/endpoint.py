"""What a vLLM server says about itself: is it up, which models does it serve, which version.

These are plain blocking GETs: they run while a client is being built, before the run's
event loop exists, and each takes milliseconds on loopback.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from typing import Any

from balrog_core import ConfigError

__all__ = ["server_root", "get_json", "is_healthy", "served_models", "server_version", "choose_model"]

_PROBE_TIMEOUT = 5.0
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
# A cluster's HTTP(S)_PROXY must not swallow probes of a server on this very machine.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def server_root(base_url: str) -> str:
    """``http://host:port`` from an OpenAI base URL (``.../v1``): ``/health`` and
    ``/version`` live at the root."""
    root = base_url.rstrip("/")
    return root[: -len("/v1")] if root.endswith("/v1") else root


def get_json(url: str, api_key: str | None = None, timeout: float = _PROBE_TIMEOUT) -> tuple[int, Any]:
    """``(status, body)`` of a GET; status 0 when nothing answers, body ``None`` when it is
    not JSON."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    open_url = _DIRECT.open if urllib.parse.urlsplit(url).hostname in _LOOPBACK else urllib.request.urlopen
    try:
        with open_url(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (OSError, ValueError):
        return 0, None
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, None


def is_healthy(base_url: str) -> bool:
    """vLLM answers ``GET /health`` with 200 once the model is loaded."""
    return get_json(f"{server_root(base_url)}/health")[0] == 200


def served_models(base_url: str, api_key: str | None = None) -> list[str]:
    """The model ids listed at ``/v1/models``, or a ``ConfigError`` saying why there are none."""
    url = f"{base_url.rstrip('/')}/models"
    status, body = get_json(url, api_key)
    if status == 0:
        raise ConfigError(
            f"nothing answers at {url}: start the server (vllm serve MODEL) or fix --base-url"
        )
    if status != 200:
        raise ConfigError(
            f"{url} answered HTTP {status}: check --base-url (it ends in /v1), "
            "the key (-o client.api_key_env=VARIABLE), or pass --model NAME"
        )
    data = body.get("data") if isinstance(body, dict) else None
    ids = [entry["id"] for entry in data or [] if isinstance(entry, dict) and isinstance(entry.get("id"), str)]
    if not ids:
        raise ConfigError(f"{url} lists no model: pass --model NAME")
    return ids


def server_version(base_url: str) -> str | None:
    """vLLM's version from ``GET /version``, for run.json; ``None`` from other servers."""
    status, body = get_json(f"{server_root(base_url)}/version")
    version = body.get("version") if status == 200 and isinstance(body, dict) else None
    return str(version) if version is not None else None


def choose_model(listed: Sequence[str], base_url: str, preferred: str | None = None) -> str:
    """The model to request: ``preferred`` when the server lists it, else the only model it
    serves; several candidates are a ``ConfigError`` asking for ``--model``."""
    if preferred is not None and preferred in listed:
        return preferred
    if len(listed) == 1:
        return listed[0]
    raise ConfigError(
        f"the server at {base_url} serves several models ({', '.join(listed)}): choose one with --model"
    )
