"""``balrog bundle``: a tar.gz of the run whose manifest and own checksum verify, and that
refuses to package anything that looks like a secret."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile

import pytest

from balrog_core import ConfigError
from balrog_report.bundle import make_bundle, verify_manifest


def test_bundle_checksums_verify(vision_run, tmp_path, balrog_cli, capsys):
    target = tmp_path / "submission.tar.gz"
    balrog_cli("bundle", vision_run, "--out", target)
    printed = capsys.readouterr().out
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert f"sha256: {digest}" in printed
    assert (tmp_path / "submission.tar.gz.sha256").read_text() == f"{digest}  submission.tar.gz\n"
    with tarfile.open(target) as archive:
        names = archive.getnames()
        manifest = archive.extractfile("vision/MANIFEST.sha256").read().decode().splitlines()
        files = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
    for required in ("run.json", "summary.json", "episodes.jsonl"):
        assert f"vision/{required}" in names
    traces = sorted((vision_run / "traces").rglob("*.*"))
    assert len([n for n in names if "/traces/" in n]) == len([p for p in traces if p.is_file()])
    for line in manifest:
        expected, name = line.split("  ")
        assert hashlib.sha256(files[f"vision/{name}"]).hexdigest() == expected
    assert json.loads(files["vision/run.json"])["config"]["seed"] == 0
    assert verify_manifest(target) == len(manifest) == len(files) - 1
    # The same run bundles to the same bytes.
    again, again_digest = make_bundle(vision_run, tmp_path / "again.tar.gz")
    assert again_digest == digest


def test_tampered_bundle_fails_verification(vision_run, tmp_path):
    target, _ = make_bundle(vision_run, tmp_path / "b.tar.gz")
    with tarfile.open(target) as archive:
        members = [(m, archive.extractfile(m).read()) for m in archive.getmembers()]
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as archive:
        for member, data in members:
            if member.name.endswith("summary.json"):
                data = data.replace(b"progression", b"Progression")
            archive.addfile(member, io.BytesIO(data))
    with pytest.raises(ConfigError, match="summary.json does not match its checksum"):
        verify_manifest(tampered)


def test_bundle_refuses_secrets(text_runs, tmp_path, monkeypatch):
    leaky = tmp_path / "leaky"
    shutil.copytree(text_runs[0], leaky)
    meta = json.loads((leaky / "run.json").read_text())
    meta["client"] = {"base_url": "https://example.invalid/?key=sk-abcdefghijklmnopqrstuvwxyz123456"}
    (leaky / "run.json").write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match="run.json contains something that looks like a OpenAI-style key"):
        make_bundle(leaky, tmp_path / "leaky.tar.gz")
    assert not (tmp_path / "leaky.tar.gz").exists()

    exposed = tmp_path / "exposed"
    shutil.copytree(text_runs[0], exposed)
    monkeypatch.setenv("REPORT_TEST_API_KEY", "plain-words-but-secret")
    meta = json.loads((exposed / "run.json").read_text())
    meta["note"] = "plain-words-but-secret"
    (exposed / "run.json").write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match=r"run.json contains the value of \$REPORT_TEST_API_KEY"):
        make_bundle(exposed, tmp_path / "exposed.tar.gz")
