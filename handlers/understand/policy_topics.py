"""What a question about the library's ILL rules is on: "will it cost me anything" is cost.

A policy question is answered from the library's profile and changes nothing. It is read only
when the message names no item to get ("get me Sapiens, is it free?" stays a request). The
values are reading.POLICY_TOPICS. Questions in looser words are read by policy_words.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
KINDS = (
    r"(?:textbooks?|dvds?|blu-?rays?|movies?|films?|videos?|cds?|music|theses|thesis"
    r"|dissertations?|e-?books?|audio\s*-?books?|journals?|magazines?|newspapers?|articles?"
    r"|chapters?|new\s+releases?|games?|microfilms?|maps?|scores?|periodicals?|whole\s+issues?"
    r"|rare\s+books?|reference\s+books?|media|(?:whole|entire|full)\s+(?:journal\s+|magazine\s+)?"
    r"(?:issues?|volumes?))"
)
GROUPS = (
    r"(?:alumni|alums?|undergrads?|undergraduates?|(?:grad(?:uate)?\s+)?students?|visitors?"
    r"|visiting\s+scholars?|community\s+(?:members?|users?)|non-?students?|the\s+public|faculty"
    r"|staff|adjuncts?|guests?|(?:non-?)?residents?|retirees?|cardholders?|patrons?)"
)
_GENERIC = (  # what a rule question is about, as opposed to one request ("my book", "ILL-3")
    r"(?:ill|interlibrary(?:\s+loans?)?|inter-library\s+loans?|it|this|that|a\s+request|requests"
    r"|the\s+service|borrowing|requesting|an?\s+\w+|things|items|books|articles|scans|loans)"
)
# Checked in order: the first topic whose wording appears wins.
POLICY: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "owe",
        re.compile(
            r"\bwhat\s+(?:do\s+)?i\s+owe\b|\bdo\s+i\s+(?:still\s+)?owe\b|\bhow\s+much\s+(?:(?:do|will|would)\s+)?i\s+owe"
            r"|\b(?:my|an?)\s+(?:outstanding\s+|current\s+)?balance\b|\bamount\s+(?:that\s+)?i\s+owe"
            r"|\b(?:any|my)\s+(?:outstanding|unpaid|open)\s+(?:fees|charges|fines|bills?)"
            r"|\bdo\s+i\s+have\s+(?:any\s+)?(?:ill\s+)?(?:fees|charges|fines|bills?)\b",
            _I,
        ),
    ),
    (
        "overdue",
        re.compile(
            r"\bwhat\s+(?:happens|if|would\s+happen|will\s+happen)\s+(?:if|when)?\s*(?:\w+\s+){0,5}?"
            r"(?:late|overdue|(?:don't|do\s+not|can't|cannot|forget\s+to)\s+(?:return|bring)|lose"
            r"|lost|damage|damaged|miss\s+the\s+due|keep\s+it\s+(?:too\s+long|past))"
            r"|\b(?:late|overdue)\s+(?:fees?|fines?|charges?|penalt(?:y|ies)|policy|rules?)\b"
            r"|\b(?:i'?m|i\s+am|it'?s|it\s+is|they'?re)\s+(?:\w+\s+)?(?:late|overdue)\b[^?]*\bwhat\s+"
            r"(?:happens|now|do\s+i\s+do|should\s+i\s+do|are\s+the\s+consequences)"
            r"|\bare\s+there\s+(?:any\s+)?(?:late\s+)?fines\b|\bis\s+there\s+a\s+(?:late\s+)?(?:fine"
            r"|penalty)\b|\bif\s+(?:i'?m|it'?s|i\s+am|it\s+is|i\s+return\s+(?:it|them))\s+late\b"
            r"|\bloses?\s+(?:my\s+)?(?:ill\s+)?privileges",
            _I,
        ),
    ),
    (
        "renewal",
        re.compile(
            r"\bhow\s+many\s+(?:times\s+)?(?:can|may|could)\s+(?:i|you|we)\s+(?:\w+\s+)?renew"
            # "How far ahead of the due date do I ask for a renewal?", "if i ask to renew and ..."
            r"|\bhow\s+(?:far\s+ahead|early|soon|long\s+before)\b[^?]{0,60}\brenew\w*"
            r"|\bif\s+(?:i|we)\s+(?:ask|request|apply)\s+(?:to\s+|for\s+(?:a\s+)?)?renew\w*\b[^?]*\?"
            r"|\bhow\s+many\s+(?:times\s+)?renew(?:s|als?|ing)?\b"
            r"|\bhow\s+many\s+renewals|\brenewable\b|\brenewal\s+(?:policy|rules?|limits?|period|deadline)"
            r"|\b(?:limit|maximum|max|cap)\s+(?:on|to|of|for)\s+(?:the\s+number\s+of\s+)?renew\w*"
            rf"|\bcan\s+{_GENERIC}(?:\s+\w+)?\s+be\s+renewed\b"
            rf"|\b(?:can|may)\s+(?:i|you|we)\s+renew\s+(?:an?\s+)?(?:ill|interlibrary|{KINDS})\b(?!-?\s*\d)"
            r"|\brenew\s+(?:\S+\s+){0,5}?(?:more\s+than\s+once|twice|multiple\s+times|again\s+after)"
            r"|\b(?:can|could|may)\s+(?:i|you|we)\s+(?:still\s+)?renew\s+(?:it\s+|them\s+)?(?:if|when"
            r"|after|once)\s+(?!possible|you\s+can)"
            r"|\bis\s+(?:a\s+)?renewal\s+(?:possible|allowed)\b"
            r"|\bhow\s+(?:does|do)\s+renew(?:ing|als?)\s+work|\bhow\s+long\s+(?:is|are)\s+(?:a\s+)?"
            r"renewals?",
            _I,
        ),
    ),
    (
        "pickup",
        re.compile(
            # "how will i know when my book is ready to pick up"
            r"\bhow\s+(?:will|do|would|can)\s+i\s+(?:know|be\s+(?:told|notified|informed))\b[^?]{0,40}"
            r"\bready\b|"
            r"\bwhere\s+(?:do|can|should|will|would|to)\s+(?:i|we|you)?\s*(?:go\s+to\s+)?(?:pick\s+"
            r"(?:\S+\s+){0,4}?up|collect|pickup)\b"
            # someone else collecting ("My daughter will pick it up for me, is that alright?",
            # "can my roommate grab it for me?"), another place ("pick it up at the East Hills
            # branch instead?", "at the circulation desk or somewhere else?"), or by post/email
            r"|\b(?:my|a)\s+(?:\w+\s+)?(?:husband|wife|daughter|son|mom|mother|dad|father|partner"
            r"|roommate|friend|neighbou?r|sister|brother|caregiver|carer|spouse|kids?|child|assistant"
            r"|colleague|boyfriend|girlfriend|grand\w+|aide|TA)\s+(?:\w+\s+){0,2}?(?:pick|grab|collect|get)"
            r"\s+(?:it|them|the\s+\w+|my\s+\w+)\s+(?:up\s+)?(?:for\s+(?:me|us)|instead)\b"
            r"|\b(?:someone|somebody|anyone)\s+else\s+(?:to\s+)?(?:pick|collect|get)\b"
            r"|\bpick\s+(?:it|them)\s+up\s+(?:at|from|in)\b"
            r"|\bwhere\s+(?:do|will|can)\s+i\s+(?:get|find)\s+(?:my|the)\s+\w+\s+when\b"
            r"|(?<!been\s)\bbe\s+(?:e-?mailed|mailed|posted|sent|delivered|shipped)\s+(?:straight\s+|directly\s+)?"
            r"(?:to\s+)?(?:me|my\s+(?:house|home|office|address|email|inbox))\b"
            r"|\b(?:can|could|would|will)\s+(?:you|they)\s+(?:just\s+)?(?:mail|ship|send|deliver)\s+(?:it|them)\s+(?:to\s+)?(?:me|my\s+(?:house|home|office|address))\b"
            r"|\bhow\s+do\s+i\s+(?:pick\s+(?:\S+\s+){0,3}?up"
            r"|collect)\b|\bpick\s*-?\s*up\s+(?:location|point|desk|hours|place|options?)"
            r"|\bhow\s+(?:long|many\s+days)\s+(?:will|do|does|is|are|would)\s+(?:you|they|it|items?|books?"
            r"|holds?)"
            r"\s+(?:\w+\s+)?(?:hold|held|kept|keep|wait|on\s+the\s+(?:hold\s+)?shelf)"
            r"|\bhow\s+(?:long|many\s+days)\s+(?:do\s+i\s+have|have\s+i\s+got)\s+to\s+(?:pick"
            r"|collect|get)\b"
            r"|\b(?:mail|ship|post|send|deliver)(?:ed|ped|s|ing)?\s+(?:\w+\s+){0,3}?to\s+(?:my|your)\s+(?:home|house"
            r"|office|address|apartment)|\bhome\s+delivery\b|\bdo\s+you\s+(?:deliver|mail|ship)\b"
            r"|\bwhere\b[^?]*\b(?:get|gets|be|are|is)\s+(?:picked\s+up|collected)\b"
            r"|\bdelivery\s+options?\b"
            r"|\bcan\s+(?:someone|somebody|anyone|a\s+friend|my\s+\w+)(?:\s+else)?\s+(?:pick|collect)\b",
            _I,
        ),
    ),
    (
        "loan_period",
        re.compile(
            r"\bhow\s+long\s+(?:do|does)\s+(?:ill\s+|interlibrary\s+)?(?:loans?|checkouts?)\s+"
            r"(?:usually\s+|normally\s+|typically\s+)?last\b|"
            r"\bhow\s+long\s+(?:(?:can|do|will|may|could|would|should)\s+(?:i|we|you)|(?:i|we)\s+"
            r"(?:can|may|could|will|would|get\s+to))\s+(?:\w+\s+)?"
            r"(?:get\s+to\s+|be\s+able\s+to\s+|be\s+allowed\s+to\s+)?(?:keep|have|use|hold\s+on\s*to"
            r"|access|view|download|borrow)\b|\bloan\s+(?:period|length|duration|time)\b"
            r"|\bhow\s+long\s+(?:is|are)\s+(?:the\s+|a\s+|an\s+)?(?:ill\s+|interlibrary\s+)?"
            r"(?:loans?|checkouts?|borrowing\s+period)\b|\bhow\s+long\s+(?:is|will|does|do)\s+"
            r"(?:the\s+|a\s+|an\s+)?(?:scan|scanned\s+\w+|article|pdf|link|copy|e-?mail|access)s?"
            r"\s+(?:\w+\s+)?(?:be\s+|stay\s+)?(?:available|accessible|good|valid|last|work|open)"
            r"|\bhow\s+(?:many|much)\s+(?:days|weeks|time)\s+(?:can|do|will|may)\s+(?:i|we)\s+"
            r"(?:get\s+to\s+)?(?:keep|have|get)"
            r"|\bwhen\s+do\s+(?:i|we)\s+(?:have|need)\s+to\s+(?:return|give\s+back|bring\s+back)\s+"
            r"(?:ill|interlibrary|books|items|them)\b"
            r"|\bwhen\s+(?:are|is)\s+(?:ill|interlibrary|inter-library)\s+(?:\w+\s+){0,2}?due\b"
            r"|\b(?:usually|normally|typically)\s+due\b|\bdue\s+back\s+(?:usually|normally)\b"
            r"|\bhow\s+(?:many|much)\s+(?:days|weeks|months|time)\s+(?:is|are)\s+(?:the\s+|a\s+|an\s+)?"
            r"(?:ill\s+|interlibrary\s+)?(?:loans?|checkouts?)\b",
            _I,
        ),
    ),
    (
        "delivery_time",
        re.compile(
            rf"\bhow\s+long\s+(?:does|do|will|would|did|should|might)\s+{_GENERIC}\s+(?:\w+\s+){{0,2}}"
            r"(?:take|need)\b(?![^?]*\b(?:my|ill\s*-?\s*\d+|#\d+)\b)"
            r"|\bhow\s+(?:soon|quickly|fast)\s+(?:will|can|do|does|would|should)\s+(?:i|you|it|things"
            r"|items|books|articles|requests|they)\b(?![^?]*\bmy\b)"
            r"|\bhow\s+long\s+(?:til|till|until|before)\s+(?:stuff|things|items|books|articles|requests"
            r"|scans)\s+(?:\w+\s+)?(?:shows?\s+up|arrives?|comes?\s+in|gets?\s+here)"
            r"|\bhow\s+(?:soon|quickly|fast)\s+(?:will|can|do|does|would|should|are)\s+(?!my\b)"
            r"(?:\w+\s+){0,2}?(?:arrive|come|get\s+here|ship|be\s+(?:sent|delivered|ready)"
            r"|delivered|show\s+up)\b(?![^?]*\bmy\b)"
            r"|\bturn\s*-?around\b|\bwait(?:ing)?\s+times?\b|\bhow\s+long\s+(?:is|are)\s+the\s+waits?"
            r"|\bdelivery\s+(?:time|estimate|speed)s?\b|\bhow\s+many\s+(?:days|weeks)\s+(?:does|will"
            rf"|do)\s+{_GENERIC}\s+(?:usually\s+|normally\s+|typically\s+)?take"
            # "will it get here before Christmas if I ask today?": a request not yet made
            r"|\b(?:will|would|could|can)\s+(?:it|they|things|an?\s+\w+)\s+(?:get\s+here|arrive|come\s+in"
            r"|be\s+here|make\s+it)\b[^?]{0,40}?\bif\s+(?:i|we)\s+(?:ask|request|order|put\s+(?:it\s+)?in"
            r"|submit)"
            # "If I put in a request today, when could I expect it?"
            r"|\bif\s+(?:i|we)\s+(?:put\s+in|submit|make|place)\s+a\s+request\b[^?]{0,60}?"
            r"\b(?:when|how\s+(?:soon|long))\b",
            _I,
        ),
    ),
    (
        "cost",
        re.compile(
            r"\bhow\s+much\s+(?:does|do|will|would|is|are|did|might)\b|\bcost\s+(?:me\s+)?(?:anything"
            rf"|money|extra|something)\b|\b(?:does|will|would|is|are)\s+{_GENERIC}\s+(?:\w+\s+)?"
            r"(?:cost|free|charged?)\b|\bis\s+(?:there|it)\s+(?:a|any)\s+(?:fee|charge|cost)\b"
            r"|\bare\s+there\s+(?:any\s+)?(?:fees|charges|costs)\b"
            r"|\b(?:do|does|will|would|should)\s+(?:i|you|we|one|people|patrons|students)\s+"
            r"(?:have\s+to\s+|need\s+to\s+|ever\s+)?pay\b"
            r"|\b(?:will|would|do|does|am)\s+i\s+(?:be|get)\s+(?:charged|billed)\b|\bwho\s+pays\b"
            r"|\bwhat\s+(?:are|is)\s+the\s+(?:fees?|charges?|costs?|price)\b|\bfree\s+of\s+charge\b"
            r"|^\s*any\s+(?:fees|charges|costs)\s*\?|\bwhat\s+does\s+(?:it|ill|a\s+request)\s+cost"
            r"|\b(?:do|does|will|would)\s+(?:you|you\s+guys|y'?all|the\s+library|they|lenders?|other"
            r"\s+libraries)\s+charge\b|\bcharge\s+(?:for|to)\s+(?!my\b)",
            _I,
        ),
    ),
    (
        "limit",
        re.compile(
            r"\b(?:limit|maximum|max|cap|quota)\s+(?:on|to|of|for|per)\b|\bany\s+limits?\b"
            r"|\bis\s+there\s+a\s+(?:limit|maximum|max|cap)\b|\bmaximum\s+number\b|\bmax\s+number\b"
            r"|\bhow\s+many\s+(?!times|days|weeks|months|hours|renewals)(?:\w+\s+){0,3}?(?:(?:can|may"
            r"|could)\s+(?:i|we|you)|(?:i|we)\s+(?:can|may|could|am\s+allowed)|(?:am|are)\s+(?:i|we)"
            r"\s+allowed)\b|\bhow\s+many\s+(?!times|days|weeks|months|hours)(?:\w+\s+){0,4}"
            r"?(?:at\s+(?:a|one)\s+time|at\s+once|per\s+(?:week|month|term|semester|year)|allowed)"
            r"|\b(?:request|borrowing|item|loan)s?\s+limits?\b|\btoo\s+many\s+requests\b"
            r"|\b(?:can|may)\s+i\s+(?:request|borrow|have|get)\s+more\s+than\b"
            r"|\bthe\s+most\s+(?:\w+\s+)?(?:i|we)\s+(?:can|may|could)\b",
            _I,
        ),
    ),
    (
        "eligibility",
        re.compile(
            r"\bwho\s+(?:can|may|is\s+allowed\s+to|gets\s+to|is\s+able\s+to)\s+(?:use|request|borrow)"
            rf"|\b(?:am|are|is)\s+(?:i|we|{GROUPS})\s+(?:\w+\s+)?(?:eligible|allowed|able|permitted)"
            rf"|\b(?:can|may|do|does)\s+{GROUPS}\s+(?:also\s+)?(?:use|request|borrow|get|access"
            r"|qualify)\b|\beligib(?:le|ility)\b|\bdo\s+i\s+qualify\b|\bwho\s+qualifies\b"
            r"|\bcan\s+i\s+(?:even\s+)?use\s+(?:ill|interlibrary|the\s+ill|this(?:\s+service)?)\b"
            r"|\bcan\s+i\s+still\s+use\s+this\b"
            rf"|\b(?:i'?m|i\s+am)\s+(?:an?\s+)?{GROUPS}\b[^.?!]*\b(?:can|may|allowed|eligible|use)\b",
            _I,
        ),
    ),
    (
        "materials",
        re.compile(
            r"\bwhat\s+(?:kinds?|sorts?|types?)\s+of\s+(?:\w+\s+)?(?:things|items|materials?|stuff"
            r"|media|books|resources)\b|\bwhat\s+(?:can|may)\s+(?:i|we)\s+(?:request|borrow|order)\b"
            rf"|(?<!how\s)\b(?:can|could|may|do|does)\s+(?:i|we|you|ill)\s+(?:also\s+|even\s+)?"
            rf"(?:request|borrow|order|get|ask\s+for|lend|loan|ill|do|handle|offer)\s+(?:any\s+)?{KINDS}\b"
            rf"|(?<!how\s)\b(?:can|could|may)\s+(?:i|we)\s+(?:request|borrow|order|get|ask\s+for)\s+(?:an?\s+)?"
            r"(?:textbook|dvd|thesis|dissertation|e-?book|audio\s*-?book|movie|film|cd|magazine"
            r"|newspaper|(?:whole|entire)\s+(?:journal\s+)?(?:issue|volume))(?:\s+(?:through|via|with"
            r"|from|using)\s+(?:ill|interlibrary(?:\s+loans?)?|inter-library\s+loans?|another\s+library"
            r"|other\s+libraries))?\s*\??\s*$"
            rf"|\b(?:are|is)\s+{KINDS}\s+(?:\w+\s+)?(?:available|allowed|ok|okay|included|covered"
            r"|possible|requestable)\b"
            rf"|\b(?:possible|able|allowed)\s+to\s+(?:request|borrow|get|order)\s+(?:an?\s+|any\s+)?{KINDS}"
            # "can I borrow whole books or only articles?": which kinds may be asked for
            rf"|\b(?:whole\s+|entire\s+|full\s+)?(?:books|{KINDS})\s+or\s+(?:only\s+|just\s+)?"
            rf"(?:books|{KINDS})\s*\?",
            _I,
        ),
    ),
)


def policy_topic(text: str) -> str | None:
    """Return what a question about the ILL rules is on ("will it cost me anything": cost)."""
    return next((topic for topic, pattern in POLICY if pattern.search(text)), None)
