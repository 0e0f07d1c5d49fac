from __future__ import annotations

from klynge.export.html import render_html
from klynge.model import Meeting


def test_html_escapes_and_structures(meeting: Meeting) -> None:
    from dataclasses import replace

    hostile = replace(meeting.items[0], title="Budget <script>alert(1)</script> & drift")
    html = render_html(replace(meeting, items=(hostile, *meeting.items[1:])), "minutes")
    assert "<script>alert" not in html
    assert "Budget &lt;script&gt;" in html
    assert html.count('<h2 class="item">') == 4
    assert "<li>Handleplan færdigbehandlingsdage 2024.pdf</li>" in html
    assert '<p class="closed">Lukket punkt</p>' in html
    assert '<html lang="da">' in html


def test_numbers_are_glued_to_the_word_before() -> None:
    from klynge.export.html import keep_numbers_off_line_starts

    out = str(keep_numbers_off_line_starts("senest den 15. oktober & mod 2034. Slut kl. 9.00"))
    assert '<span class="nw">den 15.</span> oktober' in out
    assert '<span class="nw">mod 2034.</span> Slut' in out
    assert "&amp;" in out and "kl. 9.00" in out
