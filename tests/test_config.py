import attrs
import pytest

from balrog_core import ConfigError
from balrog_core.harness import RunConfig
from balrog_core.config import config_from_json, config_to_json, load_config_file
from balrog_core.options import build_options, parse_option_pairs


@attrs.define
class Opts:
    turns: int = 1
    verbose: bool = False
    name: str = "x"
    ratio: float = 0.5


def test_options_are_typed_from_strings():
    opts = build_options(Opts, {"turns": "3", "verbose": "yes", "ratio": "0.25"}, "agent")
    assert opts == Opts(turns=3, verbose=True, name="x", ratio=0.25)
    assert build_options(Opts, {}, "agent") == Opts()


def test_bad_option_names_the_key_and_the_type():
    with pytest.raises(ConfigError, match=r"option agent.turns='many': expected int"):
        build_options(Opts, {"turns": "many"}, "agent")
    with pytest.raises(ConfigError, match=r"option agent.verbose='maybe': expected bool"):
        build_options(Opts, {"verbose": "maybe"}, "agent")
    with pytest.raises(ConfigError, match=r"unknown option agent.turn; known: agent.turns"):
        build_options(Opts, {"turn": "2"}, "agent")
    with pytest.raises(ConfigError, match="takes no options"):
        build_options(None, {"x": "1"}, "client")


def test_option_pairs_need_a_prefix_and_an_equals_sign():
    assert parse_option_pairs(["agent.turns=2", "env.babyai.size=8"]) == {"agent.turns": "2", "env.babyai.size": "8"}
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_option_pairs(["agent.turns"])
    with pytest.raises(ConfigError, match="needs a prefix"):
        parse_option_pairs(["turns=2"])


def test_config_roundtrip_masks_secrets():
    config = RunConfig(envs=["a"], options={"client.api_key": "sk-secret", "agent.turns": "2"})
    data = config_to_json(config)
    assert data["options"] == {"client.api_key": "***", "agent.turns": "2"}
    assert "sk-secret" not in str(data)
    assert config_from_json(data).envs == ["a"]


def test_bad_config_values_are_one_line_errors(tmp_path):
    with pytest.raises(ConfigError, match="concurrency must be at least 1, got 0"):
        config_from_json({"envs": ["a"], "concurrency": 0})
    with pytest.raises(ConfigError, match="episodes"):
        config_from_json({"envs": ["a"], "episodes": "lots"})
    path = tmp_path / "run.toml"
    path.write_text('envs = ["babyai"]\nepisdoes = 3\n')
    with pytest.raises(ConfigError, match="unknown key 'episdoes'"):
        load_config_file(path)
    path.write_text('envs = ["babyai"]\nepisodes = 3\n[options.agent]\nturns = 2\n')
    assert load_config_file(path) == {"envs": ["babyai"], "episodes": 3, "options": {"agent.turns": "2"}}
    with pytest.raises(ConfigError, match="does not exist"):
        load_config_file(tmp_path / "missing.toml")


def _at_least_one(instance, attribute, value):
    if value < 1:
        raise ConfigError(f"option agent.{attribute.name}={value}: must be 1 or more")


@attrs.define
class Checked:
    turns: int = attrs.field(default=1, validator=_at_least_one)


def test_a_plugin_validator_message_is_shown_as_is():
    with pytest.raises(ConfigError, match=r"^option agent.turns=0: must be 1 or more$"):
        build_options(Checked, {"turns": "0"}, "agent")


def test_workers_get_the_real_values_but_files_never_do():
    config = RunConfig(envs=["a"], options={"client.api_key": "sk-secret"})
    assert config_to_json(config, mask_secrets=False)["options"] == {"client.api_key": "sk-secret"}
    assert config_to_json(config)["options"] == {"client.api_key": "***"}


@pytest.mark.parametrize(("data", "message"), [
    ({"episodes": -1}, "run settings: episodes must be at least 1, got -1"),
    ({"temperature": float("nan")}, "run settings: temperature must be a number from 0 to 2, got nan"),
    ({"temperature": 3.5}, "run settings: temperature must be a number from 0 to 2, got 3.5"),
    ({"timeout": float("inf")}, "run settings: timeout must be a positive number, got inf"),
    ({"max_cost": float("nan")}, "run settings: max-cost must be a positive number, got nan"),
    ({"seed": 1.5}, "run settings: seed: expected a whole number, got 1.5"),
    ({"vision": "maybe"}, "run settings: vision: expected true or false, got 'maybe'"),
    ({"protocol": "paper"}, "run settings: protocol 'paper' is not known; use one of: reference, extended"),
    ({"parse": "loose"}, "run settings: parse 'loose' is not known; use one of: reference, tolerant"),
])
def test_out_of_range_values_read_as_plain_words(data, message):
    with pytest.raises(ConfigError) as caught:
        config_from_json({"envs": ["x"], **data}, source="run settings")
    assert str(caught.value) == message


def test_reference_defaults_and_configs_saved_before_protocols_had_names():
    config = config_from_json({"envs": ["x"]})
    assert (config.protocol, config.parse, config.temperature, config.max_tokens) == ("reference", "reference", 1.0, 8192)
    old = config_from_json({"envs": ["x"], "strict_actions": False, "vision": True, "seed": 3})
    assert (old.protocol, old.parse, old.vision, old.seed) == ("extended", "tolerant", True, 3)
