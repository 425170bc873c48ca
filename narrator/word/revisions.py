"""Word tracked changes (revision marks) on whole paragraphs and rows, and accepting them.

Regeneration changes a reviewed document only through these functions and
narrator.word.text_changes (a paragraph's words), so Word's Review pane steps through every
change and Accept All gives the clean new text:

- a new paragraph: its runs inside ``<w:ins>`` and its paragraph mark marked inserted
  (``w:pPr/w:rPr/w:ins``); a removed paragraph: its runs inside ``<w:del>`` (their ``w:t``
  become ``w:delText``) and its mark marked deleted (``w:pPr/w:rPr/w:del``), so accepting
  removes the paragraph whole; table rows likewise (``w:trPr/w:ins``, ``w:trPr/w:del``);
- every mark has ``w:id``, ``w:author`` and ``w:date`` (ISO 8601, UTC), from one `Marks`.

Text that is itself an insertion not yet accepted (``w:ins``) is removed outright when it has to
go, as Word does when its own insertion is deleted.

`accept_all` is the inverse view: what Word's Accept All Changes leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from narrator.word.wordxml import Element, owning_paragraph, paragraph_text

WRAPPERS = (qn("w:ins"), qn("w:del"))
"""The tags of tracked insertions and deletions around runs."""

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


def delete_run(run: Element, marks: Marks) -> None:
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


def mark_inserted(p_element: Element, marks: Marks) -> None:
    """Mark a paragraph just added as a tracked insertion: its runs and its paragraph mark."""
    for run in p_element.findall(qn("w:r")):
        wrapper = marks.element("ins")
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark_paragraph(p_element, marks.element("ins"))


def mark_deleted(p_element: Element, marks: Marks) -> None:
    """Mark a whole paragraph as a tracked deletion (accepting it removes the paragraph)."""
    runs = [r for r in p_element.iter(qn("w:r")) if owning_paragraph(r) is p_element]
    for run in runs:
        delete_run(run, marks)
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
        for run in [r for r in p.iter(qn("w:r")) if owning_paragraph(r) is p]:
            delete_run(run, marks)
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


def move_after(element: Element, anchor: Element) -> None:
    """Move a body element (a paragraph python-docx just appended) to just after `anchor`."""
    anchor.addnext(element)


def move_before(element: Element, anchor: Element) -> None:
    """Move a body element to just before `anchor`."""
    anchor.addprevious(element)


def revision_count(document: Any) -> int:
    """How many tracked insertions and deletions the body holds (paragraph marks included)."""
    return len(document.element.body.xpath(".//w:ins | .//w:del"))


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
