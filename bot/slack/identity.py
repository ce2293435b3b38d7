"""Match a Slack user to the directory: by the `slack` column, else by the email Slack reports."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.orm import Session, sessionmaker

from store.db import transaction
from store.identities import link_slack_by_email, patron_by_slack

log = logging.getLogger(__name__)


async def ensure_linked(
    client: AsyncWebClient, sessions: sessionmaker[Session], user_id: str
) -> bool:
    """Make sure the directory knows this Slack user if it can; tell whether it does."""
    if await asyncio.to_thread(_known, sessions, user_id):
        return True
    email = await slack_email(client, user_id)
    if email is None:
        return False
    linked = await asyncio.to_thread(_link, sessions, user_id, email)
    if linked:
        log.info("a slack user was linked to the directory by email")  # no ids in logs
    return linked


async def slack_email(client: AsyncWebClient, user_id: str) -> str | None:
    """Ask Slack for the user's email (users.info, scope users:read.email); None if unknown."""
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError as exc:
        log.warning("users.info failed: %s", exc.response.get("error"))
        return None
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning("users.info failed: %s", type(exc).__name__)
        return None
    user = response.get("user") or {}
    if user.get("is_bot") or user.get("deleted"):
        return None
    email = (user.get("profile") or {}).get("email")
    return str(email) if email else None


def _known(sessions: sessionmaker[Session], user_id: str) -> bool:
    with sessions() as session:
        return patron_by_slack(session, user_id) is not None


def _link(sessions: sessionmaker[Session], user_id: str, email: str) -> bool:
    with transaction(sessions) as session:
        return link_slack_by_email(session, user_id, email) is not None
