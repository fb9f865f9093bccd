"""1,000 random actions of real NetHack (prompts, menus, deaths) without an error, and
never a "--More--" left on screen."""

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
            assert outcome.observation.text.startswith("Message:")
            screen = game.last_obs["tty_chars"].tobytes()
            assert b"--More--" not in screen or outcome.terminated  # dismissed automatically
            assert 0.0 <= game.progression() <= 100.0
            if outcome.terminated or outcome.truncated:
                json.dumps(game.extras())
                episodes += 1
                game.reset(100 + episodes)
    finally:
        game.close()
