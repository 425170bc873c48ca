"""Word tracked changes (revision marks), the second and last module that handles raw XML.

Regeneration changes a reviewed document only through these functions, so Word's Review pane
steps through every change and Accept All gives the clean new text:

- changed words: ``<w:del>`` around runs whose ``w:t`` became ``w:delText``, and ``<w:ins>``
  around new runs, both with ``w:id``, ``w:author`` and ``w:date`` (ISO 8601, UTC);
- a new paragraph: its runs inside ``<w:ins>`` and its paragraph mark marked inserted
  (``w:pPr/w:rPr/w:ins``); a removed paragraph: its runs inside ``<w:del>`` and its mark marked
  deleted (``w:pPr/w:rPr/w:del``), so accepting removes the paragraph whole;
- a table cell's text changes like a paragraph's.

Text that is itself an insertion not yet accepted (``w:ins``) is removed outright when it has to
go, as Word does when its own insertion is deleted. Offsets count characters as
narrator.word.wordxml.paragraph_text does (a tab or line break is one character), so a paragraph's
text and fingerprint mean the same here as everywhere else.

`accept_all` is the inverse view: what Word's Accept All Changes leaves.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from narrator.word.wordxml import paragraph_text

Element = Any  # an lxml element

_TOKEN_RE = re.compile(r"\s+|\S+")
_WRAPPERS = (qn("w:ins"), qn("w:del"))
_P_PR_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))
_FORMAT_CHANGES = (
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "tblGridChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
)


@dataclass
class Marks:
    """How this run of changes is signed: `author`, `date` and the next free annotation id.
    `made` counts the w:ins and w:del elements added so far."""

    author: str
    date: str
    next_id: int
    made: int = 0

    def element(self, tag: str) -> Element:
        """A new w:ins or w:del (`tag` "ins" / "del") with the next id, author and date."""
        attrs = {qn("w:id"): str(self.next_id), qn("w:author"): self.author}
        attrs[qn("w:date")] = self.date
        self.next_id += 1
        self.made += 1
        return OxmlElement(f"w:{tag}", attrs)


def marks_for(document: Any, author: str, when: datetime) -> Marks:
    """Marks for `document`: ids start above every w:id already used in its body and comments
    (bookmarks, comments and earlier revisions), so none collides."""
    ids = [int(v) for v in document.element.xpath("//@w:id") if v.lstrip("-").isdigit()]
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
        ids += [int(v) for v in comments.xpath("//@w:id") if v.lstrip("-").isdigit()]
    except KeyError:
        pass
    return Marks(author, when.strftime("%Y-%m-%dT%H:%M:%SZ"), max(ids, default=0) + 1)


# ---------------------------------------------------------------------------------------------
# changing a paragraph's words


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
            _delete_run(run, marks)
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
        if element.getparent().tag != qn("w:r") or _paragraph_of(element) is not p_element:
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


def _paragraph_of(element: Element) -> Element:
    parent = element.getparent()
    while parent is not None and parent.tag != qn("w:p"):
        parent = parent.getparent()
    return parent


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
    for wrapper in list(p_element.iter(*_WRAPPERS)):
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
    return parent if parent.tag in _WRAPPERS else run


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


def _delete_run(run: Element, marks: Marks) -> None:
    """Mark a run deleted; a run that is itself a pending insertion is simply removed."""
    parent = run.getparent()
    if parent.tag == qn("w:ins"):
        parent.remove(run)
        if not len(parent):
            parent.getparent().remove(parent)
        return
    if parent.tag == qn("w:del"):
        return
    for t in run.findall(qn("w:t")):
        t.tag = qn("w:delText")
    for instr in run.findall(qn("w:instrText")):
        instr.tag = qn("w:delInstrText")
    wrapper = marks.element("del")
    run.addprevious(wrapper)
    wrapper.append(run)


# ---------------------------------------------------------------------------------------------
# whole paragraphs


def mark_inserted(p_element: Element, marks: Marks) -> None:
    """Mark a paragraph just added as a tracked insertion: its runs and its paragraph mark."""
    for run in p_element.findall(qn("w:r")):
        wrapper = marks.element("ins")
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark_paragraph(p_element, marks.element("ins"))


def mark_deleted(p_element: Element, marks: Marks) -> None:
    """Mark a whole paragraph as a tracked deletion (accepting it removes the paragraph)."""
    runs = [r for r in p_element.iter(qn("w:r")) if _paragraph_of(r) is p_element]
    for run in runs:
        _delete_run(run, marks)
    _mark_paragraph(p_element, marks.element("del"))


def mark_row_inserted(tr_element: Element, marks: Marks) -> None:
    """Mark a table row just added as a tracked insertion: its runs and the row itself."""
    for p in tr_element.iter(qn("w:p")):
        for run in p.findall(qn("w:r")):
            wrapper = marks.element("ins")
            run.addprevious(wrapper)
            wrapper.append(run)
    _mark_row(tr_element, marks.element("ins"))


def mark_row_deleted(tr_element: Element, marks: Marks) -> None:
    """Mark a whole table row as a tracked deletion (accepting it removes the row)."""
    for p in tr_element.iter(qn("w:p")):
        for run in [r for r in p.iter(qn("w:r")) if _paragraph_of(r) is p]:
            _delete_run(run, marks)
    _mark_row(tr_element, marks.element("del"))


def _mark_row(tr_element: Element, mark: Element) -> None:
    tr_pr = tr_element.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = OxmlElement("w:trPr")
        before = tr_element.find(qn("w:tblPrEx"))
        if before is not None:
            before.addnext(tr_pr)
        else:
            tr_element.insert(0, tr_pr)
    change = tr_pr.find(qn("w:trPrChange"))
    if change is not None:
        change.addprevious(mark)
    else:
        tr_pr.append(mark)


def is_deleted(p_element: Element) -> bool:
    """True when a paragraph's mark is a tracked deletion and no visible text is left in it."""
    return bool(p_element.xpath("./w:pPr/w:rPr/w:del")) and not paragraph_text(p_element)


