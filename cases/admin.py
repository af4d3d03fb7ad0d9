"""Admin for the case domain. Personal data in the admin goes through the same scope."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import alerts, audit
from .bsn import bsn_key
from .deadlines.services import deadlines_schedule_recompute
from .kit.change import as_text
from .models import (
    AuditEvent,
    Deadline,
    DeadlineNotice,
    DeadlineScan,
    DeadlineSnapshot,
    Gemeente,
    Handover,
    Household,
    Inburgeraar,
    StatusChange,
    Team,
    TimelineEvent,
    User,
    Waarneming,
)
from .services import EDITABLE_FIELDS, consultants_for_gemeente, inburgeraar_update


def _changed_fields(form, current, obj) -> list[str]:
    """The fields the admin form changed; without a form (a save from code), every concrete
    field whose value differs from the stored row."""
    if form is not None:
        return list(form.changed_data)
    return [
        f.name
        for f in obj._meta.concrete_fields
        if getattr(current, f.attname) != getattr(obj, f.attname)
    ]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "cbs_code", "city", "signing_officer")
    search_fields = ("name", "cbs_code")
    fieldsets = (
        (None, {"fields": ("name", "cbs_code")}),
        (
            _("Briefhoofd"),
            {
                "fields": (
                    "visiting_address",
                    "postal_address",
                    "postal_code",
                    "city",
                    "phone",
                    "website",
                    "logo",
                )
            },
        ),
        (
            _("Ondertekening en bezwaar"),
            {
                "fields": (
                    "signing_officer",
                    "signing_officer_title",
                    "mandate_text",
                    "objection_address",
                    "beschikking_four_eyes",  # issue 13
                )
            },
        ),
    )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "gemeente_list")
    search_fields = ("name",)
    filter_horizontal = ("gemeenten",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("gemeenten")

    @admin.display(description=_("gemeenten"))
    def gemeente_list(self, obj):
        return ", ".join(g.name for g in obj.gemeenten.all())


def _refuse_formula_username(username: str) -> str:
    # Issue 22, finding 10: a name starting with = + - @ is a formula in a spreadsheet.
    if username[:1] in "=+-@":
        raise forms.ValidationError(
            _("Een gebruikersnaam mag niet beginnen met =, +, - of @."), code="formula"
        )
    return username


class UserAddForm(forms.ModelForm):
    """A new user without a password: the user sets one through the e-mailed link
    (issue 22, finding 1: the functioneel beheerder never sets or sees a secret)."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "team")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("Hierheen gaat de link om een wachtwoord in te stellen.")

    def clean_username(self):
        return _refuse_formula_username(self.cleaned_data["username"])

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = (
            "username",
            "first_name",
            "last_name",
            "email",
            "team",
            "beschikking_mandate",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        )

    def clean_username(self):
        return _refuse_formula_username(self.cleaned_data["username"])


class _OneUserPasswordReset(PasswordResetForm):
    """Django's reset mail for one user, also one without a usable password (a new user)."""

    def __init__(self, user):
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email):
        return [self.user] if self.user.is_active and self.user.email else []


