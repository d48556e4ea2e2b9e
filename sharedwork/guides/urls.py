from django.urls import path

from . import views

app_name = "guides"

urlpatterns = [
    path("", views.index, name="index"),
    path("users/", views.users, name="users"),
    path("users/<slug:page>/", views.users, name="users_page"),
    path("moderators/", views.moderators, name="moderators"),
    path("moderators/<slug:page>/", views.moderators, name="moderators_page"),
]
