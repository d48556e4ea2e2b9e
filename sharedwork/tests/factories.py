"""Factories shared by every app's tests."""

import factory
from django.utils import timezone

from sharedwork.accounts.models import Affiliation, Organization, OrganizationKind, StakeholderRole, User
from sharedwork.communities.models import (
    Community,
    JoinPolicy,
    Level,
    Membership,
    MembershipState,
    Role,
    ToolActivation,
    Visibility,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person-{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name")
    email_verified_at = factory.LazyFunction(timezone.now)
    stakeholder_role = StakeholderRole.EDUCATOR
    state = "NC"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = OrganizationKind.NATIONAL


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Coordinator"


class CommunityFactory(factory.django.DjangoModelFactory):
    """A community with the default tools on. Pass ``tools=[...]`` to choose which are on."""

    class Meta:
        model = Community
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    level = Level.NATIONAL
    visibility = Visibility.PUBLIC
    join_policy = JoinPolicy.OPEN
    charter_who = "Families, educators and agencies who care about school behavioral health."

    @factory.post_generation
    def tools(obj, create, extracted, **kwargs):
        if not create:
            return
        from sharedwork.tools.registry import registry

        slugs = (
            extracted if extracted is not None else [t.slug for t in registry.all() if t.enabled_by_default]
        )
        for position, slug in enumerate(slugs):
            ToolActivation.objects.create(community=obj, tool_slug=slug, position=position)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER
    state = MembershipState.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)