def _mark_paragraph(p_element: Element, mark: Element) -> None:
    p_pr = p_element.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        later = [child for child in p_pr if child.tag in _P_PR_AFTER_RPR]
        if later:
            later[0].addprevious(r_pr)
        else:
            p_pr.append(r_pr)
    for old in r_pr.findall(qn("w:ins")) + r_pr.findall(qn("w:del")):
        r_pr.remove(old)
    r_pr.insert(0, mark)


# ---------------------------------------------------------------------------------------------
# reading and accepting


def body_paragraphs(document: Any) -> list[Element]:
    """The w:p elements directly in the body (content controls looked into), in order."""
    from narrator.word.wordxml import body_children

    return [e for e in body_children(document.element) if e.tag == qn("w:p")]


def text_runs(p_element: Element) -> list[Element]:
    """The runs of a paragraph that hold visible text, in order."""
    return [run for _, _, run in _segments(p_element)]


def move_after(element: Element, anchor: Element) -> None:
    """Move a body element (a paragraph python-docx just appended) to just after `anchor`."""
    anchor.addnext(element)


def move_before(element: Element, anchor: Element) -> None:
    """Move a body element to just before `anchor`."""
    anchor.addprevious(element)


def revision_count(document: Any) -> int:
    """How many tracked insertions and deletions the body holds (paragraph marks included)."""
    return len(document.element.body.xpath(".//w:ins | .//w:del"))


def comment_paragraph_ids(document: Any) -> dict[str, list[int]]:
    """Comment id -> indexes (in body_paragraphs order) of the paragraphs its range starts in."""
    out: dict[str, list[int]] = {}
    for index, p in enumerate(body_paragraphs(document)):
        for comment_id in p.xpath(".//w:commentRangeStart/@w:id"):
            out.setdefault(str(comment_id), []).append(index)
    return out


def accept_all(document: Any) -> None:
    """Accept every tracked change in the body, as Word's Accept All Changes does: deleted
    text, paragraphs and rows go; inserted ones stay unmarked; formatting changes stay."""
    body = document.element.body
    for element in body.xpath(".//w:del | .//w:moveFrom"):
        parent = element.getparent()
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):
            continue
        parent.remove(element)
    for element in body.xpath(".//w:ins | .//w:moveTo"):
        parent = element.getparent()
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):
            continue
        for child in list(element):
            element.addprevious(child)
        parent.remove(element)
    for tr in body.xpath(".//w:tr[w:trPr/w:del]"):
        tr.getparent().remove(tr)
    for p in body.xpath(".//w:p[w:pPr/w:rPr/w:del]"):
        following = p.getnext()
        content = [c for c in p if c.tag != qn("w:pPr")]
        if following is not None and following.tag == qn("w:p"):
            anchor = following.find(qn("w:pPr"))
            for child in reversed(content):
                if anchor is not None:
                    anchor.addnext(child)
                else:
                    following.insert(0, child)
            p.getparent().remove(p)
    names = [f"w:{name}" for name in _FORMAT_CHANGES]
    marks = ".//w:rPr/w:ins | .//w:rPr/w:del | .//w:trPr/w:ins | .//w:trPr/w:del"
    marks += " | .//w:moveFromRangeStart | .//w:moveFromRangeEnd"
    marks += " | .//w:moveToRangeStart | .//w:moveToRangeEnd"
    for element in body.xpath(" | ".join([marks, *(f".//{n}" for n in names)])):
        element.getparent().remove(element)


