from django.contrib import admin
from django.urls import include, path

from sharedwork.core.views import healthz
from sharedwork.tools.mount import tool_urlpatterns

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("sharedwork.activity.urls")),
    path("", include("sharedwork.accounts.urls")),
    path("", include("sharedwork.communities.urls")),
    path("help/", include("sharedwork.guides.urls")),
    path("admin/", admin.site.urls),
    *tool_urlpatterns(),
]

handler404 = "sharedwork.core.errorviews.not_found"
handler403 = "sharedwork.core.errorviews.forbidden"
handler500 = "sharedwork.core.errorviews.server_error"
