"""`klynge meeting new|status|publish|reopen|history|delete` and `klynge export`, as a user runs them."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from builders import written_meeting

from klynge.interchange import answer_key, to_interchange
from klynge.pipeline import parse

Run = Callable[..., subprocess.CompletedProcess[str]]

SCORE_PY = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def _score() -> ModuleType | None:
    if not SCORE_PY.exists():
        return None
    spec = importlib.util.spec_from_file_location("klynge_eval_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def minutes() -> dict[str, Any]:
    data = written_meeting()
    data["items"][0]["decision"] = "Dagsordenen blev godkendt."
    data["items"][1]["minutes"] = "Anders Holm gennemgik udviklingen i genindlæggelser."
    data["items"][1]["decision"] = "Styregruppen tog orienteringen til efterretning."
    data["items"][1]["attachments"] = ["Notat om genindlæggelser 2026"]
    data["actions"] = [{"owner": "Anders Holm", "task": "udarbejde en handleplan", "due": "2027-04-30"}]
    return data


def new(klynge: Run, path: Path, db: str, *args: str) -> int:
    res = klynge("meeting", "new", path, *args, db=db)
    assert res.returncode == 0, res.stderr
    return int(res.stdout.strip().splitlines()[-1])


def test_new_publish_export_round_trip(klynge: Run, sqlite_url: str, tmp_path: Path) -> None:
    source = tmp_path / "møde.json"
    data = minutes()
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    mid = new(klynge, source, sqlite_url)
    assert klynge("meeting", "status", mid, db=sqlite_url).stdout.startswith("minutes_draft")
    # Unpublished: the public search does not find it yet.
    assert json.loads(klynge("search", "genindlæggelser", "--json", db=sqlite_url).stdout)["total"] == 0
    res = klynge("meeting", "publish", mid, db=sqlite_url)
    assert res.returncode == 0 and "version 1" in res.stdout
    assert json.loads(klynge("search", "genindlæggelser", "--json", db=sqlite_url).stdout)["total"] >= 1

    stored = json.loads(klynge("show", mid, "--json", db=sqlite_url).stdout)
    score = _score()
    for fmt in ("docx", "pdf", "md"):
        out = tmp_path / f"referat.{fmt}"
        res = klynge("export", mid, "--format", fmt, "-o", out, db=sqlite_url)
        assert res.returncode == 0, res.stderr
        back = to_interchange(parse(out.read_bytes(), out.name))
        assert [(i["number"], i["title"]) for i in back["items"]] == [
            (i["number"], i["title"]) for i in data["items"]
        ]
        assert back["meeting"]["date"] == "2027-03-18" and back["meeting"]["start"] == "09:00"
        assert [i["decision"] for i in back["items"]][:2] == [i.get("decision") for i in data["items"]][:2]
        assert back["items"][1]["attachments"] == ["Notat om genindlæggelser 2026"]
        if score is not None:
            result = score.score_doc(answer_key(stored), back)
            assert result["score"] == pytest.approx(1.0, abs=0.01), (
                fmt,
                result,
                back["actions"],
                stored["actions"],
            )

    public = tmp_path / "offentlig.md"
    assert klynge("export", mid, "-f", "md", "-o", public, "--public", db=sqlite_url).returncode == 0
    assert "blåbærkage" not in public.read_text() and "Personalesag" not in public.read_text()
    assert "blåbærkage" in (tmp_path / "referat.md").read_text()

    history = json.loads(klynge("meeting", "history", mid, "--json", db=sqlite_url).stdout)
    assert [h["change"] for h in history] == ["create", "publish"]


def test_yaml_status_reopen_and_errors(klynge: Run, sqlite_url: str, tmp_path: Path) -> None:
    source = tmp_path / "dagsorden.yaml"
    source.write_text(yaml.safe_dump(written_meeting(), allow_unicode=True), encoding="utf-8")
    mid = new(klynge, source, sqlite_url, "--by", "Sekretariatet")
    assert klynge("meeting", "status", mid, db=sqlite_url).stdout.startswith("draft_agenda")
    assert "agenda_sent" in klynge("meeting", "status", mid, "next", db=sqlite_url).stdout
    assert klynge("meeting", "publish", mid, db=sqlite_url).returncode == 0
    again = klynge("meeting", "publish", mid, db=sqlite_url)
    assert again.returncode == 1 and again.stderr.startswith("fejl: ") and "allerede" in again.stderr
    assert klynge("meeting", "reopen", mid, db=sqlite_url).returncode == 0
    assert "version 2" in klynge("meeting", "publish", mid, db=sqlite_url).stdout
    history = json.loads(klynge("meeting", "history", mid, "--json", db=sqlite_url).stdout)
    assert history[0]["by"] == "Sekretariatet"

    for text, expected in (
        ("[1, 2]", "forventer et objekt"),
        ('{"meeting": {"forum": "X"}, "items": "nej"}', "items"),
        ("meeting: [unclosed", "hverken gyldig JSON eller YAML"),
        ('{"meeting": {"date": "2027-01-01"}, "items": []}', "forum"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(text, encoding="utf-8")
        res = klynge("meeting", "new", bad, db=sqlite_url)
        assert res.returncode == 1 and expected in res.stderr and "Traceback" not in res.stderr, res.stderr
    missing = klynge("export", 999, "-f", "docx", "-o", tmp_path / "x.docx", db=sqlite_url)
    assert missing.returncode == 1 and "999" in missing.stderr and not (tmp_path / "x.docx").exists()
    wrong = klynge("export", mid, "-f", "odt", "-o", tmp_path / "x.odt", db=sqlite_url)
    assert wrong.returncode == 1 and "odt" in wrong.stderr
    # Nothing of the failed attempts was stored: still one meeting.
    assert "møde 2" not in klynge("meeting", "status", 2, db=sqlite_url).stdout


PERSONAL = ("21.34.56.78", "21345678", "anne.madsen@nordby.dk", "010203 1234", "0102031234", "21-34-5678")


def test_public_export_masks_personal_data_in_every_format(
    klynge: Run, sqlite_url: str, tmp_path: Path
) -> None:
    """Issue 22, finding 6: `export --public` masks the model before any layout; the operator's own
    export keeps the text as written."""
    import re
    import zipfile

    from klynge.read import read_document

    data = minutes()
    data["meeting"]["location"] = "Mødelokale 2, tlf. 21-34-5678"
    data["items"][1]["title"] = "Genindlæggelser, kontakt anne.madsen@nordby.dk"
    data["items"][1]["case_text"] = (
        "Kontakt Anne Madsen på tlf. 21.34.56.78 eller anne.madsen@nordby.dk; borgerens CPR "
        "010203 1234 og 0102031234, vagt 21-34-5678. Mobil 21345678 og tlf. 21 34 56 78."
    )
    data["actions"] = [{"owner": "Anders Holm", "task": "ringe til 21345678", "due": "2027-04-30"}]
    source = tmp_path / "møde.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    mid = new(klynge, source, sqlite_url)
    assert klynge("meeting", "publish", mid, db=sqlite_url).returncode == 0
    for fmt in ("md", "html", "docx", "pdf"):
        out = tmp_path / f"offentlig.{fmt}"
        res = klynge("export", mid, "-f", fmt, "-o", out, "--public", db=sqlite_url)
        assert res.returncode == 0, res.stderr
        texts = [read_document(out.read_bytes(), out.name).text]
        if fmt == "docx":
            with zipfile.ZipFile(out) as z:
                texts += [
                    re.sub(r"<[^>]+>", "", z.read(n).decode()) for n in z.namelist() if n.endswith(".xml")
                ]
        else:
            texts.append(re.sub(r"<[^>]+>", "", out.read_bytes().decode("utf-8", errors="replace")))
        for text in texts:
            for number in (*PERSONAL, "21 34 56 78"):
                assert number not in text, (fmt, number)
        assert "[telefon]" in texts[0] and "[cpr]" in texts[0] and "[e-mail]" in texts[0], fmt
    own = tmp_path / "eget.md"
    assert klynge("export", mid, "-f", "md", "-o", own, db=sqlite_url).returncode == 0
    assert "21.34.56.78" in own.read_text() and "anne.madsen@nordby.dk" in own.read_text()
