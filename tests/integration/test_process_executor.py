"""Worker processes play the same episodes as the local executor (needs the template
plugin installed, since workers find plugins through entry points)."""

import json

from balrog_core.cli import main


def _records(out):
    rows = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    return sorted((r["task"], r["index"], r["seed"], r["steps"], r["progression"], r["error"]) for r in rows)


def test_processes_and_local_give_identical_results(tmp_path):
    common = ["run", "--env", "numberline", "--agent", "random", "--episodes", "12", "--seed", "5"]
    main([*common, "--output", str(tmp_path / "local")])
    main([*common, "--executor", "processes", "--workers", "2", "--concurrency", "4",
          "--output", str(tmp_path / "procs")])
    assert _records(tmp_path / "local") == _records(tmp_path / "procs")
    assert len(_records(tmp_path / "procs")) == 12
    assert all(row[5] is None for row in _records(tmp_path / "procs"))
    traces = list((tmp_path / "procs" / "traces").glob("*.jsonl.gz"))
    assert len(traces) == 12


def test_a_process_run_resumes_with_another_executor(tmp_path):
    out = tmp_path / "run"
    main(["run", "--env", "numberline", "--agent", "random", "--episodes", "6", "--executor", "processes",
          "--workers", "2", "--output", str(out)])
    main(["run", "--resume", str(out), "--executor", "local"])
    meta = json.loads((out / "run.json").read_text())
    assert [s["executor"] for s in meta["sessions"]] == ["processes", "local"]
    assert len(_records(out)) == 6
