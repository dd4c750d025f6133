"""Demo data: the Sefton Community Safety Strategic Assessment 2018/19's tables, as files.

The tables are transcribed from the seed agenda pack (13 September 2018, item 6) into the tidy
and wide shapes `assessments.readers` accepts, so the demo loads through the same readers as a
real upload (``read_file(table.content, table.format, **table.options)``). Figures are as
published, including where the report's own arithmetic does not agree (see the notes).

The police.uk generators make well-formed but invented street-level files for Sefton: LSOA
codes in the E01006xxx range (not the real Sefton LSOAs) spread over the 22 real wards, with
the quirks real files have (CRLF, ASB rows without a Crime ID, "No Location" rows, LSOAs from
a neighbouring force area).
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sscp.places import (  # noqa: F401 (re-exported: the demo's places, shared with sscp)
    ENGLAND,
    LCR_AUTHORITIES,
    LIVERPOOL_CITY_REGION,
    LOCALITIES,
    MERSEYSIDE,
    NORTH_WEST,
    SEFTON,
    SEFTON_WARDS,
    locality_code,
)

AREAS = dict([*LCR_AUTHORITIES, LIVERPOOL_CITY_REGION, MERSEYSIDE, NORTH_WEST, ENGLAND])


@dataclass(frozen=True)
class DemoTable:
    """One published table as a file: read it with ``read_file(content, format, **options)``."""

    key: str
    title: str
    source: str
    format: str
    content: bytes
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Recommendation:
    code: str
    kind: str  # recommendation / consideration / information_gap
    priority_area: str
    text: str


def _rows_csv(header: tuple[str, ...], rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _csv(text: str) -> bytes:
    """Tables are written with LF in this module; files on disk from Excel use CRLF."""
    return text.strip("\n").replace("\n", "\r\n").encode() + b"\r\n"


FY_2017_18 = "2017/18"

_TABLE_1 = [
    # code, count (rounded to the nearest 100), rate per 1,000 population
    ("E06000006", 13600, 107),
    ("E08000011", 11500, 77),
    ("E08000012", 55900, 114),
    ("E08000014", 20300, 74),
    ("E08000013", 14500, 81),
    ("E08000015", 23200, 72),
    ("E47000004", 139000, 90),
    ("E12000002", 707100, 97),
    ("E92000001", 4632900, 83),
]
TOTAL_CRIME = "Total recorded crime"
TOTAL_CRIME_RATE = "Total recorded crime per 1,000 population"
_ROUNDED = "Counts rounded to the nearest 100"

TABLE_1_CRIME_2017_18 = _rows_csv(
    ("indicator", "area_code", "area_name", "period", "value", "count", "note"),
    [(TOTAL_CRIME, code, AREAS[code], FY_2017_18, n, n, _ROUNDED) for code, n, _ in _TABLE_1]
    + [
        (TOTAL_CRIME_RATE, code, AREAS[code], FY_2017_18, rate, n, _ROUNDED)
        for code, n, rate in _TABLE_1
    ],
)

# The 2014-based projection the assessment quotes for 2018; the only population it gives.
POPULATION = _csv("area_code,area_name,year,population\nE08000014,Sefton,2018,274100")

TABLE_2_OFFENCE_COUNTS = _csv(
    """
Sefton Offence Counts,2015/16,2016/17,2017/18
Arson and Criminal Damage,2483,2730,2819
Drugs,1008,1063,1262
Miscellaneous Crimes Against Society,279,294,461
Possession of Weapons,96,110,118
Public Order,532,968,1448
Robbery,148,180,205
Sexual,396,447,518
Theft,7248,7115,7715
Violence Against The Person,3660,4660,5785
"""
)
OFFENCE_PREFIX = "Recorded offences (ONS): "

TABLE_3_CRIME_TYPES = _csv(
    """
