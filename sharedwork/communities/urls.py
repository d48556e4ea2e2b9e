"""Community URLs. Public pages live in ``views.py``; moderator pages in ``manage_views.py``."""

from django.urls import path

from . import manage_views, views

app_name = "communities"

urlpatterns = [
    path("communities/", views.directory, name="directory"),
    path("communities/new/", views.create, name="create"),
    path("communities/pending/", manage_views.pending, name="pending"),
    path(
        "communities/invitations/received/<int:invitation_id>/",
        views.invitation_answer,
        name="invitation_answer",
    ),
    path("communities/invitations/<str:token>/", views.invitation, name="invitation"),
    path("c/<slug:slug>/", views.home, name="home"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/logo/", views.logo, name="logo"),
    path("c/<slug:slug>/theme.css", views.theme, name="theme"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/request/", views.request_join, name="request_join"),
    path("c/<slug:slug>/request/cancel/", views.cancel_request, name="cancel_request"),
    path("c/<slug:slug>/leave/", views.leave, name="leave"),
    path("c/<slug:slug>/new-group/", views.create_child, name="create_child"),
    path("c/<slug:slug>/manage/", manage_views.settings, name="manage_settings"),
    path("c/<slug:slug>/manage/tools/", manage_views.tools, name="manage_tools"),
    path(
        "c/<slug:slug>/manage/tools/<slug:tool_slug>/",
        manage_views.tool_settings,
        name="manage_tool_settings",
    ),
    path("c/<slug:slug>/manage/members/", manage_views.members, name="manage_members"),
    path("c/<slug:slug>/manage/members/<int:membership_id>/", manage_views.member, name="manage_member"),
    path("c/<slug:slug>/manage/requests/", manage_views.requests, name="manage_requests"),
    path("c/<slug:slug>/manage/invitations/", manage_views.invitations, name="manage_invitations"),
    path("c/<slug:slug>/manage/ownership/", manage_views.ownership, name="manage_ownership"),
    path("c/<slug:slug>/manage/home/", manage_views.home_page, name="manage_home"),
    path("c/<slug:slug>/manage/home/preview/", manage_views.home_preview, name="manage_home_preview"),
    path("c/<slug:slug>/manage/log/", manage_views.log, name="manage_log"),
]