def send_password_link(request, user) -> bool:
    """Mail the user a link to set a new password (valid PASSWORD_RESET_TIMEOUT); audited."""
    if not (user.is_active and user.email):
        return False
    form = _OneUserPasswordReset(user)
    form.is_valid()
    form.save(
        request=request,
        use_https=request.is_secure(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject_template_name="registration/hbel_password_link_subject.txt",
        email_template_name="registration/hbel_password_link_email.txt",
    )
    audit.record(
        "user_password_reset_sent", request=request, object_type="user", object_id=str(user.pk)
    )
    return True


RIGHTS = ("is_active", "is_staff", "is_superuser")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users without their secrets (issue 22, finding 1).

    No password or TOTP key is shown or set here: "Link voor nieuw wachtwoord sturen" mails
    the user a link, "Tweestapsverificatie terugzetten" deletes the devices so the user enrols
    again. Nobody changes their own roles, team or rights; only a superuser grants superuser
    rights or single permissions, and only a superuser changes a superuser. Every grant or
    withdrawal of a role, a team or a right is audited and mailed to the user and to the
    other functioneel beheerders.
    """

    form = UserChangeForm
    add_form = UserAddForm
    add_form_template = None
    list_display = ("username", "first_name", "last_name", "team", "role_list", "is_active")
    list_filter = ("is_active", "is_staff", "groups", "team")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Team"), {"fields": ("team", "beschikking_mandate")}),
        (
            _("Rechten"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email", "team")}),)
    actions = ["send_password_links", "reset_mfa"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team").prefetch_related("groups")

    @admin.display(description=_("rollen"))
    def role_list(self, obj):
        return ", ".join(g.name for g in obj.groups.all())

    def get_readonly_fields(self, request, obj=None):
        readonly = {"last_login", "date_joined"}
        if not request.user.is_superuser:
            readonly |= {"is_superuser", "user_permissions"}
        if obj is not None:
            # The reset link goes to this address: changing it would route someone else's
            # link to oneself. A wrong address is corrected by a superuser.
            if not request.user.is_superuser:
                readonly.add("email")
            if obj.pk == request.user.pk:
                readonly |= {"groups", "team", "user_permissions", *RIGHTS}
        return tuple(readonly)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.pk == request.user.pk or obj.is_superuser):
            return request.user.is_superuser and obj.pk != request.user.pk
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # Nobody sets another user's password here; "Link voor nieuw wachtwoord sturen".
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        before = User.objects.filter(pk=obj.pk).values("team_id", *RIGHTS).first() or {}
        super().save_model(request, obj, form, change)
        if not change:
            transaction.on_commit(lambda: send_password_link(request, obj))
            return
        if before.get("team_id") != obj.team_id:
            self._granted(
                request,
                obj,
                "user_team_changed",
                _("Uw team is gewijzigd in: %(team)s.") % {"team": obj.team or _("geen team")},
            )
        rights = [name for name in RIGHTS if before.get(name) != getattr(obj, name)]
        if rights:
            yes_no = {True: _("ja"), False: _("nee")}
            labels = ", ".join(
                f"{User._meta.get_field(n).verbose_name}: {yes_no[bool(getattr(obj, n))]}"
                for n in rights
            )
            self._granted(
                request,
                obj,
                "user_rights_changed",
                _("Uw rechten zijn gewijzigd (%(rights)s).") % {"rights": labels},
            )

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        before = set(obj.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(obj.groups.values_list("name", flat=True))
        for name in sorted(after - before):
            self._granted(
                request,
                obj,
                "user_role_granted",
                _("U heeft de rol %(role)s gekregen.") % {"role": name},
            )
        for name in sorted(before - after):
            self._granted(
                request,
                obj,
                "user_role_revoked",
                _("Uw rol %(role)s is ingetrokken.") % {"role": name},
            )

    def _granted(self, request, user, code, what):
        """Audit a change of someone's rights; tell the user and the other beheerders."""
        audit.record(code, request=request, object_type="user", object_id=str(user.pk))
        by = request.user.get_username()
        alerts.notify_user(
            user,
            _("HBEL Inburgering: uw account is gewijzigd"),
            _(
                "%(what)s\nGewijzigd door %(by)s. Klopt dit niet? Neem contact op met de "
                "functioneel beheerder of met informatiebeveiliging."
            )
            % {"what": what, "by": by},
        )
        alerts.alert_beheerders(
            _("HBEL Inburgering: rechten van %(user)s gewijzigd") % {"user": user.get_username()},
            _("Medewerker %(user)s: %(what)s\nGewijzigd door %(by)s.")
            % {"user": user.get_username(), "what": what, "by": by},
            exclude=request.user,
        )

    @admin.action(description=_("Link voor nieuw wachtwoord sturen"))
    def send_password_links(self, request, queryset):
        sent = sum(send_password_link(request, user) for user in queryset)
        self.message_user(
            request,
            _("%(count)s link(s) verstuurd naar het e-mailadres van de medewerker.")
            % {"count": sent},
        )

    @admin.action(description=_("Tweestapsverificatie terugzetten (telefoon kwijt)"))
    def reset_mfa(self, request, queryset):
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        done = 0
        for user in queryset:
            if user.pk == request.user.pk or (user.is_superuser and not request.user.is_superuser):
                continue
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).delete()
                StaticDevice.objects.filter(user=user).delete()
                self._granted(
                    request,
                    user,
                    "user_mfa_reset",
                    _(
                        "Uw tweestapsverificatie is teruggezet. Bij de volgende keer inloggen "
                        "stelt u de authenticator-app opnieuw in."
                    ),
                )
            done += 1
        self.message_user(
            request,
            _("Tweestapsverificatie teruggezet voor %(count)s medewerker(s).") % {"count": done},
        )


