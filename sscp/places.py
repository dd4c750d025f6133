"""The demo partnership's places (Sefton, 2018), as plain data with no Django import, so the
Django-free demo generators of the apps and the reference-data loader share one list."""

SEFTON = ("E08000014", "Sefton")
LCR_AUTHORITIES = (
    ("E06000006", "Halton"),
    ("E08000011", "Knowsley"),
    ("E08000012", "Liverpool"),
    ("E08000013", "St. Helens"),
    SEFTON,
    ("E08000015", "Wirral"),
)
LIVERPOOL_CITY_REGION = ("E47000004", "Liverpool City Region")
MERSEYSIDE = ("E11000002", "Merseyside")
NORTH_WEST = ("E12000002", "North West")
ENGLAND = ("E92000001", "England")

# Sefton's 22 wards (2004-2023 boundaries); ONS gave them codes in alphabetical order of name.
SEFTON_WARDS = tuple(
    (f"E0500{932 + i:04d}", name)
    for i, name in enumerate(
        (
            "Ainsdale",
            "Birkdale",
            "Blundellsands",
            "Cambridge",
            "Church",
            "Derby",
            "Dukes",
            "Ford",
            "Harington",
            "Kew",
            "Linacre",
            "Litherland",
            "Manor",
            "Meols",
            "Molyneux",
            "Netherton and Orrell",
            "Norwood",
            "Park",
            "Ravenmeols",
            "St Oswald",
            "Sudell",
            "Victoria",
        )
    )
)

# The three localities the 2017/18 MARAC report maps cases to, with their wards in the order
# that report's ward table lists them.
LOCALITIES = {
    "North": (
        "Ainsdale",
        "Birkdale",
        "Cambridge",
        "Dukes",
        "Harington",
        "Kew",
        "Meols",
        "Norwood",
        "Ravenmeols",
    ),
    "Central": (
        "Blundellsands",
        "Church",
        "Manor",
        "Molyneux",
        "Netherton and Orrell",
        "Park",
        "St Oswald",
        "Sudell",
        "Victoria",
    ),
    "South": ("Derby", "Ford", "Linacre", "Litherland"),
}
WARD_LOCALITY = {ward: locality for locality, wards in LOCALITIES.items() for ward in wards}


def locality_code(name: str) -> str:
    """Localities have no ONS code: ours is the borough's code and the locality's initial."""
    return f"{SEFTON[0]}-{name[0]}"
