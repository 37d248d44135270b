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


_HOSTED = (
    "Communiqué on the close of the Tallinn round\n\n"
    "Press release No. 7/28 — Tallinn, 9 May 2028\n\n"
    "The delegations of the three sides met in Tallinn on 8 and 9 May at the invitation of"
    " Estonia.\n\n"
    "The Ministry of Regional Cooperation notes the steady progress of the talks on a ceasefire"
    " and on the exchange of prisoners of war.\n\n"
    '"A host lends the room and keeps the coffee warm," said His Excellency Mart Kask, Envoy for'
    " Regional Cooperation.\n"
)


def test_a_release_is_the_body_that_names_itself_not_the_delegations_that_met(
    extractor: Extractor,
) -> None:
    found = extractor.extract(_HOSTED)
    by_text = {s.text: s.actor_id for s in found.statements}
    notes = next(t for t in by_text if t.startswith("The Ministry of Regional Cooperation notes"))
    assert by_text[notes] == "ministry_of_regional_cooperation"
    assert "delegations" not in by_text.values()


def test_a_form_of_address_stands_between_an_inverted_verb_and_its_speaker(
    extractor: Extractor,
) -> None:
    found = extractor.extract(_HOSTED)
    quote = next(s for s in found.statements if s.text.startswith("A host lends"))
    assert quote.actor_id == "mart_kask"
    assert "Mart Kask" in {a.name for a in found.new_actors}


def test_a_sentence_quoting_someone_in_a_release_is_not_also_the_bodys(
    extractor: Extractor,
) -> None:
    found = extractor.extract(_HOSTED).statements
    rows = [s for s in found if "keeps the coffee warm" in s.text]
    assert [(s.kind, s.actor_id) for s in rows] == [("direct", "mart_kask")]


def test_a_releases_note_on_itself_and_a_reception_are_no_statements(
    extractor: Extractor,
) -> None:
    text = _HOSTED + (
        "\nThe heads of delegation were received by the Prime Minister at Kadriorg.\n"
        "\nThis communiqué is also available in Estonian.\n"
    )
    found = extractor.extract(text).statements
    assert not [s for s in found if s.text.startswith(("The heads of", "This communiqué"))]
