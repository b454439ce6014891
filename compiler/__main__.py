"""`python -m compiler` is `brief`."""
import sys

from .cli import main

sys.exit(main())
