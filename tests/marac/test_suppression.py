import copy
import datetime
import random

import pytest

from marac.demo.data import demo_data
from marac.figures import CATEGORIES, marac_figures
from marac.suppression import (
    SMALL,
    WITHHELD,
    hidden_cells,
    is_small,
    suppress_figures,
    suppress_table,
)

D = datetime.date
MONTHS = [f"{year}-{month:02d}" for year, month in [(2017, m) for m in range(4, 13)]] + [
    "2018-01",
    "2018-02",
    "2018-03",
]


def hidden(value) -> bool:
    return value in (SMALL, WITHHELD)


def assert_not_one_hidden(cells, total, where=""):
    """No total-minus-the-rest reveals a hidden cell: 0 or at least 2 members hidden."""
    count = sum(hidden(value) for value in [*cells, total])
    assert count != 1, f"{where}: {cells} total {total}"


def small_counts(value, path=()):
    """Paths of every count from 1 to 4 still shown."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in small_counts(item, (*path, key))]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
        return [path]
    return []


def test_counts_from_1_to_4_are_shown_as_fewer_than_5():
    assert [n for n in (0, 1, 4, 5, 12, None, 0.5, True) if is_small(n)] == [1, 4]


def test_a_single_small_cell_in_a_row_with_a_total_hides_the_next_smallest_cell():
    rows = [{"agency": "SWACA", "apr": 3, "may": 12, "jun": 10, "jul": 0, "total": 25}]
    result = suppress_table(rows, ["apr", "may", "jun", "jul"], total_column="total")
    assert result == [
        {"agency": "SWACA", "apr": SMALL, "may": 12, "jun": WITHHELD, "jul": 0, "total": 25}
    ]


def test_two_small_cells_in_a_row_need_nothing_more():
    rows = [{"apr": 3, "may": 2, "jun": 10, "total": 15}]
    result = suppress_table(rows, ["apr", "may", "jun"], total_column="total")
    assert result == [{"apr": SMALL, "may": SMALL, "jun": 10, "total": 15}]


def test_a_small_total_is_suppressed_too():
    rows = [{"apr": 3, "may": 0, "total": 3}]
    assert suppress_table(rows, ["apr", "may"], total_column="total") == [
        {"apr": SMALL, "may": 0, "total": SMALL}
    ]


def test_a_column_total_row_protects_columns_as_well():
    rows = [
        {"name": "a", "x": 10, "y": 3, "total": 13},
        {"name": "b", "x": 20, "y": 30, "total": 50},
        {"name": "total", "x": 30, "y": 33, "total": 63},
    ]
    result = suppress_table(rows, ["x", "y"], total_column="total", total_row=-1)
    assert result[0]["y"] == SMALL
    for row in result:
        assert_not_one_hidden([row["x"], row["y"]], row["total"], row["name"])
    for column in ("x", "y", "total"):
        assert_not_one_hidden([result[0][column], result[1][column]], result[2][column], column)


def test_labels_and_the_callers_rows_are_left_alone():
    rows = [{"label": "Police", "apr": 2, "may": 9, "total": 11}]
    before = copy.deepcopy(rows)
    suppress_table(rows, ["apr", "may"], total_column="total")
    assert rows == before


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_keep_no_small_count_and_no_lonely_hidden_cell(seed):
    rng = random.Random(seed)
    columns = [f"c{n}" for n in range(rng.randint(2, 12))]
    rows = []
    for n in range(rng.randint(1, 8)):
        row = {
            "name": f"r{n}",
            **{c: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 15, 40]) for c in columns},
        }
        row["total"] = sum(row[c] for c in columns)
        rows.append(row)
    totals = {"name": "total", **{c: sum(row[c] for row in rows) for c in [*columns, "total"]}}
    result = suppress_table([*rows, totals], columns, total_column="total", total_row=-1)
    assert small_counts({str(i): row for i, row in enumerate(result)}) == []
    for row in result:
        assert_not_one_hidden([row[c] for c in columns], row["total"], row["name"])
    for column in [*columns, "total"]:
        assert_not_one_hidden([row[column] for row in result[:-1]], result[-1][column], column)


def test_hidden_cells_leave_relations_without_a_published_total_alone():
    values = {"a": 3, "b": 10}
    assert hidden_cells(values, [(["a", "b"], "not published")]) == {"a": SMALL}


# -- the figures of a report ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    return demo_data()


def periods():
    yield D(2017, 4, 1), D(2018, 3, 31)
    for quarter in range(4):
        first = datetime.date(2017, 4 + 3 * quarter, 1) if quarter < 3 else D(2018, 1, 1)
        last = (first.replace(day=28) + datetime.timedelta(days=70)).replace(
            day=1
        ) - datetime.timedelta(days=1)
        yield first, last
    for month in range(12):
        first = D(2017 + (month + 3) // 12, (month + 3) % 12 + 1, 1)
        last = (first.replace(day=28) + datetime.timedelta(days=4)).replace(
            day=1
        ) - datetime.timedelta(days=1)
        yield first, last


@pytest.fixture(scope="module")
def partner_views(demo):
    views = []
    for start, end in periods():
        figures = marac_figures(*demo, start=start, end=end)
        views.append((figures, suppress_figures(figures)))
    return views


def test_no_count_from_1_to_4_survives_in_a_partner_view(partner_views):
    for _figures, safe in partner_views:
        # Meetings and agency attendance count meetings, not people: shown as they are.
        people = {k: v for k, v in safe.items() if k not in ("meetings", "attendance")}
        assert small_counts(people) == []


def test_no_hidden_count_can_be_worked_back_from_a_total(partner_views):
    for _figures, safe in partner_views:
        months = safe["by_month"]
        assert_not_one_hidden([safe[c] for c in CATEGORIES], safe["cases_discussed"], "categories")
        assert_not_one_hidden(
            list(safe["actions_by_bucket"].values()), safe["actions_total"], "buckets"
        )
        assert_not_one_hidden(
            list(safe["actions_by_agency"].values()), safe["actions_total"], "owners"
        )
        for group, total in [
            ("repeat_by_agency", "repeat"),
            ("professional_judgement_by_agency", "professional_judgement"),
        ]:
            assert_not_one_hidden(list(safe[group].values()), safe[total], group)
        assert_not_one_hidden(
            list(safe["by_locality"].values()), safe["cases_discussed"], "localities"
        )
        for locality, count in safe["by_locality"].items():
            wards = [
                n
                for ward, n in safe["by_ward"].items()
                if safe["ward_localities"][ward] == locality
            ]
            assert_not_one_hidden(wards, count, locality)
        for key, total in [
            ("cases", "cases_discussed"),
            ("repeat", "repeat"),
            ("professional_judgement", "professional_judgement"),
            ("children", "children"),
            ("pregnancies", "pregnancies"),
            ("police_referrals", "police_referrals"),
        ]:
            assert_not_one_hidden([row[key] for row in months.values()], safe[total], key)
        for month, row in months.items():
            assert_not_one_hidden([row[c] for c in CATEGORIES], row["cases"], month)
            assert_not_one_hidden(list(row["referrals"].values()), row["cases"], month)
            assert_not_one_hidden(list(row["idva"].values()), row["cases"], month)
            assert_not_one_hidden(
                [row["referrals"].get("Merseyside Police", 0)], row["police_referrals"], month
            )
        for status, total in safe["idva"].items():
            cells = [row["idva"].get(status, 0) for row in months.values()]
            assert_not_one_hidden(cells, total, status)


def test_a_partner_view_still_shows_the_large_counts(partner_views):
    figures, safe = partner_views[0]
    assert safe["cases_discussed"] == figures["cases_discussed"] == 540
    assert safe["police_referrals"] == 425
    assert safe["by_locality"] == figures["by_locality"]
    assert safe["attendance"] == figures["attendance"]


def test_shares_and_averages_behind_small_counts_are_hidden(partner_views):
    figures, safe = partner_views[0]
    assert safe["disability_share"] == SMALL  # one victim with a disability
    # 5 LGBT victims: the share stays, each month's 1-4 is hidden.
    assert safe["lgbt_share"] == figures["lgbt_share"] == 5 / 540
    assert all(row["lgbt"] in (0, SMALL, WITHHELD) for row in safe["by_month"].values())
    for month, row in safe["by_month"].items():
        if hidden(row["cases_with_incident_date"]):
            assert row["avg_wd_incident_to_marac"] == WITHHELD, month


def test_a_share_of_a_small_count_is_hidden_and_the_original_is_untouched():
    figures = {
        "cases_discussed": 40,
        "repeat": 3,
        "repeat_rate": 3 / 40,
        "male_share": 2 / 40,
        "bame_share": 6 / 40,
        "cases_with_incident_date": 3,
        "avg_wd_incident_to_marac": 17.5,
    }
    before = copy.deepcopy(figures)
    safe = suppress_figures(figures)
    assert safe["repeat"] == SMALL
    assert safe["repeat_rate"] == SMALL
    assert safe["male_share"] == SMALL
    assert safe["bame_share"] == 6 / 40
    assert safe["avg_wd_incident_to_marac"] == WITHHELD
    assert figures == before


def _gap_is_safe(total, part, where):
    """A difference of two shown counts is a count too: never 1 to 4."""
    if isinstance(total, int) and isinstance(part, int):
        assert not 1 <= total - part <= 4, f"{where}: {total} - {part}"


def test_swaca_counts_and_their_differences_are_protected_in_partner_views(partner_views):
    for figures, safe in partner_views:
        assert small_counts({k: safe[k] for k in ("swaca_eligible", "swaca_open", "swaca")}) == []
        _gap_is_safe(safe["swaca_eligible"], safe["swaca_open"], "eligible not open")
        _gap_is_safe(safe["cases_discussed"], safe["swaca_eligible"], "not eligible")
        if hidden(safe["swaca_open"]) or hidden(safe["swaca_eligible"]):
            assert hidden(safe["swaca_share"])
        else:
            assert safe["swaca_share"] == figures["swaca_share"]
        months = safe["by_month"]
        for key in ("swaca_eligible", "swaca_open"):
            assert_not_one_hidden([row[key] for row in months.values()], safe[key], key)
        for month, row in months.items():
            assert not {"swaca_not_open", "swaca_not_eligible"} & set(row)  # never shown
            _gap_is_safe(row["swaca_eligible"], row["swaca_open"], month)
            _gap_is_safe(row["cases"], row["swaca_eligible"], month)
        engagement = safe["swaca_engagement"]
        for total, meanings in (("swaca_open", {"open"}), ("swaca_eligible", {"open", "not_open"})):
            cells = [n for status, n in safe["swaca"].items() if engagement[status] in meanings]
            assert_not_one_hidden(cells, safe[total], total)


def test_the_year_shows_the_seeds_swaca_figures_to_partners(partner_views):
    figures, safe = partner_views[0]
    assert (safe["swaca_eligible"], safe["swaca_open"]) == (505, 117)
    assert safe["swaca_share"] == figures["swaca_share"] == 117 / 505


def test_small_swaca_counts_hide_the_share_and_the_count_that_gives_them_back():
    figures = {
        "cases_discussed": 40,
        "swaca_eligible": 30,
        "swaca_open": 3,
        "swaca_share": 3 / 30,
        "swaca": {"open": 3, "not_open": 27, "not_eligible": 10},
        "swaca_engagement": {
            "open": "open",
            "not_open": "not_open",
            "not_eligible": "not_eligible",
        },
    }
    safe = suppress_figures(figures)
    assert safe["swaca_open"] == SMALL
    assert safe["swaca_share"] == SMALL
    assert safe["swaca"]["open"] == SMALL
    # Eligible - open would give the 3 back: one more count is withheld.
    assert hidden(safe["swaca_eligible"]) or hidden(safe["swaca"]["not_open"])
    # 38 of 40 eligible: the 2 others are worked out from cases - eligible.
    nearly_all = {**figures, "swaca_eligible": 38, "swaca_open": 20, "swaca_share": 20 / 38}
    del nearly_all["swaca"]
    safe = suppress_figures(nearly_all)
    assert hidden(safe["swaca_eligible"])
    assert hidden(safe["swaca_share"])
    assert "swaca_not_eligible" not in safe and "swaca_not_open" not in safe


def test_a_count_no_page_shows_is_hidden_first_when_a_relation_needs_one_more():
    # 38 of 40 eligible: eligible is hidden (40 - 38 = 2); open (10) stays, since
    # eligible - open is shown nowhere and hiding it costs nothing.
    figures = {
        "cases_discussed": 40,
        "swaca_eligible": 38,
        "swaca_open": 10,
        "swaca_share": 10 / 38,
    }
    safe = suppress_figures(figures)
    assert safe["swaca_eligible"] == WITHHELD
    assert safe["swaca_open"] == 10
    assert hidden(safe["swaca_share"])
    values = {"a": 3, "b": 6, "c": 20, "total": 29}
    assert hidden_cells(values, [(["a", "b", "c"], "total")]) == {"a": SMALL, "b": WITHHELD}
    assert hidden_cells(values, [(["a", "b", "c"], "total")], unpublished=["c"]) == {
        "a": SMALL,
        "c": WITHHELD,
    }


def test_cases_referred_to_the_idva_team_and_assessed_are_protected_with_their_differences():
    """15 cases, 10 referred (8 still being contacted, 2 assessed): the 2 assessed are "<5"; the
    share gives them back, and so would the status cells that add up to the referred."""
    from tests.marac.test_figures import discussion, figures_of

    rows = [
        discussion(D(2017, 5, 4), f"V-{n}", idva_status=status, idva_engagement=meaning)
        for n, (status, meaning) in enumerate(
            [("assessed", "assessed")] * 2
            + [("attempting", "referred")] * 8
            + [("not_referred", "not_referred")] * 5
        )
    ]
    figures = figures_of(*rows)
    safe = suppress_figures(figures)
    assert (safe["idva_referred"], safe["idva_assessed"]) == (10, "<5")
    assert safe["idva_assessed_share"] == "<5"
    # assessed + attempting = referred: the 8 attempting must not be shown either.
    assert safe["idva"]["attempting"] == "*"


def test_a_small_number_not_referred_to_the_idva_team_hides_the_referred():
    """12 cases, 2 not referred: showing the 10 referred would give the 2 back."""
    from tests.marac.test_figures import discussion, figures_of

    rows = [
        discussion(D(2017, 5, 4), f"V-{n}", idva_status=status, idva_engagement=status)
        for n, status in enumerate(["referred"] * 10 + ["not_referred"] * 2)
    ]
    safe = suppress_figures(figures_of(*rows))
    assert safe["idva_referred"] == "*"
    assert safe["idva_assessed_share"] == "*"  # a share of a hidden count
