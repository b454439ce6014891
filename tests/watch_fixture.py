"""`brief watch` run as a user runs it: a child process in a briefing folder, its preview
read over HTTP. Waits are for something to appear (generous: the machine may be busy),
never assertions on how long it took."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATIENCE = 240                  # seconds to wait for a build on a loaded machine


class Watching:
    def __init__(self, folder: Path, *args: str, without_soffice: bool = False):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if without_soffice:
            env["PATH"] = _path_without_libreoffice(folder.parent / "bin-without-libreoffice")
        self.folder = folder
        self.process = subprocess.Popen([sys.executable, "-m", "compiler", "watch", "--no-browser", *args],
                                        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        first = self.wait_for_log(r"preview at (http://127\.0\.0\.1:\d+/)")
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", first).group(0)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def wait_for_log(self, pattern: str, after: int = 0) -> str:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if re.search(pattern, line):
                    return line
            assert self.process.poll() is None, f"brief watch ended:\n{self.log}"
            time.sleep(0.1)
        raise AssertionError(f"no line like {pattern!r} in:\n{self.log}")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as answer:
            return answer.read()

    def state(self) -> dict:
        return json.loads(self.get("state.json"))

    def wait(self, test, what: str) -> dict:
        """The first state for which `test(state)` holds."""
        deadline = time.monotonic() + PATIENCE
        state = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"brief watch ended:\n{self.log}"
            state = self.state()
            if not state["building"] and test(state):
                return state
            time.sleep(0.2)
        raise AssertionError(f"never saw {what}; last state: {json.dumps(state)[:2000]}\n{self.log}")

    def stop(self) -> int:
        """Ctrl-C, as a user stops it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def _path_without_libreoffice(farm: Path) -> str:
    """Every program on PATH (first one wins), as links in one folder, but LibreOffice's."""
    farm.mkdir(exist_ok=True)
    for folder in [os.path.dirname(sys.executable), *os.environ["PATH"].split(os.pathsep)]:
        for program in Path(folder).glob("*") if Path(folder).is_dir() else []:
            link = farm / program.name
            if not program.name.startswith(("soffice", "libreoffice")) and not link.exists():
                link.symlink_to(program)
    return str(farm)


def memo_text(state: dict) -> str:
    return " ".join(page["text"] for page in (state["memo"] or {"pages": []})["pages"])


def errors(state: dict) -> list[dict]:
    return [p for p in state["problems"] if p["severity"] == "error"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, words: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if words in line)
