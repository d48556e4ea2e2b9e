"""Forms of the moderator pages (``manage_views.py``).

Forms only parse what was typed; the rules (who may, what a community or a home page must satisfy) are
enforced by the services, whose refusals ``add_service_errors`` puts back next to the field concerned.
"""

from django import forms

from sharedwork.core.states import US_STATES

from .forms import CommunityCreateForm
from .images import clean_logo
from .invitation_services import MAX_INVITATIONS_AT_ONCE, parse_email_list
from .models import Community, MembershipState, Role
from .services import MAX_ANNOUNCEMENT_LENGTH, MAX_HOME_LINKS
from .topics import topic_names_text

# --- settings ------------------------------------------------------------------------------------


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        state = f", {dict(US_STATES).get(obj.state, obj.state)}" if obj.state else ""
        return f"{obj.name} ({obj.get_level_display()}{state})"


class CommunitySettingsForm(CommunityCreateForm):
    """Everything of a community a moderator may change: the fields people choose when they create one
    (same labels and help), plus where it sits in the tree, its logo and whether its Recent activities
    include its groups'. The web address (slug) never changes: links to it must keep working."""

    parent = ParentChoiceField(
        label="Parent community",
        queryset=Community.objects.none(),
        required=False,
        help_text="The community this one belongs to. You can choose communities you moderate.",
    )
    logo = forms.FileField(
        label="Logo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text="A PNG, JPEG or WebP picture up to 2 MB. It is shrunk to fit 512 by 512 pixels and "
        "shown next to the community's name; it is decoration, so its name is not read aloud.",
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)

    class Meta(CommunityCreateForm.Meta):
        fields = [*CommunityCreateForm.Meta.fields, "include_children_activity"]
        labels = {
            **CommunityCreateForm.Meta.labels,
            "include_children_activity": "Show the activity of this community's groups in its "
            "Recent activities",
        }
        help_texts = {
            **CommunityCreateForm.Meta.help_texts,
            "visibility": "Hidden communities are invisible to everyone but their members.",
            "join_policy": "With “by request”, moderators approve each person on the Requests page.",
            "include_children_activity": "Each person still sees only the groups they are allowed to see.",
        }

    def __init__(self, *args, parent_choices=None, may_be_top_level=True, **kwargs):
        """``parent_choices``: the communities this one may be placed beneath (the view asks the
        policy); ``may_be_top_level``: whether "no parent" is a choice."""
        super().__init__(*args, **kwargs)
        community = self.instance
        parent = self.fields["parent"]
        parent.queryset = parent_choices if parent_choices is not None else Community.objects.none()
        parent.required = not may_be_top_level
        parent.empty_label = "None: this is a top-level community" if may_be_top_level else None
        if not may_be_top_level:
            parent.help_text += " Only site admins can make a group a top-level community."
        if not self.is_bound:
            self.initial["parent"] = community.parent_id
            self.initial["topics_text"] = topic_names_text(community)
            self.initial["accent_color"] = community.accent_color
        if not community.logo:
            del self.fields["remove_logo"]
        else:
            self.fields["logo"].label = "Replace the logo"

    def _post_clean(self):
        # A ModelForm would copy the typed values onto the community before the service has checked
        # them; the service compares against the saved values (an archived community refuses changes)
        # and validates the whole community itself, so the instance must stay as it was.
        pass

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return clean_logo(upload) if upload else None

    def settings_fields(self) -> dict:
        """Keyword arguments for ``community_update`` (topics separately, as names)."""
        fields = self.community_fields()
        fields["parent"] = self.cleaned_data.get("parent")
        if self.cleaned_data.get("logo"):
            fields["logo"] = self.cleaned_data["logo"]
        elif self.cleaned_data.get("remove_logo"):
            fields["logo"] = ""
        return fields

    def basic_fields(self):
        return [
            self[name]
            for name in ("name", "tagline", "description", "level", "state", "parent", "topics_text")
        ]

    def look_fields(self):
        fields = ["logo", "remove_logo", "accent_color", "accent_color_code"]
        return [self[name] for name in fields if name in self.fields]


class ArchiveForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, archive this community. Nobody can add or change anything in it until an owner "
        "reopens it.",
        error_messages={"required": "Tick the box to confirm that you want to archive the community."},
    )


