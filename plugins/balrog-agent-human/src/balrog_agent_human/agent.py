"""The ``human`` agent: a person answers in place of the model, seeing what the model sees.

Each turn builds the exact messages the naive agent would send (the core's chat layout
with the naive answer format), shows the person the instruction once and then the current
observation message, and reads the typed answer by the naive agent's rule: under
``--parse reference`` everything but ASCII letters, whitespace and ``:`` is deleted from
the stripped answer and the rest must be an action name exactly. An invalid answer is
returned as such, so the episode loop plays the default action and the next observation
carries the protocol's feedback, as for a model. The trace therefore holds the same
prompts, outputs and parsed actions a naive model giving the same answers would leave.

``help`` and ``quit`` are commands, never answers: ``help`` lists the actions and
commands and asks again; ``quit`` (or the end of stdin) stops the run as Ctrl-C does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import attrs

from balrog_core import (
    ActionSpace,
    Agent,
    AgentReply,
    AgentSettings,
    Observation,
    TurnContext,
    build_messages,
    read_action,
)
from balrog_core.parsing import ParsedAction, letters_only
from balrog_core import NAIVE_FORMAT

from .terminal import Quit, Terminal

__all__ = ["HELP", "QUIT", "HumanAgent", "HumanOptions", "build_human_agent", "help_text", "read_answer"]

HELP = "help"
QUIT = "quit"
PROMPT = "your answer> "


@attrs.frozen
class HumanOptions:
    """``image_dir``: where vision-mode observations are saved as PNG files for the person
    to open (default: ``balrog-play`` in the system's temporary directory; ``balrog play``
    uses ``screens/`` in the run directory)."""

    image_dir: str | None = None


def read_answer(answer: str, space: ActionSpace, mode: str) -> tuple[str, ParsedAction]:
    """The candidate the history shows and the action it names, by the naive agent's rule."""
    text = answer.strip()
    candidate = letters_only(text) if mode == "reference" else text
    return candidate, read_action(candidate, space, mode)


def _command(line: str) -> str | None:
    word = line.strip().casefold()
    return word if word in (HELP, QUIT) else None


def help_text(space: ActionSpace, mode: str) -> str:
    """The actions and how an answer is read, then the commands."""
    if space.free_text:
        lines = [
            "Any text is a command for the game; these verbs are the ones it understands:",
            *(f"  {name}: {description}" for name, description in space.actions.items()),
        ]
    else:
        lines = [
            "Actions (type one):",
            *(f"  {name}: {description}" if description else f"  {name}"
              for name, description in space.actions.items()),
        ]
    if mode == "reference":
        lines.append(
            "Your answer is read as a model's: only letters, spaces and ':' are kept, and the "
            "rest must be an action name exactly (case and spaces count)."
        )
    else:
        lines.append("Your answer is read leniently (--parse tolerant), as a model's would be.")
    if not space.free_text:
        lines.append(f"An answer naming no action plays {space.default!r}, and the next observation says so.")
    lines.append(
        f"Commands: {HELP} (this list), {QUIT} (stop; the unfinished episode is not recorded "
        "and balrog play --resume RUN_DIR plays it again from the start)"
    )
    return "\n".join(lines)


class HumanAgent(Agent):
    """Shows a person each turn's prompt and reads their answer from stdin."""

    def __init__(self, parse: str, image_dir: Path, terminal: Terminal | None = None) -> None:
        self.parse = parse
        self.image_dir = image_dir
        self.terminal = terminal or Terminal()

    def _show_image(self, step: int, observation: Observation) -> None:
        if observation.image is None:
            return
        self.image_dir.mkdir(parents=True, exist_ok=True)
        path = self.image_dir / f"step-{step:04d}.png"
        from PIL import Image

        Image.fromarray(observation.image).save(path, format="PNG")
        self.terminal.note(f"image: {path}")

    async def act(self, turn: TurnContext) -> AgentReply:
        messages = build_messages(turn, NAIVE_FORMAT)
        terminal = self.terminal
        if turn.step == 0:
            terminal.heading("instruction (the first message a model gets)")
            terminal.text(messages[0].text)
            terminal.note(f"type {HELP} for the actions, {QUIT} to stop")
        terminal.heading(f"step {turn.step + 1}")
        terminal.text(messages[-1].text)
        self._show_image(turn.step, turn.observation)
        while True:
            line = await terminal.ask(PROMPT)
            command = None if line is None else _command(line)
            if line is None or command == QUIT:
                raise Quit()
            if command == HELP:
                terminal.text(help_text(turn.action_space, self.parse))
                continue
            break
        candidate, parsed = read_answer(line, turn.action_space, self.parse)
        return AgentReply(
            text=line, action=parsed.action, rule=parsed.rule, memory=candidate, messages=messages,
        )


def build_human_agent(setup: AgentSettings) -> HumanAgent:
    """The agent factory."""
    options: Any = setup.options if setup.options is not None else HumanOptions()
    image_dir = Path(options.image_dir) if options.image_dir else Path(tempfile.gettempdir()) / "balrog-play"
    return HumanAgent(setup.parse, image_dir)
