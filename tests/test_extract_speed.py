"""Pure-speed paths of the extractor find exactly what the plain ones find."""

from __future__ import annotations

import re

import pytest

from bot.config import Config
from bot.extract.issues import IssueTagger
from bot.extract.regex_source import first_letters
from bot.extract.statements import Extractor
from bot.language import Caseless, CaselessPattern, longest_first

_WORDS = ("envoy", "secretary", "minister")


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("The ENVOY met the Secretary and the minister.", True),
        ("Ministers and envoys, secretary-general", True),
        ("the mınister (a dotless i) spoke", False),  # case-insensitive "i" matches "ı"
        ("a ſecretary (a long s) spoke", False),  # ... and "s" the long "ſ"
        ("İstanbul's envoy", False),  # "İ" lower-cases to two characters
        ("ΣΟΦΙΑΣ envoy", True),  # Greek: no case partner of the words' letters
    ],
)
def test_caseless_search_finds_what_a_case_insensitive_one_finds(text: str, fast: bool) -> None:
    pattern = r"(?<![\w-])(?:" + longest_first(_WORDS) + r")(?![\w-])"
    slow = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    lowered = Caseless(_WORDS).text(text)
    assert (lowered is not None) == fast
    searched = [m.span() for m in re.finditer(pattern, lowered or text, re.I * (not lowered))]
    assert searched == slow


def test_mentions_in_text_the_fast_path_cannot_read_are_still_found(
    extractor: Extractor,
) -> None:
    # "mınister" with a dotless i is "minister" to a case-insensitive pattern
    plain = extractor.index.find("The minister said the talks would go on.")
    dotless = extractor.index.find("The mınister said the talks would go on.")
    assert [(m.kind, m.start, m.end) for m in dotless] == [(m.kind, m.start, m.end) for m in plain]
    assert [m.kind for m in plain] == ["role"]


def test_folding_by_replacement_gives_what_the_translate_table_gives(
    extractor: Extractor,
) -> None:
    index = extractor.index
    text = "“It’s a ‘non‑starter’ — a red line,” the envoy said\u00a0– again."
    assert index.fold(text) == text.translate(index.language.fold_table())
    assert index.fold("no typographic marks here") == "no typographic marks here"


def test_a_fold_table_that_chains_characters_is_translated_not_replaced() -> None:
    from bot.extract.actors import _replacements

    # "a" -> "b" and "b" -> "c": one pass maps "ab" to "bc", two replaces would give "cc"
    assert _replacements(str.maketrans({"a": "b", "b": "c"})) is None
    assert _replacements(str.maketrans({"’": "'"})) == (("’", "'"),)


def test_cheap_tests_before_cleaning_patterns_keep_what_they_remove() -> None:
    from bot.extract.clean import clean_text

    text = (
        "The envoy said the draft was ready https://t.co/Ab12Cd\n"
        "Write to desk.editor@example.org for corrections.\n"
        "A line with neither link nor address stays as it is."
    )
    assert clean_text(text).split("\n") == [
        "The envoy said the draft was ready",
        "Write to  for corrections.",
        "A line with neither link nor address stays as it is.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sign up for our Morning Briefing",
        "SUBSCRIBE NOW",
        "a ſubscriber (a long s) signs up",  # "s" matches the long "ſ" case-insensitively
        "İstanbul talks: manage preferences",  # "İ" lower-cases to two characters
        "The envoy spoke for an hour.",
    ],
)
def test_a_caseless_pattern_finds_what_the_case_insensitive_one_finds(text: str) -> None:
    source = r"\b(?:sign up|subscribe|manage preferences|ſubscriber)\b"
    assert CaselessPattern(source).found(text) == bool(re.search(source, text, re.IGNORECASE))


def test_a_pattern_where_case_matters_is_searched_as_written() -> None:
    # a capital or an inline flag: lower-casing the text would find what the pattern does not
    assert not CaselessPattern(r"(?-i:nato) summit").found("NATO summit")
    assert CaselessPattern(r"\S+ summit").found("NATO summit")
    assert not CaselessPattern(r"\S+ summit").found(" summit")


@pytest.mark.parametrize(
    ("source", "letters"),
    [
        ("refiner(?:y|ies)", "r"),
        ("(?:oil )?refiner(?:y|ies)", "or"),  # an optional part: what follows opens too
        ("(?<!near )(?:donbas+|donetsk)", "d"),  # a lookbehind adds no character
        (r"(?:\d+|twenty)[ -]points?", "0123456789t"),
        ("[sz]one|cap{1,2}", "csz"),
        (r"u\.s\. troops", "u"),
    ],
)
def test_first_letters_reads_what_a_term_opens_with(source: str, letters: str) -> None:
    assert first_letters(source) == frozenset(letters)


