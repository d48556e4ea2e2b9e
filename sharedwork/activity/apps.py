from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "sharedwork.activity"
    label = "activity"
