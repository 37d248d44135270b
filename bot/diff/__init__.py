"""The diff engine: which statements say the same thing, and so belong to one development.

    signature.py  a statement reduced to what it says (stems, concepts, no speaker names)
    score.py      how surely two signatures say the same thing; the candidates a statement matches
    when.py       the days a statement was said on, from its words (the language's Calendar) and
                  the published date
    place.py      join / new / bridge-merge, the pieces of one utterance in an article, who is one
                  speaker for grouping (speaks_for), the thresholds
    pool.py       one ingest batch's candidates per speaker, kept up to date as placed

Pure: the caller supplies candidates (recent mentions by the same actor, from the store) and
applies the placement.
"""

from bot.diff.place import (
    Placement,
    claim_markers,
    pieces_of_one,
    place,
    said_context,
    same_utterance,
    says_more,
    speaker_groups,
    speaker_of,
    takes_text,
)
from bot.diff.pool import CandidatePool
from bot.diff.score import Candidate, Match, matches, similarity
from bot.diff.signature import Lexicon, NumberWords, Signature, Signer, signature
from bot.diff.when import Calendar

__all__ = [
    "Calendar",
    "Candidate",
    "CandidatePool",
    "Lexicon",
    "Match",
    "NumberWords",
    "Placement",
    "Signature",
    "Signer",
    "claim_markers",
    "matches",
    "pieces_of_one",
    "place",
    "said_context",
    "same_utterance",
    "says_more",
    "signature",
    "similarity",
    "speaker_groups",
    "speaker_of",
    "takes_text",
]
