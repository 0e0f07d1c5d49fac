"""Parse and ingest speed (issue 2): pages/s for parse and ingest of a 30-page PDF and a DOCX,
next to bare pypdfium2 text extraction of the same PDF; then documents/s for ingesting 1,000 documents.

    .venv/bin/python bench/ingest.py [--docs 1000]

Needs WeasyPrint's system libraries to build the PDF. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from klynge.pipeline import parse
from tests.builders import Heading, Para, make_docx, make_pdf

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
TOPICS = [
    "genindlæggelser af ældre medicinske patienter",
    "færdigbehandlingsdage i psykiatrien",
    "IV-behandling i eget hjem",
    "sårbare gravide",
    "rygestop for borgere med psykiske lidelser",
    "telemedicin til borgere med KOL",
    "palliation og livets afslutning",
    "akutfunktioner",
]


def synthetic_minutes(n_items: int) -> list[tuple[str, str]]:
    """(kind, text) paragraphs of a long synthetic Referat in the genre."""
    out: list[tuple[str, str]] = [
        ("h1", "Referat af møde i Klyngestyregruppen for Nordklyngen"),
        ("p", "Tid: 12. marts 2024 kl. 9.00-15.00"),
        ("p", "Sted: Mødelokale 2, Nordby Rådhus"),
    ]
    for i in range(1, n_items + 1):
        topic = TOPICS[i % len(TOPICS)]
        out.append(("h2", f"{i}. Status på {topic} (kl. 9.{i % 6}0-9.{i % 6}5) v/Anna Holm"))
        out.append(("h3", "Indstilling"))
        out.append(("p", f"Det indstilles, at klyngestyregruppen drøfter status på {topic}."))
        out.append(("h3", "Sagsfremstilling"))
        for k in range(6):
            out.append(("p", f"Arbejdet med {topic} er fortsat i {k + 2} kommuner. " * 6))
        out.append(("h3", "Referat"))
        out.append(("p", f"Klyngestyregruppen drøftede {topic}. Sekretariatet udsender et notat."))
        out.append(("h3", "Beslutning"))
        out.append(("p", "Indstillingen blev godkendt."))
    return out


def as_html(paragraphs: list[tuple[str, str]]) -> str:
    import html

    return "".join(f"<{k}>{html.escape(t)}</{k}>" for k, t in paragraphs)


def as_docx(paragraphs: list[tuple[str, str]]) -> list[Heading | Para]:
    return [Heading(t, int(k[1])) if k.startswith("h") else Para(t) for k, t in paragraphs]


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bare_pdf_text(data: bytes) -> None:
    pdf = pdfium.PdfDocument(data)
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()

    paragraphs = synthetic_minutes(40)
    pdf = make_pdf(as_html(paragraphs), header="Klyngestyregruppen Nordklyngen", page_numbers=True)
    pages = len(pdfium.PdfDocument(pdf))
    docx = make_docx(as_docx(paragraphs))
    bare = best_of(5, lambda: bare_pdf_text(pdf))
    t_pdf = best_of(5, lambda: parse(pdf, "bench.pdf"))
    t_docx = best_of(5, lambda: parse(docx, "bench.docx"))
    print(f"PDF: {pages} pages, {len(pdf) / 1024:.0f} KiB")
    print(f"  bare pypdfium2 text:   {bare * 1000:8.1f} ms  {pages / bare:8.1f} pages/s")
    print(
        f"  klynge parse:          {t_pdf * 1000:8.1f} ms  {pages / t_pdf:8.1f} pages/s"
        f"  ({t_pdf / bare:.2f}x bare extraction)"
    )
    print(f"DOCX ({pages} pages' worth): parse {t_docx * 1000:.1f} ms  {pages / t_docx:.1f} pages/s")

    from klynge.store.db import open_store
    from klynge.store.repo import ingest_bytes

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        ingest_bytes(store, pdf, "bench.pdf")
        t_ing = time.perf_counter() - t0
        print(f"  klynge ingest (PDF):   {t_ing * 1000:8.1f} ms  {pages / t_ing:8.1f} pages/s")

        # Distinct documents (content hash), built before timing: mostly DOCX, every 20th a PDF.
        corpus = []
        for i in range(args.docs):
            paras = [*synthetic_minutes(6 + i % 5), ("p", f"Mødenummer {i}")]
            day = dt.date(2015, 1, 1) + dt.timedelta(days=3 * i)  # distinct meetings, not versions of one
            paras[1] = ("p", f"Tid: {day.day}. {MONTHS[day.month - 1]} {day.year} kl. 9.00-15.00")
            corpus.append(
                (f"møde-{i}.pdf", make_pdf(as_html(paras)))
                if i % 20 == 0
                else (f"møde-{i}.docx", make_docx(as_docx(paras)))
            )
        per_doc: list[float] = []
        t0 = time.perf_counter()
        for name, data in corpus:
            t1 = time.perf_counter()
            ingest_bytes(store, data, name)
            per_doc.append(time.perf_counter() - t1)
        total = time.perf_counter() - t0
        print(
            f"Ingest of {args.docs} documents into SQLite, one process (ingest_bytes): {total:.1f} s, "
            f"{args.docs / total:.1f} documents/s (median {statistics.median(per_doc) * 1000:.1f} ms)"
        )
        # The same corpus through the command users run: `klynge ingest FOLDER` parses ahead in a
        # worker process while the main process stores; process start-up included.
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for name, data in corpus:
            (folder / name).write_bytes(data)
        klynge = Path(sys.executable).parent / "klynge"
        t0 = time.perf_counter()
        subprocess.run(
            [klynge, "ingest", folder, "--db", f"sqlite:///{tmp}/cli.db"], check=True, capture_output=True
        )
        total = time.perf_counter() - t0
        print(
            f"klynge ingest of the same {args.docs} files (fresh database): {total:.1f} s, "
            f"{args.docs / total:.1f} documents/s"
        )


if __name__ == "__main__":
    main()