class _NoSecretsDeviceAdmin(admin.ModelAdmin):
    """Authenticators in the admin without their key, QR code or backup codes: view and
    delete only (a lost phone; the user action "Tweestapsverificatie terugzetten")."""

    list_display = ("user", "name", "confirmed")
    list_select_related = ("user",)
    fields = ("user", "name", "confirmed")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
    admin.site.register(_device_model, _NoSecretsDeviceAdmin)


if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(BaseGroupAdmin):
    """The roles are code (cases.roles.ensure_roles): their permissions are not edited here,
    so nobody widens their own role (issue 22, finding 1). A superuser still may."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ScopedAdminMixin:
    """Admin lists of personal data show only what `visible_to` allows."""

    case_path = "inburgeraar"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        visible = Inburgeraar.objects.visible_to(request.user).values("pk")
        if self.case_path == "":
            return qs.filter(pk__in=visible)
        return qs.filter(**{f"{self.case_path}__in": visible})


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_phase", "to_phase", "reason", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


class InburgeraarAdminForm(forms.ModelForm):
    """The service's own check besides the model's: the contact person must serve the
    municipality (REQ C-03), shown on the form instead of failing on save. (No Meta: the
    admin builds the form's fields from InburgeraarAdmin.)"""

    def clean(self):
        cleaned = super().clean()
        gemeente, consultant = cleaned.get("gemeente"), cleaned.get("consultant")
        changed = {"gemeente", "consultant"}.intersection(self.changed_data)
        serves = (
            not (self.instance.pk and changed and gemeente and consultant)
            or consultants_for_gemeente(gemeente.pk).filter(pk=consultant.pk).exists()
        )
        if not serves:
            self.add_error(
                "consultant",
                _(
                    "Deze medewerker is geen integratieconsulent van een team dat deze "
                    "gemeente bedient."
                ),
            )
        return cleaned


@admin.register(Inburgeraar)
class InburgeraarAdmin(ScopedAdminMixin, admin.ModelAdmin):
    case_path = ""
    list_display = ("sort_name", "doelgroep", "gemeente", "phase", "consultant", "linked_on")
    list_filter = ("phase", "doelgroep", "gemeente")
    search_fields = ("surname", "given_names")
    list_select_related = ("gemeente", "consultant")
    raw_id_fields = ("household",)
    readonly_fields = ("public_id", "phase", "closed_on", "closing_reason", "created_at")
    inlines = [StatusChangeInline]

    @admin.display(description=_("naam"), ordering="surname")
    def sort_name(self, obj):
        return obj.sort_name

    form = InburgeraarAdminForm

    def save_model(self, request, obj, form, change):
        """Personal data changed here is audited like in the application: the fields of
        `inburgeraar_update` go through that service (audit event `case_updated` with the old
        and new value of each field, timeline event); any other changed field gets its own
        `case_updated` event with field history, in the same transaction."""
        with transaction.atomic():
            if not change:
                super().save_model(request, obj, form, change)
                audit.case_created(inburgeraar=obj, by=request.user, request=request)
            else:
                current = Inburgeraar.objects.select_for_update().get(pk=obj.pk)
                changed = _changed_fields(form, current, obj)
                others: dict[str, tuple[str, str]] = {}
                for name in changed:
                    if name in EDITABLE_FIELDS:
                        continue
                    old, new = getattr(current, name), getattr(obj, name)
                    if old != new:
                        others[name] = (as_text(old), as_text(new))
                        setattr(current, name, new)
                inburgeraar_update(
                    inburgeraar=current,
                    data={f: getattr(obj, f) for f in EDITABLE_FIELDS if f in changed},
                    by=request.user,
                    request=request,
                    allow_closed=True,  # a correction by the functioneel beheerder
                )
                if others:
                    current.save(update_fields=[*others, "updated_at"])
                    audit.case_updated(
                        inburgeraar=current, by=request.user, changes=others, request=request
                    )
            # Key dates edited here are deadline facts too (REQ C-02, D; issue 8).
            deadlines_schedule_recompute(obj.pk)

    def get_search_results(self, request, queryset, search_term):
        # A full BSN may be searched for; it is matched exactly, never partially.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if len(term) == 9 and term.isdigit():
            queryset |= self.get_queryset(request).filter(bsn_hash=bsn_key(term))
        return queryset, may_have_duplicates


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ("label", "gemeente", "city")
    list_filter = ("gemeente",)
    search_fields = ("label",)
    list_select_related = ("gemeente",)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        visible = Inburgeraar.objects.visible_to(request.user).values("household_id")
        return qs.filter(pk__in=visible)


@admin.register(Waarneming)
class WaarnemingAdmin(admin.ModelAdmin):
    list_display = ("consultant", "substitute", "inburgeraar", "starts_on", "ends_on")
    list_filter = ("starts_on",)
    list_select_related = ("consultant", "substitute", "inburgeraar")
    raw_id_fields = ("inburgeraar",)
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """History must not change: no add, no edit, no delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "from_phase", "to_phase", "changed_by", "changed_at")
    list_filter = ("to_phase",)
    list_select_related = ("inburgeraar", "changed_by")


@admin.register(Handover)
class HandoverAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "from_consultant", "to_consultant", "handed_over_at")
    list_select_related = ("inburgeraar", "from_consultant", "to_consultant")


@admin.register(TimelineEvent)
class TimelineEventAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("occurred_at", "inburgeraar", "kind", "summary", "actor")
    list_filter = ("kind", "source")
    list_select_related = ("inburgeraar", "actor")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("timestamp", "actor", "action", "object_type", "object_id", "result")
    list_filter = ("result", "action")
    search_fields = ("actor__username", "object_id")
    list_select_related = ("actor",)
    date_hierarchy = "timestamp"


# REQ D: derived deadline data; the scan and the recompute write it, nobody edits it.
@admin.register(Deadline)
class DeadlineAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "requirement", "code", "due", "state", "met_on", "computed_on")
    list_filter = ("state", "code")
    list_select_related = ("inburgeraar",)


@admin.register(DeadlineNotice)
class DeadlineNoticeAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "requirement", "kind", "due", "raised_on", "handled_at")
    list_filter = ("kind", "code")
    list_select_related = ("inburgeraar",)


@admin.register(DeadlineSnapshot)
class DeadlineSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("day", "gemeente", "overdue", "due_soon")
    list_filter = ("gemeente",)
    date_hierarchy = "day"


@admin.register(DeadlineScan)
class DeadlineScanAdmin(ReadOnlyAdmin):
    list_display = ("day", "started_at", "finished_at", "cases", "deadlines_written")


# REQ D-15: the catalogue of equated days (Atw art. 3 lid 3).
from .deadlines import admin as _deadline_admin  # noqa: E402, F401