Offence Title,2017/18
Burglary,2279
Criminal Damage,2960
Drugs,1244
Fraud,248
Other,1328
Robbery,204
Sexual,545
Theft,5209
Violence,6175
"""
)
LOCAL_CRIME_PREFIX = "Crimes reported to Merseyside Police: "

TABLE_4_CATEGORISATIONS = _csv(
    """
Category,2017/18
Domestic Abuse Crime,2562
Serious Acquisitive Crime,3422
Hate Crime,385
"""
)

_SEFTON_ROW = (SEFTON[0], SEFTON[1], FY_2017_18)
ASB_AND_FIRE = _rows_csv(
    ("indicator", "area_code", "area_name", "period", "value", "count", "note"),
    [
        (
            "Anti-social behaviour incidents per 1,000 population",
            *_SEFTON_ROW,
            38,
            7600,
            "Rate and approximate count as published (7,600 / 274,100 would be 27.7)",
        ),
        ("Youth-related share of anti-social behaviour incidents (%)", *_SEFTON_ROW, 30, "", ""),
        ("Fly-tipping reports per 1,000 population", *_SEFTON_ROW, 12, 3287, ""),
        (
            "All fires per 100,000 population",
            *_SEFTON_ROW,
            407,
            1165,
            "Rate as published (1,165 / 274,100 would be 425)",
        ),
        ("Accidental fires in the home per 100,000 population", *_SEFTON_ROW, 71, 194, ""),
        ("Small anti-social behaviour fires per 100,000 population", *_SEFTON_ROW, 220, 603, ""),
        ("Deliberate fires per 1,000 population", *_SEFTON_ROW, 3, 721, ""),
    ],
)

_REOFFENDING_PERIOD = "Jul 2015 - Jun 2016"
ADULT_REOFFENDING = _rows_csv(
    ("indicator", "area_code", "area_name", "period", "value", "count", "denominator", "note"),
    [
        (
            "Adult proven re-offending rate (%)",
            *SEFTON,
            _REOFFENDING_PERIOD,
            28,
            709,
            2514,
            "Not comparable with earlier years (collected differently)",
        ),
        ("Adult proven re-offences", *SEFTON, _REOFFENDING_PERIOD, 2395, 2395, "", ""),
    ],
)

TABLE_7_REOFFENCES = _csv(
    """
Reoffences,Jul 2015 - Jun 2016
Summary Non-motoring,794
Theft,751
Drug,249
Miscellaneous Crimes Against Society,213
Summary Motoring,135
Violence Against the Person,129
Public Order,51
Possession of Weapons,41
Other,32
"""
)
REOFFENCE_PREFIX = "Adult proven re-offences: "

TABLE_8_YOUTH_REOFFENDING = _csv(
    """
Re offending,2010/11,2011/12,2012/13,2013/14,2014/15,2015/16
Sefton,39.5,45.9,49.9,41.3,43.9,42.0
Merseyside,48.1,47.7,49.5,48.2,47.8,48.0
North West,44.6,44.5,43.9,45.8,45.9,44.1
England,40.9,40.4,41,42.9,42.6,41.9
"""
)
YOUTH_REOFFENDING = "Youth proven re-offending rate (%) (PNC)"

TABLE_9_YOUTH_OFFENCES = _csv(
    """
Offence,2017/18
Violence against the person,80
Drugs,50
Motoring offences,43
Criminal Damage,42
Breach of statutory order,21
Vehicle Theft / Unauthorised Taking,19
Theft and handling Stolen Goods,18
Robbery,16
Public order,15
Other,18
Sexual offences,7
Domestic burglary,7
Racially aggravated,6
"""
)
YOUTH_OFFENCE_PREFIX = "Offences by young people: "

TABLE_13_PARKING = _csv(
    """
Ward,2017/18
Ainsdale,499
Birkdale,524
Blundellsands,1506
Cambridge,929
Church,3505
Derby,3495
Dukes,16416
Ford,107
Harington,604
Kew,758
Linacre,3338
Litherland,159
Manor,654
Meols,58
Molyneux,134
Netherton and Orrell,183
Norwood,112
Park,84
Ravenmeols,668
St Oswald,145
Sudell,201
Victoria,1887
Sefton,35966
"""
)
PARKING = "Parking fines and penalty charge notices issued"

TABLE_14_IMD = _csv(
    """