@pytest.mark.parametrize(
    "source", [r"\w+ talks", "x?", "(?:a|)", "[^a]bc", ".x", "(?i:nato)", "(?=x)", "(?P<n>a)"]
)
def test_first_letters_gives_up_where_any_character_could_open(source: str) -> None:
    assert first_letters(source) is None


def test_the_issue_scan_finds_the_terms_it_finds_trying_every_term_everywhere(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        "An energy truce would halt strikes on refineries and the grid by the spring.",
        "Kyiv will not cede Donetsk, and a cap on its army of 600,000 is off the table.",
        "The 20-point plan is 90% agreed, with 1,000 for 1,000 prisoner swaps next.",
        "Foreign troops on Ukrainian soil, and U.S. troops near the front line, he said.",
        "Переговоры о прекращении огня и о территории Украины продолжатся в пятницу.",
        "Frozen assets, sanctions relief and elections after martial law were all raised.",
    ]
    fast = IssueTagger(config.issues)
    monkeypatch.setattr("bot.extract.issues.first_letters", lambda source: None)
    plain = IssueTagger(config.issues)
    for text in texts:
        assert fast.hits(text) == plain.hits(text)
    assert all(fast.hits(text) for text in texts)


@pytest.mark.parametrize(
    ("term", "forms"),
    [
        ("(?:oil )?refiner(?:y|ies)", {"oil refiner(?:y|ies)", "refiner(?:y|ies)"}),
        ("cede|ceding", {"cede", "ceding"}),
        ("(?<!in )the zone", {"t(?<!in t)he zone"}),
        ("(?<=to )annex", {"a(?<=to a)nnex"}),
        ("(?:a|b)(?:c|d) x", {"a(?:c|d) x", "b(?:c|d) x"}),  # the leading group only
        (r"(?<!eu |wto )membership", {r"(?<!eu |wto )membership"}),  # alternatives: kept
        (r"(?:\d+|[a-z]+ty) figure", {r"\d+ figure", "[a-z]+ty figure"}),
        ("(?:ab)+c", {"(?:ab)+c"}),  # a repeated group is not spread
        ("(?:x|y", {"(?:x|y"}),  # not read: as written
    ],
)
def test_a_term_is_scanned_as_forms_that_open_on_a_plain_character(
    term: str, forms: set[str]
) -> None:
    from bot.extract.issues import _forms

    assert set(_forms(term)) == forms


@pytest.mark.parametrize(
    "text",
    [
        "the zone, in the zone, within the zone",
        "a refinery, an oil refinery, refiners, oil refineries",
        "plans to annex it; to annex Crimea; annexation",
        "ac x, ad x, bd x, bc y, bc x",
        "twenty figure, 20 figure, a figure",
    ],
)
def test_the_forms_of_a_term_match_where_the_term_matches(text: str) -> None:
    from bot.extract.issues import _BOUNDED, _forms

    for term in ["(?<!in )the zone", "(?:oil )?refiner(?:y|ies)", "(?<=to )annex",
                 "(?:a|b)(?:c|d) x", r"(?:\d+|[a-z]+ty) figure"]:  # fmt: skip
        whole = re.compile(_BOUNDED.format(term))
        spread = re.compile(_BOUNDED.format("|".join(f"(?:{f})" for f in _forms(term))))
        starts = [m.start() for m in whole.finditer(text)]
        assert [m.start() for m in spread.finditer(text)] == starts


@pytest.mark.parametrize(
    ("form", "needs"),
    [
        ("[a-z]+ty figure", [{"ty figure"}]),
        (r"\d+ ?(?:%|per ?cent) of", [{"%", "cent"}, {" of"}]),  # a group it cannot skip
        ("cede|ceding|concessions? of land", [{"cede", "ceding", "concession"}]),
        ("(?:abc )?defg", [{"defg"}]),  # an optional group needs nothing
        ("(?<!x )a(?=yz)b+c", [{"a"}, {"c"}]),  # nor a lookaround, nor a repeated character
        ("(?:x|y", []),  # not read
    ],
)
def test_a_term_needs_the_literals_it_cannot_match_without(
    form: str, needs: list[set[str]]
) -> None:
    from bot.extract.issues import _needs

    assert [set(choice) for choice in _needs(form)] == needs


