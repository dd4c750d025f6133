"""Figures pinned to the numbers the Community Safety Strategic Assessment 2018/19 publishes."""

import math

import pandas as pd
import pytest

from assessments.figures import (
    Polarity,
    change_over,
    financial_year_label,
    financial_year_rollup,
    percent_change,
    rank_among,
    rate_per,
    round_half_up,
    share_of_total,
    spine_position,
    spine_scale,
    year_on_year,
)

# Table 2: Sefton offence counts by year (nine categories).
TABLE_2 = {
    "2015/16": [2483, 1008, 279, 96, 532, 148, 396, 7248, 3660],
    "2016/17": [2730, 1063, 294, 110, 968, 180, 447, 7115, 4660],
    "2017/18": [2819, 1262, 461, 118, 1448, 205, 518, 7715, 5785],
}
# Table 1: crime rate per 1,000 population, 2017/18.
LCR_RATES = {
    "Halton": 107,
    "Knowsley": 77,
    "Liverpool": 114,
    "Sefton": 74,
    "St Helens": 81,
    "Wirral": 72,
}


def test_it_rounds_half_up_like_the_report():
    assert round_half_up(2.5) == 3
    assert round_half_up(-2.5) == -3
    assert round_half_up(30.575, 2) == 30.58
    assert math.isnan(round_half_up(math.nan))


@pytest.mark.parametrize(
    ("count", "population", "per", "published"),
    [
        (20300, 274100, 1000, 74),  # "20,300 crimes ... a rate of 74 crimes per 1,000"
        (3287, 274100, 1000, 12),  # fly tipping: "a rate of 12 incidents per 1,000"
        (721, 274100, 1000, 3),  # deliberate fires: "three deliberate fires per 1,000"
        (194, 274100, 100000, 71),  # accidental fires in the home: "71 per 100,000"
        (603, 274100, 100000, 220),  # small ASB fires: "220 per 100,000"
    ],
)
def test_it_computes_the_published_rates(count, population, per, published):
    assert round_half_up(rate_per(count, population, per)) == published


def test_it_shows_where_the_report_rate_is_not_count_over_population():
    # The report gives ~7,600 ASB incidents "a rate of 38 per 1,000"; the arithmetic says 28.
    assert round_half_up(rate_per(7600, 274100)) == 28


def test_it_refuses_a_rate_without_a_population():
    with pytest.raises(ValueError):
        rate_per(1, 0)


def test_it_reproduces_the_16_percent_rise_from_2016_17_to_2017_18():
    totals = {year: sum(counts) for year, counts in TABLE_2.items()}
    assert totals == {"2015/16": 15850, "2016/17": 17567, "2017/18": 20331}

    changes = year_on_year(totals)

    assert round_half_up(changes["2017/18"]) == 16  # 20331 / 17567 - 1 = 15.7%
    assert round_half_up(changes["2016/17"]) == 11
    assert "2015/16" not in changes


def test_it_measures_change_over_a_span():
    violence = {"2015/16": 3660, "2016/17": 4660, "2017/18": 5785}

    assert round_half_up(change_over(violence, "2015/16", "2017/18")) == 58
    # The report's "221% since 2013/14" needs the 2013/14 count, which it does not print:
    # a 221% rise to 5,785 means 5,785 / 3.21 = 1,802 in 2013/14.
    assert round_half_up(percent_change(1802, 5785)) == 221
    # Table 2's 5,785 fixes the unprinted base to 1,800-1,804: no other count rounds to 221%.
    bases = [n for n in range(1700, 1900) if round_half_up(percent_change(n, 5785)) == 221]
    assert bases == [1800, 1801, 1802, 1803, 1804]
    with pytest.raises(ValueError):
        percent_change(0, 5)


def test_it_orders_year_on_year_by_period_not_by_key():
    assert list(year_on_year({"2017/18": 2, "2015/16": 1, "2016/17": 1})) == [
        "2016/17",
        "2017/18",
    ]


def test_it_reproduces_the_shares_of_table_3():
    counts = {
        "Burglary": 2279,
        "Criminal Damage": 2960,
        "Drugs": 1244,
        "Fraud": 248,
        "Other": 1328,
        "Robbery": 204,
        "Sexual": 545,
        "Theft": 5209,
        "Violence": 6175,
    }

    shares = {k: round_half_up(v) for k, v in share_of_total(counts).items()}

    assert sum(counts.values()) == 20192  # "approximately 20,200 crimes"
    assert shares == {
        "Burglary": 11,
        "Criminal Damage": 15,
        "Drugs": 6,
        "Fraud": 1,
        "Other": 7,
        "Robbery": 1,
        "Sexual": 3,
        "Theft": 26,
        "Violence": 31,
    }
    # Table 4 gives its categories as shares of all crime, not of each other.
    table_4 = share_of_total({"Domestic Abuse": 2562, "SAC": 3422, "Hate": 385}, total=20192)
    assert [round_half_up(v) for v in table_4.values()] == [13, 17, 2]


