"""Who speaks when a sentence holds more than one clause: another speaker's clause after a quote,
appositives that follow each other, relative clauses with abbreviations. Every text here was
written for this test."""

from __future__ import annotations

import pytest

from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


def _one(extraction: Extraction, fragment: str, kind: str = "") -> Statement:
    found = [s for s in extraction.statements if fragment in s.text and kind in ("", s.kind)]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


def test_a_quote_before_another_speakers_clause_is_the_first_speakers(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        'Marco Rubio said the sanctions on Moscow would hold "until the last signature is dry",'
        " while EU foreign policy chief Kaja Kallas told reporters that Brussels would fund the"
        " logistics of any reassurance force."
    )
    assert _one(found, "until the last signature", "direct").actor_id == "rubio"


def test_a_relative_clause_with_an_abbreviation_stays_in_the_appositive(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Turkish President Recep Tayyip Erdogan, who sat on Monday between the Russian, Ukrainian"
        ' and U.S. negotiators, has said Turkey would host "every round the parties need" of'
        " the peace talks."
    )
    assert _one(found, "every round the parties need", "direct").actor_id == "erdogan"


def test_two_appositives_in_a_row_stand_between_the_speaker_and_the_verb(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rustem Umerov, head of Ukraine's security council, who leads the delegation, said the"
        " prisoner exchange could take place within a week."
    )
    assert _one(found, "prisoner exchange").actor_id == "umerov"


def test_a_speech_noun_before_a_verb_is_no_speaker(extractor: Extractor) -> None:
    found = extractor.extract(
        "An EU diplomat, speaking on condition of anonymity, said the Medvedev warning was"
        ' "meant for Warsaw far more than for Kyiv" as the ceasefire talks resumed.'
    )
    assert _one(found, "meant for Warsaw", "direct").actor_id == "anon_european_official"


def test_a_name_after_a_participle_and_a_title_is_no_subject(extractor: Extractor) -> None:
    found = extractor.extract(
        "A senior U.S. official travelling with special envoy Steve Witkoff said the delegation"
        ' expected "three hard days" of talks on the ceasefire.'
    )
    assert _one(found, "three hard days").actor_id == "anon_us_official"


def test_an_outlet_passing_on_an_attribution_is_not_the_speaker(extractor: Extractor) -> None:
    found = extractor.extract(
        "Ukraine will not hold elections before a ceasefire, President Volodymyr Zelensky said in"
        " his evening address, the Lviv Courier informs."
    )
    assert _one(found, "elections before a ceasefire").actor_id == "zelensky"


def test_a_clause_after_a_conjunction_is_no_sentence_final_attribution(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Putin's adviser Yuri Ushakov said on Monday that the ceasefire talks had stalled,"
        " though he described the mood as calm."
    )
    assert _one(found, "ceasefire talks had stalled").actor_id == "ushakov"


def test_a_quote_signed_with_a_platform_and_a_date(extractor: Extractor) -> None:
    found = extractor.extract(
        'Claim: "The ceasefire starts at midnight and the prisoners come home by Friday." -'
        " Donald Trump, Truth Social, May 2, 2026."
    )
    assert _one(found, "ceasefire starts at midnight").actor_id == "trump"


def test_a_name_with_a_hyphened_particle_is_a_new_actor(extractor: Extractor) -> None:
    found = extractor.extract(
        "Qatar's foreign ministry adviser Saud al-Mansouri, whose government hosted the round,"
        " said the delegations would meet again on the prisoner exchange within a month."
    )
    s = _one(found, "meet again")
    assert s.actor_id == "saud_al_mansouri"
    assert [a.name for a in found.new_actors if a.id == s.actor_id] == ["Saud al-Mansouri"]


def test_what_someone_told_the_speaker_is_the_speakers_account(extractor: Extractor) -> None:
    found = extractor.extract(
        "Zelensky spoke on the peace talks in Kyiv. He said Umerov had told him that the Russian"
        ' side had "once more put its old map on the table" in Geneva.'
    )
    assert {s.actor_id for s in found.statements} == {"zelensky"}


def test_a_place_before_a_noun_is_no_speaker(extractor: Extractor) -> None:
    found = extractor.extract(
        "Economist Olha Vasylenko of the independent Kyiv think tank Prostir said the"
        " reconstruction figures were optimistic."
    )
    assert [s.actor_id for s in found.statements] == ["olha_vasylenko"]


