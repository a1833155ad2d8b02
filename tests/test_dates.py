"""Dates in EDTF: each documented form's span, qualifiers and labels, checked against the edtf package."""

import datetime as dt
import random


import pytest

from explorer.model.date_labels import range_label
from explorer.model.dates import DateError, HistDate, explain_unsupported, parse_day, parse_hist_date

D = dt.date


@pytest.mark.parametrize("text, start, end, precision, qualifiers", [
    ("1922-04-16", D(1922, 4, 16), D(1922, 4, 16), "day", ()),
    ("1922-04", D(1922, 4, 1), D(1922, 4, 30), "month", ()),
    ("1924-02", D(1924, 2, 1), D(1924, 2, 29), "month", ()),
    ("1922", D(1922, 1, 1), D(1922, 12, 31), "year", ()),
    ("1925~", D(1925, 1, 1), D(1925, 12, 31), "year", ("approximate",)),
    ("1926-09?", D(1926, 9, 1), D(1926, 9, 30), "month", ("uncertain",)),
    ("1926-09%", D(1926, 9, 1), D(1926, 9, 30), "month", ("approximate", "uncertain")),
    ("1939-XX", D(1939, 1, 1), D(1939, 12, 31), "year", ("unspecified",)),
    ("1939-04-XX", D(1939, 4, 1), D(1939, 4, 30), "month", ("unspecified",)),
    ("[1925..1926]", D(1925, 1, 1), D(1926, 12, 31), "year", ("one-of-set",)),
    ("[1939-08-23,1939-08-24]", D(1939, 8, 23), D(1939, 8, 24), "day", ("one-of-set",)),
    ("[1939-08-24, 1939-08-23]", D(1939, 8, 23), D(1939, 8, 24), "day", ("one-of-set",)),
    ("1938-09-29/1938-09-30", D(1938, 9, 29), D(1938, 9, 30), "day", ("interval",)),
    ("1938-09/1939", D(1938, 9, 1), D(1939, 12, 31), "year", ("interval",)),
])
def test_each_form_has_its_span_precision_and_qualifiers(text, start, end, precision, qualifiers):
    date = parse_hist_date(text)
    assert (date.start, date.end, date.precision, date.qualifiers, date.iso()) == (start, end, precision,
                                                                                   qualifiers, text)
    assert date.is_exact == (qualifiers == ())


@pytest.mark.parametrize("text, english, german", [
    ("1922-04-16", "16 April 1922", "16. April 1922"),
    ("1922-04", "April 1922", "April 1922"),
    ("1922", "1922", "1922"),
    ("1925~", "about 1925", "um 1925"),
    ("1926-09?", "September 1926 (uncertain)", "September 1926 (unsicher)"),
    ("1926-09%", "about September 1926 (uncertain)", "um September 1926 (unsicher)"),
    ("1939-XX", "1939", "1939"),
    ("1939-04-XX", "April 1939", "April 1939"),
    ("[1925..1926]", "between 1925 and 1926", "zwischen 1925 und 1926"),
    ("[1939-08-23,1939-08-24]", "23 or 24 August 1939", "23. oder 24. August 1939"),
    ("[1939-08-23,1939-08-24,1939-08-25]", "23, 24 or 25 August 1939", "23., 24. oder 25. August 1939"),
    ("[1939-04,1939-05]", "April or May 1939", "April oder Mai 1939"),
    ("1938-09-29/1938-09-30", "29\u2009–\u200930 September 1938", "29.–30. September 1938"),
    ("1922-02-13", "13 February 1922", "13. Februar 1922"),
    ("1922-03", "March 1922", "März 1922"),
])
def test_labels_in_english_and_german(text, english, german):
    date = parse_hist_date(text)
    assert date.label() == english
    assert date.label("de") == german
    assert date.label("de-AT") == german
    assert date.label("fr") == english          # no phrase table: English, not a mix of two languages


def test_an_event_range_reads_as_one_interval():
    assert range_label(parse_hist_date("1922-04-10"), parse_hist_date("1922-05-19")) == "10 April\u2009–\u200919 May 1922"
    assert range_label(parse_hist_date("1922-04-10"), parse_hist_date("1922-05-19"), "de") == "10. April\u2009–\u200919. Mai 1922"
    assert range_label(parse_hist_date("1925"), parse_hist_date("1933")) == "1925\u2009–\u20091933"
    assert range_label(parse_hist_date("1925~"), parse_hist_date("1933")) == "about 1925\u2009–\u20091933"


