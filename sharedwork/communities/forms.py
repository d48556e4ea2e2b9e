"""Forms of the public community pages: the directory filters, creating a community or a group,
asking to join, and filtering the members list.

Forms only check what was typed. The rules a community must satisfy (a state for state communities, the
accent colour's contrast, no cycles) live in ``validation.py`` and are enforced again by the services;
``add_service_errors`` puts what a service refused back onto the form, next to the field concerned.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from sharedwork.accounts.models import Organization, StakeholderRole
from sharedwork.core.states import US_STATES

from .models import Community, JoinPolicy, Level, Role, Visibility
from .topics import parse_topic_names
from .validation import validate_accent_colour

MARKDOWN_HINT = "You can use Markdown: **bold**, *italic*, lists starting with -, and links."
LONG_TEXT = 20_000
DEFAULT_ACCENT = "#1a4480"

STATE_NAMES = dict(US_STATES)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# --- the directory -----------------------------------------------------------------------------


class DirectoryFilterForm(forms.Form):
    """GET filters of ``/communities/``. A value that is not a valid choice is ignored, not an error."""

    q = forms.CharField(
        label="Search by name",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    level = forms.ChoiceField(label="Level", required=False, choices=[("", "All levels"), *Level.choices])
    state = forms.ChoiceField(label="State", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)

    def __init__(self, *args, states=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "All states")] + [
            (code, STATE_NAMES.get(code, code)) for code in states
        ]
        self.fields["topic"].choices = [("", "All topics")] + [(topic.slug, topic.name) for topic in topics]

    def filters(self) -> dict:
        """The valid filters, by name; invalid or empty ones left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: value for key, value in data.items() if value}


# --- creating a community ----------------------------------------------------------------------


class CommunityCreateForm(forms.ModelForm):
    """Everything a person sets when they start a community or a group. The web address (slug) is made
    from the name; the parent is the community whose page the group is created from, never typed."""

    topics_text = forms.CharField(
        label="Topics",
        required=False,
        max_length=1000,
        help_text="Separate topics with commas, for example: behavioral health, family engagement. "
        "People filter the community directory by topic.",
    )
    accent_color = forms.CharField(
        label="Accent color",
        required=False,
        initial=DEFAULT_ACCENT,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text="Used for the line under the community's name and for its headings. It must be dark "
        "enough for white text to be readable on it.",
    )
    accent_color_code = forms.CharField(
        label="Or type the color code",
        required=False,
        max_length=7,
        help_text="Six-digit code such as #1a4480. When you fill this in, it is used instead of the "
        "color picker.",
    )

    class Meta:
        model = Community
        fields = [
            "name",
            "tagline",
            "description",
            "level",
            "state",
            "visibility",
            "join_policy",
            "charter_who",
            "charter_underway",
            "charter_shared",
            "charter_connections",
        ]
        labels = {
            "name": "Name",
            "tagline": "Tagline",
            "description": "Description",
            "level": "Level",
            "state": "State",
            "visibility": "Who can see this community?",
            "join_policy": "How do people join?",
        }
        help_texts = {
            "name": "For example: Community of Practice on School Behavioral Health.",
            "tagline": "One short sentence shown under the name.",
            "description": "What the community is for and who should join. " + MARKDOWN_HINT,
            "level": "National, state or local reach, or a practice group: a small group working on one "
            "thing.",
            "state": "Needed for state and local communities.",
            "visibility": "You can change this later in the community's settings.",
            "join_policy": "You can change this later too.",
            "charter_who": "The people and organizations this community brings together, and why the issue "
            "matters to them. " + MARKDOWN_HINT,
            "charter_underway": "Projects, programs and efforts already happening on their own.",
            "charter_shared": "The common goals or projects members could take on together.",
            "charter_connections": "How members will meet, share and keep in touch: calls, events, "
            "shared documents.",
        }
        widgets = {
            "visibility": forms.RadioSelect,
            "join_policy": forms.RadioSelect,
            "tagline": forms.TextInput,
        }

    CHARTER_FIELDS = ("charter_who", "charter_underway", "charter_shared", "charter_connections")

    def __init__(self, *args, child_of: Community | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_of = child_of
        self.fields["name"].required = True
        self.fields["state"].choices = [("", "No state")] + list(US_STATES)
        for name in ("description", *self.CHARTER_FIELDS):
            # Setting ``max_length`` after the field is made adds no validator: add it, or the server
            # would take megabytes the browser's ``maxlength`` only asks politely not to send.
            field = self.fields[name]
            field.max_length = LONG_TEXT
            field.validators.append(MaxLengthValidator(LONG_TEXT))
            field.error_messages["max_length"] = f"Keep this under {LONG_TEXT:,} characters."
            field.widget.attrs.update({"rows": 6, "maxlength": LONG_TEXT})
        for name in ("visibility", "join_policy"):
            self.fields[name].required = True
        if child_of is not None and not self.is_bound:
            self.initial.setdefault("level", Level.PRACTICE_GROUP)
            self.initial.setdefault("state", child_of.state)
            self.initial.setdefault("visibility", child_of.visibility)
            self.initial.setdefault("join_policy", child_of.join_policy)
            self.initial.setdefault("accent_color", child_of.accent_color)
        self.initial.setdefault("visibility", Visibility.PUBLIC)
        self.initial.setdefault("join_policy", JoinPolicy.REQUEST)

    def clean_topics_text(self):
        return parse_topic_names(self.cleaned_data.get("topics_text", ""))

    def clean(self):
        cleaned = super().clean()
        code = (cleaned.get("accent_color_code") or "").strip()
        if code and not code.startswith("#"):
            code = "#" + code
        source = "accent_color_code" if code else "accent_color"
        colour = (code or cleaned.get("accent_color") or DEFAULT_ACCENT).lower()
        try:
            validate_accent_colour(colour)
        except ValidationError as exc:
            self.add_error(source, exc)
        else:
            cleaned["accent_color"] = colour
        return cleaned

    def community_fields(self) -> dict:
        """Keyword arguments for ``community_create`` (topics separately, as names)."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["accent_color"] = self.cleaned_data["accent_color"]
        return fields

    def charter_fields(self):
        return [self[name] for name in self.CHARTER_FIELDS]


# --- joining -----------------------------------------------------------------------------------


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label="Message to the moderators",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Optional. Say who you are and why you would like to join. Up to 2,000 characters.",
    )


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])


# --- the members list --------------------------------------------------------------------------


class MemberFilterForm(forms.Form):
    """GET filters of ``/c/<slug>/members/``. Invalid values are ignored."""

    q = forms.CharField(
        label="Search by name or title",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles"), *Role.choices])
    organization = forms.ChoiceField(label="Organization", required=False)
    state = forms.ChoiceField(label="State", required=False, choices=[("", "All states"), *US_STATES])
    stakeholder_role = forms.ChoiceField(
        label="Stakeholder role",
        required=False,
        choices=[("", "All stakeholder roles"), *StakeholderRole.choices],
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", "All organizations")] + [
            (org.slug, org.name) for org in organizations
        ]

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: value for key, value in data.items() if value}


def organizations_of_members(community):
    """Organizations at least one active member is affiliated with (the members filter's choices)."""
    from .models import MembershipState

    return (
        Organization.objects.filter(
            affiliations__user__memberships__community=community,
            affiliations__user__memberships__state=MembershipState.ACTIVE,
        )
        .distinct()
        .order_by("name")
        .only("slug", "name")
    )
