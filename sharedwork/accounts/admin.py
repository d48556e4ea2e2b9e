"""Admin for people, organizations and affiliations. Profile pictures are read-only here: they only
enter through the settings page, which checks and cleans them."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import Affiliation, Organization, User


class PersonCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "display_name", "username")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Another account uses this email address.")
        return email


class PersonChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organization"]


class OrganizationAffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = ("email", "display_name", "username", "email_verified_at", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser", "is_staff", "stakeholder_role", "state")
    search_fields = ("email", "display_name", "username")
    ordering = ("email",)
    readonly_fields = ("avatar", "last_login", "date_joined")
    inlines = [AffiliationInline]
    fieldsets = (
        (None, {"fields": ("email", "username", "password")}),
        (
            "Profile",
            {"fields": ("display_name", "title", "stakeholder_role", "state", "time_zone", "bio", "avatar")},
        ),
        ("Email confirmation", {"fields": ("email_verified_at",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # organizations are added once the person exists

    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "username", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "state", "created_at")
    list_filter = ("kind", "state")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [OrganizationAffiliationInline]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "title", "created_at")
    search_fields = ("user__display_name", "user__email", "organization__name", "title")
    autocomplete_fields = ["user", "organization"]
    list_select_related = ("user", "organization")
