"""`python -m compiler` is `brief`."""
from compiler.cli import run

run()
