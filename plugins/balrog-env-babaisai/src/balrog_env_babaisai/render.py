"""The picture for vision mode: the whole grid, border included, 32 pixels per cell.

Like the benchmark's image it shows the top thing of each cell only (8x8 -> 256x256,
13x9 -> 416x288). The drawing is our own: flat shapes for objects, labelled boxes for
rule blocks (nouns pink, ``is`` white, properties orange), grey for the border.
"""

from __future__ import annotations

import functools

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .board import Board, Thing
from .describe import TILE
from .rules import NOUNS, OPERATOR

__all__ = ["render"]

_BACKGROUND = (0, 0, 0)
_BORDER = (100, 100, 100)
_PALETTE = {
    "red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255),
    "white": (255, 255, 255), "grey": (100, 100, 100),
}
_WORD_INK = {"noun": (240, 110, 180), "is": (250, 250, 250), "property": (250, 160, 40)}


@functools.lru_cache(maxsize=1)
def _font() -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=10)
    except TypeError:  # bitmap-only builds of Pillow take no size
        return ImageFont.load_default()


def _box(x: int, y: int, inset: int = 0) -> tuple[int, int, int, int]:
    left, top = x * TILE, y * TILE
    return left + inset, top + inset, left + TILE - 1 - inset, top + TILE - 1 - inset


def _label(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, ink: tuple[int, int, int]) -> None:
    center = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    draw.text(center, text, fill=ink, font=_font(), anchor="mm")


def _draw(draw: ImageDraw.ImageDraw, thing: Thing, x: int, y: int) -> None:
    if thing.word is not None:
        group = "noun" if thing.word in NOUNS else "is" if thing.word == OPERATOR else "property"
        box = _box(x, y, 2)
        draw.rectangle(box, fill=(40, 30, 50), outline=_WORD_INK[group])
        _label(draw, box, thing.word.upper(), _WORD_INK[group])
        return
    color = _PALETTE.get(thing.color, (200, 200, 200))
    if thing.kind == "wall":
        draw.rectangle(_box(x, y, 6), fill=color)
    elif thing.kind == "ball":
        draw.ellipse(_box(x, y, 6), fill=color)
    elif thing.kind == "door":
        draw.rectangle(_box(x, y, 3), outline=color, width=3)
    elif thing.kind == "key":
        draw.rectangle(_box(x, y, 10), fill=color)
        _label(draw, _box(x, y), "K", _BACKGROUND)
    else:
        left, top = x * TILE, y * TILE
        draw.polygon([(left + 4, top + 6), (left + 28, top + 16), (left + 4, top + 26)], fill=color)


def render(board: Board) -> np.ndarray:
    """An ``(H, W, 3)`` uint8 picture of the board."""
    image = Image.new("RGB", (board.width * TILE, board.height * TILE), _BORDER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((TILE, TILE, (board.width - 1) * TILE - 1, (board.height - 1) * TILE - 1), fill=_BACKGROUND)
    for x, y, index in board.tops():
        _draw(draw, board.things[index], x, y)
    return np.asarray(image, dtype=np.uint8)
