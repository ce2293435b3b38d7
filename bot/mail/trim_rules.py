"""What the lines of a reply look like: quotes, attributions, headers, delimiters, signatures.

The words come from the mail clients patrons use, in the languages libraries meet; the way they
are used is in `bot.mail.trim`. Measured on Discourse's reply corpus (`make bench`).
"""

from __future__ import annotations

import re

EMPTY = "e"
TEXT = "t"
QUOTE = "q"
DELIMITER = "d"
SIGNATURE = "s"
HEADER = "h"
ATTRIBUTION = "b"  # "On … wrote:" and its kin: a quoted mail starts here

# The verbs of "On <date>, <someone> wrote:" in the common client languages.
WROTE = (
    r"wrote|writes|a\s+écrit|schrieb|schreef|het\s+volgende\s+geschreven|escribió|escreveu"
    r"|ha\s+scritto|skrev|kirjoitti|napisał\(a\)|napisał|napisała|napsal|написал|написала"
    r"|написав|пише|писал|写道|寫道|が書きました|작성|yazdı|írta|scrise|έγραψε"
)
# Words an attribution line starts with ("On", "Le", "Am", …).
OPENERS = r"On|Le|Am|El|Em|Il|Op|Den|Dnia|W\s+dniu|Dne|At|Pada|Στις|В|У|在|Op|Na|Kl\.|Tanggal|Vào"
ATTRIBUTION_END = re.compile(
    rf"(?:\b|\s)(?:{WROTE})(?:\s.{{0,150}})?\s*[:：]$|\bwrote\s*-{{2,}}$", re.IGNORECASE
)
STRONG_START = re.compile(rf"^(?:{OPENERS})\s", re.IGNORECASE)
# Gmail's old form: "2016-10-24 15:36 GMT+02:00 Some One <some@one.example>:".
DATED_SENDER = re.compile(
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s+(?:GMT[+-]\d{1,2}:?\d{2}\s+)?\S.{0,100}"
    r"|.{1,100}<\S+@\S+>:?)$"
)
QUOTE_PREFIX = re.compile(r"^[\s>|-]*")

FROM_KEYS = (
    r"From|De|Von|Da|Van|Från|Fra|Od|От|Від|Lähettäjä|Feladó|Kimden|Expediteur|Expéditeur"
    r"|发件人|寄件者|差出人|보낸\s*사람"
)
OTHER_KEYS = (
    r"Sent|Date|To|Cc|Bcc|Subject|Reply-To|Envoyé|Date\s+d'envoi|À|A|Objet|Répondre\s+à"
    r"|Gesendet|Datum|An|Betreff|Antwort\s+an|Data|Oggetto|Risposta|Rispondi\s+a|Inviato"
    r"|Enviado|Enviada|Fecha|Para|Asunto|Assunto|Responder\s+a|Verzonden|Aan|Onderwerp"
    r"|Beantwoorden|Skickat|Till|Ämne|Sendt|Til|Emne|Dato|Wysłano|Wysłane|Do|Temat"
    r"|Отправлено|Дата|Кому|Тема|Копия|Odesláno|Komu|Předmět|Lähetetty|Vastaanottaja|Aihe"
    r"|发送时间|日期|收件人|主题|送信日時|宛先|件名|Tarih|Kime|Konu"
)
HEADER_LINE = re.compile(
    rf"^\s*[*_]*\s*(?:{FROM_KEYS}|{OTHER_KEYS})\s*[*_]*\s*[:：]", re.IGNORECASE
)
FROM_LINE = re.compile(rf"^\s*[*_]*\s*(?:{FROM_KEYS})\s*[*_]*\s*[:：]", re.IGNORECASE)

QUOTE_LINE = re.compile(r"^\s*(?:>|\||[A-Za-z]{1,12}>)")
EMPTY_LINE = re.compile(r"^[\s>]*$")
DELIMITER_LINE = re.compile(
    r"^\s*(?:[-_=*~+#]{2,}|ᐧ|—)\s*$"
    r"|^[\s>*]*-{2,}\s*(?:original\s+message|ursprüngliche\s+nachricht|mensaje\s+original"
    r"|message\s+d'origine|messaggio\s+originale|oorspronkelijk\s+bericht|mensagem\s+original"
    r"|oryginalna\s+wiadomość|původní\s+zpráva|исходное\s+сообщение|原始邮件|原始郵件"
    r"|forwarded\s+message|weitergeleitete\s+nachricht|message\s+transféré|mensaje\s+reenviado"
    r"|videresendt\s+melding|vidarebefordrat\s+meddelande)\s*-{2,}[\s*]*$"
    r"|^[\s>*]*(?:begin\s+forwarded\s+message|début\s+du\s+message\s+réexpédié"
    r"|anfang\s+der\s+weitergeleiteten\s+nachricht)\s*:",
    re.IGNORECASE,
)
SIGNATURE_LINE = re.compile(
    r"^[\s(<]*sent\s+(?:from|via|with|by|using)\s.{1,120}$"
    r"|^\s*\S.{0,30}\sfrom\s+(?:mobile|my\s+phone)$"
    r"|^\s*from\s+my\s+(?:iphone|ipad|android|mobile|phone|samsung|galaxy).{0,30}$"
    r"|^\s*get\s+\[?outlook\s+for\s+(?:ios|android)"
    r"|^\s*envoyé\s+(?:de|depuis)\s+(?:mon|ma)\s.{1,60}$"
    r"|^\s*von\s+meinem\s.{1,60}\sgesendet\.?$"
    r"|^\s*diese\s+nachricht\s+wurde\s+von\s+meinem\s.{1,100}\sgesendet\.?$"
    r"|^\s*verzonden\s+(?:met|vanaf|van)\s.{1,60}$"
    r"|^\s*enviad[oa]\s+(?:desde|do|de)\s+(?:mi|meu|o\s+meu|minha|o\s+meu)\s.{1,60}$"
    r"|^\s*inviato\s+da\s.{1,60}$"
    r"|^\s*(?:sendt|skickat)\s+fr[aå]n?\s+min\s.{1,60}$"
    r"|^\s*(?:從我的|从我的|发自我的|來自我的)\s*\S.{0,30}$"
    r"|^\s*\S{1,20}\s*から送信$",
    re.IGNORECASE,
)
