import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_it_serves_the_plotly_bundle_from_the_installed_wheel():
    found = finders.find("plotly/plotly.min.js")
    assert found and found.endswith("package_data/plotly.min.js")


@pytest.mark.django_db
def test_the_plotly_bundle_is_reachable_by_url(client, board_member):
    client.force_login(board_member)
    response = client.get("/static/plotly/plotly.min.js")
    assert response.status_code == 200


def test_collectstatic_gathers_plotly_and_not_the_rest_of_its_package(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "plotly" / "plotly.min.js").exists()
    assert not (tmp_path / "plotly" / "widgetbundle.js").exists()
