import zoneinfo

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify

from sharedwork.core.models import TimeStampedModel
from sharedwork.core.states import US_STATES


class StakeholderRole(models.TextChoices):
    FAMILY = "family", "Family member"
    EDUCATOR = "educator", "Educator"
    ADMINISTRATOR = "administrator", "School or district administrator"
    STATE_AGENCY = "state_agency", "State agency staff"
    RELATED_SERVICES = "related_services", "Related-services provider"
    RESEARCHER = "researcher", "Researcher"
    POLICYMAKER = "policymaker", "Policymaker"
    TA_PROVIDER = "ta_provider", "Technical-assistance provider"
    YOUTH = "youth", "Youth or self-advocate"
    OTHER = "other", "Other"


TIME_ZONE_CHOICES = sorted(
    (tz, tz.replace("_", " "))
    for tz in zoneinfo.available_timezones()
    if "/" in tz and not tz.startswith("Etc/")
)


class PersonManager(UserManager):
    def get_by_natural_key(self, username):
        # People sign in with their email address, in any letter case.
        return self.get(email__iexact=username)

    def create_user(self, username=None, email=None, password=None, **extra_fields):
        username = username or unique_username(
            extra_fields.get("display_name") or (email or "").split("@")[0]
        )
        return super().create_user(username, email, password, **extra_fields)

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):
        username = username or unique_username((email or "admin").split("@")[0])
        extra_fields.setdefault("email_verified_at", None)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person. Signs in by email; ``username`` is the stable handle in ``/people/<username>/``."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=120)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="America/New_York", choices=TIME_ZONE_CHOICES)
    title = models.CharField("job title", max_length=160, blank=True)
    stakeholder_role = models.CharField(max_length=32, choices=StakeholderRole.choices, blank=True)
    state = models.CharField(max_length=3, choices=US_STATES, blank=True)
    bio = models.TextField(
        blank=True, help_text="Markdown. Tell others what you care about and what you work on."
    )
    avatar = models.ImageField(upload_to="avatars/", blank=True)

    objects = PersonManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]
        indexes = [models.Index(fields=["state"]), models.Index(fields=["stakeholder_role"])]

    def __str__(self):
        return self.display_name or self.username

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    @property
    def is_site_admin(self):
        return self.is_active and self.is_superuser

    def get_absolute_url(self):
        return reverse("accounts:profile", args=[self.username])

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        if not self.display_name:
            self.display_name = self.get_full_name() or self.username
        super().save(*args, **kwargs)


def unique_username(seed: str) -> str:
    base = slugify(seed)[:40] or "person"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class OrganizationKind(models.TextChoices):
    STATE_AGENCY = "state_agency", "State agency"
    DISTRICT = "district", "School district"
    SCHOOL = "school", "School"
    NATIONAL = "national", "National organization"
    TA_CENTER = "ta_center", "Technical-assistance center"
    FAMILY = "family", "Family organization"
    UNIVERSITY = "university", "University"
    OTHER = "other", "Other"


class Organization(TimeStampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=OrganizationKind.choices)
    state = models.CharField(max_length=3, choices=US_STATES, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="accounts_org_name_ci_unique")]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["state"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:organization", args=[self.slug])


class Affiliation(TimeStampedModel):
    """A person's tie to an organization, with their title there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="affiliations")
    title = models.CharField(max_length=160, blank=True)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="accounts_affiliation_unique")
        ]

    def __str__(self):
        return f"{self.user} at {self.organization}"