def test_it_reproduces_the_shares_of_table_7():
    reoffences = [794, 751, 249, 213, 135, 129, 51, 41, 32]

    shares = share_of_total(dict(enumerate(reoffences)))

    assert sum(reoffences) == 2395
    assert [round_half_up(v) for v in shares.values()] == [33, 31, 10, 9, 6, 5, 2, 2, 1]
    proven = share_of_total({"re-offenders": 709}, total=2514)["re-offenders"]
    assert round_half_up(proven) == 28  # "2,514 offenders ... 28% (709) were proven re-offenders"


def test_it_leaves_missing_parts_out_of_a_share():
    shares = share_of_total({"a": 1, "b": math.nan, "c": 3})

    assert shares["a"] == 25 and shares["c"] == 75 and math.isnan(shares["b"])


def test_it_words_ranks_as_the_report_does():
    assert rank_among(LCR_RATES, "Sefton").wording == "second lowest of the six"
    assert rank_among(LCR_RATES, "Wirral").wording == "lowest of the six"
    assert rank_among(LCR_RATES, "Liverpool").wording == "highest of the six"
    assert rank_among(LCR_RATES, "Halton").wording == "second highest of the six"
    sefton = rank_among(LCR_RATES, "Sefton", direction="highest")
    assert (sefton.from_lowest, sefton.from_highest, sefton.of) == (2, 5, 6)
    assert sefton.wording == "fifth highest of the six"


def test_it_words_ties_as_joint():
    values = {"A": 72, "B": 74, "C": 74, "D": 90, "E": math.nan}

    rank = rank_among(values, "C")

    assert rank.wording == "joint second lowest of the four"
    assert rank.tied_with == ("B",)
    assert rank_among(values, "A").wording == "lowest of the four"
    with pytest.raises(ValueError, match="no value"):
        rank_among(values, "E")


def test_it_rolls_months_up_to_financial_years():
    months = [f"2017-{m:02d}" for m in range(3, 13)] + [f"2018-{m:02d}" for m in range(1, 5)]
    frame = pd.DataFrame(
        {
            "indicator": "Burglary",
            "area_code": "E08000014",
            "area_name": "Sefton",
            "period": months,
            "value": [float(i) for i in range(1, 15)],
            "count": [float(i) for i in range(1, 15)],
        }
    )
    frame.loc[frame["period"] == "2018-04", ["value", "count"]] = math.nan

    years = financial_year_rollup(frame)

    assert years[["period", "count", "months"]].values.tolist()[:2] == [
        ["2016/17", 1.0, 1],
        ["2017/18", 90.0, 12],  # April 2017 (2) to March 2018 (13): 2 + 3 + ... + 13
    ]
    assert years["period"].tolist()[2] == "2018/19"
    assert math.isnan(years["count"].iloc[2])  # missing stays missing, never zero
    complete = financial_year_rollup(frame, complete_only=True)
    assert complete["period"].tolist() == ["2017/18"]
    assert financial_year_label("2018-03") == "2017/18"
    with pytest.raises(ValueError, match="not a month"):
        financial_year_rollup(frame.assign(period="2017/18"))


def test_it_places_the_borough_on_a_spine_chart():
    scale = spine_scale(LCR_RATES.values(), Polarity.HIGHER_IS_WORSE)

    # Sorted 72, 74, 77, 81, 107, 114: P25 = 74 + 0.25 x 3, P50 = 79, P75 = 81 + 0.75 x 26.
    assert (scale.worst, scale.left_quartile, scale.median, scale.right_quartile, scale.best) == (
        114,
        100.5,
        79,
        74.75,
        72,
    )
    # England (83) in the middle; Sefton (74) is 9/11 of the way to the best end.
    assert spine_position(74, scale, centre=83) == pytest.approx(0.5 + 0.5 * 9 / 11)
    assert spine_position(114, scale, centre=83) == 0
    assert spine_position(83, scale, centre=83) == 0.5


def test_it_orients_the_spine_by_polarity():
    better = spine_scale([1, 2, 3, 4, 5], "higher-is-better")
    neither = spine_scale([5, 4, 3, 2, 1, math.nan], "neither")

    assert (better.worst, better.left_quartile, better.best) == (1, 2, 5)
    assert (neither.left, neither.right, neither.areas) == (1, 5, 5)
    assert spine_position(5, better, centre=3) == 1
