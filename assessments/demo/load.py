"""The demo's strategic assessment: the 2018/19 assessment's published tables, loaded through
the same import function an analyst's upload uses, plus a generated police.uk file for three
months (so the places views have wards and LSOAs), schematic ward squares for the places map
(illustrative, not real boundaries), the recommendations register and the 2019/20
partnership plan's priorities. Safe to run twice: a file already loaded is skipped.
"""

from decimal import Decimal

from django.db import transaction

from assessments.demo import tables as demo_tables
from assessments.imports import boundaries_import, dataset_import, file_sha256
from assessments.models import (
    ComparatorSet,
    DatasetImport,
    ImportStatus,
    Indicator,
    PartnershipPriority,
    Polarity,
    Recommendation,
)
from sscp.demo import upsert
from sscp.models import Area, AreaType

LCR_SET = "Liverpool City Region authorities"
POLICE_DATASET = "police.uk street-level crime (Merseyside)"

# Priorities and actions for 2019/2020 (Sefton Safer Communities Partnership Plan 2019/20).
PRIORITIES = [
    (
        "Anti-Social Behaviour",
        Decimal("100200"),
        "Target diversionary activities for young people into the summer months; focused "
        "activities around Bonfire and Halloween. Reduce first time entrants into the criminal "
        "justice system.",
        "Reduced levels of ASB. Young people progressing into universal services. Reduced "
        "percentage of triage cases reoffending compared to non-triage cases.",
        "Numbers of individuals/families worked with. Number of FTE compared with previous "
        "year. Numbers going through triage with successful outcomes.",
    ),
    (
        "Sexual Violence",
        Decimal("29800"),
        "Specialist service to support victims of sexual violence and abuse (ISVA and "
        "counselling).",
        "Increased support for sex workers in Sefton experiencing sexual violence.",
        "Numbers of service users referred, supported and benefitting from positive outcomes; "
        "individuals supported through the Red Umbrella project.",
    ),
    (
        "Vulnerable People including Hate Crime",
        Decimal("10000"),
        "Raise the awareness of hate crime across the Borough; hate crime training for "
        "professionals.",
        "Vulnerable individuals supported. Reduced reoffending.",
        "Number of hate crime incidents reported. Cases at Hate Crime MARAC and outcomes. "
        "Attendees at training sessions.",
    ),
    (
        "Community Infrastructure",
        Decimal("80000"),
        "Make communities more resilient to anti-social and criminal behaviour.",
        "Communities sustainable in tackling anti-social and criminal behaviour.",
        "Number of repaired or replaced CCTV cameras and security systems. Number of people "
        "attending programmes in hotspot areas.",
    ),
    (
        "Community Resilience",
        Decimal("55000"),
        "Pass on information and training through community groups; Scrambler Bike initiative; "
        "Community Justice Panels; safer highways.",
        "Increased community intelligence. Reduced crime from the night time economy. Reduced "
        "street drinking and aggressive begging. Reduced KSI figures.",
        "Levels of community intelligence; co-created activities with partners; KSI figures.",
    ),
    (
        "Serious Organised Crime & Serious Acquisitive Crime",
        Decimal("52000"),
        "Reduce acquisitive and violent crime; school teams focused on high crime areas.",
        "Reoffending reduced. Reduced number of firearms discharges.",
        "Reoffending rate of OCG nominals. Cannabis farms detected and dismantled. Cases "
        "considered through MARSOC and MACE.",
    ),
    (
        "Child Exploitation & Youth Violence",
        Decimal("5000"),
        "Promote the MACE process and the CE1 and CE2 referral forms; reduce permanent exclusions.",
        "Children at risk identified and supported.",
        "Number of children identified at risk through MACE. Partners engaged. Educational "
        "sessions delivered.",
    ),
]


def _load(content: bytes, format: str, dataset: str, filename: str, options=None) -> None:
    if DatasetImport.objects.filter(
        sha256=file_sha256(content), status=ImportStatus.LOADED
    ).exists():
        return
    report = dataset_import(
        format, content, dataset_name=dataset, filename=filename, options=options
    )
    if not report.ok:
        raise RuntimeError(f"demo file {filename} was refused:\n{report.as_text()}")


@transaction.atomic
def load_demo() -> None:
    north_west = Area.objects.get(code=demo_tables.NORTH_WEST[0])
    upsert(
        Area,
        code=demo_tables.MERSEYSIDE[0],
        defaults={
            "name": demo_tables.MERSEYSIDE[1],
            "area_type": AreaType.FORCE,
            "parent": north_west,
        },
    )
    lcr, _ = ComparatorSet.objects.get_or_create(
        name=LCR_SET, defaults={"description": "The six local authorities of the city region."}
    )
    lcr.areas.set(Area.objects.filter(code__in=[c for c, _ in demo_tables.LCR_AUTHORITIES]))

    for table in demo_tables.demo_tables():
        _load(table.content, table.format, table.title, f"{table.key}.csv", table.options)
    _load(
        demo_tables.sefton_area_lookup_csv(),
        "area-lookup",
        "Sefton LSOA lookup",
        "sefton-lsoa-lookup.csv",
    )
    _load(
        demo_tables.police_uk_demo_csv(),
        "police-uk",
        POLICE_DATASET,
        "2018-04-to-06-merseyside-street.csv",
    )
    # Illustrative squares, not real ward boundaries (none are shipped): they show the map.
    squares = demo_tables.schematic_ward_squares_geojson()
    if not DatasetImport.objects.filter(
        sha256=file_sha256(squares), status=ImportStatus.LOADED
    ).exists():
        report = boundaries_import(
            squares,
            dataset_name=demo_tables.SCHEMATIC_WARDS_DATASET,
            filename="schematic-ward-squares.geojson",
        )
        if not report.ok:
            raise RuntimeError(f"demo boundaries were refused:\n{report.as_text()}")
    worse = Indicator.objects.exclude(name__icontains="rank").exclude(name__icontains="parking")
    worse.filter(polarity=Polarity.NEITHER).update(polarity=Polarity.HIGHER_IS_WORSE)

    for order, item in enumerate(demo_tables.RECOMMENDATIONS):
        upsert(
            Recommendation,
            code=item.code,
            defaults={
                "kind": item.kind,
                "text": item.text,
                "priority_area": item.priority_area,
                "order": order,
            },
        )
    for order, (priority, budget, activity, outcomes, measures) in enumerate(PRIORITIES):
        upsert(
            PartnershipPriority,
            priority=priority,
            defaults={
                "budget": budget,
                "activity": activity,
                "expected_outcomes": outcomes,
                "performance_measures": measures,
                "order": order,
            },
        )
    from assessments.demo.papers import attach_assessment_papers

    attach_assessment_papers()
