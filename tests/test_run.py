"""End-to-end runs through the CLI on the test game: results files, determinism, resume,
failures and the model-facing loop against a real loopback HTTP server."""

import json

import attrs

import pytest

from balrog_core.harness import read_trace
from balrog_core.cli import main
from balrog_core.hookspecs import hookimpl
from balrog_core.harness import get_plugin_manager
from balrog_core.testing import LoopbackOpenAI


def _run(tmp_path, *args, name="run"):
    out = tmp_path / name
    main(["run", "--env", "testline", "--output", str(out), *args])
    return out


def _lines(path):
    return [json.loads(line) for line in (path / "episodes.jsonl").read_text().splitlines()]


def _actions(out):
    result = {}
    for trace in sorted((out / "traces").glob("*.jsonl.gz")):
        result[trace.name] = [line["action"] for line in read_trace(trace) if line["type"] == "step"]
    return result


def test_a_run_writes_a_complete_directory(testgame, tmp_path):
    out = _run(tmp_path, "--agent", "walker")
    meta = json.loads((out / "run.json").read_text())
    assert meta["status"] == "finished"
    assert meta["config"]["agent"] == "walker" and meta["episodes_planned"] == 5
    assert meta["versions"]["balrog-core"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["testline"]["mean"] == 100.0
    assert summary["tasks"]["testline/short"]["n"] == 3 and summary["tasks"]["testline/long"]["n"] == 2
    records = _lines(out)
    assert sorted((r["task"], r["index"]) for r in records) == [
        ("long", 0), ("long", 1), ("short", 0), ("short", 1), ("short", 2)]
    for record in records:
        assert record["extras"] == {"final_position": 4}
        trace = read_trace(out / record["trace"])
        assert trace[0]["type"] == "episode" and trace[-1]["type"] == "end"
        assert len([t for t in trace if t["type"] == "step"]) == record["steps"]
    assert not list((out / "traces").glob("*.partial"))


def test_same_command_twice_plays_identical_episodes(testgame, tmp_path):
    first = _run(tmp_path, "--agent", "random", "--seed", "7", name="a")
    second = _run(tmp_path, "--agent", "random", "--seed", "7", "--concurrency", "1", name="b")
    other = _run(tmp_path, "--agent", "random", "--seed", "8", name="c")
    assert _actions(first) == _actions(second)
    assert _actions(first) != _actions(other)
    strip = lambda rs: sorted((r["task"], r["index"], r["seed"], r["steps"], r["progression"]) for r in rs)
    assert strip(_lines(first)) == strip(_lines(second))


def test_resume_plays_only_missing_episodes(testgame, tmp_path):
    out = _run(tmp_path, "--agent", "random", "--seed", "3")
    complete = _lines(out)
    kept = (out / "episodes.jsonl").read_text().splitlines()[:2]
    (out / "episodes.jsonl").write_text("\n".join(kept) + "\n" + '{"env": "testline", "ta')
    main(["run", "--resume", str(out), "--concurrency", "3"])
    resumed = _lines(out)
    assert len(resumed) == 5
    assert len({(r["task"], r["index"]) for r in resumed}) == 5
    key = lambda r: (r["task"], r["index"], r["seed"], r["steps"], r["progression"])
    assert sorted(map(key, resumed)) == sorted(map(key, complete))
    meta = json.loads((out / "run.json").read_text())
    assert [s["pending"] for s in meta["sessions"]] == [5, 3]
    assert meta["config"]["concurrency"] == 3


def test_resume_refuses_settings_that_change_the_episodes(testgame, tmp_path, capsys):
    out = _run(tmp_path, "--agent", "walker")
    with pytest.raises(SystemExit):
        main(["run", "--resume", str(out), "--episodes", "9"])
    assert "--episodes cannot change" in capsys.readouterr().err


def test_an_episode_that_raises_is_recorded_and_the_rest_complete(testgame, tmp_path):
    out = _run(tmp_path, "--agent", "walker", "-o", "env.testline.explode_at=2",
               "-o", "env.testline.explode_task=long", "-o", "env.testline.width=8")
    records = {(r["task"], r["index"]): r for r in _lines(out)}
    assert len(records) == 5
    assert all("the line exploded" in records[("long", i)]["error"] for i in range(2))
    assert all("Traceback" in records[("long", i)]["error"] for i in range(2))
    assert all(records[("short", i)]["error"] is None for i in range(3))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tasks"]["testline/long"]["failed"] == 2 and summary["tasks"]["testline/long"]["n"] == 0
    assert summary["envs"]["testline"]["mean"] == 100.0


def test_the_naive_agent_over_http_counts_invalid_outputs_and_says_so(testgame, tmp_path):
    replies = ["step right", "I refuse", "step right", "Step Right.", "step right"]
    with LoopbackOpenAI(replies) as server:
        out = _run(tmp_path, "--agent", "naive", "--client", "testhttp", "--base-url", server.url,
                   "--task", "short", "--episodes", "1", "--max-steps", "5", "-o", "env.testline.width=9",
                   "-o", "env.testline.start=0")
        requests = server.requests
    record = _lines(out)[0]
    assert record["steps"] == 5 and record["invalid_outputs"] == 2
    assert record["invalid_texts"] == ["I refuse", "Step Right."]
    assert record["action_counts"] == {"step right": 3, "stay": 2}
    assert record["input_tokens"] > 0 and record["output_tokens"] > 0
    assert record["cost"] == pytest.approx(0.005)
    last_user = lambda request: request["messages"][-1]["content"]
    feedback = "Your previous output did not contain a valid action. Defaulted to action: stay"
    assert feedback in last_user(requests[2]) and feedback not in last_user(requests[3])
    steps = [t for t in read_trace(out / record["trace"]) if t["type"] == "step"]
    assert steps[1]["invalid"] and steps[1]["action"] == "stay" and steps[1]["rule"] == "no_match"
    assert steps[3]["invalid"] and steps[2]["rule"] == "exact"
    assert steps[4]["messages"][0]["role"] == "user"
    assert len(steps[4]["messages"]) == 1 + 2 * 4 + 1
    meta = json.loads((out / "run.json").read_text())
    assert meta["client"] == {"name": "testhttp", "model": "loopback", "base_url": server.url}
    assert meta["protocol"]["name"] == "reference" and meta["protocol_deviations"] == [
        "1 episodes per task (reference: per-task defaults)", "step cap 5 (reference: per-task defaults)"]


def test_chat_layout_of_a_real_twenty_step_episode(testgame, tmp_path):
    """PROTOCOL.md §3 on a played episode: instruction as the first user message, a window
    of 32 events ending with the current observation, empty answers leaving no assistant
    message, only the newest 16 observations carrying their text, feedback kept with the
    observation it came with, and the answer format on the current turn only."""
    replies = ["step right", "I refuse", "42", "Step Right.", "**stay**"] + ["step right"] * 12 + ["...", "step left", "stay"]
    with LoopbackOpenAI(replies) as server:
        out = _run(tmp_path, "--agent", "naive", "--client", "testhttp", "--base-url", server.url,
                   "--task", "short", "--episodes", "1", "--max-steps", "20", "-o", "env.testline.width=50",
                   "-o", "env.testline.start=0")
        sent = server.requests[19]["messages"]
    record = _lines(out)[0]
    assert record["steps"] == 20 and record["invalid_outputs"] == 4
    steps = [t for t in read_trace(out / record["trace"]) if t["type"] == "step"]
    assert [m["text"] for m in steps[19]["messages"]] == [m["content"] for m in sent]
    roles = [m["role"] for m in sent]
    # events kept: obs3 act3 obs4 act4 ... obs16 act16 obs17 obs18 act18 obs19 (acts 2 and 17 were empty)
    assert roles == ["user", "user"] + ["assistant", "user"] * 14 + ["user", "assistant", "user"]
    texts = [m["content"] for m in sent]
    assert texts[0].startswith("Task short: walk to the goal.")
    feedback = "\n\nYour previous output did not contain a valid action. Defaulted to action: stay\n\nObservation:\n"
    assert texts[1] == "Observation:"  # the 17th-newest observation keeps only its marker
    assert texts[2] == "Step Right"  # the filtered candidate, not the raw answer
    assert texts[3] == "Observation:\n" + feedback + steps[4]["observation"]
    assert texts[4] == "stay"
    assert texts[-3] == "Observation:\n" + feedback + steps[18]["observation"]
    assert texts[-2] == "step left"
    assert texts[-1].startswith("Current Observation:\n" + steps[19]["observation"] + "\n\n")
    assert texts[-1].endswith("until the episode is over.")
    assert sum(text.startswith("Observation:\n") for text in texts) == 15
    assert not any("until the episode is over." in text for text in texts[:-1])


def test_vision_mode_saves_images_in_the_trace(testgame, tmp_path):
    out = _run(tmp_path, "--agent", "walker", "--vision", "--task", "short", "--episodes", "1")
    record = _lines(out)[0]
    steps = [t for t in read_trace(out / record["trace"]) if t["type"] == "step"]
    assert all(step["image"] for step in steps)
    assert (out / "traces" / steps[0]["image"]).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--env", "testlin"], "unknown env 'testlin' (did you mean 'testline'?)"),
        (["--env", "testline", "--agent", "wlaker"], "did you mean 'walker'?"),
        (["--env", "testline", "--task", "medium"], "unknown task 'medium'"),
        (["--env", "testline", "--agent", "walker", "-o", "env.testline.width=wide"],
         "option env.testline.width='wide': expected int"),
        (["--env", "testline", "--agent", "walker", "-o", "env.other.width=3"], "option for env 'other'"),
        (["--env", "testline", "--agent", "naive", "--client", "testhttp"], "testhttp needs --base-url"),
        (["--env", "testline", "--agent", "walker", "--concurrency", "0"], "concurrency must be at least 1"),
        (["--env", "testline", "--agent", "walker", "-o", "client.x=1"], "uses no model client"),
        ([], "no environment chosen"),
    ],
)
def test_bad_input_is_one_clear_line(testgame, tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--output", str(tmp_path / "out"), *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_the_agent_must_fit_the_env(testgame, tmp_path, capsys):
    class Other:
        @hookimpl
        def register_envs(self, register):
            from balrog_core import EnvSpec, TaskSpec
            register(EnvSpec("otherline", [TaskSpec("t", 1, 5)], factory=lambda task, settings: None))

    manager = get_plugin_manager()
    manager.register(Other(), name="other")
    try:
        with pytest.raises(SystemExit):
            main(["run", "--env", "otherline", "--agent", "walker", "--output", str(tmp_path / "o")])
    finally:
        manager.unregister(name="other")
    assert "agent 'walker' cannot play 'otherline'" in capsys.readouterr().err


def test_lifecycle_hooks_are_called(testgame, tmp_path):
    calls = []

    class Logger:
        @hookimpl
        def on_run_start(self, run):
            calls.append(("start", len(run.pending)))

        @hookimpl
        def on_episode_end(self, run, record):
            calls.append(("episode", record.task))

        @hookimpl
        def on_run_end(self, run, summary):
            calls.append(("end", summary["envs"]["testline"]["n"]))

    manager = get_plugin_manager()
    manager.register(Logger(), name="logger")
    try:
        _run(tmp_path, "--agent", "walker")
    finally:
        manager.unregister(name="logger")
    assert calls[0] == ("start", 5) and calls[-1] == ("end", 5)
    assert sorted(c[1] for c in calls if c[0] == "episode") == ["long", "long", "short", "short", "short"]


def test_summary_command(testgame, tmp_path, capsys):
    out = _run(tmp_path, "--agent", "walker")
    capsys.readouterr()
    main(["summary", str(out), "--json"])
    assert json.loads(capsys.readouterr().out)["envs"]["testline"]["mean"] == 100.0
    main(["summary", str(out)])
    assert "100.00" in capsys.readouterr().out


def test_a_plugin_scorer_writes_the_summary(testgame, tmp_path):
    from balrog_core import ScorerSpec, mean_se

    def success(records):
        mean, se = mean_se([100.0 * (r.progression == 100.0) for r in records])
        group = {"mean": mean, "se": se, "n": len(records)}
        return {"metric": "success", "tasks": {}, "envs": {"testline": group}, "overall": group}

    class Scorer:
        @hookimpl
        def register_scorers(self, register):
            register(ScorerSpec(name="success", summarize=success))

    manager = get_plugin_manager()
    manager.register(Scorer(), name="scorer")
    try:
        out = _run(tmp_path, "--agent", "walker", "--scorer", "success")
    finally:
        manager.unregister(name="scorer")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["metric"] == "success" and summary["overall"]["mean"] == 100.0
    assert summary["episodes"] == {"planned": 5, "finished": 5}


def test_a_plugin_executor_plays_the_run(testgame, tmp_path, capsys):
    from balrog_core.harness import Executor, ExecutorSpec
    from balrog_core.builtin.executors import LocalExecutor

    seen = []

    class Counting(Executor):
        plays_here = True

        async def play(self, assignment):
            def count(record):
                seen.append(record.key)
                assignment.on_record(record)
            await LocalExecutor().play(attrs.evolve(assignment, on_record=count))

    class ExecutorPlugin:
        @hookimpl
        def register_executors(self, register):
            register(ExecutorSpec(name="counting", factory=lambda settings: Counting()))

    manager = get_plugin_manager()
    manager.register(ExecutorPlugin(), name="executor-plugin")
    try:
        out = _run(tmp_path, "--agent", "walker", "--executor", "counting")
        main(["executors", "list"])
    finally:
        manager.unregister(name="executor-plugin")
    assert len(seen) == 5 and len(_lines(out)) == 5
    listing = capsys.readouterr().out
    assert "counting" in listing and "processes" in listing and "local" in listing
    meta = json.loads((out / "run.json").read_text())
    assert meta["sessions"][0]["executor"] == "counting"


def test_an_agent_that_refuses_a_task_fails_before_any_episode(testgame, tmp_path, capsys):
    from balrog_core import AgentSpec, ConfigError

    def picky(setup):
        if setup.task == "long":
            raise ConfigError("no demonstrations for testline/long; record some first")
        return None

    class Picky:
        @hookimpl
        def register_agents(self, register):
            register(AgentSpec(name="picky", factory=picky, needs_client=False))

    manager = get_plugin_manager()
    manager.register(Picky(), name="picky")
    try:
        with pytest.raises(SystemExit):
            main(["run", "--env", "testline", "--agent", "picky", "--output", str(tmp_path / "o")])
    finally:
        manager.unregister(name="picky")
    assert "no demonstrations for testline/long" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_resume_may_move_the_run_to_another_executor(testgame, tmp_path):
    import attrs as attrs_module

    from balrog_core.harness import Executor, ExecutorSpec
    from balrog_core.builtin.executors import LocalExecutor

    @attrs_module.define
    class Where:
        address: str = ""

    class Remote(Executor):
        plays_here = True

        async def play(self, assignment):
            await LocalExecutor().play(attrs_module.evolve(assignment, plans=assignment.plans[:2]))

    class RemotePlugin:
        @hookimpl
        def register_executors(self, register):
            register(ExecutorSpec(name="remote", factory=lambda settings: Remote(), options=Where))

    manager = get_plugin_manager()
    manager.register(RemotePlugin(), name="remote-plugin")
    try:
        out = _run(tmp_path, "--agent", "walker", "--executor", "remote", "-o", "executor.address=10.0.0.1:6379")
        assert len(_lines(out)) == 2
        main(["run", "--resume", str(out), "--executor", "local"])
    finally:
        manager.unregister(name="remote-plugin")
    assert len(_lines(out)) == 5
    meta = json.loads((out / "run.json").read_text())
    assert meta["config"]["executor"] == "local" and meta["config"]["options"] == {}


def test_errors_survive_pickling_for_worker_processes():
    import pickle

    from balrog_core import UnknownNameError

    error = pickle.loads(pickle.dumps(UnknownNameError("env", "babyia", ["babyai", "crafter"])))
    assert str(error) == "unknown env 'babyia' (did you mean 'babyai'?); known envs: babyai, crafter"


def test_a_run_where_every_episode_failed_exits_non_zero(testgame, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        _run(tmp_path, "--agent", "walker", "--task", "long", "-o", "env.testline.explode_at=1")
    assert stopped.value.code == 1
    error = capsys.readouterr().err
    assert "error: every episode failed (first: RuntimeError: the line exploded)" in error
    assert all(record["error"] for record in _lines(tmp_path / "run"))


def test_protocol_command_shows_what_the_model_is_shown(testgame, capsys):
    main(["protocol", "--env", "testline", "--task", "short"])
    printed = capsys.readouterr().out
    assert "protocol: reference v1 (reproduces balrog-ai/BALROG@af7d1f1)" in printed
    assert "parse: reference   sampling: temperature 1.0, max_tokens 8192   history: 16 observations" in printed
    assert "deviations: none" in printed
    assert "actions (3, default 'stay'): step left, step right, stay" in printed
    assert "----- [user]\nTask short: walk to the goal." in printed
    assert "----- [user]\nCurrent Observation:\nYou are at" in printed
    main(["protocol", "--env", "testline", "--task", "short", "--parse", "tolerant", "--json"])
    view = json.loads(capsys.readouterr().out)
    assert view["protocol_deviations"] == ["parse 'tolerant': answers read leniently (reference: exact action names)"]
    (task,) = view["tasks"]
    assert [m["role"] for m in task["messages"]] == ["user", "user"]
    assert task["messages"][1]["text"].endswith("until the episode is over.")


@pytest.mark.parametrize(("damage", "message"), [
    (lambda run, episodes: run.write_text(run.read_text()[:80]), "run.json' is not valid JSON (line "),
    (lambda run, episodes: run.write_bytes(b"\xff\xfe\x00"), "run.json' is not text"),
    (lambda run, episodes: run.write_text('{"status": "running"}'), "holds no run settings ('config')"),
    (lambda run, episodes: run.write_text(run.read_text().replace('"history": 16', '"history": "many"')),
     "run.json: history: expected int, got a value of another kind"),
    (lambda run, episodes: episodes.write_text(episodes.read_text().replace("\n", "\n{not json}\n", 1)),
     "episodes.jsonl' line 2 is not an episode record ('{not json}'); delete that line"),
])
def test_damaged_run_files_give_one_line_on_resume(testgame, tmp_path, capsys, damage, message):
    out = _run(tmp_path, "--agent", "walker", "--task", "short", "--episodes", "3")
    damage(out / "run.json", out / "episodes.jsonl")
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--resume", str(out)])
    assert stopped.value.code == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and message in error and "\n" not in error
