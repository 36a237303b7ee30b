"""HTML reports: the main text only (trafilatura), one block per paragraph, without navigation."""

from __future__ import annotations

from casewatch.document import Document
from casewatch.ingest.source import Source, clean_title, language_code, normalise_newlines, quiet

#: elements removed before extraction: navigation and page furniture, never report text
BOILERPLATE = (
    "nav",
    "footer",
    "aside",
    "menu",
    "form",
    "script",
    "style",
    "noscript",
    "button",
    "iframe",
    "template",
    "select",
)
#: <header> is boilerplate only outside the article itself
ARTICLE = ("article", "main")


def read(source: Source) -> list[Document]:
    """One Document from an .html file."""
    import trafilatura
    from lxml import etree

    with quiet("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        tree = trafilatura.load_html(source.raw)
        if tree is None:
            raise source.error("not an HTML page (cannot parse it)")
        page_title = clean_title(tree.findtext(".//title"))
        language = language_code(tree.get("lang"))
        _drop_boilerplate(tree)
        metadata = trafilatura.extract_metadata(tree)
        xml = trafilatura.extract(
            tree,
            output_format="xml",
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            with_metadata=False,
        )
    text = ""
    if xml:
        body = etree.fromstring(xml.encode()).find("main")
        text = "\n\n".join(block for block in map(_block_text, body if body is not None else []) if block)
    text = normalise_newlines(text).strip()
    if not any(ch.isalnum() for ch in text):
        raise source.error("no main text found in the HTML page")
    title = clean_title(getattr(metadata, "title", None)) or page_title
    return [
        Document(
            path=source.path, raw=source.raw, text=text, format=source.format, title=title, language=language
        )
    ]


def _drop_boilerplate(tree) -> None:
    for element in list(tree.iter(*BOILERPLATE, "header")):
        if element.tag == "header" and any(a.tag in ARTICLE for a in element.iterancestors()):
            continue
        if element.getparent() is not None:
            element.drop_tree()


def _block_text(element) -> str:
    """The text of one extracted block: lists one item a line, tables one row a line."""
    if element.tag == "list":
        return "\n".join(t for t in (_block_text(item) for item in element) if t)
    if element.tag == "table":
        rows = (" | ".join(_inline(cell).strip() for cell in row) for row in element.iter("row"))
        return "\n".join(row for row in rows if row.strip(" |"))
    return _inline(element).strip()


def _inline(element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
