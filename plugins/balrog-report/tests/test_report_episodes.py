"""What the HTML page embeds per episode: compressed steps, capped to the first and last
ones on request, with images only where the trace has them."""

from __future__ import annotations

import base64
import gzip
import json
import re

from balrog_core.harness import read_trace


def _embedded(html: str) -> tuple[list[dict], dict[str, dict]]:
    index = json.loads(re.search(r'<script type="application/json" id="episode-index">(.*?)</script>', html).group(1))
    payloads = {}
    for episode_id, text in re.findall(r'<script type="application/json" id="ep-(e\d+)">(.*?)</script>', html):
        packed = json.loads(text)
        payloads[episode_id] = {**json.loads(gzip.decompress(base64.b64decode(packed["z"]))), "img": packed["img"]}
    pool = dict(re.findall(r'<script type="text/plain" id="img-(\w+)">(.*?)</script>', html))
    return index, payloads, pool


def test_steps_are_capped_to_first_and_last(text_runs, tmp_path, balrog_cli):
    out = tmp_path / "capped"
    balrog_cli("report", text_runs[1], "--out", out, "--format", "html", "--steps-per-episode", "4")
    index, payloads, _ = _embedded((out / "report.html").read_text())
    assert len(index) == 14 and len(payloads) == 14
    for entry in index:
        data = payloads[entry["id"]]
        steps = [line for line in read_trace(text_runs[1] / "traces" /
                 f"{entry['env']}--{entry['task']}--{entry['index']:04d}.jsonl.gz") if line["type"] == "step"]
        assert data["total"] == len(steps) == entry["steps"]
        kept = [step["n"] for step in data["steps"]]
        if len(steps) > 4:
            assert kept == [0, 1, len(steps) - 2, len(steps) - 1] and data["omitted"] == len(steps) - 4
        else:
            assert kept == list(range(len(steps))) and data["omitted"] == 0
        last = data["steps"][-1]
        assert (last["o"], last["a"], last["p"]) == (steps[-1]["observation"], steps[-1]["action"], steps[-1]["progression"])
        assert last["rs"] == steps[-1]["reasoning"] and last["out"] == steps[-1]["output"]
        assert data["img"] == {}
    broken = next(e for e in index if e["outcome"] == "error")
    assert "RuntimeError: the counter broke" in payloads[broken["id"]]["error"]


def test_images_are_embedded_once_each_as_the_trace_pngs(vision_run, tmp_path, balrog_cli):
    out = tmp_path / "vision"
    balrog_cli("report", vision_run, "--out", out, "--format", "html")
    index, payloads, pool = _embedded((out / "report.html").read_text())
    pngs = sorted((vision_run / "traces").rglob("*.png"))
    assert len(pool) == len({png.read_bytes() for png in pngs}) < len(pngs)  # repeated frames stored once
    for entry in index:
        trace = vision_run / "traces" / f"{entry['env']}--{entry['task']}--{entry['index']:04d}.jsonl.gz"
        steps = [line for line in read_trace(trace) if line["type"] == "step"]
        images = payloads[entry["id"]]["img"]
        assert len(images) == len(steps)
        for step in steps:
            png = (vision_run / "traces" / step["image"]).read_bytes()
            assert base64.b64decode(pool[images[str(step["step"])]]) == png

    balrog_cli("report", vision_run, "--out", tmp_path / "plain", "--format", "html", "--no-images")
    _, plain, none = _embedded((tmp_path / "plain" / "report.html").read_text())
    assert none == {} and all(data["img"] == {} for data in plain.values())
    assert all(step.get("im") == 1 for data in plain.values() for step in data["steps"])


def test_image_budget_thins_images_to_every_kth_step(vision_run):
    from balrog_report import load_run
    from balrog_report.episodes import browser_data

    run = load_run(vision_run)
    full = browser_data([run])
    total = sum(len(base64.b64decode(encoded)) for encoded in full.images.values())
    thin = browser_data([run], image_budget=total // 3)
    assert thin.image_stride == 3 or thin.image_stride == 4
    for entry in thin.index:
        kept = json.loads(thin.payloads[entry["id"]])["img"]
        assert sorted(int(step) for step in kept) == list(range(0, entry["steps"], thin.image_stride))
