"""A second language is a file plus tests: Russian copy read with config/lang/ru.toml (« » quotes,
Russian speech verbs in either order, Cyrillic names in their cases). Sentences written for this
test."""

from __future__ import annotations

from bot.extract.statements import Extractor
from bot.model import Statement


def _one(statements: tuple[Statement, ...], fragment: str) -> Statement:
    found = [s for s in statements if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} in {[s.text for s in statements]}"
    return found[0]


def test_a_guillemet_quote_with_the_verb_before_the_speaker(ru: Extractor) -> None:
    text = (
        "МОСКВА, 12 марта. «Мы не исключаем энергетического перемирия, но оно должно быть"
        " взаимным», — заявил журналистам Песков."
    )
    s = _one(ru.extract(text).statements, "Мы не исключаем")
    assert (s.actor_id, s.kind) == ("peskov", "direct")
    assert s.text == "Мы не исключаем энергетического перемирия, но оно должно быть взаимным"
    assert set(s.issues) == {"ceasefire", "energy"}


def test_reported_speech_after_a_role_and_the_name(ru: Extractor) -> None:
    text = (
        "Пресс-секретарь президента России Дмитрий Песков отметил, что переговоры в Стамбуле"
        " идут трудно, но по-деловому."
    )
    s = _one(ru.extract(text).statements, "переговоры в Стамбуле")
    assert (s.actor_id, s.kind) == ("peskov", "reported")
    assert s.issues == ("peace_plan",)


def test_according_to_a_name_in_the_genitive(ru: Extractor) -> None:
    text = (
        "По словам Ушакова, телефонный разговор Путина и Трампа о перемирии пока не планируется."
    )
    s = _one(ru.extract(text).statements, "телефонный разговор")
    assert s.actor_id == "ushakov"


def test_a_quote_after_a_colon_and_a_pronoun_in_the_next_paragraph(ru: Extractor) -> None:
    text = (
        "Зеленский подчеркнул: «Украина не выведет свои войска с Донбасса ни при каких"
        " условиях».\n"
        "Он также добавил, что вопрос территорий будет решать только украинский народ."
    )
    found = ru.extract(text).statements
    quote = _one(found, "Украина не выведет")
    assert (quote.actor_id, quote.kind, quote.issues) == ("zelensky", "direct", ("territory",))
    reported = _one(found, "вопрос территорий")
    assert (reported.actor_id, reported.kind) == ("zelensky", "reported")


def test_a_feminine_speaker_and_a_name_not_in_the_config(ru: Extractor) -> None:
    text = (
        "«Западные санкции не достигли своей цели и никогда её не достигнут», — сказала"
        " Захарова.\n"
        "Депутат Госдумы Алексей Чепа заявил, что позиция Москвы по энергетическому перемирию"
        " не изменилась."
    )
    extraction = ru.extract(text)
    sanctions = _one(extraction.statements, "Западные санкции")
    assert (sanctions.actor_id, sanctions.issues) == ("zakharova", ("sanctions",))
    chepa = _one(extraction.statements, "позиция Москвы")
    assert chepa.actor_id == "aleksei_chepa"
    assert [a.name for a in extraction.new_actors] == ["Алексей Чепа"]


def test_an_off_topic_russian_item_yields_nothing(ru: Extractor) -> None:
    text = (
        "Песков рассказал, что президент смотрел хоккейный матч.\n"
        "«Это был очень хороший матч, президент остался доволен игрой команды», — сказал Песков.\n"
        "Он добавил, что глава государства регулярно следит за чемпионатом.\n"
        "Ранее Кремль сообщил, что президент посетит новую ледовую арену."
    )
    assert ru.extract(text).statements == ()


def test_the_truce_in_coverage_of_an_energy_truce_is_that_truce(ru: Extractor) -> None:
    text = (
        "Удары по энергетической инфраструктуре продолжались всю ночь.\n"
        "Без электричества остались три области, сообщил оператор энергосистемы.\n"
        "В Киеве снова повреждены энергетические объекты.\n"
        "«Перемирие должно соблюдаться обеими сторонами», — заявил Песков."
    )
    s = _one(ru.extract(text).statements, "Перемирие должно")
    assert set(s.issues) == {"ceasefire", "energy"}


def test_a_speakers_description_in_a_relative_clause_is_not_the_issue(ru: Extractor) -> None:
    text = (
        "Умеров, который вырос в Крыму, заявил, что гарантии безопасности должны быть"
        " юридически обязывающими."
    )
    s = _one(ru.extract(text).statements, "гарантии безопасности")
    assert (s.actor_id, s.issues) == ("umerov", ("security_guarantees",))


def test_a_quote_named_by_the_next_paragraph(ru: Extractor) -> None:
    text = (
        "Переговоры о перемирии в Женеве продолжились во второй день.\n"
        "«Без гарантий безопасности не будет никакого перемирия, и мы не уступим ни метра"
        " Донбасса».\n"
        "Об этом заявил журналистам Зеленский в понедельник."
    )
    quote = _one(ru.extract(text).statements, "Без гарантий")
    assert (quote.actor_id, quote.kind) == ("zelensky", "direct")
