"""The reasons of an allocation read as whole sentences, in English and French, for any run."""

import re
from pathlib import Path

from babel.support import Translations
from hypothesis import given, settings

from reuse.allocation import allocate
from reuse.services.allocation_data import summarise
from reuse.services.allocation_reasons import asks, explain
from tests.allocation.strategies import limits, needs, policies, stock

CATALOGUE = Path(__file__).parents[2] / "reuse" / "web" / "translations"


class French:
    """The French catalogue with flask_babel's signatures, without an app."""

    def __init__(self) -> None:
        self.catalogue = Translations.load(str(CATALOGUE), ["fr"])

    def gettext(self, msgid, **values):
        return self.catalogue.gettext(msgid) % values if values else self.catalogue.gettext(msgid)

    def ngettext(self, singular, plural, num, **values):
        values.setdefault("num", num)
        return self.catalogue.ngettext(singular, plural, num) % values


FRENCH = French()


def run_records(classes, wanted, limit, policy):
    result = allocate(classes, wanted, limit=limit, policy=policy)
    summary = summarise(result, wanted, classes)
    run = {
        "policy": policy,
        "limit": limit,
        "shared": summary["shared"],
        "asked_beyond": summary["asked_beyond"],
        "limit_reached": summary["totals"]["limit_reached"],
    }
    return summary["needs"], run


@settings(max_examples=150, deadline=None)
@given(stock(), needs(waves=True), limits, policies)
def test_every_outcome_reads_as_sentences_in_both_languages(classes, wanted, limit, policy):
    """Whatever the run, each need's reason is whole sentences with its numbers filled in: it
    says how many devices the need gets, or that it gets nothing, in English and in French."""
    records, run = run_records(classes, wanted, limit, policy)
    for record in records:
        english = explain(record, run)
        french = explain(record, run, FRENCH)
        for text in (english, french):
            assert "%(" not in text and text.endswith(".")
        if record["allocated"]:
            assert re.search(rf"\bGets {record['allocated']} devices?\b", english)
            assert re.search(rf"\bReçoit {record['allocated']} appareils?\b", french)
        else:
            assert "Gets nothing" in english and "Ne reçoit rien" in french
        assert "Gets" not in french and " device" not in french


def test_what_a_need_asks_is_said_in_words():
    need = {
        "category": "desktop",
        "needs_kit": True,
        "min_ram_gb": 8,
        "min_storage_gb": 256,
        "min_grade": "B",
    }
    assert asks(need) == (
        "desktops with keyboard and mouse, at least 8 GB of RAM, at least 256 GB of storage, "
        "grade B or better"
    )
    assert asks(need, FRENCH) == (
        "ordinateurs fixes avec clavier et souris, au moins 8 Go de mémoire vive, au moins "
        "256 Go de stockage, grade B ou meilleur"
    )
    assert asks({"category": "laptop", "min_grade": "C"}) == "laptops"


def test_the_486_desktops_example_reads_as_a_coordinator_would_say_it():
    """DESIGN section 1: 486 desktops for 27 associations asking 10 to 30 give 18 each."""
    from tests.allocation.test_examples import desktops, need

    records, run = run_records(
        [desktops(486)], [need(i, 10, 30) for i in range(1, 28)], None, "spread"
    )
    assert explain(records[0], run) == (
        "Gets 18 devices: first its minimum of 10, like every need served in this wave. Its "
        "share of the 216 devices left after the minimums is 8 devices: they are shared in "
        "proportion to what each need asked beyond its minimum, 20 for this one of 540 in all."
    )
    assert explain(records[0], run, FRENCH) == (
        "Reçoit 18 appareils : d’abord son minimum de 10, comme chaque besoin servi dans cette "
        "vague. Sa part des 216 appareils restant après les minimums est de 8 appareils : ils "
        "sont partagés en proportion de ce que chaque besoin demandait au-delà de son minimum, "
        "20 pour celui-ci sur 540 en tout."
    )
