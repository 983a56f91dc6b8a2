"""PERSON where the layout says it is a name: name fields, introductions and sign-offs.

NER misses names in machine text (``"namn":"Björn Malmgren"``, ``name=...``) and in the
places people put them in messages (``Jag heter ...``, ``Mvh\\nErik``, ``/Moa``). These
patterns find a capitalised name (initials and hyphens allowed) in exactly those positions.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, ClassVar

import regex

from scanner.nlp import common_words
from scanner.recognizers.base import RegexRecognizer
from scanner.recognizers.name_shapes import (
    HONORIFICS,
    a_brand_name,
    a_place_name,
    in_a_firm_name,
)
from scanner.recognizers.street_address import STREET_TYPE
from scanner.resources import (
    common_unlisted,
    common_vocabulary,
    frequent_vocabulary,
    person_names,
    place_names,
)

# Unicode letter classes (``regex``): Anđa Tomić, Wisława Szczepańska, Şahin, ...
# Company forms after a name make it a company ("Ek Lind AB"); shared with the NER clean-up.
COMPANY_FORM = (
    r"(?:AB|HB|KB|Inc|Ltd|LLC|LLP|GmbH|Oy|Oyj|AS|ASA|ApS|AG|BV|plc|PLC|Corp|Limited"
    r"|Corporation|Incorporated|Group|Holdings|Partners|Associates|Brothers|Bros"
    r"|(?:and|&)[ ]Sons)"
)
# a rank, an office or a form of address as written before a name: "Captain", "Srta"
_HONORIFIC = (
    "(?:" + "|".join(w.capitalize() for w in sorted(HONORIFICS, key=len, reverse=True)) + ")"
)
# A building, institution or company named after a person or place is neither ("Ellis
# Hospital", "Novo Mesto Country Club", "Gröna Dalen Förskola", "Can Capital"); shared by the
# NER clean-up and the name lists. (No word that is also a common verb: Swedish "kör".)
INSTITUTION_WORDS = frozenset(
    """club hotel airport university college hospital clinic stadium arena museum library
    cathedral academy institute foundation theatre theater gallery mall center centre capital
    bank technologies solutions systems consulting media labs ventures energy insurance
    logistics software studios industries enterprises services networks pharmaceuticals
    motors airlines förskola förskolan skola skolan sjukhus sjukhuset vårdcentral
    vårdcentralen universitet universitetet bibliotek biblioteket gymnasiet kyrka kyrkan
    klinik kliniken stiftelse stiftelsen förening föreningen flygplats flygplatsen
    orchestra band choir ensemble quartet records pictures productions publishing magazine
    orkester orkestern desk helpdesk care reception department agency group holdings partners
    associates
    """.split()  # noqa: SIM905 - a word list reads best as text
)
_UP = r"\p{Lu}"
_LOW = r"[\p{Ll}'’]"
_PART = rf"(?:{_UP}{_LOW}+(?:-{_UP}{_LOW}+){{0,2}}|{_UP}\.)"
# A later part may be a middle initial written without a dot ("Martim A Pereira").
# (a unit word after a name is the address going on: "Mrs. Barbara Yudina Apt. 675")
_LATER = rf"(?!(?:Apt|Suite|Unit|Flat|Box|Apartment)\b)(?:{_PART}|{_UP}(?=[ ]{_UP}{_LOW}))"
# a title before the name stays outside it ("this is Dr. Anna Persson")
_TITLE_WORD = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Fru|Fröken)"
_TITLE = rf"(?:{_TITLE_WORD}\.?[ ])"
# ... and never the name's first word ("Dear Ms Männiste" is Männiste)
_NOT_TITLE = rf"(?!{_TITLE_WORD}\.?[ ])"
_NAME = (
    rf"{_TITLE}?{_NOT_TITLE}"
    rf"(?P<value>{_PART}(?:[ ](?:(?:af|av|von|van|de|da|del)[ ])?{_LATER}){{0,3}})"
    r"(?![\w@])"
)
# Two or three capitalised words (first and last name), not a single word.
_FULL_NAME = rf"{_TITLE}?{_NOT_TITLE}(?P<value>{_PART}(?:[ ]{_LATER}){{1,2}})(?![\w@]|[ ]{_UP})"
_FIELD = (
    r"(?i:full_?name|first_?name|last_?name|given_?name|family_?name|customer_?name"
    r"|contact_?name|display_?name|name|namn|fullnamn|f[öo]rnamn|efternamn|tilltalsnamn"
    r"|kontaktperson|kundnamn|kund_namn|mottagare|avs[äa]ndare)"
)
_ADDRESS_LABEL = (
    r"ship(?:ping)?\sto|deliver(?:y)?\sto|bill(?:ing)?\sto|send\sto|(?:billing|shipping|delivery"
    r"|mailing|postal|invoice|home)\saddress|leveransadress|faktureringsadress|postadress"
    r"|hemadress|skicka\still|levereras\still|leverans\still"
)
_PERSON_KEY = (
    r"customer|client|kund|klient|user|användare|actor|author|owner|assignee|reporter"
    r"|requester|recipient|sender|agent|contact|kontakt|patient|employee|anställd|member"
    r"|medlem|passenger|guest|gäst|created_?by|updated_?by|modified_?by|handled_?by"
)
_ROLE = (
    r"handläggare|kundansvarig|kontaktperson|säljare|tekniker|projektledare|ekonomiansvarig"
    r"|vd|ceo|cto|cfo|account\smanager|sales\smanager|support\sengineer|customer\ssuccess"
    r"|manager|director|engineer|consultant|konsult|advokat|revisor|läkare|sjuksköterska"
)
_SIGN_OFF = (
    r"(?i:med\svänlig(?:a)?\shälsning(?:ar)?|vänlig(?:a)?\shälsning(?:ar)?|hälsningar|mvh"
    r"|tack\spå\sförhand|best\sregards|kind\sregards|regards|many\sthanks|thanks|cheers"
    r"|sincerely|yours\struly)"
)


# a line label that could be a speaker's name ("Sara", "Anna Berg")
_SPEAKER = rf"{_UP}{_LOW}+(?:[ ]{_UP}{_LOW}+)?"
# a street or place word after "Anna K Berg" makes it a street's or a building's name ("John F
# Kennedy Avenue", "... Memorial Hospital")
_STREET_AFTER = (
    rf"{STREET_TYPE}|Bridge|Airport|School|Hospital|Center|Centre|Memorial|Library|Gata|Gatan"
    r"|Väg|Vägen|Plats"
)
# a transcript line's time stamp before the speaker ("[00:03:12] ", "10:05 ")
_TIME_STAMP = r"(?:\[[\d:.,]+\][ \t]*|\d{1,2}:\d{2}(?::\d{2})?[ \t]+)"
_SPEAKER_LINE = regex.compile(rf"(?m)^[ \t>]*{_TIME_STAMP}?(?P<label>{_SPEAKER})[ \t]*:[ \t]*\S")
_LOWER_SPEAKER_LINE = regex.compile(r"(?m)^[ \t>]*(\p{Ll}[\p{Ll}'’\-]+)[ \t]*:[ \t]*\S")
# who a person is to someone: kin, friends, colleagues and roles at work or in a band
_KIN_OR_ROLE = (
    r"(?:friend|colleague|boss|manager|producer|director|editor|teacher|coach|doctor|dentist"
    r"|neighbou?r|sister|brother|mother|father|mum|mom|dad|wife|husband|partner|son|daughter"
    r"|cousin|uncle|aunt|niece|nephew|grandmother|grandfather|grandma|grandpa|host|guest|chef"
    r"|lawyer|accountant|agent|assistant|intern|nanny|landlord|landlady|tenant|client|founder"
    r"|engineer|designer|developer|drummer|singer|guitarist|bassist|guide|driver|mentor"
    r"|kollega|chef|vän|kompis|syster|bror|mamma|pappa|fru|man|sambo|son|dotter|granne"
    r"|lärare|läkare|tränare)s?"
)
# a company form as a value's last word ("Vaughn Inc", "Reed Ltd")
_COMPANY_FORM_WORD = regex.compile(rf"{COMPANY_FORM}\.?")
# an award after a word: "Gadget of the Year"
_AWARD_AFTER = regex.compile(r"[ \t]+of[ \t]+the[ \t]+(?:Month|Year|Week|Day|Decade)\b")
_STAMPED_LINE = regex.compile(rf"[ \t>]*{_TIME_STAMP}")
# two words said after a speaker's colon, with their punctuation ("Out. Just... out.")
_SAID = regex.compile(r"[ \t]*[\"“'‘]?\p{L}[^\n]*?[\p{L}'’][,;.!?…]*[ \t]+[\"“'‘]?\p{L}")


def _is_listed_speaker(word: str) -> bool:
    return word in person_names().given and word not in common_words()


def _lower_case_speaker(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A speaker in a text typed without capitals: a listed given name, in a text with two
    speaker lines (not "note: call back"), or a word that is no common word beside a speaker
    who is a listed given name ("maja: who's sending the minutes\nmontez: i can do it"); then
    as :func:`_lower_case_title`."""
    first = text[start:end].split(maxsplit=1)[0]
    speakers = [line.group(1) for line in itertools.islice(_LOWER_SPEAKER_LINE.finditer(text), 8)]
    if len(speakers) < 2:
        return None
    if not _is_listed_speaker(first) and (
        common_unlisted(first)
        or first in common_vocabulary()
        or not any(other != first and _is_listed_speaker(other) for other in speakers)
    ):
        return None
    return _lower_case_title(text, start, end)


