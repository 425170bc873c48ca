"""The package around the document: a template's content type, the thumbnail, and the core and
custom document properties (docProps/core.xml, docProps/custom.xml).

Custom text properties hold what narrator remembers between runs (the key map of
narrator.word.markers, the content hash of narrator.word.guard, the comments offered): each is
cut into slices ``name:000``, ``name:001``, ... of at most 255 characters, since Word truncates
longer text properties.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from narrator.word.wordxml import Element

PROPERTY_SLICE = 255
"""The longest text a custom property slice holds (Word truncates longer ones)."""

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


_CONTENT_TYPES = "[Content_Types].xml"


def template_as_document(data: bytes) -> bytes:
    """A Word template package (.dotx) as a document package (.docx): the same parts, with
    the main part's content type that of a document, which python-docx insists on. Anything
    else (a .docx, or bytes that are not a Word package) is returned unchanged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read(_CONTENT_TYPES).decode("utf-8")
            if _TEMPLATE_MAIN not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_:
                for info in package.infolist():
                    content = package.read(info.filename)
                    if info.filename == _CONTENT_TYPES:
                        content = types.replace(_TEMPLATE_MAIN, CT.WML_DOCUMENT_MAIN).encode()
                    copy_.writestr(info, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return data


def drop_thumbnail(document: Any) -> None:
    """Remove the package's thumbnail picture (python-docx's default template has a stale one)."""
    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rel_id]


_LEGACY_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)


def adopt_core_properties(document: Any) -> None:
    """Make python-docx use a core-properties part saved under the relationship type LibreOffice
    writes (``officedocument/...``, lower-case d); without this it adds a second
    docProps/core.xml and the saved package holds the name twice."""
    for rel in document.part.package.rels.values():
        if rel.reltype == _LEGACY_CORE_PROPERTIES and not rel.is_external:
            rel._reltype = RT.CORE_PROPERTIES  # python-docx has no setter


def write_text_property(document: Any, name: str, text: str) -> None:
    """Store `text` in the custom properties as `name:000`, `name:001`, ... (slices of at most
    255 characters), replacing earlier slices of `name`; empty text removes them."""
    part = _custom_properties_part(document)
    root = parse_xml(part.blob) if part is not None else _empty_custom_properties()
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        if _slice_index(prop.get("name", ""), name) is not None:
            root.remove(prop)
    pids = (p.get("pid", "1") for p in root)  # a property edited by hand may have any pid
    pid = 1 + max((int(v) for v in pids if v.isdigit()), default=1)
    slices = [text[i : i + PROPERTY_SLICE] for i in range(0, len(text), PROPERTY_SLICE)]
    for index, value in enumerate(slices):
        root.append(_text_property(f"{name}:{index:03d}", value, pid + index))
    blob = _serialize(root)
    if part is None:
        new_part = Part(
            PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, document.part.package
        )
        document.part.package.relate_to(new_part, RT.CUSTOM_PROPERTIES)
    else:
        part._blob = blob  # a generic Part holds its bytes; python-docx has no setter


def read_text_property(document: Any, name: str) -> str | None:
    """The text stored by write_text_property under `name`; None when there is none."""
    part = _custom_properties_part(document)
    if part is None:
        return None
    slices: list[tuple[int, str]] = []
    for prop in parse_xml(part.blob).findall(f"{{{_CUSTOM_NS}}}property"):
        index = _slice_index(prop.get("name", ""), name)
        if index is not None:
            slices.append((index, "".join(prop.itertext())))
    return "".join(value for _, value in sorted(slices)) if slices else None


def _slice_index(property_name: str, name: str) -> int | None:
    """3 from "narrator:keys:003" when `name` is "narrator:keys"; None for other properties."""
    index = property_name.removeprefix(f"{name}:")
    return int(index) if property_name.startswith(f"{name}:") and index.isdigit() else None


def _custom_properties_part(document: Any) -> Any:
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            return rel.target_part
    return None


def _empty_custom_properties() -> Element:
    return parse_xml(f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"/>')


def _text_property(name: str, value: str, pid: int) -> Element:
    prop = parse_xml(
        f'<property xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}" fmtid="{_CUSTOM_FMTID}" '
        f'pid="{pid}" name="{name}"><vt:lpwstr/></property>'
    )
    prop[0].text = value
    return prop


def _serialize(element: Element) -> bytes:
    return bytes(serialize_part_xml(element))
