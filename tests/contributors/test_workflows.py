"""CI files parse, call only commands and options that exist, and the offline ones run."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_good
from generator.cli import _parser, main

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def run_steps() -> list[tuple[str, str]]:
    """(file, command line) for every prilika command in the GitHub and GitLab files."""
    found = []
    for path in [*WORKFLOWS, REPO / ".gitlab-ci.yml"]:
        data = yaml.safe_load(path.read_text())
        scripts: list[str] = []
        for job in (data.get("jobs") or {}).values():
            scripts += [step["run"] for step in job.get("steps", []) if "run" in step]
        for job in data.values():
            if isinstance(job, dict) and "script" in job:
                scripts += job["script"]
        scripts += data.get("before_script", []) if isinstance(data.get("before_script"), list) else []
        for script in scripts:
            for line in script.splitlines():
                line = line.split(">>")[0].split("|")[0].split(">")[0].strip()
                if line.startswith("prilika "):
                    found.append((path.name, line))
    return found


def expand(command: str) -> list[str]:
    """Replace CI expressions and variables with sample values, then split like a shell."""
    command = re.sub(r"\$\{\{[^}]*\}\}", "sample", command)
    command = re.sub(r"\$[A-Z_]+", "sample", command)
    return shlex.split(command)[1:]


def test_every_workflow_is_valid_yaml_with_jobs() -> None:
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "publish.yml", "stale.yml"}
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text())
        assert data["jobs"], path
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/setup-python"):
                    assert step["with"]["python-version"] == "3.11"


def test_publish_workflow_deploys_to_pages_with_the_right_permissions() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())
    assert data["permissions"] == {}
    assert data["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "") for job in data["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_gitlab_pages_job_publishes_public() -> None:
    data = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    assert data["pages"]["artifacts"]["paths"] == ["public"]
    assert "--site-dir public" in " ".join(data["pages"]["script"])


@pytest.mark.parametrize(("file", "command"), run_steps())
def test_ci_commands_exist_with_their_options(file: str, command: str) -> None:
    args = _parser().parse_args(expand(command))
    assert args.command in {"validate", "build", "diff", "stale", "codeowners"}


def test_workflows_install_with_the_readme_command() -> None:
    readme = (REPO / "README.md").read_text()
    assert "python3 -m pip install -e ." in readme
    for path in WORKFLOWS:
        assert "python3 -m pip install -e ." in path.read_text()


def test_problem_matcher_matches_the_plain_format() -> None:
    matcher = json.loads((REPO / ".github/prilika-problem-matcher.json").read_text())
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    line = "opportunities/nis/plot-12.yaml:14:3: error: area_m2: must be greater than 0"
    match = re.match(pattern["regexp"], line)
    assert match and match.group(pattern["file"]) == "opportunities/nis/plot-12.yaml"
    assert match.group(pattern["severity"]) == "error"


def test_editor_settings_map_the_schemas_to_the_submission_files() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    schemas = settings["yaml.schemas"]
    assert schemas["./schema/publisher.json"] == "opportunities/*/publisher.yaml"
    for path in schemas:
        assert (REPO / path).is_file()


def test_pre_commit_hook_runs_the_validator() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["entry"] == "prilika validate"


def test_the_pull_request_steps_run_in_order_on_a_scratch_clone(tmp_path: Path, capsys, monkeypatch) -> None:
    """The workflow's commands, run locally: a branch that breaks an item of the author's own folder."""
    folder = copy_good(tmp_path / "catalogue")
    git = ["git", "-c", "user.name=Officer", "-c", "user.email=o@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=folder, check=True)
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=folder, check=True)
    subprocess.run([*git, "checkout", "-qb", "officer"], cwd=folder, check=True)
    plot = folder / "opportunities/testgrad/north-plot.yaml"
    plot.write_text(plot.read_text().replace("area_m2: 100000", "area_m2: -1"))
    subprocess.run([*git, "commit", "-qam", "break"], cwd=folder, check=True)
    monkeypatch.chdir(folder)
    steps = [command for file, command in run_steps() if file == "pull-request.yml"]
    values = {"AUTHOR": "testgrad-office", "BASE_SHA": "main"}
    outputs = []
    for command in steps:
        args = shlex.split(re.sub(r'"\$([A-Z_]+)"', lambda m: shlex.quote(values[m.group(1)]), command))[1:]
        code = main(args)
        outputs.append((args[0], code, capsys.readouterr().out))
    by_command = {name: (code, out) for name, code, out in outputs}
    code, out = outputs[0][1], outputs[0][2]
    assert code == 1
    annotation = "::error file=opportunities/testgrad/north-plot.yaml,line=17,col=10,title=area_m2::"
    assert annotation + "area_m2: must be greater than 0" in out
    assert "does not maintain" not in out and "staff" not in out  # the author's own folder
    assert "| changed | site | `north-plot` | testgrad |" in by_command["diff"][1]
    assert by_command["build"][0] == 1  # nothing is published from a broken branch