# --- tools ---------------------------------------------------------------------------------------


class ToolsForm(forms.Form):
    """One row per registered tool: on or off, its name in this community and its place in the menu.
    Field names are ``<slug>-enabled``, ``<slug>-label`` and ``<slug>-position``."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for number, row in enumerate(rows, start=1):
            tool, slug = row["tool"], row["slug"]
            self.fields[f"{slug}-enabled"] = forms.BooleanField(
                label=f"Use {tool.label}", required=False, initial=row["enabled"]
            )
            self.fields[f"{slug}-label"] = forms.CharField(
                label=f"Name of {tool.label} in this community",
                required=False,
                max_length=60,
                initial=row["label"],
                help_text=f"Leave empty to call it “{tool.label}”.",
            )
            self.fields[f"{slug}-position"] = forms.IntegerField(
                label=f"Place of {tool.label} in the menu",
                min_value=1,
                max_value=999,
                initial=number,
                error_messages={"required": "Give a number: 1 is first in the menu."},
            )

    def bound_rows(self):
        """The rows with their bound fields, for the template."""
        return [
            {
                **row,
                "enabled_field": self[f"{row['slug']}-enabled"],
                "label_field": self[f"{row['slug']}-label"],
                "position_field": self[f"{row['slug']}-position"],
            }
            for row in self.rows
        ]

    def ordered_rows(self) -> list[dict]:
        """``[{slug, enabled, label}]`` in the order the positions ask (ties keep the current order)."""
        entered = [
            (self.cleaned_data[f"{row['slug']}-position"], index, row["slug"])
            for index, row in enumerate(self.rows)
        ]
        return [
            {
                "slug": slug,
                "enabled": self.cleaned_data[f"{slug}-enabled"],
                "label": self.cleaned_data[f"{slug}-label"].strip(),
            }
            for _, _, slug in sorted(entered)
        ]


ACTION_LEVEL_LABELS = {
    "viewer": "Anyone who can see the community's content",
    "member": "Members",
    "moderator": "Moderators only",
    "owner": "Owners only",
}


class ToolSettingsForm(forms.Form):
    """Per tool: who may do each action the tool lets communities configure (``perm-<action>``), and the
    tool's simple on/off settings (``setting-<key>``, from ``tool.default_settings``)."""

    def __init__(self, *args, tool, levels: dict, settings: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = tool
        self.action_names = [name for name, action in tool.actions.items() if action.configurable]
        for name in self.action_names:
            action = tool.actions[name]
            choices = ["member", "moderator"]
            for extra in (action.default, levels[name]):
                if extra not in choices:
                    choices.append(extra)
            self.fields[f"perm-{name}"] = forms.ChoiceField(
                label=f"Who may {action.label[:1].lower()}{action.label[1:]}?",
                choices=[(level, ACTION_LEVEL_LABELS.get(level, level)) for level in choices],
                initial=levels[name],
                widget=forms.RadioSelect,
                help_text=f"Usually: {ACTION_LEVEL_LABELS.get(action.default, action.default).lower()}.",
            )
        self.setting_keys = [
            key
            for key, value in tool.default_settings.items()
            if isinstance(value, bool) and key != "permissions"
        ]
        for key in self.setting_keys:
            self.fields[f"setting-{key}"] = forms.BooleanField(
                label=key.replace("_", " ").capitalize(), required=False, initial=settings.get(key)
            )

    def permission_fields(self):
        return [self[f"perm-{name}"] for name in self.action_names]

    def setting_fields(self):
        return [self[f"setting-{key}"] for key in self.setting_keys]

    def new_settings(self, current: dict) -> dict:
        """The settings to store: the levels under ``permissions`` (other stored levels kept), then the
        switches."""
        permissions = dict(current.get("permissions") or {})
        permissions.update({name: self.cleaned_data[f"perm-{name}"] for name in self.action_names})
        settings = {"permissions": permissions}
        settings.update({key: self.cleaned_data[f"setting-{key}"] for key in self.setting_keys})
        return settings


# --- members -------------------------------------------------------------------------------------

STATE_FILTER_CHOICES = [
    ("active", "Active members"),
    ("banned", "Banned"),
    ("removed", "Removed"),
    ("left", "Left"),
    ("requested", "Asked to join"),
    ("invited", "Invited"),
    ("declined", "Request declined"),
    ("any", "Anyone, in any state"),
]


class ManageMemberFilterForm(forms.Form):
    """GET filters of the moderators' members list. Invalid values are ignored; the default is active."""

    q = forms.CharField(
        label="Search by name, username or title",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles"), *Role.choices])
    state = forms.ChoiceField(label="State", required=False, choices=STATE_FILTER_CHOICES)

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        filters = {key: value for key, value in data.items() if value}
        filters.setdefault("state", MembershipState.ACTIVE)
        return filters


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=[(Role.MEMBER, "Member"), (Role.MODERATOR, "Moderator")],
        help_text="Moderators manage members, settings and the home page. To make someone an owner, "
        "transfer ownership.",
    )


class BanForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the ban",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the membership log for the other moderators. The person is not told.",
        error_messages={"required": "Say why you ban this person, so other moderators know."},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    message = forms.CharField(
        label="Message to the person",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional. It is sent by email with the answer.",
    )


class OwnershipForm(forms.Form):
    new_owner = forms.ModelChoiceField(
        label="New owner",
        queryset=None,
        empty_label="Choose a member",
        help_text="Only active members who are not owners yet are listed.",
    )
    stay_owner = forms.BooleanField(
        label="Stay an owner too",
        required=False,
        help_text="If you leave this unticked, you become a moderator.",
    )
    confirm = forms.BooleanField(
        label="Yes, make this person an owner. Owners can archive the community and change anyone's role.",
        error_messages={"required": "Tick the box to confirm the handover."},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].queryset = memberships
        self.fields["new_owner"].label_from_instance = lambda m: (
            f"{m.user} (@{m.user.username}, {m.get_role_display()})"
        )


# --- invitations ---------------------------------------------------------------------------------


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses",
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        max_length=20_000,
        help_text=f"Up to {MAX_INVITATIONS_AT_ONCE} addresses, separated by commas or on separate lines. "
        "Each person gets an email with a link that works for 14 days.",
        error_messages={"required": "Enter at least one email address."},
    )
    message = forms.CharField(
        label="Message to include",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional. A few words about why you invite them.",
    )

    def clean_emails(self):
        return parse_email_list(self.cleaned_data["emails"])


