"""The committed deck template is exactly what tools/make_template.py builds, so a change
to the generator cannot silently leave decks on an old master."""
import runpy

from pptx import Presentation
from conftest import REPO

ROOT = REPO
COMMITTED = ROOT / "compiler" / "render" / "deck" / "template.pptx"


def test_committed_template_is_the_generators_output():
    built = runpy.run_path(str(ROOT / "tools" / "make_template.py"))["template_bytes"]()
    assert built == COMMITTED.read_bytes(), "run `python3 tools/make_template.py` and commit the template"


def test_template_has_the_named_layouts():
    names = [layout.name for layout in Presentation(str(COMMITTED)).slide_layouts]
    assert names == ["Title", "Bullets", "Section", "Quote", "Sources", "Figure"]
