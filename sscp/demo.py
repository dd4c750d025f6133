"""Reference data of the demo partnership (Sefton, as it stood in 2018), from the seed documents.

Agency names and aliases are those the 2017/18 MARAC performance report uses; wards and
localities are Sefton's 22 wards in the three localities that report maps cases to.
"""

from django.db import transaction

from sscp.models import AgencyGroup, Area, AreaType, Organisation, OrganisationAlias
from sscp.places import (
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

# name, short name, group, aliases (as agencies are written in MARAC returns and reports)
ORGANISATIONS = [
    ("Sefton Council", "Sefton MBC", AgencyGroup.COUNCIL, ["Sefton Metropolitan Borough Council"]),
    ("Merseyside Police", "", AgencyGroup.POLICE, ["Police", "Merseyside Police MARAC"]),
    ("Merseyside Fire and Rescue Service", "MFRS", AgencyGroup.FIRE, ["Merseyside Fire"]),
    (
        "Office of the Merseyside Police and Crime Commissioner",
        "PCC",
        AgencyGroup.POLICE,
        ["Merseyside PCC"],
    ),
    ("NHS South Sefton CCG", "", AgencyGroup.HEALTH, ["South Sefton CCG"]),
    ("NHS Southport and Formby CCG", "", AgencyGroup.HEALTH, ["Southport and Formby CCG"]),
    ("National Probation Service", "NPS", AgencyGroup.PROBATION, ["National Probation Trust"]),
    (
        "Merseyside Community Rehabilitation Company",
        "CRC",
        AgencyGroup.PROBATION,
        ["Merseyside CRC"],
    ),
    ("Sefton Council for Voluntary Service", "Sefton CVS", AgencyGroup.VOLUNTARY, []),
    (
        "Sefton Women's and Children's Aid",
        "SWACA",
        AgencyGroup.VOLUNTARY,
        ["Sefton Women and Children's Aid"],
    ),
    ("Sefton Council IDVA Team", "IDVA", AgencyGroup.COUNCIL, ["Sefton MBC IDVA", "IDVA Team"]),
    (
        "Sefton Council Children's Services",
        "Children's Services",
        AgencyGroup.COUNCIL,
        ["Sefton MBC Children's Services"],
    ),
    (
        "Sefton Council Adult Social Care",
        "Adult Social Care",
        AgencyGroup.COUNCIL,
        ["Sefton MBC Adult Services"],
    ),
    (
        "Sefton Attendance and Welfare Service",
        "Attendance and Welfare Service",
        AgencyGroup.EDUCATION,
        [],
    ),
    ("Sefton Children's Centres", "Children's Centres", AgencyGroup.COUNCIL, []),
    ("Sefton Youth Offending Team", "Sefton YOT", AgencyGroup.COUNCIL, ["YOT"]),
    ("Sefton MARAC Coordinator", "", AgencyGroup.COUNCIL, ["MARAC Coordinator"]),
    ("Sefton Council Housing Options Team", "Housing Options", AgencyGroup.COUNCIL, []),
    ("Linaker Children's Centre", "Linaker CC", AgencyGroup.COUNCIL, []),
    (
        "Aintree University Hospital NHS Foundation Trust",
        "Aintree NHS",
        AgencyGroup.HEALTH,
        ["Aintree NHS Trust", "Aintree"],
    ),
    (
        "Southport and Ormskirk Hospital NHS Trust",
        "Southport & Ormskirk",
        AgencyGroup.HEALTH,
        ["Southport & Ormskirk NHS Trust", "Southport & Ormskirk NHS"],
    ),
    ("Royal Liverpool University Hospital", "RLUH", AgencyGroup.HEALTH, []),
    ("Liverpool Women's Hospital", "LWH", AgencyGroup.HEALTH, []),
    ("Liverpool Community Health", "LCH", AgencyGroup.HEALTH, []),
    (
        "North West Boroughs Healthcare NHS Foundation Trust",
        "NWBH",
        AgencyGroup.HEALTH,
        ["Northwest Boroughs Healthcare NHS Foundation Trust", "LCH / NWBH"],
    ),
    ("Mersey Care NHS Foundation Trust", "Merseycare", AgencyGroup.HEALTH, ["Mersey Care"]),
    (
        "Cheshire and Wirral Partnership NHS Foundation Trust",
        "Cheshire & Wirral Partnership",
        AgencyGroup.HEALTH,
        [],
    ),
    ("Kew GP Surgery", "", AgencyGroup.HEALTH, []),
    ("Venus Centre", "Venus", AgencyGroup.VOLUNTARY, []),
    ("DISC", "", AgencyGroup.VOLUNTARY, []),
    ("Catch22", "Catch 22", AgencyGroup.VOLUNTARY, []),
    (
        "Rape and Sexual Abuse Support Centre Merseyside",
        "RASA",
        AgencyGroup.VOLUNTARY,
        ["RASA Merseyside"],
    ),
    ("PSS Ruby Project", "Ruby Project", AgencyGroup.VOLUNTARY, ["PSS – Ruby Project"]),
    (
        "PSS Women's Turnaround",
        "Womens Turnaround",
        AgencyGroup.VOLUNTARY,
        ["PSS – Womens Turnaround", "Women's Turnaround"],
    ),
    ("Ambition Sefton", "Ambitions", AgencyGroup.VOLUNTARY, ["Ambitions Sefton"]),
    ("Seaforth FC", "", AgencyGroup.VOLUNTARY, []),
    ("One Vision Housing", "OVH", AgencyGroup.HOUSING, []),
    ("Riverside", "", AgencyGroup.HOUSING, ["Riverside Housing"]),
    ("Adactus Housing", "", AgencyGroup.HOUSING, []),
    ("Excel Housing", "", AgencyGroup.HOUSING, []),
    ("Kings Meadow Primary School", "Kings Meadow PS", AgencyGroup.EDUCATION, []),
    ("Knowsley IDVA Service", "Knowsley IDVA", AgencyGroup.COUNCIL, []),
    ("Wirral MARAC", "", AgencyGroup.MARAC, []),
    ("Knowsley MARAC", "", AgencyGroup.MARAC, []),
    ("Liverpool MARAC", "", AgencyGroup.MARAC, []),
    ("North Wales MARAC", "", AgencyGroup.MARAC, []),
    ("West Lancashire MARAC", "West Lancs. MARAC", AgencyGroup.MARAC, ["West Lancs MARAC"]),
    ("Oldham MARAC", "", AgencyGroup.MARAC, []),
    ("Flintshire MARAC", "", AgencyGroup.MARAC, []),
    ("Gloucestershire MARAC", "", AgencyGroup.MARAC, []),
]


def upsert(model, *, defaults: dict, **lookup):
    """`update_or_create` that writes only what differs: a second `seed_demo` changes no row
    (and moves no version a cache is keyed on). Returns (object, created)."""
    found = model.objects.filter(**lookup).first()
    if found is None:
        return model.objects.create(**lookup, **defaults), True
    changed = []
    for name, value in defaults.items():
        field = model._meta.get_field(name)
        current = getattr(found, field.attname)
        wanted = value.pk if field.is_relation and value is not None else value
        if current != wanted:
            setattr(found, name, value)
            changed.append(name)
    if changed:
        found.save(update_fields=changed)
    return found, False


@transaction.atomic
def load_reference_data() -> None:
    """Idempotent: run it twice and nothing is duplicated."""
    for name, short_name, group, aliases in ORGANISATIONS:
        organisation, _ = upsert(
            Organisation, name=name, defaults={"short_name": short_name, "group": group}
        )
        for alias in aliases:
            upsert(OrganisationAlias, alias=alias, defaults={"organisation": organisation})

    def area(code, name, area_type, parent=None):
        return upsert(
            Area, code=code, defaults={"name": name, "area_type": area_type, "parent": parent}
        )[0]

    england = area(*ENGLAND, AreaType.COUNTRY)
    north_west = area(*NORTH_WEST, AreaType.REGION, england)
    area(*LIVERPOOL_CITY_REGION, AreaType.CITY_REGION, north_west)
    # The strategic assessment's demo keeps Merseyside as the police force area; a second run
    # leaves it so rather than turning it back into a county and again into a force.
    force = Area.objects.filter(code=MERSEYSIDE[0], area_type=AreaType.FORCE).exists()
    area(*MERSEYSIDE, AreaType.FORCE if force else AreaType.COUNTY, north_west)
    boroughs = {
        code: area(code, name, AreaType.BOROUGH, north_west) for code, name in LCR_AUTHORITIES
    }
    sefton = boroughs[SEFTON[0]]
    ward_codes = {name: code for code, name in SEFTON_WARDS}
    for locality_name, wards in LOCALITIES.items():
        locality = area(locality_code(locality_name), locality_name, AreaType.LOCALITY, sefton)
        for name in wards:
            area(ward_codes[name], name, AreaType.WARD, locality)
