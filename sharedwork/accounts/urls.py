from django.urls import path

from . import people_views, settings_views, views

app_name = "accounts"

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/sent/", views.signup_sent, name="signup_sent"),
    path("accounts/signin/", views.signin, name="signin"),
    path("accounts/signout/", views.signout, name="signout"),
    path("accounts/verify/resend/", views.verify_resend, name="verify_resend"),
    path("accounts/verify/<str:token>/", views.verify, name="verify"),
    path("accounts/password/reset/", views.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("accounts/settings/", settings_views.settings_page, name="settings"),
    path("accounts/settings/password/", settings_views.password_change, name="password_change"),
    path("accounts/settings/email/", settings_views.email_change, name="email_change"),
    path(
        "accounts/settings/email/confirm/<str:token>/",
        settings_views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("accounts/settings/affiliations/", settings_views.affiliations, name="affiliations"),
    path(
        "accounts/settings/affiliations/<int:affiliation_id>/remove/",
        settings_views.affiliation_remove,
        name="affiliation_remove",
    ),
    path("people/<str:username>/", people_views.profile, name="profile"),
    path("people/<str:username>/avatar/", people_views.avatar, name="avatar"),
    path("organizations/", people_views.organizations, name="organizations"),
    path("organizations/new/", people_views.organization_create, name="organization_create"),
    path("organizations/<slug:slug>/", people_views.organization, name="organization"),
]