indicator,area_code,area_name,period,value
IMD 2015 average score,E06000006,Halton,2015,31.9
IMD 2015 average score,E08000011,Knowsley,2015,41.4
IMD 2015 average score,E08000012,Liverpool,2015,41.1
IMD 2015 average score,E08000014,Sefton,2015,25.7
IMD 2015 average score,E08000013,St. Helens,2015,29.8
IMD 2015 average score,E08000015,Wirral,2015,26.9
IMD 2015 average score,E47000004,Liverpool City Region,2015,33.3
IMD 2015 average score,E92000001,England,2015,21.7
IMD 2015 rank of average score (of 326),E06000006,Halton,2015,27
IMD 2015 rank of average score (of 326),E08000011,Knowsley,2015,2
IMD 2015 rank of average score (of 326),E08000012,Liverpool,2015,4
IMD 2015 rank of average score (of 326),E08000014,Sefton,2015,76
IMD 2015 rank of average score (of 326),E08000013,St. Helens,2015,36
IMD 2015 rank of average score (of 326),E08000015,Wirral,2015,66
"""
)

_SEFTON_OPTIONS = {"first_column": "indicator", "area_code": SEFTON[0], "area_name": SEFTON[1]}


def demo_tables() -> list[DemoTable]:
    """Every published table, in the order the assessment presents them."""
    seed = "Community Safety Strategic Assessment 2018/19 (agenda pack 13 September 2018)"
    return [*_crime_tables(seed=seed), *_offending_and_place_tables(seed=seed)]


def _crime_tables(*, seed: str) -> list[DemoTable]:
    """Tables 1 to 4 and the ASB, fly-tipping and fire figures."""
    return [
        DemoTable(
            "crime-lcr",
            "Total counts and rate of crime per 1,000 population, 2017/18",
            f"{seed}, Table 1",
            "tidy",
            TABLE_1_CRIME_2017_18,
        ),
        DemoTable(
            "population",
            "Sefton population (2014-based projection for 2018)",
            f"{seed}, Population Increase",
            "population",
            POPULATION,
        ),
        DemoTable(
            "offence-counts",
            "Count of offences occurring in Sefton by type",
            f"{seed}, Table 2",
            "wide",
            TABLE_2_OFFENCE_COUNTS,
            {**_SEFTON_OPTIONS, "indicator_prefix": OFFENCE_PREFIX, "values_are_counts": True},
        ),
        DemoTable(
            "crime-types",
            "Sefton crime types 2017/18",
            f"{seed}, Table 3",
            "wide",
            TABLE_3_CRIME_TYPES,
            {**_SEFTON_OPTIONS, "indicator_prefix": LOCAL_CRIME_PREFIX, "values_are_counts": True},
        ),
        DemoTable(
            "crime-categorisations",
            "Additional Sefton crime categorisations 2017/18",
            f"{seed}, Table 4",
            "wide",
            TABLE_4_CATEGORISATIONS,
            {**_SEFTON_OPTIONS, "indicator_prefix": LOCAL_CRIME_PREFIX, "values_are_counts": True},
        ),
        DemoTable(
            "asb-fire",
            "Anti-social behaviour, fly-tipping and fires, 2017/18",
            f"{seed}, Reported ASB, Fly Tipping, Merseyside Fire and Rescue",
            "tidy",
            ASB_AND_FIRE,
        ),
    ]


def _offending_and_place_tables(*, seed: str) -> list[DemoTable]:
    """Re-offending (adult and youth), parking by ward and deprivation."""
    ward_names = dict(SEFTON_WARDS) | {SEFTON[0]: SEFTON[1]}
    return [
        DemoTable(
            "adult-reoffending",
            "Adult proven re-offending, July 2015 to June 2016",
            f"{seed}, Re-Offending",
            "tidy",
            ADULT_REOFFENDING,
        ),
        DemoTable(
            "reoffences",
            "Breakdown of re-offences committed",
            f"{seed}, Table 7",
            "wide",
            TABLE_7_REOFFENCES,
            {**_SEFTON_OPTIONS, "indicator_prefix": REOFFENCE_PREFIX, "values_are_counts": True},
        ),
        DemoTable(
            "youth-reoffending",
            "PNC data: percentage of cohort re-offending",
            f"{seed}, Table 8",
            "wide",
            TABLE_8_YOUTH_REOFFENDING,
            {"first_column": "area", "indicator": YOUTH_REOFFENDING, "areas": AREAS},
        ),
        DemoTable(
            "youth-offences",
            "Breakdown of offences committed by young people, 2017/18",
            f"{seed}, Table 9",
            "wide",
            TABLE_9_YOUTH_OFFENCES,
            {
                **_SEFTON_OPTIONS,
                "indicator_prefix": YOUTH_OFFENCE_PREFIX,
                "values_are_counts": True,
            },
        ),
        DemoTable(
            "parking",
            "Parking fines and penalty charge notices issued by Sefton Council, by ward",
            f"{seed}, Table 13",
            "wide",
            TABLE_13_PARKING,
            {
                "first_column": "area",
                "indicator": PARKING,
                "areas": ward_names,
                "values_are_counts": True,
            },
        ),
        DemoTable(
            "imd",
            "Average IMD score in 2015 by local authority",
            f"{seed}, Table 14",
            "tidy",
            TABLE_14_IMD,
        ),
    ]


RECOMMENDATIONS = (
    Recommendation(
        "R1",
        "recommendation",
        "Domestic Abuse",
        "Keep building on the domestic abuse strategy: preventive and targeted support "
        "for victims, children and perpetrators, joined up with child protection and "
        "'Breaking the Cycle'.",
    ),
    Recommendation(
        "R2",
        "recommendation",
        "Anti-Social Behaviour",
        "Carry on with the targeted ASB work already under way.",
    ),
    Recommendation(
        "R3",
        "recommendation",
        "Serious Sexual Offences",
        "Review what the partnership says to victims, how and when, so that it "
        "reaches them better.",
    ),
    Recommendation(
        "R4",
        "recommendation",
        "Serious Sexual Offences",
        "Develop targeted work on consent with young people under 25.",
    ),
    Recommendation(
        "R5",
        "recommendation",
        "Location Based Summary",
        "Make the places hit hardest by criminal damage, drugs and violent crime a "
        "priority of their own.",
    ),
    Recommendation(
        "R6",
        "recommendation",
        "Hate Crime",
        "Coordinate partnership messages after significant events, to lower the risk "
        "of retaliation and make support known.",
    ),
    Recommendation(
        "R7",
        "recommendation",
        "Hate Crime",
        "Look for chances to raise awareness of the motivations that are under-reported.",
    ),
    Recommendation(
        "R8",
        "recommendation",
        "Vulnerable Victims",
        "Consider one priority on reducing the risk of priority crimes to vulnerable groups.",
    ),
    Recommendation(
        "R9",
        "recommendation",
        "Child Sexual Exploitation",
        "Review how common CSE is, and the Prevent strategy, so that support can be targeted.",
    ),
    Recommendation(
        "R10",
        "recommendation",
        "Ensure all children have a positive start in life",
        "Review family support and early intervention, and persistent absence from "
        "school, and set out options for action.",
    ),
    Recommendation(
        "R11",
        "recommendation",
        "Drugs",
        "Find out why drug offences are higher, and treatment outcomes poorer, in "
        "Sefton; monitor the outcomes of the newly re-commissioned family services.",
    ),
    Recommendation(
        "C1",
        "consideration",
        "Wider social, environmental and economic issues",
        "Review road safety policy, guidance and prevention, especially for children.",
    ),
    Recommendation(
        "C2",
        "consideration",
        "Existing Activities",
        "Check how well current activities work, such as theft kits, single-use "
        "breath tests and knife wands.",
    ),
    Recommendation(
        "C3",
        "consideration",
        "Serious Sexual Offences",
        "Monitor recent and historic offences separately, to tell under-reporting "
        "apart from offending.",
    ),
    Recommendation(
        "C4",
        "consideration",
        "Hate Crime",
        "Follow the Brexit timetable and plan partnership messages for the moments "
        "most likely to provoke offences.",
    ),
    Recommendation(
        "C5",
        "consideration",
        "Mental Health",
        "Consider what rising mental ill health and depression mean for safety and support.",
    ),
    Recommendation(
        "C6",
        "consideration",
        "Child Criminal Exploitation",
        "Watch the number of referrals to MACE as more data comes in.",
    ),
    Recommendation(
        "I1",
        "information_gap",
        "All",
        "Data on FGM, Prevent and asylum seekers is thin: review the sources and look "
        "for qualitative ways to fill the gaps.",
    ),
    Recommendation(
        "I2",
        "information_gap",
        "All",
        "Public data is too general for work in small areas: support location-level "
        "analysis, anonymised where needed, so that work can be targeted.",
    ),
    Recommendation(
        "I3",
        "information_gap",
        "All",
        "Sexual offences and domestic violence are under-reported, so their full "
        "extent is hard to measure.",
    ),
    Recommendation(
        "I4",
        "information_gap",
        "All",
        "Emergency departments do not record the date, time, place or weapon of assault injuries.",
    ),
    Recommendation(
        "I5",
        "information_gap",
        "All",
        "No analysis of where offenders live against where they offend, nor of "
        "drivers such as drink, drugs and deprivation.",
    ),
    Recommendation(
        "I6",
        "information_gap",
        "All",
        "Victim data understates the effect of crime on health and wellbeing.",
    ),
    Recommendation(
        "I7",
        "information_gap",
        "All",
        "No access to data on cuckooing, serious organised crime, street drinking or "
        "rough sleeping.",
    ),
)


# ---------------------------------------------------------------------------------------------
# police.uk street-level files

POLICE_UK_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
DEMO_MONTHS = ("2018-04", "2018-05", "2018-06")
# Invented LSOAs of neighbouring districts: in a Merseyside Police file, not in Sefton's lookup.
OUTSIDE_LSOAS = (("E01006412", "Liverpool 012B"), ("E01025490", "West Lancashire 005C"))
NO_LOCATION_PER_MONTH = 3
OUTSIDE_PER_MONTH = 4

# Roughly the shares of a Merseyside month on police.uk.
_CRIME_TYPE_SHARES = {
    "Anti-social behaviour": 0.14,
    "Bicycle theft": 0.02,
    "Burglary": 0.07,
    "Criminal damage and arson": 0.09,
    "Drugs": 0.05,
    "Other crime": 0.02,
    "Other theft": 0.08,
    "Possession of weapons": 0.01,
    "Public order": 0.08,
    "Robbery": 0.01,
    "Shoplifting": 0.07,
    "Theft from the person": 0.01,
    "Vehicle crime": 0.06,
    "Violence and sexual offences": 0.29,
}
_OUTCOMES = (
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Local resolution",
    "Offender given a caution",
    "Awaiting court outcome",
    "Further investigation is not in the public interest",
)
_STREETS = (
    "Lord Street",
    "Stanley Road",
    "Liverpool Road",
    "Church Road",
    "Station Road",
    "Park Avenue",
    "Marine Drive",
    "Hawthorne Road",
    "Moor Lane",
    "South Road",
    "",  # police.uk writes "On or near " when the street has no name
)
# Wards where the assessment finds crime concentrated get more of it.
_BUSY_WARDS = {"Linacre": 3.0, "Derby": 2.5, "Dukes": 2.5, "Cambridge": 1.5, "Church": 1.5}


def demo_lsoas(count: int = 189) -> list[tuple[str, str, str]]:
    """(LSOA code, LSOA name, ward code): invented codes E01006500 up, dealt out to the 22
    wards in turn (Sefton has 189 LSOAs)."""
    return [
        (
            f"E0100{6500 + i:04d}",
            f"Sefton {i // 5 + 1:03d}{'ABCDE'[i % 5]}",
            SEFTON_WARDS[i % 22][0],
        )
        for i in range(count)
    ]


def sefton_area_lookup_csv(lsoas: list[tuple[str, str, str]] | None = None) -> bytes:
    """An ONS-style LSOA -> ward -> locality -> borough lookup for the demo LSOAs (UTF-8 with a
    BOM and CRLF, as ONS downloads come)."""
    ward_names = dict(SEFTON_WARDS)
    ward_locality = {ward: name for name, wards in LOCALITIES.items() for ward in wards}
    lines = ["LSOA11CD,LSOA11NM,WD18CD,WD18NM,LOCALITY_CD,LOCALITY_NM,LAD18CD,LAD18NM"]
    for code, name, ward in lsoas or demo_lsoas():
        locality = ward_locality[ward_names[ward]]
        lines.append(
            f"{code},{name},{ward},{ward_names[ward]},{locality_code(locality)},{locality},"
            f"{SEFTON[0]},{SEFTON[1]}"
        )
    return "\ufeff".encode() + _csv("\n".join(lines))


SCHEMATIC_WARDS_DATASET = "Schematic ward squares (illustrative, not real boundaries)"


def schematic_ward_squares_geojson() -> bytes:
    """Illustrative outlines for the demo's places map: one equal square per ward in a grid,
    three to a row, the North locality's wards at the top, then Central, then South (as Sefton
    runs down the coast). Not the wards' real boundaries, and labelled so in every feature."""
    import json

    side_lon, side_lat = 0.02, 0.012  # about 1.3 km either way at 53.5°N
    features, row = [], 0
    ward_codes = {name: code for code, name in SEFTON_WARDS}
    for wards in LOCALITIES.values():
        for i, ward in enumerate(wards):
            west = -3.06 + (i % 3) * side_lon
            north = 53.66 - (row + i // 3) * side_lat
            ring = [
                [west, north],
                [west + side_lon, north],
                [west + side_lon, north - side_lat],
                [west, north - side_lat],
                [west, north],
            ]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "WD18CD": ward_codes[ward],
                        "WD18NM": ward,
                        "note": "schematic square, not the ward's real boundary",
                    },
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
        row += (len(wards) + 2) // 3
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def _crime_ids(rng: np.random.Generator, count: int) -> np.ndarray:
    """64 hex digits per row, as police.uk writes Crime IDs, without a Python loop."""
    digits = np.array([f"{b:02x}" for b in range(256)], dtype="S2")
    raw = rng.integers(0, 256, size=(count, 32), dtype=np.uint8)
    return digits[raw].view("S64").ravel().astype(str).astype(object)


