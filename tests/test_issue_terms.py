"""The issue vocabulary (config/issues.toml): phrasings that name an issue, and near misses that
must not. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from bot.config import Config
from bot.extract.issues import IssueTagger


@pytest.fixture(scope="module")
def tagger(config: Config) -> IssueTagger:
    return IssueTagger(config.issues)


@pytest.mark.parametrize(
    ("text", "issues"),
    [
        # the alliance by its ocean, without "North"
        ("Kyiv was told to give up any hope of joining the Atlantic alliance.", ("nato",)),
        ("The Atlantic coast of France was calm.", ()),
        # holding fire, in the words of a joint statement: a truce, whatever it covers
        ("Both armies will refrain from strikes on each other's ports.", ("ceasefire",)),
        ("The co-chairs asked everyone to refrain from hasty remarks.", ()),
        # the verb's other forms name the truce as its base form does
        ("Nobody spoke of halting the fighting in the east.", ("ceasefire",)),
        ("He dreams of ending the shooting by spring.", ("ceasefire",)),
        # gas is an energy file like oil and power; the weapon and the mask are not
        ("Gas was kept out of the package to please the buyers.", ("energy",)),
        ("Police used tear gas on the crowd outside.", ()),
        ("Gas prices rose again at the pump.", ()),
        # the line the armies face each other across, in the plural too
        ("Kyiv tabled two possible lines of contact.", ("territory",)),
        # changing frontiers is the land question, whoever does it
        ("Borders changed by force will never be accepted.", ("territory",)),
        ("Nobody may redraw the borders of a neighbour.", ("territory",)),
        # a fund named after investment is an institution, not the rebuilding
        ("The Direct Investment Fund sent a delegation to Miami.", ()),
        ("A new investment fund will pay for bridges and schools.", ("reconstruction",)),
        # rebuilding a region is the rebuilding, not the claim to its land
        ("Firms could help rebuild the Donbas within a decade.", ("reconstruction",)),
        ("Moscow will never give up the Donbas.", ("territory",)),
        # working groups on two files are the talks' machinery, not either file
        ("Working groups on ports and prisoners met until dawn.", ("peace_plan",)),
        ("Kyiv wants every prisoner home by winter.", ("prisoners",)),
        # where a truce applies is not the land in dispute
        ("No strikes on power plants on each other's territory.", ("ceasefire", "energy")),
        ("Not one metre of our territory is for sale.", ("territory",)),
        # guarantees that the alliance will not grow are the membership question
        ("Moscow wants guarantees of non-expansion in writing.", ("nato",)),
        ("Kyiv wants guarantees in writing.", ("security_guarantees",)),
        # the assets debate in its own words: escrow, legal risk, whose money it is
        ("An escrow account would keep the funds out of reach.", ("frozen_assets",)),
        ("Belgium will not carry the legal risk alone.", ("frozen_assets",)),
        ("They have already spent Russia's money.", ("frozen_assets",)),
        ("Donors raised money for schools.", ()),
        ("The council says it is our money to spend.", ()),
        # a shared air-defence scheme is one of the guarantees; a shot-down drone is not
        ("The draft on joint air defence was read line by line.", ("security_guarantees",)),
        ("Berlin will fund the air defence component.", ("security_guarantees",)),
        ("Air defence shot down most of the drones overnight.", ()),
        # the grid in everyday words: heat, light, a dark city, a cold winter home
        ("The pause should keep the heat and the lights on.", ("energy",)),
        ("He said Europe would freeze in the dark.", ("energy",)),
        ("It will keep millions of families warm this winter.", ("energy",)),
        ("Two days is long when a city is dark.", ("energy",)),
        ("They kept the talks warm all week.", ("peace_plan",)),
        # how a truce is watched: the monitoring mechanism, checking the pause
        ("The monitoring piece is basically done.", ("ceasefire",)),
        ("Washington will verify the pause from the air.", ("ceasefire",)),
        ("The agency is monitoring the markets.", ()),
        # soldiers handed back in numbers are the exchange
        ("The ministry said it had received 300 servicemen overnight.", ("prisoners",)),
        ("The ministry said it had received 300 letters overnight.", ()),
        # repairs to the grid and the bill for the war's damage are the rebuilding; a library
        # mended after a flood is not (nor evidence that a local brief is about the talks)
        ("Berlin will fund urgent repairs to the power grid.", ("energy", "reconstruction")),
        ("The library reopens after three months of flood repairs.", ()),
        ("Kyiv puts the war damage at a huge sum.", ("reconstruction",)),
        # the talks' process in its own words: a seat at the table, the format, practical steps
        ("Europe must be at the table this time.", ("peace_plan",)),
        ("He left the papers on the table.", ()),
        ("The Baku format still has a chance.", ("peace_plan",)),
        ("It was a real, practical step.", ("peace_plan",)),
        # how far the talks have come, judged: too early, premature - beside the topic named
        ("Talk of a truce now would be premature.", ("ceasefire", "peace_plan")),
        ("It is too early to say who wins the cup.", ()),
        # the land as it is held: the reality on the ground
        ("Kyiv must accept the reality on the ground.", ("territory",)),
        # handing the nuclear plant back is its power and the land it stands on
        ("Moscow agreed to give back the Zaporizhzhia plant.", ("territory", "energy")),
        ("Inspectors toured the Zaporizhzhia plant again.", ("energy",)),
        # what could wreck a deal is not the deal
        ("The money may be the quietest deal-breaker in the room.", ()),
        ("The deal may be signed next week.", ("peace_plan",)),
    ],
)
def test_terms(tagger: IssueTagger, text: str, issues: tuple[str, ...]) -> None:
    assert tagger.tags(text) == issues
