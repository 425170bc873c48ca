"""A paragraph's words changed as Word tracked changes: only the words that differ are deleted
(``<w:del>`` around runs whose ``w:t`` became ``w:delText``) and inserted (``<w:ins>`` around new
runs); formatting, bookmarks and comment anchors on the rest stay. A table cell's text changes
like a paragraph's.

Offsets count characters as narrator.word.wordxml.paragraph_text does (a tab or line break is
one character), so a paragraph's text and fingerprint mean the same here as everywhere else.
"""

from __future__ import annotations

import copy
import difflib
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from narrator.word.revisions import WRAPPERS, Marks, delete_run
from narrator.word.wordxml import Element, owning_paragraph, paragraph_text

_TOKEN_RE = re.compile(r"\s+|\S+")


def rewrite(p_element: Element, new_text: str, marks: Marks) -> bool:
    """Change a paragraph's visible text to `new_text` as tracked word-level changes: only the
    words that differ are deleted and inserted; formatting, bookmarks and comment anchors on
    the rest stay. Returns False (and changes nothing) when the text is already `new_text`."""
    old_text = paragraph_text(p_element)
    if old_text == new_text:
        return False
    changes = _word_changes(old_text, new_text)
    for offset in sorted({o for c in changes for o in c[:2]}, reverse=True):
        _split_at(p_element, offset)
    _one_run_per_wrapper(p_element, marks)
    segments = _segments(p_element)
    for start, end, text in changes:
        inside = [run for s, e, run in segments if start <= s and e <= end and s < e]
        if text:
            new_run = _text_run(text, inside[0] if inside else _style_source(segments, start))
            wrapper = marks.element("ins")
            wrapper.append(new_run)
            _place(p_element, wrapper, segments, start, end, inside)
        for run in inside:
            delete_run(run, marks)
    return True


def _word_changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) character ranges of `old`, word by word, in order."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    starts = [0]
    for token in a:
        starts.append(starts[-1] + len(token))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (starts[i1], starts[i2], "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _pieces(p_element: Element) -> list[tuple[Element, int]]:
    """(element, length) of each visible text piece, as paragraph_text counts them."""
    out: list[tuple[Element, int]] = []
    for element in p_element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if element.getparent().tag != qn("w:r") or owning_paragraph(element) is not p_element:
            continue
        out.append((element, _length(element)))
    return out


def _length(element: Element) -> int:
    if element.tag == qn("w:t"):
        return len(element.text or "")
    if element.tag == qn("w:br"):
        return 1 if element.get(qn("w:type"), "textWrapping") == "textWrapping" else 0
    if element.tag in (qn("w:tab"), qn("w:cr")):
        return 1
    return 0


def _segments(p_element: Element) -> list[tuple[int, int, Element]]:
    """(start, end, run) for each run holding visible text, in order."""
    out: list[tuple[int, int, Element]] = []
    offset = 0
    for element, length in _pieces(p_element):
        run = element.getparent()
        if out and out[-1][2] is run:
            out[-1] = (out[-1][0], offset + length, run)
        else:
            out.append((offset, offset + length, run))
        offset += length
    return out


def _split_at(p_element: Element, offset: int) -> None:
    """Make `offset` a run boundary: split the run whose text strictly contains it."""
    for start, end, run in _segments(p_element):
        if start < offset < end:
            _split_run(run, offset - start)
            return


def _split_run(run: Element, at: int) -> None:
    """Split a run into two with the same properties, the first holding `at` characters."""
    right = copy.deepcopy(run)
    position = 0
    for left_child, right_child in zip(list(run), list(right), strict=True):
        if left_child.tag == qn("w:rPr"):
            continue
        length = _length(left_child)
        if position + length <= at and (length > 0 or position < at):
            right.remove(right_child)
        elif position >= at:
            run.remove(left_child)
        else:  # a w:t that straddles the split
            cut = at - position
            _set_text(left_child, (left_child.text or "")[:cut])
            _set_text(right_child, (right_child.text or "")[cut:])
        position += length
    run.addnext(right)


def _one_run_per_wrapper(p_element: Element, marks: Marks) -> None:
    """Give each run inside a w:ins or w:del its own wrapper (same author and date, a new id),
    so one run can be deleted or have text inserted after it alone."""
    for wrapper in list(p_element.iter(*WRAPPERS)):
        if wrapper.getparent().tag == qn("w:rPr"):
            continue
        anchor = wrapper
        for run in wrapper.findall(qn("w:r"))[1:]:
            tag = "w:" + wrapper.tag.rsplit("}", 1)[-1]
            extra = OxmlElement(tag, dict(wrapper.attrib))
            extra.set(qn("w:id"), str(marks.next_id))
            marks.next_id += 1
            anchor.addnext(extra)
            extra.append(run)
            anchor = extra


def _top(run: Element) -> Element:
    """A run, or the w:ins / w:del wrapping it."""
    parent = run.getparent()
    return parent if parent.tag in WRAPPERS else run


def _place(
    p_element: Element,
    new: Element,
    segments: list[tuple[int, int, Element]],
    start: int,
    end: int,
    inside: list[Element],
) -> None:
    """Put an insertion where the replaced text was, or at `start` for a pure insertion."""
    if inside:
        _top(inside[-1]).addnext(new)
        return
    before = [run for s, e, run in segments if e == start and s < e]
    after = [run for s, e, run in segments if s == start and s < e]
    if before:
        _top(before[-1]).addnext(new)
    elif after:
        _top(after[0]).addprevious(new)
    else:
        _append_content(p_element, new)


def _append_content(p_element: Element, new: Element) -> None:
    """Append content to a paragraph, inside a closing bookmark or comment range if any."""
    last = p_element[-1] if len(p_element) else None
    closing = (qn("w:bookmarkEnd"), qn("w:commentRangeEnd"))
    anchor = None
    while last is not None and last.tag in closing:
        anchor, last = last, last.getprevious()
    if anchor is not None:
        anchor.addprevious(new)
    else:
        p_element.append(new)


def _style_source(segments: list[tuple[int, int, Element]], start: int) -> Element | None:
    """The run whose formatting text inserted at `start` takes: the one before it, else after.
    (Replacing text takes the formatting of the first run replaced, as typing over it does.)"""
    before = [run for s, e, run in segments if s < start]
    if before:
        return before[-1]
    return segments[0][2] if segments else None


def _text_run(text: str, like: Element | None) -> Element:
    run = OxmlElement("w:r")
    if like is not None:
        r_pr = like.find(qn("w:rPr"))
        if r_pr is not None:
            run.append(copy.deepcopy(r_pr))
    t = OxmlElement("w:t")
    _set_text(t, text)
    run.append(t)
    return run


def _set_text(t: Element, text: str) -> None:
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def text_runs(p_element: Element) -> list[Element]:
    """The runs of a paragraph that hold visible text, in order."""
    return [run for _, _, run in _segments(p_element)]
