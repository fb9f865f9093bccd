"""Demonstrations in the prompt: the reference layout and the compact one side by side.

``reference`` (the default) lays demonstrations out as the reference harness does: the
game's instruction comes first with its word ``PLAY`` replaced by a sentence asking the
model to learn from the demonstrations; then each demonstration as chat turns, framed by
start and end banners, observations (``user``, marked ``Obesrvation:`` — the reference's
spelling) alternating with the expert's actions (``assistant``); then a banner saying it
is the model's turn; then the episode itself. At most ``budget`` observation and action
messages are shown over all demonstrations (the reference's ``max_icl_history``).

``compact`` (an opt-in deviation) is this plugin's earlier layout: the demonstrations as one
text after the instruction, each step ``Observation:`` then ``Action:``, with the lines of a
demonstration's own instruction that differ from the current one (BabyAI's mission).
"""

from __future__ import annotations

from collections.abc import Sequence

from balrog_core import Message

from .store import Demonstration

__all__ = [
    "DEMO_OBSERVATION_MARKER",
    "LAYOUTS",
    "LEARN",
    "YOUR_TURN",
    "budgeted",
    "demonstration_messages",
    "goal_lines",
    "learning_instruction",
    "render_demonstrations",
]

LAYOUTS = ("reference", "compact")
LEARN = "First, study the demonstration episodes below and learn from them!"
DEMO_OBSERVATION_MARKER = "Obesrvation:"  # sic: the reference's spelling
YOUR_TURN = "****** Now it's your turn to play the game! ******"


def _start(number: int) -> str:
    return f"****** START OF DEMONSTRATION EPISODE {number} ******"


def _end(number: int) -> str:
    return f"****** END OF DEMONSTRATION EPISODE {number} ******"


def learning_instruction(instruction: str) -> str:
    """The game's instruction with every ``PLAY`` replaced by the request to learn."""
    return instruction.replace("PLAY", LEARN)


def _events(demo: Demonstration) -> list[Message]:
    events = []
    for step in demo.steps:
        events.append(Message("user", f"{DEMO_OBSERVATION_MARKER}\n{step.observation}"))
        events.append(Message("assistant", step.action))
    return events


def budgeted(demonstrations: Sequence[Demonstration], budget: int) -> list[tuple[Demonstration, int]]:
    """Each demonstration shown with how many of its messages fit the ``budget``: whole
    ones while they fit, then the head of the first that does not, then none."""
    shown = []
    used = 0
    for demo in demonstrations:
        size = 2 * len(demo.steps)
        take = min(size, budget - used)
        shown.append((demo, take))
        used += take
        if take < size:
            break
    return shown


def demonstration_messages(demonstrations: Sequence[Demonstration], budget: int) -> list[Message]:
    """The reference layout's messages between the instruction and the episode."""
    messages = []
    for number, (demo, take) in enumerate(budgeted(demonstrations, budget), start=1):
        messages.append(Message("user", _start(number)))
        messages.extend(_events(demo)[:take])
        messages.append(Message("user", _end(number)))
    messages.append(Message("user", YOUR_TURN))
    return messages


def goal_lines(demo_instruction: str | None, instruction: str) -> list[str]:
    """Lines of a demonstration's instruction that are not in ``instruction``."""
    if not demo_instruction:
        return []
    present = {line.strip() for line in instruction.splitlines()}
    return [line.strip() for line in demo_instruction.splitlines() if line.strip() and line.strip() not in present]


def _render_one(number: int, demo: Demonstration, steps: int, instruction: str) -> str:
    shown = demo.steps[:steps]
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
    demonstrations: Sequence[Demonstration], instruction: str, budget: int
) -> str:
    """The compact layout: one text put after the game's instruction."""
    chosen = budgeted(demonstrations, budget)
    count = len(chosen)
    header = (
        f"Below {'is one demonstration' if count == 1 else f'are {count} demonstrations'} of "
        "this task, played by an expert on other games of the same kind. Each step shows the "
        "observation and then the action the expert chose. Learn from how they played; your "
        "own game is different, so decide from your own observations."
    )
    bodies = [
        _render_one(number, demo, (take + 1) // 2, instruction)
        for number, (demo, take) in enumerate(chosen, start=1)
    ]
    return "\n\n".join([header, *bodies, "Now it is your turn to play."])