# ---------------------------------------------------------------------------------------------
# narrator's own comments

_W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
_W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
_W16CEX_NS = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
_COMMENTS_EXTENDED = "commentsExtended"
_COMMENTS_IDS = "commentsIds"
_COMMENTS_EXTENSIBLE = "commentsExtensible"


def paragraph_comments(document: Any, p_element: Element) -> list[tuple[str, str, str]]:
    """(comment id, author, text) of each comment whose range starts in the paragraph, in
    order. The text is the comment's paragraphs joined by newlines."""
    wanted = [str(i) for i in p_element.xpath(".//w:commentRangeStart/@w:id")]
    if not wanted:
        return []
    by_id = {str(c.comment_id): c for c in document.comments}
    return [(i, str(by_id[i].author), str(by_id[i].text)) for i in wanted if i in by_id]


def has_replies(document: Any, comment_id: str) -> bool:
    """True when another comment is a reply to this one (Word's commentsExtended parents)."""
    para_ids = _comment_para_ids(document, comment_id)
    extended = _comment_side_part(document, _COMMENTS_EXTENDED)
    if extended is None or not para_ids:
        return False
    root = _side_root(extended)
    parents = {e.get(f"{{{_W15_NS}}}paraIdParent") for e in root.iter(f"{{{_W15_NS}}}commentEx")}
    return bool(para_ids & parents)


def remove_comment(document: Any, comment_id: str) -> None:
    """Remove a comment whole: its range and reference in the body, the comment itself and
    its entries in Word's side parts (commentsExtended, commentsIds, commentsExtensible)."""
    para_ids = _comment_para_ids(document, comment_id)
    body = document.element.body
    for element in body.xpath(
        f'.//w:commentRangeStart[@w:id="{comment_id}"] | .//w:commentRangeEnd[@w:id="{comment_id}"]'
    ):
        element.getparent().remove(element)
    for reference in body.xpath(f'.//w:commentReference[@w:id="{comment_id}"]'):
        run = reference.getparent()
        run.remove(reference)
        if all(child.tag == qn("w:rPr") for child in run):
            wrapper = run.getparent()
            wrapper.remove(run)
            if wrapper.tag in _WRAPPERS and not len(wrapper):
                wrapper.getparent().remove(wrapper)
    comments = document.part.part_related_by(RT.COMMENTS).element
    for comment in comments.findall(qn("w:comment")):
        if comment.get(qn("w:id")) == comment_id:
            comments.remove(comment)
    _drop_side_entries(document, para_ids)


def _comment_para_ids(document: Any, comment_id: str) -> set[str]:
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return set()
    return {
        str(p.get(_W14_PARA_ID))
        for comment in comments.findall(qn("w:comment"))
        if comment.get(qn("w:id")) == comment_id
        for p in comment.iter(qn("w:p"))
        if p.get(_W14_PARA_ID) is not None
    }


def _comment_side_part(document: Any, name: str) -> Any:
    """The comments part's sibling part `name` (e.g. commentsExtended); None when absent."""
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + name):
            return rel.target_part
    return None


def _side_root(part: Any) -> Element:
    """A side part's root element (python-docx keeps these parts as bytes)."""
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    return part.element if isinstance(part, XmlPart) else parse_xml(part.blob)


def _store_side_root(part: Any, root: Element) -> None:
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.part import XmlPart

    if not isinstance(part, XmlPart):
        part._blob = serialize_part_xml(root)  # a generic Part holds its bytes; no setter


def _drop_side_entries(document: Any, para_ids: set[str]) -> None:
    """Remove the side-part entries of the comment paragraphs `para_ids`."""
    if not para_ids:
        return
    durable: set[str] = set()
    for name, namespace, tag in (
        (_COMMENTS_EXTENDED, _W15_NS, "commentEx"),
        (_COMMENTS_IDS, _W16CID_NS, "commentId"),
    ):
        part = _comment_side_part(document, name)
        if part is None:
            continue
        root = _side_root(part)
        for entry in list(root.iter(f"{{{namespace}}}{tag}")):
            if entry.get(f"{{{namespace}}}paraId") in para_ids:
                durable.add(str(entry.get(f"{{{namespace}}}durableId")))
                entry.getparent().remove(entry)
        _store_side_root(part, root)
    part = _comment_side_part(document, _COMMENTS_EXTENSIBLE)
    if part is not None and durable:
        root = _side_root(part)
        for entry in list(root.iter(f"{{{_W16CEX_NS}}}commentExtensible")):
            if entry.get(f"{{{_W16CEX_NS}}}durableId") in durable:
                entry.getparent().remove(entry)
        _store_side_root(part, root)
