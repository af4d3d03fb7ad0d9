"""Synthetic building blocks of the demo (and of the test factories): invented names by origin,
the four HBEL municipalities with letterhead data, the demo staff and elfproef-valid BSNs.

Nothing here describes a real person: names are combined at random from lists of common names,
BSNs are random numbers that pass the elfproef (REQ C-07).
"""

import random

from cases.constants import Role
from cases.validators import BSN_WEIGHTS

DEMO_PASSWORD = "Inburgering-demo-2026"  # noqa: S105  (demo data only, printed by seed_demo)

# Given names and surnames by origin (transliterated), combined at random.
NAMES_BY_ORIGIN = {
    "syrisch": (
        ["Ahmad", "Mohammed", "Omar", "Khaled", "Rami", "Yara", "Lina", "Rasha", "Nour", "Hala"],
        ["Haddad", "Al-Hassan", "Khalil", "Darwish", "Mansour", "Nasser", "Saleh", "Aziz"],
        "Arabisch",
    ),
    "eritrees": (
        ["Tesfay", "Yonas", "Merhawi", "Semhar", "Helen", "Senait", "Filmon", "Luwam"],
        ["Tekle", "Gebremedhin", "Haile", "Berhane", "Kidane", "Woldu", "Ghebreyesus"],
        "Tigrinya",
    ),
    "afghaans": (
        ["Ahmad Shah", "Farid", "Zahra", "Mariam", "Hamid", "Sediqa", "Nasir", "Parwana"],
        ["Rahimi", "Ahmadzai", "Hakimi", "Popal", "Noori", "Sultani", "Karimi"],
        "Dari",
    ),
    "turks": (
        ["Mehmet", "Ayşe", "Emre", "Elif", "Burak", "Zeynep", "Murat", "Fatma"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk"],
        "Turks",
    ),
    "jemenitisch": (
        ["Abdullah", "Fatima", "Salem", "Amal", "Yahya", "Huda"],
        ["Al-Ahmari", "Ba-Abbad", "Al-Qadhi", "Shamsan", "Al-Hakimi"],
        "Arabisch",
    ),
    "somalisch": (
        ["Abdi", "Hodan", "Liban", "Sahra", "Mahad", "Ifrah"],
        ["Warsame", "Farah", "Jama", "Hersi", "Abdullahi"],
        "Somalisch",
    ),
    "oekraïens": (
        ["Olena", "Andrii", "Iryna", "Dmytro", "Oksana", "Taras"],
        ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk"],
        "Oekraïens",
    ),
    "marokkaans": (
        ["Youssef", "Khadija", "Hamza", "Salma", "Bilal", "Imane"],
        ["El Amrani", "Bouzid", "Benali", "Ouali", "El Idrissi"],
        "Arabisch",
    ),
    "iraans": (
        ["Reza", "Shirin", "Dariush", "Leila", "Kaveh", "Nasrin"],
        ["Hosseini", "Moradi", "Rostami", "Jafari", "Karimi"],
        "Farsi",
    ),
    "braziliaans": (
        ["João", "Ana", "Lucas", "Mariana", "Thiago", "Beatriz"],
        ["da Silva", "Oliveira", "Santos", "Pereira", "Costa"],
        "Portugees",
    ),
    "indiaas": (
        ["Arjun", "Priya", "Rahul", "Ananya", "Vikram", "Deepa"],
        ["Sharma", "Patel", "Iyer", "Reddy", "Nair"],
        "Engels",
    ),
}

# REQ C-05: the four HBEL municipalities (CBS codes) with letterhead data (synthetic addresses).
HBEL_GEMEENTEN = [
    {
        "name": "Huizen",
        "cbs_code": "0406",
        "visiting_address": "Graaf Wichmanlaan 75",
        "postal_address": "Postbus 5",
        "postal_code": "1270 AA",
        "city": "Huizen",
        "phone": "035 528 1911",
        "website": "https://www.huizen.nl",
    },
    {
        "name": "Blaricum",
        "cbs_code": "0376",
        "visiting_address": "Oostermeent-Centrum 1",
        "postal_address": "Postbus 1000",
        "postal_code": "1270 GA",
        "city": "Huizen",
        "phone": "035 751 3200",
        "website": "https://www.blaricum.nl",
    },
    {
        "name": "Eemnes",
        "cbs_code": "0317",
        "visiting_address": "Oostermeent-Centrum 1",
        "postal_address": "Postbus 1000",
        "postal_code": "1270 GA",
        "city": "Huizen",
        "phone": "035 751 3200",
        "website": "https://www.eemnes.nl",
    },
    {
        "name": "Laren",
        "cbs_code": "0417",
        "visiting_address": "Oostermeent-Centrum 1",
        "postal_address": "Postbus 1000",
        "postal_code": "1270 GA",
        "city": "Huizen",
        "phone": "035 751 3200",
        "website": "https://www.laren.nl",
    },
]


# username, first name, last name, role, team key (see demo.organisation.TEAMS)
STAFF = [
    ("consulent1", "Sanne", "de Boer", Role.CONSULTANT, "huizen"),
    ("consulent2", "Mohamed", "Bakkali", Role.CONSULTANT, "huizen"),
    ("consulent3", "Eva", "Jansen", Role.CONSULTANT, "huizen"),
    ("consulent4", "Thomas", "Visser", Role.CONSULTANT, "bel"),
    ("consulent5", "Noor", "Hendriks", Role.CONSULTANT, "bel"),
    ("consulent6", "Lotte", "Smit", Role.CONSULTANT, "bel"),
    ("teamleider", "Marieke", "van Dijk", Role.TEAMLEIDER, "huizen"),
    ("teamleider2", "Pieter", "Mulder", Role.TEAMLEIDER, "bel"),
    ("administratie", "Anouk", "Bos", Role.ADMINISTRATIE, "backoffice"),
    ("boete", "Jeroen", "Vos", Role.BOETEAMBTENAAR, "backoffice"),
    ("beleid", "Ingrid", "Peters", Role.BELEID, None),
    ("beheerder", "Kees", "Dekker", Role.FUNCTIONEEL_BEHEERDER, None),
]


def random_bsn(rng: random.Random, taken: set[str]) -> str:
    """A random elfproef-valid BSN not in `taken` (which it joins). The demo series starts
    with a 6, so it never meets the test factories' series (1…)."""
    while True:
        digits = f"6{rng.randrange(10**7):07d}"
        partial = sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS[:8], strict=True))
        check = partial % 11
        bsn = digits + str(check)
        if check < 10 and bsn not in taken:
            taken.add(bsn)
            return bsn
