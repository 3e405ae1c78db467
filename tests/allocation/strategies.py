"""Hypothesis strategies: small random stock and needs, with ties in priority and date."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st

from reuse.allocation import DeviceClass, Need

CATEGORIES = ("desktop", "laptop")
GRADES = ("A", "B", "C")
RAM = (4, 8, 16)
STORAGE = (128, 256, 512)
DAY = datetime(2026, 3, 2, 9, 0)


@st.composite
def stock(
    draw, max_classes: int = 8, max_count: int = 7, plain: bool = False, narrow: bool = False
) -> list[DeviceClass]:
    """Device classes with distinct device ids.

    `plain` gives desktops only; `narrow` gives desktops of one storage size, so that needs
    compete for the same devices more often.
    """
    classes = []
    next_id = draw(st.integers(1, 50))
    for _ in range(draw(st.integers(0, max_classes))):
        count = draw(st.integers(0, max_count))
        classes.append(
            DeviceClass(
                category="desktop" if plain or narrow else draw(st.sampled_from(CATEGORIES)),
                grade=draw(st.sampled_from(GRADES)),
                ram_gb=draw(st.sampled_from(RAM)),
                storage_gb=256 if narrow else draw(st.sampled_from(STORAGE)),
                has_kit=draw(st.booleans()),
                warehouse_id=draw(st.integers(1, 2)),
                device_ids=tuple(range(next_id, next_id + count)),
            )
        )
        next_id += count + draw(st.integers(0, 3))
    return classes


@st.composite
def needs(
    draw,
    max_needs: int = 7,
    plain: bool = False,
    narrow: bool = False,
    waves: bool = False,
    max_min: int = 5,
) -> list[Need]:
    """Needs with unique ids.

    `plain` gives unconstrained desktop needs, `narrow` desktop needs with loose constraints,
    `waves` needs that earlier waves may have served in part.
    """
    count = draw(st.integers(0, max_needs))
    ids = draw(st.permutations(range(1, count + 1)))
    result = []
    for need_id in ids:
        quantity_min = draw(st.integers(0, max_min))
        quantity_max = max(1, quantity_min + draw(st.integers(0, 6)))
        constrained = not plain and draw(st.booleans())
        ram, storage, grade = (None, None, 8), (None, None), (None, None, "B", "A")
        if not narrow:
            ram, storage, grade = (None, None, *RAM), (None, None, *STORAGE), (None, None, *GRADES)
        result.append(
            Need(
                id=need_id,
                association_id=100 + need_id,
                category="desktop" if plain or narrow else draw(st.sampled_from(CATEGORIES)),
                quantity_min=quantity_min,
                quantity_max=quantity_max,
                priority=draw(st.integers(1, 3)),
                submitted_at=DAY + timedelta(days=draw(st.integers(0, 2))),
                min_ram_gb=draw(st.sampled_from(ram)) if constrained else None,
                min_storage_gb=draw(st.sampled_from(storage)) if constrained else None,
                min_grade=draw(st.sampled_from(grade)) if constrained else None,
                needs_kit=draw(st.booleans()) if constrained else False,
                already_received=draw(st.integers(0, 8)) if waves and draw(st.booleans()) else 0,
            )
        )
    return result


limits = st.one_of(st.none(), st.integers(0, 30))
policies = st.sampled_from(("spread", "fill"))


PROFILES = (("A", 16, True), ("B", 8, True), ("C", 8, False), ("B", 4, False))
PATTERNS = (
    {},
    {"min_ram_gb": 16},
    {"needs_kit": True},
    {"min_grade": "B"},
    {"min_ram_gb": 8, "needs_kit": True},
)


@st.composite
def contended(draw) -> tuple[list[DeviceClass], list[Need]]:
    """Few desktop profiles in quantity and needs whose constraints overlap: fit decides often."""
    classes, next_id = [], 1
    for grade, ram, kit in PROFILES:
        count = draw(st.integers(0, 15))
        ids = tuple(range(next_id, next_id + count))
        classes.append(DeviceClass("desktop", grade, ram, 256, kit, 1, ids))
        next_id += count
    wanted = []
    for need_id in range(1, draw(st.integers(2, 7)) + 1):
        low = draw(st.integers(0, 4))
        wanted.append(
            Need(
                id=need_id,
                association_id=need_id,
                category="desktop",
                quantity_min=low,
                quantity_max=low + draw(st.integers(1, 12)),
                priority=draw(st.integers(1, 2)),
                submitted_at=DAY,
                **draw(st.sampled_from(PATTERNS)),
            )
        )
    return classes, wanted


@st.composite
def cases(draw, waves: bool = True) -> tuple[list[DeviceClass], list[Need]]:
    """Stock and needs together: wide, narrow (needs compete for devices) or contended."""
    mode = draw(st.sampled_from(("wide", "narrow", "contended")))
    if mode == "contended":
        return draw(contended())
    narrow = mode == "narrow"
    return draw(stock(narrow=narrow)), draw(needs(narrow=narrow, waves=waves))
