"""Why a need got what it got, in sentences a person who was not in the room can follow.

One place writes these sentences for every face. They are English here; the web passes
flask_babel (whose `gettext(msgid, **values)` and `ngettext(singular, plural, num, **values)`
have the signature of `Translator`) to have them in the page's language. Sentences are whole,
so that a translation never glues fragments together.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from reuse.allocation import Cause, Kind


class Translator(Protocol):
    """What the sentences need of a translation: flask_babel's two functions."""

    def gettext(self, msgid: str, **values: Any) -> str: ...

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str: ...


class English:
    """The sentences as written: no translation, English plural rule."""

    @staticmethod
    def gettext(msgid: str, **values: Any) -> str:
        """`msgid` with its values."""
        return msgid % values if values else msgid

    @staticmethod
    def ngettext(singular: str, plural: str, num: int, **values: Any) -> str:
        """The singular or plural form, with its values and `num`."""
        values.setdefault("num", num)
        return (singular if num == 1 else plural) % values


ENGLISH = English()


def _l(msgid: str) -> str:
    """Mark a word for the catalogue (as reuse.web.messages does); translated when written."""
    return msgid


#: Categories as a need names them, in the plural ("asks for desktops").
CATEGORY_PLURAL = {
    "desktop": _l("desktops"),
    "laptop": _l("laptops"),
    "tablet": _l("tablets"),
    "smartphone": _l("smartphones"),
    "monitor": _l("monitors"),
    "other": _l("other devices"),
}


def asks(need: Mapping[str, Any], tr: Translator = ENGLISH) -> str:
    """What a need asks for: category and constraints ("desktops with keyboard and mouse...")."""
    devices = tr.gettext(CATEGORY_PLURAL.get(need["category"], need["category"]))
    if need.get("needs_kit"):
        devices = tr.gettext("%(devices)s with keyboard and mouse", devices=devices)
    parts = [devices]
    if need.get("min_ram_gb"):
        parts.append(tr.gettext("at least %(ram)s GB of RAM", ram=need["min_ram_gb"]))
    if need.get("min_storage_gb"):
        parts.append(
            tr.gettext("at least %(storage)s GB of storage", storage=need["min_storage_gb"])
        )
    if need.get("min_grade") in ("A", "B"):
        parts.append(tr.gettext("grade %(grade)s or better", grade=need["min_grade"]))
    return ", ".join(parts)


def explain(need: Mapping[str, Any], run: Mapping[str, Any], tr: Translator = ENGLISH) -> str:
    """Why `need` (a record of a run's summary) got what it got, in one to three sentences.

    `run` holds the run's policy, limit, `shared` (devices shared after the minima) and
    `asked_beyond` (what the served needs asked beyond their minima).
    """
    reason = need["reason"]
    kind = Kind(reason["kind"])
    parts = []
    earlier = need.get("earlier", 0)
    if earlier:
        parts.append(
            tr.ngettext(
                "It already received %(num)s device in earlier waves (it asked %(low)s to "
                "%(high)s).",
                "It already received %(num)s devices in earlier waves (it asked %(low)s to "
                "%(high)s).",
                earlier,
                low=need["quantity_min"],
                high=need["quantity_max"],
            )
        )
    if kind is Kind.NOT_SERVED:
        parts.append(_not_served(need, run, tr))
    elif kind is Kind.FILLED or (run["policy"] == "fill" and kind is Kind.MINIMUM):
        parts.append(_filled(need, run, tr))
    else:
        parts.append(_spread(need, run, tr))
    return " ".join(parts)


def _minimum_clause(need: Mapping[str, Any], tr: Translator) -> str:
    """How the minimum part reads: its own minimum, or what was left of it after earlier waves."""
    minimum = need["reason"]["minimum"]
    if need.get("earlier") and minimum:
        return tr.gettext(
            "the %(num)s it still needed to reach its minimum of %(low)s",
            num=minimum,
            low=need["quantity_min"],
        )
    return tr.gettext("its minimum of %(minimum)s", minimum=minimum)


