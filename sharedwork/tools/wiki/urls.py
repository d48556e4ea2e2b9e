"""The wiki's addresses, relative to ``/c/<community>/wiki/`` (mounted by the tool framework, which
wraps each view in ``tool_gate``). The wiki's own views come first; a page's address is whatever is
left, so its segments may not be the names used here (see ``paths.RESERVED_SEGMENTS``)."""

from django.urls import path

from . import attachment_views, history_views, special_views, views

urlpatterns = [
    path("", views.root, name="root"),
    path("new/", views.new_page, name="new"),
    path("index/", special_views.index, name="index"),
    path("recent/", special_views.recent, name="recent"),
    path("wanted/", special_views.wanted, name="wanted"),
    path("<path:path>/edit/", views.edit, name="edit"),
    path("<path:path>/rename/", views.rename, name="rename"),
    path("<path:path>/delete/", views.delete, name="delete"),
    path("<path:path>/restore/", views.restore, name="restore"),
    path("<path:path>/lock/", views.lock, name="lock"),
    path("<path:path>/history/", history_views.history, name="history"),
    path("<path:path>/revisions/<int:number>/", history_views.revision, name="revision"),
    path("<path:path>/diff/", history_views.diff, name="diff"),
    path("<path:path>/revert/<int:number>/", history_views.revert, name="revert"),
    path("<path:path>/backlinks/", special_views.backlinks, name="backlinks"),
    path("<path:path>/attachments/", attachment_views.attachments, name="attachments"),
    path(
        "<path:path>/attachments/<str:name>/remove/",
        attachment_views.attachment_remove,
        name="attachment_remove",
    ),
    path("<path:path>/attachments/<str:name>", attachment_views.attachment, name="attachment"),
    path("<path:path>/", views.page, name="page"),
]
