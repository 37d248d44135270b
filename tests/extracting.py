"""What the extraction tests share: a lead sentence that puts a text on topic, and the speakers
of the reported statements the engine finds in it."""

from __future__ import annotations

from bot.extract.statements import Extractor

LEAD = "The ceasefire talks in Geneva ended on Friday without a deal on the frozen assets.\n"


def reported_speakers(extractor: Extractor, text: str) -> list[str]:
    """The actor ids of the reported statements in ``LEAD + text``, in text order."""
    found = extractor.extract(LEAD + text).statements
    return [s.actor_id for s in found if s.kind == "reported"]
