"""Fixes to citeproc-py 0.11 that CSL asks for and it does not do, and memos that make it
fast, applied once by `apply()` (from `Notes`), never on import.

Each replaces a method of citeproc-py's, so `apply()` first checks that citeproc-py is the
version these were written against and that each method still takes the arguments they
expect; another version fails with one clear internal error instead of a wrong citation.
"""
from __future__ import annotations

import importlib.metadata
import inspect
import threading

import citeproc.model
import citeproc.source
from citeproc.source import VariableError

TESTED = "0.11."               # the minor version these fixes were written against
# method -> the parameters it must still take
_EXPECTED = {
    (citeproc.model.Name, "initialize"): ["self", "given", "mark", "context"],
    (citeproc.model.Substitute, "render"): ["self", "item", "context", "kwargs"],
    (citeproc.model.Text, "_variable"): ["self", "item", "context"],
    (citeproc.model.CitationStylesElement, "xpath_search"): ["self", "expression"],
    (citeproc.model.Parent, "calls_variable"): ["self"],
    (citeproc.model.Text, "calls_variable"): ["self"],
}
_applied = False
_lock = threading.Lock()


class UnexpectedCiteproc(RuntimeError):
    """The installed citeproc-py is not the one our fixes were written for (a bug of ours:
    the package pins the version)."""


def apply() -> None:
    global _applied
    with _lock:
        if _applied:
            return
        _check()
        _keep_full_given_names()
        _suppress_what_substituted()
        _memoise_style_lookups()
        _remember_references()
        _applied = True


def _check() -> None:
    version = importlib.metadata.version("citeproc-py")
    if not version.startswith(TESTED):
        raise UnexpectedCiteproc(f"citeproc-py {version} is installed, but the compiler's fixes to it "
                                 f"(compiler/resolve/citations/citeproc_fixes.py) are for {TESTED}x; "
                                 f"install citeproc-py {TESTED}x")
    for (owner, name), params in _EXPECTED.items():
        found = list(inspect.signature(getattr(owner, name)).parameters)
        if found != params:
            raise UnexpectedCiteproc(f"citeproc-py's {owner.__name__}.{name} takes ({', '.join(found)}), "
                                     f"not ({', '.join(params)}): the compiler's fixes "
                                     "(compiler/resolve/citations/citeproc_fixes.py) do not fit it")
    if not isinstance(getattr(citeproc.source.CitationItem, "reference", None), property):
        raise UnexpectedCiteproc("citeproc-py's CitationItem.reference is no longer a property: the "
                                 "compiler's fixes (compiler/resolve/citations/citeproc_fixes.py) do not fit it")


def _keep_full_given_names() -> None:
    """citeproc-py 0.11 ignores CSL's `initialize="false"` and turns "June S." into
    "J. S." wherever a style sets initialize-with: honour the attribute."""
    original = citeproc.model.Name.initialize

    def initialize(self, given, mark, context):
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)
    citeproc.model.Name.initialize = initialize


# The variables printed while a <substitute> child renders (a stack: substitutes nest).
_printing: list[list[tuple[str, str]]] = []


def _suppress_what_substituted() -> None:
    """CSL: a variable that stood in for a missing author is not printed again. citeproc-py
    0.11 does this only for a bare `<text variable>`; Chicago substitutes through a macro
    (the title and whatever the work's type adds to it). Suppress the variables that macro
    printed for this work, not every variable it could print: a publisher or URL the
    macro leaves out for this type must still appear later in the entry."""
    Text = citeproc.model.Text
    variable = Text._variable

    def _variable(self, item, context):
        text = variable(self, item, context)
        if text and _printing:
            _printing[-1].append((self.tag, self.get("variable")))
        return text
    Text._variable = _variable

    Names = citeproc.model.Names

    def render(self, item, context=None, **kwargs):
        text = None
        for child in self.getchildren():
            _printing.append([])
            try:
                if isinstance(child, Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                printed = _printing.pop()
            if text:
                self.add_to_repressed_list(child, context)      # citeproc-py's: a bare variable
                repressed = context.get_layout().repressed
                for tag, name in printed:
                    repressed.setdefault(tag, []).append(name)
                break
        return text
    citeproc.model.Substitute.render = render


def _style_memo(element) -> dict:
    """Answers about one parsed style (or locale) that never change: kept on its root
    element, so they live and die with the style, never shared between two styles.
    Keys hold element proxies, which keeps them alive: the same node always comes back
    as the same key. (lxml keeps a proxy's attributes while it lives; the style object
    holds its root.)"""
    root = element.getroottree().getroot()
    memo = root.__dict__.get("_memo")
    if memo is None:
        memo = root.__dict__["_memo"] = {}
    return memo


def _memoise_style_lookups() -> None:
    """citeproc-py re-runs the same XPath queries on the (unchanging) style tree for
    every citation (40 ms a note), and re-walks whole macro trees to learn whether a
    group calls a variable. Remember each answer, per style."""
    model = citeproc.model
    original = model.CitationStylesElement.xpath_search

    def xpath_search(self, expression):
        memo, key = _style_memo(self), (self, expression)
        if key not in memo:
            memo[key] = original(self, expression)
        return list(memo[key])
    model.CitationStylesElement.xpath_search = xpath_search

    def remembered(calls_variable):
        def memoised(self):
            memo, key = _style_memo(self), ("calls", self)
            if key not in memo:
                memo[key] = calls_variable(self)
            return memo[key]
        return memoised
    for cls in (model.Parent, model.Text):       # the two that recurse through the tree
        cls.calls_variable = remembered(cls.calls_variable)


def _remember_references() -> None:
    """A cite item looks its work up through its citation's bibliography on each of the
    hundreds of variables a style reads; the work does not change: look it up once."""
    item = citeproc.source.CitationItem
    original = item.reference

    def reference(self):
        found = self.__dict__.get("_work")        # not self[...]: the item's keys are CSL's
        if found is None:
            found = self.__dict__["_work"] = original.fget(self)
        return found
    item.reference = property(reference)
