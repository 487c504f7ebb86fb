"""An independent reading of a Word file's text, for the no-loss tests: Python's `zipfile` and
`xml.etree`, not the importer's DocxReader. Every `w:t` of the body (`word/document.xml`:
paragraphs, table cells, text boxes), of the footnotes and of the endnotes, in document order.
Skipped, on purpose: `mc:Fallback` (the old-Word copy of what `mc:Choice` already holds, such as
a text box drawn twice), deleted text (`w:delText`, not a `w:t`), and page headers and footers
(page numbers, not the report's text).

Also writes small Word files by hand (the XML through `zipfile`), for fixtures with a table,
a text box or a footnote.
"""

from __future__ import annotations

import unicodedata
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def paragraphs(path: Path) -> dict[str, list[str]]:
    """The text of each outermost `w:p` of each part that exists, by part name."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for part in PARTS:
            if part in names:
                found[part] = _paragraphs(ET.fromstring(z.read(part)))
    return found


def _paragraphs(root: ET.Element) -> list[str]:
    out: list[str] = []

    def walk(element: ET.Element, texts: list[str] | None) -> None:
        if element.tag == f"{{{MC}}}Fallback":
            return
        if element.tag == f"{{{W}}}p" and texts is None:
            mine: list[str] = []
            for child in element:
                walk(child, mine)
            out.append("".join(mine))
            return
        if element.tag == f"{{{W}}}t" and texts is not None:
            texts.append(element.text or "")
        for child in element:
            walk(child, texts)

    walk(root, None)
    return out


def comparable(text: str) -> str:
    """What the no-loss check compares: letters, digits and Chinese characters after NFKC
    (full-width forms and Kangxi radicals made ordinary, as the importer may), no spaces or
    punctuation (the importer may repair those)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def first_missing(needle: str, haystack: str) -> int | None:
    """The index in `needle` of the first character not found, in order, in `haystack`; None
    when `needle` is a subsequence of `haystack`."""
    position = 0
    for index, ch in enumerate(needle):
        position = haystack.find(ch, position)
        if position < 0:
            return index
        position += 1
    return None


# --------------------------------------------------------------------------
# Writing a .docx by hand

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""

NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')


def p(text: str) -> str:
    """One paragraph of one run."""
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{p(c)}</w:tc>" for c in row) + "</w:tr>"
                    for row in rows)
    return f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>{cells}</w:tbl>"


def text_box(text: str) -> str:
    """A paragraph holding a text box as Word 2010+ writes it: the shape in mc:Choice, the same
    text again in the VML of mc:Fallback."""
    return ("<w:p><w:r><mc:AlternateContent>"
            f"<mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>{p(text)}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{p(text)}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>")


def footnoted(text: str, after: str) -> str:
    """A paragraph `text` with a reference to footnote 1, then `after`."""
    return (f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
            f'<w:r><w:t xml:space="preserve">{after}</w:t></w:r></w:p>')


def write_docx(path: Path, body: list[str], footnotes: list[str] = ()) -> Path:
    """A .docx at `path` whose body is the given XML blocks and whose footnote 1, 2 … are
    `footnotes`. Fixed timestamps: the same arguments give the same bytes."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NAMESPACES}><w:body>'
                + "".join(body) + "<w:sectPr/></w:body></w:document>")
    notes = "".join(f'<w:footnote w:id="{i}">{p(text)}</w:footnote>' for i, text in enumerate(footnotes, start=1))
    footnotes_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NAMESPACES}>'
                     '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                     '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                     + notes + "</w:footnotes>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/_rels/document.xml.rels", DOCUMENT_RELS),
                           ("word/document.xml", document), ("word/footnotes.xml", footnotes_xml)):
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    return path
