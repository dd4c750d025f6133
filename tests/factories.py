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
