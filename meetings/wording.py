"""The set phrases of agendas and minutes, written from the records as the seed documents have them.

Plain functions over plain values (people, dates, strings) so each phrase can be tested exactly.
"""

import datetime
import re
from collections.abc import Sequence

DECLARATIONS_STANDING_TEXT = [
    "Members are requested at a meeting where a disclosable pecuniary interest or personal "
    "interest arises, which is not already included in their Register of Members' Interests, "
    "to declare any interests that relate to an item on the agenda.",
    "Where a Member discloses a Disclosable Pecuniary Interest, he/she must withdraw from the "
    "meeting room, including from the public gallery, during the whole consideration of any "
    "item of business in which he/she has an interest, except where he/she is permitted to "
    "remain as a result of a grant of a dispensation.",
    "Where a Member discloses a personal interest he/she must seek advice from the Monitoring "
    "Officer or staff member representing the Monitoring Officer to determine whether the "
    "Member should withdraw from the meeting room, including from the public gallery, during "
    "the whole consideration of any item of business in which he/she has an interest or whether "
    "the Member can remain in the meeting or remain in the meeting and vote on the relevant "
    "decision.",
]
NO_DECLARATIONS = (
    "No declarations of any disclosable pecuniary interests or personal interests were received."
)
NO_APOLOGIES = "No apologies for absence were received."
# In place of a confidential item's minute, for readers not entitled to its papers.
EXEMPT_MINUTE = "This minute is exempt: it is recorded in the confidential part of the minutes."
COUNCILLOR = "Councillor"


def ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def agenda_date(day: datetime.date) -> str:
    """'Thursday 13th September, 2018', as on the agenda front sheet."""
    return f"{day:%A} {ordinal(day.day)} {day:%B}, {day.year}"


def minutes_date(day: datetime.date) -> str:
    """'THURSDAY 14TH JUNE, 2018', as in the minutes' heading."""
    return agenda_date(day).upper()


def long_date(day: datetime.date) -> str:
    """'14 June 2018', as in 'the meeting held on 14 June 2018'."""
    return f"{day.day} {day:%B %Y}"


def clock(time: datetime.time, *, dotted: bool = False) -> str:
    """'10.00 am' (front sheet) or '10.00 a.m.' (sentences)."""
    hour = time.hour % 12 or 12
    suffix = ("a.m." if dotted else "am") if time.hour < 12 else ("p.m." if dotted else "pm")
    return f"{hour}.{time.minute:02d} {suffix}"


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def is_councillor(person) -> bool:
    return person.title.strip().lower() == COUNCILLOR.lower()


def full_name(person) -> str:
    """'Superintendent Matt Boyle', 'Jenny Currie', 'Councillor Simon Shaw'."""
    return " ".join(p for p in (person.title, person.first_name, person.last_name) if p)


def _sorted(people):
    return sorted(people, key=lambda p: (p.last_name.lower(), p.first_name.lower()))


def membership_sentence(people) -> str:
    """'Councillors Hardy, Shaw, Thomas, Superintendent Matt Boyle, ... and Ian Willman'.

    Councillors first, by surname only; then everyone else by full name; each group in surname
    order.
    """
    people = list(people)
    councillors = _sorted(p for p in people if is_councillor(p))
    others = _sorted(p for p in people if not is_councillor(p))
    names = [p.last_name for p in councillors]
    if names:
        prefix = "Councillors " if len(names) > 1 else "Councillor "
        names[0] = prefix + names[0]
    return join_names(names + [full_name(p) for p in others])


def present_paragraph(chair, others) -> list[str]:
    """The PRESENT paragraph: the chair '(in the Chair)' on the first line, then the rest.

    ['Councillor Hardy (in the Chair)', 'Councillors Shaw and Thomas, Superintendent Matt
    Boyle, ... and Ian Willman'].
    """
    others = list(others)
    lines = []
    if chair is not None:
        name = f"{COUNCILLOR} {chair.last_name}" if is_councillor(chair) else full_name(chair)
        lines.append(f"{name} (in the Chair)")
    councillors = _sorted(p for p in others if is_councillor(p))
    rest = [full_name(p) for p in _sorted(p for p in others if not is_councillor(p))]
    if councillors:
        label = "Councillors" if len(councillors) > 1 else COUNCILLOR
        group = f"{label} {join_names([p.last_name for p in councillors])}"
        lines.append(f"{group}, {join_names(rest)}" if rest else group)
    elif rest:
        lines.append(join_names(rest))
    return lines


def also_present_sentence(names: Sequence[str]) -> str:
    return join_names(list(names))


def apologies_sentence(people) -> str:
    """'Apologies for absence were received from Rosie Goodwin, Sue Holden and Linda Turner.'"""
    people = list(people)
    if not people:
        return NO_APOLOGIES
    councillors = _sorted(p for p in people if is_councillor(p))
    others = _sorted(p for p in people if not is_councillor(p))
    names = [full_name(p) for p in councillors + others]
    return f"Apologies for absence were received from {join_names(names)}."


# How the officer may start the nature of an interest, and what the minute does with it.
_NATURE_CONNECTIVES = {"because", "as", "since", "being", "having", "through", "owing", "due"}
_ARTICLES = {"a", "an", "the"}
# Words that open a clause ("she is a trustee ...") and are lower case inside a sentence.
_CLAUSE_OPENERS = {"he", "she", "they", "we", "his", "her", "their", "our", "it", "its", "my"}
_RELATIVES = {"husband", "wife", "partner", "spouse", "son", "daughter", "mother", "father"}
_LOWER_CASE_OPENERS = _NATURE_CONNECTIVES | _ARTICLES | _CLAUSE_OPENERS | _RELATIVES
_VERBS = {
    "is", "are", "was", "were", "am", "has", "have", "works", "sits", "owns", "receives",
    "holds", "runs", "chairs", "serves", "manages", "volunteers", "lives", "employs",
}  # fmt: skip


