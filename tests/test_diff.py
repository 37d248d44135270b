"""The diff engine: the same statement across outlets is one development; different claims stay
apart."""

from __future__ import annotations

from pathlib import Path

from bot.app.pipeline import lexicon_for
from bot.config import Config
from bot.diff import signature, similarity
from bot.model import Development
from bot.store import Store


def _developments_with(store: Store, actor: str, fragment: str) -> list[Development]:
    return [
        d for d in store.developments(actor=actor) if any(fragment in m.text for m in d.mentions)
    ]


def _files(dev: Development) -> set[str]:
    return {Path(m.url).name for m in dev.mentions}


def test_umerov_post_is_one_development_from_at_least_three_outlets(seeded_store: Store) -> None:
    devs = _developments_with(seeded_store, "umerov", "constructive and productive")
    assert len(devs) == 1
    assert len(_files(devs[0])) >= 3
    # the post's second sentence, quoted alone by other outlets, is the same development
    assert _developments_with(seeded_store, "umerov", "closer to peace") == devs


def test_peskov_nato_remark_in_two_translations_is_one_development(seeded_store: Store) -> None:
    key_one = _developments_with(seeded_store, "peskov", "this issue is a key one")
    cornerstones = _developments_with(seeded_store, "peskov", "one of the cornerstones")
    assert len(key_one) == 1
    assert key_one == cornerstones
    assert "nato" in key_one[0].issues


def test_zelensky_article_5_quote_is_one_development_with_two_mentions(
    seeded_store: Store,
) -> None:
    devs = _developments_with(seeded_store, "zelensky", "Article 5-like guarantees")
    assert len(devs) == 1
    assert len(devs[0].mentions) == 2
    assert _files(devs[0]) == {"002_1c71d3537f0efed3.txt", "004_f673bc6566e3d930.txt"}


def test_zelensky_willingness_to_drop_nato_bid_is_one_development_from_all_five(
    seeded_store: Store,
) -> None:
    devs = _developments_with(seeded_store, "zelensky", "willing to drop its bid")
    assert len(devs) == 1
    assert len(_files(devs[0])) == 5
    assert devs[0].kind == "reported"


def test_different_claims_by_the_same_actor_stay_apart(seeded_store: Store) -> None:
    bid = _developments_with(seeded_store, "zelensky", "willing to drop its bid")[0]
    article5 = _developments_with(seeded_store, "zelensky", "Article 5-like guarantees")[0]
    desire = _developments_with(seeded_store, "zelensky", "Ukraine's desire was to join NATO")[0]
    assert len({bid.id, article5.id, desire.id}) == 3


def test_the_pieces_of_a_split_quote_are_one_development(seeded_store: Store) -> None:
    """ "A," Ushakov said in remarks to state television. "B." is one utterance in two pieces
    (shared/LABELLING.md: one row per piece, same cluster)."""
    first, second = (
        _developments_with(seeded_store, "ushakov", fragment)[0]
        for fragment in ("If relevant amendments", "completely unacceptable")
    )
    assert first.id == second.id


def test_witkoff_progress_remark_groups_across_outlets(seeded_store: Store) -> None:
    devs = _developments_with(seeded_store, "witkoff", "a lot of progress was made")
    assert len(devs) == 1
    assert len(_files(devs[0])) >= 2


def test_similarity_folds_synonyms_and_leaves_out_the_speaker(config: Config) -> None:
    lex = lexicon_for(config)
    a = signature("Zelensky said Kyiv was ready to abandon its NATO ambitions", lex, ["Zelensky"])
    b = signature(
        "Zelenskyy said Ukraine is prepared to drop its bid to join the alliance",
        lex,
        ["Zelenskyy"],
    )
    c = signature("Zelensky said Ukraine would never give its land to Russia", lex, ["Zelensky"])
    assert similarity(a, b, lex.decisive) > similarity(a, c, lex.decisive)
    assert similarity(a, b, lex.decisive) >= 0.45
    assert similarity(a, c, lex.decisive) < 0.45


# --- state belongs to the database it was read from ----------------------------------------------

_GROUPING_SCRIPT = """
import json, sys
from pathlib import Path
from bot.app.ingest import ingest_articles
from bot.config import load_config
from bot.extract.clean import parse_text_file
from bot.store import Store
from tests.conftest import INGEST_TIME, SEEDS
config = load_config(sys.argv[1], {})
paths = sorted(SEEDS.glob("*.txt"))
arts = [parse_text_file(p, p.read_text(encoding="utf-8"), config.media) for p in paths]
store = Store(Path(sys.argv[2]))
ingest_articles(store, config, arts[:3], INGEST_TIME)
ingest_articles(store, config, arts[3:], INGEST_TIME)
groups = [sorted([m.url, m.text] for m in d.mentions) for d in store.developments()]
print(json.dumps(sorted(groups)))
"""


