"""The patron web chat: a page at /chat/, its JSON API, live replies, card or mailed-code sign-in.

A transport like Slack and email: it converts a browser's message into an Inbound for the core
(bot/web/turns.py) and shows the outbox rows the core writes for the signed-in patron.
"""
