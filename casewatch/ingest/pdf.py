"""PDF reports: the text layer (pypdf), pages separated by a blank line; scanned PDFs are refused.

A PDF's streams are compressed, and a few kilobytes can unpack to gigabytes: pypdf is run with tight
decompression limits, and the text is capped page by page while it is read.
"""

from __future__ import annotations

from io import BytesIO

from casewatch.document import Document
from casewatch.errors import ReaderError
from casewatch.ingest.source import Source, clean_title, describe, language_code, normalise_newlines, quiet
from casewatch.settings import max_report_chars, too_long

#: a PDF with more pages is refused rather than read for minutes
MAX_PAGES = 2000
#: the text of one page: a dense page holds about 5,000 characters
MAX_PAGE_CHARS = 200_000
#: the most one stream may unpack to (a page's content or a font): pypdf's default is 75 MB
MAX_STREAM_BYTES = 16 * 1024 * 1024
#: pypdf's limits while reading a report (see pypdf.Configuration): every decompression filter is capped
PYPDF_LIMITS = {
    "maximum_declared_stream_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "image_maximum_buffer_size": MAX_STREAM_BYTES,
    "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    "xfa_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    "jbig2dec_binary": None,  # no external program runs on a report's images
}


def read(source: Source) -> list[Document]:
    """One Document from a .pdf file."""
    from pypdf import apply_configuration

    if b"%PDF-" not in source.raw[:1024]:
        raise source.error("not a PDF file (no %PDF header)")
    with quiet("pypdf"), apply_configuration(**PYPDF_LIMITS):
        return _read(source)


def _read(source: Source) -> list[Document]:
    """The Document of a PDF, read under pypdf's limits."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        reader = PdfReader(BytesIO(source.raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise source.error("encrypted PDF; remove the password first")
        count = len(reader.pages)
    except ReaderError:
        raise
    except DependencyError:
        raise source.error("encrypted PDF; install 'cryptography' to read AES-encrypted PDFs") from None
    except LimitReachedError as exc:
        raise source.error(f"the PDF unpacks to more than pypdf's limits allow ({describe(exc)})") from None
    except Exception as exc:
        raise source.error(f"corrupt or unreadable PDF ({describe(exc)})") from exc
    if count == 0:
        raise source.error("PDF has no pages")
    if count > MAX_PAGES:
        raise source.error(f"PDF has {count} pages; the limit is {MAX_PAGES}")
    pages, unreadable, failure = [], [], None
    limit, total = max_report_chars(), 0
    for number in range(count):
        try:
            page = reader.pages[number].extract_text() or ""
        except LimitReachedError as exc:  # a crafted stream, not a broken page: the whole file is refused
            raise source.error(
                f"page {number + 1} unpacks to more than pypdf's limits allow ({describe(exc)})"
            ) from None
        except Exception as exc:  # one broken page does not lose the rest of the report
            unreadable.append(str(number + 1))
            failure = failure or exc
            continue
        if len(page) > MAX_PAGE_CHARS:
            raise source.error(
                f"page {number + 1} has {len(page):,} characters of text (the limit is {MAX_PAGE_CHARS:,})"
            )
        total += len(page) + 2
        if total > limit:
            raise source.error(too_long(limit))
        pages.append(page)
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
