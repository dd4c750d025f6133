"""The demo partnership's body, members and 2018 meetings. Every person here is fictional."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from meetings.models import (
    AgendaItem,
    Body,
    Meeting,
    MeetingStatus,
    Membership,
    Minute,
    Person,
    StandardKind,
    Venue,
)
from meetings.selectors import previous_minutes_to_confirm
from sscp.demo import upsert
from sscp.models import Organisation

BODY_NAME = "Sefton Safer Communities Partnership"
MEMBERSHIP_START = datetime.date(2018, 5, 1)

# title, first name, last name, job title, organisation, role on the body
MEMBERS = [
    ("Councillor", "Alan", "Hartwell", "Cabinet Member", "Sefton Council", "chair"),
    ("Councillor", "Maureen", "Shelby", "", "Sefton Council", "member"),
    ("Councillor", "Derek", "Thorne", "", "Sefton Council", "member"),
    ("Superintendent", "Mark", "Bolland", "Area Commander", "Merseyside Police", "vice_chair"),
    ("", "Joanne", "Cullen", "Head of Service", "National Probation Service", "member"),
    (
        "",
        "Nigel",
        "Fairbrother",
        "Director",
        "Merseyside Community Rehabilitation Company",
        "member",
    ),
    ("", "Rachel", "Goodall", "Designated Nurse", "NHS South Sefton CCG", "member"),
    ("", "Tom", "Harrower", "Station Manager", "Merseyside Fire and Rescue Service", "member"),
    (
        "",
        "Susan",
        "Holbrook",
        "Policy Officer",
        "Office of the Merseyside Police and Crime Commissioner",
        "adviser",
    ),
    ("", "Janice", "Marley", "Consultant in Public Health", "Sefton Council", "member"),
    ("", "Brendan", "Priestley", "Chief Officer", "Sefton Council for Voluntary Service", "member"),
    ("", "Linda", "Tranter", "Head of Children's Social Care", "Sefton Council", "member"),
    ("", "Andrea", "Whitfield", "Service Manager - Localities", "Sefton Council", "member"),
    ("", "Ian", "Wardley", "Service Manager, Locality South", "Sefton Council", "member"),
]

# Each meeting reaches its status through the services, as an officer's would: June's minutes
# are confirmed by September's Minutes of Previous Meeting resolution; September's are drafted;
# December's agenda is published but the meeting is not yet held.
MEETINGS_2018 = [
    (datetime.date(2018, 6, 14), datetime.time(10, 0)),
    (datetime.date(2018, 9, 13), datetime.time(10, 0)),
    (datetime.date(2018, 12, 13), datetime.time(11, 0)),
]
SEPTEMBER = datetime.date(2018, 9, 13)
DECEMBER = datetime.date(2018, 12, 13)


@transaction.atomic
def load_agendas() -> None:
    """The first step of ``seed_demo`` (the meetings app's ``demo_loader``): the body, its
    members, June's meeting held and minuted, September's agenda published (open for papers)."""
    venue, _ = upsert(
        Venue,
        name="Committee Room - Bootle Town Hall",
        defaults={"address": "Trinity Road, Bootle, L20 7AE", "short_name": "Town Hall, Bootle"},
    )
    body, _ = upsert(
        Body,
        name=BODY_NAME,
        defaults={
            "slug": "sscp",
            "default_venue": venue,
            "committee_officer_name": "Claire Mather",
            "committee_officer_telephone": "0151 496 0070",
            "committee_officer_fax": "0151 496 0032",
            "committee_officer_email": "committee.officer@sefton.example",
        },
    )
    for title, first, last, job_title, organisation_name, role in MEMBERS:
        organisation = Organisation.objects.get(name=organisation_name)
        person, _ = upsert(
            Person,
            first_name=first,
            last_name=last,
            defaults={"title": title, "job_title": job_title, "organisation": organisation},
        )
        upsert(
            Membership,
            body=body,
            person=person,
            start_date=MEMBERSHIP_START,
            defaults={"role": role, "organisation": organisation},
        )
    meetings = []
    for day, start in MEETINGS_2018:
        meeting, _ = Meeting.objects.get_or_create(
            body=body,
            date=day,
            start_time=start,
            defaults={"venue": venue, "is_private": True, "status": MeetingStatus.DRAFT},
        )
        if day != DECEMBER:  # filled once September is held (hold_meetings)
            meetings.append(meeting)
    load_demo_meetings(meetings)
    from meetings.demo.pack import load_pack_demo

    load_pack_demo()


@transaction.atomic
def load_demo() -> None:
    """The whole meetings demo on its own: agendas, then the meetings held."""
    load_agendas()
    hold_meetings()


@transaction.atomic
def hold_meetings() -> None:
    """The second step of ``seed_demo`` (the meetings app's ``demo_finisher``): September is held
    and minuted, and December's agenda published, after the data apps' demo loaders have attached
    their papers to September's published agenda, as an analyst and the MARAC coordinator would
    before the meeting. Idempotent: a meeting already held is left as it is."""
    from meetings import services

    user = _demo_user()
    people = {p.last_name: p for p in Person.objects.filter(last_name__in=ATTENDANCE_JUNE)}
    september = Meeting.objects.filter(
        body__name=BODY_NAME, date=SEPTEMBER, status=MeetingStatus.AGENDA_PUBLISHED
    ).first()
    if september is not None and not september.attendances.exists():
        specs = {spec["title"]: spec for spec in SEPTEMBER_ITEMS}
        added = [(item, specs[item.title]) for item in september.items.filter(title__in=specs)]
        _hold(
            services=services,
            meeting=september,
            added=added,
            attendance=ATTENDANCE_SEPTEMBER,
            also_present=ALSO_PRESENT_SEPTEMBER,
            people=people,
            user=user,
        )
    december = Meeting.objects.filter(body__name=BODY_NAME, date=DECEMBER).first()
    if december is not None:
        load_demo_meetings([december])
    from meetings.demo.supplement import load_supplement_demo

    load_supplement_demo()  # December's agenda is published now


# --- The 2018 agendas, attendance and minutes (own wording of the decisions in the seeds) ------

# Officers and guests "also present", as minuted. Fictional.
ALSO_PRESENT_JUNE = [
    "Councillor Peter Kenyon", "Helen Ashworth", "Martin Copley", "Paul Frain", "Martin Gale",
    "Jerry Hesketh", "Ben Rowley", "Ros Stainton", "Chris Whiteley", "Carole Wilkes",
    "Kath Worrall",
]  # fmt: skip
ALSO_PRESENT_SEPTEMBER = [
    "Councillor Peter Kenyon", "Inspector Graham Fenwick", "Gemma Moorcroft", "Roger Rawlinson",
    "Ben Rowley", "Ros Stainton", "Kath Worrall", "Sergeant Kate Yardley",
]  # fmt: skip
# Surname -> attendance; members not listed were absent.
ATTENDANCE_JUNE = {
    "Hartwell": "chair", "Shelby": "present", "Thorne": "present", "Bolland": "present",
    "Cullen": "present", "Fairbrother": "present", "Harrower": "present", "Whitfield": "present",
    "Wardley": "present", "Goodall": "apologies", "Holbrook": "apologies",
    "Priestley": "apologies", "Tranter": "apologies", "Marley": "absent",
}  # fmt: skip
ATTENDANCE_SEPTEMBER = {
    "Hartwell": "chair", "Thorne": "present", "Fairbrother": "present", "Wardley": "present",
    "Shelby": "apologies", "Bolland": "apologies", "Cullen": "apologies", "Goodall": "apologies",
    "Harrower": "apologies", "Holbrook": "apologies", "Priestley": "apologies",
    "Tranter": "apologies", "Whitfield": "apologies", "Marley": "absent",
}  # fmt: skip

# Items after the first three standard ones: (title, kind, description, presenter surname,
# minutes; minute text, resolution parts). "after_next" puts the item after Date of Next Meeting.
JUNE_ITEMS = [
    {
        "title": "Arson Awareness Week",
        "kind": "presentation",
        "description": "Merseyside Fire and Rescue Service to present the results of Arson "
        "Awareness Week.",
        "presenter": "Harrower",
        "text": "<p>The Partnership received a presentation from Ben Rowley and Tom Harrower, "
        "Merseyside Fire and Rescue Service, on Arson Awareness Week, run with the police, the "
        "council and housing providers in March 2018.</p><p>Staff, advocates and volunteers had "
        "visited homes and businesses to carry out Home Fire Safety Checks, hand out leaflets "
        "and find residents who might be vulnerable to arson. Monthly campaigns would continue "
        "in areas of high demand for the rest of the year.</p>",
        "parts": [
            "Mr. Rowley and Mr. Harrower be thanked for their presentation",
            "the dates of the monthly Arson Awareness Campaigns be circulated to all Members of "
            "the Partnership",
        ],
        "actions": [
            (
                2,
                "Circulate the dates of the monthly arson campaigns to all members",
                "Merseyside Fire and Rescue Service",
                (2018, 7, 13),
                "done",
                "green",
                "Circulated by e-mail on 2 July 2018.",
            ),
        ],
    },
    {
        "title": "Integrated Youth Services",
        "kind": "report",
        "description": "Report of the Service Manager, Locality Central.",
        "text": "<p>The Partnership considered the report of the Service Manager, Locality "
        "Central, on the key headlines and achievements of the Integrated Youth Service since "
        "December 2017, covering:</p><ul><li>Youth Offending Team performance and the revised "
        "inspection framework</li><li>targeted youth prevention and the Adverse Childhood "
        "Experiences pilot</li></ul>",
        "parts": [
            "the report on the key headlines and achievements of the Integrated Youth Service "
            "since December 2017 be noted"
        ],
    },
    {
        "title": "Sefton Safer Communities Partnership 2017/18 Final Outturn Report",
        "kind": "report",
        "description": "Report of the Service Manager, Locality South.",
        "text": "<p>The Partnership considered the report of the Service Manager, Locality South, "
        "on the outturn for 2017/18 of the Community Safety Fund awarded by the Police and "
        "Crime Commissioner: £346,000, with monitoring data and case studies for each funded "
        "theme. The outcomes would inform the Partnership's investment priorities for "
        "2018/19.</p>",
        "parts": ["the report on the 2017/18 outturn of the Community Safety Fund be noted"],
    },
    {
        "title": "Sefton Safer Communities Partnership Plan 2018/19",
        "kind": "report",
        "description": "Report of the Service Manager, Locality South.",
        "text": "<p>The Partnership considered its Plan for 2018/19, whose vision was to build "
        "community resilience to crime and to raise residents' confidence by changing their "
        "perception of crime in Sefton.</p>",
        "parts": [
            "the Sefton Safer Communities Partnership Plan for 2018/19 be approved",
            "the Chair be given delegated authority to approve allocations from the Community "
            "Safety Fund between meetings of the Partnership",
        ],
        "actions": [
            (
                1,
                "Publish the approved Partnership Plan on the council's website",
                "Sefton Council",
                (2018, 8, 31),
                "open",
                "red",
                "",
            ),
        ],
    },
    {
        "title": "Sefton Strategic Needs Briefing 2018/19",
        "kind": "verbal_update",
        "description": "Service Manager, Locality South, to give a verbal briefing.",
        "presenter": "Wardley",
        "text": "<p>Ian Wardley, Service Manager, Locality South, said that members would receive "
        "the full Strategic Needs Assessment in mid-July and a presentation on it at the next "
        "meeting.</p>",
        "parts": [
            "it be noted that a presentation on the Sefton Strategic Needs Assessment 2018/19 "
            "would be made to the next meeting of the Partnership on 13 September 2018"
        ],
        "defers": "Sefton Strategic Needs Assessment 2018/19",
    },
    {
        "title": "Merseyside Child Exploitation Process",
        "kind": "verbal_update",
        "description": "Localities Team Manager to give a verbal update.",
        "text": "<p>The Partnership received a verbal update from Chris Whiteley, Localities Team "
        "Manager, on a pan-Merseyside child exploitation project bringing the child sexual "
        "exploitation pathway and criminal exploitation together in one referral process.</p>",
        "parts": ["Mr. Whiteley be thanked for his update"],
    },
    {
        "title": "Update on Serious and Organised Crime",
        "kind": "verbal_update",
        "description": "Superintendent Mark Bolland, Merseyside Police, to give a verbal update on "
        "Serious and Organised Crime in Sefton.",
        "presenter": "Bolland",
        "text": "<p>The Partnership received a verbal update from Superintendent Mark Bolland, "
        "Merseyside Police, on Serious and Organised Crime in Sefton.</p>",
        "parts": ["Superintendent Bolland be thanked for his update"],
    },
    {
        "title": "Domestic Violence and the World Cup",
        "kind": "verbal_update",
        "description": "The Chair to raise a matter of urgency.",
        "presenter": "Hartwell",
        "after_next": True,
        "text": "<p>The Chair, Councillor Hartwell, referred to studies showing that reports of "
        "domestic violence rose after England matches during past World Cups, and to the "
        "Local Government Association's support for the Women's Aid campaign 'Football United "
        "Against Domestic Violence'. He urged partners to be alert to this while the 2018 World "
        "Cup was under way.</p>",
        "parts": [],
    },
]

SEPTEMBER_ITEMS = [
    {
        "title": "Operation Pelican",
        "kind": "presentation",
        "description": "Superintendent Mark Bolland, Merseyside Police, to deliver a 10 minute "
        "presentation on Operation Pelican.",
        "presenter": "Bolland",
        "duration": 10,
        "text": "<p>The Partnership received a presentation from Sergeant Kate Yardley, Merseyside "
        "Police, on progress with Operation Pelican.</p>",
        "parts": ["Sergeant Yardley be thanked for her informative update"],
    },
    {
        "title": "Update on Serious and Organised Crime",
        "kind": "verbal_update",
        "description": "Superintendent Mark Bolland, Merseyside Police, to give a verbal update on "
        "Serious and Organised Crime in Sefton.",
        "presenter": "Bolland",
        "text": "<p>The Partnership received a verbal update from Inspector Graham Fenwick, "
        "Merseyside Police, on Serious and Organised Crime in Sefton.</p>",
        "parts": ["Inspector Fenwick be thanked for his informative update"],
    },
    {
        "title": "Sefton Strategic Needs Assessment 2018/19",
        "kind": "presentation",
        "description": "Roger Rawlinson, Team Leader - Information Management, Sefton Council, to "
        "give a 10 minute presentation on the Sefton Strategic Needs Assessment 2018/19.",
        "presenter_text": "Roger Rawlinson, Sefton Council",
        "duration": 10,
        "cites": "Sefton Strategic Needs Briefing 2018/19",
        "text": "<p>The Partnership received a presentation from Gemma Moorcroft, Business "
        "Intelligence Officer, on the Sefton Strategic Needs Assessment 2018/19, covering:</p>"
        "<ul><li>crime across the borough compared with the Liverpool City Region and England"
        "</li><li>domestic abuse</li><li>anti-social behaviour</li><li>violent offences</li>"
        "<li>night-time economy crime</li><li>sexual offences</li><li>hate crime</li></ul>",
        "parts": [
            "the presentation be noted",
            "the Strategic Needs Assessment be agreed",
            "everyone involved be thanked for a thorough account of the issues facing Sefton",
            "Roger Rawlinson and Gemma Moorcroft be thanked for their presentation",
        ],
        "actions": [
            (
                2,
                "Turn the assessment's recommendations into the 2019/20 Partnership Plan",
                "Sefton Council",
                (2019, 3, 14),
                "in_progress",
                "amber",
                "Draft priorities shared with partners in November.",
            ),
        ],
    },
    {
        "title": "Integrated Youth Service",
        "kind": "report",
        "description": "Report of the Service Manager, Neighbourhoods and Partnerships.",
        "text": "<p>The Partnership considered the report of the Service Manager, Neighbourhoods "
        "and Partnerships, on the Integrated Youth Service since June 2018: Youth Offending "
        "Team performance against the national indicators, and targeted youth prevention, "
        "including outreach projects in North Park and the youth bus.</p>",
        "parts": [
            "the report on the key headlines and achievements of the Integrated Youth Service "
            "since June 2018 be noted"
        ],
    },
    {
        "title": "Domestic Abuse Strategy Refresh",
        "kind": "report",
        "description": "Report of the Service Manager - Localities.",
        "report": True,
        "text": "<p>The Partnership considered the report of the Service Manager - Localities on "
        "Sefton's Domestic and Sexual Abuse Strategy 2015-18, which the Domestic Abuse "
        "Executive Group takes forward. The strategy was due for renewal; a refreshed version "
        "would be prepared by the Executive Group in step with the Merseyside domestic abuse "
        "action plan.</p>",
        "parts": [
            "the report on Sefton's Domestic and Sexual Abuse Strategy be noted",
            "a refresh of the Strategy for the next three years be agreed, reflecting local "
            "activity and the Merseyside priorities being developed",
        ],
        "actions": [
            (
                2,
                "Prepare the refreshed Domestic and Sexual Abuse Strategy for sign-off",
                "Sefton Council",
                (2019, 3, 14),
                "in_progress",
                "amber",
                "Consultation with partners under way.",
            ),
            (
                2,
                "Share the Merseyside domestic abuse action plan with the Partnership",
                "Merseyside Police",
                (2018, 11, 30),
                "open",
                "red",
                "",
            ),
        ],
    },
]

DECEMBER_ITEMS = [
    {"title": "Merseyside Offender Mentoring Project", "kind": "presentation",
         "description": "To receive a presentation from Brendan Priestley, Sefton CVS.",
         "presenter": "Priestley"},
    {"title": "Red Umbrella Project", "kind": "presentation",
         "description": "To receive a presentation from a Service Manager, Changing Lives.",
         "presenter_text": "Service Manager, Changing Lives"},
    {"title": "Knife Crime - Liverpool City Region Approach", "kind": "presentation",
         "description": "To receive a presentation from the Localities Team Manager - South.",
         "presenter_text": "Localities Team Manager - South"},
    {"title": "Integrated Youth Service", "kind": "report",
         "description": "Report of the Localities Service Manager - Central."},
    {"title": "Enquiry Desk Update - Merseyside Police", "kind": "verbal_update",
         "description": "To receive a verbal update from a representative of Merseyside Police."},
]  # fmt: skip
DECEMBER_NEXT_MEETING = (
    "The next meeting will be held on Thursday, 14 March 2019, at Town Hall, Bootle, "
    "commencing at 10.00 a.m."
)

STRATEGY_REPORT = {
    "report_to": BODY_NAME,
    "subject": "Sefton Domestic and Sexual Abuse Strategy update",
    "report_of": "Service Manager - Localities",
    "sections": [
        ("Background", "<p>1.1 The Domestic and Sexual Abuse Strategy 2015-18 was approved by "
         "the Partnership in June 2015. The Domestic Abuse Executive Group leads its action "
         "plan.</p>"),
        ("Purpose", "<p>2.1 To update the Partnership on delivery of the strategy and to seek "
         "agreement to refresh it.</p>"),
        ("Delivery against the strategy", "<p>3.1 The strategy has four themes: Partnership, "
         "Prevention, Provision and Protection.</p><ul><li>A multi-agency practitioner toolkit "
         "on domestic abuse launches in October 2018.</li><li>A 2017/18 performance report for "
         "MARAC has been produced.</li><li>Level 2 multi-agency training is delivered "
         "regularly.</li></ul>"),
        ("Refreshing the strategy", "<p>4.1 The strategy ends this year. The Executive Group "
         "will prepare a refreshed strategy in step with the Merseyside domestic abuse action "
         "plan.</p>"),
    ],
    "recommendations": "<p>The Partnership is asked to:</p><ol><li>note the update; and</li>"
    "<li>agree that the strategy be refreshed for the next three years.</li></ol>",
}  # fmt: skip


def _demo_user():
    return get_user_model().objects.filter(username="officer").first()


def load_demo_meetings(meetings) -> None:
    """Fill each 2018 meeting once: a meeting that already has an agenda is left as it is."""
    from meetings import services

    user = _demo_user()
    people = {p.last_name: p for p in Person.objects.filter(last_name__in=ATTENDANCE_JUNE)}
    plans = {
        datetime.date(2018, 6, 14): (JUNE_ITEMS, ATTENDANCE_JUNE, ALSO_PRESENT_JUNE),
        datetime.date(2018, 9, 13): (
            SEPTEMBER_ITEMS,
            ATTENDANCE_SEPTEMBER,
            ALSO_PRESENT_SEPTEMBER,
        ),
        datetime.date(2018, 12, 13): (DECEMBER_ITEMS, None, None),
    }
    for meeting in meetings:
        if not meeting.items.exists():
            items, attendance, also_present = plans[meeting.date]
            Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.DRAFT)
            meeting.status = MeetingStatus.DRAFT
            _fill(
                services=services,
                meeting=meeting,
                items=items,
                attendance=attendance,
                also_present=also_present,
                people=people,
                user=user,
            )


def _fill(*, services, meeting, items, attendance, also_present, people, user) -> None:
    added = _add_items(services=services, meeting=meeting, items=items, people=people, user=user)
    if attendance is None:  # December: published, not yet held
        next_item = meeting.items.get(standard_kind=StandardKind.NEXT_MEETING)
        services.item_update(
            item=next_item, user=user, expected_version=None, description=DECEMBER_NEXT_MEETING
        )
        services.agenda_publish(meeting=meeting, user=user)
        return
    services.agenda_publish(meeting=meeting, user=user)
    if meeting.date == SEPTEMBER:  # held by hold_meetings, once the papers are attached
        return
    _hold(
        services=services,
        meeting=meeting,
        added=added,
        attendance=attendance,
        also_present=also_present,
        people=people,
        user=user,
    )


def _hold(*, services, meeting, added, attendance, also_present, people, user) -> None:
    """Attendance, minutes (confirming the previous meeting's) and their publication."""
    services.attendance_record(
        meeting=meeting,
        user=user,
        statuses={people[name].pk: status for name, status in attendance.items()},
        also_present=also_present,
    )
    services.minutes_generate_standard(meeting=meeting, user=user)
    _confirm_previous_minutes(services=services, meeting=meeting, user=user)
    _write_minutes(services=services, meeting=meeting, added=added, user=user)
    services.minutes_publish(meeting=meeting, user=user)


def _add_items(*, services, meeting, items, people, user) -> list:
    """The agenda's own items (after the standard ones), with the strategy report."""
    services.agenda_start(meeting=meeting, user=user)
    added = []
    for spec in items:
        item = services.item_add(
            meeting=meeting,
            user=user,
            title=spec["title"],
            kind=spec["kind"],
            description=spec.get("description", ""),
            presenter=people.get(spec.get("presenter")),
            presenter_text=spec.get("presenter_text", ""),
            duration_minutes=spec.get("duration"),
        )
        if spec.get("after_next"):
            services.item_move_down(item=item, user=user)
        if spec.get("report"):
            services.report_save(
                item=item,
                user=user,
                report_to=STRATEGY_REPORT["report_to"],
                meeting_date=meeting.date,
                subject=STRATEGY_REPORT["subject"],
                report_of=STRATEGY_REPORT["report_of"],
                sections=STRATEGY_REPORT["sections"],
                recommendations=STRATEGY_REPORT["recommendations"],
            )
        # The forward plan: an item deferred here by an earlier minute links back to it.
        requested = Minute.objects.filter(
            body_id=meeting.body_id, title=spec.get("cites", "").upper()
        ).first()
        if requested is not None:
            item.requested_by = requested
            item.save(update_fields=["requested_by"])
        added.append((item, spec))
    return added


def _confirm_previous_minutes(*, services, meeting, user) -> None:
    # September confirms June's published draft minutes, which locks them.
    to_confirm = previous_minutes_to_confirm(meeting)
    if to_confirm is not None:
        services.minutes_confirm(meeting=to_confirm, user=user)
    previous = meeting.items.get(standard_kind=StandardKind.PREVIOUS_MINUTES)
    if not previous.minute.resolution_parts.exists():  # June: December 2017 is not in the demo
        previous_minute = previous.minute
        services.minute_save(
            minute=previous_minute,
            user=user,
            expected_version=None,
            number=previous_minute.number,
            title=previous_minute.title,
            text="",
            parts=[
                "the Minutes of the meeting held on 11 December 2017 be confirmed as a correct "
                "record"
            ],
        )
        AgendaItem.objects.filter(pk=previous.pk).update(
            description="Minutes of the meeting held on 11 December 2017."
        )


def _write_minutes(*, services, meeting, added, user) -> None:
    """Each item's minute, its resolution parts and their actions."""
    organisations = {o.name: o for o in Organisation.objects.all()}
    for item, spec in added:
        minute = Minute.objects.get(agenda_item=item)
        cites = None
        if spec.get("cites"):
            cites = Minute.objects.filter(
                body_id=meeting.body_id, title=spec["cites"].upper()
            ).first()
        services.minute_save(
            minute=minute,
            user=user,
            expected_version=None,
            number=minute.number,
            title=minute.title,
            text=spec["text"],
            parts=spec["parts"],
            cites=cites,
        )
        for part_no, description, owner, due, status, rag, note in spec.get("actions", []):
            services.action_add(
                resolution_part=minute.resolution_parts.get(order=part_no),
                user=user,
                description=description,
                owner_organisation=organisations[owner],
                due_date=datetime.date(*due),
                status=status,
                rag=rag,
                progress_note=note,
            )
