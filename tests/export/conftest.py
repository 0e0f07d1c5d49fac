"""A meeting written for the export tests, in interchange JSON (invented forum, people and cases)."""

from __future__ import annotations

from typing import Any

import pytest

from klynge.interchange import from_interchange
from klynge.model import Meeting

MEETING: dict[str, Any] = {
    "meeting": {
        "forum": "Klyngestyregruppen for Østerklyngen",
        "date": "2024-03-12",
        "start": "09:00",
        "end": "11:30",
        "location": "Mødelokale 2, Rådhuset, Torvet 1, 9990 Østerby",
        "chair": "Birte Ærø",
        "note_taker": "Søren Åby",
    },
    "participants": [
        {"name": "Birte Ærø", "organisation": "Østerby Kommune", "role": "sundhedschef (formand)"},
        {"name": "Søren Åby", "organisation": "Østerby Kommune", "role": "chefkonsulent"},
        {"name": "Jørgen Lykke", "organisation": "Hospitalsenhed Øst", "role": "cheflæge", "absent": True},
        {"name": "Maja Krogh", "organisation": "Hospitalsenhed Øst", "role": "sygeplejefaglig direktør"},
        {"name": "Ida Brøndum", "organisation": "Almen praksis", "role": "praksiskoordinator"},
        {"name": "Lars Fjelstrup", "organisation": "Dansk Sygeplejeråd", "role": "konsulent", "guest": True},
    ],
    "items": [
        {
            "number": "1",
            "title": "Godkendelse af dagsorden",
            "time": "09:00-09:10",
            "presenter": "Birte Ærø",
            "case_number": "1-52-100-3-24",
            "recommendation": "at dagsordenen godkendes",
            "case_text": "Formanden byder velkommen og gennemgår dagsordenen.",
            "minutes": "Formanden bød velkommen, særligt til Ida Brøndum.",
            "decision": "Dagsordenen blev godkendt.",
            "attachments": [],
        },
        {
            "number": "2",
            "title": "Færdigbehandlingsdage og genindlæggelser æøå ÆØÅ",
            "time": "09:10-09:50",
            "presenter": "Maja Krogh",
            "case_number": "1-52-100-4-24",
            "recommendation": "at styregruppen drøfter udviklingen\n"
            "at styregruppen godkender den fælles handleplan",
            "case_text": "Antallet af færdigbehandlingsdage er steget i 2023.\n"
            "- Medicinsk afdeling: 412 dage\n- Kirurgisk afdeling: 118 dage\n"
            "Sekretariatet har udarbejdet et udkast til handleplan.",
            "minutes": "Styregruppen drøftede udviklingen. Søren Åby er tovholder på handleplanen.",
            "decision": "Handleplanen blev godkendt.",
            "attachments": ["Handleplan færdigbehandlingsdage 2024.pdf", "Data for 2023 (regneark)"],
        },
        {
            "number": "3",
            "title": "Forhandling om fælles udbud af sygeplejeartikler",
            "time": "09:50-10:20",
            "presenter": None,
            "case_number": None,
            "recommendation": "at styregruppen tager orienteringen til efterretning",
            "case_text": "Orientering om forhandlingernes status.",
            "minutes": "Orienteringen blev drøftet.",
            "decision": "Orienteringen blev taget til efterretning.",
            "attachments": [],
            "confidential": True,
        },
        {
            "number": "4",
            "title": "Punkter til kommende møder",
            "time": "10:20-10:30",
            "presenter": "Birte Ærø",
            "case_number": None,
            "recommendation": "at styregruppen drøfter punkter til kommende møder",
            "case_text": None,
            "minutes": "Sårbare gravide og rygestop sættes på næste møde.",
            "decision": "Listen blev godkendt.",
            "attachments": [],
        },
    ],
    "actions": [{"owner": "Søren Åby", "task": "tovholder på handleplanen", "due": None}],
}


@pytest.fixture
def meeting_json() -> dict[str, Any]:
    return MEETING


@pytest.fixture
def meeting() -> Meeting:
    return from_interchange(MEETING)
