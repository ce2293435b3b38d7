"""The parameters of every check kind the seed profiles use, and the effects each may have.

Each kind is a pydantic model (unknown keys are mistakes) registered with `policy.kinds.define`;
`policy/validate.py` checks every rule against its kind's model when a profile loads, then fills
in the defaults, so a check can rely on `rule.params["days"]` being there and being a number.

A list parameter that names things the profile declares carries a `Names` marker, so the
validator checks each name against the profile's categories, materials, holding statuses, the
request statuses or the notice types. New kinds elsewhere use the same aliases (`Categories`,
`Materials`, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator

from policy.kinds import NOTICE_WORDS, NoParams, Params, define

# Every status a request can be in (store/ledger.py: OPEN_STATUSES + FINISHED_STATUSES; a test
# keeps them equal). Policy never imports the store, so the names are repeated here.
REQUEST_STATUSES = (
    "submitted", "awaiting_approval", "sent", "shipped", "ready", "delivered", "checked_out",
    "renewal_requested", "returned", "completed", "cancelled", "unfilled", "unclaimed", "expired",
    "lost",
)  # fmt: skip


@dataclass(frozen=True)
class Names:
    """Marks a parameter whose values must be names the profile knows (see VOCABULARIES)."""

    vocabulary: str  # categories, materials, holding_statuses, request_statuses or notices


# What each vocabulary is called in a message, and where its names come from.
VOCABULARIES = {
    "categories": "patron category",
    "materials": "material type",
    "holding_statuses": "holding status",
    "request_statuses": "request status",
    "notices": "notice type",
}

Categories = Annotated[
    list[str],
    Names("categories"),
    Field(description='a list of patron categories, like ["faculty"]'),
]
Materials = Annotated[
    list[str], Names("materials"), Field(description='a list of material types, like ["book"]')
]
HoldingStatuses = Annotated[
    list[str],
    Names("holding_statuses"),
    Field(description='a list of holding statuses, like ["missing"]'),
]
RequestStatuses = Annotated[
    list[str],
    Names("request_statuses"),
    Field(description='a list of request statuses, like ["shipped"]'),
]
NoticeTypes = Annotated[
    list[str], Names("notices"), Field(description='a list of notice types, like ["arrived"]')
]
NoticeType = Annotated[str, Names("notices"), Field(description='a notice type, like "overdue"')]
Days = Annotated[int, Field(ge=0, description="a number of days")]
Months = Annotated[int, Field(ge=1, description="a number of months")]
Years = Annotated[int, Field(ge=1, description="a number of years")]
Count = Annotated[int, Field(ge=0, description="a whole number")]
Cents = Annotated[int, Field(ge=0, description="an amount in cents, like 100 for $1.00")]
Terms = Annotated[
    list[list[str]] | None,
    Field(description='a term calendar, like [["Spring", "01-01", "05-15"], …]'),
]

REFUSALS = ("refuse", "hold")  # a refusal a library may soften into "staff decide"
LIMITS = ("refuse", "hold", "warn")


class CategoriesOnly(Params):
    """eligibility.refuse, eligibility.clearance: the categories the rule is about."""

    categories: Categories


class AllowedCategories(Params):
    """eligibility.category: the only categories that may use ILL."""

    allow: Categories


class RegistrationForm(Params):
    """eligibility.registration: the form's fields, asked for in the reply."""

    fields: Annotated[
        list[str], Field(description='a list of the form\'s fields, like ["email"]')
    ] = Field(default_factory=list)


class CategoryMaterials(Params):
    """eligibility.materials: these categories may request only these materials."""

    categories: Categories
    materials: Materials


class MaterialsOnly(Params):
    """material.refuse, renew.material: the material types the rule is about."""

    materials: Materials


class LocalHoldings(Params):
    """holdings.local: refuse what the library holds, unless its copy has one of these statuses."""

    unless: HoldingStatuses = Field(default_factory=list)
    book_club_exception: Annotated[bool, Field(description="true or false")] = False


class HoldingStatusesOnly(Params):
    """holdings.status: the local holding statuses that send the patron elsewhere."""

    statuses: HoldingStatuses


