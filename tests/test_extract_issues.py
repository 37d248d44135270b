"""The issues stage: which issues a statement is about, from its own words and its context.
Every text here was written for this test."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from bot.config import Config
from bot.extract.actors import ActorIndex
from bot.extract.issues import IssueReader, IssueTagger
from bot.extract.statements import Extraction, Extractor
from bot.model import Statement


@pytest.fixture(scope="module")
def tagger(config: Config) -> IssueTagger:
    return IssueTagger(config.issues)


@pytest.fixture(scope="module")
def extractor(config: Config, tagger: IssueTagger) -> Extractor:
    return Extractor(
        ActorIndex(config.actors, config.media, config.language), tagger, config.language
    )


def _one(extraction: Extraction, fragment: str) -> Statement:
    found = [s for s in extraction.statements if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in extraction.statements]}"
    return found[0]


# --- terms: the longest one wins --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issues"),
    [
        # a meeting named after an alliance is a meeting, not the alliance
        ("On the margins of the NATO summit the envoys compared notes.", ("peace_plan",)),
        # a threat to troops, not a word on legitimacy
        ("Any such contingent would be a legitimate target.", ("security_guarantees",)),
        # the plant named after its region is the plant (energy), not the region's land
        ("Inspectors reached the Zaporizhzhia nuclear plant at dawn.", ("energy",)),
        ("On Zaporizhzhia, the nuclear plant would restart later.", ("energy",)),
        ("The nuclear reactors at Zaporizhzhia stay cold.", ("energy",)),
        ("Запорожская АЭС остановлена.", ("energy",)),
        # a country labelled by its alliance is a party to the talks, not Ukraine's membership
        ("Finland, a NATO member, offered to host the next round.", ("peace_plan",)),
        ("He called Denmark a village with a NATO badge.", ("peace_plan",)),
        ("Kyiv will not give up its hope to become a NATO member.", ("nato",)),
        ("Troops from NATO member states would be deployed.", ("nato", "security_guarantees")),
        ("Moscow says no honest broker sits in Geneva.", ("peace_plan",)),
        # a government department named after energy is an institution, not the issue
        ("Advisers from the Department of Energy joined the team.", ()),
        ("Experts from the Energy Department joined the team.", ()),
        # prisoners coming home is the exchange, whatever the verb; coffins and troops are not
        ("The wounded soldiers could be home by spring.", ("prisoners",)),
        ("Our captives will come home before Easter.", ("prisoners",)),
        ("They will go home in boxes.", ()),
        ("After that, a bigger exchange is planned.", ("prisoners",)),
        ("A further exchange of views followed.", ()),
        # who would watch a truce, and how it is checked, is the truce
        ("Monitors would come from neutral states.", ("ceasefire",)),
        ("A verification mechanism using drones was tabled.", ("ceasefire",)),
        ("Kyiv monitors the situation closely.", ()),
        # the region itself is still the land
        ("Moscow claims all of Zaporizhzhia region.", ("territory",)),
        # an energy deal is an energy truce
        ("The annex on energy infrastructure is ready.", ("ceasefire", "energy")),
        # strikes that must stop are a truce; what is struck still names its issue
        ("Strikes on energy must stop at once.", ("ceasefire", "energy")),
        # NATO troops are foreign troops, and NATO is named
        ("Moscow will never accept NATO soldiers there.", ("nato", "security_guarantees")),
        # where troops would stand, not which land is disputed
        ("No Western troops will ever stand on Ukrainian soil.", ("security_guarantees",)),
        # a guarantee modelled on the alliance's own clause names the alliance too
        ("They want an Article 5-style promise from Washington.", ("nato", "security_guarantees")),
        # rebuilding the land is reconstruction, not the dispute over it
        ("The rebuilding of the liberated territories will take a decade.", ("reconstruction",)),
        # the economic side of a deal with Kyiv is its recovery and prosperity part
        ("The envoys spent an hour on the economic agenda.", ("reconstruction",)),
        # the lines that carry power, and towns left in the dark
        ("Drones brought down the pylons north of Kharkiv.", ("energy",)),
        ("Half the city spent the night without heat.", ("energy",)),
        # the regions as Russian state media spell them in English
        ("Moscow insists on the DPR and Zaporozhye in full.", ("territory",)),
        ("The guns must stop, a cease fire first.", ("ceasefire",)),
        # a halt to strikes is a truce, whatever is struck (and that still names its issue)
        ("Kyiv offered a mutual halt to drone strikes on refineries.", ("ceasefire", "energy")),
        ("The envoys want a freeze on the shelling of ports.", ("ceasefire",)),
        ("If they stop shelling the ports, so will we.", ("ceasefire",)),
        # a region named as where something happened is a location, not the land in dispute
        ("Crews restored two substations near Kherson overnight.", ("energy",)),
        ("Drones hit a rail depot outside Kramatorsk on Sunday.", ()),
        ("Moscow still wants all of Kramatorsk.", ("territory",)),
        ("Columns were seen moving towards Kherson at night.", ()),
        ("The trainers would stay far from the front line.", ()),
        ("A truce on land, in the air and at sea is on offer.", ("ceasefire",)),
        # an annex of a deal is a document; to annex land is territory
        ("The envoys said the security annex still has gaps.", ("security_guarantees",)),
        ("Moscow wants to annex two more districts.", ("territory",)),
        # soldiers sent into the country are foreign troops; the invading army is not
        ("Nobody will send soldiers into Ukraine without a mandate.", ("security_guarantees",)),
        ("Russian troops in Ukraine dug in for the winter.", ()),
        # where troops would stand, as translated state media put it (and in Russian)
        ("Any contingent on the territory of Ukraine will be a target.", ("security_guarantees",)),
        ("Любой контингент на территории Украины станет целью.", ("security_guarantees",)),
        ("Only a guarantor outside the room can enforce it.", ("security_guarantees",)),
        ("Nobody should expect American troops on the ground.", ("security_guarantees",)),
        ("The leaders will discuss long-term security commitments.", ("security_guarantees",)),
        ("Kyiv will sign nothing that invites a third invasion.", ("security_guarantees",)),
        # soldiers from allied states are foreign troops, and the alliance named is still named
        (
            "Troops from NATO countries would be targets, Lavrov said.",
            ("nato", "security_guarantees"),
        ),
        # Moscow's frame for a settlement, and Kyiv's rule for the process
        ("Moscow keeps returning to the root causes of the war.", ("peace_plan",)),
        ("Nothing about Ukraine without Ukraine, the minister repeated.", ("peace_plan",)),
        # a parliament voting for a measure is no election; a vote under shelling is one
        ("The parliament would never vote for such a text.", ()),
        ("Nobody can vote safely under shelling.", ("elections",)),
        # the lists of an exchange are its prisoners; an item "on the list" is not
        ("The lists were checked name by name overnight.", ("prisoners",)),
        ("Kyiv handed over its list of four hundred names.", ("prisoners",)),
        ("The matter is on the list for tomorrow.", ()),
        # recognising an occupation is conceding the land
        ("Kyiv will never legalise the occupation, the minister said.", ("territory",)),
        # membership, unqualified, in these talks is the alliance's; the EU's is not
        ("Ukraine's membership is for the allies to decide.", ("nato",)),
        ("Kyiv hopes for membership of the EU by 2030.", ()),
        # troops taken back from the land, whoever owns them and however the verb is inflected
        ("Kyiv will not withdraw its last troops from there.", ("territory",)),
        ("Nobody here is pulling our soldiers out.", ("territory",)),
        ("The withdrawals of both armies would take a month.", ("territory",)),
        # not an inch of it: the land counted in units
        ("Not a single kilometre will change hands on paper.", ("territory",)),
        # the exchange, as a verb in any form
        ("The wounded were swapped at the border at dawn.", ("prisoners",)),
        # taking the immobilised money, as the side it belongs to names it; children taken are
        # the deported children
        ("Moscow calls the plan theft in broad daylight.", ("frozen_assets",)),
        ("Any confiscation would invite a legal fight.", ("frozen_assets",)),
        ("They want to steal what is not theirs.", ("frozen_assets",)),
        ("The stolen children must come back first.", ("prisoners",)),
        # troops a country would send are a guarantee; troops it sent are the war
        ("Warsaw will not send a single soldier east.", ("security_guarantees",)),
        ("Moscow sent two more brigades to the south.", ()),
        # the same in Russian
        ("Любая конфискация станет воровством.", ("frozen_assets",)),
        ("Польша не направит туда своих солдат.", ("security_guarantees",)),
        # foreign troops under whatever flag; firms coming back once the restrictions go
        ("No troops will come, whatever flag they fly.", ("security_guarantees",)),
        ("Western firms are queueing to return, he claimed.", ("sanctions",)),
        # a parliament's vote is no election, nor are measures called illegitimate
        ("No vote in the Rada can hand that over.", ()),
        ("They called the bank restrictions illegitimate restrictions.", ("sanctions",)),
        ("Moscow calls the president illegitimate.", ("elections",)),
        # a curly apostrophe is an apostrophe
        ("Nobody will redraw Ukraine’s borders by force.", ("territory",)),
        # in coverage of the talks, "the exchange" is the prisoner exchange; an exchange of
        # views, or between two leaders, is not
        ("Families were told the exchange would go ahead on Sunday.", ("prisoners",)),
        ("The exchange of views lasted an hour.", ()),
        ("The exchange between the two leaders was tense.", ()),
        # an exchange of prisoners counted in words
        ("It will be two hundred for two hundred this time.", ("prisoners",)),
        # a term two issues share names both
        ("Article 5 is the heart of the treaty.", ("nato", "security_guarantees")),
    ],
)
def test_a_phrase_names_its_own_issue_not_a_word_inside_it(
    tagger: IssueTagger, text: str, issues: tuple[str, ...]
) -> None:
    assert tagger.tags(text) == issues


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        ("The occupied regions in the south were not on the agenda.", "territory"),
        ("Moscow still demands all of Donbas.", "territory"),
        ("Kyiv will get its soldiers back but not its regions.", "territory"),
        ("Kyiv will not trade away Ukraine's borders.", "territory"),
        ("Another night of blackouts left the city in the dark.", "energy"),
        ("Engineers kept the lights on through the winter.", "energy"),
        ("Both lists of POWs were handed over in Abu Dhabi.", "prisoners"),
        ("The children deported to Russia must come home.", "prisoners"),
        ("The immobilised assets sit in a Brussels clearing house.", "frozen_assets"),
        ("Opinion polls show a tight race.", "elections"),
        ("Martial law was extended for ninety days.", "elections"),
        ("Rebuilding the ports will take a decade.", "reconstruction"),
        ("A cessation of hostilities could start on Easter.", "ceasefire"),
        ("Voting can start once the guns fall silent.", "ceasefire"),
        ("The sides are ninety percent of the way there.", "peace_plan"),
        ("Moscow dropped its demand for a trilateral format.", "peace_plan"),
        ("His push to end the war has stalled since May.", "peace_plan"),
        ("Kyiv sent back a counter-proposal within a week.", "peace_plan"),
        ("Moscow wants all four regions written into the text.", "territory"),
        ("Russia calls the eastward expansion a betrayal.", "nato"),
        ("He called the president illegitimate once again.", "elections"),
        ("Drones hit the pipeline near the border overnight.", "energy"),
        ("A power-plant truce would be the easiest to agree.", "energy"),
        # a force sent after the war is a guarantee, whichever word comes before "force"
        ("Planning for a post-war force is said to be complete.", "security_guarantees"),
        ("Finland offered officers for a monitoring mission.", "security_guarantees"),
        # pressure on Moscow, kept up or eased, is the sanctions it is applied with
        ("The partners must keep up the pressure until spring.", "sanctions"),
        ("Nobody in Brussels wants to ease pressure on the Kremlin.", "sanctions"),
        ("Партнёры усиливают давление на Москву.", "sanctions"),
        # a freeze where the armies stand is about the land behind the line
        ("Kyiv could live with a freeze along the current line.", "territory"),
        ("Whoever started this war must pay for what it has destroyed.", "reconstruction"),
        ("Strikes took out half of the thermal generation.", "energy"),
        ("Warsaw would be the logistics hub for any such force.", "security_guarantees"),
        # how far the talks have come, in figures and in words
        ("The mediators believe they are at eighty per cent already.", "peace_plan"),
        ("The last five percent will take longer than the rest.", "peace_plan"),
        ("Both envoys spoke of real headway overnight.", "peace_plan"),
        # strikes that did not happen are the truce being kept
        ("There have been no Russian strikes on power plants since Sunday.", "ceasefire"),
        ("Russia has not struck a single substation in a week.", "ceasefire"),
        ("Ten nights without attacks let the repair crews work.", "ceasefire"),
        ("Десять ночей без ударов по электростанциям.", "ceasefire"),
        ("A pause in the fighting would let the convoys through.", "ceasefire"),
        (
            "Moscow wants Kyiv to cap its army at a fraction of today's size.",
            "security_guarantees",
        ),
        ("The EU will adopt its 22nd package next month.", "sanctions"),
        ("Thousands of families were deported from the south.", "prisoners"),
        ("Any cap on the size of Ukraine's army is a red line.", "security_guarantees"),
        # in coverage of the talks, the force, the map and the zone are the ones on the table
        ("The force would not stand on the front line.", "security_guarantees"),
        ("They rolled out the map again after lunch.", "territory"),
        ("Nobody has agreed who would police the zone.", "territory"),
    ],
)
def test_the_vocabulary_a_wider_press_uses(tagger: IssueTagger, text: str, issue: str) -> None:
    assert issue in tagger.tags(text)


def test_a_border_in_passing_is_not_territory(tagger: IssueTagger) -> None:
    assert "territory" not in tagger.tags("The buses crossed the border before noon.")


# --- context ----------------------------------------------------------------------------------


def test_a_remark_on_the_process_is_peace_plan_not_its_paragraphs_issue(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "The energy truce dominated the evening. Umerov said the phone conversation between"
        " the two leaders had lasted well past midnight."
    )
    assert _one(found, "phone conversation").issues == ("peace_plan",)


def test_a_statement_without_a_term_still_takes_its_paragraphs_issue(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "The swap of captured soldiers resumed on Friday. Budanov said the buses had arrived"
        " three hours late but that everyone was safe."
    )
    assert _one(found, "three hours late").issues == ("prisoners",)


def test_the_circumstances_of_a_remark_are_not_its_issue(extractor: Extractor) -> None:
    found = extractor.extract(
        "Peskov said a halt to strikes on power plants was possible only if it was mutual,"
        " as delegations gathered for a new round of talks in Riyadh."
    )
    assert set(_one(found, "halt to strikes").issues) == {"energy", "ceasefire"}


@pytest.mark.parametrize(
    ("text", "fragment", "issues"),
    [
        # what is said names nothing: it answers the question put to the speaker, not the
        # paragraph's other news
        (
            "Asked whether Washington could lift sanctions on Moscow this year, Rubio said it"
            " was much too early to say. The front line barely moved all week.",
            "much too early",
            ("sanctions",),
        ),
        # ... or it speaks of the subject the sentence opens on
        (
            "The prisoner swap, which Peskov described as a gesture of goodwill, took place on"
            " Friday. Strikes on power plants went on all week.",
            "gesture of goodwill",
            ("prisoners",),
        ),
    ],
)
def test_a_reported_sentence_naming_nothing_is_about_what_it_opens_on(
    extractor: Extractor, text: str, fragment: str, issues: tuple[str, ...]
) -> None:
    assert _one(extractor.extract(text), fragment).issues == issues


def test_a_remark_that_the_other_side_is_stalling_is_about_the_process(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Kyiv said the energy truce held through the night.\n\n"
        "Sybiha said Moscow was stalling again and had sent nobody on Tuesday."
    )
    assert _one(found, "stalling again").issues == ("peace_plan",)


def test_a_bare_remark_in_a_paragraph_on_the_talks_is_about_their_process(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Kyiv said the energy truce held through the night.\n\n"
        "The next round has not been scheduled yet. Ukrainian officials said they expected it"
        " in the autumn."
    )
    assert _one(found, "in the autumn").issues == ("peace_plan",)


def test_the_call_a_quote_was_read_out_from_is_not_what_it_is_about(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Kyiv said the energy truce held through the night.\n\n"
        'A readout of the phone call quoted Erdogan as saying that "Turkey stands ready to help'
        ' in the Black Sea."'
    )
    assert _one(found, "Black Sea").issues == ("ceasefire", "energy")


def test_a_circumstance_alone_is_what_a_remark_is_about(extractor: Extractor) -> None:
    found = extractor.extract(
        "After the latest round of talks, Umerov said the mood in the room had been calm."
    )
    assert _one(found, "mood in the room").issues == ("peace_plan",)


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        (
            "Rubio said the peace plan would leave the question of the occupied regions to the"
            " leaders.",
            "territory",
        ),
        # the plan's text, and how far the talks have come, are the plan itself
        ("Rubio said the latest draft gave the occupied regions a special status.", "territory"),
        ("Rubio said the progress was real and deported children would come home.", "prisoners"),
        # ... and so is how far they have come, which no issue term names
        ("Rubio said the sides were closer than ever on the deported children.", "prisoners"),
        ("Rubio said Moscow owed Kyiv concrete answers on the occupied regions.", "territory"),
    ],
)
def test_naming_the_plan_keeps_the_catch_all_beside_a_named_issue(
    extractor: Extractor, text: str, issue: str
) -> None:
    assert set(_one(extractor.extract(text), "Rubio said").issues) == {"peace_plan", issue}


def test_the_talks_in_passing_yield_to_the_named_issue(extractor: Extractor) -> None:
    found = extractor.extract(
        "Umerov said the talks had turned to the return of deported children for most of the day."
    )
    assert _one(found, "deported children").issues == ("prisoners",)


def test_process_words_do_not_make_an_article_about_the_talks(extractor: Extractor) -> None:
    found = extractor.extract(
        "Peskov said the president would watch the first round of the cup final on Sunday.\n"
        "He added that a meeting with the winning team was planned for the summer.\n"
        "The Kremlin spokesman said the conversation with the coach had been warm.\n"
        "Peskov said the ceremony would be held in Kazan, as in previous years."
    )
    assert found.statements == ()


def test_an_answer_is_about_its_question_and_what_it_adds(extractor: Extractor) -> None:
    found = extractor.extract(
        "Andrii Sybiha took our questions in Kyiv on Monday.\n"
        "Q: Will the reassurance force deploy this year?\n"
        "A: Only once there is a ceasefire that holds, not before.\n"
        "Q: And the frozen assets?\n"
        "A: That money belongs to Ukraine and always has."
    )
    assert set(_one(found, "ceasefire that holds").issues) == {"security_guarantees", "ceasefire"}
    assert _one(found, "belongs to Ukraine").issues == ("frozen_assets",)


def test_a_new_paragraph_by_the_same_speaker_reads_its_own_context(extractor: Extractor) -> None:
    found = extractor.extract(
        'Umerov spoke outside the hotel. "The round was hard work," he said.\n'
        "The prisoner exchange lists were handed over on Tuesday.\n"
        "Umerov added that the buses would leave from Sumy at dawn and take all day."
    )
    assert _one(found, "buses would leave").issues == ("prisoners",)


def test_with_nothing_around_it_a_remark_follows_the_speakers_last(extractor: Extractor) -> None:
    found = extractor.extract(
        "Kallas said the reparations loan was the only serious option on the table.\n"
        "She put it more bluntly a moment later in the same briefing.\n"
        '"If we wait another month, we will regret it for years," Kallas said.'
    )
    assert _one(found, "regret it for years").issues == ("frozen_assets",)


def test_in_energy_truce_coverage_the_truce_is_that_truce_not_every_ceasefire(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Strikes on power plants went on overnight in the east.\n"
        "The grid operator said substations near Kharkiv were hit again.\n"
        "Engineers restored electricity to most homes by noon.\n"
        "Peskov said the truce would hold only if Kyiv held back too.\n"
        "Sybiha said there would be elections only after a full ceasefire and guarantees."
    )
    assert set(_one(found, "truce would hold").issues) == {"ceasefire", "energy"}
    assert "energy" not in _one(found, "full ceasefire").issues


def test_a_truce_named_once_with_energy_makes_the_article_s_truce_that_truce(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Kyiv and Moscow have agreed a moratorium on strikes on power plants, Umerov said.\n\n"
        "Peskov said the moratorium would be checked by observers from third countries."
    )
    assert set(_one(found, "checked by observers").issues) == {"ceasefire", "energy"}
    found = extractor.extract(
        "Drones hit a power plant near Odesa overnight, Kyiv said.\n\n"
        "Peskov said a pause in the fighting was possible before the summer."
    )
    assert _one(found, "pause in the fighting").issues == ("ceasefire",)


@pytest.mark.parametrize(
    "text",
    [
        "Geneva was picked as a neutral venue.",
        "Moscow again spoke of its legitimate security interests.",
        "Troops entered the settlement of Novoselivka at dawn.",
        "The military draft age was lowered last spring.",
        "We will deal with the consequences later.",
        "Parliament has the power to decide that alone.",
        "The force of the blast shattered windows.",
        "The festival put the town on the map.",
    ],
)
def test_a_word_in_another_sense_names_no_issue(tagger: IssueTagger, text: str) -> None:
    assert tagger.tags(text) == ()


def test_a_long_piece_naming_an_issue_once_in_passing_is_not_about_the_talks(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rubio toured the flooded coast by helicopter on Saturday.\n"
        "He said the federal government would pay for temporary housing for every family.\n"
        "Thousands of homes were still without power after the storm, the utility said.\n"
        "Rubio said the levees had held better than engineers had feared.\n"
        "He promised to come back within a month to check on the rebuilding of the bridges.\n"
        "Volunteers from three states have been handing out water since Thursday.\n"
        "The governor said schools would reopen on Monday where roads allowed.\n"
        "Forecasters expect more rain over the weekend."
    )
    assert found.statements == ()


def test_a_long_piece_that_keeps_coming_back_to_the_issues_is_about_the_talks(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Rubio flew to Geneva on Saturday.\n"
        "He said the ceasefire would be the first item on the agenda.\n"
        "The weather in Geneva was mild for the time of year.\n"
        "Rubio said security guarantees would follow once the guns fall silent.\n"
        "He added that sanctions relief was not on the table for now."
    )
    assert _one(found, "first item on the agenda").issues == ("ceasefire",)


def test_a_short_flash_naming_an_issue_once_is_still_read(extractor: Extractor) -> None:
    found = extractor.extract(
        "Peskov spoke to reporters in Moscow on Tuesday.\n"
        "He said the Kremlin had received the American text on the energy truce.\n"
        "He gave no further details.\n"
        "Reporters waited for two hours in the rain.\n"
        "The briefing ended shortly after noon."
    )
    assert set(_one(found, "American text").issues) == {"ceasefire", "energy"}


def test_as_well_as_is_part_of_the_remark_not_a_circumstance(extractor: Extractor) -> None:
    found = extractor.extract(
        'Rubio said: "We went through the draft line by line, as well as the recovery fund."'
    )
    assert "reconstruction" in _one(found, "line by line").issues


def test_a_plan_s_provisions_keep_the_plan_beside_the_issue_they_touch(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        '"Some provisions are unacceptable to us, above all those on the occupied regions," '
        "Lavrov told reporters."
    )
    assert _one(found, "Some provisions").issues == ("territory", "peace_plan")


def test_an_agreement_on_a_named_issue_is_about_that_issue_not_the_plan(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Costa told reporters that ministers were close to reaching agreement on the "
        "reparations loan."
    )
    assert _one(found, "reparations loan").issues == ("frozen_assets",)


def test_a_remark_opening_on_this_is_about_what_it_points_back_to(extractor: Extractor) -> None:
    found = extractor.extract(
        '"Neutral status for Kyiv is the heart of the matter," Peskov said.\n'
        'He added that "this is what the negotiations are for."'
    )
    assert _one(found, "negotiations are for").issues == ("nato", "peace_plan")


def test_a_pause_on_strikes_against_power_plants_is_an_energy_truce(extractor: Extractor) -> None:
    found = extractor.extract(
        '"A pause on strikes against power plants is within reach," Sybiha told reporters.'
    )
    assert _one(found, "within reach").issues == ("ceasefire", "energy")


def test_a_closing_circumstance_after_a_quoted_comma_is_not_the_issue(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        'The minister praised the talks as "very useful," even as officials in Moscow insisted'
        " that Crimea was not up for discussion."
    )
    assert _one(found, "praised the talks").issues == ("peace_plan",)


def test_a_bare_piece_of_a_remark_takes_its_pieces_issues_not_its_paragraphs(
    config: Config, tagger: IssueTagger
) -> None:
    reader = IssueReader(tagger, config.language)
    sentence = "Lavrov said a seizure of frozen Russian assets would be "
    reported = Statement("lavrov", "reported", sentence + '"robbery, pure and simple".', (), 60)
    quote = Statement("lavrov", "direct", "robbery, pure and simple", (), 60 + len(sentence) + 1)
    paragraph = ("sanctions", "frozen_assets")  # the sentence before was about sanctions
    settled = reader.settle(
        [  # the quote is found first, then the sentence that carries it
            (quote, (paragraph,), 0),
            (replace(reported, issues=reader.own(reported.text)), (paragraph,), 0),
        ],
        Counter(),
    )
    assert [s.issues for s in settled] == [("frozen_assets",), ("frozen_assets",)]


def test_two_quotes_a_sentence_apart_are_two_remarks_with_their_own_issues(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        'Kirill Dmitriev said the Americans wanted "a deal that pays for itself." Nobody in the'
        " room took notes. Asked later whether the sides were still apart on the Kherson region,"
        ' he answered that "the generals will settle that question."'
    )
    assert _one(found, "Americans wanted").issues == ("peace_plan",)
    assert _one(found, "generals will settle").issues == ("territory",)


def test_a_quote_with_an_introduction_of_its_own_is_a_remark_of_its_own(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        '"Nobody is asking Kyiv to join the alliance tomorrow," Rutte told the forum in Oslo. He'
        ' said of Moscow: "It keeps stalling the negotiations."\n'
        '"The truce must come first," Sybiha said. Asked what that meant, he said only: "Words'
        ' are not yet deeds."'
    )
    # a new introduction and an issue of its own: not the rest of the alliance quote
    assert _one(found, "keeps stalling").issues == ("peace_plan",)
    assert _one(found, "join the alliance").issues == ("nato",)
    # a follow-up naming no issue is still read with the quote it follows
    assert _one(found, "Words are not").issues == ("ceasefire",)


@pytest.mark.parametrize(
    ("text", "fragment", "issues"),
    [
        # the speaker's part in the talks is who speaks, not a remark on the process
        (
            "Prisoner lists were exchanged on Friday. Sybiha, who is part of the delegation,"
            " said the buses had left at dawn.",
            "Sybiha",
            ("prisoners",),
        ),
        (
            "Zelensky said every prisoner would come home. Two people familiar with the talks"
            " said the buses had left at dawn.",
            "familiar with",
            ("prisoners",),
        ),
        # an envoy's remit is his title, not his remark's subject
        (
            "Dmitriev, the envoy for economic cooperation, said seizing the frozen assets would"
            " be theft.",
            "Dmitriev",
            ("frozen_assets",),
        ),
        # "who" with no speaker before it is part of what was said
        (
            "Umerov said the sides argued over the front line and on who would monitor a truce.",
            "Umerov",
            ("territory", "ceasefire"),
        ),
    ],
)
def test_a_speakers_description_is_not_what_the_remark_is_about(
    extractor: Extractor, text: str, fragment: str, issues: tuple[str, ...]
) -> None:
    assert _one(extractor.extract(text), fragment).issues == issues


@pytest.mark.parametrize(
    "remark",
    [
        "Sybiha said the atmosphere in the hall had been calm from start to finish.",
        "Sybiha said the two days had been businesslike and long.",
        "Sybiha said nothing on the schedule had changed overnight.",
        # the words diplomats describe a session with, and who sits at it
        "Sybiha said the evening had been frank and useful, if long.",
        "Sybiha said the two sides would fix the next steps over the coming week.",
        "Sybiha said nobody in the hall wanted the work rushed.",
        # who sits at the table, and that the sides talked at all
        "Sybiha said Moscow would only come back to the table when it ran out of excuses.",
        "Sybiha said the two teams had talked for nine hours without a break.",
    ],
)
def test_how_the_talks_went_is_a_remark_on_the_process(extractor: Extractor, remark: str) -> None:
    found = extractor.extract("Prisoner lists were exchanged on Friday. " + remark)
    assert _one(found, "Sybiha said").issues == ("peace_plan",)


@pytest.mark.parametrize(
    "remark",
    [
        "Peskov said it was not on the agenda for now.",
        "Peskov said all options were on the table.",
    ],
)
def test_a_topic_on_the_agenda_is_that_topic_not_the_process(
    extractor: Extractor, remark: str
) -> None:
    found = extractor.extract("Reporters asked again about a truce over the holidays. " + remark)
    assert _one(found, "Peskov said").issues == ("ceasefire",)


@pytest.mark.parametrize(
    "text",
    [
        "Kallas said the restrictions on banks would stay until a peace agreement is signed.",
        "Kallas said no sanctions would be lifted before the peace plan was in force.",
    ],
)
def test_the_plan_as_the_time_of_a_remark_is_not_its_issue(
    extractor: Extractor, text: str
) -> None:
    assert _one(extractor.extract(text), "Kallas said").issues == ("sanctions",)


@pytest.mark.parametrize(
    "closer",
    [
        "a day after the last round ended without a deal on a truce",
        "a week after envoys failed to agree on a ceasefire",
        "weeks before any ceasefire could be signed",
    ],
)
def test_a_closing_clause_of_time_is_not_what_was_said(extractor: Extractor, closer: str) -> None:
    found = extractor.extract(f"Lavrov said Western security guarantees were a trap, {closer}.")
    assert _one(found, "Lavrov said").issues == ("security_guarantees",)


def test_the_body_a_speaker_heads_is_who_speaks_not_the_remark(extractor: Extractor) -> None:
    found = extractor.extract(
        "Sybiha, head of the recovery fund board, said the sanctions would stay."
    )
    assert _one(found, "Sybiha").issues == ("sanctions",)


@pytest.mark.parametrize(
    "text",
    [
        # after the verb of saying and its day, with no comma
        "The blockade of the ports will stay, Lavrov said on Monday as envoys opened a fourth"
        " round of talks in Vienna.",
        "The blockade of the ports will stay, Lavrov told reporters in Vienna while the rounds"
        " of talks dragged on.",
        "The blockade of the ports will stay, Lavrov said in Vienna while the rounds of talks"
        " dragged on.",
        # after a comma, even where the talks it names are not said in passing
        "Lavrov said the blockade of the ports would stay, as envoys opened a fourth round of"
        " talks in Vienna.",
    ],
)
def test_the_talks_named_as_when_it_was_said_are_not_its_issue(
    extractor: Extractor, text: str
) -> None:
    assert _one(extractor.extract(text), "Lavrov").issues == ("sanctions",)


def test_said_as_much_is_not_a_circumstance(extractor: Extractor) -> None:
    found = extractor.extract("Lavrov said as much about the blockade of the ports on Monday.")
    assert _one(found, "Lavrov").issues == ("sanctions",)


def test_a_closing_clause_that_says_more_is_part_of_the_remark(extractor: Extractor) -> None:
    found = extractor.extract(
        "Lavrov said the blockade of the ports was working, while urging Kyiv to accept a truce."
    )
    assert _one(found, "Lavrov").issues == ("ceasefire", "sanctions")


def test_an_envoy_on_a_subject_is_who_speaks_not_the_remark(extractor: Extractor) -> None:
    found = extractor.extract(
        "Dmitriev, an envoy of the Kremlin on economic matters, said the sanctions would go."
    )
    assert _one(found, "Dmitriev").issues == ("sanctions",)


@pytest.mark.parametrize(
    ("text", "issues"),
    [
        # the subject the remark is said of, when what is said names only the talks
        (
            "Lavrov is equally firm on the blockade, which he says will not end one day before"
            " a peace agreement is signed.",
            ("sanctions",),
        ),
        (
            "Commenting on reports of a truce, Lavrov said they had nothing to do with the"
            " negotiations.",
            ("ceasefire",),
        ),
        # where it was said is not what was said
        (
            "Speaking at an energy forum in Baku, Lavrov said the blockade would stay.",
            ("sanctions",),
        ),
        # a timing word in quotation marks is still one
        (
            'Kallas said no sanctions would be lifted "one day before" a peace plan is signed.',
            ("sanctions",),
        ),
    ],
)
def test_what_a_reported_remark_is_said_of(
    extractor: Extractor, text: str, issues: tuple[str, ...]
) -> None:
    found = [s for s in extractor.extract(text).statements if s.kind == "reported"]
    assert [s.issues for s in found] == [issues]


def test_a_bare_remark_takes_its_paragraphs_narrative_not_another_speakers_issue(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        "Moscow would treat any NATO soldiers sent to Ukraine as legitimate targets, Sergei"
        " Lavrov said on Monday. The security guarantees for Kyiv are still being drafted in"
        ' London. Keir Starmer said the preparations were "nearly complete".'
    )
    # NATO is Lavrov's word; the paragraph's own narrative is about the guarantees
    assert _one(found, "nearly complete").issues == ("security_guarantees",)


def test_a_bare_reply_keeps_the_issue_of_the_remark_it_answers(extractor: Extractor) -> None:
    found = extractor.extract(
        "Kaja Kallas said the frozen Russian assets should pay for Ukraine's defence. Friedrich"
        ' Merz was blunter: "We cannot wait another month."'
    )
    # the paragraph's narrative names no issue: the other speaker's is the topic
    assert _one(found, "another month").issues == ("frozen_assets",)


@pytest.mark.parametrize(
    ("text", "fragment", "issues"),
    [
        (
            'Yuri Ushakov said the evening session had been "useful" but that Crimea was still'
            " where the two sides parted.",
            "evening session",
            ("territory", "peace_plan"),
        ),
        (
            'Rustem Umerov called the round "businesslike" and said the exchange of prisoners'
            " would follow next week.",
            "called the round",
            ("peace_plan", "prisoners"),
        ),
        (
            '"The atmosphere was good, but the frozen assets stay where they are," Kaja Kallas'
            " said.",
            "atmosphere was good",
            ("frozen_assets", "peace_plan"),
        ),
    ],
)
def test_how_the_talks_went_is_about_the_talks_beside_a_named_issue(
    extractor: Extractor, text: str, fragment: str, issues: tuple[str, ...]
) -> None:
    assert _one(extractor.extract(text), fragment).issues == issues


def test_a_remark_pointing_at_a_deal_is_about_what_the_deal_is_on(extractor: Extractor) -> None:
    found = extractor.extract(
        "Russia and Ukraine signed a moratorium on strikes against power plants on Friday.\n"
        'Friedrich Merz said the agreement would "keep hospitals lit through the winter".\n'
        'Friedrich Merz said the call had lasted "almost two hours".'
    )
    # "the agreement" is the moratorium the paragraph before names
    assert _one(found, "said the agreement").issues == ("ceasefire", "energy")
    # "the call" is the talks themselves
    assert _one(found, "said the call").issues == ("peace_plan",)


def test_the_deal_pointed_at_is_the_one_its_context_names(extractor: Extractor) -> None:
    found = extractor.extract(
        "Russia and Ukraine signed a moratorium on strikes against power plants on Friday.\n"
        "Volodymyr Zelensky said Kyiv would keep to every clause of the deal."
    )
    # "deal" names the talks, but "the deal" is the moratorium
    assert _one(found, "every clause").issues == ("ceasefire", "energy")


def test_a_remark_in_coverage_naming_no_issue_at_all_is_about_the_talks(
    extractor: Extractor,
) -> None:
    found = extractor.extract(
        'Dmitry Medvedev sneered that Kyiv would be "left waiting in the corridor" when the two'
        " presidents finally sit down."
    )
    assert [s.issues for s in found.statements] == [("peace_plan",), ("peace_plan",)]
