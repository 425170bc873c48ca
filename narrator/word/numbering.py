"""The body numbering list: the "Numbered Paragraph" style numbered "1.", "2.", ... by Word.

One ``w:abstractNum`` (decimal "%1.", hanging indent) and its ``w:num``, attached to the style
through the style's ``w:numPr`` and the level's ``w:pStyle``, so a paragraph given that style in
Word is numbered and the numbers follow; added to a template's numbering part beside its own
lists (the part is created if missing). Reading a reviewed report, the numbering in force on a
paragraph is found the way Word finds it (its own, else its style's, following ``w:basedOn``).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from narrator.word.wordxml import Element


def ensure_body_numbering(document: Any, style: Any, indent_twips: int = 567) -> int:
    """Make `style` (a paragraph style) numbered "1.", "2.", ... and return the w:numId it uses.

    If the style already points at a numbering instance that exists and whose first level is
    decimal, that list is kept (a template's own choice, or the list added by an earlier run).
    Otherwise a new abstractNum and num are added to the numbering part beside any lists already
    there, and the style's w:numPr is pointed at them. `indent_twips` is the hanging indent
    (567 twips = 1.0 cm).
    """
    numbering = _numbering_element(document)
    current = style_num_id(style.element)
    if current is not None and _is_decimal_list(numbering, current):
        return current
    abstract_id = 1 + max(_int_attrs(numbering, "w:abstractNum", "w:abstractNumId"), default=-1)
    num_id = 1 + max(_int_attrs(numbering, "w:num", "w:numId"), default=0)
    abstract = _abstract_num(abstract_id, style.style_id, indent_twips)
    existing_nums = numbering.findall(qn("w:num"))
    if existing_nums:
        existing_nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    return num_id


def style_num_id(style_element: Element) -> int | None:
    """The w:numId a style's own w:pPr/w:numPr names; None when the style sets no numbering."""
    values = style_element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return int(values[0]) if values else None


def _numbering_element(document: Any) -> Element:
    """The w:numbering root, creating word/numbering.xml when the template has none."""
    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        numbering_part = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
        )
        part.relate_to(numbering_part, RT.NUMBERING)
        return element


def _is_decimal_list(numbering: Element, num_id: int) -> bool:
    abstract_ids = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    if not abstract_ids:
        return False
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract_ids[0]}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
    )
    return bool(formats) and formats[0] == "decimal"


def _int_attrs(parent: Element, tag: str, attr: str) -> list[int]:
    return [int(v) for v in parent.xpath(f"./{tag}/@{attr}") if v.lstrip("-").isdigit()]


def _abstract_num(abstract_id: int, style_id: str, indent: int) -> Element:
    nsid = f"{zlib.crc32(f'narrator-body-{abstract_id}'.encode()):08X}"
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/>'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:name w:val="narrator body numbering"/>'
        '<w:lvl w:ilvl="0">'
        '<w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="{style_id}"/>'
        '<w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>'
        "</w:lvl>"
        "</w:abstractNum>"
    )


def paragraph_num_id(
    p_element: Element, style_num_ids: Mapping[str, int | None], default_style_id: str
) -> int | None:
    """The numbering instance in force on a paragraph: its own w:numPr, else its style's.

    `style_num_ids` maps style ids to their (inherited) numId; `default_style_id` is the style of
    a paragraph that names none. A numId of 0 means "numbering removed" and gives None, as does a
    paragraph with no numbering at all.
    """
    direct = p_element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if direct:
        value = int(direct[0])
    else:
        style_ids = p_element.xpath("./w:pPr/w:pStyle/@w:val")
        style_id = str(style_ids[0]) if style_ids else default_style_id
        value = style_num_ids.get(style_id) or 0
    return value or None


def style_num_ids(styles_element: Element) -> dict[str, int | None]:
    """Each paragraph style id -> the numId it applies, following w:basedOn; None if none."""
    own: dict[str, int | None] = {}
    based_on: dict[str, str] = {}
    for style in styles_element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        own[style_id] = style_num_id(style)
        parent = style.xpath("./w:basedOn/@w:val")
        if parent:
            based_on[style_id] = parent[0]
    resolved: dict[str, int | None] = {}
    for style_id in own:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and own.get(current) is None:
            seen.add(current)
            current = based_on.get(current)
        resolved[style_id] = own.get(current) if current is not None else None
    return resolved
