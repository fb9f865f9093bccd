"""The names the reference's language wrapper gives NetHack glyphs, one table per view.

BALROG describes the map with nle-language-wrapper's vocabulary, which is not NetHack's
own (``alter`` for altar, ``dark area`` for unexplored stone, ``t up wall``, ``tame
kitten``, ``scroll labeled FOO``). The tables below carry that vocabulary as data; monster
and object names come from NetHack's own tables (``permonst``, ``objdescr``, read
through NLE), combined by the wrapper's rules. Two views:

- ``FULLSCREEN_NAMES``: listed wherever they are on the map (monsters, objects, the
  "interesting" features such as stairs and fountains).
- ``VISUAL_NAMES``: listed only when a ray from the player meets them (walls, doorways,
  traps, dark area, beams); empty for glyphs the full-screen view already names.
"""

from __future__ import annotations

from nle import nethack

__all__ = ["CMAP_NAMES", "SCREEN_FEATURES", "FLOOR_FEATURES", "RAY_BLOCKERS",
           "FULLSCREEN_NAMES", "VISUAL_NAMES", "plural"]

# The wrapper's name of each NetHack map symbol (S_stone ... S_explode9), in cmap order.
CMAP_NAMES = (
    "dark area", "vertical wall", "horizontal wall", "northwest room corner",
    "northeast room corner", "southwest corner", "southeast corner", "cross wall",
    "t up wall", "t down wall", "t west wall", "t east wall", "doorway",
    "vertical open door", "horizontal open door", "vertical closed door",
    "horizontal closed door", "bars", "tree", "room floor", "dark room floor",
    "corridor floor", "lit corridor floor", "stairs up", "stairs down", "ladder up",
    "ladder down", "alter", "grave", "throne", "sink", "fountain", "pool", "ice", "lava",
    "vertical lowered drawbridge", "horizontal lowered drawbridge",
    "vertical raised drawbridge", "horizontal raised drawbridge", "air floor",
    "cloud floor", "water floor", "arrow trap", "dart trap", "falling rock trap",
    "squeaky board", "bear trap", "land mine", "rolling boulder trap", "sleeping gas trap",
    "rust trap", "fire trap", "pit", "spiked pit", "hole", "trap door",
    "teleportation trap", "level teleporter", "magic portal", "web", "statue trap",
    "magic trap", "anti magic trap", "polymorph trap", "vibrating square", "vertical beam",
    "horizontal beam", "left slant beam", "right slant beam", "dig beam", "flash beam",
    "boom left", "boom right", "shield 1", "shield 2", "shield 3", "shield 4",
    "poison cloud", "valid position", "swallow top left", "swallow top center",
    "swallow top right", "swallow middle left", "swallow middle right",
    "swallow bottom left", "swallow bottom center", "swallow bottom right",
)
# Features named in the full-screen view (everywhere on the map).
SCREEN_FEATURES = frozenset({
    "horizontal closed door", "vertical closed door", "bars", "tree", "stairs up",
    "stairs down", "ladder up", "ladder down", "alter", "grave", "throne", "sink",
    "fountain", "pool", "ice", "lava", "vertical raised drawbridge",
    "horizontal raised drawbridge",
})
# Features never named.
FLOOR_FEATURES = frozenset({"room floor", "dark room floor", "corridor floor", "lit corridor floor"})
# A ray stops right after naming one of these.
RAY_BLOCKERS = frozenset({
    "dark area", "vertical wall", "horizontal wall", "northwest room corner",
    "northeast room corner", "southwest corner", "southeast corner", "cross wall",
    "t up wall", "t down wall", "t west wall", "t east wall", "horizontal closed door",
    "vertical closed door", "horizontal raised drawbridge", "vertical raised drawbridge",
})
_EXPLOSION_NAMES = (
    "explosion top left", "explosion top center", "explosion top right",
    "explosion middle left", "explosion middle center", "explosion middle right",
    "explosion bottom left", "explosion bottom center", "explosion bottom right",
)
_ZAP_NAMES = ("horizontal zap beam", "vertical zap beam", "left slant zap beam", "right slant zap beam")
_SWALLOW_NAMES = CMAP_NAMES[79:87]
# NetHack's warning-level explanations (def_warnsyms), level 0 to 5.
_WARNING_NAMES = tuple(f"unknown creature causing you {feeling}" for feeling in
                       ("worry", "concern", "anxiety", "disquiet", "alarm", "dread"))

# Object classes (NetHack's objclass.h numbering).
(_ILLOBJ, _WEAPON, _ARMOR, _RING, _AMULET, _TOOL, _FOOD, _POTION, _SCROLL, _SPBOOK,
 _WAND, _COIN, _GEM, _ROCK, _BALL, _CHAIN, _VENOM) = range(1, 18)