def test_labels_are_computed_once_per_distinct_date():
    a, b = parse_hist_date("1921-03-16"), parse_hist_date("1921-03-16")
    assert a is b                               # one object per distinct text
    assert a.label() is a.label()               # and its label is kept
    dates = [parse_hist_date(f"19{y:02d}-{m:02d}-01") for y in range(100) for m in range(1, 13)]
    first = [date.label() for date in dates]
    # Once made, a label never asks Babel again: a second pass works with Babel gone.
    import babel.dates

    real, babel.dates.format_date = babel.dates.format_date, None
    try:
        assert [date.label() for date in dates] == first
    finally:
        babel.dates.format_date = real


@pytest.mark.parametrize("text, words", [
    ("1922-02-30", "February 1922 has 28 days"), ("1900-02-29", "February 1900 has 28 days"),
    ("1922-13", "no month 13"), ("16.04.1922", "not a date"), ("0000", "0001 to 9999"),
    ("\u0661\u0669\u0662\u0662-\u0660\u0664-\u0661\u0666", "not a date"),    # Arabic-Indic digits
    ("1922-04-16\n", "spaces around it"), (" 1922", "spaces around it"),
    ("[1926..1925]", "ends before it starts"), ("1926/1925", "ends before it starts"),
    ("[1925]", "two or more"), ("[]", "separated by commas"), ("[1922-02-30,1922-03-01]", "28 days"),
    ("1925-04~-01", "not a date"), ("1939-XX~", "not a date"), ("x" * 5000, "not a date"),
])
def test_impossible_or_unread_dates_say_why(text, words):
    with pytest.raises(DateError, match=words):
        parse_hist_date(text)


@pytest.mark.parametrize("value, words", [(1922, "a number"), (None, "null"), (["1922"], "a list"),
                                          (True, "true/false"), ({"y": 1922}, "an object")])
def test_non_strings_are_refused(value, words):
    with pytest.raises(DateError, match=words):
        parse_hist_date(value)


@pytest.mark.parametrize("text, form", [("{1925,1926}", "all of several dates"), ("1925-21", None),
                                        ("../1925", "open or qualified interval"), ("193X", "unknown digits"),
                                        ("2004-06~-11", "qualified part")])
def test_other_edtf_forms_are_named(text, form):
    with pytest.raises(DateError) as info:
        parse_hist_date(text)
    why = explain_unsupported(text) if info.value.unknown_form else None
    if form is None:
        assert "no month 21" in str(info.value)
    else:
        assert why and form in why and "valid EDTF" in why


def test_forms_agree_with_the_edtf_package():
    """Every documented form, at random, has the earliest and latest day the edtf package gives it."""
    edtf = pytest.importorskip("edtf")
    rng = random.Random(10)

    def plain():
        year = rng.randint(1, 9999)
        kind = rng.choice(("y", "m", "d"))
        if kind == "y":
            return f"{year:04d}"
        month = rng.randint(1, 12)
        if kind == "m":
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"

    texts = []
    while len(texts) < 150:
        base = plain()
        form = rng.choice(("plain", "qualified", "unspecified", "set", "range", "interval"))
        if form == "plain":
            texts.append(base)
        elif form == "qualified":
            texts.append(base + rng.choice("~?%"))
        elif form == "unspecified" and len(base) < 10:
            texts.append(base + "-XX")
        elif form == "set":
            texts.append(f"[{base},{plain()}]")
        elif form == "range":
            first, last = sorted(rng.sample(range(1, 10000), 2))
            texts.append(f"[{first:04d}..{last:04d}]")
        elif form == "interval":
            other = plain()
            if parse_hist_date(other).end >= parse_hist_date(base).start:
                texts.append(f"{base}/{other}")
    for text in texts:
        ours = parse_hist_date(text)
        theirs = edtf.parse_edtf(text)
        low, high = theirs.lower_strict(), theirs.upper_strict()
        assert (ours.start, ours.end) == (D(*low[:3]), D(*high[:3])), text


def test_parse_day_wants_a_plain_full_day():
    assert parse_day("1922-04-16") == D(1922, 4, 16)
    for text in ("1922-04", "1922-04-16~", "[1922-04-16,1922-04-17]"):
        with pytest.raises(ValueError, match="full date"):
            parse_day(text)


def test_dates_made_in_code_behave_like_parsed_ones():
    made = HistDate(D(1922, 4, 1), "month")
    assert made == parse_hist_date("1922-04")
    assert (made.end, made.iso(), made.label()) == (D(1922, 4, 30), "1922-04", "April 1922")
    assert HistDate(D(1922, 1, 1), "year") < HistDate(D(1922, 4, 16), "day")
    assert hash(made) == hash(parse_hist_date("1922-04"))
