from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "PERSON"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"contact":{"name":"Frances Pearson","email":"x"}}', ["Frances Pearson"]),
        ('kundnr=K-595942 namn="Björn Malmgren" pnr=x', ["Björn Malmgren"]),
        ("Name:    Iva D. Grusová\nAddress: somewhere", ["Iva D. Grusová"]),
        ("Hej! Jag heter Anna-Karin Svensson och har en fråga.", ["Anna-Karin Svensson"]),
        ("My name is Rubija", ["Rubija"]),
        # film credits and maiden names
        ("Directed by Anna Berg and starring Adamska", ["Anna Berg", "Adamska"]),
        # a name used of the person's work or show
        ("the Steffen Mauer version was better", ["Steffen Mauer"]),
        ("at the Sarah King show", ["Sarah King"]),
        ("the Rolling Stones tour", []),  # not a listed given name
        ("the Anna Lund version", ["Anna Lund"]),
        ("the Anna Tonight show", []),  # a common word the lists do not know
        ("the Grace Hotel concert", []),  # an institution
        # one name spoken to
        ("Danial, can I please speak to your boss?", ["Danial"]),
        ("Thanks Yefremova!", ["Yefremova"]),
        ("Hej Tindra, tack för senast.", ["Tindra"]),
        ("However, can you check?", []),  # common words
        ("Hi Team,", []),
        ("Thanks Support!", []),
        ("Dear Sir,", []),
        # an introduction typed without capitals
        ("sometimes people call me višeslav", ["višeslav"]),
        ("im kalle btw", ["kalle"]),
        ("jag heter kalle och bor i lund", ["kalle"]),
        ("i am tired of this", []),  # after "i am" only a listed given name
        ("call me maybe", []),  # a common word
        ("I'm sorry, call me maybe", []),
        ("Sometimes people call me višeslav", []),  # capitals elsewhere: NER's text
        # a given name, a middle initial and a surname, wherever they stand
        ("Have you been to a Ravil G Yefimov concert before?", ["Ravil G Yefimov"]),
        ("Mijail C. Adomo\nAsc Partners", ["Mijail C. Adomo"]),
        ("Formula E Racing starts today.", []),  # common words
        ("Plan B Productions hired him.", []),
        ("Vitamin D Levels were low", []),
        ("Maja S Hermansen AB", []),  # a company form after it
        ("Turn into Anna K Berg Street", []),  # a street named after her
        ("Her maiden name is Sandgreen", ["Sandgreen"]),
        ("Anna Lind, född Berg, har ringt", ["Anna Lind", "Berg"]),
        ("Anna Lind, född 1985, har ringt", ["Anna Lind"]),
        # a title stays outside the name; a unit word after it is the address going on
        ("Hello, this is Dr. Anna Persson. Who are you?", ["Anna Persson"]),
        ("my grandmother was called Dr. Jennifer Holst", ["Jennifer Holst"]),
        ("Mrs. Barbara Yudina Apt. 675 Mellemvej 32", ["Barbara Yudina"]),
        ("Tack för hjälpen.\n\nMvh\nLázaro", ["Lázaro"]),
        ("Best regards,\n\nDorota Sadza\nAccount Manager", ["Dorota Sadza"]),
        ("Återkoppla på onsdag. /Moa", ["Moa"]),
        ("Tack på förhand, Arthur (arthur@example.se)", ["Arthur"]),
        ("Ship to: Nora Lund\n Storgatan 12\n 111 22 Stockholm", ["Nora Lund"]),
        ("Leveransadress:\nOlle Sjöberg\nKungsgatan 5", ["Olle Sjöberg"]),
        ('{"event":"order_created","customer":"Erik Lind","sku":"X1"}', ["Erik Lind"]),
        ('ts=2024-01-02T10:00:00Z action=update actor="Hassan Ali" target=crm', ["Hassan Ali"]),
        ("Directed By:    Johannes Varvio", ["Johannes Varvio"]),
        ('"We are moving," says Gerste.', ["Gerste"]),
        ("/Ella, kundtjänst", ["Ella"]),
        ("Name:    Martim A Pereira\nAddress: somewhere", ["Martim A Pereira"]),  # bare initial
        ("name:    hyuuma t. maida\naddress:     1 x", ["hyuuma t. maida"]),  # typed lower-case
        ("namn: lena andersson", ["lena andersson"]),
        ("name: not provided", []),  # stop words: not a name
        ("namn: se ovan", []),
        ("name: premium-plan basic", []),
        ("Directed By:    Leena O Sasi", ["Leena O Sasi"]),
        ("Tindra Malm, handläggare", ["Tindra Malm"]),
        # chat transcripts: a listed given name speaking, with another speaker line
        ('Elizabeth: "Who are you?"\nSara:"I\'m her daughter".', ["Elizabeth", "Sara"]),
        ("Sara: Hej, jag har problem med fakturan.\nAgent: Vad är ordernumret?", ["Sara"]),
        ("Stockholm: 3 st\nGöteborg: 5 st", []),  # places as labels
        ("Victoria: 3 st\nJordan: 5 st", []),  # numbers, not speech
        ("Note: call back\nMark: done", []),  # one word is no speech
        ("Anna: se bifogad fil", []),  # one line is a label, not a transcript
        # an unlisted, uncommon one-word speaker beside a listed one
        ("Ubul: What a wife.\nNicole: Remember me? I said so!", ["Ubul", "Nicole"]),
        ("Ubul: What a wife.\nAgent: Remember me? I said so!", []),  # no listed speaker
        # what is said may be words with their stops; one word in a script of three lines
        ("Kim: Where were you last night?\nBayona: Out. Just... out.", ["Kim", "Bayona"]),
        (
            "Sari: Is it true?\nMuslija: Is what true?\nNicole: Don't.",
            ["Sari", "Muslija", "Nicole"],
        ),
        ("Nicole: done\nMark: ok", []),  # two labels with a word each
        # an uncommon one-word speaker on a time-stamped line
        ("[00:14:32] Faubert: So that's when I called her.", ["Faubert"]),
        ("Error: disk is full\nNicole: Remember me? I said so!", ["Nicole"]),  # common word
        ("Xqzt Vol: What a wife.\nNicole: Remember me? I said so!", ["Nicole"]),  # two words
        ("Navrátilová: Did you lock it?\nJennifer: Yes, twice.", ["Navrátilová", "Jennifer"]),
        ("[00:03:12] Maja Szczepańska: Let's start with the numbers.", ["Maja Szczepańska"]),
        ("10:05 Anna: Let's start with the numbers.", ["Anna"]),
        ("[00:03:12] Status: all systems are up", []),
        ("Best,\nAnna Berg, Account Manager", ["Anna Berg"]),
        ("Dear Ms Männiste,\nThank you for your order.", ["Männiste"]),  # no title in the name
        # common words, none of them a name, are a role (not a rarer word after a title)
        ("Dear Hiring Manager,\n\nI am applying for the role.", []),
        # without capitals: an unlisted speaker beside a listed one; no common word
        ("maja: ok so who's sending the minutes\nmontez: i can do it", ["maja", "montez"]),
        ("note: call back\nstatus: done today", []),
        ("maja: who's sending the minutes\nbudget: i can do it", ["maja"]),
        ("Regards,\nAccounts Payable\nPena Inc", []),
        ("For my take on Mrs. Lennox, see the list.", ["Lennox"]),
        ("Mrs Dretvić's appointment has been moved.", ["Dretvić"]),  # no possessive
        # @-mentions by name; not handles, lower-case words or groups
        ("@Christelle can you review PR 482?", ["Christelle"]),
        ("cc @Renata @Ana Carolina", ["Renata", "Ana Carolina"]),
        ("@channel @Anna Please review", ["Anna"]),
        ("ping @anna.berg and @jdoe42", []),
        ("@mark the box", ["mark"]),  # typed without capitals: a person
        ("@mark: see the Box", []),  # a text with capitals writes names with them
        ("@lisa lmk when ur free", ["lisa"]),
        ("@Will you come?", []),
        ("the contract with Lee Group needs a signature", []),  # a company word last
        ("Hi Reed Ltd, your order has shipped.", []),  # ... or a company form
        # a name and who the person is to the writer
        ("a shout-out to Hughes, our producer, who makes it possible", ["Hughes"]),
        # one name spoken to mid-sentence or at a sentence's end; not a place or an award
        ("So, Ágnes, you're saying it was a mistake?", ["Ágnes"]),
        ("Get in the car, Giles. Now.", ["Giles"]),
        ("We flew via Oslo, Stockholm.", []),
        ("The Trellis was named Gadget of the Year.", []),
        # a listed name before a person's work, not a place's
        ("can we get a megathread for the Alena interview?", ["Alena"]),
        ("Have you been to a Berlin concert?", []),
        ("Stockholm, our capital, is big.", []),
        ("the contract with Lee Grey needs a signature", ["Lee Grey"]),
        ("Shoutout to @Veres for the tip", ["Veres"]),  # a listed surname, no common word
        ("Shoutout to @Jenkins for the tip", []),  # a common word
        ("Shoutout to @veres for the tip", []),  # a handle in a text with capitals
        ("@Here is the build", []),
        # a place, a street or a team is no person wherever it stands
        ("Meeting with Clarkechester Wanderers on Saturday at 10.", []),
        ("Hello Rochaton! Are you ready for tonight?", []),
        ("Contact: Carter-Bradley Customer Care, 0800 555 0100", []),
        ("Dott. Enzo Scotto?", ["Enzo Scotto"]),
        # a chat typed without capitals greets or pings someone by a listed, infrequent name
        ("hey gabrielly are u coming tonight?", ["gabrielly"]),
        ("happy bday zsanett!!!", ["zsanett"]),
        ("ping therese re: the license", ["therese"]),
        ("hey long time no see", []),  # a frequent word
        ("thanks bill", []),
        ("hey guys", []),
        ("Hey fiona, welcome", []),  # a text with capitals writes names with them
        # typed without capitals: a transcript's speakers, a name after a title
        ("david: did you lock the door?\nlea: yes, twice.", ["david", "lea"]),
        ("note: call back\nstatus: done now", []),
        ("referring physician: dr. gregersen\nward: 6", ["gregersen"]),
        ("dr. who is on tonight", []),
        # a name after a rank, an office or a form of address; a to-do's owner
        ("Nurse Atenulf changed the dressing at 6pm.", ["Atenulf"]),
        ("Coach Černá benched two starters.", ["Černá"]),
        ("Doctor Who is on tonight", []),
        ("Principal Component Analysis", []),
        ("TODO(Zuzana): remove this hack", ["Zuzana"]),
        ("# FIXME(dave): flaky", ["dave"]),
        ("# TODO(jdoe): flaky", []),
        # a speaker's answer may start with a comma ("Yes, twice.")
        ("David: Did you lock the door?\nLea: Yes, twice.", ["David", "Lea"]),
        # not names
        ('{"name":"premium-plan"}', []),
        ('{"customer":"Acme Holding AB"}', []),  # a company under a person key
        ('{"customer":"K-595942"}', []),
        ("Ship to: Lagret\nKungsgatan 5", []),  # one word: not a full name
        ("Powered by Apple Music", []),
        ("Ärende om Volvo, handläggare saknas", []),  # one word: not a full name
        ("Enligt Göteborgs Stad ska blanketten skickas in.", []),  # "enligt": often a body
        ("Rubija Gelencsér, handläggarens chef", []),  # not the role (a pair in no name list)
        ("filnamn=rapport.pdf", []),
        ("Mvh\nKundtjänst AB\n08-123", []),  # a company line after a sign-off
        ("version/Build 12", []),
    ],
)
def test_person_context(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Direct line 08-123. Owner: Laura Heath.", ["Laura Heath"]),
        ("2024-09-18 Call with Jon Rush (Brightwave Analytics Inc.).", ["Jon Rush"]),
        ("Telefonsamtal med Ek Lind AB om fakturan.", []),  # a company, not a person
        ("Met Sierra Hardy at the conference.", ["Sierra Hardy"]),
        ("Hej Kundtjänst!", []),  # one word after a greeting is not enough here
        ("Name:    Anđa Tomić\nAddress: x", ["Anđa Tomić"]),
        ("Please ask Mrs. Barbara Yudina to call.", ["Barbara Yudina"]),
        ("I would like to remove my kid Lukas from the will.", ["Lukas"]),
        ("My great grandfather was called Djevad Šušulić, and", ["Djevad Šušulić"]),
        ("Maureen Thibault\n\n20789 Allika 46\n Suite 501", ["Maureen Thibault"]),
        ("Account Manager\nNorthwind", []),  # an opening line that is not a full name
        ("Order Status\nShipped", []),
        ("Dreux Joly\nPaxata\n12 Main Street", ["Dreux Joly"]),
    ],
)
def test_cue_words(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected
