"""A submission archive of a run: everything needed to check its numbers, nothing secret.

The archive (tar.gz) holds run.json, summary.json, episodes.jsonl, the traces and their
images, and ``MANIFEST.sha256`` (``sha256sum -c`` format, one line per file). The archive's
own SHA-256 is written beside it as ``<archive>.sha256``. The core masks secret-looking
options in run.json; as a second line of defence every file (traces decompressed) is
scanned for API-key patterns and for the values of secret-looking environment variables,
and the bundle is refused if any appears.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import tarfile
from pathlib import Path

from balrog_core import ConfigError
from balrog_core.harness import RunDirectory

__all__ = ["make_bundle", "verify_manifest", "SECRET_PATTERNS", "sha256"]

SECRET_PATTERNS = {
    "OpenAI-style key": re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Hugging Face token": re.compile(r"\bhf_[A-Za-z0-9]{30,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b"),
    "bearer token": re.compile(r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
}
_SECRET_ENV_WORDS = ("KEY", "TOKEN", "SECRET", "PASSWORD")
_MANIFEST = "MANIFEST.sha256"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _secret_values() -> list[tuple[str, str]]:
    """Values of this process's secret-looking environment variables (long enough to be
    real secrets rather than flags)."""
    return [(name, value) for name, value in os.environ.items()
            if any(word in name.upper() for word in _SECRET_ENV_WORDS) and len(value) >= 12]


def _check_secrets(name: str, data: bytes) -> None:
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8", errors="replace")
    for label, pattern in SECRET_PATTERNS.items():
        if pattern.search(text):
            raise ConfigError(
                f"{name} contains something that looks like a {label}; remove it from the run before bundling"
            )
    for variable, value in _secret_values():
        if value in text:
            raise ConfigError(f"{name} contains the value of ${variable}; remove it from the run before bundling")


def _members(run: RunDirectory) -> list[tuple[str, bytes]]:
    files = [run.run_file, run.summary_file, run.episodes_file]
    missing = [path.name for path in files if not path.exists()]
    if missing:
        raise ConfigError(f"{str(run.path)!r} has no {missing[0]}; finish the run (balrog run --resume {run.path}) before bundling")
    if run.traces.exists():
        files += sorted(
            path for path in run.traces.rglob("*")
            if path.is_file() and not path.name.startswith(".") and not path.name.endswith(".partial")
        )
    return [(path.relative_to(run.path).as_posix(), path.read_bytes()) for path in files]


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    info.mtime = 0
    archive.addfile(info, io.BytesIO(data))


def make_bundle(run_dir: str | Path, out: str | Path | None = None) -> tuple[Path, str]:
    """Write the archive; returns its path and SHA-256 (also written to ``<out>.sha256``)."""
    run = RunDirectory.open(run_dir)
    members = _members(run)
    for name, data in members:
        _check_secrets(name, data)
    target = Path(out) if out is not None else run.path.parent / f"{run.path.name}.tar.gz"
    root = run.path.name
    manifest = "".join(f"{sha256(data)}  {name}\n" for name, data in members).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as compressed:
        with tarfile.open(fileobj=compressed, mode="w") as archive:
            for name, data in members:
                _add(archive, f"{root}/{name}", data)
            _add(archive, f"{root}/{_MANIFEST}", manifest)
    payload = buffer.getvalue()
    target.write_bytes(payload)
    digest = sha256(payload)
    Path(f"{target}.sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    return target, digest


def verify_manifest(archive_path: str | Path) -> int:
    """Check every file of a bundle against its manifest; returns the number checked."""
    with tarfile.open(archive_path, "r:gz") as archive:
        contents = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
    manifests = [name for name in contents if name.endswith("/" + _MANIFEST)]
    if len(manifests) != 1:
        raise ConfigError(f"{str(archive_path)!r} is not a balrog bundle (no {_MANIFEST})")
    root = manifests[0].rsplit("/", 1)[0]
    lines = contents[manifests[0]].decode("utf-8").splitlines()
    for line in lines:
        digest, name = line.split("  ", 1)
        data = contents.get(f"{root}/{name}")
        if data is None or sha256(data) != digest:
            raise ConfigError(f"bundle {str(archive_path)!r}: {name} does not match its checksum")
    if len(lines) != len(contents) - 1:
        raise ConfigError(f"bundle {str(archive_path)!r} holds files its manifest does not list")
    return len(lines)
