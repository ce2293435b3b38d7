"""Plain words for statuses, material types and amounts, as patrons read them."""

from __future__ import annotations

STATUS_WORDS = {
    "submitted": "received, and waiting for ILL staff to send it to a lending library",
    "awaiting_approval": "waiting for an approval before it goes further",
    "sent": "asked of a lending library, waiting for their answer",
    "shipped": "on its way to us from the lending library",
    "ready": "waiting for you at the pickup desk",
    "delivered": "ready for you to read or download",
    "checked_out": "checked out to you",
    "renewal_requested": "checked out to you; a renewal is waiting for the lender's answer",
    "returned": "returned, thank you",
    "completed": "finished",
    "unfilled": "closed: no library could lend it",
    "cancelled": "cancelled",
    "unclaimed": "sent back to the lender because it was not picked up",
    "expired": "closed: the access period for the copy has ended",
    "lost": "recorded as lost",
}

MATERIAL_WORDS = {
    "book": "book",
    "chapter": "chapter scan",
    "article": "article",
    "audiobook": "audiobook",
    "media": "DVD or other audiovisual item",
    "thesis": "thesis or dissertation",
    "textbook": "textbook",
    "periodical_issue": "whole journal issue or volume",
    "other": "item",
}


NOTICE_HEADLINES = {
    "request_received": "Request received",
    "needs_info": "A question about your request",
    "fee_approval": "A lender's charge needs your answer",
    "fee": "A lender's charge",
    "sent": "Asked of a lending library",
    "arrived": "Ready for pickup",
    "delivered": "Ready to read or download",
    "due_soon": "Due soon",
    "renewal_requested": "Renewal asked",
    "renewed": "Renewed",
    "renewal_denied": "Renewal not granted",
    "recalled": "Recalled by the lender",
    "overdue": "Overdue",
    "academic_hold": "Hold on your academic records",
    "billed": "Billed for replacement",
    "returned_unclaimed": "Sent back unclaimed",
    "privileges_suspended": "ILL privileges suspended",
    "unfilled": "Could not be filled",
    "cancelled": "Cancelled",
    "expired": "Access ended",
    "approved": "Approved",
}


def notice_headline(notice: str) -> str:
    """Return the short headline a notice starts with in Slack and email."""
    return NOTICE_HEADLINES.get(notice, notice.replace("_", " ").capitalize())


def status_words(status: str) -> str:
    """Explain a status in plain language."""
    return STATUS_WORDS.get(status, status.replace("_", " "))


def material_words(material: str) -> str:
    """Name a material type as a patron would."""
    return MATERIAL_WORDS.get(material, material.replace("_", " "))  # a library's own type


def money(cents: int | None) -> str:
    """Format cents as dollars: $0, $1.00, $12.50."""
    if not cents:
        return "$0"
    return f"${cents // 100}.{cents % 100:02d}"


def dollars(cents: int) -> int | float:
    """Return an amount as a JSON-friendly number of dollars: 0, 1, 12.5."""
    return cents // 100 if cents % 100 == 0 else cents / 100
