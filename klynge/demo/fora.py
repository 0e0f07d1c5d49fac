"""The invented fora of the demo archive: who sits where, where they meet, when.

Every name, organisation and address here is made up for the product's demo; any likeness to real
people is a coincidence. The shapes are the genre's: a cluster steering group of municipalities,
hospital, psychiatry, general practice and patient representatives; a regional health-cooperation
committee; a municipal committee of council members with the administration in attendance.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    organisation: str
    kind: str
    """'hospital', 'psykiatri', 'kommune', 'praksis', 'patient', 'region', 'politik' or 'administration'."""


@dataclass(frozen=True)
class Forum:
    name: str
    slug: str
    body: str
    """How the texts refer to the forum: 'klyngestyregruppen', 'udvalget'."""
    area: str
    """The geography the forum covers: 'Nordklyngen', 'Fjordby Kommune'."""
    hospital: str
    psychiatry: str
    members: tuple[Member, ...]
    chair: str
    note_taker: str
    places: tuple[str, ...]
    months: tuple[int, ...]
    start: str
    length_minutes: int
    case_prefix: str | None
    """Journal numbers as '<prefix><n>-<yy>' (klynge, SSU) or '<yy>/<n>' ('acadre'); None: none."""
    guests: tuple[Member, ...] = ()
    gp: str = "Almen praksis"
    """Who speaks for general practice in the minutes."""
    munis: str = "Kommunerne"
    """Who speaks for the municipalities in the minutes."""
    secretariat: str = "Sekretariatet"
    """Who prepares the meetings and sends out the minutes."""


def _members(kind_by_org: dict[str, str], rows: str) -> tuple[Member, ...]:
    """Rows 'Organisation | Navn | rolle', one per line."""
    out = []
    for row in rows.strip().splitlines():
        org, name, role = (part.strip() for part in row.split("|"))
        out.append(Member(name, role, org, kind_by_org[org]))
    return tuple(out)


NORD = Forum(
    name="Klyngestyregruppen for Nordklyngen",
    slug="nordklyngen",
    body="klyngestyregruppen",
    area="Nordklyngen",
    hospital="Hospitalsenhed Nord",
    psychiatry="Regionspsykiatrien Nord",
    members=_members(
        {
            "Hospitalsenhed Nord": "hospital",
            "Regionspsykiatrien Nord": "psykiatri",
            "Fjordby Kommune": "kommune",
            "Skovlund Kommune": "kommune",
            "Vesterhavn Kommune": "kommune",
            "Almen praksis": "praksis",
            "Patient- og pårørenderepræsentanter": "patient",
        },
        """
        Hospitalsenhed Nord | Hanne Vestergaard Lind | hospitalsdirektør (medformand)
        Hospitalsenhed Nord | Niels Overgaard | cheflæge
        Hospitalsenhed Nord | Rikke Damsgaard | chefsygeplejerske
        Regionspsykiatrien Nord | Torben Kjeldsen | ledende overlæge
        Fjordby Kommune | Susanne Bech Thorsen | direktør for Sundhed og Omsorg (medformand)
        Fjordby Kommune | Lene Fogh | sundhedschef
        Skovlund Kommune | Michael Brandt | social- og sundhedsdirektør
        Skovlund Kommune | Pernille Hauge | ældrechef
        Vesterhavn Kommune | Jesper Ulsø | velfærdsdirektør
        Vesterhavn Kommune | Anja Rosenkilde | sundheds- og omsorgschef
        Almen praksis | Karsten Bloch | praksiskoordinator
        Almen praksis | Line Skytte | praktiserende læge, PLO
        Patient- og pårørenderepræsentanter | Bodil Fristrup | Danske Patienter
        """,
    ),
    chair="Susanne Bech Thorsen",
    note_taker="Marie Holt Sønderby",
    places=(
        "Mødelokale 3, Fjordby Rådhus, Torvegade 2, 7990 Fjordby",
        "Auditorium B, Hospitalsenhed Nord, Sygehusvej 10, 7980 Skovlund",
        "Mødelokale Havet, Vesterhavn Rådhus, Strandvejen 4, 7970 Vesterhavn",
    ),
    months=(3, 6, 9, 12),
    start="09:00",
    length_minutes=150,
    case_prefix="1-30-72-",
    guests=_members(
        {"Hospitalsenhed Nord": "hospital", "Fjordby Kommune": "kommune"},
        """
        Hospitalsenhed Nord | Sofie Lykkegaard | projektleder, Tværsektorielt Sekretariat
        Fjordby Kommune | Kasper Nyholm | udviklingskonsulent
        """,
    ),
)

SYD = Forum(
    name="Klyngestyregruppen for Sydklyngen",
    slug="sydklyngen",
    body="klyngestyregruppen",
    area="Sydklyngen",
    hospital="Hospitalsenhed Syd",
    psychiatry="Psykiatrien Syd",
    members=_members(
        {
            "Hospitalsenhed Syd": "hospital",
            "Psykiatrien Syd": "psykiatri",
            "Ådal Kommune": "kommune",
            "Bakkely Kommune": "kommune",
            "Almen praksis": "praksis",
        },
        """
        Hospitalsenhed Syd | Peter Juul Mørch | lægefaglig direktør (medformand)
        Hospitalsenhed Syd | Gitte Krarup | sygeplejefaglig direktør
        Hospitalsenhed Syd | Henrik Dalsgaard | chef for tværsektorielt samarbejde
        Psykiatrien Syd | Ulla Brink Madsen | chefsygeplejerske
        Ådal Kommune | Tove Ellehammer | direktør for Social og Sundhed (medformand)
        Ådal Kommune | Rasmus Kirketerp | sundhedschef
        Ådal Kommune | Birgit Svane | leder af akutteamet
        Bakkely Kommune | Claus Winther Høj | direktør for Velfærd
        Bakkely Kommune | Nanna Lundgaard | chef for Sundhed og Ældre
        Almen praksis | Erik Vinding | praksiskoordinator
        """,
    ),
    chair="Tove Ellehammer",
    note_taker="Jonas Ravnholt",
    places=(
        "Mødelokale 1, Ådal Rådhus, Rådhuspladsen 1, 6990 Ådal",
        "Konferencerummet, Hospitalsenhed Syd, Parkvej 40, 6980 Bakkely",
    ),
    months=(2, 5, 11),
    start="13:00",
    length_minutes=150,
    case_prefix=None,
    guests=_members(
        {"Hospitalsenhed Syd": "hospital", "Bakkely Kommune": "kommune"},
        """
        Hospitalsenhed Syd | Lise Aagaard | overlæge, Palliativt Team
        Bakkely Kommune | Morten Kloster | leder af Rygestopklinikken
        """,
    ),
)

SSU = Forum(
    name="Sundhedssamarbejdsudvalget for Region Vestkyst",
    slug="ssu-vestkyst",
    body="sundhedssamarbejdsudvalget",
    area="Region Vestkyst",
    hospital="hospitalerne i Region Vestkyst",
    psychiatry="Psykiatrien i Region Vestkyst",
    members=_members(
        {
            "Region Vestkyst": "region",
            "Kommunerne i Region Vestkyst": "kommune",
            "PLO Vestkyst": "praksis",
            "Danske Patienter Vestkyst": "patient",
        },
        """
        Region Vestkyst | Carsten Højbjerg | regionsdirektør (formand)
        Region Vestkyst | Annemette Kold | koncerndirektør
        Region Vestkyst | Frederik Salling | direktør for Psykiatrien
        Region Vestkyst | Dorthe Strand Iversen | direktør for Hospitalsenhed Syd
        Kommunerne i Region Vestkyst | Vibeke Gram | kommunaldirektør, Skovlund Kommune (næstformand)
        Kommunerne i Region Vestkyst | Ole Mygind | direktør, Ådal Kommune
        Kommunerne i Region Vestkyst | Hanne Sletting | direktør, Vesterhavn Kommune
        PLO Vestkyst | Mads Engholm | formand for PLO Vestkyst
        Danske Patienter Vestkyst | Grethe Munk | formand for Danske Patienter Vestkyst
        """,
    ),
    chair="Carsten Højbjerg",
    note_taker="Ida Kronborg",
    places=("Regionshuset, Mødesal 1, Regionsvej 1, 6900 Vestby",),
    months=(4, 9, 12),
    start="13:30",
    length_minutes=150,
    case_prefix="1-01-72-",
    gp="PLO Vestkyst",
    guests=_members(
        {"Region Vestkyst": "region"},
        """
        Region Vestkyst | Trine Malmkvist | chefkonsulent, Sundhedsplanlægning
        """,
    ),
)

UDVALG = Forum(
    name="Social- og Sundhedsudvalget i Fjordby Kommune",
    slug="fjordby-sundhedsudvalg",
    body="udvalget",
    area="Fjordby Kommune",
    hospital="Hospitalsenhed Nord",
    psychiatry="Regionspsykiatrien Nord",
    members=_members(
        {"Udvalgets medlemmer": "politik", "Administrationen": "administration"},
        """
        Udvalgets medlemmer | Kirsten Baun | formand
        Udvalgets medlemmer | Ahmad Rahimi | næstformand
        Udvalgets medlemmer | Jens Otto Skaarup | medlem
        Udvalgets medlemmer | Maiken Tved | medlem
        Udvalgets medlemmer | Poul Erik Hvass | medlem
        Administrationen | Susanne Bech Thorsen | direktør for Sundhed og Omsorg
        Administrationen | Lene Fogh | sundhedschef
        Administrationen | Anders Kvist Nyborg | chef for Social og Psykiatri
        """,
    ),
    chair="Kirsten Baun",
    note_taker="Camilla Storm",
    places=("Udvalgsværelse 2, Fjordby Rådhus, Torvegade 2, 7990 Fjordby",),
    months=(1, 5, 10),
    start="16:00",
    length_minutes=120,
    case_prefix="acadre",
    gp="Administrationen",
    secretariat="Administrationen",
    munis="Udvalgets medlemmer",
)

FORA = (NORD, SYD, SSU, UDVALG)
