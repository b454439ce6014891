"""Kind 2: a memo template is code from the folder: sandboxed, and its errors located."""
from __future__ import annotations

import pytest

from kit import hostile  # noqa: F401 (fixture)


@pytest.mark.parametrize("template", [
    "{{ lipsum.__globals__['os'].popen('cat ../elsewhere/secret.txt').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('cat ../elsewhere/secret.txt').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ b.root.joinpath('../elsewhere/secret.txt').read_text() }}",
    "{{ b.sections[0].quotes[0].source.file.parent.parent.parent.joinpath('elsewhere/secret.txt').read_text() }}",
    "{% for s in b.sections %}{{ s.title.__class__.__base__.__subclasses__() }}{% endfor %}",
])
def test_a_template_reaches_no_python_and_no_file(hostile, capsys, template):
    hostile.write("templates/memo.html.j2", template)
    [line] = hostile.fails(capsys, "build")
    assert line.startswith("templates/memo.html.j2:1: error: ")
    assert not (hostile.root / "out").exists()


def test_a_template_may_print_the_memos_data(hostile, capsys):
    hostile.write("templates/memo.html.j2",
                  "<html><body><h1>{{ b.title | upper }}</h1>{% for s in b.sections %}"
                  "<h2>{{ s.title }}</h2>{{ s.body[0].inlines | inlines }}{% endfor %}</body></html>")
    hostile.builds(capsys)
    from kit import pdf_text
    text = pdf_text((hostile.root / "out/outline.pdf").read_bytes())
    assert "TEST BRIEFING" in text and "Summary" in text


@pytest.mark.parametrize("template, line, message", [
    ("<p>\n{% if %}\n</p>", 2, "template syntax: Expected an expression, got 'end of statement block'"),
    ("<p>\n\n{{ nowhere }}</p>", 3, "'nowhere' is undefined (a template sees only the memo's data)"),
    ("<p>\n{{ 1 // 0 }}</p>", 2, "ZeroDivisionError while rendering: integer division or modulo by zero"),
    ("{% for x in b.sections %}\n{{ x.nope }}{% endfor %}", 2, None),
])
def test_template_errors_name_the_template_line(hostile, capsys, template, line, message):
    hostile.write("templates/memo.html.j2", template)
    [error] = hostile.fails(capsys, "build")
    assert error.startswith(f"templates/memo.html.j2:{line}: error: ")
    if message:
        assert error == f"templates/memo.html.j2:{line}: error: {message}"


def test_an_included_template_error_names_its_own_file(hostile, capsys):
    hostile.write("templates/memo.html.j2", "<html>\n{% include 'part.html' %}</html>")
    hostile.write("templates/part.html", "ok\n\n{{ missing_thing }}")
    [error] = hostile.fails(capsys, "build")
    assert error.startswith("templates/part.html:3: error: 'missing_thing' is undefined")
