from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("activity/feed/", views.public_feed, name="public_activity_feed"),
    path("c/<slug:slug>/activity/", views.community_activity, name="community_activity"),
    path("c/<slug:slug>/activity/feed/", views.community_feed, name="community_activity_feed"),
]
