"""The mail transport: IMAP in, SMTP out, and what turns one mail into an Inbound."""
