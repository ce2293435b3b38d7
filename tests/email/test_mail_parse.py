"""Every part and charset of a mail decodes to the patron's text (bot.mail.parse)."""

from __future__ import annotations

import pytest

from bot.mail.parse import MAX_HEADER_CHARS, parse_mail
from bot.mail.trim import trim_reply
from tests.email.mails import patron_mail

ANN = "ann@patron.example"


def test_quoted_printable_latin1_body_and_rfc2047_subject_decode() -> None:
    """A Latin-1, quoted-printable body and an encoded-word subject read as the patron wrote."""
    raw = (
        b"From: =?iso-8859-1?q?Ren=E9e_M=FCller?= <ann@patron.example>\r\n"
        b"Subject: =?utf-8?b?QsO8Y2hlciBmw7xyIGRpZSBGZXJubGVpaGU=?=\r\n"
        b"Message-ID: <q1@patron.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b'Bitte besorgen Sie mir "Die M=FCcke" von G=F6the.\r\n'
    )
    mail = parse_mail(raw)
    assert mail.sender == ANN
    assert mail.subject == "Bücher für die Fernleihe"
    assert mail.text.strip() == 'Bitte besorgen Sie mir "Die Mücke" von Göthe.'


def test_windows_1252_labelled_latin1_keeps_its_curly_quotes() -> None:
    """Outlook's curly quotes and dashes survive a charset label that says Latin-1."""
    body = "I need \u201cThe Stranger\u201d \u2013 any edition.".encode("cp1252")
    raw = (
        b"From: ann@patron.example\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body
    )
    assert parse_mail(raw).text == "I need \u201cThe Stranger\u201d \u2013 any edition."


def test_base64_utf8_and_an_unknown_charset_both_read() -> None:
    """Base64 UTF-8 decodes; a charset no one knows falls back to UTF-8 without failing."""
    good = parse_mail(patron_mail(ANN, "Ich brauche ISBN 9780134477824 \u2014 danke \u00fc"))
    assert "danke \u00fc" in good.text
    raw = (
        b"From: ann@patron.example\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\n"
        b"renew ILL-3 \xc3\xa9\r\n"
    )
    assert parse_mail(raw).text.strip() == "renew ILL-3 \u00e9"


def test_html_only_mail_reads_as_text_and_its_quote_is_cut() -> None:
    """An HTML-only reply from Gmail: the words on top are heard, the gmail_quote is not."""
    html = (
        "<div dir='ltr'>Please <b>renew</b> it&nbsp;for me.<br><br>Ann</div><br>"
        "<div class='gmail_quote'><div class='gmail_attr'>On Tue, Sep 1, 2026 at 10:00 AM "
        "ILL &lt;ill@lib.example&gt; wrote:<br></div><blockquote>Cancel ILL-3?</blockquote></div>"
        "<style>p {color: red}</style>"
    )
    mail = parse_mail(patron_mail(ANN, "", html=html))
    assert trim_reply(mail.text) == "Please renew it for me.\n\nAnn"