def test_the_issue_scan_of_forms_finds_what_the_terms_as_written_find(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        "Kyiv will not cede Donetsk or withdraw from the zone; an oil refinery near Odesa burned.",
        "The so-called peace deal, NATO membership and EU membership were raised in Geneva.",
        "Twenty per cent of the text is open, and the 1,000 for 1,000 exchange went ahead.",
        "The 20-point plan is 90 per cent agreed; the 30% figure and the 5th package stand.",
    ]
    fast = IssueTagger(config.issues)
    monkeypatch.setattr("bot.extract.issues._forms", lambda term: [term])
    monkeypatch.setattr("bot.extract.issues._needs", lambda form: ())
    plain = IssueTagger(config.issues)
    for text in texts:
        assert fast.hits(text) == plain.hits(text)
    assert all(fast.hits(text) for text in texts)


def test_a_post_the_article_quotes_goes_whatever_its_case_and_punctuation() -> None:
    from bot.extract.clean import clean_text

    post = "The delegations finished the second day; the texts go to the capitals now."
    signature = "— Anna Example (@anna_example) March 3, 2026"
    quoted = (
        "She wrote that THE DELEGATIONS FINISHED the second day - the texts go to the capitals"
        " now."
    )
    assert post not in clean_text("\n".join([quoted, post, signature]))
    kept = clean_text("\n".join(["The round ended late.", post, signature]))
    assert post in kept
    assert "— Anna Example" in kept


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said so.",  # a form at the very start
        "An anti-Zelensky rally, a pro-Peskov blog, and Peskov, Zelensky and Dmitry Peskov.",
        "Kyiv\nZelensky's office, (Peskov) and «Zelensky»",
        "PeskovZelensky run together; Zelenskyism",
    ],
)
def test_skipping_ahead_to_a_names_first_letter_finds_the_same_names(text: str) -> None:
    from bot.extract.actors import alternation

    table = {form: form for form in ("Zelensky", "Zelensky's office", "Peskov", "Dmitry Peskov")}
    plain, skipping = alternation(table, 0), alternation(table, 0, skip_ahead=True)
    assert plain is not None
    assert skipping is not None
    assert [m.span() for m in skipping.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [bool(skipping.match(text, i)) for i in range(len(text))] == [
        bool(plain.match(text, i)) for i in range(len(text))
    ]


@pytest.mark.parametrize("caseless", [False, True])
def test_a_word_trie_matches_what_the_longest_first_alternation_matches(caseless: bool) -> None:
    from bot.language import any_word

    words = ["minister", "foreign minister", "min", "envoy", "Envoy", "envoys", "a", "an"]
    text = "The Foreign Minister met an envoy, Envoys and the mini minister; a min. an ENVOY"
    flags = re.IGNORECASE if caseless else 0
    for after in (r"(?![\w-])", r"s?\b", r"\s+\w+", ""):
        plain = re.compile(rf"(?<![\w-])(?P<w>{longest_first(words)}){after}", flags)
        trie = re.compile(rf"(?<![\w-])(?P<w>{any_word(words, caseless=caseless)}){after}", flags)
        assert [m.span("w") for m in trie.finditer(text)] == [
            m.span("w") for m in plain.finditer(text)
        ]


@pytest.mark.parametrize(
    "para",
    [
        "The Ministry of Foreign Affairs of Norway said the talks were useful.",
        "THE MINISTRY OF DEFENCE OF ESTONIA SAID THE TALKS WERE USEFUL.",
        "A statement from the Federal Chancellery said the draft was ready.",
        "The joint communique issued by the Norwegian and Swiss foreign ministries was short.",
        "The Finnish and Estonian delegations said the draft was ready.",
        "The mınistry (a dotless i) of Finance of Latvia said the draft was ready.",
        "Nobody in this sentence heads anything.",
    ],
)
def test_institutions_gated_by_a_word_they_need_find_what_the_full_patterns_find(
    extractor: Extractor, para: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    institutions = extractor.institutions
    mentions = extractor.index.find(para)
    gated = institutions.mentions(para, mentions)
    for gate in ("_any_head", "_any_joint", "_any_issuing"):
        # a gate that lets every paragraph through
        monkeypatch.setattr(institutions, gate, CaselessPattern(""))
    assert institutions.mentions(para, mentions) == gated


def test_the_mentions_kept_for_a_text_are_given_anew_to_each_caller(extractor: Extractor) -> None:
    text = "The minister told the envoy that the talks would resume in Geneva."
    first = extractor.index.find(text)
    first.append(first[0])  # a caller's own list: what it adds is not kept
    again = extractor.index.find(text)
    assert again == first[:-1]
    assert [m.kind for m in again] == ["role", "role"]
    # "unknown" is part of what is kept: without it, names the config lacks are left out
    named = "Ingrid Solberg told the envoy that the talks would resume."
    assert "unknown" in [m.kind for m in extractor.index.find(named)]
    assert "unknown" not in [m.kind for m in extractor.index.find(named, unknown=False)]


@pytest.mark.parametrize(
    "text",
    [
        "Talks resumed, as delegations gathered in Geneva, and the envoy said so.",
        "TALKS RESUMED, AS DELEGATIONS GATHERED IN GENEVA.",
        "Talks resumed, as delegatıons gathered in Geneva.",  # a dotless i
        "İstanbul talks resumed, as delegations gathered.",
    ],
)
def test_a_caseless_patterns_matches_are_where_the_case_insensitive_ones_are(text: str) -> None:
    source = r",\s+as\s+[a-z]+\s+(?:gathered|met)\b"
    expected = [m.span() for m in re.finditer(source, text, re.IGNORECASE)]
    assert expected  # every text holds one, in whatever case
    pattern = CaselessPattern(source)
    assert [m.span() for m in pattern.finditer(text)] == expected
    first = pattern.search(text)
    assert first is not None
    assert first.span() == expected[0]


def test_a_speakers_description_is_found_whatever_its_case(extractor: Extractor) -> None:
    reader = extractor.reader
    said = "Olena Marchuk, the CEO of a grid operator, said repairs would take weeks."
    (span,) = reader.descriptions(said)
    assert said[span[0] : span[1]] == "CEO of a grid operator"
    assert reader.descriptions(said.upper()) == [span]
    # "who" opens a description only after a comma or a speaker's noun
    assert reader.descriptions("Those who want war said nothing.") == []


@pytest.mark.parametrize(
    "text",
    [
        "It was also stated by Foreign Minister Sergei Lavrov that the talks would go on.",
        "It was noted at the Kremlin that the round had ended.",
        "Asked whether he trusted Putin, Zelensky said the talks would decide.",
        "ASKED whether he trusted Putin, Zelensky said the talks would decide.",
        "Pressed on whether Putin would come, Peskov said he would not.",
    ],
)
def test_the_cheap_test_for_a_question_verb_changes_no_statement(
    extractor: Extractor, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read() -> list[tuple[str, str, str]]:
        return [(s.actor_id, s.kind, s.text) for s in extractor.extract(text).statements]

    found = read()
    assert found  # each text is a statement
    monkeypatch.setattr(extractor.coref, "_asking", None)  # every sentence read word by word
    assert read() == found


@pytest.mark.parametrize(
    "text",
    [
        "One official said the talks had stalled. Another said they would resume.",
        "A diplomat said the draft was ready. A Second said it was not.",
        "The envoy said nothing more about the draft.",
    ],
)
def test_the_cheap_test_for_one_more_unnamed_source_finds_what_the_full_pattern_finds(
    extractor: Extractor, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = extractor.index
    found = index.find(text)
    monkeypatch.setattr(index, "_another_hint", None)  # the full pattern over every text
    index._found.cache_clear()
    assert index.find(text) == found


def test_ascii_text_is_read_lower_cased_unless_a_word_has_an_ascii_case_partner() -> None:
    # no ASCII letter lower-cases to a partner of "envoy"'s letters ("ſ", "ı" are not ASCII)
    assert Caseless(_WORDS).text("The ENVOY spoke") == "the envoy spoke"
    # a dotless "ı" in a word matches the ASCII "i" case-insensitively: ASCII text is searched
    # as written then
    assert re.search("kırım", "the kirim talks", re.IGNORECASE) is not None
    assert Caseless(["kırım"]).text("the kirim talks") is None


@pytest.mark.parametrize(
    "text",
    ["on 10 December, in Geneva", "on Dec. 15, 2026 and 12 March", "in the spring", ""],
)
def test_dates_are_taken_out_only_where_a_digit_is_yet_as_the_full_pattern_takes_them(
    extractor: Extractor, text: str
) -> None:
    candidates = extractor.candidates
    assert candidates._undated(text) == candidates._date.sub(" ", text)


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Lavrov said the troops would be targets. (Agency/Pool)",
        "Delegations arrive in Geneva (photo: Jane Doe/Agency)  ",
        "Photo credit: Jane Doe/Agency",
        "The envoy said: no deal yet.",
        "A line (with a bracket) in the middle.",
        "It ended.  (Agency Photo)",
    ],
)
def test_a_photo_credit_is_looked_for_only_where_one_could_end_the_line(line: str) -> None:
    from bot.extract.segment import _CREDIT, _without_credit

    assert _without_credit(line) == _CREDIT.sub("", line)
