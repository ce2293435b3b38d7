"""What a message about something other than interlibrary loan is on: wifi, hours, a locker.

An off-topic message gets who to ask instead (the profile's contacts) and is never acted on,
even when it uses an ILL verb ("renew my museum pass", "request a locker"). The values are
reading.OFFTOPIC_TOPICS.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Off-topic subjects that are unmistakable on their own, in order.
SUBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "wifi",
        re.compile(r"\bwi[\s-]?fi\b|\bwireless\b|\binternet\b|\beduroam\b|\bguest\s+network", _I),
    ),
    (
        "fines_local",
        re.compile(
            r"\b(?:library|local)\s+fines?\b|\bfines?\s+on\s+my\s+(?:library\s+)?(?:card|account)"
            r"|\bpay\s+(?:my|a|the)\s+(?:library\s+)?fines?\b"
            r"|\bfines?\b[^.?!]{0,40}\b(?:regular|normal|local|non-?ill|(?:main|branch|campus)\s+library)\b"
            r"|\bfines?\b[^.?!]{0,40}\bnot\s+(?:an?\s+)?(?:ill|interlibrary)\b"
            r"|\b(?:regular|normal|local|non-?ill)\s+(?:library\s+)?(?:book|loan|item|checkout)s?\b"
            r"[^.?!]{0,40}\b(?:fines?|late\s+fees?)\b"
            r"|\b(?:late\s+fees?|overdue\s+fines?)\b[^.?!]{0,40}\b(?:regular|normal|local|non-?ill"
            r"|(?:library's|your)\s+own|branch|checkout|board\s+games?|picture\s+books?)\b"
            r"|\bfines?\b[^.?!]{0,40}\b(?:library's|your)\s+own\b"
            r"|\bfine\s+forgiveness\b|\bcollections?\s+(?:letter|agency|notice)\b"
            # "I have a $3 fine on a reserve book", "why do I have a fine for a book I returned":
            # a fine the patron has, on no interlibrary loan
            r"|\b(?:i\s+have|i'?ve\s+got|i\s+got|there'?s)\s+(?:an?\s+)?(?:\S+\s+)?fines?\b"
            r"(?![^.?!]*\b(?:ill|interlibrary|inter-library)\b)",
            _I,
        ),
    ),
    (
        "account",
        re.compile(
            r"\blibrary\s+(?:card|account|pin|membership)\b|\b(?:student|campus|staff|faculty|visitor|guest"
            r"|photo)\s+(?:id|card|pass)\b|\bid\s+card\b|\b(?:log\s*(?:in|into|on)|login|sign\s*in"
            r"|locked\s+out)\b|\b(?:reset|forgot|change)\s+(?:my\s+)?(?:password|pin)\b"
            r"|\b(?:my|library)\s+pin\b|\bpassword\b"
            r"|\b(?:update|change)\s+(?:my\s+)?(?:mailing\s+|home\s+|e-?mail\s+)?address\b"
            r"|\baddress\s+on\s+(?:my\s+)?(?:library\s+)?(?:card|account|file)\b"
            # "renew my regular library books, not the interlibrary ones": the patron's own loans
            r"|\brenew\b[^.?!]{0,30}\b(?:regular|normal|local)\s+(?:library\s+)?(?:books?|loans?"
            r"|items?|checkouts?)\b",
            _I,
        ),
    ),
    (
        "printing",
        re.compile(
            r"\bprint(?:ing)?\s+(?:in\s+colou?r|my|out|off|double|single|a\s+(?:page|document|paper"
            r"|essay|file|boarding)|something|documents?|pages?|from|on|account|credits?|quota)\b"
            r"|\bprinters?\b|\bprinting\b|\bprint\s+jobs?\b|\bfree\s+prints\b|\bprint\s+an?\s+\d+\s+page|\bcan\s+i\s+print\b|\bwhere\s+(?:can|do)\s+i\s+print\b"
            r"|\bphotocop\w*|\bcopiers?\b|\bcopy\s+machines?\b|\bscanners?\b",
            _I,
        ),
    ),
    (
        "rooms",
        re.compile(
            r"\b(?:study|group|meeting|quiet|conference|private|seminar|zoom|reading)\s+(?:rooms?"
            r"|spaces?|areas?|carrels?|pods?)\b|\b(?:reserve|book)\s+(?:a\s+)?(?:room|space|table"
            r"|carrel)\b|\b(?:reserve|book)\s+(?:the|our)\s+(?:[\w'’-]+\s+)?(?:room|space)\b"
            r"|\bquiet\s+(?:place|spot|floor|zone)\b|\bplace\s+to\s+study\b"
            r"|\broom\s+(?:booking|reservation)s?\b",
            _I,
        ),
    ),
    (
        "parking",
        re.compile(
            r"\bparking\b|\b(?:parking|car|campus)\s+(?:permit|pass)\b|\bpermit\b|\bgarage\b"
            r"|\bwhere\s+(?:do|can|should|may)\s+(?:i|we|you|visitors|guests|students|people)\s+park\b"
            r"|\b(?:can|may)\s+(?:i|we)\s+park\b|\blot\s+(?:behind|next\s+to|near|by|across|outside)\b",
            _I,
        ),
    ),
    (
        "hours",
        re.compile(
            r"\b(?:opening|library|open|closing|business|weekend|holiday|summer|finals?|your)\s+hours"
            r"\b|\bwhat\s+(?:are\s+)?(?:the\s+)?hours\b|\bwhat\s+time\s+(?:do|does|is|are|will)\s+"
            r"(?:you|the\s+library|it|the\s+building|y'?all)\s+(?:\w+\s+)?(?:open|close)"
            r"|\bwhen\s+(?:do|does|is|are|will)\s+(?:you|the\s+library|the\s+building|y'?all)\s+"
            r"(?:guys\s+)?(?:open|close|closing|opening)|\b(?:are|is)\s+(?:you|the\s+library"
            r"|the\s+building|y'?all)\s+(?:\w+\s+)?(?:open|closed)\b|\bopen\s+(?:on|until|till"
            r"|today|tomorrow|late|this|over|during|24)\b|\bclose[sd]?\s+(?:today|tonight|tomorrow"
            r"|early|at)\b|\bdo\s+you\s+(?:work|open)\s+(?:on\s+)?(?:weekends|sundays?|saturdays?"
            r"|holidays)",
            _I,
        ),
    ),
    (
        "events",
        re.compile(
            r"\b(?:what|any|upcoming)\s+events\b|\bevents?\s+(?:registrations?|sign-?ups?|tickets?|rsvps?)\b|\bevents?\s+(?:calendar|schedule|this|next|tonight"
            r"|today|at\s+the\s+library)\b|\bworkshops?\b|\bstory\s*time\b|\bbook\s+club\s+(?:meeting"
            r"|meets|schedule|sign-?ups?|registration)\b"
            r"|\b(?:register|sign\s+up|rsvp)\s+(?:for\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}?events?\b"
            r"|\bauthor\s+(?:talks?|visits?|events?|readings?|signings?)\b"
            r"|\bbook\s+sales?\b|\bfriends\s+of\s+the\s+library\b|\bsignings?\b|\blectures?\b|\b(?:join|any|start)\s+(?:a\s+|the\s+)?book\s+clubs?\b"
            r"|\bbook\s+clubs?\s+(?:i|to|we)\s+(?:can\s+)?join\b|\bsign\s+up\s+for\s+(?:a|the|an)\s+(?:\w+\s+)?(?:workshop|event"
            r"|class|program|session|tour)",
            _I,
        ),
    ),
    (
        "catalog",
        re.compile(
            r"\b(?:find|locate)\s+(?!it\b|them\b|this\b|that\b)(?:the\s+|some\s+)?(?:\w+\s+){0,2}?"
            r"(?:in|at)\s+(?:the|this|your)\s+library\b|\bcatalog(?:ue)?\b|\bcall\s+numbers?\b|\bon\s+the\s+shel(?:f|ves)\b|\bstacks\b"
            r"|\bdatabases?\b|\b(?:in|on)\s+the\s+library\s+search\b|\brecommend\s+(?:a|an|some|me|any)\b|\b(?:book\s+)?recommendations?\b|\bwhich\s+floor"
            r"|\bwhere\s+(?:is|are|do\s+i\s+find|can\s+i\s+find)\s+(?:the\s+)?(?:\w+\s+){0,2}?section\b"
            # holds on the library's own books: "put a hold on a book you already have"
            r"|\b(?:put|place)\s+(?:a\s+)?hold\b|\bmy\s+hold\s+on\b|\b(?:you|the\s+library)\s+already"
            r"\s+(?:have|has|own)\b",
            _I,
        ),
    ),
)

# Things a library may lend or run that are not interlibrary loans, or no library's at all:
# "request a locker", "renew my museum pass", "can I borrow a laptop charger".
_OTHER_THINGS = (
    r"museum\s+pass(?:es)?|lockers?|laptops?|chargers?|umbrellas?|staplers?|calculators?"
    r"|headphones?|meal\s+plan|memberships?|subscriptions?|netflix|spotify|gym|passport"
    r"|appointments?|coffee|tea|snacks?|food|pizza|lunch|bike|tickets?|lease|insurance|phone"
    r"|visa|car|prescription|reservation|seat|tablet|ipad|camera|tripod|projector|cable"
    r"|hotspot|shuttles?|adapter|whiteboard|markers?|bathroom|restroom|toilets?|vending\s+machine|water"
    r"|dog|cat|pet|weather|pass|lost\s+and\s+found|chromebooks?|meeting|interview|tour|bus\s+pass|ride"
    r"|sessions?|lessons?|tutoring|registration|enrollment|classes"
)
THING = re.compile(rf"\b(?:{_OTHER_THINGS})\b", _I)
_ACT_ON_THING = re.compile(
    r"\b(?:renew|extend|cancel|request|reserve|get|borrow|rent|check\s+out|order|need|want|have"
    r"|find|book)\s+(?P<object>(?:me\s+)?(?:a|an|my|our|the|some|one|this|that)?\s*"
    r"(?:[\w'’-]+\s+){0,2}?"
    rf"(?P<thing>{_OTHER_THINGS}))\b",
    _I,
)
# "renew my student ID", "cancel my dentist thing": an action on something of the patron's that
# no library lends (lower-case words, no library noun) is not about loans.
_ACT_ON_MINE = re.compile(
    r"\b(?:renew|extend|cancel)\s+(?:my|our)\s+(?P<thing>(?-i:[a-z][a-z'-]*)(?:\s+(?-i:[a-z]"
    r"[a-z'-]*|ID|ID's)){0,2})\s*[.!?]*$",
    _I,
)
# "status of my financial aid", "track my amazon package", "is my housing application approved":
# asking after something of the patron's that is no library loan (lower-case words).
_STATUS_OF_MINE = re.compile(
    r"(?:\bstatus\s+(?:of|on|for)|\btrack|\bwhere\s+is|\bwhere's|\bupdates?\s+on|\bnews\s+on"
    r"|^\s*is)\s+(?:my|our)\s+(?P<thing>(?-i:[a-z][a-z'-]*)(?:\s+(?-i:[a-z][a-z'-]*)){0,4}?)"
    r"(?:\s+(?:approved|ready|done|processed|finished|through|accepted))?\s*[,.!?]*"
    r"(?:\s+(?:it\s+says\s+\w+|yet|already|pls|please))?\s*[.!?]*$",
    _I,
)
# What is asked after about such a thing, which names no library thing by itself.
_ABOUT_THING = re.compile(
    r"\s+(?:requests?|applications?|renewals?|bookings?|appeals?|repairs?|orders?|packages?)$", _I
)
# The loan, booking or request of such a thing is still about the thing: "my laptop loan".
_THING_SERVICE = re.compile(
    rf"\b(?:{_OTHER_THINGS})\s+(?:loans?|requests?|rentals?|orders?|renewals?|bookings?"
    r"|reservations?)\b",
    _I,
)
_CLAUSE_END = re.compile(r"[.?!;,\n]")
_NAMED_ONE = re.compile(r"\b(?:the|my|that)\s+(?:[\w'’-]+\s+){1,5}?one\b", _I)
LIBRARY_THING = re.compile(
    r"\b(?:books?|articles?|loans?|requests?|items?|ill|ills|interlibrary|dvds?|chapters?"
    r"|cop(?:y|ies)|titles?|thesis|textbooks?|journals?|orders?|renewals?|scans?|novels?"
    r"|audiobooks?|ebooks?|papers?)\b",
    _I,
)


def subject(text: str) -> str | None:
    """Return the off-topic subject a message names outright (wifi, hours, printing, ...)."""
    return next((topic for topic, pattern in SUBJECTS if pattern.search(text)), None)


def acts_on_other_thing(text: str) -> bool:
    """Tell whether an action word is aimed at something that is not a library loan."""
    thing = _ACT_ON_THING.search(text)
    if thing:
        clause = _CLAUSE_END.split(text[thing.start("object") :], maxsplit=1)[0]
        clause = _THING_SERVICE.sub(" ", clause)  # "my laptop loan" is the laptop's
        # "renew the Pete the Cat one": a request named by its title words, not a cat
        if not LIBRARY_THING.search(clause) and not _NAMED_ONE.search(clause):
            return True
    mine = _ACT_ON_MINE.search(text)
    if mine and not LIBRARY_THING.search(mine.group("thing")):
        return True
    asked = _STATUS_OF_MINE.search(text)
    if asked:
        # "my request", "my package" alone may be the loan itself: only a named thing counts
        named = _ABOUT_THING.sub("", f" {asked.group('thing')}").strip()
        return bool(named) and not LIBRARY_THING.search(named)
    return False


def names_other_thing(text: str) -> bool:
    """Tell whether the message names a non-loan thing and no library thing ("the bathroom")."""
    thing = THING.search(text)
    if not thing:
        return False
    # "renew the Pete the Cat one": a capitalised thing inside "the ... one" is a title's word
    named = thing.group(0)[:1].isupper() and _NAMED_ONE.search(text)
    return not (LIBRARY_THING.search(THING.sub(" ", text)) or named)


# Places with opening hours of their own: "is the cafe open until 8?" is not about the library's.
_OTHER_PLACE = re.compile(
    r"\b(?:caf[eé]s?|cafeteria|coffee\s+shop|gym|pool|book\s*store|dining\s+hall|store|shop"
    r"|restaurant|bank|post\s+office|pharmacy|clinic|health\s+center|bursar|registrar)\b",
    _I,
)
# A message that asks for something or reports a problem, rather than remarking on it.
ASKING = re.compile(
    r"\?|^\s*(?:what|what's|whats|how|why|when|where|where's|who|which|is|are|can|could|do|does"
    r"|will|would|should|may|any|please|pls)\b|\b(?:can|could|would|will)\s+(?:you|i|we|u)\b"
    r"|\b(?:i|we)\s+(?:need|want|would\s+like|'d\s+like)\b|\b(?:missing|lost|broken|jammed|stolen"
    r"|not\s+working|doesn't\s+work|does\s+not\s+work|won't\s+work|out\s+of\s+\w+|keeps?\s+\w+ing)\b",
    _I,
)


_NOT_A_LOAN = re.compile(r"\bbook\s+(?:clubs?|groups?|sales?)\b", _I)
# "renew the books I checked out from your Main Street branch (not interlibrary loan)": the
# patron says the loans are the library's own, books or not.
_OWN_LOANS = re.compile(
    r"\b(?:renew|extend)\b[^.?!]{0,80}\(?\s*(?:they'?re\s+|it'?s\s+|these\s+are\s+)?not\s+"
    r"(?:an?\s+)?(?:ill|interlibrary|inter-library)(?:\s+loans?)?\s*\)"
    r"|\b(?:renew|extend)\b[^.?!]{0,60}\b(?:i|we)\s+checked\s+out\s+(?:from|at)\s+(?:your|the)\s+"
    r"(?:[\w'’-]+\s+){0,3}?branch\b"
    # "renew the regular books I checked out here at the library": the library's own loans
    r"|\b(?:renew|extend)\b[^.?!]{0,30}\b(?:regular|normal|local)\s+(?:library\s+)?(?:books?"
    r"|loans?|items?|checkouts?)\b|\b(?:renew|extend)\b[^.?!]{0,60}\b(?:i|we)\s+(?:checked\s+out"
    r"|borrowed)\s+(?:here|in\s+person|at\s+the\s+(?:library|desk|front\s+desk|branch))\b",
    _I,
)
# "a fine on a book i borrowed here not ill", "I have a 3 dollar fine on a library book": a fine
# the patron says is on the library's own loan, whatever ILL words are in the message.
_OWN_FINES = re.compile(
    r"\bfines?\b[^.?!]{0,40}\bnot\s+(?:an?\s+)?(?:ill|interlibrary|inter-library)\b"
    r"|\b(?:i\s+have|i'?ve\s+got|i\s+got|there'?s)\s+(?:an?\s+)?(?:\S+\s+){0,2}fines?\s+(?:on|for)"
    r"\s+(?:a|my|the)\s+(?:library|regular|local)\s+(?:book|dvd|item)s?\b"
    r"(?![^.?!]*\b(?:ill|interlibrary|inter-library)\b)",
    _I,
)
# "Libby won't let me borrow ebooks": a trouble with the library's own e-lending app.
_OWN_APP_TROUBLE = re.compile(
    r"\b(?:libby|overdrive|hoopla|kanopy|cloudlibrary)\b[^.?!]{0,40}\b(?:won'?t|doesn'?t|isn'?t"
    r"|not\s+working|can'?t|error|broken|crash\w*|keeps)",
    _I,
)


def offtopic_topic(text: str, *, acting: bool) -> str | None:
    """Return what a message about something other than ILL is on, or None if it is about ILL.

    `text` has the titles the patron named blanked out ("get me Parking Wars" is a request);
    `acting` says an ILL action word appears: then a subject only counts when no library
    thing is named too ("is my book in? and when do you close?" is about the book).
    """
    if _OWN_LOANS.search(text):
        return "account"
    if _OWN_FINES.search(text):
        return "fines_local"
    if _OWN_APP_TROUBLE.search(text):
        return "other"
    topic = subject(text)
    # "a meeting room for our book club": the club names no loan
    library_thing = LIBRARY_THING.search(_NOT_A_LOAN.sub(" ", text))
    if topic and not (acting and library_thing):
        return "other" if topic == "hours" and _OTHER_PLACE.search(text) else topic
    if acts_on_other_thing(text):
        return "other"
    if ASKING.search(text) and names_other_thing(text):
        return "other"
    return None
