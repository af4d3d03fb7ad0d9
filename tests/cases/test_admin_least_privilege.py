"""The functioneel beheerder in /beheer/ (issue 22, finding 1): manages users without seeing
or setting their secrets, cannot grant itself a role, a team or superuser rights, and every
admin change writes an application audit event; a case is shown only within the scope."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.constants import Role
from cases.models import AuditEvent, Gemeente, User

pytestmark = pytest.mark.django_db


def _user_url(user, view="change"):
    return reverse(f"admin:cases_user_{view}", args=[user.pk])


def _form_data(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "team": user.team_id or "",
        "is_active": "on" if user.is_active else "",
        "groups": [g.pk for g in user.groups.all()],
    }
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


@pytest.fixture
def beheerder(client, world):
    client.force_login(world.beheerder)
    return world.beheerder


def test_issue22_the_beheerder_never_sees_a_totp_key_or_backup_codes(client, world, beheerder):
    device = TOTPDevice.objects.create(user=world.consultant, name="telefoon", confirmed=True)
    static = StaticDevice.objects.create(user=world.consultant, name="Back-upcodes")
    StaticToken.objects.create(device=static, token="geheim42")
    pages = [
        _user_url(world.consultant),
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        reverse("admin:otp_static_staticdevice_change", args=[static.pk]),
        f"/beheer/otp_totp/totpdevice/{device.pk}/config/",
        f"/beheer/otp_totp/totpdevice/{device.pk}/qrcode/",
    ]
    for url in pages:
        response = client.get(url, follow=True)
        body = response.content.decode()
        assert device.key not in body, url
        assert "otpauth://" not in body, url
        assert "geheim42" not in body, url
    # Nor can it add an authenticator of its own choosing to someone.
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403


def test_issue22_the_beheerder_cannot_set_or_see_a_password(client, world, beheerder):
    victim = world.consultant
    page = client.get(_user_url(victim)).content.decode()
    assert victim.password not in page
    assert 'name="password' not in page
    denied = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()
    url = f"/beheer/cases/user/{victim.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Overgenomen!2026", "password2": "Overgenomen!2026"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count() == denied + 2
    # A password posted with the change form is ignored.
    client.post(_user_url(victim), _form_data(victim, password="Overgenomen!2026"))
    victim.refresh_from_db()
    assert not victim.check_password("Overgenomen!2026")


def test_issue22_the_beheerder_cannot_grant_itself_a_role_team_or_superuser(
    client, world, beheerder
):
    teamleider = Group.objects.get(name=Role.TEAMLEIDER)
    own = [g.pk for g in beheerder.groups.all()]
    response = client.post(
        _user_url(beheerder),
        _form_data(
            beheerder,
            groups=[*own, teamleider.pk],
            team=world.team_noord.pk,
            is_superuser="on",
            user_permissions=[1, 2, 3],
        ),
    )
    assert response.status_code in (200, 302)
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert beheerder.team is None
    assert not beheerder.groups.filter(name=Role.TEAMLEIDER).exists()
    assert not beheerder.user_permissions.exists()
    # Nor through its own role group.
    group = Group.objects.get(name=Role.FUNCTIONEEL_BEHEERDER)
    change = reverse("admin:auth_group_change", args=[group.pk])
    client.post(change, {"name": group.name, "permissions": [1, 2, 3]})
    assert client.get(change).status_code == 200  # view only
    assert (
        not group.permissions.filter(pk__in=[1, 2, 3])
        .exclude(pk__in=Group.objects.get(pk=group.pk).permissions.values("pk"))
        .exists()
    )


def test_issue22_nor_superuser_rights_for_someone_else(client, world, beheerder):
    victim = world.consultant
    client.post(_user_url(victim), _form_data(victim, is_superuser="on"))
    victim.refresh_from_db()
    assert not victim.is_superuser


def test_issue22_a_granted_role_is_audited_and_mailed(
    client, world, beheerder, mailoutbox, django_capture_on_commit_callbacks
):
    other_beheerder = User.objects.create(username="beheerder2", email="b2@hbel.example")
    other_beheerder.groups.add(Group.objects.get(name=Role.FUNCTIONEEL_BEHEERDER))
    user = world.colleague
    teamleider = Group.objects.get(name=Role.TEAMLEIDER)
    groups = [*user.groups.values_list("pk", flat=True), teamleider.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_user_url(user), _form_data(user, groups=groups))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert user.groups.filter(pk=teamleider.pk).exists()
    event = AuditEvent.objects.get(action="user_role_granted")
    assert (event.actor, event.object_type, event.object_id) == (
        beheerder,
        "user",
        str(user.pk),
    )
    assert AuditEvent.objects.filter(action="admin_changed", object_id=str(user.pk)).exists()
    recipients = sorted(r for m in mailoutbox for r in m.to)
    assert recipients == sorted([user.email, other_beheerder.email])


def test_issue22_reset_mfa_and_password_link_are_actions(
    client, world, beheerder, mailoutbox, django_capture_on_commit_callbacks
):
    user = world.consultant
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    changelist = reverse("admin:cases_user_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "reset_mfa", "_selected_action": [user.pk]})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="user_mfa_reset", object_id=str(user.pk)).exists()
    mailoutbox.clear()
    client.post(changelist, {"action": "send_password_links", "_selected_action": [user.pk]})
    assert AuditEvent.objects.filter(action="user_password_reset_sent").count() == 1
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "/wachtwoord/" in mailoutbox[0].body
    # The beheerder resets nothing of its own.
    own = TOTPDevice.objects.get(user=beheerder)
    client.post(changelist, {"action": "reset_mfa", "_selected_action": [beheerder.pk]})
    assert TOTPDevice.objects.filter(pk=own.pk).exists()


def test_issue22_a_new_user_has_no_password_and_gets_a_link(
    client, beheerder, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:cases_user_add"),
            {"username": "nieuw", "email": "nieuw@hbel.example", "password1": "x"},
        )
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="admin_added", object_id=str(user.pk)).exists()
    assert [m.to for m in mailoutbox] == [["nieuw@hbel.example"]]


@pytest.mark.parametrize("name", ["+1+1", "=HYPERLINK(1)", "-x", "@x"])
def test_issue22_a_formula_user_name_is_refused(client, beheerder, name):
    response = client.post(
        reverse("admin:cases_user_add"), {"username": name, "email": "x@hbel.example"}
    )
    assert response.status_code == 200
    assert "mag niet beginnen met" in response.content.decode()
    assert not User.objects.filter(username=name).exists()


def test_issue22_every_admin_change_of_a_catalogue_writes_an_audit_event(client, beheerder):
    add = client.post(reverse("admin:cases_gemeente_add"), {"name": "Westdorp", "cbs_code": "9009"})
    assert add.status_code == 302
    gemeente = Gemeente.objects.get(name="Westdorp")
    client.post(
        reverse("admin:cases_gemeente_change", args=[gemeente.pk]),
        {"name": "Westdorp aan Zee", "cbs_code": "9009"},
    )
    client.post(reverse("admin:cases_gemeente_delete", args=[gemeente.pk]), {"post": "yes"})
    events = AuditEvent.objects.filter(object_type="gemeente", object_id=str(gemeente.pk))
    assert sorted(events.values_list("action", flat=True)) == [
        "admin_added",
        "admin_changed",
        "admin_deleted",
    ]
    assert {e.actor for e in events} == {beheerder}


def test_issue22_deleting_a_device_is_audited(client, world, beheerder):
    device = TOTPDevice.objects.create(user=world.consultant, name="telefoon", confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert AuditEvent.objects.filter(
        action="admin_deleted", object_type="totpdevice", object_id=str(device.pk)
    ).exists()


def test_issue22_the_waarneming_form_shows_no_name_by_internal_id(client, world, beheerder):
    # The probe: ?inburgeraar=<pk> printed the name of every case, in scope or not.
    for case in (world.own_case, world.zuid_case):
        response = client.get(reverse("admin:cases_waarneming_add"), {"inburgeraar": case.pk})
        assert response.status_code == 200
        body = response.content.decode()
        assert case.surname not in body
        assert case.given_names not in body


def test_a_superuser_still_sees_the_name_of_a_case(client, world):
    root = User.objects.create_superuser("root", "root@hbel.example", "x")
    client.force_login(root)
    case = world.own_case
    response = client.get(reverse("admin:cases_waarneming_add"), {"inburgeraar": case.pk})
    assert case.surname in response.content.decode()


@pytest.mark.parametrize("role", ["consultant", "teamleider", "administratie", "beleid"])
def test_issue22_a_role_without_admin_rights_gets_403_and_a_denied_event(client, world, role):
    client.force_login(getattr(world, role))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        action="access_denied", actor=getattr(world, role), object_type="beheer"
    ).exists()
