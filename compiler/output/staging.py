"""Replace every output, or none: the write stage's transaction.

All targets are checked before anything is touched (a folder in the way, a file the
build has read, such as a source named like an output under `--out sources`); then
each output is staged beside its target, the old files kept as hard links, and the
new ones renamed over them. If any step fails the old files are put back, so the
output folder holds the previous build's files byte for byte; no temporary file is
left behind either way.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from compiler.diagnostics import BriefError, Problem
from compiler.folder import files_read


def replace_all(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `name -> bytes` into `out_dir` as one change; returns the paths written."""
    targets = [(out_dir / name, data) for name, data in files.items()]
    _refuse_unsafe_targets([t for t, _ in targets])
    staged: list[tuple[Path, Path, bytes]] = []      # (temp, target, data)
    kept: dict[Path, Path | None] = {}               # target -> its old file (None: was new)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, data in targets:
            staged.append((_stage(out_dir, target.name, data), target, data))
        for temp, target, _ in staged:
            kept[target] = _keep(out_dir, target)
            os.replace(temp, target)
    except OSError as e:
        _restore(kept)
        raise BriefError([Problem(None, "error", f"cannot write `{_shown(e.filename or out_dir)}`: "
                                  f"{e.strerror}; the previous outputs are unchanged")]) from None
    finally:
        for temp, _, _ in staged:
            if os.path.lexists(temp):
                os.unlink(temp)
        for old in kept.values():
            if old is not None and os.path.lexists(old):
                os.unlink(old)
    return [target for _, target, _ in staged]


def _refuse_unsafe_targets(targets: list[Path]) -> None:
    read = files_read()
    problems = []
    for target in targets:
        if os.path.isdir(target):
            problems.append(f"cannot write `{_shown(target)}`: a folder of that name is in the way")
        elif os.path.lexists(target) and Path(os.path.realpath(target)) in read:
            problems.append(f"refusing to write `{_shown(target)}`: the build reads that file; "
                            "choose another --out or `output:` name")
    if problems:
        raise BriefError([Problem(None, "error", p + "; nothing written") for p in problems])


def _stage(out_dir: Path, name: str, data: bytes) -> Path:
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        os.unlink(temp)
        raise
    return Path(temp)


def _keep(out_dir: Path, target: Path) -> Path | None:
    """A second name for the target's old file, to put back if a later output fails."""
    if not os.path.lexists(target):
        return None
    fd, backup = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old", dir=out_dir)
    os.close(fd)
    os.unlink(backup)
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:             # a file system without hard links
        shutil.copy2(target, backup, follow_symlinks=False)
    return Path(backup)


def _restore(kept: dict[Path, Path | None]) -> None:
    for target, old in kept.items():
        try:
            if old is None:
                os.unlink(target)
            else:
                os.replace(old, target)
        except OSError:
            pass


def _shown(path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
