"""The picture for vision mode: flat coloured tiles with letters, drawn with PIL.

Objects are drawn first and rule blocks on top, so a block resting on an object stays
readable. A dark frame stands for the impassable edge of the map.
"""

from __future__ import annotations

import functools

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .board import Board, Thing
from .rules import NOUNS, OPERATOR

__all__ = ["render", "TILE"]

TILE = 28
_BACKGROUND = (16, 16, 24)
_FRAME = (70, 70, 80)
_PALETTE = {
    "red": (220, 50, 50), "green": (60, 180, 75), "blue": (60, 100, 230),
    "purple": (150, 70, 200), "yellow": (230, 200, 40), "white": (240, 240, 240),
    "grey": (128, 128, 128),
}
_WORD_INK = {"noun": (240, 110, 180), "is": (250, 250, 250), "property": (250, 160, 40)}


@functools.lru_cache(maxsize=1)
def _font() -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=9)
    except TypeError:  # bitmap-only builds of Pillow take no size
        return ImageFont.load_default()


def _box(x: int, y: int, inset: int = 0) -> tuple[int, int, int, int]:
    left, top = (x + 1) * TILE, (y + 1) * TILE
    return left + inset, top + inset, left + TILE - 1 - inset, top + TILE - 1 - inset


def _label(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, ink: tuple[int, int, int]) -> None:
    center = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    draw.text(center, text, fill=ink, font=_font(), anchor="mm")


def _draw_object(draw: ImageDraw.ImageDraw, thing: Thing) -> None:
    color = _PALETTE.get(thing.color, (200, 200, 200))
    if thing.kind == "wall":
        draw.rectangle(_box(thing.x, thing.y), fill=color)
    elif thing.kind == "ball":
        draw.ellipse(_box(thing.x, thing.y, 4), fill=color)
    elif thing.kind == "door":
        draw.rectangle(_box(thing.x, thing.y, 3), outline=color, width=3)
        _label(draw, _box(thing.x, thing.y), "D", color)
    elif thing.kind == "key":
        draw.rectangle(_box(thing.x, thing.y, 8), fill=color)
        _label(draw, _box(thing.x, thing.y), "K", _BACKGROUND)
    else:
        draw.rounded_rectangle(_box(thing.x, thing.y, 3), radius=6, fill=color)
        _label(draw, _box(thing.x, thing.y), thing.kind[0].upper(), _BACKGROUND)


def _draw_block(draw: ImageDraw.ImageDraw, thing: Thing) -> None:
    word = thing.word or ""
    group = "noun" if word in NOUNS else "is" if word == OPERATOR else "property"
    box = _box(thing.x, thing.y, 1)
    draw.rectangle(box, fill=(40, 30, 50), outline=_WORD_INK[group])
    _label(draw, box, word.upper(), _WORD_INK[group])


def render(board: Board) -> np.ndarray:
    """An ``(H, W, 3)`` uint8 picture of the board."""
    size = ((board.width + 2) * TILE, (board.height + 2) * TILE)
    image = Image.new("RGB", size, _FRAME)
    draw = ImageDraw.Draw(image)
    draw.rectangle((TILE, TILE, size[0] - TILE - 1, size[1] - TILE - 1), fill=_BACKGROUND)
    for thing in board.things:
        if thing.word is None:
            _draw_object(draw, thing)
    for thing in board.things:
        if thing.word is not None:
            _draw_block(draw, thing)
    return np.asarray(image, dtype=np.uint8)
