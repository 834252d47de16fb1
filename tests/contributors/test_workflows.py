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


def test_every_publishing_job_states_its_permissions_and_only_deploy_writes() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())
    jobs = data["jobs"]
    assert set(jobs) == {"build", "plan", "shard", "merge", "deploy"}
    assert jobs["plan"]["permissions"] == {}
    assert jobs["shard"]["permissions"] == {"contents": "read"}
    assert jobs["merge"]["permissions"] == {"pages": "read"}
    for name, job in jobs.items():
        assert "permissions" in job, name
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        assert writes == ({"pages", "id-token"} if name == "deploy" else set()), name


def test_publishing_in_parts_is_switched_by_one_variable() -> None:
    """PRILIKA_SHARDS unset or 1: the one `build` job; more: `plan`, a `shard` job per part, `merge`.
    `deploy` follows whichever ran (a skipped job would skip it otherwise)."""
    jobs = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())["jobs"]
    assert jobs["build"]["if"] == "${{ (vars.PRILIKA_SHARDS || '1') == '1' }}"
    assert jobs["plan"]["if"] == "${{ (vars.PRILIKA_SHARDS || '1') != '1' }}"
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    shard_steps = jobs["shard"]["steps"]
    build = [s for s in shard_steps if "run" in s and s["run"].startswith("prilika build")]
    assert [s["run"] for s in build] == ['prilika build --shard "$SHARD/$SHARDS" --site-dir site']
    assert build[0]["env"] == {"SHARD": "${{ matrix.shard }}", "SHARDS": "${{ vars.PRILIKA_SHARDS }}"}
    upload = next(s for s in shard_steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site" and upload["with"]["include-hidden-files"] is True
    assert upload["with"]["name"] == "site-shard-${{ matrix.shard }}"
    checkout = next(s for s in shard_steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    download = next(s for s in jobs["merge"]["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"] == {"pattern": "site-shard-*", "path": "site", "merge-multiple": True}
    assert [s["uses"].split("@")[0] for s in jobs["merge"]["steps"][1:]] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert jobs["deploy"]["needs"] == ["build", "merge"]
    assert "needs.build.result == 'success' || needs.merge.result == 'success'" in jobs["deploy"]["if"]


@pytest.mark.parametrize(
    ("value", "expected"), [("2", "[1,2]"), ("4", "[1,2,3,4]"), ("0", None), ("two", None), ("", None), ("300", None)]
)
def test_the_plan_step_lists_one_job_per_part(value: str, expected: str | None, tmp_path: Path) -> None:
    jobs = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())["jobs"]
    script = jobs["plan"]["steps"][0]["run"]
    output = tmp_path / "output"
    output.touch()
    env = {"PATH": "/usr/bin:/bin", "SHARDS": value, "GITHUB_OUTPUT": str(output)}
    done = subprocess.run(["bash", "-e", "-c", script], env=env, capture_output=True, text=True)
    if expected is None:
        assert done.returncode != 0 and "::error::PRILIKA_SHARDS" in done.stdout
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert output.read_text() == f"shards={expected}\n"


def test_gitlab_builds_in_parts_when_asked_and_lays_them_over_each_other(tmp_path: Path) -> None:
    data = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    for parts in (2, 4, 8):
        job = data[f"pages-parts-{parts}"]
        assert job["extends"] == ".pages-part" and job["parallel"] == parts
        assert job["rules"] == [{"if": f'$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $PRILIKA_SHARDS == "{parts}"'}]
    part = data[".pages-part"]
    shard_build = 'prilika build --shard "$CI_NODE_INDEX/$CI_NODE_TOTAL" --site-dir "part-$CI_NODE_INDEX"'
    assert part["script"][-1] == shard_build
    assert part["artifacts"]["paths"] == ["part-$CI_NODE_INDEX/"]
    assert part["variables"]["GIT_DEPTH"] == "0"
    assert [need["job"] for need in data["pages"]["needs"]] == ["pages-parts-2", "pages-parts-4", "pages-parts-8"]
    script = data["pages"]["script"][-1]
    for k in (1, 2):
        (tmp_path / f"part-{k}" / "en").mkdir(parents=True)
        (tmp_path / f"part-{k}" / ".prilika-site").write_text("marker\n")
        (tmp_path / f"part-{k}" / "en" / f"page-{k}.html").write_text(f"page {k}\n")

    def run(parts: str) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/bin:/bin", "PRILIKA_SHARDS": parts}
        return subprocess.run(["sh", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)

    assert run("4").returncode != 0  # two parts where four were asked for: nothing is published
    assert not (tmp_path / "public").exists()
    assert run("3").returncode != 0
    done = run("2")
    assert done.returncode == 0, done.stdout + done.stderr
    published = sorted(p.relative_to(tmp_path / "public").as_posix() for p in (tmp_path / "public").rglob("*"))
    assert published == [".prilika-site", "en", "en/page-1.html", "en/page-2.html"]


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
