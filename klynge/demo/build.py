"""Render the demo meetings with the exporters into `files/`: `python -m klynge.demo.build`.

The files are committed, so a machine without WeasyPrint's system libraries still has the PDFs.
Rebuilding gives the same bytes (DOCX dates are fixed to the meeting day); a test checks the Markdown
and HTML files against content.py.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from klynge.demo import FILES, SUFFIXES
from klynge.demo.content import DemoMeeting, meetings
from klynge.export.docx import render_docx
from klynge.export.html import render_html
from klynge.export.markdown import render_markdown
from klynge.interchange import from_interchange


def render(demo: DemoMeeting) -> bytes:
    """The file's bytes in the meeting's format."""
    meeting = from_interchange(demo.data, demo.filename)
    if demo.format == "md":
        return render_markdown(meeting, demo.kind).encode("utf-8")
    if demo.format == "html":
        return render_html(meeting, demo.kind).encode("utf-8")
    if demo.format == "docx":
        return _fixed_docx_dates(render_docx(meeting, demo.kind), demo.date)
    if demo.format == "pdf":
        from klynge.export.pdf import render_pdf

        return render_pdf(meeting, demo.kind)
    raise ValueError(f"{demo.filename}: ukendt format {demo.format}")


def render_text(demo: DemoMeeting) -> str:
    """The meeting as plain Markdown text, whatever the file's format (the store's document text)."""
    return render_markdown(from_interchange(demo.data, demo.filename), demo.kind)


def _fixed_docx_dates(data: bytes, date: dt.date) -> bytes:
    """Set the DOCX's created/modified stamps to the meeting day, so rebuilding changes less."""
    import docx

    document = docx.Document(io.BytesIO(data))
    stamp = dt.datetime(date.year, date.month, date.day, 12, 0)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.core_properties.last_modified_by = "Klynge"
    document.core_properties.author = "Klynge"
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip_times(out.getvalue(), stamp)


def _fixed_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the DOCX zip with fixed entry times: rebuilding the same meeting gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def build(target: Path = FILES) -> list[Path]:
    """Write every demo file into `target`, removing stale ones; returns the written paths."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = meetings()
    names = {m.filename for m in wanted}
    for old in target.iterdir():
        if old.suffix in SUFFIXES and old.name not in names:
            old.unlink()
    written = []
    for demo in wanted:
        path = target / demo.filename
        path.write_bytes(render(demo))
        written.append(path)
    return written


def main() -> int:
    paths = build(Path(sys.argv[1]) if len(sys.argv) > 1 else FILES)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} filer, {total / 1024:.0f} KB i alt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
