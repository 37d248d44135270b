"""In an interviewer's question, "you said ..." reports what the one interviewed said. Every text
here was written for this test."""

from __future__ import annotations

from bot.extract.statements import Extractor

_INTERVIEW = (
    "Interview: Sergey Lavrov on Valletta and the ceasefire\n\n"
    "Transcript of an interview with Sergey Lavrov recorded in Moscow on 4 March 2027.\n\n"
    "Q: Minister, thank you for your time. What did Valletta change?\n\n"
    "LAVROV: Very little. The talks on a ceasefire go on, and we are patient.\n\n"
    'Q: You told reporters in Valletta that a truce was "not on the table". Is that still so?\n\n'
    "LAVROV: A truce without a settlement is a pause for rearmament. We will not agree to it.\n\n"
    "Q: Do you think the Americans agree with you on the ceasefire?\n\n"
    "LAVROV: Ask them. We talk to Washington every week about the ceasefire.\n"
)


def test_you_said_in_a_question_is_the_interviewees_statement(extractor: Extractor) -> None:
    found = extractor.extract(_INTERVIEW).statements
    told = [s for s in found if s.text.startswith("You told reporters")]
    assert [(s.actor_id, s.kind) for s in told] == [("lavrov", "reported")]
    # a question to him is no statement of his
    assert not any(s.text.startswith("Do you think") for s in found)