# --- home page -----------------------------------------------------------------------------------

CONTENT_KINDS = {"announcement", "links"}


class HomeBlockForm(forms.Form):
    """One block of the home page editor, with the prefix ``block-<index>``. ``links`` has
    ``link_rows`` rows of ``link-<n>-label`` and ``link-<n>-url``."""

    kind = forms.CharField(widget=forms.HiddenInput)
    link_rows = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label="Heading",
        required=False,
        max_length=120,
        help_text="Optional. Leave empty to use the usual heading.",
    )
    text = forms.CharField(
        label="Announcement",
        required=False,
        max_length=MAX_ANNOUNCEMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="You can use Markdown: **bold**, *italic*, lists and links.",
    )
    ends_on = forms.DateField(
        label="Show until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The last day the announcement is shown. After that it disappears by itself.",
        error_messages={
            "invalid": "Enter a real date, for example 2026-05-31.",
            "required": "Choose the last day the announcement is shown.",
        },
    )

    def __init__(self, *args, kind_label="", link_rows=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_label = kind_label
        if self.block_kind == "announcement":
            # Only an announcement needs these; marking them required also tells assistive technology.
            self.fields["text"].required = self.fields["ends_on"].required = True
            self.fields["text"].error_messages["required"] = "Write the announcement."
        for number in range(1, link_rows + 1):
            self.fields[f"link-{number}-label"] = forms.CharField(
                label=f"Link {number}: text people click", required=False, max_length=200
            )
            self.fields[f"link-{number}-url"] = forms.CharField(
                label=f"Link {number}: web address",
                required=False,
                max_length=600,
                widget=forms.URLInput(attrs={"placeholder": "https://"}),
            )
        self.link_rows = link_rows

    @property
    def block_kind(self) -> str:
        return self.data.get(self.add_prefix("kind"), "") if self.is_bound else self.initial.get("kind", "")

    def link_fields(self):
        return [(self[f"link-{n}-label"], self[f"link-{n}-url"]) for n in range(1, self.link_rows + 1)]

    def block(self) -> dict:
        """The block for ``community_home_blocks_save``. Call after ``is_valid()``."""
        data = self.cleaned_data
        kind = data["kind"]
        settings = {}
        if kind == "announcement":
            settings = {"text": data["text"], "ends_on": data["ends_on"]}
        elif kind == "links":
            settings = {
                "links": [
                    {"label": data[f"link-{n}-label"], "url": data[f"link-{n}-url"]}
                    for n in range(1, self.link_rows + 1)
                    if data[f"link-{n}-label"].strip() or data[f"link-{n}-url"].strip()
                ]
            }
        return {"kind": kind, "title": data["title"], "settings": settings}


def raw_blocks_from_post(data) -> list[dict]:
    """The editor's blocks as typed, in page order: ``[{kind, title, text, ends_on, links: [(label, url)]}]``.
    Nothing is parsed, so every character typed survives a re-render."""
    try:
        count = min(int(data.get("block_count", 0)), 100)
    except ValueError:
        count = 0
    raws = []
    for index in range(count):
        prefix = f"block-{index}-"
        if f"{prefix}kind" not in data:
            continue
        try:
            rows = min(int(data.get(f"{prefix}link_rows") or 0), MAX_HOME_LINKS + 10)
        except ValueError:
            rows = 0
        links = [
            (data.get(f"{prefix}link-{n}-label", ""), data.get(f"{prefix}link-{n}-url", ""))
            for n in range(1, rows + 1)
        ]
        raws.append(
            {
                "kind": data.get(f"{prefix}kind", ""),
                "title": data.get(f"{prefix}title", ""),
                "text": data.get(f"{prefix}text", ""),
                "ends_on": data.get(f"{prefix}ends_on", ""),
                "links": [(label, url) for label, url in links if label.strip() or url.strip()],
            }
        )
    return raws


def raw_blocks_from_rows(blocks) -> list[dict]:
    """The saved ``HomeBlock`` rows in the editor's raw shape."""
    raws = []
    for block in blocks:
        settings = block.settings or {}
        raws.append(
            {
                "kind": block.kind,
                "title": block.title,
                "text": settings.get("text", ""),
                "ends_on": settings.get("ends_on", ""),
                "links": [(link.get("label", ""), link.get("url", "")) for link in settings.get("links", [])],
            }
        )
    return raws


def block_forms(raws: list[dict], kinds: dict, *, fresh: int | None = None) -> list[HomeBlockForm]:
    """Bound forms for the raw blocks, numbered in their current order. A links block gets its links
    plus empty rows to add more (up to the limit). The block at index ``fresh`` (one just added) is
    unbound, so it asks to be filled in without showing errors."""
    forms_ = []
    for index, raw in enumerate(raws):
        prefix = f"block-{index}"
        links = raw["links"] if raw["kind"] == "links" else []
        rows = max(len(links), min(MAX_HOME_LINKS, len(links) + 3)) if raw["kind"] == "links" else 0
        data = {
            f"{prefix}-kind": raw["kind"],
            f"{prefix}-link_rows": str(rows),
            f"{prefix}-title": raw["title"],
            f"{prefix}-text": raw["text"],
            f"{prefix}-ends_on": raw["ends_on"],
        }
        for number, (label, url) in enumerate(links, start=1):
            data[f"{prefix}-link-{number}-label"] = label
            data[f"{prefix}-link-{number}-url"] = url
        kind = kinds.get(raw["kind"])
        label = kind.label if kind else f"Unknown block ({raw['kind']})"
        if index == fresh:
            initial = {key.removeprefix(f"{prefix}-"): value for key, value in data.items()}
            forms_.append(HomeBlockForm(initial=initial, prefix=prefix, kind_label=label, link_rows=rows))
        else:
            forms_.append(HomeBlockForm(data, prefix=prefix, kind_label=label, link_rows=rows))
    return forms_


class AddBlockForm(forms.Form):
    add_kind = forms.ChoiceField(label="Kind of block")

    def __init__(self, *args, kinds: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_kind"].choices = [(kind.kind, kind.label) for kind in kinds.values()]
        self.kinds = kinds
