import os

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

if os.environ.get("SHAREDWORK_BENCH") == "1":
    # `make bench` only: the bare view its numbers are compared with (sharedwork/bench/).
    from sharedwork.bench.views import bare

    urlpatterns.append(path("bench/bare/", bare))

handler400 = "sharedwork.core.errorviews.bad_request"
handler404 = "sharedwork.core.errorviews.not_found"
handler403 = "sharedwork.core.errorviews.forbidden"
handler500 = "sharedwork.core.errorviews.server_error"
