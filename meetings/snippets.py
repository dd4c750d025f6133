"""The few lines of a search result around the words searched for, those words highlighted.

Built on the server from plain text: stored HTML is reduced to its text first, the text is
escaped, and only then are the matching words wrapped in ``<mark>``, so no mark ever lands
inside a tag or an entity and nothing the author typed can become markup. The same on SQLite
and PostgreSQL: a word is highlighted when it contains a searched word or starts with its stem
(PostgreSQL's English search finds "fire" for "fires"; the snippet marks it too).
"""

import html
import re
from collections.abc import Iterable

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 240  # characters of text in a snippet
BEFORE = 60  # of which before the first match, when there is text before it

_WORD = re.compile(r"\w+")
# The end of a block or a line break: a space there, so "<p>a</p><p>b</p>" reads "a b".
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|td|th|tr|caption|div|dd|dt)>|<br\s*/?>)", re.I)
_SUFFIXES = ("ing", "ed", "s")  # "fires" -> "fire", not "fir" (which would mark "first")
_OPERATORS = {"or", "and", "not"}


def query_terms(query: str) -> list[str]:
    """The words a query asks for, lower case: without websearch's operators ("or", a word
    excluded with "-") and quotes."""
    terms = []
    for token in query.split():
        if token.startswith("-") or token.lower() in _OPERATORS:
            continue
        terms.extend(word.lower() for word in _WORD.findall(token))
    return list(dict.fromkeys(terms))


def _stem(term: str) -> str:
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and not term.endswith("ss") and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def _pattern(query: str) -> re.Pattern | None:
    """What marks a word: a searched word anywhere in it, or a stem at its start. Plain
    alternatives (no nested repetition), so a search of a long text stays linear."""
    terms = query_terms(query)
    alternatives = [re.escape(term) for term in terms]
    alternatives += [rf"(?<!\w){re.escape(_stem(term))}" for term in terms]
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _first_word(text: str, pattern: re.Pattern | None) -> tuple[int, int] | None:
    """Where the first matching word starts and ends in ``text``."""
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return None
    start, end = found.start(), found.end()
    limit = max(start - 40, 0)  # a "word" of thousands of letters is not a word to show whole
    while start > limit and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    tail = _WORD.match(text, end, end + 40)
    return start, tail.end() if tail else end


def html_text(value: str) -> str:
    """The text of sanitised HTML (a minute, a report section), as a reader sees it."""
    spaced = _BLOCK_END.sub(r"\1 ", value or "")
    return html.unescape(nh3.clean(spaced, tags=set()))


def snippet(texts: Iterable[str], query: str, *, width: int = WIDTH) -> SafeString:
    """About ``width`` characters of ``texts`` (plain text, joined) from a little before the
    first word matching ``query``, matching words in ``<mark>``; the start of the text when
    no word matches. Escaped, then marked: safe to render."""
    text = " ".join(t.strip() for t in texts if t and not t.isspace())
    pattern = _pattern(query)
    start, end = _window(text, _first_word(text, pattern), width)
    window = " ".join(text[start:end].split())  # one space between words, in the window only
    out = ["…"] if start > 0 else []
    position = 0
    for word in _WORD.finditer(window):
        if pattern is not None and pattern.search(word.group()):
            out.append(escape(window[position : word.start()]))
            out.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    out.append(escape(window[position:]))
    if end < len(text):
        out.append("…")
    # Escaped above, so the only tags are our own; nh3 makes sure of it.
    return mark_safe(nh3.clean("".join(out), tags={"mark"}, attributes={}))


def _window(text: str, first: tuple[int, int] | None, width: int) -> tuple[int, int]:
    """Where the snippet starts and ends: a little before the first matching word, at spaces
    when there is one near (a long run without spaces is cut where it must be)."""
    first_start, first_end = first if first is not None else (0, 0)
    start = 0
    if first_start > BEFORE:
        cut = first_start - BEFORE
        space = text.rfind(" ", max(cut - 20, 0), cut)
        start = space + 1 if space != -1 else cut
    end = min(max(start + width, first_end), start + 2 * width)
    if end < len(text):
        space = text.rfind(" ", max(end - 20, start), end)
        if space != -1 and space >= first_end:
            end = space
    return start, end
