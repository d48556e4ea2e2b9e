"""Forms for sign-up, sign-in, passwords, email changes, profiles and organizations.

Forms check what a person typed and phrase the problems plainly; the services they feed check again.
Labels are plain language; the sign-in labels ("Email address", "Password") are relied on by the
browser tests' ``sign_in`` fixture.
"""

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.validators import URLValidator

from sharedwork.core.states import US_STATES

from . import services
from .images import avatar_prepare
from .models import TIME_ZONE_CHOICES, Organization, OrganizationKind, StakeholderRole, User

PASSWORD_HELP = "At least 10 characters. Avoid common passwords, and passwords made only of numbers."
BLANK_CHOICE = [("", "Choose one")]


def _text(label, *, max_length, required=True, help_text="", required_message="", **kwargs):
    """A CharField whose messages are plain language."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "max_length": f"Keep this under {max_length} characters.",
            "required": required_message or f"Enter {label[0].lower() + label[1:]}.",
        },
        **kwargs,
    )


def _email_field(label="Email address", **kwargs):
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        **kwargs,
    )


def _password_field(label="Password", *, new=False):
    return forms.CharField(
        label=label,
        strip=False,
        help_text=PASSWORD_HELP if new else "",
        error_messages={"required": "Enter a password." if new else "Enter your password."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password" if new else "current-password"}),
    )


def apply_errors(form, exc: forms.ValidationError, default_field=None) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(default_field, exc)


class NextMixin(forms.Form):
    """A hidden ``next``: the safe local address to return to afterwards (checked by the view)."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)


# --- sign-up and sign-in -----------------------------------------------------------------------------


