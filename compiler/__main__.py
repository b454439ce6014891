"""`python -m compiler` is `brief`."""
import sys

from compiler.cli import main

sys.exit(main())
