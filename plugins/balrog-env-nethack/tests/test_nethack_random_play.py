"""1,000 random actions of real NetHack (prompts, menus, deaths, two-digit strings) without
an error, and never a "--More--" left in the message."""

import json
import random

from balrog_env_nethack.nethack_game import NetHackGame


def test_thousand_random_steps():
    game = NetHackGame(vision=False)
    rng = random.Random(7)
    names = game.action_space.names
    episodes = 0
    try:
        game.reset(100)
        for _ in range(1000):
            outcome = game.step(rng.choice(names))
            message = outcome.observation.text.split("\n\nlanguage observation:\n")[0]
            assert message.startswith("message:\n")
            ended = outcome.terminated or outcome.truncated
            assert "--More--" not in message or ended  # pressed automatically
            assert 0.0 <= game.progression() <= 100.0
            if outcome.terminated or outcome.truncated:
                json.dumps(game.extras())
                episodes += 1
                game.reset(100 + episodes)
    finally:
        game.close()
