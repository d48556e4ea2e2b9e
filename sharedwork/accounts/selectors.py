"""Reads about people and organizations, limited to what the viewer may see.

Profiles are public, except accounts whose address is not confirmed yet (``person.view``). Communities
shown next to a person or an organization always go through ``communities_visible_to``: a hidden
community never shows to someone who is not its member.
"""

from django.db.models import Count, Q
from django.http import Http404

from sharedwork.communities.models import MembershipState
from sharedwork.communities.permissions import can, is_signed_in, is_site_admin
from sharedwork.communities.selectors import communities_of_member, communities_visible_to

from .models import Affiliation, Organization, User
from .tokens import email_change_token_read, verification_token_read


def people_visible_to(viewer):
    """Active people whose profile ``viewer`` may see (mirrors the ``person.view`` rule)."""
    qs = User.objects.filter(is_active=True)
    if is_site_admin(viewer):
        return qs
    if is_signed_in(viewer):
        return qs.filter(Q(email_verified_at__isnull=False) | Q(pk=viewer.pk))
    return qs.filter(email_verified_at__isnull=False)


def get_person_for(viewer, username: str) -> User:
    """The person, or 404 when there is none or the viewer may not see their profile."""
    person = User.objects.filter(username=username).first()
    if person is None or not can(viewer, "person.view", person):
        raise Http404("No such person.")
    return person


def affiliations_of(person):
    return (
        Affiliation.objects.filter(user=person).select_related("organization").order_by("organization__name")
    )


def profile_communities(person, viewer):
    """The person's communities the viewer may know about, by name."""
    return communities_of_member(person, viewer).order_by("name")


def organizations_directory(*, q: str = "", kind: str = "", state: str = ""):
    """Organizations for the directory, filtered, with how many visible people list each."""
    qs = Organization.objects.annotate(
        people_count=Count(
            "affiliations",
            filter=Q(affiliations__user__is_active=True, affiliations__user__email_verified_at__isnull=False),
        )
    ).order_by("name")
    if q:
        qs = qs.filter(name__icontains=q)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    return qs


def get_organization(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404("No such organization.")
    return organization


def organization_people(organization, viewer):
    """Affiliations of the organization whose person the viewer may see, by name."""
    return (
        Affiliation.objects.filter(organization=organization, user__in=people_visible_to(viewer))
        .select_related("user")
        .order_by("user__display_name", "user__pk")
    )


def organization_communities(organization, viewer):
    """Communities that the organization's people are active members of, as far as the viewer may see."""
    return (
        communities_visible_to(viewer)
        .filter(
            memberships__state=MembershipState.ACTIVE,
            memberships__user__in=people_visible_to(viewer).filter(affiliations__organization=organization),
        )
        .distinct()
        .order_by("name")
    )


def organization_choices():
    """Every organization, for the "add an organization to my profile" picker."""
    return Organization.objects.order_by("name").only("pk", "name", "state")


def user_for_verification_token(token: str) -> User | None:
    """The person a still-usable confirmation link belongs to, without changing anything."""
    read = verification_token_read(token)
    if read is None:
        return None
    user_id, email = read
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email.lower() != email.lower():
        return None
    return user


def user_for_email_change_token(token: str) -> tuple[User, str] | None:
    """``(person, new address)`` for a still-usable change link, without changing anything."""
    change = email_change_token_read(token)
    if change is None:
        return None
    user = User.objects.filter(pk=change.user_id, is_active=True).first()
    if user is None or user.email.lower() != change.old_email.lower():
        return None
    return user, change.new_email
