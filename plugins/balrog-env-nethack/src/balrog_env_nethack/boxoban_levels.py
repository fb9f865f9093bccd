"""Boxoban level sources: the official level files when the user provides them, and the
download helper behind ``balrog minihack boxoban-download``.

Official files (github.com/deepmind/boxoban-levels) hold levels as ``; <number>`` followed
by ten rows; ``medium/`` and ``hard/`` folders hold the sets the two tasks use.
"""

from __future__ import annotations

import io
import urllib.request
import zipfile
from pathlib import Path

from balrog_core import ConfigError

__all__ = ["read_level_file", "official_levels", "download_official_levels", "ARCHIVE_URL"]

ARCHIVE_URL = "https://github.com/deepmind/boxoban-levels/archive/refs/heads/master.zip"


def read_level_file(text: str) -> list[str]:
    """The levels of one file, each as ten rows joined by newlines."""
    levels, rows = [], []
    for line in text.splitlines():
        if line.startswith(";"):
            if rows:
                levels.append("\n".join(rows))
            rows = []
        elif line.strip():
            rows.append(line.rstrip("\n"))
    if rows:
        levels.append("\n".join(rows))
    return levels


def official_levels(directory: str | Path, difficulty: str) -> list[str]:
    """Every level under ``directory/difficulty`` (files read in name order)."""
    folder = Path(directory) / difficulty
    files = sorted(folder.rglob("*.txt")) if folder.is_dir() else []
    if not files:
        raise ConfigError(
            f"env.minihack.boxoban_dir={str(directory)!r} has no {difficulty}/*.txt level files; "
            "fetch them with 'balrog minihack boxoban-download DIR' or leave the option empty "
            "to use the built-in generator"
        )
    levels = [level for path in files for level in read_level_file(path.read_text())]
    return levels


def download_official_levels(directory: Path, url: str = ARCHIVE_URL, timeout: float = 60.0) -> int:
    """Fetch the official archive and keep its ``medium`` and ``hard`` folders under
    ``directory``; returns the number of level files saved. Raises ``OSError`` offline."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (fixed https URL)
        archive = zipfile.ZipFile(io.BytesIO(response.read()))
    count = 0
    for name in archive.namelist():
        parts = name.split("/", 1)
        if len(parts) < 2 or not parts[1].endswith(".txt"):
            continue
        relative = parts[1]
        if not relative.startswith(("medium/", "hard/")):
            continue
        target = Path(directory) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(name))
        count += 1
    return count
