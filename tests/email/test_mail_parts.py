"""HTML mail keeps its links and tables; every inline text part of a mixed mail is read."""

from __future__ import annotations

from email.message import EmailMessage
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from sqlalchemy import select

from bot.mail.parse import parse_mail
from bot.mail.trim import trim_reply
from bot.runtime import Runtime
from store.db import transaction
from store.models import IllRequest
from tests.email.conftest import ANN, MailBot, Mailbox
from tests.email.mails import patron_mail

DOI = "https://doi.org/10.1038/nature12373"
# A 1×1 PNG: what Apple Mail puts between two paragraphs when a picture is pasted in.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def html_mail(html: str) -> bytes:
    """An HTML-only mail, as many webmail clients and phones send."""
    return patron_mail(ANN, "", html=html)


def test_a_doi_behind_a_link_is_read_as_its_url() -> None:
    """`<a href="https://doi.org/…">this article</a>` keeps the DOI the patron linked."""
    mail = parse_mail(html_mail(f'<p>Could you get me <a href="{DOI}">this article</a>?</p>'))
    assert mail.text == f"Could you get me this article ({DOI})?"


def test_a_link_showing_its_own_url_and_a_mailto_are_not_repeated() -> None:
    """A URL that is its own link text, or a mail address, is written once."""
    html = f'<p><a href="{DOI}">{DOI}</a> or ask <a href="mailto:x@lib.example">me</a></p>'
    assert parse_mail(html_mail(html)).text == f"{DOI} or ask me"


def test_table_cells_are_separated_and_rows_are_lines() -> None:
    """A pasted reading list comes out one row a line, its cells apart, not "TitleBeloved"."""
    html = (
        "<p>Please get these:</p><table><tr><th>Title</th><th>Author</th></tr>"
        "<tr><td>Beloved</td><td>Toni Morrison</td></tr>"
        "<tr><td><b>The Overstory</b></td><td>Richard Powers</td></tr></table>"
    )
    assert parse_mail(html_mail(html)).text.splitlines() == [
        "Please get these:",
        "",
        "Title | Author",
        "Beloved | Toni Morrison",
        "The Overstory | Richard Powers",
    ]


def test_a_gmail_quote_with_links_is_still_trimmed_away() -> None:
    """The quote marking the trimmer relies on survives the link targets inside it."""
    html = (
        "<div>renew ILL-3 please</div><div class='gmail_quote'>On Mon, Library wrote:"
        f"<blockquote>See <a href='{DOI}'>the article</a>.</blockquote></div>"
    )
    mail = parse_mail(html_mail(html))
    assert f"> > See the article ({DOI})." in mail.text
    assert trim_reply(mail.text) == "renew ILL-3 please"


def apple_mail(*parts: MIMEText | MIMEImage | MIMEMessage) -> bytes:
    """multipart/mixed as Apple Mail sends text with a picture pasted between paragraphs."""
    message = MIMEMultipart("mixed")
    message["From"] = ANN
    message["To"] = "ill@lib.example"
    message["Subject"] = "Two books"
    for part in parts:
        message.attach(part)
    return message.as_bytes()


def inline_image() -> MIMEImage:
    """The pasted picture: inline, named, not text."""
    image = MIMEImage(PNG, "png")
    image.add_header("Content-Disposition", "inline", filename="cover.png")
    return image


def test_every_inline_text_part_of_a_mixed_mail_is_read() -> None:
    """Text, image, text: both paragraphs are the patron's words, in order."""
    raw = apple_mail(
        MIMEText("Please get me ISBN 9780134477824.\n"),
        inline_image(),
        MIMEText("And also ISBN 9780262033848.\n"),
    )
    text = parse_mail(raw).text
    assert "9780134477824" in text and "9780262033848" in text
    assert text.index("9780134477824") < text.index("9780262033848")


def test_attached_mails_and_attached_text_files_are_not_read() -> None:
    """A forwarded mail (message/rfc822) and a .txt sent as an attachment are not the patron's."""
    forwarded = EmailMessage()
    forwarded["Subject"] = "old"
    forwarded.set_content("cancel ILL-1\n")
    notes = MIMEText("cancel ILL-2\n")
    notes.add_header("Content-Disposition", "attachment", filename="notes.txt")
    unnamed = MIMEText("cancel ILL-3\n")
    unnamed.add_header("Content-Disposition", "attachment")
    raw = apple_mail(MIMEText("status please\n"), MIMEMessage(forwarded), notes, unnamed)
    assert parse_mail(raw).text.strip() == "status please"


def test_an_alternative_inside_a_mixed_mail_is_read_once_plain_first() -> None:
    """Plain and HTML versions of one text are one text; a list's footer after them counts."""
    body = MIMEMultipart("alternative")
    body.attach(MIMEText("renew ILL-1\n"))
    body.attach(MIMEText("<p>renew ILL-1 <b>now</b></p>", "html"))
    raw = apple_mail(body, MIMEText("Sent from my phone\n"))  # type: ignore[arg-type]
    assert parse_mail(raw).text.splitlines() == ["renew ILL-1", "", "Sent from my phone"]


async def test_the_second_paragraph_of_an_apple_mail_makes_its_request(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """Over IMAP: an ISBN after the pasted picture is requested, as the patron meant."""
    raw = apple_mail(
        MIMEText("Hello, I need a book for my seminar.\n"),
        inline_image(),
        MIMEText("It is ISBN 9780134477824, needed by Oct 30, 2030.\n"),
    )
    mailbox.deliver(raw)
    await mailbot.step()
    with transaction(runtime.sessions) as session:
        isbns = [r.isbn for r in session.scalars(select(IllRequest)).all()]
    assert isbns == ["9780134477824"]
