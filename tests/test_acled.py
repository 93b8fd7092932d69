"""ACLED event_type/sub_event_type of events, read with their sentence (fogline's own sentences)."""
from __future__ import annotations

import pytest

from fogline.extract.acled import primary_acled
from fogline.model import Event


def _first(text: str, published: str = "2021-03-02") -> str | None:
    from fogline.api import analyse_texts

    doc = analyse_texts([(text, published)])[0]
    ev = next((e for e in doc.events if e.acled and not e.negated), None)
    return ev.acled["sub_event_type"] if ev else None


@pytest.mark.model
@pytest.mark.parametrize(("text", "sub"), [
    # Battles: two organised armed sides
    ("Soldiers clashed with militants near the border town on Monday.", "Armed clash"),
    ("Two policemen and three insurgents were killed in an exchange of fire outside the village.", "Armed clash"),
    ("Gunmen attacked an army checkpoint on the highway, wounding two soldiers.", "Armed clash"),
    ("Troops fired small arms at the positions of the separatist militia overnight.", "Armed clash"),
    ("Rebel fighters captured the town after government troops withdrew.", "Non-state actor overtakes territory"),
    # Explosions/Remote violence: by the means named
    ("Separatist forces fired mortars at army positions near the airport.", "Shelling/artillery/missile attack"),
    ("Monitors counted a total of 30 explosions near the front line.", "Shelling/artillery/missile attack"),
    ("Warplanes struck a market in the northern province, killing nine people.", "Air/drone strike"),
    ("A roadside bomb exploded under a police vehicle, killing two officers.", "Remote explosive/landmine/IED"),
    ("A man threw a grenade into a crowded bar late on Friday.", "Grenade"),
    ("A suicide bomber blew himself up at a checkpoint in the capital.", "Suicide bomb"),
    # Violence against civilians
    ("Unidentified gunmen killed four farmers in their fields on Sunday.", "Attack"),
    ("Armed men kidnapped a village chief and two teachers on the road to the district town.",
     "Abduction/forced disappearance"),
    # Protests
    ("Hundreds of teachers protested outside the ministry over unpaid salaries.", "Peaceful protest"),
    ("Journalists held a protest against the arrest of their editor.", "Peaceful protest"),
    ("Students marched to parliament on Tuesday. Police fired tear gas to disperse the protesters.",
     "Protest with intervention"),
    ("Security forces shot dead three protesters during a demonstration in the capital.",
     "Excessive force against protesters"),
    # Riots
    ("Protesters blocked the highway with burning tyres and threw stones at passing cars.", "Violent demonstration"),
    ("A mob of residents beat a suspected thief to death in the market on Monday.", "Mob violence"),
    ("Two groups of villagers clashed over a land dispute, leaving one man dead.", "Mob violence"),
    # Strategic developments
    ("Police arrested the opposition leader at his home on Wednesday.", "Arrests"),
])
def test_sub_event_type(text, sub):
    assert _first(text) == sub


@pytest.mark.model
def test_no_category_for_talk():
    assert _first("The foreign minister visited Paris and met his French counterpart.") is None


def _ev(sub: str, etype: str, negated: bool = False) -> Event:
    acled = {"event_type": etype, "sub_event_type": sub}
    return Event(id=sub, type="ASSAULT", evidence=None, acled=acled, negated=negated)  # type: ignore[arg-type]


def test_primary_acled_prefers_the_violent_event_to_what_followed():
    arrest = _ev("Arrests", "Strategic developments")
    attack = _ev("Attack", "Violence against civilians")
    assert primary_acled([arrest, attack]) is attack
    assert primary_acled([arrest]) is arrest
    assert primary_acled([_ev("Attack", "Violence against civilians", negated=True), arrest]) is arrest
    assert primary_acled([]) is None


# --------------------------------------------------------------------------- ACLED-style actor names


def _acled_of(text: str, published: str = "2021-03-02") -> dict | None:
    from fogline.api import analyse_texts

    doc = analyse_texts([(text, published)])[0]
    ev = next((e for e in doc.events if e.acled and not e.negated), None)
    return ev.acled if ev else None


@pytest.mark.model
@pytest.mark.parametrize(("text", "actor1"), [
    # whoever demonstrates is "Protesters (Country)", the country from the event's place
    ("Hundreds of nurses rallied outside the health ministry in Nairobi over unpaid wages.", "Protesters (Kenya)"),
    ("Shopkeepers protested in Lahore on Tuesday against a new tax.", "Protesters (Pakistan)"),
    # violent demonstrators and mobs are "Rioters (Country)"
    ("Protesters threw stones at police and burned tyres in Accra.", "Rioters (Ghana)"),
    # a state's forces by the actor's own country
    ("Nigerian troops killed 12 insurgents near Maiduguri on Sunday.", "Military Forces of Nigeria"),
    ("Kenyan police shot dead two suspects in Mombasa.", "Police Forces of Kenya"),
    # unnamed armed men, and violence nobody is named for
    ("Unidentified gunmen shot dead a shopkeeper in Kano.", "Unidentified Armed Group (Nigeria)"),
    ("Heavy artillery fire hit the outskirts of Tripoli overnight.", "Unidentified Armed Group (Libya)"),
])
def test_acled_actor_names(text, actor1):
    found = _acled_of(text)
    assert found is not None and found.get("actor1") == actor1


@pytest.mark.model
def test_acled_actor2_civilians_and_named_groups_keep_their_names():
    found = _acled_of("Unidentified gunmen shot dead a shopkeeper in Kano.")
    assert found is not None and found.get("actor2") == "Civilians (Nigeria)"
    named = _acled_of("Boko Haram fighters attacked an army base near Maiduguri.")
    assert named is not None and named.get("actor1") == "Boko Haram"


def test_acled_actor_names_from_kind_and_code():
    from fogline.extract.acled import acled_actors
    from fogline.model import Actor, Location

    def ev(src: list[Actor], country: str | None = "Zedland") -> Event:
        loc = Location(name="Ztown", country=country) if country else None
        return Event(id="x", type="ASSAULT", evidence=None, source=src, location=loc)  # type: ignore[arg-type]

    army = Actor(name="Malian military", code="MLIMIL", kind="military", text="Malian soldiers")
    assert acled_actors(ev([army]), "Battles")["actor1"] == "Military Forces of Mali"  # the actor's country first
    troops = Actor(name="troops", code=None, kind="military", text="troops")
    assert acled_actors(ev([troops]), "Battles")["actor1"] == "Military Forces of Zedland"  # else the place's
    assert acled_actors(ev([troops], None), "Battles")["actor1"] == "Military Forces"
    students = Actor(name="students", code="EDU", kind="group", text="students")
    assert acled_actors(ev([students]), "Protests")["actor1"] == "Protesters (Zedland)"
    assert acled_actors(ev([]), "Riots")["actor1"] == "Rioters (Zedland)"
    assert acled_actors(ev([]), "Strategic developments") == {}
    unknown = Actor(name="unknown individuals", code="CVL", kind="group", text="unknown individuals")
    assert acled_actors(ev([unknown]), "Violence against civilians")["actor1"] == "Unidentified Armed Group (Zedland)"
    party = Actor(name="Zed Liberation Front", code=None, kind="armed_group", text="the Zed Liberation Front")
    assert acled_actors(ev([party]), "Battles")["actor1"] == "Zed Liberation Front"
