"""Grouping by what a statement says: numbers as digits, and near-identical words that outlast
a disagreement of issue tags."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bot.app.pipeline import lexicon_for
from bot.config import Config, load_language
from bot.diff import Candidate, Signature, matches, signature, similarity
from bot.diff.signature import NumberWords, stem
from bot.diff.when import alternation, literal_trie
from bot.model import Statement

RU = Path(__file__).resolve().parent.parent / "config" / "lang" / "ru.toml"


def test_numbers_read_as_digits(config: Config) -> None:
    as_digits = lexicon_for(config).numbers.as_digits  # the words are the language file's
    assert as_digits("seventy percent") == "70 percent"
    assert as_digits("three hundred soldiers") == "300 soldiers"
    assert as_digits("forty-two days") == "42 days"
    assert as_digits("one of the cornerstones") == "one of the cornerstones"
    assert as_digits("five six") == "five six"  # two numbers, not one
    assert as_digits("a thousand for a thousand") == "a 1000 for a 1000"


def test_figures_read_alike_in_signs_and_hyphenated_words(config: Config) -> None:
    lexicon = lexicon_for(config)
    sign = signature("We have settled 85% of the annex.", lexicon)
    words = signature("eighty-five per cent of the annex is settled", lexicon)
    assert {"85", "_percent"} <= sign.tokens & words.tokens
    swap = signature("a 2,500-for-2,500 handover of detainees", lexicon)
    assert "2500" in swap.tokens & signature("2,500 detainees each", lexicon).tokens
    assert "3" not in signature("a 3-hour session", lexicon).tokens  # a figure of one digit


def test_diplomatic_synonyms_fold_into_one_concept(config: Config) -> None:
    lexicon = lexicon_for(config)
    pairs = [
        ("it is premature to speak of a deal", "too early to talk about a deal"),
        ("the levy would be robbery", "the levy would be theft"),
        ("transit is a pillar of the accord", "transit is a cornerstone of the accord"),
        ("the biggest handover so far", "the largest handover so far"),
        ("the annex is almost settled", "the annex is nearly settled"),
        # a capital for its country, as "Moscow" or "Kyiv" stand for theirs
        ("Berlin is ready to help police the line", "Germany is ready to help police the line"),
        ("the talks in Paris", "the talks in France"),
        ("voters will decide in spring", "elections will decide in spring"),
        ("the harbour is no bargaining chip", "the harbour is no bargain"),
        ("monitors will verify the pledge", "monitors will check the pledge"),
        ("a paper on the grain corridor", "a document on the grain corridor"),
        ("the tariff is the main stumbling block", "the tariff is the main obstacle"),
        ("nobody will cede the harbour", "nobody will hand over the harbour"),
        ("shipping firms wait for the port", "shipping companies wait for the port"),
        ("the traders will come back soon", "the traders will return soon"),
        ("a fund to rebuild the bridges", "a fund to reconstruct the bridges"),
        ("no easing of tariffs before a treaty", "no lifting of tariffs before a treaty"),
        ("the capital has sent no reply", "the capital has sent no answer"),
        ("the tolls were discussed at length", "the tolls were negotiated at length"),
        ("the guards freed forty sailors", "the guards released forty sailors"),
        ("drones keep hitting the grid", "drones keep striking the grid"),
        ("the Russian Federation must consent", "Russia must consent"),
        ("the United States of America will mediate", "the United States will mediate"),
        ("a role for observers at the dam", "participation of observers at the dam"),
        ("observers will participate at the dam", "observers will have a role at the dam"),
        ("the garrison will not quit the ridge", "the garrison will not leave the ridge"),
        ("until the bridges are paid for", "until the bridges are compensated"),
    ]
    for one, other in pairs:
        assert signature(one, lexicon).tokens == signature(other, lexicon).tokens, one
    # "quit" matches the words it begins: "quite" is a stopword, or it would be a withdrawal
    assert (
        signature("it is quite clear", lexicon).tokens == signature("it is clear", lexicon).tokens
    )


def test_without_number_words_only_digit_groups_join() -> None:
    assert NumberWords().as_digits("seventy ships, 1,200 crew") == "seventy ships, 1200 crew"


def test_stem_suffixes_are_the_language_files(config: Config) -> None:
    suffixes = dict(config.language.grouping)["stem_suffixes"]
    assert stem("negotiating", suffixes) == stem("negotiated", suffixes) == "negotiat"
    assert stem("uses", suffixes) == "uses"  # too short to cut
    # an adverb and its adjective ("artificially", "artificial") are one word
    assert stem("artificially", suffixes) == stem("artificial", suffixes)
    assert stem("negotiating", ()) == "negotiating"
    # a word ending in -e and its -es/-ed forms are one word ("guarantee", "guarantees")
    assert stem("pledge", suffixes) == stem("pledges", suffixes) == stem("pledged", suffixes)
    assert stem("endorse", suffixes) == stem("endorsed", suffixes)


def test_singular_and_plural_of_a_noun_in_e_are_the_same_words(config: Config) -> None:
    lexicon = lexicon_for(config)
    one = signature("the pledge is a trap", lexicon)
    many = signature("pledges like that are a trap", lexicon)
    assert len(one.tokens & many.tokens) == 2  # the trap and the pledge


def test_russian_numbers_and_endings_fold_with_the_russian_file(config: Config) -> None:
    ru = replace(config, language=load_language(RU))
    lexicon = lexicon_for(ru)
    words = signature("Мы согласовали семьдесят процентов текста.", lexicon)
    digits = signature("согласованы 70 процентов текста", lexicon)
    assert {"70", stem("процентов", lexicon.suffixes)} <= words.tokens & digits.tokens
    assert lexicon.numbers.as_digits("двадцать пять тысяч") == "25000"


def test_a_number_in_words_and_in_digits_is_the_same_remark(config: Config) -> None:
    lexicon = lexicon_for(config)
    words = signature("We have agreed on seventy percent of the text.", lexicon)
    digits = signature("agreed on 70 percent of the text", lexicon)
    assert "70" in words.tokens & digits.tokens
    other = signature("agreed on 30 percent of the text", lexicon)
    assert len(words.tokens & digits.tokens) > len(words.tokens & other.tokens)


def test_near_identical_words_join_whatever_their_issue_tags(config: Config) -> None:
    lexicon = lexicon_for(config)
    said = "frank, businesslike and very substantive exchange"
    first = Candidate(1, ("energy",), signature(said, lexicon))
    later = Statement("ushakov", "direct", said, ("nato",), 0)
    found = matches(later, signature(said, lexicon), [first], 0.45)
    assert [m.development_id for m in found] == [1]
    loose = "a substantive exchange on the grid"
    found = matches(
        Statement("ushakov", "direct", loose, ("nato",), 0),
        signature(loose, lexicon),
        [first],
        0.45,
    )
    assert found == []  # only a little alike, and tagged apart: two claims


def test_a_phrase_with_a_gap_is_one_concept(config: Config) -> None:
    lexicon = lexicon_for(config)
    gapped = signature("We will not pull our brigades out of the river towns.", lexicon)
    plain = signature("We will not withdraw our brigades from the river towns.", lexicon)
    assert "_withdraw" in gapped.tokens & plain.tokens
    assert "brigad" in gapped.tokens  # the words in the gap are kept


def test_a_shared_figure_counts_for_more_than_a_shared_word(config: Config) -> None:
    lexicon = lexicon_for(config)
    said = signature(
        "We are at sixty percent on the grain text, the rest is the hardest.", lexicon
    )
    figure = signature("the sides had agreed on 60 percent of a grain deal", lexicon)
    word = signature("the sides had agreed on the rest percent of a grain deal", lexicon)
    assert similarity(said, figure) > similarity(said, word)


def test_reports_quoting_the_same_phrase_are_one_remark(config: Config) -> None:
    lexicon = lexicon_for(config)
    first = signature(
        'The minister said the corridor session had been "honest and very detailed" and long.',
        lexicon,
    )
    second = signature(
        'Asked about the grain file, the minister called the talks "honest and very detailed".',
        lexicon,
    )
    assert first.quotes & second.quotes
    assert Signature.parse(first.stored) == first  # the phrase survives the store
    found = matches(
        Statement("minister", "reported", "x", ("peace_plan",), 0),
        second,
        [Candidate(7, ("peace_plan",), first)],
        0.45,
    )
    assert [m.development_id for m in found] == [7]


def test_dates_are_not_what_a_statement_says(config: Config) -> None:
    lexicon = lexicon_for(config)
    dated = signature("On March 12, 2026 the envoy said 40 ships would sail in 2027.", lexicon)
    assert "40" in dated.tokens
    assert not {"12", "2026", "2027"} & dated.tokens


def test_an_idiom_and_its_plain_words_are_one_concept(config: Config) -> None:
    lexicon = lexicon_for(config)
    idiom = signature("Any monitors sent to the river would be fair game.", lexicon)
    plain = signature("monitors sent to the river would be a legitimate target", lexicon)
    assert "_target" in idiom.tokens & plain.tokens
    asked = signature("No one may ask this of the farmers.", lexicon)
    demanded = signature("Nobody can demand this of the farmers.", lexicon)
    assert {"_nobody", "_demand"} <= asked.tokens & demanded.tokens
    switch = signature("A pause the army can switch the pumps off whenever it likes", lexicon)
    turn = signature("a pause in which the army could turn off the pumps at will", lexicon)
    assert {"_switchoff", "_atwill"} <= switch.tokens & turn.tokens


def test_words_a_report_quotes_from_the_full_quote_are_the_same_remark(config: Config) -> None:
    lexicon = lexicon_for(config)
    full = signature(
        "Not a single tractor of the seized fleet returns across the border before the farmers "
        "are repaid for every harvest lost.",
        lexicon,
    )
    reported = signature(
        'The commissioner said that "not a single tractor" of the confiscated machinery would be '
        "handed back without compensation.",
        lexicon,
    )
    assert similarity(full, reported) >= 0.45  # two words in common, but the quoted two
    found = matches(
        Statement("commissioner", "reported", "x", ("farming",), 0),
        reported,
        [Candidate(7, ("farming",), full)],
        0.45,
    )
    assert [m.development_id for m in found] == [7]
    other = signature("Every tractor of the seized fleet stays where it is for now.", lexicon)
    assert similarity(other, reported) < 0.45  # one of the quoted words is not a quote


def test_the_same_quoted_words_join_whatever_decisive_word_the_writer_adds(config: Config) -> None:
    # the writer's framing ("suggests Moscow will reject") adds a decisive concept the remark
    # never had: the quoted words still say it is the one remark
    lexicon = lexicon_for(config)
    said = signature('The aide said only a "properly elected parliament" could sign.', lexicon)
    framed = signature(
        'His insistence on a "properly elected parliament" suggests Moscow will reject the text.',
        lexicon,
    )
    assert lexicon.decisive & (framed.tokens - said.tokens)  # the framing's own concept
    assert similarity(said, framed, lexicon.decisive) >= 0.45


def test_one_quoted_word_of_the_speaker_keys_the_remark(config: Config) -> None:
    # 'had "no illusions"': the one content word quoted is the speaker's, found in the full quote
    lexicon = lexicon_for(config)
    full = signature(
        "We have no illusions that the harbour dispute closes in one sitting, but the format "
        "works.",
        lexicon,
    )
    fragment = signature(
        'The governor was quoted as saying the region had "no illusions" about a fast result.',
        lexicon,
    )
    assert similarity(full, fragment) >= 0.45
    unquoted = signature("The governor has no illusions about a fast result.", lexicon)
    assert similarity(full, unquoted) < 0.45  # the same word, not quoted: the words decide
    # a quoted word that a concept folds ("robbery" is theft) keys nothing: many words fold into it
    levy = signature('He called the levy "robbery" again.', lexicon)
    assert "_theft" in levy.tokens
    assert all(len(q) > 1 for q in levy.quoted_stems)


def test_phrase_tries_match_as_the_flat_alternation_longest_first() -> None:
    forms = ["talk", "talks", "talks with", "take", "talked"]
    flat = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    trie = literal_trie(forms)
    for pattern in (r"\b(?:{})\b", r"\b(?:{})", r"(?<!\w)(?:{})(?!\w)"):
        old, new = re.compile(pattern.format(flat)), re.compile(pattern.format(trie))
        for text in ("she talks with them", "talkshow talks", "he talked, then take", "tal"):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
    # the longest form wins, backing off to a shorter one where the boundary fails
    assert re.compile(rf"\b(?:{trie})\b").findall("talks withheld") == ["talks"]
    # a space in alternation() stands for any white space, as it did
    assert re.fullmatch(alternation(["talks with"]), "talks \n with")


def test_the_same_quoted_words_join_reports_that_share_little_else(config: Config) -> None:
    lexicon = lexicon_for(config)
    own = signature(
        'The minister described the night session as "frank and useful" before leaving.', lexicon
    )
    other = signature(
        'Her counterpart promised more rounds, calling the exchange "frank and useful" while'
        " warning of delays over grain exports.",
        lexicon,
    )
    # the words alone overlap far under any bar: only the quoted phrase can join them
    bare = similarity(replace(own, quotes=frozenset()), replace(other, quotes=frozenset()))
    assert bare < 0.3
    statement = Statement("lavrov", "direct", "frank and useful", (), 0)
    found = matches(statement, own, [Candidate(7, (), other)], 0.45)
    assert [m.development_id for m in found] == [7]
