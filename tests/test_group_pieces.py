"""The pieces of one utterance in an article: a quote split around a long attribution."""

from __future__ import annotations

from bot.config import Config
from bot.diff import claim_markers, pieces_of_one
from bot.model import Statement


def test_a_quote_split_around_a_long_description_of_its_speaker_is_one_remark(
    config: Config,
) -> None:
    claim = claim_markers(dict(config.language.grouping)["another_claim"])
    text = (
        '"The ferry deal is the easy half," said Mira Tallis, a senior fellow at the Lund '
        'Institute for Baltic Affairs, who has watched every round since the spring. "The '
        'harbour fees are the half nobody wants to touch." Tallis thinks "the clock is '
        'running," she said in the lobby. The ministers of both sides left the venue before '
        'noon. "Nobody will sign in March," she also told reporters in the lobby of the hotel, '
        'where the delegations of both sides had waited since the morning. "They will not come."'
    )

    def at(fragment: str) -> Statement:
        return Statement("tallis", "direct", fragment, (), position=text.index(fragment))  # type: ignore[arg-type]

    easy, fees = at("The ferry deal is the easy half,"), at("The harbour fees are")
    clock, sign = at("the clock is running,"), at("Nobody will sign in March,")
    come = at("They will not come.")
    assert pieces_of_one(easy, fees, text, claim)  # one sentence between: its attribution
    assert not pieces_of_one(clock, sign, text, claim)  # two sentences between them
    assert not pieces_of_one(sign, come, text, claim)  # "she also told": another claim
