"""The role groups and the admin permissions of the functioneel beheerder.

Run after every migrate (post_migrate), so new catalogue models of later apps get their
permissions too: an app lists its catalogue models in `CATALOGUE_MODELS`.
"""

from django.apps import apps as global_apps

from .constants import Role

# app_label.model_name of the models a functioneel beheerder maintains in the admin.
CATALOGUE_MODELS = {
    "cases.gemeente",
    "cases.team",
    "cases.user",
    "cases.waarneming",
    "auth.group",
    "cases.processingactivity",
    # REQ D-15: the days equated with feestdagen by royal decree (Atw art. 3 lid 3).
    "cases.equateddaydecree",
    "cases.equatedday",
    # Resetting a lost authenticator: delete the user's devices so they enrol again.
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "axes.accessattempt",
}


def ensure_roles(**kwargs) -> None:
    Group = global_apps.get_model("auth", "Group")
    Permission = global_apps.get_model("auth", "Permission")
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    beheerder = Group.objects.get(name=Role.FUNCTIONEEL_BEHEERDER)
    extra = set()
    for config in global_apps.get_app_configs():
        extra |= set(getattr(config, "catalogue_models", ()))
    wanted = []
    for dotted in CATALOGUE_MODELS | extra:
        app_label, model = dotted.split(".")
        wanted += list(
            Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
        )
    beheerder.permissions.add(*wanted)
