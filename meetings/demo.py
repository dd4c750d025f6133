"""The demo partnership's body, members and 2018 meetings. Every person here is fictional."""

import datetime

from django.db import transaction

from meetings.models import Body, Meeting, MeetingStatus, Membership, Person, Venue
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

MEETINGS_2018 = [
    (datetime.date(2018, 6, 14), datetime.time(10, 0), MeetingStatus.MINUTES_CONFIRMED),
    (datetime.date(2018, 9, 13), datetime.time(10, 0), MeetingStatus.MINUTES_DRAFTED),
    (datetime.date(2018, 12, 13), datetime.time(11, 0), MeetingStatus.AGENDA_PUBLISHED),
]


@transaction.atomic
def load_demo() -> None:
    venue, _ = Venue.objects.update_or_create(
        name="Committee Room - Bootle Town Hall",
        defaults={"address": "Trinity Road, Bootle, L20 7AE"},
    )
    body, _ = Body.objects.update_or_create(
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
        person, _ = Person.objects.update_or_create(
            first_name=first,
            last_name=last,
            defaults={"title": title, "job_title": job_title, "organisation": organisation},
        )
        Membership.objects.update_or_create(
            body=body,
            person=person,
            start_date=MEMBERSHIP_START,
            defaults={"role": role, "organisation": organisation},
        )
    for day, start, status in MEETINGS_2018:
        Meeting.objects.update_or_create(
            body=body,
            date=day,
            start_time=start,
            defaults={"venue": venue, "is_private": True, "status": status},
        )
