"""The body and its sections, the footer's page number, and style XML.

Clearing a template's body keeps its final section (page setup, headers and footers, including
those it inherits); a section break python-docx adds is folded into the paragraph before it, as
Word does. Styles get outline levels (headings for the navigation pane), one named font for
every script (theme fonts dropped, since they win over a named font), and are looked up by name
once.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from narrator.word.comments import drop_comments
from narrator.word.wordxml import Element


def clear_body(document: Any) -> None:
    """Remove every paragraph, table and section break from the body, keeping the final sectPr
    (the template's page setup, headers and footers), and what only the body used: its
    comments, and its pictures', charts' and hyperlinks' relationships (a report used as the
    template of the next one would otherwise carry them along unseen). Headers and footers the final
    section took from an earlier one ("link to previous") are kept: it gets their references."""
    body = document.element.body
    _inherit_headers_and_footers(body)
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    drop_comments(document)
    referenced = set(document.element.xpath("//@r:embed | //@r:link | //@r:id"))
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.IMAGE, RT.CHART, RT.HYPERLINK) and rel_id not in referenced:
            del document.part.rels[rel_id]


def _inherit_headers_and_footers(body: Element) -> None:
    """Give the body's final w:sectPr a reference to each header and footer it inherits from
    an earlier section (Word's "link to previous": a section without a reference of a kind
    shows the previous section's), so removing the earlier sections keeps them."""
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    inherited: dict[tuple[str, str], Element] = {}
    for sect_pr in body.xpath("./w:p/w:pPr/w:sectPr"):
        for ref in sect_pr.xpath("./w:headerReference | ./w:footerReference"):
            inherited[(ref.tag, ref.get(qn("w:type"), "default"))] = ref
    own = {
        (ref.tag, ref.get(qn("w:type"), "default"))
        for ref in final.xpath("./w:headerReference | ./w:footerReference")
    }
    for kind, ref in inherited.items():
        if kind not in own:
            final.insert(0, copy.deepcopy(ref))


def fold_section_break(document: Any) -> None:
    """Move the section break python-docx just added (an empty paragraph holding a w:sectPr)
    into the paragraph before it, as Word does, so the break adds no empty paragraph. Nothing
    changes when the previous body item is not a plain paragraph (a table, or a section end)."""
    body = document.element.body
    breaks = body.xpath("./w:p[w:pPr/w:sectPr][last()]")
    if not breaks:
        return
    holder = breaks[0]
    previous = holder.getprevious()
    if previous is None or previous.tag != qn("w:p") or previous.xpath("./w:pPr/w:sectPr"):
        return
    if holder.xpath("./w:r"):
        return
    sect_pr = holder.find(qn("w:pPr")).find(qn("w:sectPr"))
    previous.get_or_add_pPr().append(sect_pr)
    body.remove(holder)


def add_page_number(paragraph: Any) -> None:
    """Append a PAGE field (the current page number) to a paragraph."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def paragraph_style_ids(document: Any, names: Iterable[str]) -> dict[str, str | None]:
    """Each paragraph style name -> the id a ``w:pStyle`` names, looked up once (python-docx
    looks a name up on every paragraph, scanning every style). None means the document's default
    paragraph style, which a paragraph gets by naming no style. Raises KeyError for a name the
    document lacks, as python-docx does."""
    found = _Styles(document)
    return {
        name: found.id_of(name, "paragraph", f"style {name!r} is not a paragraph style")
        for name in names
    }


def style_id(document: Any, name: str, wanted: str = "paragraph") -> str | None:
    """The id python-docx's ``paragraph.style = name`` (``table.style = name`` with `wanted`
    "table") writes: None for the type's default style. Raises KeyError for a name the
    document lacks and ValueError for a style of another type, as python-docx does."""
    from docx.enum.style import WD_STYLE_TYPE

    found = _Styles(document)
    if found.element(name).get(qn("w:type")) != wanted:  # python-docx's message
        kind = WD_STYLE_TYPE.from_xml(wanted)
        raise ValueError(f"assigned style is type {document.styles[name].type}, need type {kind}")
    return found.id_of(name, wanted, "")


_ON_OFF = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}
_STYLE_TYPES = ("paragraph", "character", "table", "numbering")


class _Styles:
    """A document's styles, answering as python-docx's ``styles`` does, its default styles found
    by three XPath queries (python-docx reads every style's type and default through its
    proxies for each look-up: 0.5 ms against the bundled template's 173 styles)."""

    def __init__(self, document: Any) -> None:
        self._document = document
        styles = document.styles.element
        kinds = set(styles.xpath("w:style/@w:type"))
        marks = set(styles.xpath("w:style/@w:default"))
        # a type or default python-docx refuses: its own look-up, which raises, is used
        self._odd = not (kinds <= set(_STYLE_TYPES) and marks <= set(_ON_OFF))
        self._defaults: dict[str, Element] = {}  # the last marked default, by type
        self._by_name: dict[str, Element] | None = None  # the first style of each name
        type_, on = qn("w:type"), qn("w:default")
        for style in styles.xpath("w:style[@w:default]"):
            kind = style.get(type_)  # python-docx: a style with no w:type has no type
            if kind is not None and _ON_OFF.get(style.get(on), False):
                self._defaults[kind] = style

    def element(self, name: str) -> Element:
        """The w:style ``styles[name]`` gives (KeyError when there is none): the first style
        with that name, from one XPath query over the styles (python-docx runs one, compiled
        anew, for each name); a name not found there (or holding a quote, which python-docx's
        query cannot hold) goes through python-docx, which also looks it up as a style id."""
        from docx.styles import BabelFish

        if self._by_name is None:
            self._by_name = {}
            for value in self._document.styles.element.xpath("w:style/w:name/@w:val"):
                self._by_name.setdefault(str(value), value.getparent().getparent())
        internal = BabelFish.ui2internal(name)
        found = None if '"' in internal else self._by_name.get(internal)
        if found is None:
            found = self._document.styles[name].element
        return found

    def default(self, wanted: str) -> Element | None:
        """The w:style ``styles.default(type)`` gives for the type `wanted`."""
        if self._odd:
            from docx.enum.style import WD_STYLE_TYPE

            fallback = self._document.styles.default(WD_STYLE_TYPE.from_xml(wanted))
            return None if fallback is None else fallback.element
        return self._defaults.get(wanted)

    def id_of(self, name: str, wanted: str, wrong_type: str) -> str | None:
        """The id of the style `name`, of type `wanted` (else ValueError(`wrong_type`)); None
        for the type's default style."""
        style = self.element(name)
        if style.get(qn("w:type")) != wanted:
            raise ValueError(wrong_type)
        return None if style is self.default(wanted) else style.get(qn("w:styleId"))


def add_paragraph(document: Any, style: str, text: str = "") -> Any:
    """``document.add_paragraph(text, style=style)``, the same XML, its style's id found by
    `style_id`."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id(document, style)
    return paragraph


def set_table_style(document: Any, table: Any, style: str) -> None:
    """``table.style = style``, the same XML, its style's id found by `style_id`."""
    table._tbl.tblStyle_val = style_id(document, style, "table")


def set_outline_level(style: Any, level: int) -> None:
    """Make a paragraph style a heading at `level` (0 = top) for the navigation pane and TOC."""
    p_pr = style.element.get_or_add_pPr()
    for old in p_pr.findall(qn("w:outlineLvl")):
        p_pr.remove(old)
    p_pr.append(OxmlElement("w:outlineLvl", {qn("w:val"): str(level)}))


def drop_theme_fonts(r_pr: Element | None) -> None:
    """Remove theme font references from a w:rPr (they win over a named font in Word)."""
    if r_pr is None:
        return
    for fonts in r_pr.findall(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def set_all_fonts(r_pr: Element, name: str) -> None:
    """Name one font for every script in a w:rPr, dropping theme references."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    drop_theme_fonts(r_pr)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def default_run_properties(document: Any) -> Element:
    """The w:docDefaults/w:rPrDefault/w:rPr of the styles part (created if missing)."""
    styles = document.styles.element
    r_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    return r_pr
