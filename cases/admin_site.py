"""The admin site of HBEL (`/beheer/`): every change audited, every refusal audited, no
personal data outside the user's scope (issue 22, finding 1).

`HbelAdminConfig` replaces `django.contrib.admin` in INSTALLED_APPS, so `admin.site` (and
`@admin.register`) is `HbelAdminSite`. It wraps every registered ModelAdmin, of our apps and
of the libraries (django-otp, django-axes, auth), in `AuditedAdminMixin`:

- every add, change and delete writes an application audit event (`admin_added`,
  `admin_changed`, `admin_deleted`) besides Django's own `django_admin_log`;
- a foreign key to an Inburgeraar offers and shows only the cases `visible_to` the user: the
  raw-id widget no longer prints the name of any case whose internal id is typed in.

Every inline is wrapped in `LabelledInlineMixin` (issue 13 item 6): a tabular inline labels
its inputs only by the column header, which screen readers and axe (`label`) do not count.

An authenticated user without admin rights gets a 403 and a `denied` event instead of the
admin's login form; every PermissionDenied inside the admin is audited the same way.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _


class HbelAdminConfig(AdminConfig):
    default_site = "cases.admin_site.HbelAdminSite"


def _inburgeraar_of(obj) -> int | None:
    from .models import Inburgeraar

    if isinstance(obj, Inburgeraar):
        return obj.pk
    value = getattr(obj, "inburgeraar_id", None)
    return value if isinstance(value, int) else None


def admin_event(code: str, request, obj) -> None:
    from . import audit

    audit.record(code, request=request, obj=obj, inburgeraar_id=_inburgeraar_of(obj))


def denied(request) -> None:
    from . import audit

    audit.access_denied(request=request, object_type="beheer", object_ref=request.path)


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """Shows the label of the chosen case only when it is in the user's scope."""

    def __init__(self, rel, admin_site, *, scoped_queryset, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.scoped_queryset = scoped_queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            self.scoped_queryset.get(**{key: value})
        except Exception:  # a malformed or unknown id, or one outside the scope
            return "", ""
        return super().label_and_url_for_value(value)


class AuditedAdminMixin:
    """Mixed into every ModelAdmin by `HbelAdminSite.register` (see the module docstring)."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        admin_event("admin_added", request, obj)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        admin_event("admin_changed", request, obj)
        return entry

    def log_deletions(self, request, queryset):
        objects = list(queryset)
        for obj in objects:
            admin_event("admin_deleted", request, obj)
        return super().log_deletions(request, objects)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from .models import Inburgeraar

        if db_field.related_model is Inburgeraar:
            scoped = Inburgeraar.objects.visible_to(request.user)
            kwargs["queryset"] = scoped
            if db_field.name in self.raw_id_fields:
                kwargs["widget"] = ScopedRawIdWidget(
                    db_field.remote_field, self.admin_site, scoped_queryset=scoped
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LabelledInlineMixin:
    """Every input of an inline row gets an accessible name: the field's label (or
    "Verwijderen" for the delete box), as `aria-label`, since a tabular inline prints the
    label only once, as the column header."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and not field.widget.is_hidden:
            label = str(field.label or db_field.verbose_name)
            field.widget.attrs.setdefault("aria-label", label[:1].upper() + label[1:])
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Verwijderen"))

        LabelledFormSet.__name__ = formset.__name__
        return LabelledFormSet


def _labelled(inline):
    if issubclass(inline, LabelledInlineMixin):
        return inline
    return type(inline.__name__, (LabelledInlineMixin, inline), {"__module__": inline.__module__})


class HbelAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedAdminMixin):
            attrs = {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__}
            if admin_class.inlines:
                attrs["inlines"] = [_labelled(inline) for inline in admin_class.inlines]
            admin_class = type(admin_class.__name__, (AuditedAdminMixin, admin_class), attrs)
        return super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            user = request.user
            logout = request.path == reverse("admin:logout", current_app=self.name)
            if user.is_authenticated and not logout and not self.has_permission(request):
                denied(request)
                raise PermissionDenied
            try:
                return inner(request, *args, **kwargs)
            except PermissionDenied:
                denied(request)
                raise

        return update_wrapper(wrapper, inner)
