"""The official Boxoban level sets (deepmind/boxoban-levels, Apache-2.0), shipped as
package data in ``data/boxoban/`` (LICENSE and SOURCE.md beside them).

MiniHack's Boxoban tasks draw one level per reset with ``random.choice`` over every level
of their set (``medium/train``: 450 files x 1,000 levels; ``hard``: 3,332 levels), using
Python's ``random`` seeded with the episode seed. ``draw_level`` makes the same uniform
draw with ``random.Random(seed)``, over the files in name order.

The medium archive is 6.4 MB of xz (53 MB of text): decompressing it takes about half a
second, too slow for every reset. Each process therefore reads an archive once, on its
first draw, and keeps every file zlib-compressed in memory (14 MB for medium); a draw then
inflates one 117 kB file.
"""

from __future__ import annotations

import random
import tarfile
import zlib
from functools import cache
from importlib import resources

import attrs

__all__ = ["LEVEL_SETS", "BoxobanLevel", "LevelSet", "level_set", "draw_level", "read_level_file"]

# task difficulty -> (archive in data/boxoban, folder of the set inside it)
LEVEL_SETS = {"medium": ("medium-train.tar.xz", "medium/train"), "hard": ("hard.tar.xz", "hard")}


@attrs.frozen
class BoxobanLevel:
    """One level: ``text`` is ten rows in Boxoban format, ``name`` says where it comes from
    (``hard/001.txt#17``: the level after ``; 17`` in that file)."""

    name: str
    text: str


def read_level_file(text: str) -> list[tuple[str, str]]:
    """The levels of one file as (number, ten rows joined by newlines), in file order."""
    levels, number, rows = [], "", []
    for line in text.splitlines():
        if line.startswith(";"):
            if rows:
                levels.append((number, "\n".join(rows)))
            number, rows = line[1:].strip(), []
        elif line.strip():
            rows.append(line)
    if rows:
        levels.append((number, "\n".join(rows)))
    return levels


@attrs.frozen
class LevelSet:
    """Every level of one set: the files (name, zlib-compressed text) in name order and how
    many levels each holds."""

    files: tuple[tuple[str, bytes], ...]
    counts: tuple[int, ...]

    @property
    def size(self) -> int:
        return sum(self.counts)

    def level(self, index: int) -> BoxobanLevel:
        """The ``index``-th level, counting through the files in name order."""
        for (name, packed), count in zip(self.files, self.counts):
            if index < count:
                number, text = read_level_file(zlib.decompress(packed).decode())[index]
                return BoxobanLevel(f"{name}#{number}", text)
            index -= count
        raise IndexError(f"level {index} is past the end of the set")


@cache
def level_set(difficulty: str) -> LevelSet:
    """The set a Boxoban task plays (``medium`` or ``hard``), read once per process."""
    archive, folder = LEVEL_SETS[difficulty]
    files = []
    with resources.as_file(resources.files(__package__) / "data" / "boxoban" / archive) as path:
        with tarfile.open(path, "r:xz") as tar:
            for member in tar:
                if member.isfile() and member.name.startswith(folder + "/") and member.name.endswith(".txt"):
                    data = tar.extractfile(member).read()
                    files.append((member.name, data.count(b"\n;") + data.startswith(b";"), zlib.compress(data, 1)))
    files.sort()
    return LevelSet(tuple((name, packed) for name, _, packed in files), tuple(count for _, count, _ in files))


def draw_level(difficulty: str, seed: int) -> BoxobanLevel:
    """The level of an episode: uniform over the whole set, from ``random.Random(seed)``
    (the draw ``random.choice`` makes right after ``random.seed(seed)``)."""
    levels = level_set(difficulty)
    return levels.level(random.Random(seed).choice(range(levels.size)))
