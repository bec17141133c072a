"""parse_date: the date forms a civil servant types, and the ones that must be refused."""

from datetime import date

import pytest

from tracker.domain.dates import parse_date
from tracker.domain.errors import InputError


@pytest.mark.parametrize(
    "text",
    [
        "2018-08-31",
        "2018/8/31",
        "2018.8.31",
        "2018年8月31日",
        "2018年8月31号",
        "２０１８年８月３１日",
        " 2018-08-31 ",
        "2018年8月底",
    ],
)
def test_accepted_forms_all_mean_31_august_2018(text):
    assert parse_date(text) == date(2018, 8, 31)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2016年2月底", date(2016, 2, 29)),
        ("2018年2月底", date(2018, 2, 28)),
        ("2000年2月底", date(2000, 2, 29)),
    ],
)
def test_month_end_means_last_day_of_that_month(text, expected):
    assert parse_date(text) == expected


def test_a_date_object_is_returned_unchanged():
    assert parse_date(date(2017, 7, 21)) == date(2017, 7, 21)


@pytest.mark.parametrize("text", ["2018年2月30日", "2018-13-01", "2018年13月底"])
def test_impossible_dates_are_refused_as_not_existing(text):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert f"「{text}」" in str(caught.value)
    assert "不存在" in str(caught.value)


@pytest.mark.parametrize("text", ["0000年1月底", "0000-01-01", "0000年2月3日"])
def test_year_zero_is_refused_as_not_existing(text):
    with pytest.raises(InputError, match=f"「{text}」不存在（没有 0 年）"):
        parse_date(text)


@pytest.mark.parametrize("text", ["٢٠١٨-٠٨-٣١", "२०१८年८月३१日"])
def test_digits_of_other_scripts_are_not_a_date(text):
    """Only the forms the message lists: NFKC makes full-width digits ASCII, not these."""
    with pytest.raises(InputError, match="无法识别"):
        parse_date(text)


@pytest.mark.parametrize("text", ["31/8/2018", "tomorrow", "2018-8", "2018年8月", ""])
def test_unrecognised_text_is_refused_and_quoted(text):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert f"「{text}」" in message
    assert "无法识别" in message


def test_refusal_uses_the_name_of_the_field():
    with pytest.raises(InputError, match="截止日期「明天」"):
        parse_date("明天", what="截止日期")


def test_refusal_lists_the_accepted_forms():
    with pytest.raises(InputError) as caught:
        parse_date("next week")
    assert "2018年8月31日" in str(caught.value) and "2018年8月底" in str(caught.value)