def _grouping(store: Store) -> list[list[list[str]]]:
    return sorted(sorted([m.url, m.text] for m in d.mentions) for d in store.developments())


def test_two_stores_in_one_process_group_as_two_fresh_processes_do(
    tmp_path: Path, config: Config
) -> None:
    """A cache of what one database holds must never decide grouping in another: ingest into a
    first store, then the same articles in two steps into a second, with one shared pipeline, and
    compare with a fresh process doing only the second."""
    import json
    import subprocess
    import sys

    from bot.app.ingest import Pipeline, ingest_articles
    from bot.extract.clean import parse_text_file
    from tests.conftest import INGEST_TIME, ROOT, SEEDS

    paths = sorted(SEEDS.glob("*.txt"))
    articles = [parse_text_file(p, p.read_text(encoding="utf-8"), config.media) for p in paths]
    pipeline = Pipeline(config)
    first = Store(tmp_path / "first.db")
    # other articles first, so the two databases' statement ids overlap with other content
    ingest_articles(first, config, articles[::-1], INGEST_TIME, pipeline=pipeline)
    second = Store(tmp_path / "second.db")
    ingest_articles(second, config, articles[:3], INGEST_TIME, pipeline=pipeline)
    ingest_articles(second, config, articles[3:], INGEST_TIME, pipeline=pipeline)
    fresh = subprocess.run(
        [sys.executable, "-c", _GROUPING_SCRIPT, str(ROOT / "config"), str(tmp_path / "fresh.db")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    expected = json.loads(fresh.stdout)
    assert any(len(group) > 1 for group in expected)  # the seeds do group across outlets
    assert _grouping(second) == expected
    first.close()
    second.close()


def test_pieces_of_one_utterance_and_another_claim(config: Config) -> None:
    from bot.diff import claim_markers, pieces_of_one
    from bot.model import Statement

    claim = claim_markers(dict(config.language.grouping)["another_claim"])

    text = ('"We are ready to talk," Peskov said. "But not under pressure." '
            'He added that Moscow expected an answer by Friday.')  # fmt: skip

    def at(fragment: str, kind: str, actor: str = "peskov") -> Statement:
        return Statement(actor, kind, fragment, ("peace_plan",), position=text.index(fragment))  # type: ignore[arg-type]

    first, second = at("We are ready to talk,", "direct"), at("But not under pressure.", "direct")
    added = at("He added that Moscow expected an answer by Friday.", "reported")
    assert pieces_of_one(first, second, text, claim)  # a quote split around its attribution
    assert not pieces_of_one(second, added, text, claim)  # "He added that": another claim
    assert not pieces_of_one(
        first, at("But not under pressure.", "direct", "kremlin"), text, claim
    )


def test_quoted_fragments_of_one_sentence_are_pieces_of_one_remark(config: Config) -> None:
    from bot.diff import claim_markers, pieces_of_one
    from bot.model import Statement

    claim = claim_markers(dict(config.language.grouping)["another_claim"])
    text = ('The envoy told the press that "the hard part is behind us" and that the corridor '
            'plan "stands as written." Then "nothing is signed yet," she said, and she also '
            'called the hosts "generous to a fault".')  # fmt: skip

    def at(fragment: str) -> Statement:
        return Statement("envoy", "direct", fragment, (), position=text.index(fragment))  # type: ignore[arg-type]

    hard, stands = at("the hard part is behind us"), at("stands as written.")
    signed, hosts = at("nothing is signed yet,"), at("generous to a fault")
    assert pieces_of_one(hard, stands, text, claim)  # one sentence: one remark
    assert not pieces_of_one(stands, signed, text, claim)  # the sentence ended between them
    assert not pieces_of_one(signed, hosts, text, claim)  # "she also called": another claim
    added = ('She added that the convoy would sail "before the first frost" and the hosts '
             'also promised "a second berth".')  # fmt: skip
    sentence = Statement("envoy", "reported", added, (), position=0)  # type: ignore[arg-type]
    frost = Statement("envoy", "direct", "before the first frost", (), added.index("before"))  # type: ignore[arg-type]
    berth = Statement("envoy", "direct", "a second berth", (), added.index("a second"))  # type: ignore[arg-type]
    # the sentence's own "She added" makes it a further remark, the fragment a piece of it
    assert pieces_of_one(sentence, frost, added, claim)
    assert not pieces_of_one(sentence, berth, added, claim)  # "also promised": added inside


def test_a_spokesperson_and_his_institution_are_one_speaker(config: Config) -> None:
    from bot.diff import speaker_groups

    groups = speaker_groups(config.actors)
    assert "peskov" in groups["kremlin"]
    assert groups["zelensky"] == ("zelensky",)
