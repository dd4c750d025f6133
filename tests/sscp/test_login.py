import pytest
from django.urls import reverse

from sscp import roles


@pytest.mark.django_db
def test_it_signs_in_with_the_right_password_and_goes_home(client, user_with_role):
    user_with_role(roles.BOARD_MEMBER, username="reader")
    response = client.post(
        reverse("login"), {"username": "reader", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_with_a_message(client, user_with_role):
    user_with_role(roles.BOARD_MEMBER, username="reader")
    response = client.post(reverse("login"), {"username": "reader", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_it_locks_out_after_repeated_failures_even_with_the_right_password(
    client, user_with_role, settings
):
    user_with_role(roles.BOARD_MEMBER, username="reader")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "reader", "password": "guess"})
    response = client.post(
        reverse("login"), {"username": "reader", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_signs_out_only_by_post(client, board_member):
    client.force_login(board_member)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_requires_a_csrf_token_to_sign_in(user_with_role):
    from django.test import Client

    user_with_role(roles.BOARD_MEMBER, username="reader")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("login"), {"username": "reader", "password": "correct-horse-battery"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_every_page_sends_a_strict_content_security_policy(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
