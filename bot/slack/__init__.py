"""The Slack transport: patrons in DMs, `/ill` and App Home; staff escalations with buttons."""
