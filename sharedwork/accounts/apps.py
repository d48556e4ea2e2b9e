from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sharedwork.accounts"
    label = "accounts"