def _lower_first(text: str) -> str:
    """Lower-case the first word only when it is a common word, never a name ("Sefton")."""
    first = text.split(maxsplit=1)[0]
    if first.lower() in _LOWER_CASE_OPENERS:
        return first.lower() + text[len(first) :]
    return text


def interest_reason(nature: str) -> str:
    """The nature of an interest as the officer typed it, made into the end of the minute's
    sentence: 'because she is a trustee of X', 'as a Trustee of X', 'being employed by X'.

    Officers type a role ('Trustee of Sefton CVS'), a clause ('she is a trustee ...') or the
    whole phrase ('because ...', 'as a ...'); the sentence must read the same either way.
    """
    text = " ".join(nature.split()).rstrip(" .;,:")
    if not text:
        return ""
    words = text.split()
    first = words[0].lower()
    if first in _NATURE_CONNECTIVES:
        return _lower_first(text)
    if first in _CLAUSE_OPENERS or first in _RELATIVES or _VERBS & {w.lower() for w in words[1:]}:
        return f"because {_lower_first(text)}"
    if first in _ARTICLES:
        return f"as {_lower_first(text)}"
    if len(first) > 4 and first.endswith("ed"):  # "Employed by ...", "Related to ..."
        return f"being {first}{text[len(first) :]}"
    article = "an" if first[0] in "aeiou" else "a"
    return f"as {article} {text}"


def declaration_sentence(*, name, kind_label, minute_number, item_title, nature, withdrew) -> str:
    """One declaration, as minuted under Declarations of Interest."""
    sentence = (
        f"{name} declared a {kind_label.lower()} in Minute No. {minute_number} ({item_title})"
    )
    reason = interest_reason(nature)
    if reason:
        sentence += f" {reason}"
    if withdrew:
        sentence += " and left the room during its consideration, taking no part in the decision"
    return sentence + "."


def previous_minutes_description(previous_date: datetime.date | None) -> str:
    if previous_date is None:
        return ""
    return f"Minutes of the meeting held on {long_date(previous_date)}."


def previous_minutes_resolution(previous_date: datetime.date) -> str:
    held = long_date(previous_date)
    return f"the Minutes of the meeting held on {held} be confirmed as a correct record"


def next_meeting_description(day: datetime.date, time: datetime.time, place: str) -> str:
    """'The next meeting will be held on Thursday, 13 December 2018, at Town Hall, Bootle,
    commencing at 11.00 a.m.'"""
    return (
        f"The next meeting will be held on {day:%A}, {long_date(day)}, at {place}, "
        f"commencing at {clock(time, dotted=True)}"
    )


def next_meeting_resolution(day: datetime.date, time: datetime.time, place: str) -> str:
    """'the next meeting be held on Thursday, 13 September 2018 at the Town Hall, Bootle,
    commencing at 10.00 a.m.' (a resolution part: 'That ' and the full stop are added)."""
    return (
        f"the next meeting be held on {day:%A}, {long_date(day)} at the {place}, "
        f"commencing at {clock(time, dotted=True)}"
    )


def agenda_action_log_caption(day: datetime.date) -> str:
    """The heading of an Action Log item's table, on the meeting page and in the pack."""
    return f"Open actions as at {long_date(day)}"


_JOINING_END = re.compile(r"(?:[\s;.,:]|\band)+$", re.IGNORECASE)


def _tidy(text: str) -> str:
    """A resolution part without the punctuation and "and" that joining the parts adds: an
    officer's "the report be noted; and" is not printed "...; and; and"."""
    return _JOINING_END.sub("", text.strip())


def resolution_lines(parts: Sequence[str]) -> list[str]:
    """A resolution as the minutes lay it out.

    One part:  ['RESOLVED:', 'That the report be noted.']
    Several:   ['RESOLVED: That:-', '(1) the report be noted;', '(2) ... ; and', '(3) ....']
    """
    parts = [_tidy(p) for p in parts if _tidy(p)]
    if not parts:
        return []
    if len(parts) == 1:
        text = parts[0]
        return ["RESOLVED:", f"That {text}."]
    lines = ["RESOLVED: That:-"]
    for number, text in enumerate(parts, start=1):
        if number == len(parts):
            ending = "."
        elif number == len(parts) - 1:
            ending = "; and"
        else:
            ending = ";"
        lines.append(f"({number}) {text}{ending}")
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def item_removal_consequences(*, reports: int, documents: int, frozen: int) -> list[str]:
    """What removing an agenda item does, for its confirmation page."""
    papers = [
        _count(n, one, many)
        for n, one, many in (
            (reports, "report", "reports"),
            (documents, "uploaded PDF", "uploaded PDFs"),
            (frozen, "attached chart or table", "attached charts and tables"),
        )
        if n
    ]
    lines = ["The item is taken off the agenda and the items after it are renumbered."]
    if papers:
        lines.append(f"Its papers are deleted: {', '.join(papers)}. This cannot be undone.")
    else:
        lines.append("It has no papers.")
    lines.append("The removal is kept in the meeting's history.")
    return lines


def empty_minutes_caution(minutes: Sequence[tuple[int, str]]) -> str:
    """Before publishing: the minutes with neither text nor resolution, by number and title."""
    if not minutes:
        return ""
    names = join_names([f"Minute {number} ({title})" for number, title in minutes])
    verb, them = ("has", "it") if len(minutes) == 1 else ("have", "them")
    return (
        f"{names} {verb} no text and no resolution. Publish only if that is what the meeting "
        f"recorded; otherwise cancel and write {them}."
    )
