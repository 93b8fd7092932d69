"""ACLED's event_type and sub_event_type for a PLOVER/CAMEO-coded event, where the event fits
ACLED's scheme (political violence, demonstrations and a few strategic developments).

The mapping is fogline's own reading of ACLED's public codebook categories; no ACLED data is used.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Event

ARMED = {"military", "rebel", "armed_group", "state", "government"}
NON_STATE = {"rebel", "armed_group"}
CIVILIAN_WORDS = {"civilian", "villager", "resident", "farmer", "worshipper", "student", "child", "woman",
                  "people", "family", "herder", "passenger", "patient", "journalist", "worker", "man", "person",
                  "pilgrim", "refugee", "teacher", "doctor", "voter", "trader", "driver", "convoy", "hospital",
                  "school", "market", "mosque", "church", "village", "camp", "home", "house"}
CLASH_WORDS = {"clash", "fight", "battle", "exchange", "engage", "fighting", "skirmish", "gunbattle"}
TERRITORY_WORDS = {"capture", "seize", "overrun", "take", "retake", "recapture", "regain", "control", "occupy"}
LOOT_WORDS = {"loot", "burn", "torch", "destroy", "raze", "vandalize", "vandalise", "demolish", "set"}
INTERVENTION_WORDS = {"disperse", "tear", "gas", "arrest", "detain", "baton", "water", "cannon", "rubber"}


def _kinds(actors: list) -> set[str]:
    return {a.kind for a in actors}


def acled_for(ev: Event, trigger: Token) -> dict[str, str] | None:
    """ACLED (event_type, sub_event_type) for ``ev``, or None where ACLED has no category."""
    sent_lemmas = {t.lemma_.lower() for t in trigger.sent}
    lemma = trigger.lemma_.lower()
    t, mode = ev.type, ev.mode
    target_words = {w for a in ev.target for w in (a.text or a.name).lower().split()}
    target_lemmas = {w.rstrip("s") for w in target_words} | target_words
    if t == "ASSAULT":
        if mode in ("aerial", "drone"):
            return _a("Explosions/Remote violence", "Air/drone strike")
        if mode == "heavy-weapons":
            return _a("Explosions/Remote violence", "Shelling/artillery/missile attack")
        if mode == "suicide-attack":
            return _a("Explosions/Remote violence", "Suicide bomb")
        if mode == "explosives":
            if "grenade" in sent_lemmas:
                return _a("Explosions/Remote violence", "Grenade")
            return _a("Explosions/Remote violence", "Remote explosive/landmine/IED")
        if mode == "abduct":
            return _a("Violence against civilians", "Abduction/forced disappearance")
        if mode == "sexual":
            return _a("Violence against civilians", "Sexual violence")
        if lemma in TERRITORY_WORDS:
            non_state = bool(_kinds(ev.source) & NON_STATE)
            return _a("Battles", "Non-state actor overtakes territory" if non_state else "Government regains territory")
        if lemma in LOOT_WORDS or mode == "destroy":
            return _a("Strategic developments", "Looting/property destruction")
        if "protester" in target_lemmas or "demonstrator" in target_lemmas:
            return _a("Protests", "Excessive force against protesters")
        armed_target = bool(_kinds(ev.target) & ARMED) and not (target_lemmas & CIVILIAN_WORDS)
        if lemma in CLASH_WORDS or (armed_target and bool(_kinds(ev.source) & ARMED)):
            return _a("Battles", "Armed clash")
        return _a("Violence against civilians", "Attack")
    if t == "PROTEST":
        if mode == "riot" or sent_lemmas & {"riot", "rioter", "loot", "torch", "vandalize"}:
            return _a("Riots", "Violent demonstration")
        if sent_lemmas & {"kill", "shoot"} and sent_lemmas & {"police", "force", "troop", "soldier"}:
            return _a("Protests", "Excessive force against protesters")
        if sent_lemmas & INTERVENTION_WORDS:
            return _a("Protests", "Protest with intervention")
        return _a("Protests", "Peaceful protest")
    if t == "COERCE" and (mode == "arrest" or lemma in {"arrest", "detain", "apprehend", "detention"}):
        return _a("Strategic developments", "Arrests")
    if t == "COERCE" and lemma in LOOT_WORDS:
        return _a("Strategic developments", "Looting/property destruction")
    if t in ("AGREE", "SUPPORT") and ev.cameo and ev.cameo.startswith(("057", "0871", "03")) and (
            sent_lemmas & {"ceasefire", "truce", "agreement", "deal", "accord", "peace"}):
        return _a("Strategic developments", "Agreement")
    if t == "RETREAT" and mode == "ceasefire":
        return _a("Strategic developments", "Agreement")
    if t == "RETREAT" and mode == "withdraw" and lemma in {"withdraw", "retreat", "hand", "cede"}:
        return _a("Strategic developments", "Non-violent transfer of territory")
    return None


def _a(event_type: str, sub: str) -> dict[str, str]:
    return {"event_type": event_type, "sub_event_type": sub}
