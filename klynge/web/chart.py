"""Server-side SVG bar charts: counts per quarter, stacked by forum; readable without JavaScript."""

from __future__ import annotations

from html import escape

from klynge.web.queries.stats import Series

PALETTE = ["#173f5f", "#b35c00", "#1f7a72", "#a4262c", "#5b7fb5", "#6b4c9a", "#2f6f3e", "#7a5c3c"]
"""Dark enough for 3:1 against white (graphics contrast, WCAG 1.4.11)."""


def bar_chart(series: Series, width: int = 760, height: int = 260) -> str:
    """One stacked bar per quarter; a <title> on every bar part for exact numbers on hover."""
    quarters = series.quarters
    totals = series.totals()
    top = max(totals, default=0) or 1
    left, bottom, right, head = 40, 40, 10, 10
    plot_w, plot_h = width - left - right, height - bottom - head
    slot = plot_w / max(len(quarters), 1)
    bar_w = min(48.0, max(4.0, slot * 0.7))
    fora = list(series.by_forum)
    base_y = head + plot_h
    chart_id = "chart-" + escape(_slug(series.measure))
    colour = {f: PALETTE[i % len(PALETTE)] for i, f in enumerate(fora)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}">',
        f'<title id="{chart_id}">{escape(series.measure)} pr. kvartal</title>',
        f'<line x1="{left}" y1="{base_y}" x2="{width - right}" y2="{base_y}" stroke="#4f4f4f"/>',
    ]
    for tick in _ticks(top):
        y = head + plot_h - tick / top * plot_h
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e1e5e9"/>')
        text = f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#4f4f4f">'
        out.append(f"{text}{tick}</text>")
    label_every = max(1, len(quarters) // 12)
    for i, q in enumerate(quarters):
        x = left + i * slot + (slot - bar_w) / 2
        y = head + plot_h
        for f in fora:
            n = series.by_forum[f][i]
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour[f]}">'
                f"<title>{escape(f or 'Ukendt forum')}, {escape(q)}: {n}</title></rect>"
            )
        if i % label_every == 0:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{head + plot_h + 16}" text-anchor="middle" font-size="11" '
                f'fill="#1b1b1b">{escape(q)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def legend(series: Series) -> list[tuple[str, str]]:
    return [(f or "Ukendt forum", PALETTE[i % len(PALETTE)]) for i, f in enumerate(series.by_forum)]


def _ticks(top: int) -> list[int]:
    step = max(1, round(top / 4))
    return list(range(0, top + 1, step))


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower())