def _lower_case_title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A name after a title in a text typed without capitals: no stop word or common word no
    list knows first ("dr. who"), none second ("dr. [huet] said")."""
    if any(ch.isupper() for ch in text):
        return None  # a text with capitals writes names with them
    words = text[start:end].split()
    first = words[0]
    if first in common_words() or common_unlisted(first):
        return None
    if len(words) > 1 and (common_unlisted(words[1]) or words[1] in common_words()):
        end = start + len(first)
    return start, end


def _as_a_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A pattern's value without a possessive ending (``Mrs [Dretvić]'s appointment``); None
    when it is a place, a street or a team (``Meeting with Clarkechester Wanderers``), a
    brand (``Thanks Guidestar!``), an award (``named Gadget of the Year``) or ends in a
    building, institution or department word (``Contact: X Customer Care``), or is common
    words only, none of them a name and one of them a very frequent one (``Dear Hiring
    Manager``)."""
    if text.endswith(("'s", "’s"), start, end) and end - start > 3:
        end -= 2
    value = text[start:end]
    if a_place_name(value) or a_brand_name(value) or _AWARD_AFTER.match(text, end):
        return None  # "named Gadget of the Year"
    last = value.rsplit(maxsplit=1)[-1]
    if last.lower() in INSTITUTION_WORDS or _COMPANY_FORM_WORD.fullmatch(last) is not None:
        return None  # "Contact: X Customer Care", "with Vaughn Inc."
    words, names = value.lower().split(), person_names()
    if all(w in common_vocabulary() and not names.knows(w) for w in words) and any(
        w in frequent_vocabulary() for w in words
    ):
        return None  # "Dear Hiring Manager", "Regards,\nAccounts Payable"; not "Mrs. Lennox"
    return start, end


class PdmapPersonContextRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    FLAGS = 0

    @staticmethod
    def compile(pattern: str, flags: int) -> Any:
        return regex.compile(pattern, flags)

    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("name field", rf"(?<![\w])\"?{_FIELD}\"?\s?[:=]\s?\"?{_NAME}", 0.85),
        (
            "label line",
            rf"(?m)(?:^|(?<=[.;]\s))[ \t>]*(?i:name|namn|kontaktperson|contact|kund|customer|owner"
            rf"|ansvarig|handläggare|tekniker|säljare|agent|assigned\sto)[ \t]*:[ \t]*{_NAME}",
            0.85,
        ),
        (
            # a chat transcript's speaker: "Sara: Who are you?", "[00:03:12] Sara: ..." (see
            # _speaker: a listed given name in a text with two speaker lines or on a time-stamped
            # line, or an uncommon word beside a listed speaker)
            "speaker",
            # what they say: words, at least two ("Victoria: 3 st", "Mark: done" are labels;
            # "Out. Just... out." is two), or one in a script of three speaker lines or more
            rf"(?m)^[ \t>]*{_TIME_STAMP}?(?P<value>{_SPEAKER})[ \t]*:[ \t]*"
            r"(?=[\"“'‘]?\p{L})",
            0.6,
        ),
        (
            # a form typed without capitals: "name:    hyuuma t. maida" (the whole rest of the
            # line, two or three lower-case words, listed and no stop word; see accept)
            "lower-case label line",
            r"(?m)^[ \t>]*(?i:name|namn|full\s?name|fullständigt\snamn)[ \t]*:[ \t]*"
            r"(?P<value>\p{Ll}[\p{Ll}'’\-]+(?:[ ]\p{Ll}\.?)?(?:[ ]\p{Ll}[\p{Ll}'’\-]+){1,2})"
            r"[ \t]*$",
            0.6,
        ),
        (
            # typed without capitals: "people call me višeslav", "my name is eva lund",
            # "im kalle btw" (see accept: a text with no capital; after "i'm"/"i am" only a
            # listed given name; a second word only when it is a listed surname)
            "lower-case introduction",
            r"(?<![\w])(?:my\sname\sis|my\sname's|(?:people\s|they\s)?call\sme|i'm|i’m|im"
            r"|i\sam|jag\sheter|kalla\smig|jag\sär)\s"
            r"(?P<value>\p{Ll}[\p{Ll}'’\-]+(?:[ ]\p{Ll}[\p{Ll}'’\-]+)?)(?![\w@])",
            0.6,
        ),
        (
            # typed without capitals: a transcript's speaker ("david: did you lock the door?\n
            # lea: yes, twice."; see accept: a listed given name, two speaker lines) and a name
            # after a title ("referring physician: dr. gregersen")
            "lower-case speaker",
            r"(?m)^[ \t>]*(?P<value>\p{Ll}[\p{Ll}'’\-]+)[ \t]*:[ \t]*"
            r"(?=[\"“'‘]?\p{L}[^\n]*?[\p{L}'’][,;]?[ \t]+[\"“'‘]?\p{L})",
            0.6,
        ),
        (
            "lower-case title",
            r"(?<![\w\-])(?:mr|mrs|ms|mx|dr|prof|herr|fru)\.?[ ]"
            r"(?P<value>\p{Ll}[\p{Ll}'’\-]+(?:[ ]\p{Ll}[\p{Ll}'’\-]+)?)(?![\w@])",
            0.6,
        ),
        (
            # a chat typed without capitals greets, thanks or pings someone: "hey gabrielly are u
            # coming", "happy bday zsanett!!!", "shoutout to serafín", "ping therese re: ..."
            # (see accept: a text with no capital; a listed given name that is no frequent word)
            "lower-case greeting",
            r"(?<![\w])(?:hey|hi|hello|hiya|yo|thanks|thank\syou|thx|ty|cheers|bye|congrats"
            r"|congratulations|happy\s(?:b-?day|birthday)|shout-?out\sto|shout\sout\sto|ping|cc"
            r"|hej|hejsan|tack|grattis)[ ]+"
            r"(?P<value>\p{Ll}[\p{Ll}'’\-]+)(?![\w@.\-]|[.\-]\w)",
            0.6,
        ),
        (
            # a name after a rank, an office or a form of address: "Nurse Atenulf", "Coach
            # Černá", "Srta. Montenegro" (see accept: no common word; Mr/Mrs/Dr: "honorific")
            "rank or office",
            rf"(?<![\w\-]){_HONORIFIC}\.?[ ](?P<value>{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?"
            rf"(?:[ ]{_UP}{_LOW}+)?)(?![\w\-])",
            0.6,
        ),
        (
            # whose to-do a code comment is: "TODO(Zuzana): remove this", "FIXME(anna)" (see
            # accept: no common word; in lower case a listed given name, not "TODO(jdoe)")
            "to-do owner",
            r"(?<![\w])(?:TODO|FIXME|XXX|HACK)\("
            r"(?P<value>\p{L}[\p{L}'’\-]+(?:[ ]\p{L}[\p{L}'’\-]+)?)\)",
            0.6,
        ),
        (
            # someone @-mentioned by name in chat or a code review: "@Christelle can you ...",
            # "cc @Anna @Natasha", "@Ana Carolina" (see accept: a listed given name first, and a
            # listed name or none after it); not an account name ("@anna.berg", "@jdoe42":
            # USERNAME) or an e-mail's domain; lower case only in a chat typed without
            # capitals ("@lisa lmk when ur free")
            "at-mention",
            rf"(?<![\w@.])@(?P<value>{_UP}{_LOW}+(?:[ ]{_UP}{_LOW}+)?|\p{{Ll}}{{3,}})"
            r"(?![\w@.\-]|[ ]\p{Lu}\p{Ll}*[\w]*[.@])",
            0.6,
        ),
        (
            # one name spoken to: "Danial, can I speak to your boss?", "Thanks Yefremova!",
            # "Hej Tindra," (see accept: no common word unless a listed name)
            "vocative",
            rf"(?m)(?:^|(?<=[.!?,][ \t]))[ \t>]*(?P<value>{_UP}{_LOW}+),[ \t]+"
            r"(?=(?i:can|could|would|will|please|do|did|are|is|have|thanks|thank|i|we|you|let's"
            r"|how|what|where|when|why|kan|skulle|har|är|tack|jag|vi|du|vad|hur|när|varför)\b)"
            rf"|(?<![\w])(?i:thanks|thank[ ]you|cheers|hi|hey|hello|dear|bye|tack|hej|hejsan"
            rf"|hallå)[ ]*,?[ ](?P<value>{_UP}{_LOW}+)(?=[ \t]*[,.!?:]|[ \t]*$)",
            0.6,
        ),
        (
            # a person's work or show: "a megathread for the Alena interview", "a Lennox
            # concert", "the new Oprea book" (see accept: a listed name, no common word, no
            # place)
            "a person's work",
            rf"(?<![\w])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|new|latest|old)[ ](?P<value>{_UP}{_LOW}+)"
            r"[ ](?=(?:version|concert|tour|album|interview|documentary|biography|biopic|song"
            r"|songs|record|original|cover|movie|film|novel|book|podcast|fans|gig|memoir"
            r"|exhibition|retrospective|family)\b)",
            0.6,
        ),
        (
            # one name spoken to at a sentence's end: "Get in the car, Giles." (see accept: a
            # listed name that is no common word and no place)
            "closing vocative",
            rf"(?<=[\p{{Ll}}][,][ ])(?P<value>{_UP}{_LOW}+)(?=[.!?](?:[ \t]|$))",
            0.6,
        ),
        (
            # a name and who the person is to the writer: "a shout-out to Hughes, our
            # producer", "Karin, min kollega," (see accept: "vocative", no common word)
            "apposition",
            rf"(?<![\w\-'’@])(?P<value>{_UP}{_LOW}+(?:[ ]{_UP}{_LOW}+)?),[ ]"
            r"(?=(?:our|my|his|her|their|your|vår|min|mitt|hans|hennes|deras|din)[ ]"
            rf"(?:[\p{{Ll}}\-]+[ ])?{_KIN_OR_ROLE}\b)",
            0.6,
        ),
        (
            "cue + full name",
            rf"(?<![\w])(?i:with|med|customer|kund(?:en)?|tekniker(?:n)?|handläggare(?:n)?"
            rf"|met|träffade|ringde|called|contacted|kontaktade|dear|hej|hi|hello)"
            rf"\s{_FULL_NAME}(?![ \t]+{COMPANY_FORM}\b)",
            0.6,
        ),
        (
            "introduction",
            rf"(?<![\w])(?i:my\sname\sis|my\sname's|jag\sheter|mitt\snamn\sär|this\sis)\s{_NAME}",
            0.75,
        ),
        ("sign-off", rf"(?<![\w]){_SIGN_OFF}[,.!]?[ \t]*\n+[ \t]*{_NAME}[ \t]*(?:\n|$)", 0.8),
        ("sign-off inline", rf"(?<![\w]){_SIGN_OFF},[ \t]{_NAME}(?=\s*(?:\(|\n|$))", 0.75),
        (
            "honorific",
            rf"(?<![\w]){_TITLE}{_NAME}",
            0.75,
        ),
        (
            "kin or naming cue",
            rf"(?<![\w])(?i:my|our|his|her|their|min|mitt|mina|hans|hennes)\s"
            rf"(?i:kid|son|daughter|wife|husband|partner|brother|sister|mother|father|mom|dad"
            rf"|grandfather|grandmother|friend|colleague|boss|son|dotter|fru|man|sambo|bror"
            rf"|syster|mamma|pappa|kollega|chef|vän)\s{_NAME}"
            rf"|(?<![\w])(?i:called|named|kallad|som\sheter)\s{_NAME}",
            0.7,
        ),
        (
            # A text that opens with a line holding only a full name, followed within three
            # lines by an address, phone or e-mail: a signature block or an address label.
            "opening name line",
            rf"\A[ \t>?]*{_FULL_NAME}[ \t]*\n"
            rf"(?=(?:[^\n]*\n){{0,3}}[ \t>?]*"
            rf"(?:\d|[^\n]*@|(?i:phone|tel|mobil|e-?mail|e-?post|address|adress)))",
            0.6,
        ),
        ("slash signature", rf"(?m)(?:^|\s)/{_NAME}[ \t]*(?:,[^\n]*)?$", 0.7),
        (
            # the first line of an address block under an address label is its recipient
            "address block recipient",
            rf"(?<![\w])(?i:{_ADDRESS_LABEL})[ \t]*:[ \t]*\n?[ \t]*{_FULL_NAME}"
            rf"(?![ \t]+{COMPANY_FORM}\b)(?=[ \t]*(?:,[ \t]*)?\n[ \t]*\S)",
            0.75,
        ),
        (
            # a person-like key whose whole quoted value is a full name
            "person key",
            rf"(?<![\w])\"?(?i:{_PERSON_KEY})\"?[ \t]?[:=][ \t]?\"{_FULL_NAME}"
            rf"(?<!{COMPANY_FORM})\"",
            0.7,
        ),
        (
            "by-line",
            rf"(?<![\w])(?i:(?:written|directed|produced|reported|created|approved|signed"
            rf"|submitted|assigned|handled|requested|authored|edited|closed|opened|"
            rf"updated)[ \t]+by)[ \t]*:?[ \t]*{_FULL_NAME}(?![ \t]+{COMPANY_FORM}\b)",
            0.7,
        ),
        ("quote attribution", rf"[,.!?][\"”][ \t]+(?:says|said|säger|sa)[ \t]+{_NAME}", 0.7),
        (
            # a film's or a song's people and a maiden name: "starring Adamska", "featuring
            # Lana Berg", "her maiden name is Sandgreen", "née Lind", "född Lind"
            "credit or maiden name",
            rf"(?<![\w])(?i:starring|featuring|feat\.|maiden\sname\s(?:is|was)|née|nee"
            rf"|född|flicknamn(?:et)?\s(?:är|var))[ \t]+{_NAME}",
            0.7,
        ),
        (
            # "Ravil G Yefimov", "Mijail C. Adomo": a given name, a middle initial and a surname
            # is the shape of a person's name wherever it stands (see accept: no common word
            # that the name lists do not know, not "Formula E Racing", "Plan B Productions")
            "middle initial",
            rf"(?<![\w\-.])(?P<value>{_UP}{_LOW}+[ ]{_UP}\.?[ ]{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?)"
            rf"(?![\w\-]|[ ]{COMPANY_FORM}\b|[ ](?:{_STREET_AFTER})\b)",
            0.6,
        ),
        (
            # a person's name used of their work or show: "the Steffen Mauer version", "a Lana
            # Berg concert" (see accept: a listed given name, no common word the lists do not
            # know)
            "name before a work",
            rf"(?<![\w])(?i:a|an|the|that|this|my|his|her|their|our)[ ]"
            rf"(?P<value>{_UP}{_LOW}+[ ]{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?)[ ]"
            r"(?=(?i:concert|concerts|version|album|record|single|song|songs|tour|show|gig|film"
            r"|movie|book|novel|biography|interview|recording|cover|remix|exhibition|lecture"
            r"|speech|painting|fan|fans|documentary|podcast|quote|poster)\b)",
            0.6,
        ),
        (
            # "Tindra Malm, handläggare", "Anna Berg, Account Manager": a name and its role
            "name, role",
            rf"(?<![\w]){_FULL_NAME},[ \t]+(?i:{_ROLE})\b",
            0.7,
        ),
    )

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        """Each pattern's own check (:data:`_CHECKS`) of its value, then the checks every
        value passes (:func:`_as_a_name`)."""
        if (check := _CHECKS.get(pattern)) is not None:
            if (span := check(text, start, end)) is None:
                return None
            start, end = span
        if (span := _as_a_name(text, start, end)) is None:
            return None
        return super().accept(text, *span, pattern)