def test_attachments_are_never_read_as_the_patron_words() -> None:
    """A PDF and a text attachment are ignored; the body is what counts."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = ANN
    message.set_content("Please get the attached citation.")
    message.add_attachment(
        b"%PDF-1.4 binary", maintype="application", subtype="pdf", filename="a.pdf"
    )
    message.add_attachment("cancel everything", filename="notes.txt")
    assert parse_mail(message.as_bytes()).text.strip() == "Please get the attached citation."


def test_broken_mime_no_from_and_a_huge_body_give_safe_results() -> None:
    """A missing boundary, no From and 20 MB of text never raise; the sender is simply unknown."""
    broken = b'Content-Type: multipart/mixed; boundary="nowhere"\r\n\r\n--else\r\ngarbage\r\n'
    mail = parse_mail(broken)
    assert mail.sender == ""
    huge = b"From: ann@patron.example\r\nContent-Type: text/plain\r\n\r\n" + b"word " * 4_000_000
    big = parse_mail(huge)
    assert big.sender == ANN
    assert len(big.text) <= 100_000


def test_format_flowed_lines_are_joined() -> None:
    """Soft line breaks of format=flowed text (Apple Mail, Thunderbird) are undone."""
    raw = (
        b"From: ann@patron.example\r\n"
        b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
        b"Please get me the book \r\nwith ISBN 9780134477824.\r\n"
    )
    assert parse_mail(raw).text.strip() == "Please get me the book with ISBN 9780134477824."


def test_an_outlook_html_reply_keeps_only_the_answer() -> None:
    """Outlook quotes nothing in HTML: its From/Sent/To/Subject block marks the cut."""
    html = (
        "<html><body><div><p class='MsoNormal'>Yes, please renew it.</p>"
        "<p class='MsoNormal'>&nbsp;</p></div><hr tabindex='-1'>"
        "<div id='divRplyFwdMsg'><b>From:</b> Interlibrary Loan &lt;ill@lib.example&gt;<br>"
        "<b>Sent:</b> Tuesday, September 1, 2026 10:00 AM<br><b>To:</b> Ann<br>"
        "<b>Subject:</b> ILL-3: Ready for pickup</div><div>Cancel ILL-3 if you no longer need it."
        "</div></body></html>"
    )
    mail = parse_mail(patron_mail(ANN, "", html=html))
    assert trim_reply(mail.text) == "Yes, please renew it."


def odd_charset_mail(charset: bytes, *, subject_charset: bytes | None = None) -> bytes:
    """A mail whose body (and subject's encoded word) claim a charset no decoder takes."""
    word = subject_charset or charset
    return (
        b"From: ann@patron.example\r\nTo: ill@lib.example\r\n"
        b"Subject: =?" + word + b"?q?where_is_my_book=3F?=\r\n"
        b'Content-Type: text/plain; charset="' + charset + b'"\r\n'
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        b"where is ILL-1? caf\xc3\xa9 \xff\r\n"
    )


@pytest.mark.parametrize(
    "charset",
    [b"undefined", b"punycode", b"utf\x008", b"x-klingon", b"base64", b"idna", b"unknown-8bit"],
)
def test_charsets_no_decoder_takes_fall_back_with_replacement(charset: bytes) -> None:
    """`undefined`, `punycode`, a NUL in the name, no such charset: the words still read."""
    mail = parse_mail(odd_charset_mail(charset))
    assert mail.sender == ANN
    assert mail.subject == "where is my book?"
    assert mail.text.startswith("where is ILL-1? caf")
    assert "\x00" not in mail.text + mail.subject


def test_nul_bytes_are_removed_from_everything() -> None:
    """Quoted-printable `=00` in the body, in the subject and in an encoded Message-ID."""
    raw = (
        b"From: =?utf-8?q?Ann=00?= <ann@patron.example>\r\n"
        b"Subject: =?utf-8?q?renew=00_it?=\r\nMessage-ID: =?utf-8?q?<a=00b@patron.example>?=\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\nrenew=00 ILL-2=00\r\n"
    )
    mail = parse_mail(raw)
    assert (mail.sender, mail.subject, mail.message_id) == (ANN, "renew it", "<ab@patron.example>")
    assert mail.text.strip() == "renew ILL-2"
    assert not any("\x00" in value for value in mail.headers.values())


def test_a_2mb_encoded_word_subject_is_parsed_and_clipped() -> None:
    """A Subject of 2 MB of encoded words parses; what is kept is its start, clipped."""
    words = b" ".join([b"=?utf-8?q?B=C3=BCcher?="] * 90_000)
    mail = parse_mail(b"From: ann@patron.example\r\nSubject: " + words + b"\r\n\r\nstatus\r\n")
    assert len(words) > 2_000_000
    assert mail.subject.startswith("BücherBücher") and len(mail.subject) == 300
    assert len(mail.headers["subject"]) <= MAX_HEADER_CHARS
    assert mail.text.strip() == "status" and mail.sender == ANN


def test_pathological_structure_still_parses() -> None:
    """100 000 headers, 50 000 MIME parts, 3 000 nested multiparts: each gives a mail back."""
    many_headers = b"From: ann@patron.example\r\n" + b"X-A: =?utf-8?q?b?=\r\n" * 100_000
    parts = b"--b\r\nContent-Type: text/plain\r\n\r\nrenew ILL-1\r\n" * 50_000
    many_parts = (
        b'From: ann@patron.example\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + parts
        + b"--b--\r\n"
    )
    nested = b"From: ann@patron.example\r\n" + b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(3000)
    )
    assert parse_mail(many_headers + b"\r\nstatus\r\n").text.strip() == "status"
    assert parse_mail(many_parts).text.strip() == "renew ILL-1"
    assert parse_mail(nested).sender == ANN


def test_raw_8bit_headers_and_split_encoded_words_decode() -> None:
    """UTF-8 written straight into headers (RFC 6532), and a character split across words."""
    raw = "From: Renée <ann@patron.example>\r\nSubject: Bücher\r\n\r\nhi\r\n".encode()
    assert parse_mail(raw).subject == "Bücher"
    split = b"From: ann@patron.example\r\nSubject: =?utf-8?q?B=C3?= =?utf-8?q?=BCcher?= x\r\n\r\n"
    assert parse_mail(split).subject == "Bücher x"