class RuleOfFive(Params):
    """copyright.rule_of_five: at most `per_year` articles a year from one recent periodical."""

    per_year: Count
    recent_years: Years


class DaysOnly(Params):
    """A number of days (before the due date, after it, from delivery …)."""

    days: Days


class NewRelease(Params):
    """material.new_release: these materials published in the last `months` months."""

    materials: Materials
    months: Months


class CountInMonths(Params):
    """privileges.unclaimed, overdue.repeated: `count` times within `months` months."""

    count: Count
    months: Months


class Maximum(Params):
    """A maximum number (requests a week, loans held, renewals …)."""

    max: Count


class MonthsOnly(Params):
    """textbook.per_months: one in every `months` calendar months."""

    months: Months


class PerTermFee(Params):
    """fee.per_term: `free` requests a term, then `fee_cents` each (terms: the profile's)."""

    free: Count
    fee_cents: Cents
    exempt: Categories = Field(default_factory=list)
    excluded: Materials = Field(default_factory=list)
    terms: Terms = None


class PassThrough(Params):
    """fee.pass_through: the patron pays the lender's whole charge for these materials."""

    materials: Materials
    exempt: Categories = Field(default_factory=list)


class LenderCap(Params):
    """fee.lender_cap: the library pays a lender's charge up to `cap_cents`."""

    cap_cents: Cents
    exempt: Categories = Field(default_factory=list)
    excluded: Materials = Field(default_factory=list)


class AutoRenewal(Params):
    """schedule.auto_renewal: the first renewal asked `days` before the due date."""

    days: Days
    excluded: Materials = Field(default_factory=list)


class OverdueStep(Params):
    """schedule.overdue: one step of the overdue ladder."""

    days: Days
    notice: NoticeType
    action: (
        Annotated[
            Literal["academic_hold", "bill", "suspend", "staff_task", "none"],
            Field(description="what else happens at this step"),
        ]
        | None
    ) = None
    after: Annotated[
        Literal["due", "previous"], Field(description="what `days` is counted from")
    ] = "due"
    task: Annotated[str, Field(description='the staff task, like "Phone the patron"')] = ""
    min_cents: Cents = 0

    @model_validator(mode="after")
    def _task_with_staff_task(self) -> OverdueStep:
        if self.action == "staff_task" and not self.task.strip():
            raise ValueError('action "staff_task" needs task = "…" (the work staff are given)')
        if self.task and self.action != "staff_task":
            raise ValueError('task is only for action = "staff_task"')
        if self.min_cents and self.action != "bill":
            raise ValueError('min_cents is only for action = "bill"')
        return self


class CancelStatuses(Params):
    """cancel.refuse_status: the request statuses in which cancelling is refused."""

    statuses: RequestStatuses


class InfoNotices(Params):
    """info: the notices the rule's words are added to."""

    notices: NoticeTypes = Field(default_factory=list)


class PurchaseSuggestion(Params):
    """unfilled.purchase_suggestion: unfilled for these reasons, not these materials."""

    reasons: Annotated[list[str], Field(description='a list of reasons, like ["too_new"]')]
    excluded: Materials = Field(default_factory=list)


# Request-time kinds (policy/checks.py, policy/limits.py, policy/fees.py).
define("eligibility.registration", RegistrationForm, ("ask",))
define("eligibility.refuse", CategoriesOnly, REFUSALS)
define("eligibility.category", AllowedCategories, REFUSALS, words=("category",))
define("eligibility.standing", NoParams, REFUSALS)
define("eligibility.materials", CategoryMaterials, REFUSALS, words=("material",))
define("eligibility.clearance", CategoriesOnly, ("hold",), words=("reason",))
define("material.refuse", MaterialsOnly, REFUSALS, words=("material",))
define("material.new_release", NewRelease, ("warn", "refuse", "hold"), words=("year",))
define("holdings.local", LocalHoldings, REFUSALS, sometimes=("book_club",))  # the exception
define("holdings.status", HoldingStatusesOnly, REFUSALS)
define("holdings.ask_print", NoParams, ("ask",), sometimes=("declined",))  # no print copy
define("request.duplicate", NoParams, ("refuse",))
# Without a copyright.action rule the library accepts and pays royalties; that rule decides.
define("copyright.rule_of_five", RuleOfFive, ("warn",))
define("ask.need_by", NoParams, ("ask",))
define("ask.max_cost", NoParams, ("ask",))
define("warn.need_by_short", DaysOnly, ("warn",))
# Shown in the refusal, and in the notice that tells of it (as are fee.pass_through's words).
define("privileges.overdue", DaysOnly, ("refuse",), notices=("privileges_suspended",),
       words=("overdue",), sometimes=NOTICE_WORDS)  # fmt: skip