def _spread(need: Mapping[str, Any], run: Mapping[str, Any], tr: Translator) -> str:
    reason = need["reason"]
    given = need["allocated"]
    minimum = reason["minimum"]
    share = reason["proportional"] + reason["remainder"]
    beyond = need["remaining_max"] - need["remaining_min"]
    if minimum == 0:
        sentences = [
            tr.ngettext(
                "Gets %(num)s device in this wave; its minimum was already met.",
                "Gets %(num)s devices in this wave; its minimum was already met.",
                given,
            )
        ]
    elif beyond == 0:
        sentences = [
            tr.ngettext(
                "Gets %(num)s device: %(minimum)s, which is also the most it asked.",
                "Gets %(num)s devices: %(minimum)s, which is also the most it asked.",
                given,
                minimum=_minimum_clause(need, tr),
            )
        ]
    else:
        sentences = [
            tr.ngettext(
                "Gets %(num)s device: first %(minimum)s, like every need served in this wave.",
                "Gets %(num)s devices: first %(minimum)s, like every need served in this wave.",
                given,
                minimum=_minimum_clause(need, tr),
            )
        ]
    if not beyond:
        return " ".join(sentences)
    if not run.get("shared"):
        sentences.append(_nothing_to_share(run, tr))
    elif not share:
        sentences.append(
            tr.gettext(
                "Its share of the %(shared)s devices left after the minimums came to less than "
                "one device (it asked %(beyond)s beyond its minimum, of %(asked)s asked beyond "
                "the minimums in all), and the devices left over by rounding went to larger "
                "fractions.",
                shared=run["shared"],
                beyond=beyond,
                asked=run["asked_beyond"],
            )
        )
    else:
        sentences.append(
            tr.ngettext(
                "Its share of the %(shared)s devices left after the minimums is %(num)s device: "
                "they are shared in proportion to what each need asked beyond its minimum, "
                "%(beyond)s for this one of %(asked)s in all.",
                "Its share of the %(shared)s devices left after the minimums is %(num)s devices: "
                "they are shared in proportion to what each need asked beyond its minimum, "
                "%(beyond)s for this one of %(asked)s in all.",
                share,
                shared=run["shared"],
                beyond=beyond,
                asked=run["asked_beyond"],
            )
        )
        if reason["remainder"]:
            sentences.append(
                tr.gettext(
                    "This includes 1 device from rounding: shares are rounded down, and the "
                    "devices left over go to the largest fractions."
                )
            )
    adjustment = reason["adjustment"]
    if adjustment < 0:
        sentences.append(
            tr.gettext(
                "It gets %(num)s of them, not %(share)s: too few of the devices left fit what it "
                "asks (%(asks)s).",
                num=share + adjustment,
                share=share,
                asks=asks(need, tr),
            )
        )
    elif adjustment > 0:
        sentences.append(
            tr.gettext(
                "It gets %(num)s more than its share: devices that fit it were left over that "
                "did not fit the needs whose share they would have made up.",
                num=adjustment,
            )
        )
    return " ".join(sentences)


def _nothing_to_share(run: Mapping[str, Any], tr: Translator) -> str:
    if run.get("limit_reached"):
        return tr.gettext(
            "Nothing more: the wave limit of %(limit)s devices was reached with the minimums.",
            limit=run["limit"],
        )
    return tr.gettext(
        "Nothing more: no device that fits a served need was left once every served need had "
        "its minimum."
    )


