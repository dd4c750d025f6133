import io

import pytest
from django.core.management import call_command

from marac.models import IdvaStatus, SwacaStatus
from sscp.demo import load_reference_data


@pytest.fixture
def reference(db):
    """The Sefton agencies, aliases and wards, two IDVA statuses and three SWACA statuses."""
    load_reference_data()
    IdvaStatus.objects.create(code="open_to_idva", label="Already open to the IDVA team")
    IdvaStatus.objects.create(code="declined", label="Declined IDVA support")
    for order, (code, label, engagement) in enumerate(SWACA_STATUSES):
        SwacaStatus.objects.create(code=code, label=label, engagement=engagement, order=order)


SWACA_STATUSES = [
    ("open_to_swaca", "Open to SWACA", "open"),
    ("not_open", "Eligible, not open to SWACA", "not_open"),
    ("not_eligible", "Not eligible for SWACA support", "not_eligible"),
]


@pytest.fixture
def marac_demo(db):
    """The whole demo (Sefton MARAC 2016-18), loaded as seed_demo loads it."""
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())


DISCUSSIONS = (
    "meeting_date,victim_ref,perpetrator_ref,referral_date,referring_agency,referral_basis,"
    "children,pregnant,ward,idva_status,swaca_status\n"
    + "".join(
        f"2017-0{4 + n % 3}-13,V-{n},P-{n},2017-04-0{1 + n % 5},Police,visible_high_risk,"
        f"{n % 3},{'Y' if n == 1 else 'N'},{'Linacre' if n % 2 else 'Ford'},open_to_idva,"
        f"{'open_to_swaca' if n % 4 == 0 else 'not_open'}\n"
        for n in range(12)
    )
    + "2017-05-13,V-20,P-20,2017-05-02,Sefton Women's and Children's Aid,professional_judgement,"
    "1,N,Kew,declined,Not eligible for SWACA support\n"
).encode()
ACTIONS = (
    b"meeting_date,victim_ref,agency,completed_date\n"
    b"2017-04-13,V-0,Police,2017-04-20\n2017-04-13,V-3,Police,\n2017-05-13,V-20,Police,2017-07-01\n"
)
ATTENDANCE = (
    b"meeting_date,agency,status\n2017-04-13,Police,attended\n2017-05-13,Police,apologies\n"
)


@pytest.fixture
def small_marac(reference):
    """Thirteen cases at three meetings in 2017: every figure is small."""
    from marac.imports import import_marac

    for kind, data in [
        ("discussions", DISCUSSIONS),
        ("actions", ACTIONS),
        ("attendance", ATTENDANCE),
    ]:
        result = import_marac(kind, data)
        assert result.ok, result.report()
