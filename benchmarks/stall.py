"""Reports that try to stall casewatch: extraction time as the text grows, and readers on crafted files.

    .venv/bin/python benchmarks/stall.py [--sizes 100k,1m,10m] [--skip-files]

1. extraction time (CPU time) of `extract_document` (in-process, after a warm-up) on report text of each
   size, built by concatenating generated reports: as ordinary lines, and as one long line. The 10 MB text
   is over the default character cap, so the cap is lifted for these runs (the extractor is called
   directly). Each time is printed with its ratio to the size before; the bar is 12x for 10x the text
   (linear time, with room for a larger working set).
2. the readers on crafted files the benchmark writes itself (never committed): a .docx zip bomb, a .docx
   whose XML unpacks huge, a .pdf with a compressed stream that unpacks huge. Each is read in a child
   process and its peak memory (maximum resident set size) printed beside the baseline of a child that
   only imports the readers, with the one-line error and the time to refuse it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from generate_reports import generate_reports  # noqa: E402

from casewatch.document import Document  # noqa: E402
from casewatch.extract import extract_document  # noqa: E402
from casewatch.settings import MAX_REPORT_CHARS_ENV  # noqa: E402

#: the largest growth in time allowed for ten times the text
RATIO_BAR = 12.0
UNITS = {"k": 1000, "m": 1000_000}


def report_text(size: int, one_line: bool) -> str:
    """`size` characters of report text: 200 generated reports repeated, as lines or as one line."""
    reports = [text for _, text in generate_reports(200, seed=11)]
    if one_line:
        reports = [" ".join(text.split()) for text in reports]
    sep = " " if one_line else "\n\n"
    block = sep.join(reports)
    return (block + sep) * (size // (len(block) + len(sep))) + block[: size % (len(block) + len(sep))]


def extraction_times(sizes: list[int]) -> None:
    print("== extraction time (CPU seconds, in-process, one core; the character cap lifted)")
    os.environ[MAX_REPORT_CHARS_ENV] = str(max(sizes) * 2)
    warm = report_text(20_000, one_line=False)
    extract_document(Document(path="warm-up.txt", raw=b"", text=warm, format="txt"))
    for one_line in (False, True):
        label = "one long line" if one_line else "ordinary lines"
        previous: tuple[int, float] | None = None
        for size in sizes:
            text = report_text(size, one_line)
            doc = Document(path=f"{size}.txt", raw=b"", text=text, format="txt")
            start = time.process_time()  # CPU time: the figure does not depend on what else the machine runs
            record = extract_document(doc)
            elapsed = time.process_time() - start
            rate = len(text.split()) / elapsed
            line = (
                f"  {label:15} {_size(size):>7}  {elapsed:8.2f} s  {rate:9,.0f} words/s  "
                f"{len(record['persons'])} persons, {len(record['events'])} events"
            )
            if previous:
                ratio = elapsed / previous[1]
                bar = RATIO_BAR * size / previous[0] / 10
                verdict = "met" if ratio <= bar else "NOT met"
                line += f"  x{ratio:.1f} of {_size(previous[0])} (bar ≤ x{bar:g}: {verdict})"
            print(line)
            previous = (size, elapsed)


def _size(size: int) -> str:
    return f"{size / 1000_000:g} MB" if size >= 1000_000 else f"{size / 1000:g} KB"


# --- crafted files ---------------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("On 3 May 2023 police in Aktobe detained the blogger Kairat Ospanuly.")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with(name: str, chunks, replace: bool = False) -> bytes:
    """A .docx with an entry streamed from `chunks` (never whole in memory)."""
    out = BytesIO()
    base = docx_bytes()
    with zipfile.ZipFile(BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not (replace and info.filename == name):
                dst.writestr(info, src.read(info.filename))
        with dst.open(name, "w", force_zip64=True) as entry:
            for chunk in chunks:
                entry.write(chunk)
    return out.getvalue()


def zip_bomb() -> bytes:
    """1 GB of zeros as a picture: about 1 MB of .docx."""
    return docx_with("word/media/image1.png", (bytes(1 << 20) for _ in range(1024)))


def huge_xml() -> bytes:
    """A document.xml of 64 MB of paragraphs (64 million characters of text) in about 150 KB: under the
    archive's size limit, over the XML one."""
    run = b"<w:p><w:r><w:t>" + b"x" * 1000 + b"</w:t></w:r></w:p>"
    head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    body = (run * 1024 for _ in range(64))  # streamed: never all in memory here
    return docx_with("word/document.xml", itertools.chain([head], body, [b"</w:body></w:document>"]), True)


def pdf_bomb() -> bytes:
    """A one-page PDF whose content stream of drawing operators unpacks to 1 GB."""
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m\n" * 174_763  # about 1 MB
    data = b"".join(compressor.compress(chunk) for _ in range(1024)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


#: run in a child: read one file (or none); print the peak resident set size in KB, the time and the outcome
#: (VmHWM, the peak of this process's own memory: ru_maxrss would include the parent's at the fork)
CHILD = """
import re, resource, sys, time
from casewatch.ingest import read_path
import casewatch.ingest.docx, casewatch.ingest.pdf, docx, pypdf
start = time.process_time()
outcome = "-"
if len(sys.argv) > 1:
    try:
        docs = read_path(sys.argv[1])
        outcome = f"read: {sum(len(d.text) for d in docs):,} characters"
    except Exception as exc:
        outcome = str(exc).split(": ", 1)[-1]
try:
    with open("/proc/self/status") as status:
        peak = int(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, time.process_time() - start, outcome, sep="\\t")
"""


def child(path: str | None = None) -> tuple[int, float, str]:
    run = [sys.executable, "-c", CHILD, *([path] if path else [])]
    out = subprocess.run(run, capture_output=True, text=True, cwd=REPO, timeout=1800)
    if out.returncode:
        return 0, 0.0, f"child failed: {out.stderr.strip().splitlines()[-1:]}"
    peak, elapsed, outcome = out.stdout.strip().split("\t", 2)
    return int(peak), float(elapsed), outcome


def crafted_files() -> None:
    print("\n== readers on crafted files (each read in a child process)")
    baseline, _, _ = child()
    print(f"  baseline (readers imported)   peak {baseline / 1024:7.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (("zip-bomb.docx", zip_bomb), ("huge-xml.docx", huge_xml), ("bomb.pdf", pdf_bomb)):
            path = Path(tmp) / name
            path.write_bytes(make())
            peak, elapsed, outcome = child(str(path))
            print(
                f"  {name:14} {path.stat().st_size / 1024:7,.0f} KB  peak {peak / 1024:7.0f} MB "
                f"(+{(peak - baseline) / 1024:.0f} MB)  {elapsed:6.2f} s  {outcome}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m,10m", help="text sizes, e.g. 100k,1m,10m")
    parser.add_argument("--skip-files", action="store_true", help="only the extraction times")
    args = parser.parse_args()
    sizes = [int(float(s[:-1]) * UNITS[s[-1]]) if s[-1] in UNITS else int(s) for s in args.sizes.split(",")]
    extraction_times(sizes)
    if not args.skip_files:
        crafted_files()


if __name__ == "__main__":
    main()
