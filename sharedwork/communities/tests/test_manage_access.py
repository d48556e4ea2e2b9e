"""Who may open each moderator page: moderators, owners and site admins; everyone else gets 404 (never
403), so moderator URLs reveal nothing."""

import pytest
from django.urls import reverse

MODERATOR_PAGES = [
    ("communities:manage_settings", {}),
    ("communities:manage_tools", {}),
    ("communities:manage_members", {}),
    ("communities:manage_requests", {}),
    ("communities:manage_invitations", {}),
    ("communities:manage_home", {}),
    ("communities:manage_home_preview", {}),
    ("communities:manage_log", {}),
]


def _url(name, community, **kwargs):
    return reverse(name, args=[community.slug, *kwargs.values()])


@pytest.mark.parametrize(("name", "kwargs"), MODERATOR_PAGES)
@pytest.mark.parametrize("who", ["moderator_client", "owner_client", "admin_client_"])
def test_moderators_owners_and_site_admins_open_every_moderator_page(request, community, name, kwargs, who):
    client = request.getfixturevalue(who)
    response = client.get(_url(name, community, **kwargs))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), MODERATOR_PAGES)
@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_members_outsiders_and_visitors_get_404_on_every_moderator_page(
    request, community, name, kwargs, who
):
    client = request.getfixturevalue(who)
    assert client.get(_url(name, community, **kwargs)).status_code == 404
    assert client.post(_url(name, community, **kwargs), {"op": "save"}).status_code == 404
