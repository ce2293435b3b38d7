"""Allow `python -m bot` as well as `illbot`."""

from bot.cli import main

main()
