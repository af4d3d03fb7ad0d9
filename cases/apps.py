from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import plausible

# Before any form or model module is imported (admin autodiscovery may import forms before
# this app's ready()): every date field Django makes from here on has the plausible range.
plausible.install()


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("Dossiers")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import (  # noqa: F401  any_of; role scopes; audit of logins; system checks
            checks,
            collation,
            lookups,
            scope,
            signals,
        )

        # Apps contribute scopes for their own roles in a `scopes.py` (like admin.py).
        autodiscover_modules("scopes")
        # Audit events, one `audit.py` per app with its declarations (cases.audit.vocabulary).
        autodiscover_modules("audit")
        # Deadline rules and facts providers, one `deadlines.py` per app (REQ D-01 … D-15).
        autodiscover_modules("deadlines")

        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import calendar as atw
        from .models import EquatedDay, EquatedDayDecree

        # REQ D-15: a changed catalogue of equated days counts at once in this process.
        for model in (EquatedDay, EquatedDayDecree):
            for signal in (post_save, post_delete):
                signal.connect(
                    lambda **kwargs: atw.reload(),
                    sender=model,
                    weak=False,
                    dispatch_uid=f"cases.calendar.{model.__name__}.{signal}",
                )

        # Issue 13 item 6: the libraries' sections of the admin under Dutch names (their
        # model names are translated in locale/nl; an app's name is no migration state).
        from django.apps import apps

        for label, name in {
            "axes": _("Inlogpogingen en blokkades"),
            "otp_totp": _("Tweestapsverificatie: authenticator-apps"),
            "otp_static": _("Tweestapsverificatie: back-upcodes"),
        }.items():
            if apps.is_installed(label) or label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name

        from .roles import ensure_roles

        # Without a sender: later apps' permissions exist only once their own signal has run.
        post_migrate.connect(ensure_roles, dispatch_uid="cases.ensure_roles")

        from .processing import ensure_activities

        post_migrate.connect(ensure_activities, dispatch_uid="cases.ensure_activities")
