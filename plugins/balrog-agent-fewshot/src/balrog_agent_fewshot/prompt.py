"""Demonstrations as prompt text: observation then action, step by step.

The text goes after the game's instruction prompt (a system suffix), so the model reads the
rules first, then how an expert played, then its own episode. A demonstration's goal may
differ from the evaluated episode's (BabyAI states the mission in the instruction), so the
lines of the demonstration's instruction that the current instruction lacks are shown with
it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .store import Demonstration

__all__ = ["render_demonstrations", "goal_lines"]


def goal_lines(demo_instruction: str | None, instruction: str) -> list[str]:
    """Lines of a demonstration's instruction that are not in ``instruction``."""
    if not demo_instruction:
        return []
    present = {line.strip() for line in instruction.splitlines()}
    return [line.strip() for line in demo_instruction.splitlines() if line.strip() and line.strip() not in present]


def _render_one(number: int, demo: Demonstration, instruction: str, max_steps: int) -> str:
    shown = demo.steps[:max_steps]
    length = f"{len(demo.steps)} steps" + (
        f", the first {len(shown)} shown" if len(shown) < len(demo.steps) else ""
    )
    parts = [f"### Demonstration {number} ({length}, final progression {demo.progression:g}/100)"]
    differences = goal_lines(demo.instruction, instruction)
    if differences:
        parts.append("Its instructions differ from yours in:\n" + "\n".join(differences))
    for step in shown:
        parts.append(f"Observation:\n{step.observation}\nAction: {step.action}")
    parts.append(f"### End of demonstration {number}")
    return "\n\n".join(parts)


def render_demonstrations(
    demonstrations: Sequence[Demonstration], instruction: str, max_steps: int
) -> str:
    """The system-prompt suffix that presents ``demonstrations`` before play."""
    count = len(demonstrations)
    header = (
        f"Below {'is one demonstration' if count == 1 else f'are {count} demonstrations'} of "
        "this task, played by an expert on other games of the same kind. Each step shows the "
        "observation and then the action the expert chose. Learn from how they played; your "
        "own game is different, so decide from your own observations."
    )
    bodies = [_render_one(n, demo, instruction, max_steps) for n, demo in enumerate(demonstrations, start=1)]
    return "\n\n".join([header, *bodies, "Now it is your turn to play."])
