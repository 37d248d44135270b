"""Press releases by bodies the config lacks, and who speaks in them: the body that names itself as
the subject of its own sentences, not a capital the release names in passing; and a person beside
an institution ("the EU ..., with Kallas saying ...") speaks as herself. Every text here was
written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

_RELEASE = (
    "Press release: Close of the Valletta expert round\n\n"
    "No. 88/27 — Valletta, 3 March 2027\n\n"
    "Experts of the three sides met in Valletta on 2 and 3 March, after the round held in"
    " Ankara in February.\n\n"
    "The Ministry of Foreign and European Affairs notes that the experts agreed a timetable for"
    " the exchange of detained civilians and prisoners of war.\n\n"
    "The experts also reviewed the monitoring of the ceasefire line. The Ministry welcomes the"
    " readiness of the delegations to meet again before the summer.\n\n"
    '"Malta offers a quiet table and nothing more," Deputy Minister Clara Vella said after the'
    ' closing session. "The rest is up to them."\n'
)


def test_a_release_speaks_for_the_body_it_names_as_its_subject(extractor: Extractor) -> None:
    found = extractor.extract(_RELEASE)
    by_text = {s.text: s.actor_id for s in found.statements}
    body = next(a for a in found.new_actors if a.kind == "institution")
    assert body.name == "Ministry of Foreign and European Affairs"
    notes = next(t for t in by_text if t.startswith("The Ministry of Foreign and European"))
    welcomes = next(t for t in by_text if t.startswith("The Ministry welcomes"))
    assert by_text[notes] == by_text[welcomes] == body.id
    assert "turkey" not in by_text.values()  # Ankara is where a round was held, not the author


def test_a_quoted_sentence_in_a_release_is_only_its_speakers(extractor: Extractor) -> None:
    found = extractor.extract(_RELEASE).statements
    rows = [s for s in found if "The rest is up to them" in s.text]
    assert [(s.kind, s.text) for s in rows] == [("direct", "The rest is up to them.")]


_SCENE = "The peace talks in Valletta ended on Friday without a date for the next round.\n\n"


def test_the_name_in_an_absolute_phrase_speaks(extractor: Extractor) -> None:
    text = (
        _SCENE + "The European Union sounded a familiar note on sanctions in Valletta, with Kaja"
        ' Kallas saying the next package "is ready to go" once the round ends.'
    )
    found = extractor.extract(text).statements
    assert found
    assert {s.actor_id for s in found} == {"kallas"}
