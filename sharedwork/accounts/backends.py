from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Sign in with email address and password. ``username`` carries the email (Django's convention)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip()
        if not email or password is None:
            return None
        from .models import User

        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            User().set_password(password)  # same work for unknown emails: no timing difference
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
