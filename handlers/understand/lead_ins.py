"""The request wordings that lead into an item: "can you get me", "I need", "please order".

phrasing reads the object after them; intent, actions and certainty ask only where one starts.
"""

from __future__ import annotations

import re

from handlers.understand import issues

_VERB = (
    r"(?:get|grab|find|order|request|borrow|obtain|locate|source|send(?:\s+(?:away\s+)?for)?"
    r"|track\s+down|ill|scan"
    r"|photocopy|procure)"
)
_ME = r"(?:\s+(?:me|us|for\s+me|for\s+us))?"
LEAD_IN = re.compile(
    r"\b(?:"
    rf"(?:can|could|would|will|might|may)\s+(?:you|u|yu|ya|ill|the\s+library|someone|somebody)\s+(?:guys\s+)?"
    rf"(?:please\s+|pls\s+|plz\s+|kindly\s+)?(?:also\s+|just\s+|maybe\s+|possibly\s+)?"
    # "might you be able to find ...", "would you be able to get ..."
    rf"(?:be\s+able\s+to\s+)?"
    rf"(?:help\s+me\s+)?(?:{_VERB}|look\s+for|search\s+for){_ME}"
    rf"|(?:please|pls|plz|kindly)\s+{_VERB}{_ME}"
    # ("Our department would like the full issue of ..."; not "would you like")
    # ("I'm taking CRJ 325 and would like ...": the subject said before "and")
    r"|(?:(?:i|we)\s*(?:'d|’d|\s+would)|^would|(?<=department\s)would|(?<=office\s)would"
    r"|(?<=\band\s)would|(?<=\bbut\s)would|(?<=\bso\s)would"
    r"|(?<=team\s)would|(?<=club\s)would|(?<=class\s)would|(?<=lab\s)would)\s+(?:like|love)"
    r"(?:\s+to\s+(?:request|borrow|get|order|have|read|see|obtain|loan))?"
    # "any chance you could grab ...", "I was wondering if you could get ..."
    r"|(?:chance|wondering\s+if|hoping|hope|think|maybe)\s+(?:you|u)\s+(?:could|can|might|would)\s+"
    rf"(?:possibly\s+|please\s+|kindly\s+)?{_VERB}{_ME}"
    # Wordings of writers whose first language is not English: "I kindly ask for the book X",
    # "I search the book X", "I am wanting to borrow X".
    r"|(?:i|we)\s+(?:kindly\s+|would\s+)?(?:ask|am\s+asking|are\s+asking)\s+(?:you\s+)?for"
    # "a short note to ask for X", "I want to ask for the audiobook of X"
    r"|(?:want|like|wish|note|writing|write|here)\s+to\s+(?:kindly\s+)?ask\s+(?:you\s+)?for"
    r"|(?:i|we)\s+(?:search|seek|am\s+searching|am\s+seeking)(?:\s+for)?"
    r"|(?:i'?m|i\s+am|we\s+are)\s+(?:wanting|wishing)\s+to\s+(?:borrow|get|request|order|read|loan)"
    r"|(?:i|we)(?:'ll|’ll|\s+will|'d|’d|\s+would)?\s+(?:really\s+|also\s+|urgently\s+|still\s+)?(?:need|want|require)"
    r"(?:\s+to\s+(?:request|borrow|get|order|read|see|obtain))?"
    # "Want to request X", "need to borrow X": the subject left out, as in a quick note
    r"|^\s*(?:(?:hi|hello|hey)\s*[,!.]*\s+)?(?:want|wanted|need|needing|would\s+like)\s+to\s+(?:request|borrow|get|order|obtain)"
    r"|(?:i'?m|i\s+am|we'?re|we\s+are)\s+writing\s+to\s+(?:request|ask\s+for|order|borrow)"
    r"|(?:if|whether)\s+(?:you|u)\s+(?:could|can|would|might)\s+(?:please\s+)?(?:help\s+me\s+)?"
    rf"(?:{_VERB}|look\s+for){_ME}"
    r"|(?:i'?m|i\s+am|we'?re|we\s+are|i\s+was|we\s+were)\s+(?:looking|searching|hoping|trying)\s+"
    r"(?:for|to\s+(?:get|borrow|find|request|read))|(?:i'?m|i\s+am|we'?re)\s+after"
    r"|looking\s+for|requesting|(?:quick\s+)?request\s*:\s*"
    # "wondered if it's possible to borrow 5 copies of X", "our book group is hoping for X"
    r"|(?:possible|able)\s+to\s+(?:borrow|get|order|request|obtain)|(?<=\s)hoping\s+for"
    r"|(?:can|could|may)\s+(?:i|we)\s+(?:now\s+|also\s+|then\s+)?(?:please\s+)?"
    r"(?:get|have|request|borrow|order|ask\s+for)"
    r"|help\s+me\s+(?:to\s+)?(?:find|get|locate|borrow|order|request)"
    # "my son wants ...", "my kids want ...": a household member's wish, asked for them
    r"|(?:^|\b(?:and|but|so)\s+)(?:my|our)\s+(?:son|daughter|kids?|child(?:ren)?|husband|wife|mom|mother"
    r"|dad|father|partner|grand(?:son|daughter|kids?|child(?:ren)?)|students?|class)\s+"
    r"(?:really\s+)?(?:wants?|needs?|would\s+(?:like|love))"
    # non-native wordings: "I am looking the book X", "Please to order for me X", "is possible
    # you bring for me X"
    r"|(?:i'?m|i\s+am|we\s+are)\s+looking\s+(?=(?:the|a|an)\s)"
    rf"|please\s+to\s+{_VERB}{_ME}"
    r"|(?:is\s+)?possible\s+(?:you|u)\s+(?:can\s+|could\s+)?(?:bring|get|find|order|borrow|send)"
    r"(?:\s+(?:for\s+)?(?:me|us))?"
    r"|do\s+you\s+(?:guys\s+|all\s+)?have"
    r"|(?:is|would)\s+(?:it\s+)?(?:be\s+)?possible\s+to\s+(?:get|borrow|request|order)"
    r"|is\s+there\s+(?:any\s+)?way\s+to\s+(?:get|borrow|request|order)"
    r"|(?:make|place|put\s+in|submit|file|start)\s+(?:a|an)\s+(?:new\s+)?"
    r"(?:ill\s+|interlibrary[\s-]+loan\s+)?request\s+for"
    r"|(?:ill|interlibrary[\s-]+loan)\s+(?:request\s+)?(?:for|of)"
    r"|(?<!my\s)(?<!the\s)(?<!your\s)(?<!this\s)(?<!that\s)request\s+for"
    rf"|^(?:get|find|order|request|borrow|send){_ME}"
    r"|(?:^(?:(?:hi|hey|hello|ok|okay)\b[\s!,.]*)?(?:just\s+|really\s+|also\s+|still\s+)?|\band\s+)"
    r"(?:need|want)"
    # "chapter 2 of ...", "a scan of pp. 10-20 from ...": the part to copy, asked for by itself.
    r"|^(?:(?:hi|hello|hey)\b[\s,!.]*)?(?:just\s+|only\s+)?(?:an?\s+)?(?:(?:scan|copy|pdf|photocopy)(?:\s+of)?\s+)?"
    r"(?=(?:chapters?|ch\.|pp?\.?|pages?)\s*\d[^?!\n]{0,40}?\s(?:of|from|in)\s)"
    # "the whole issue of The Atlantic from March 2024", "Criminology vol. 59, the whole issue"
    rf"|{issues.ISSUE_ASKED}"
    r")\b",
    re.IGNORECASE,
)


def lead_in_at(text: str) -> int | None:
    """Return where the first request wording ("get me", "I need") starts, if any."""
    lead = LEAD_IN.search(text)
    return lead.start() if lead else None