Span = tuple[int, int]


def _speaker(text: str, start: int, end: int) -> Span | None:
    """A speaker line's label is a person's name: it starts with a listed given name that is
    no stop word and the text has another speaker line (two are enough: stop there, not at
    the end of a long log) or the line has a time stamp (``[00:03:12] Maja Szczepańska:
    Let's start``); or it is one word that is no common word (``Ubul``, ``Navrátilová``)
    while another speaker of the text is a listed given name (``Nicole``) or on a time-stamped
    line (``[00:14:32] Faubert: So that's when``). What is said is two words or more, or one in
    a script of three speaker lines or more (``Alexander: Don't.``). ``Stockholm: 3 st`` is a
    label, and so is ``Anna:`` alone on a form."""
    label = text[start:end]
    first = label.split(maxsplit=1)[0].lower()
    if first in common_words():
        return None
    labels = list(itertools.islice((m.group("label") for m in _SPEAKER_LINE.finditer(text)), 8))
    if _SAID.match(text, text.index(":", end) + 1) is None and len(labels) < 3:
        return None  # "Mark: done" is a label; in a script of three lines it is said
    line_start = text.rfind("\n", 0, start) + 1
    stamped = _STAMPED_LINE.match(text, line_start, start) is not None
    if first in person_names().given:
        return (start, end) if stamped or len(labels) >= 2 else None
    if " " in label or first in common_vocabulary():
        return None
    listed = any(
        other != label and _is_listed_speaker(other.split(maxsplit=1)[0].lower())
        for other in labels
    )
    return (start, end) if listed or stamped else None


