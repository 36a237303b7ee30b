"""PDF reports: the text layer (pypdf), pages separated by a blank line; scanned PDFs are refused."""

from __future__ import annotations

from io import BytesIO

from casewatch.document import Document
from casewatch.errors import ReaderError
from casewatch.ingest.source import Source, clean_title, describe, language_code, normalise_newlines, quiet

#: a PDF with more pages is refused rather than read for minutes
MAX_PAGES = 2000


def read(source: Source) -> list[Document]:
    """One Document from a .pdf file."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in source.raw[:1024]:
        raise source.error("not a PDF file (no %PDF header)")
    with quiet("pypdf"):
        try:
            reader = PdfReader(BytesIO(source.raw), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise source.error("encrypted PDF; remove the password first")
            count = len(reader.pages)
        except ReaderError:
            raise
        except DependencyError:
            raise source.error("encrypted PDF; install 'cryptography' to read AES-encrypted PDFs") from None
        except Exception as exc:
            raise source.error(f"corrupt or unreadable PDF ({describe(exc)})") from exc
        if count == 0:
            raise source.error("PDF has no pages")
        if count > MAX_PAGES:
            raise source.error(f"PDF has {count} pages; the limit is {MAX_PAGES}")
        pages, unreadable, failure = [], [], None
        for number in range(count):
            try:
                pages.append(reader.pages[number].extract_text() or "")
            except Exception as exc:  # one broken page does not lose the rest of the report
                unreadable.append(str(number + 1))
                failure = failure or exc
        if len(unreadable) == count:
            raise source.error(f"cannot read any page of the PDF ({describe(failure)})")
        title, language = _metadata(reader)
    text = "\n\n".join(page for page in (normalise_newlines(p).strip() for p in pages) if page)
    meta = {"pages": str(count)}
    if unreadable:
        meta["unreadable_pages"] = ",".join(unreadable)
    if not any(ch.isalnum() for ch in text):
        raise source.error("no text layer (scanned?); run OCR first")
    return [
        Document(
            path=source.path,
            raw=source.raw,
            text=text,
            format=source.format,
            title=title,
            language=language,
            meta=meta,
        )
    ]


def _metadata(reader) -> tuple[str | None, str | None]:
    """Title from the document information, language from the catalogue's /Lang, when present."""
    try:
        title = clean_title(reader.metadata.title if reader.metadata else None)
    except Exception:
        title = None
    try:
        language = language_code(str(reader.trailer["/Root"].get("/Lang", "")))
    except Exception:
        language = None
    return title, language
