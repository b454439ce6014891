"""Git, read only: the revision stamp of a build and a briefing's files at a revision.

    stamp(folder, out_dir) -> Revision | None   short commit and "uncommitted changes?"
    Snapshot(folder, rev)                       the briefing folder at `rev`, written into a
                                                temp folder from `git ls-tree` / `git cat-file`

Nothing here checks out, stages, fetches or writes anything in the repository: git is run
with an argument list (no shell), in the briefing folder, with a timeout, without optional
locks (so `git status` never rewrites the index), with lazy fetching of missing objects and
every network protocol refused, and without hooks or a pager.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from compiler.model import Revision

TIMEOUT = 60                    # seconds; a briefing repository answers in well under one
WORKING_TREE = "working tree"   # how the current files are named in messages

# Environment variables that would point git at another repository, index or object
# store than the one the briefing folder lies in (set by hooks, IDEs, `git rebase -x`).
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                         "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE")


class GitError(Exception):
    """git refused or failed; the message is git's own first line."""


def git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run `git ARGS` in `cwd`; stdout as bytes. Offline and read-only by construction."""
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_NO_LAZY_FETCH="1", GIT_TERMINAL_PROMPT="0",
               GIT_PAGER="cat", LC_ALL="C", GIT_ALLOW_PROTOCOL="")
    command = ["git", "--no-pager", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false",
               "-c", "protocol.allow=never", "-c", "core.quotePath=false", *args]
    try:
        done = subprocess.run(command, cwd=cwd, input=data, capture_output=True, env=env,
                              timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not answer within {TIMEOUT} s") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(_git_message(lines[0] if lines else f"git {args[0]} failed"))
    return done.stdout


def _git_message(line: str) -> str:
    return line.removeprefix("fatal: ").removeprefix("error: ").strip()


@dataclass(frozen=True)
class Repository:
    top: Path                   # the work tree's top folder
    prefix: PurePosixPath       # the briefing folder inside it ("." at the top)


def repository(folder: Path) -> Repository | None:
    """The git work tree `folder` lies in, or None outside git (or when git will not
    read it: not installed, or a repository owned by someone else, see `safe.directory`)."""
    try:
        top = git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except GitError:
        return None
    top_path = Path(os.path.realpath(top))
    return Repository(top_path, PurePosixPath(Path(os.path.realpath(folder)).relative_to(top_path).as_posix()))


def why_not_a_repository(folder: Path) -> str:
    """git's own reason, for `brief diff` outside a repository."""
    try:
        git(folder, "rev-parse", "--show-toplevel")
    except GitError as e:
        return str(e)
    return ""


# --- the revision stamp ------------------------------------------------------


def stamp(folder: Path, out_dir: Path | None = None) -> Revision | None:
    """HEAD's short hash, and whether the briefing folder has uncommitted changes
    (staged, unstaged or untracked, the output folder aside). None outside git and
    before the first commit: then the build carries no stamp at all."""
    repo = repository(folder)
    if repo is None:
        return None
    try:
        commit = git(folder, "rev-parse", "--short=7", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    except GitError:
        return None                 # no commit yet
    excluded = [folder / "out"] + ([out_dir] if out_dir else [])
    pathspec = ["."] + [f":(exclude){os.path.relpath(p, folder)}" for p in excluded
                        if Path(os.path.realpath(p)).is_relative_to(Path(os.path.realpath(folder)))
                        and Path(os.path.realpath(p)) != Path(os.path.realpath(folder))]
    try:
        status = git(folder, "status", "--porcelain", "-z", "--untracked-files=normal", "--", *pathspec)
    except GitError:
        return None
    return Revision(commit, dirty=bool(status.strip(b"\0")))


# --- a briefing at a revision ------------------------------------------------


@dataclass(frozen=True)
class Described:
    """A revision as the redline names it: `HEAD~1 (a1b2c3d, 2026-11-20: "Add a quote")`."""

    name: str                   # as the user wrote it, or "working tree"
    commit: str | None          # short hash; None for the working tree
    date: str | None            # commit date, YYYY-MM-DD
    subject: str | None         # the commit message's first line
    note: str | None = None     # the working tree: how it stands against HEAD

    @property
    def label(self) -> str:
        if self.commit is None or self.name.startswith(self.commit):
            return self.name
        return f"{self.name} ({self.commit})"


def describe(folder: Path, rev: str) -> Described:
    if rev == WORKING_TREE:
        head = stamp(folder)
        note = None if head is None else (f"HEAD ({head.commit}) with uncommitted changes" if head.dirty
                                          else f"the same as HEAD ({head.commit})")
        return Described(WORKING_TREE, None, None, None, note)
    out = git(folder, "show", "-s", "--no-show-signature", "--format=%h%x00%cs%x00%s", "--abbrev=7",
              commit_of(folder, rev), "--")
    short, date, subject = out.decode("utf-8", "replace").rstrip("\n").split("\0", 2)
    return Described(rev, short, date, subject)


def commit_of(folder: Path, rev: str) -> str:
    """The full hash `rev` names, or a clear error."""
    if rev.startswith("-"):
        raise GitError(f"`{rev}` is not a revision")
    try:
        return git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"unknown revision `{rev}`: not a commit, branch or tag in this repository") from None


class Snapshot:
    """The briefing folder as it was at `rev`, written into a temp folder: every
    regular file under the folder's path in that commit (its `out/` aside). Use as a
    context manager; the temp folder is removed on exit."""

    def __init__(self, repo: Repository, folder: Path, rev: str):
        self.repo, self.folder, self.rev = repo, folder, rev
        self._temp: tempfile.TemporaryDirectory | None = None
        self.root: Path | None = None

    def __enter__(self) -> "Snapshot":
        commit = commit_of(self.folder, self.rev)
        self._temp = tempfile.TemporaryDirectory(prefix="brief-rev-")
        self.root = Path(os.path.realpath(self._temp.name)) / "briefing"
        try:
            self._write(commit)
        except BaseException:
            self._temp.cleanup()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._temp:
            self._temp.cleanup()

    def _write(self, commit: str) -> None:
        assert self.root is not None, "opened"
        self.root.mkdir()
        prefix = "" if str(self.repo.prefix) == "." else f"{self.repo.prefix}/"
        listing = git(self.repo.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or ".")
        blobs = []
        for entry in filter(None, listing.split(b"\0")):
            meta, path = entry.split(b"\t", 1)
            mode, kind, sha = meta.decode().split()
            relative = PurePosixPath(path.decode("utf-8", "surrogateescape")[len(prefix):])
            # regular files only: a symlink or submodule could point outside the briefing
            if kind == "blob" and mode in ("100644", "100755") and relative.parts[:1] != ("out",):
                blobs.append((sha, relative))
        for (sha, relative), body in zip(blobs, _blobs(self.repo.top, [sha for sha, _ in blobs])):
            target = self.root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)

    def path(self, relative: str | PurePosixPath) -> Path:
        assert self.root is not None, "opened"
        return self.root.joinpath(*PurePosixPath(relative).parts)


def _blobs(top: Path, shas: list[str]) -> list[bytes]:
    """Many blobs in one `git cat-file --batch` call."""
    if not shas:
        return []
    out = git(top, "cat-file", "--batch", data="".join(f"{s}\n" for s in shas).encode())
    bodies, at = [], 0
    for _ in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        bodies.append(out[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1
    return bodies