def _lower_case_introduction(text: str, start: int, end: int) -> Span | None:
    """In a text with no capital, after "i'm"/"i am" only a listed given name ("i am tired",
    "call me maybe" are none); a second word only when it is a listed surname ("im kalle
    btw")."""
    if any(ch.isupper() for ch in text):
        return None  # a text with capitals writes names with them
    words = text[start:end].split()
    names = person_names()
    common = common_vocabulary()
    cue = text[:start].rstrip().rsplit(maxsplit=1)[-1]
    listed = words[0] in names.given and words[0] not in common_words()
    if not listed and (cue in ("i'm", "i’m", "im", "am", "är") or words[0] in common):
        return None
    if len(words) > 1 and (words[1] not in names.surnames or words[1] in common):
        end = start + len(words[0])
    return start, end


def _after_a_title(text: str, start: int, end: int) -> Span | None:
    """After a rank or office, or as a to-do's owner: no stop word, common word or another
    rank first ("Doctor Who", "Coach Class", "Captain Captain"); in lower case a listed given
    name ("TODO(jdoe)" is an account name); a common word second is not part of it ("Nurse
    [Atenulf] changed")."""
    words = text[start:end].split()
    first = words[0].lower()
    if first in common_words() or common_unlisted(first) or first in HONORIFICS:
        return None
    if words[0].islower() and first not in person_names().given:
        return None
    if len(words) > 1 and common_unlisted(words[1].lower()):
        end = start + len(words[0])
    return start, end