class SignUpForm(NextMixin):
    display_name = _text(
        "Your name",
        max_length=120,
        help_text="Shown on your profile and next to what you write.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = _email_field(help_text="We send a link to this address to confirm it is yours.")
    password = _password_field(new=True)

    field_order = ["display_name", "email", "password", "next"]

    def clean_email(self):
        return services.normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class SignInForm(NextMixin):
    """Email and password. Unknown address and wrong password give the same message; ``authenticate``
    gets the request so that django-axes counts failures and locks out after too many."""

    INVALID = "That email address and password don't match. Check both and try again."

    username = _email_field()
    password = _password_field()

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean_username(self):
        return services.normalize_email(self.cleaned_data["username"])

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("username"), cleaned.get("password")
        if email and password:
            self.user = authenticate(request=self.request, username=email, password=password)
            if self.user is None:
                raise forms.ValidationError(self.INVALID, code="invalid_login")
        return cleaned


class EmailOnlyForm(NextMixin):
    """Resend the confirmation link / ask for a password reset: just an address."""

    email = _email_field()

    def clean_email(self):
        return services.normalize_email(self.cleaned_data["email"])


# --- passwords -------------------------------------------------------------------------------------


def _relabel_new_password_fields(form):
    form.fields["new_password1"].label = "New password"
    form.fields["new_password1"].help_text = PASSWORD_HELP
    form.fields["new_password2"].label = "New password again"
    form.fields["new_password2"].help_text = "Type the new password once more, to be sure."
    form.error_messages["password_mismatch"] = "The two new passwords are not the same. Type them again."


class ResetPasswordForm(SetPasswordForm):
    """Choose a new password through a reset link. Saving goes through ``services.password_reset_finish``."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        _relabel_new_password_fields(self)

    def save(self, commit=True):
        return services.password_reset_finish(user=self.user, password=self.cleaned_data["new_password1"])


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.error_messages["password_incorrect"] = "That is not your current password. Try again."
        _relabel_new_password_fields(self)


class EmailChangeForm(forms.Form):
    new_email = _email_field(
        "New email address", help_text="We send a link to this address; it takes over once you open it."
    )
    password = _password_field("Your current password")

    def __init__(self, *args, request, user, **kwargs):
        self.request = request
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = services.normalize_email(self.cleaned_data["new_email"])
        if email == self.user.email.lower():
            raise forms.ValidationError("That is already your email address.")
        # An address someone else uses is not refused here: that would tell whoever knows this account's
        # password who else has an account. The service writes to that address instead.
        return email

    def clean_password(self):
        # Through authenticate, so that guessing passwords here counts towards the sign-in lockout.
        password = self.cleaned_data["password"]
        user = authenticate(request=self.request, username=self.user.email, password=password)
        if user is None or user.pk != self.user.pk:
            raise forms.ValidationError("That is not your current password. Try again.")
        return password


# --- profile ---------------------------------------------------------------------------------------


class ProfileForm(forms.Form):
    """Account settings. A plain Form (not a ModelForm) so that a rejected edit never touches the
    signed-in user object the rest of the page renders from."""

    display_name = _text("Your name", max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    title = _text(
        "Job title",
        max_length=160,
        required=False,
        help_text="For example “Family engagement specialist”.",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    stakeholder_role = forms.ChoiceField(
        label="Which best describes you?",
        choices=BLANK_CHOICE + list(StakeholderRole.choices),
        required=False,
        error_messages={"invalid_choice": "Choose one of the descriptions in the list."},
    )
    state = forms.ChoiceField(
        label="State",
        choices=BLANK_CHOICE + list(US_STATES),
        required=False,
        error_messages={"invalid_choice": "Choose a state from the list."},
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=TIME_ZONE_CHOICES,
        help_text="Dates and times are shown to you in this time zone.",
        error_messages={
            "invalid_choice": "Choose a time zone from the list.",
            "required": "Choose a time zone.",
        },
    )
    bio = _text(
        "About you",
        max_length=services.MAX_BIO_LENGTH,
        required=False,
        help_text=(
            "What you care about and what you work on. "
            "You can use Markdown: **bold**, *italics*, lists and links."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    avatar = forms.FileField(
        label="Profile picture",
        required=False,
        help_text="A JPEG, PNG, WebP or GIF picture up to 5 MB. We crop it to a square.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    remove_avatar = forms.BooleanField(label="Remove my picture", required=False)

    @classmethod
    def for_user(cls, user, *args, **kwargs):
        initial = {name: getattr(user, name) for name in services.PROFILE_FIELDS}
        return cls(*args, initial=initial, **kwargs)

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if upload:
            avatar_prepare(upload)  # refuse a bad file here, with the other field errors
        return upload

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.PROFILE_FIELDS}


# --- organizations ---------------------------------------------------------------------------------

http_url_validator = URLValidator(
    schemes=["http", "https"], message="Enter a web address like https://example.org."
)


class OrganizationForm(forms.Form):
    name = _text(
        "Name",
        max_length=200,
        help_text="The full name, as the organization writes it.",
        required_message="Enter the organization's name.",
    )
    kind = forms.ChoiceField(
        label="Kind of organization",
        choices=BLANK_CHOICE + list(OrganizationKind.choices),
        error_messages={
            "required": "Choose the kind of organization.",
            "invalid_choice": "Choose a kind from the list.",
        },
    )
    state = forms.ChoiceField(
        label="State",
        choices=[("", "Not in one state")] + list(US_STATES),
        required=False,
        error_messages={"invalid_choice": "Choose a state from the list."},
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[http_url_validator],
        error_messages={"invalid": "Enter a web address like https://example.org."},
    )
    description = _text(
        "Description",
        max_length=5000,
        required=False,
        help_text="What the organization does. You can use Markdown.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    add_me = forms.BooleanField(label="Add this organization to my profile", required=False, initial=True)
    my_title = _text(
        "Your title there", max_length=160, required=False, help_text="Only if you added it to your profile."
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Organization.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(services.duplicate_organization_message(name))
        return name


class AffiliationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label="Organization",
        queryset=Organization.objects.none(),
        empty_label="Choose an organization",
        error_messages={
            "required": "Choose an organization.",
            "invalid_choice": "Choose an organization from the list.",
        },
    )
    title = _text(
        "Your title there", max_length=160, required=False, help_text="For example “Parent mentor”."
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = queryset


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(
        label="Name contains",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any kind")] + list(OrganizationKind.choices), required=False
    )
    state = forms.ChoiceField(label="State", choices=[("", "Any state")] + list(US_STATES), required=False)

    def filters(self) -> dict:
        """The valid filters; an invalid value (a hand-edited address) is ignored rather than an error."""
        if not self.is_valid():
            return {name: self.cleaned_data.get(name, "") for name in ("q", "kind", "state")}
        return {name: self.cleaned_data[name] for name in ("q", "kind", "state")}
