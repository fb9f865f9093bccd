"""Vision-mode images.

``render_glyphs`` is the reference's image: the 21x79 glyph map drawn with NetHack's
16x16 tiles (336x1264 pixels). NLE ships the same tile set and glyph-to-tile table the
reference's atlas was made from, so the atlas is read from NLE once.

``render_tty`` (the project's ``observation=extended`` image) draws the terminal's
characters in their NetHack colors. Glyph bitmaps of PIL's built-in bitmap font (6x11,
monospace) are rendered once, in all 16 colors and at twice the size, into an atlas; a
frame is then one numpy gather of the atlas by ``(tty_chars, tty_colors)``, so no text is
drawn per step.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from nle import nethack
from PIL import Image, ImageDraw, ImageFont

__all__ = ["PALETTE", "render_tty", "render_glyphs", "CELL_HEIGHT", "CELL_WIDTH"]

CELL_WIDTH, CELL_HEIGHT = 6, 11
_SCALE = 2

# The 16 curses colors NetHack uses (CLR_BLACK ... CLR_WHITE); black is drawn dark blue-grey
# so that black monsters stay visible on the black background, as terminals often do.
PALETTE = np.array([
    (70, 70, 110), (170, 0, 0), (0, 170, 0), (170, 85, 0),
    (0, 0, 170), (170, 0, 170), (0, 170, 170), (170, 170, 170),
    (128, 128, 128), (255, 128, 0), (85, 255, 85), (255, 255, 85),
    (85, 85, 255), (255, 85, 255), (85, 255, 255), (255, 255, 255),
], dtype=np.float32)


@lru_cache(maxsize=1)
def _atlas() -> np.ndarray:
    """(256 * 16, H, W, 3) uint8 cells: every byte drawn in every color, already scaled."""
    font = ImageFont.load_default_imagefont()
    masks = np.zeros((256, CELL_HEIGHT, CELL_WIDTH), dtype=np.float32)
    for code in range(32, 127):
        image = Image.new("L", (CELL_WIDTH, CELL_HEIGHT), 0)
        ImageDraw.Draw(image).text((0, 0), chr(code), fill=255, font=font)
        masks[code] = np.asarray(image, dtype=np.float32) / 255.0
    cells = masks[:, None, :, :, None] * PALETTE[None, :, None, None, :]
    cells = cells.astype(np.uint8).reshape(256 * 16, CELL_HEIGHT, CELL_WIDTH, 3)
    return cells.repeat(_SCALE, axis=1).repeat(_SCALE, axis=2)


def render_tty(tty_chars: np.ndarray, tty_colors: np.ndarray) -> np.ndarray:
    """An ``(H, W, 3)`` uint8 image of the 24x80 terminal, each cell 12x22 pixels."""
    rows, cols = tty_chars.shape
    index = tty_chars.astype(np.int64) * 16 + (tty_colors.astype(np.int64) & 15)
    cells = _atlas()[index]  # rows, cols, h, w, 3
    height, width = cells.shape[2], cells.shape[3]
    return cells.transpose(0, 2, 1, 3, 4).reshape(rows * height, cols * width, 3)


_TILE_COUNT = 1057  # NetHack 3.6's tiles: monsters, objects, other


_ATLAS: list[np.ndarray] = []


def _tile_atlas(nethack_game: Any) -> np.ndarray:
    """(tiles, 16, 16, 3) uint8: NLE's tile set, read through the first live game that
    asks (the set comes from NLE's files, not from the game)."""
    if not _ATLAS:
        if not nethack_game.setup_tiles():
            raise RuntimeError("NLE could not load its tile set")
        height, width, depth = nethack.TILE_SHAPE
        buffer = np.zeros((_TILE_COUNT * height, width, depth), dtype=np.uint8)
        nethack_game.get_tileset(buffer)
        _ATLAS.append(buffer.reshape(_TILE_COUNT, height, width, depth))
    return _ATLAS[0]


_GLYPH_TO_TILE = np.asarray(nethack.glyph2tile)


def render_glyphs(glyphs: np.ndarray, nethack_game: Any) -> np.ndarray:
    """An ``(336, 1264, 3)`` uint8 image of the glyph map, one 16x16 tile per square."""
    atlas = _tile_atlas(nethack_game)
    rows, cols = glyphs.shape
    cells = atlas[_GLYPH_TO_TILE[glyphs]]  # rows, cols, 16, 16, 3
    return cells.transpose(0, 2, 1, 3, 4).reshape(rows * atlas.shape[1], cols * atlas.shape[2], 3)
