import datetime

import factory
from django.contrib.auth import get_user_model

from meetings.models import Body, Meeting, MeetingStatus, Venue
from sscp.models import AgencyGroup, Area, AreaType, Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Agency {n}")
    group = AgencyGroup.OTHER


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"E0599{n:04d}")
    name = factory.Sequence(lambda n: f"Ward {n}")
    area_type = AreaType.WARD


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = "Committee Room"
    address = "Town Hall"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    default_venue = factory.SubFactory(VenueFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2018, 9, 13)
    start_time = datetime.time(10, 0)
    venue = factory.SelfAttribute("body.default_venue")
    status = MeetingStatus.AGENDA_PUBLISHED


# --- meetings: agenda, minutes, actions ------------------------------------------------------


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Person"

    first_name = factory.Sequence(lambda n: f"Pat{n}")
    last_name = factory.Sequence(lambda n: f"Member{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Membership"

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = "member"
    start_date = datetime.date(2018, 5, 1)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")
    kind = "report"


class MinuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Minute"

    meeting = factory.SubFactory(MeetingFactory)
    body = factory.SelfAttribute("meeting.body")
    municipal_year = factory.LazyAttribute(lambda o: o.meeting.municipal_year_start())
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"MINUTE {n}")


def tiny_pdf(text="Hello") -> bytes:
    """A minimal one-page PDF with selectable text."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    out = bytes(out)
    return out