def _map_points(rng: np.random.Generator, places: list[tuple[str, str]], per_place: int):
    """police.uk snaps each crime to one of a few anonymised map points per LSOA: the text
    "longitude,latitude,location,LSOA code,LSOA name" of ``per_place`` points per place."""
    points = []
    for code, name in places:
        centre_lon, centre_lat = -3.0 + rng.uniform(-0.07, 0.07), 53.55 + rng.uniform(-0.1, 0.1)
        for _ in range(per_place):
            street = _STREETS[rng.integers(0, len(_STREETS))]
            lon = centre_lon + rng.uniform(-0.004, 0.004)
            lat = centre_lat + rng.uniform(-0.004, 0.004)
            points.append(f"{lon:.6f},{lat:.6f},On or near {street},{code},{name}")
    return np.array(points, dtype=object)


def police_uk_lines(
    rows: int,
    *,
    months: tuple[str, ...] = DEMO_MONTHS,
    lsoas: list[tuple[str, str, str]] | None = None,
    seed: int = 2018,
    no_location: int = 0,
    outside: int = 0,
) -> np.ndarray:
    """``rows`` police.uk data lines (without line ends), built column-wise with numpy: a
    million take a few seconds. The first ``no_location`` rows have no location, the next
    ``outside`` fall in `OUTSIDE_LSOAS`, the rest are spread over ``lsoas`` (default
    `demo_lsoas`), busier in the wards the assessment names."""
    rng = np.random.default_rng(seed)
    lsoas = lsoas or demo_lsoas()
    per_place = 8
    ward_names = dict(SEFTON_WARDS)
    weights = np.array([_BUSY_WARDS.get(ward_names.get(ward, ""), 1.0) for _, _, ward in lsoas])
    points = _map_points(rng, [(c, n) for c, n, _ in lsoas] + list(OUTSIDE_LSOAS), per_place)
    points = np.append(points, ",,No Location,,")
    place = rng.choice(len(lsoas), size=rows, p=weights / weights.sum())
    place[no_location : no_location + outside] = len(lsoas) + np.arange(outside) % len(
        OUTSIDE_LSOAS
    )
    point = place * per_place + rng.integers(0, per_place, rows)
    point[:no_location] = len(points) - 1
    types = np.array(list(_CRIME_TYPE_SHARES), dtype=object)
    shares = np.array(list(_CRIME_TYPE_SHARES.values()))
    crime_type = types[rng.choice(len(types), size=rows, p=shares / shares.sum())]
    is_asb = crime_type == "Anti-social behaviour"
    crime_id = np.where(is_asb, "", _crime_ids(rng, rows))
    outcome = np.where(
        is_asb, "", np.array(_OUTCOMES, dtype=object)[rng.integers(0, len(_OUTCOMES), rows)]
    )
    month = np.array([f",{m},Merseyside Police,Merseyside Police," for m in months], object)
    return (
        crime_id
        + month[rng.integers(0, len(months), rows)]
        + points[point]
        + ","
        + crime_type
        + ","
        + outcome
        + ","
    )


