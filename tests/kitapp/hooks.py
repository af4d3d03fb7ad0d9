"""What the app contributes to the shared parts of `cases` (cases.registry)."""

from cases import navigation, timeline


def register() -> None:
    from .views import CAN_SEE

    timeline.register_kind("werkafspraak", "Werkafspraak")
    navigation.register_case_tab(
        key="werkafspraak",
        label="Werkafspraak",
        url_name="kitapp:overzicht",
        order=90,
        roles=CAN_SEE,
    )
