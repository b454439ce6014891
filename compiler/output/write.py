"""Write stage: rendered bytes -> files in the output folder, atomically.

Everything is rendered in memory before this stage runs, so a failed build writes
nothing. Each file is written beside its target and renamed over it: a reader sees
the old file or the new one, never half of one.
"""
from __future__ import annotations

from pathlib import Path

from compiler.output.staging import replace_all


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `name -> bytes` into `out_dir`; returns the paths written. All or none:
    see `staging.replace_all` (it also refuses to overwrite a file the build read)."""
    return replace_all(out_dir, files)