def _lower_case_greeting(text: str, start: int, end: int) -> Span | None:
    """A greeted name in a text with no capital is a listed given name that is no frequent
    word ("hey guys", "thanks again", "hey long time no see", "thanks bill" are none)."""
    word = text[start:end]
    if any(ch.isupper() for ch in text):
        return None  # a text with capitals writes names with them ("hi there")
    if word not in person_names().given or word in frequent_vocabulary():
        return None
    return start, end


def _at_mention(text: str, start: int, end: int) -> Span | None:
    """An @-mention's first word is a listed given name ("@Channel", "@here", "@team",
    "@Will" are none) or, capitalised, a listed surname no common word ("@Veres"), in lower
    case only in a text with no capital ("@mark" is a handle elsewhere); a second word only
    when the lists know it ("@Anna Please review")."""
    words = text[start:end].split()
    first = words[0].lower()
    if not _is_listed_speaker(first) and not (
        words[0][:1].isupper()
        and first in person_names().surnames
        and first not in common_vocabulary()
    ):
        return None
    if words[0].islower() and any(ch.isupper() for ch in text):
        return None
    if len(words) > 1 and not person_names().knows(words[1].lower()):
        end = start + len(words[0])
    return start, end


def _closing_vocative(text: str, start: int, end: int) -> Span | None:
    """A vocative (:func:`_vocative`) at a sentence's end, or a name before a person's work,
    is a listed name no place has (``Get in the car, Giles.``, ``the Alena interview``; not
    ``We flew via Oslo, Stockholm.``, ``a Berlin concert``)."""
    word = text[start:end].lower()
    if not person_names().knows(word) or place_names().knows(word):
        return None
    return _vocative(text, start, end)