def test_an_aside_naming_the_source_does_not_hide_the_subject(extractor: Extractor) -> None:
    found = extractor.extract(
        "Secretary Rubio, according to the Ukrainian side, reaffirmed that Washington would not"
        " impose a peace deal on Ukraine."
    )
    assert [s.actor_id for s in found.statements] == ["rubio"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an appositive that is someone else's role: "the president's special envoy"
        (
            "Steve Witkoff, the president's special envoy, told reporters on Monday evening that"
            " more had moved on the energy truce in two days than in two months.",
            "witkoff",
        ),
        # "of the Finnish Ministry" after a name: where the speaker works, not a title
        (
            "State Secretary Aino Lehtola of the Finnish Ministry for Foreign Affairs said that"
            " the energy truce would be monitored from Helsinki.",
            "aino_lehtola",
        ),
        # a long object before the name a naming verb gives it
        (
            "The alliance's secretary-general, Mark Rutte, called the American offer of a"
            ' guarantee modelled on Article 5 "good news for Ukraine and for everyone at the'
            ' table."',
            "rutte",
        ),
    ],
)
def test_the_subject_past_a_role_an_affiliation_or_a_long_object(
    extractor: Extractor, text: str, speaker: str
) -> None:
    found = extractor.extract(text)
    assert found.statements, text
    assert {s.actor_id for s in found.statements} == {speaker}


def test_a_second_complement_keeps_its_speaker(extractor: Extractor) -> None:
    found = extractor.extract(
        'Lavrov told reporters that "the main questions of the peace talks remain open" and'
        ' that Moscow\'s position on the regions it claims "has not moved an inch since May."'
    )
    s = _one(found, "has not moved an inch", "direct")
    assert s.actor_id == "lavrov"


def test_a_participle_belongs_to_the_pronoun_subject_of_the_main_clause(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Senator Lindsey Graham spoke on the sanctions. He said he would keep the sanctions bill"
        ' ready until Moscow signed, adding that Rubio had told him that "the Russians still'
        ' want far more than they can ever get."'
    )
    s = _one(found, "far more than they can ever get", "direct")
    assert s.actor_id == "lindsey_graham"


def test_who_after_an_appositive_naming_a_body_is_the_person(extractor: Extractor) -> None:
    found = extractor.extract(
        "The claim about the elections was spread by Dmitry Medvedev, deputy chairman of"
        " Russia's Security Council, who wrote on Telegram that Kyiv \"would never dare to"
        ' hold a vote again."'
    )
    assert {s.actor_id for s in found.statements} == {"medvedev"}


@pytest.mark.parametrize("verb", ["reminded everyone", "underscored", "highlighted"])
def test_verbs_of_reminding_and_stressing_report_speech(extractor: Extractor, verb: str) -> None:
    found = extractor.extract(
        f"Donald Tusk {verb} that Russia had broken the last energy truce within a week."
    )
    assert [s.actor_id for s in found.statements] == ["tusk"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Kyiv and Moscow agreed to swap the remaining lists of detainees next week, Rustem"
            " Umerov, who heads the delegation, announced at the close of the round.",
            "umerov",
        ),
        (
            "Moscow wants every sanction lifted before any truce is signed, Sergei Lavrov, the"
            " Russian foreign minister, said.",
            "lavrov",
        ),
        (
            "The swap of detainees could begin within days, the Kremlin spokesman said, adding"
            " that the lists were ready.",
            "peskov",
        ),
        (
            "Kyiv will sign no ceasefire that freezes the front line, Volodymyr Zelensky told"
            " reporters.",
            "zelensky",
        ),
        (
            "The guarantees talks stalled over the size of the force, according to Marco Rubio.",
            "rubio",
        ),
    ],
)
def test_what_was_said_before_its_attribution_is_kept_with_it(
    extractor: Extractor, text: str, actor: str
) -> None:
    statement = _one(extractor.extract(text), "", "reported")
    assert (statement.text, statement.actor_id) == (text, actor)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a fragment in a second speaker's clause, after "and"
        (
            "Keir Starmer said Britain would lead the naval mission, and France's Emmanuel"
            ' Macron, speaking in Lyon, said any deployment needed "a firm ceasefire first".',
            "a firm ceasefire first",
            "macron",
        ),
        # ... after a semicolon, where the writer was told ("told us" is no told-back object)
        (
            "Marco Rubio's claim that a ceasefire would hold by June surprised Brussels; a"
            ' European diplomat told us the date was "wishful at best." Rubio said the ceasefire'
            " talks would go on.",
            "wishful at best",
            "anon_european_official",
        ),
        # not a name inside the reported words: the sentence's speaker keeps the fragment
        (
            "Volodymyr Zelensky said Ukraine would keep its positions, and that nobody had"
            ' asked Kyiv to give them up "on paper."',
            "on paper",
            "zelensky",
        ),
    ],
)
def test_a_fragment_belongs_to_the_speaker_of_its_clause(
    extractor: Extractor, text: str, fragment: str, speaker: str
) -> None:
    found = [s for s in extractor.extract(text).statements if fragment in s.text]
    assert found, [s.text for s in extractor.extract(text).statements]
    # the fragment's own row if it has one, else the sentence that carries it
    row = min(found, key=lambda s: len(s.text))
    assert row.actor_id == speaker


def test_a_role_and_title_words_before_a_name_are_the_name(extractor: Extractor) -> None:
    found = extractor.extract(
        "Negotiators agreed to swap 200 prisoners from each side in the peace talks, Russia's"
        " chief negotiator Oleg Vyazemtsev said, but the ceasefire question stayed open."
    )
    assert _one(found, "swap 200 prisoners").actor_id == "oleg_vyazemtsev"
