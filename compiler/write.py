"""Write stage: rendered bytes -> files in the output folder, atomically.

Everything is rendered in memory before this stage runs, so a failed build writes
nothing. Each file is written beside its target and renamed over it: a reader sees
the old file or the new one, never half of one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BriefError, Problem


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `name -> bytes` into `out_dir`; returns the paths written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staged = [(_stage(out_dir, name, data), out_dir / name) for name, data in files.items()]
    except OSError as e:
        raise BriefError([Problem(None, "error", f"cannot write to `{out_dir}`: {e.strerror}")]) from None
    for temp, target in staged:
        os.replace(temp, target)
    return [target for _, target in staged]


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
