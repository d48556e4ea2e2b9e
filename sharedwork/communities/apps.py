from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "sharedwork.communities"
    label = "communities"
