"""The five wrapper texts, byte for byte against the reference's own C++ wrapper.

``data/nle_reference_texts.npz`` holds 1,040 observations (890 from NetHack and the
MiniHack tasks played with random actions, ``--More--`` pages included, and 150 random
synthetic boards) with the texts balrog-nle 0.9.0's ``NLELanguageObsv`` made of them;
``nle_reference_data.py`` rebuilds it.
"""

import hashlib
from pathlib import Path

import numpy as np
import pytest

from balrog_env_nethack import language
from balrog_env_nethack.glyph_names import FULLSCREEN_NAMES, plural
from balrog_env_nethack.nethack_game import NetHackGame
from balrog_env_nethack.render import render_glyphs

DATA = Path(__file__).parent / "data" / "nle_reference_texts.npz"


@pytest.fixture(scope="module")
def data():
    with np.load(DATA) as archive:
        return {key: archive[key] for key in archive.files}


def _ours(data, i):
    glyphs, blstats = data["glyphs"][i], data["blstats"][i]
    return {
        "text_glyphs": language.text_glyphs(glyphs, blstats),
        "text_cursor": language.text_cursor(glyphs, blstats, data["tty_cursor"][i]),
        "text_inventory": language.text_inventory(data["inv_strs"][i], data["inv_letters"][i]),
        "text_message": language.text_message(data["tty_chars"][i]),
        "text_blstats": language.text_blstats(blstats),
    }


def test_every_text_matches_the_reference_wrapper(data):
    count = len(data["source"])
    assert count >= 1000
    sources = {str(s).split("/")[0] for s in data["source"]}
    assert {"NetHackChallenge-v0", "MiniHack-Quest-Easy-v0", "MiniHack-Boxoban-Medium-v0", "synthetic"} <= sources
    mismatches = []
    for i in range(count):
        for name, text in _ours(data, i).items():
            if text != str(data[name][i]):
                mismatches.append((i, str(data["source"][i]), name, str(data[name][i]), text))
    assert not mismatches, mismatches[:3]


def test_the_data_reaches_the_wrappers_corner_cases(data):
    messages = [str(m) for m in data["text_message"]]
    assert sum("\n" in m for m in messages) > 50  # windows and end screens
    assert any("--More--" in m for m in messages) and any("(end)" in m for m in messages)
    glyph_texts = "\n".join(str(t) for t in data["text_glyphs"])
    for word in ("very far", "far", "near", "very near", "adjacent", "northnortheast", ", and "):
        assert word in glyph_texts
    assert "tame " in glyph_texts and "dark area" in glyph_texts


def test_names_and_plurals_carry_the_wrappers_vocabulary():
    assert "alter" in FULLSCREEN_NAMES and "altar" not in FULLSCREEN_NAMES
    assert plural("lich") == "lichs"  # the wrapper's -ch rule never fires
    assert plural("ice") == "area of ice" and plural("iron bars") == "iron bars"
    assert plural("dwarf") == "dwarves" and plural("jackal") == "jackals" and plural("fly") == "flies"
    assert language.place_words(3, 1) == ("near", "eastnortheast")
    assert language.place_words(-1, -4) == ("near", "southsouthwest")
    assert language.place_words(20, 0) == ("very far", "east")


# SHA-256 of the reference's image (its tiles.pkl atlas and glyph2tile table, BALROG's
# render_rgb.py) for observations 0 and 500 of the data file.
REFERENCE_IMAGES = {
    0: "9a8d19d4da59bd70b4e61e26bcfc8bc2392114e71545860048752ddedb8decd2",
    500: "03fbec076c01fb3a5bfc292d46a601dc56968308038243254f6d613903d2eb0a",
}


def test_vision_image_is_the_references_tile_rendering(data):
    game = NetHackGame(vision=True)
    try:
        game.reset(1)
        for index, digest in REFERENCE_IMAGES.items():
            image = render_glyphs(data["glyphs"][index], game.env.nethack)
            assert image.shape == (336, 1264, 3) and image.dtype == np.uint8
            assert hashlib.sha256(image.tobytes()).hexdigest() == digest
    finally:
        game.close()