def _object_name(index: int) -> str:
    descr = nethack.objdescr.from_idx(index)
    name, description = descr.oc_name or "", descr.oc_descr or ""
    kind = ord(nethack.objclass(index).oc_class)
    if kind in (_ILLOBJ, _WEAPON, _COIN, _ROCK, _BALL, _CHAIN):
        return name
    if kind in (_ARMOR, _TOOL):
        return description or name
    if kind == _RING:
        return description + " ring"
    if kind == _AMULET:
        return description if "Amulet" in description else description + " amulet"
    if kind == _FOOD:
        return name + description
    if kind == _POTION:
        return description + " potion"
    if kind == _SCROLL:
        return "scroll labeled " + description
    if kind == _SPBOOK:
        return description + " spellbook"
    if kind == _WAND:
        return description + " wand"
    if kind == _GEM:
        return name if description in name else f"{description} {name}"
    if kind == _VENOM:
        return "splash of " + name
    return ""


def _monster(glyph: int, offset: int) -> str:
    return nethack.permonst(glyph - offset).mname


def _fullscreen_name(glyph: int) -> str:
    if glyph >= nethack.GLYPH_STATUE_OFF:
        return _monster(glyph, nethack.GLYPH_STATUE_OFF) + " statue"
    if glyph >= nethack.GLYPH_WARNING_OFF:
        return _WARNING_NAMES[glyph - nethack.GLYPH_WARNING_OFF]
    if glyph >= nethack.GLYPH_SWALLOW_OFF:
        return _SWALLOW_NAMES[(glyph - nethack.GLYPH_SWALLOW_OFF) % 8]
    if glyph >= nethack.GLYPH_ZAP_OFF:
        return _ZAP_NAMES[(glyph - nethack.GLYPH_ZAP_OFF) % 4]
    if glyph >= nethack.GLYPH_EXPLODE_OFF:
        return _EXPLOSION_NAMES[(glyph - nethack.GLYPH_EXPLODE_OFF) % 9]
    if glyph >= nethack.GLYPH_CMAP_OFF:
        name = CMAP_NAMES[glyph - nethack.GLYPH_CMAP_OFF]
        return name if name in SCREEN_FEATURES else ""
    if glyph >= nethack.GLYPH_OBJ_OFF:
        return _object_name(glyph - nethack.GLYPH_OBJ_OFF)
    if glyph >= nethack.GLYPH_RIDDEN_OFF:
        return "ridden " + _monster(glyph, nethack.GLYPH_RIDDEN_OFF)
    if glyph >= nethack.GLYPH_BODY_OFF:
        return _monster(glyph, nethack.GLYPH_BODY_OFF) + " corpse"
    if glyph >= nethack.GLYPH_DETECT_OFF:
        return "detected " + _monster(glyph, nethack.GLYPH_DETECT_OFF)
    if glyph >= nethack.GLYPH_INVIS_OFF:
        return "invisible creature"
    if glyph >= nethack.GLYPH_PET_OFF:
        return "tame " + _monster(glyph, nethack.GLYPH_PET_OFF)
    return _monster(glyph, nethack.GLYPH_MON_OFF)


def _visual_name(glyph: int) -> str:
    if not nethack.GLYPH_CMAP_OFF <= glyph < nethack.GLYPH_EXPLODE_OFF:
        return ""
    name = CMAP_NAMES[glyph - nethack.GLYPH_CMAP_OFF]
    return "" if name in FLOOR_FEATURES or name in SCREEN_FEATURES else name


FULLSCREEN_NAMES: tuple[str, ...] = tuple(_fullscreen_name(g) for g in range(nethack.MAX_GLYPH))
VISUAL_NAMES: tuple[str, ...] = tuple(_visual_name(g) for g in range(nethack.MAX_GLYPH))

# Plurals the wrapper does not form by suffix rules.
_UNCHANGED_ENDINGS = ("boots", "shoes", "scales", "lenses", "bars")
_IRREGULAR = {"can of grease": "cans of grease", "Master of Thieves": "Masters of Thieves",
              "ice": "area of ice", "lava": "area of lava"}
_HEAD_PLURALS = (("boom ", "booms "), ("shield ", "shields "), ("swallow ", "swallows "),
                 ("scroll ", "scrolls "), ("worthless piece ", "worthless pieces "),
                 ("unknown creature ", "unknown creatures "))
_VOWELS = "aeiou"


def plural(noun: str) -> str:
    """The wrapper's plural of a glyph name. Its "-ch" rule never fires (it compares a
    byte before the string), so ``lich`` becomes ``lichs``."""
    if noun.endswith(_UNCHANGED_ENDINGS):
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    for head, replacement in _HEAD_PLURALS:
        if noun.startswith(head):
            return replacement + noun[len(head):]
    last, before = noun[-1:], noun[-2:-1]
    if last == "y" and before not in _VOWELS:
        return noun[:-1] + "ies"
    if last in ("z", "x") or noun.endswith(("sh", "ss")):
        return noun + "es"
    if last == "f":
        return noun[:-2 if before == "f" else -1] + "ves"
    if last == "s":
        return noun + "es"
    return noun + "s"
