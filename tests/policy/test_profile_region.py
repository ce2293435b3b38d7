"""A profile's `region` names whose public holidays patrons mean; a bad one is refused clearly."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from policy.errors import ProfileError
from policy.profile import load_profiles, parse_region


@pytest.mark.parametrize("value", ["us-ne", "Nebraska", "US_NE", 68, ""])
def test_a_bad_region_names_the_file_and_the_key(value: object) -> None:
    with pytest.raises(ProfileError, match=r"x\.toml: region must look like"):
        parse_region(value, "x.toml")


def test_each_shipped_library_names_its_state() -> None:
    regions = {key: profile.region for key, profile in load_profiles().items()}
    assert regions == {
        "bellevue": "US-NE",
        "johnjay": "US-NY",
        "riverbend": "US-PA",
        "sjpl": "US-MO",
    }


def test_a_state_holiday_is_a_need_by_date_only_where_it_is_kept() -> None:
    # Arbor Day is a state holiday in Nebraska (the last Friday of April), not in New York.
    text = "could you get me ISBN 9780134477824 by Arbor Day"
    today = date(2027, 3, 1)
    nebraska = understand(text, today=today, region="US-NE")
    assert nebraska.entities.need_by == date(2027, 4, 30)
    assert understand(text, today=today, region="US-NY").entities.need_by is None
