from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "sharedwork.guides"
    label = "guides"
