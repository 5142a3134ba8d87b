"""An interview date that is valid but unlikely (long past, years ahead) is kept and named."""

from __future__ import annotations

from datetime import date

import pytest

from factories import company
from storybank import targets

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2020-01-10", "the interview date 2020-01-10 is 2,518 days in the past"),
        ("2026-12-01", "the interview date 2026-12-01 is 1 day in the past"),
        ("2028-01-07", "the interview date 2028-01-07 is 401 days away; it was kept, but check"),
    ],
)
def test_unlikely_dates_are_named(value: str, said: str) -> None:
    warning = targets.interview_date_warning(value, TODAY)
    assert warning is not None and warning.startswith(said)


@pytest.mark.parametrize(
    "value", [None, "", "2026-12-02", "2027-06-01", "2028-01-06", "not-a-date"]
)
def test_today_the_coming_year_and_bad_dates_say_nothing(value: str | None) -> None:
    assert targets.interview_date_warning(value, TODAY) is None  # bad dates: the validator's


def test_date_warnings_only_for_the_companies_named() -> None:
    old = company("old", interview_date="2019-05-05")
    other = company("other", interview_date="2019-05-05")
    lines = targets.date_warnings([old, other], ["old"], TODAY)
    assert len(lines) == 1 and lines[0].startswith("company 'old': the interview date 2019-05-05")