define("privileges.unclaimed", CountInMonths, REFUSALS, sometimes=NOTICE_WORDS)
define("limit.per_week", Maximum, LIMITS, words=("week_ends",))
define("limit.loans_held", Maximum, LIMITS)
define("textbook.per_months", MonthsOnly, REFUSALS, words=("last", "next_allowed"))
define("textbook.title_yearly", Maximum, REFUSALS)
define("fee.per_term", PerTermFee, ("fee",), notices=("fee",), words=("term",))
define("fee.pass_through", PassThrough, ("fee",), notices=("fee",), words=("material",),
       sometimes=NOTICE_WORDS)  # fmt: skip
define("fee.lender_cap", LenderCap, ("fee",), notices=("fee",), words=NOTICE_WORDS)
define("fee.authorized", NoParams, ("fee",), notices=("fee", "fee_approval"), words=NOTICE_WORDS)
define("fee.over_stated_maximum", NoParams, ("fee",), notices=("fee_approval",), words=NOTICE_WORDS)

# Renewal and cancel kinds (policy/loans.py); a renewal's reply gives every one the due date.
define("renew.on_loan", NoParams, ("refuse",), words=("due", "status"))
define("renew.pending", NoParams, ("refuse",), words=("due", "pending"))
define("renew.renewable", NoParams, ("refuse",), words=("due",), sometimes=("recalled",))
define("renew.material", MaterialsOnly, ("refuse",), words=("due", "material"))
define("renew.max", Maximum, ("refuse",), words=("due",))
define("renew.before_due", DaysOnly, ("refuse",), words=("due", "days_left"))
define("renew.note", NoParams, ("inform",), words=("due",))
define("renew.keep_while_pending", NoParams, ("inform",), words=("due",))
define("cancel.refuse_status", CancelStatuses, ("refuse",), words=("status",))

# Scheduler kinds (policy/schedule.py), shown only in their notices: their words are its.
define("schedule.due_soon", DaysOnly, ("inform",), notices=("due_soon",), words=NOTICE_WORDS)
define("schedule.auto_renewal", AutoRenewal, ("inform",), notices=("renewal_requested",),
       words=NOTICE_WORDS)  # fmt: skip
define("schedule.pickup_deadline", DaysOnly, ("inform",), notices=("returned_unclaimed",),
       words=NOTICE_WORDS)  # fmt: skip
# A step's notice gives `overdue` (the billed notice does not); a suspending step also refuses
# requests, in a reply with `overdue` and none of the notice's values.
define("schedule.overdue", OverdueStep, ("inform",), sometimes=(*NOTICE_WORDS, "overdue"))
define("copy.access", DaysOnly, ("inform",), notices=("expired",), words=NOTICE_WORDS)

# Kinds with no check of their own (policy/engine.py INFO_KINDS): words, or a handler's rule.
# info words go in the notices they list; unfilled and lender_fine notices give `reason` too.
define("info", InfoNotices, ("inform",), words=NOTICE_WORDS, sometimes=("reason",))
define("patron.unknown", NoParams, ("refuse",))  # nothing is recorded for a stranger
define("request.ref", NoParams, ("refuse",))  # someone else's or no such request
define("copyright.action", NoParams, ("refuse", "hold", "warn"), words=("with",))
define("request.one_item", NoParams, ("inform",))
define("patron.proxy", NoParams, ("inform",), words=("proxy",))
define("overdue.repeated", CountInMonths, ("inform",))
define("unfilled.purchase_suggestion", PurchaseSuggestion, ("inform",),
       words=(*NOTICE_WORDS, "reason"))  # fmt: skip
