"""Animations of an episode from the PNG images its trace kept (vision runs).

Each frame is the step's image, enlarged with nearest-neighbour scaling when small, above a
caption line (step, action, reward) — the caption also keeps consecutive identical images
apart, so the GIF has exactly one frame per step.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from balrog_core import ConfigError
from balrog_core.harness import EpisodeKey

from .loading import LoadedRun

__all__ = ["find_episode", "episode_frames", "write_gif", "write_mp4", "MIN_WIDTH"]

MIN_WIDTH = 256
CAPTION_HEIGHT = 18


def find_episode(run: LoadedRun, episode: str) -> EpisodeKey:
    """``env/task/index`` or a trace file stem (``env--task--0003``) -> the episode key."""
    stem = Path(episode).name.removesuffix(".jsonl.gz")
    for record in run.records:
        key = record.key
        if stem == key.slug() or episode == f"{key.env}/{key.task}/{key.index}":
            return key
    examples = ", ".join(f"{r.env}/{r.task}/{r.index}" for r in run.records[:3])
    raise ConfigError(
        f"episode {episode!r} is not in run {str(run.path)!r}; give ENV/TASK/INDEX (e.g. {examples}) or a trace file stem"
    )


def _frame(image: Image.Image, caption: str) -> Image.Image:
    image = image.convert("RGB")
    if image.width < MIN_WIDTH:
        scale = -(-MIN_WIDTH // image.width)
        image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    frame = Image.new("RGB", (image.width, image.height + CAPTION_HEIGHT), "white")
    frame.paste(image, (0, 0))
    ImageDraw.Draw(frame).text((4, image.height + 3), caption, fill="black", font=ImageFont.load_default())
    return frame


def episode_frames(run: LoadedRun, key: EpisodeKey) -> list[Image.Image]:
    """One captioned frame per step that has an image."""
    record = next(r for r in run.records if r.key == key)
    lines = run.trace(record)
    if not lines:
        raise ConfigError(f"episode {key.env}/{key.task}/{key.index} has no trace in {str(run.path)!r}")
    frames = []
    for line in lines:
        if line.get("type") != "step" or not line.get("image"):
            continue
        path = run.image_file(line["image"])
        if not path.exists():
            continue
        with Image.open(path) as picture:
            caption = f"step {line['step'] + 1}  {line.get('action')}  reward {line.get('reward')}"
            frames.append(_frame(picture, caption))
    if not frames:
        raise ConfigError(
            f"episode {key.env}/{key.task}/{key.index} has no images; only runs with --vision keep step images"
        )
    return frames


def write_gif(frames: list[Image.Image], path: Path, fps: float) -> None:
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=max(20, round(1000 / fps)), loop=0)


def _even(frame: Image.Image, size: tuple[int, int]) -> Image.Image:
    canvas = Image.new("RGB", size, "black")
    canvas.paste(frame, (0, 0))
    return canvas


def write_mp4(frames: list[Image.Image], path: Path, fps: float) -> None:
    """H.264 through imageio-ffmpeg's bundled ffmpeg; frames padded to a multiple of 16."""
    if importlib.util.find_spec("imageio_ffmpeg") is None:
        raise ConfigError("MP4 export needs the imageio-ffmpeg package; install it (pip install imageio-ffmpeg) or use --gif")
    import imageio_ffmpeg

    width = max(f.width for f in frames)
    height = max(f.height for f in frames)
    size = (-(-width // 16) * 16, -(-height // 16) * 16)
    writer = imageio_ffmpeg.write_frames(str(path), size, fps=fps, macro_block_size=16, quality=7)
    writer.send(None)
    try:
        for frame in frames:
            writer.send(_even(frame, size).tobytes())
    finally:
        writer.close()