def _police_csv(lines: np.ndarray) -> bytes:
    return ("\r\n".join([",".join(POLICE_UK_HEADER), *lines.tolist()]) + "\r\n").encode()


def police_uk_demo_csv(
    months: tuple[str, ...] = DEMO_MONTHS,
    lsoas: list[tuple[str, str, str]] | None = None,
    seed: int = 2018,
    rows_per_month: int = 600,
) -> bytes:
    """A small police.uk street-level CSV for Sefton: ``rows_per_month`` rows a month, of which
    `NO_LOCATION_PER_MONTH` have no location and `OUTSIDE_PER_MONTH` fall in LSOAs outside the
    demo lookup; about one row in seven is ASB (no Crime ID, no outcome)."""
    parts = []
    for offset, month in enumerate(months):
        lines = police_uk_lines(
            rows_per_month,
            months=(month,),
            lsoas=lsoas,
            seed=seed + offset,
            no_location=NO_LOCATION_PER_MONTH,
            outside=OUTSIDE_PER_MONTH,
        )
        parts.append(np.random.default_rng(seed + offset).permutation(lines))
    return _police_csv(np.concatenate(parts))


def police_uk_bulk_csv(
    path: Path | str | None = None,
    rows: int = 1_000_000,
    *,
    seed: int = 1,
    months: tuple[str, ...] = tuple(f"2018-{m:02d}" for m in range(1, 13)),
) -> bytes | Path:
    """A large police.uk file for benchmarks (a year of 2018 by default), written to ``path``
    (returned) or returned as bytes. 0.1% of rows have no location, 0.2% fall outside."""
    lines = police_uk_lines(
        rows, months=months, seed=seed, no_location=rows // 1000, outside=rows // 500
    )
    content = _police_csv(lines)
    if path is None:
        return content
    Path(path).write_bytes(content)
    return Path(path)
