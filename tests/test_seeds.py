from balrog_core.harness import episode_seed


def test_seeds_are_stable_and_distinct():
    assert episode_seed(0, "babyai", "goto", 3) == episode_seed(0, "babyai", "goto", 3)
    seeds = {episode_seed(base, env, task, i) for base in (0, 1) for env in ("a", "b")
             for task in ("x", "y") for i in range(50)}
    assert len(seeds) == 2 * 2 * 2 * 50
    assert all(0 <= s < 2**31 for s in seeds)
    # A fixed value guards against accidental changes that would silently change every run.
    assert episode_seed(0, "babyai", "goto", 0) == 1724597743
