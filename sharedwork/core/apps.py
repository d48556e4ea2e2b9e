from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sharedwork.core"
    label = "core"