def _vocative(text: str, start: int, end: int) -> Span | None:
    """No stop word or common word no list knows ("However, can ...", "Hi Team,", "Thanks
    Support!"), no country ("Thank you, Suriname!"), no firm ("Thanks Hendricks, Walters and
    Harding!")."""
    word = text[start:end].lower()
    if word in common_words() or common_unlisted(word):
        return None
    if word in place_names().regions and not person_names().knows(word):
        return None
    if in_a_firm_name(text, start, end):
        return None
    return start, end


def _name_before_a_work(text: str, start: int, end: int) -> Span | None:
    """A listed given name that is no stop word, and a surname that is no common word no list
    knows or institution word ("the Anna Tonight show", "the Grace Hotel concert")."""
    first, last = text[start:end].lower().split()
    if first not in person_names().given or first in common_words():
        return None
    if common_unlisted(last) or last in INSTITUTION_WORDS:
        return None
    return start, end


def _middle_initial(text: str, start: int, end: int) -> Span | None:
    """No common word no list knows first or last ("Formula E Racing", "Vitamin D Levels")."""
    words = text[start:end].lower().replace(".", "").split()
    if common_unlisted(words[0]) or common_unlisted(words[-1]):
        return None
    return start, end


def _label_line(text: str, start: int, end: int) -> Span | None:
    """Common words no list knows after a label are what is said, not a name ("Agent: Vad är
    ordernumret?", "Agent: Remember me?")."""
    value = text[start:end].lower()
    if value in common_words() or all(common_unlisted(w) for w in value.split()):
        return None
    return start, end


def _lower_case_label_line(text: str, start: int, end: int) -> Span | None:
    """A lower-case value under a name label is a name when one of its words is in the name
    lists and none is a stop word (not ``name: not provided``, ``namn: se ovan``)."""
    words = [word.strip(".") for word in text[start:end].split()]
    names = person_names()
    if any(word in common_words() for word in words) or not any(
        names.knows(word) for word in words
    ):
        return None
    return start, end


_CHECKS: dict[str, Callable[[str, int, int], Span | None]] = {
    "speaker": _speaker,
    "lower-case introduction": _lower_case_introduction,
    "rank or office": _after_a_title,
    "to-do owner": _after_a_title,
    "lower-case speaker": _lower_case_speaker,
    "lower-case title": _lower_case_title,
    "lower-case greeting": _lower_case_greeting,
    "at-mention": _at_mention,
    "vocative": _vocative,
    "apposition": _vocative,
    "closing vocative": _closing_vocative,
    "a person's work": _closing_vocative,
    "name before a work": _name_before_a_work,
    "middle initial": _middle_initial,
    "label line": _label_line,
    "lower-case label line": _lower_case_label_line,
}
