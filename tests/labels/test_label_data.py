"""LabelData: what a label may carry."""

import dataclasses

import pytest

from labels import LabelData
from tests.labels.samples import make_label


def test_label_data_has_no_field_for_donor_or_asset_tag():
    names = {field.name for field in dataclasses.fields(LabelData)}
    assert names == {
        "code",
        "url",
        "category",
        "manufacturer",
        "model",
        "specs",
        "grade",
        "programme",
    }


def test_label_data_is_frozen():
    label = make_label()
    with pytest.raises(dataclasses.FrozenInstanceError):
        label.code = "BBBB-BBBB-B"  # type: ignore[misc]


def test_label_data_refuses_an_empty_url():
    with pytest.raises(ValueError, match="URL"):
        make_label(url="")


def test_programme_is_optional():
    label = LabelData("KXBT-RHNP-R", "https://x/d/KXBTRHNPR", "desktop", "HP", "800 G3", "", None)
    assert label.programme is None