def _filled(need: Mapping[str, Any], run: Mapping[str, Any], tr: Translator) -> str:
    given = need["allocated"]
    minimum = need["reason"]["minimum"]
    sentences = [
        tr.gettext(
            "With the fill policy, needs are served one after another by priority and submission "
            "date, each up to its maximum."
        )
    ]
    if given == need["remaining_max"]:
        sentences.append(
            tr.ngettext(
                "Gets %(num)s device, which brings it to its maximum of %(high)s.",
                "Gets %(num)s devices, which brings it to its maximum of %(high)s.",
                given,
                high=need["quantity_max"],
            )
        )
    elif given == minimum:
        if run.get("limit_reached"):
            sentences.append(
                tr.ngettext(
                    "Gets %(num)s device: %(minimum)s, and no more, as the wave limit of "
                    "%(limit)s devices was then reached.",
                    "Gets %(num)s devices: %(minimum)s, and no more, as the wave limit of "
                    "%(limit)s devices was then reached.",
                    given,
                    minimum=_minimum_clause(need, tr),
                    limit=run["limit"],
                )
            )
        else:
            sentences.append(
                tr.ngettext(
                    "Gets %(num)s device: %(minimum)s, and no more, as no other device that fits "
                    "what it asks (%(asks)s) was left.",
                    "Gets %(num)s devices: %(minimum)s, and no more, as no other device that fits "
                    "what it asks (%(asks)s) was left.",
                    given,
                    minimum=_minimum_clause(need, tr),
                    asks=asks(need, tr),
                )
            )
    elif run.get("limit_reached"):
        if minimum:
            sentences.append(
                tr.ngettext(
                    "Gets %(num)s device: %(minimum)s and what was left before the wave limit "
                    "of %(limit)s devices was reached.",
                    "Gets %(num)s devices: %(minimum)s and what was left before the wave limit "
                    "of %(limit)s devices was reached.",
                    given,
                    minimum=_minimum_clause(need, tr),
                    limit=run["limit"],
                )
            )
        else:
            sentences.append(
                tr.ngettext(
                    "Gets %(num)s device: what was left before the wave limit of %(limit)s "
                    "devices was reached.",
                    "Gets %(num)s devices: what was left before the wave limit of %(limit)s "
                    "devices was reached.",
                    given,
                    limit=run["limit"],
                )
            )
    elif minimum:
        sentences.append(
            tr.ngettext(
                "Gets %(num)s device: %(minimum)s and every device left that fits what it asks "
                "(%(asks)s).",
                "Gets %(num)s devices: %(minimum)s and every device left that fits what it asks "
                "(%(asks)s).",
                given,
                minimum=_minimum_clause(need, tr),
                asks=asks(need, tr),
            )
        )
    else:
        sentences.append(
            tr.ngettext(
                "Gets %(num)s device: every device left that fits what it asks (%(asks)s).",
                "Gets %(num)s devices: every device left that fits what it asks (%(asks)s).",
                given,
                asks=asks(need, tr),
            )
        )
    return " ".join(sentences)


def _not_served(need: Mapping[str, Any], run: Mapping[str, Any], tr: Translator) -> str:
    cause = Cause(need["reason"]["cause"])
    minimum = need["remaining_min"]
    what = asks(need, tr)
    if cause is Cause.ALREADY_SATISFIED:
        return tr.gettext(
            "Gets nothing in this wave: earlier waves already gave it its maximum of %(high)s.",
            high=need["quantity_max"],
        )
    if cause is Cause.FIT:
        return tr.gettext(
            "Gets nothing in this wave: no ready device fits what it asks (%(asks)s).", asks=what
        )
    if minimum == 0:
        # Its minimum was met by earlier waves and nothing that fits it was left.
        if cause is Cause.LIMIT:
            return tr.gettext(
                "Gets nothing more in this wave: its minimum is already met, and the wave limit "
                "of %(limit)s devices was reached before its turn.",
                limit=run["limit"],
            )
        return tr.gettext(
            "Gets nothing more in this wave: its minimum is already met, and no device that "
            "fits what it asks (%(asks)s) was left after the needs ranked before it.",
            asks=what,
        )
    rule = tr.gettext("A need gets at least its minimum in a wave, or nothing.")
    rank = tr.gettext(
        "Needs are taken by priority (1 first), then by submission date; this one has priority "
        "%(priority)s and was submitted on %(date)s.",
        priority=need["priority"],
        date=_day(need["submitted_at"]),
    )
    if cause is Cause.LIMIT:
        sentences = [
            tr.gettext(
                "Gets nothing in this wave: after the needs ranked before it, the wave limit of "
                "%(limit)s devices left no room for its minimum of %(num)s.",
                num=minimum,
                limit=run["limit"],
            ),
            rule,
            rank,
        ]
    elif cause is Cause.STOCK:
        sentences = [
            tr.gettext(
                "Gets nothing in this wave: only %(fitting)s ready devices fit what it asks "
                "(%(asks)s), fewer than its minimum of %(num)s.",
                num=minimum,
                fitting=need.get("fitting", 0),
                asks=what,
            ),
            rule,
        ]
    else:
        sentences = [
            tr.gettext(
                "Gets nothing in this wave: %(fitting)s ready devices fit what it asks "
                "(%(asks)s), but the needs ranked before it took so many of them that fewer than "
                "its minimum of %(num)s were left.",
                num=minimum,
                fitting=need.get("fitting", 0),
                asks=what,
            ),
            rule,
            rank,
        ]
    return " ".join(sentences)


def _day(value: str | datetime) -> str:
    """A submission date as YYYY-MM-DD, read the same in every language."""
    if isinstance(value, str):
        return value[:10]
    return value.date().isoformat()
