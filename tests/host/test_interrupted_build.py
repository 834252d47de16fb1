"""An interrupted `prilika build` (Ctrl+C, SIGTERM, SIGKILL) leaves the old site intact, no worker
running, and at the latest after the next build no temporary folder (SPEC.md, "Safety of the
commands and the contribution path").

The example catalogue is built in a subprocess with item pages written by forked workers
(`PRILIKA_PARALLEL_FROM=1`), and signalled while the build runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, REPO

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads processes from Linux's /proc")

TIMEOUT = 120.0


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example catalogue whose site `out/site` was built once."""
    cat = tmp_path_factory.mktemp("interrupted") / "cat"
    cat.mkdir()
    shutil.copy(REPO / "mkdocs.yml", cat)
    for folder in ("content", "opportunities", "theme"):
        shutil.copytree(REPO / folder, cat / folder)
    assert start_build(cat).wait(timeout=300) == 0
    # Every later build would change the site, if it got as far as replacing it.
    item = cat / "opportunities" / "bar" / "bar-olive-mill.yaml"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("en: Olive mill", "en: Changed olive mill", 1), encoding="utf-8")
    return cat


def start_build(cat: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, "PRILIKA_PARALLEL_FROM": "1"}
    command = [sys.executable, "-m", "generator.cli", "-f", str(cat / "mkdocs.yml"), "build", "--site-dir"]
    return subprocess.Popen(
        [*command, str(cat.parent / "out" / "site")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(cat: Path) -> list[str]:
    return sorted(p.name for p in (cat.parent / "out").iterdir() if p.name != "site")


def workers_of(pid: int) -> list[int]:
    """The forked workers of process `pid`: its children running the same command line.

    Call once the staging folder exists: before it, the build runs git, whose process has the
    build's command line for the moment between fork and exec."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        children = " ".join(p.read_text() for p in Path(f"/proc/{pid}/task").glob("*/children")).split()
    except OSError:
        return []
    found = []
    for child in map(int, children):
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == command:
                found.append(child)
        except OSError:
            pass
    return found


def set_up(pid: int) -> bool:
    """True once a worker has run its set-up, whose last step is to ignore Ctrl+C (SIGINT)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    ignored = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
    return bool(ignored >> (signal.SIGINT - 1) & 1)


def workers_set_up(pid: int) -> bool:
    workers = workers_of(pid)
    return bool(workers) and all(map(set_up, workers))


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (a dead process its new parent has not reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_for(condition: Callable[[], object], what: str, timeout: float = TIMEOUT, step: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(step)


def staging_folder(cat: Path) -> bool:
    return any(p.name.startswith(".site-building-") for p in (cat.parent / "out").iterdir())


@pytest.mark.parametrize(("signum", "when"), [(signal.SIGINT, "staging"), (signal.SIGTERM, "workers")])
def test_ctrl_c_and_sigterm_leave_the_old_site_and_nothing_else(catalogue: Path, signum: int, when: str) -> None:
    site = catalogue.parent / "out" / "site"
    before = digest(site)
    build = start_build(catalogue)
    seen: list[int] = []
    try:
        wait_for(lambda: staging_folder(catalogue) or build.poll() is not None, "the staging folder")
        if when == "workers":
            wait_for(lambda: seen.extend(workers_of(build.pid)) or seen or build.poll() is not None, "the workers")
        assert build.poll() is None, "the build ended before it could be interrupted"
        build.send_signal(signum)
        assert build.wait(timeout=TIMEOUT) == 128 + signum
    finally:
        build.kill()
        build.wait()
    assert seen or when == "staging"
    wait_for(lambda: not any(running(pid) for pid in seen), "the workers to end", timeout=10)
    assert digest(site) == before
    assert leftovers(catalogue) == []


def test_after_sigkill_no_worker_runs_on_and_the_next_build_cleans_up(catalogue: Path) -> None:
    site = catalogue.parent / "out" / "site"
    before = digest(site)
    build = start_build(catalogue)
    seen: list[int] = []
    try:
        wait_for(lambda: staging_folder(catalogue) or build.poll() is not None, "the staging folder")
        wait_for(lambda: workers_set_up(build.pid) or build.poll() is not None, "the workers", step=0.005)
        # The build and its workers are stopped first, so that the workers are certainly alive when
        # their parent is killed, and would stay so (stopped) unless its death ends them: the
        # test does not depend on how long their remaining work takes.
        build.send_signal(signal.SIGSTOP)
        seen = workers_of(build.pid)
        for pid in seen:
            os.kill(pid, signal.SIGSTOP)
        assert seen and all(running(pid) for pid in seen)
        build.send_signal(signal.SIGKILL)
        assert build.wait(timeout=TIMEOUT) == -signal.SIGKILL
        wait_for(lambda: not any(running(pid) for pid in seen), "the orphaned workers to end", timeout=5)
    finally:
        build.kill()
        build.wait()
        for pid in seen:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
    assert digest(site) == before
    assert [name for name in leftovers(catalogue) if name.startswith(".site-building-")]

    assert start_build(catalogue).wait(timeout=300) == 0
    assert leftovers(catalogue) == []
    assert digest(site) != before
