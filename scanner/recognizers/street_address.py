"""STREET_ADDRESS: street addresses, Swedish first, then English and other European layouts.

Swedish: a street name ending in a street word (``-gatan``, ``-vägen``, ``-stigen``,
``-gränd``, ``-torget``, ``-allén``, ``-backen``, ``-plan``, ...) or followed by one
(``Drottning Kristinas väg``), a number with an optional letter or entrance, an optional
``lgh NNNN`` and an optional ``NNN NN Ort``. English: a house number, street words and a street
type (``221B Baker Street``, ``1600 Pennsylvania Avenue NW``), optional unit, town and ZIP.
Other European layouts use their street words (``-katu``, ``-straße``, ``-vej``, ``Via``,
``Rue``, ``Praça``, ``Drumul``, ...), house-number ranges (``3-2``, ``80/73``), ``Via Roma, 12``
and ``N° 732``, floor and door words, and the postcodes of many countries with the town after
them (``84-054 Słupsk``, ``7573 IG``, ``H-1618``); a street line without a street word counts as
the head of a postal block. Unit designators (``Apt. 12``, ``Suite 300``) and ``Box`` /
``P.O. Box`` addresses are covered too. A text typed without capitals is read a second time
with its words capitalised. ``benchmarks/address_probe.py`` measures the layouts of 38
countries.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from presidio_analyzer import RecognizerResult

from scanner.nlp import common_words
from scanner.recognizers.base import RegexRecognizer
from scanner.resources import common_vocabulary, person_names, place_names

_UP = r"[A-ZÅÄÖÆØÉÜÁÍÓÚÑČŠŽÀÂÃÇÊËÌÎÏÒÔÕÙÛÝĞŞİŘĚŮĎŤŇĽŁŃŚŹŻŐŰȘȚĂĆĐ]"
_LOW = r"[a-zåäöæøéèüáíóúñčšžßõłńśźżőűàâãçêëìîïòôùûýÿğşıřěůďťňľąęœșțăćđ'’]"
# (a second capital after a prefix: "McCallum", "MacGilligan", "O'Kennedy")
_WORD = rf"{_UP}{_LOW}+(?:{_UP}{_LOW}+)?"
_NUM = r"\d{1,4}(?:\s?[A-Ha-h](?![\w]))?(?:\s?-\s?\d{1,4})?"
_SV_SUFFIX = (
    r"(?:gatan|gata|vägen|väg|stigen|stig|gränd|gränden|torget|torg|allén|allé|backen|backe"
    r"|plan|platsen|plats|gången|leden|kajen|strand|stranden|esplanaden|promenaden|slingan"
    r"|liden|hagen|vägen|vik|viken|udden|ringen|parken|gård|gården|byn)"
)
_SV_PREFIX = r"(?:Lilla|Stora|Gamla|Nya|Norra|Södra|Östra|Västra|Nedre|Övre|Yttre|Inre|Sankt|S:t)"
# A leading name word ("Mäster Samuelsgränd") unless it is a label or a sentence word.
_SV_NAME_WORD = (
    rf"(?!(?:\w*[Aa]dress|Bor|Till|Hos|På|Vid|Från|Leverans|Gata|Gatan|Ny|Nu|Min|Mitt|Vår)\s)"
    rf"{_WORD}"
)
# The words of one street name share a line ("Olle Sjöberg\nKungsgatan 5" is a name above it).
_SV_STREET = (
    rf"(?:(?:{_SV_PREFIX}[ \t]|{_SV_NAME_WORD}[ \t])?{_UP}{_LOW}*{_SV_SUFFIX}"
    rf"|(?:{_WORD}[ \t]){{1,2}}(?:gata|väg|gränd|torg|allé|plats|backe|stig))"
)
_LGH = r"(?:,?\s*(?:lgh|lägenhet|lägenhetsnr)\.?\s*(?:nr\.?\s*)?\d{4})"
_UNIT_EN = r"(?:,?\s*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|#)\s*\d{1,5}[A-Z]?)"
# the first word of a letter's sign-off, never a town ("...\nRegards, Grant Baker")
_SIGN_OFF_WORD = (
    r"(?i:regards|best|thanks|thank|cheers|sincerely|yours|kind|warm|many|hälsningar"
    r"|vänliga|mvh|tack|hälsning|br)"
)
_POSTORT = (
    # (a second word may be a country's line, not a sign-off: "Stockholm\nHälsningar")
    rf"(?:,?\s*(?:SE-?\s?)?[1-9]\d{{2}}\s?\d{{2}}\s+{_UP}[a-zåäöA-ZÅÄÖ]+"
    rf"(?:\s(?!{_SIGN_OFF_WORD}\b){_UP}[a-zåäö]+)?)"
)
#: English street types (``Street``, ``Rd``, ``Boulevard``, ...), also used by the name lists.
STREET_TYPE = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Place|Pl|Way"
    r"|Terrace|Ter|Crescent|Close|Square|Sq|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Row|Walk"
    r"|Mews|Gardens|Grove|Hill|Park|Trail|Loop|Alley|Gateway|Summit|Isle|Plaza|Pike|Rise"
    r"|Green|View|Vale|Wharf|Quay|Port|Junction|Landing|Ridge|Heights|Crossing|Path|Str)"
)
# The rest of the USPS street suffixes ("Orchard", "Bypass", "Extension", "Locks"): words of
# ordinary prose too, so a street ending in one needs a postal block after it (see accept) or
# a town and ZIP on its line.
RARE_STREET_TYPE = (
    r"(?:Branch|Bridge|Brooks?|Burgs?|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Circles|Cliffs?"
    r"|Club|Common|Corners?|Course|Courts|Coves?|Creek|Crest|Crossroad|Curve|Dale|Dam|Divide"
    r"|Drives|Estates?|Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?"
    r"|Forks?|Fort|Freeway|Garden|Glens?|Greens|Groves|Harbors?|Haven|Hills|Hollow|Inlet"
    r"|Islands?|Junctions|Keys?|Knolls?|Lakes?|Land|Lights?|Loaf|Locks?|Lodge|Mall|Manors?"
    r"|Meadows?|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parks"
    r"|Parkways|Pass|Passage|Pines?|Plains?|Points?|Ports|Prairie|Radial|Ramp|Ranch|Rapids?"
    r"|Rest|Ridges|River|Roads|Route|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares|Station"
    r"|Stravenue|Stream|Streets|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass"
    r"|Unions?|Valleys?|Viaduct|Views|Villages?|Ville|Vista|Walks|Wall|Ways|Wells?|Brae|Top"
    r"|Sound|Cross|Chase|Mead|Fold|Gate|Drove|Lea|Wood|Woods|Side|Banks?|Moor|End"
    # Australian road types ("582 Brian Meander\nLake Joshuafurt, ACT, 2168")
    r"|Alleyway|Amble|Anchorage|Approach|Arcade|Artery|Basin|Beach|Bend|Brace|Brow|Byway"
    r"|Centreway|Circlet|Circuit|Circus|Colonnade|Concourse|Copse|Corso|Courtyard|Crossway"
    r"|Cruiseway|Cul-de-sac|Cutting|Dell|Deviation|Driveway|Entrance|Esplanade|Fairway"
    r"|Firetrail|Footway|Foreshore|Frontage|Gates|Glade|Grange|Gully|Highroad|Interchange"
    r"|Intersection|Laneway|Lees|Lookout|Meander|Mew|Nook|Outlook|Parade|Parklands|Pathway"
    r"|Piazza|Plateau|Promenade|Quadrangle|Quadrant|Quays|Ramble|Retreat|Ridgeway|Riverway"
    r"|Riviera|Roadside|Roadway|Ronde|Rosebowl|Rotary|Siding|Slope|Strand|Tarn|Thoroughfare"
    r"|Tollway|Tor|Towers|Trunkway|Villas|Wade|Walkway|Wynd)"
)
# "2nd Blvd", "5th Place", "W 125th Street": numbered streets.
_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|(?:N|S|E|W)\.?)"
_EN_DIR = r"(?:[ \t](?:N|S|E|W|NE|NW|SE|SW|North|South|East|West))?"
_US_TAIL = rf"(?:,\s*{_WORD}(?:\s{_WORD})?,?\s*[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?)"
_UK_TAIL = rf"(?:,\s*{_WORD}(?:\s{_WORD})?,?\s*[A-Z]{{1,2}}\d[A-Z\d]?\s?\d[A-Z]{{2}})"
_AU_TAIL = rf"(?:,\s*{_WORD}(?:\s{_WORD})?,?\s*(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT),?\s+\d{{4}}(?!\d))"
# the dot of an abbreviated street type ("Main St."), not the full stop after "Main Street."
_ABBREVIATION_DOT = (
    r"(?:(?:(?<=St)|(?<=Rd)|(?<=Ave)|(?<=Ln)|(?<=Dr)|(?<=Blvd)|(?<=Ct)|(?<=Pl)|(?<=Ter)"
    r"|(?<=Sq)|(?<=Pkwy)|(?<=Cir)|(?<=Hwy)|(?<=Str))\.)?"
)
# an English house number: "12", "12A", and the Australian flat/house "286/1"
_EN_HOUSE = r"(?:\d{1,5}/)?\d{1,6}[A-Z]?"
_EU_SUFFIX = (
    r"(?i:katu|kuja|tie|polku|kaari|gate|gata|gade|vej|veien|vegen|stien|straße|strasse"
    r"|str\.|gasse|weg|allee|platz|ring|laan|straat|gracht|plein|dreef|utca|út|útja|tér"
    r"|ulica|aleja|náměstí|cesta|tee|tänav|iela|gatve|vænget|stræde|torv|plads|singel|kade"
    r"|dijk|steeg|markt|tunet|svingen|alléen|bulevardi|väylä|nabrežje|sokak|caddesi| allé"
    # Hungarian street words written apart ("Árpád fejedelem útja 3.", "Kossuth Lajos utca 5"),
    # "utca" abbreviated ("Király u. 15.", see accept), Norwegian "Stensås terrasse 38"
    r"| útja| utca| út| tér| körút| u\.|terrasse| terrasse)"
)
# the suffixes as plain endings, for a quick test (pattern_wanted) before the pattern runs
_EU_SUFFIX_ENDINGS = tuple(
    ending.strip().replace("\\.", "")
    for ending in _EU_SUFFIX.removeprefix("(?i:").removesuffix(")").split("|")
)
# the word before a street word written apart that is short or rare ("Király u. 15.",
# "Stensås terrasse 38"): a capitalised name, no common word ("Hello u. 2"); in text typed
# without capitals the capitalised copy gets it (analyze)
_WORD_BEFORE_APART = re.compile(r"([^\W\d_]+) (?i:u\.|terrasse) ")
_WORD_BEFORE_HOUSE = re.compile(r"([^\W\d_]+)\.?\s(?:\d|S/N)")
# a house number, a range or a flat after a slash ("65-41", "1/5", "12/94", "5c/8")
_HOUSE = r"(?:\d{1,4}[a-zA-Z]?(?:[-/]\d{1,4}[a-zA-Z]?)?|S/N)"
_UNIT_WORD = r"(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat)"
# flat, floor, door and block words after a European house number ("Piano 7", "Puerta 2",
# "Depto. 522", "Bl. 42 Sc. 85 Ap. 410")
_UNIT_EU = (
    rf"(?:[ \t]*,?[ \t]*(?:{_UNIT_WORD}|Piano|Appartamento|Interior|Puerta|Piso|Depto\.|Dto\."
    r"|Torre|Edif\.|Bl\.|Sc\.|Ap\.|Et\.)[ \t]?\d{1,5}[A-Z]?){0,4}"
)
_EU_PREFIX = (
    r"(?:Via|Viale|Vicolo|Piazza|Corso|Strada|Rua|Avenida|Av\.|Calle|Carrer|Paseo|Plaza"
    r"|Rue|Avenue|Boulevard|Chemin|Allée|Place|Quai|Ulica|ul\.|Aleja|Odos|Odós|C/|Praça"
    r"|Alameda|Travessa|Largo|Estrada|Rodovia|Passarela|R\.|Av|Rotonda|Incrocio|Borgo"
    r"|Piazzale|Contrada|Pasaje|Pasadizo|Glorieta|Camino|Ronda|Callejón|Privada|Retorno"
    r"|Diagonal|Drumul|Aleea|Bulevardul|Calea|Intrarea|Splaiul|Șoseaua|Piața|pl\.|os\.|al\."
    r"|ulica|Jalan|Jl\.|Gg\.|Λεωφ\.|rue|avenue|boulevard|chemin|allée|impasse|quai|plac"
    r"|Stretto|Vial|Acceso|Fazenda|Viaduto|Vereda|Ladeira|Avda\.|Λεωφόρος|Οδός|Πλατεία"
    # Galician, Catalan, Spanish, Mexican, Brazilian and Romanian street words of Faker's
    # address providers ("Rúa do Paseo 46", "Rambla Calixto Angulo 52", "Vale Aparecida, 9")
    r"|Rúa|Rambla|Cañada|Cuesta|Urbanización|Travesía|Passeig|Plaça|Avinguda|Calzada|Cerrada"
    r"|Circuito|Prolongación|Andador|Periférico|Viaducto|Circunvalación|Corredor|Viela|Vila"
    r"|Setor|Quadra|Trecho|Chácara|Condomínio|Conjunto|Esplanada|Loteamento|Residencial"
    r"|Jardim|Parque|Lagoa|Lago|Morro|Praia|Recanto|Vale|Campo|Sítio|Trevo|Soseaua)"
)
# the particles inside a street name ("Rua da Fonte de Cima", "Pasadizo de Evaristo Pallarès")
_PARTICLE = r"(?:d[aeiou]s?|de[il]|della|delle|degli|di|la|le|du|von|van|y)"
# street words written after a house number (French, Belgian, Maghreb, Iberian layouts)
_EU_PREFIX_WORDS = (
    r"rue|avenue|av\.?|boulevard|bd|chemin|allée|impasse|quai|rua|avenida|calle|carrer|viale"
    r"|piazza"
)
# a French-style house number before the street word ("31 Rue ...", "143 31 rue ..."), and the
# particles inside such a street's name (the first word may be "l'": "rue de l'Église")
# the particles inside the streets of a corner ("76 Boulevard de Normandie and ten Pas Pass")
_CORNER_PARTICLE = r"(?:de|du|la|le|del|di|da|van|von|der|ten|ter)"
_NUMBER_FIRST = rf"(?<![\w\-.,/:])\d{{1,5}}(?:[ ]\d{{1,5}})?,?[ ](?i:{_EU_PREFIX_WORDS})[ ]"
_FR_PARTICLE = r"(?:d[aeiou]s?|de[il]|du|la|le|les|el|al)"
_FR_PARTICLE_FIRST = r"(?:d[aeiou]s?|de[il]|della|du|la|le|les|l['’]|el|al)"


# words after "is at", "lives on", ... that name something other than a street
_NOT_A_STREET = (
    r"(?i:zip|postal|post\s?code|postnummer|postnr|order|ordernummer|invoice|faktura"
    r"|ticket|ärende|room|rum|gate|terminal|version|page|sida|level|floor|våning|plan"
    r"|channel|kanal|track|spår|line|linje|table|bord|seat|plats|step|steg|chapter"
    r"|kapitel|section|avsnitt|platform|perrong|flight|flyg|week|vecka|day|dag|number"
    r"|nummer|item|row|rad|slide|figure|bild|question|fråga|episode|season|säsong|part"
    r"|del|stage|phase|fas|grade|klass|tier|round|runda|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|måndag|tisdag|onsdag|torsdag|fredag|lördag"
    r"|söndag|central|noon|midnight|hours|minutes|am|pm)"
)
_PFX = r"[ \t]*(?:>+|\?\?\?)?[ \t]*"
_LINE_PREFIX = re.compile(_PFX)
# A capital in any script, and a capitalised word (street names from anywhere: Þorsteinsgata,
# Λεωφόρος).
_CAPITAL = r"[A-ZÀ-ÖØ-ÞĀ-ŽȘȚΆΈΉΊΌΎΏΑ-ΩА-Я]"
_ANY_WORD = rf"{_CAPITAL}[\w'’.\-]{{2,}}"
# the unit words that may stand before a street line ("Flat 69 0 Miranda Gates", "Apt. 675
# 62314 Mellemvej 32")
_UNIT_LEAD = r"(?:Flat|Apt\.?|Apartment|Unit|Suite)"
_UNIT_FIRST = rf"(?:{_UNIT_LEAD}\s\d{{1,5}}[A-Z]?,?\s)"
# a town's words; a dot only after a short one ("St. Gallen", not "Täby. Utskick till")
_TOWN_WORD = rf"(?:{_UP}|[ΆΈΉΊΌΎΏΑ-ΩА-ЯЁ])(?:[\w'’\-]{{0,2}}\.|[\w'’\-]*)"
# a lower-case joiner between a town's words ("am", "nad", "de"), not an English word that
# goes on with the sentence ("Hoštka on Monday", "Zagreb in May")
_JOINER = r"(?!(?:on|in|at|to|by|of|or|and|the|for|is|as|if|so)[ ])[a-z]{1,3}"
# (lower-case joiners only between two of them: "Braunau am Inn", not "Nacka och"; ...
# or a short region code after a comma or before the postcode: "Humilimont, nan 78618",
# "ANNERSTAD nan 340 12")
_TOWN = (
    rf"{_TOWN_WORD}(?:,?[ ]{_TOWN_WORD}|,[ ][a-z]{{1,3}}(?=[ ,])|[ ][a-z]{{1,3}}(?=,?[ ]\d)"
    rf"|[ ](?:{_JOINER}[ ]){{1,2}}{_TOWN_WORD}){{0,3}}"
)
# Postcodes of the postal block's last lines: Swedish, Czech, Slovak, Greek "NNN NN"; four to
# six digits with an optional country letter ("H-1618") or extension ("6791-532", "22003-322",
# "12345-6789"); Polish "84-054"; Dutch "7573 IG"; British, Canadian and Irish codes.
_POSTCODE = (
    r"(?:(?:(?:[A-Z]{1,2}-?|ΤΚ[ ])?\d{3}[ ]?\d{2}"
    r"|(?:[A-Z]{1,2}-)?\d{4,6}(?:-\d{3,4})?|\d{8}|\d{2}-\d{3}|\d{4}[ ]?[A-Z]{2}"
    r"|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]\d{2}[ ]?[A-Z\d]{4})"
    r"(?![\w\-]))"
)
_CONTINUATION = re.compile(
    rf"(?P<unit>\n?{_PFX}(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|lgh)\s?\d{{1,5}}[A-Z]?)"
    rf"[ \t]*(?=\n|$|,)"
    rf"|(?P<post>\n(?:{_PFX}\n)?{_PFX}(?:(?:{_TOWN}),?[ ])?{_POSTCODE}"
    # the town after the postcode, a region in brackets or after a slash ("(LO)", "/ SC")
    rf"(?:,?[ ]{_TOWN})?(?:[ ]\([^()\n]{{1,40}}\)|[ ]/[ ][A-Z]{{2}})?"
    # or on the street's line: "Viksvingen 2, 2087 Haugland", "Rua da Ribeira, 45, 5776-500
    # Alcobaça", "Florispad 180, 7228, Habergy", "Strada Boezio, 215, 20027, Rescalda (MI)"
    rf"|,[ ]{_POSTCODE},?[ ]{_TOWN}(?:[ ]\([^()\n]{{1,40}}\))?"
    # ... or a town, a region code and a country before the postcode: "30102 Kaevu 94,
    # Nicosia, NI, 61089", "..., Nijmegen, GE, Netherlands 62971", "..., Cite Essanaouber,
    # 32, 60810"
    rf"|,[ ]{_TOWN},?[ ](?:(?:[A-Z]{{2,3}}|\d{{1,3}}),[ ])?(?:{_TOWN_WORD}[ ]){{0,3}}{_POSTCODE})"
    rf"[ \t]*(?=\n|$|[.,;:!?)]|[ \t][a-zåäö])"
    # (a town line may end the sentence: "...\nEllecom. Thanks", "...\nEllecom?"; not "!",
    # which ends "Thanks!" on the line after an address)
    rf"|(?P<town>\n{_PFX},?[ \t]*(?!{_SIGN_OFF_WORD}\b){_TOWN}"
    # (or a short lower-case region code alone on its line before the postcode: "MOSS\n, nan\n
    # 51971", an empty state written by a spreadsheet)
    rf"|\n{_PFX},[ \t]*[a-z]{{1,3}}(?=[ \t]*\n{_PFX}(?:[^\W\d_][^\n]{{0,40}}[ ])?{_POSTCODE}))"
    rf"[ \t]*(?=\n|$|[.?](?:\s|$))"
)
# a postal line that names its town ("52964 Helsingborg", "Jackfort, VT 23585"), and a postal
# line after a blank one
_POST_WITH_TOWN = re.compile(r"[^\W\d_]{2,}[^\n]*\d|\d[^\n]*[^\W\d_]{3,}")
_AFTER_BLANK = re.compile(r"\n[ \t>?]*\n")
# the first word of the town after a street's postcode ("Jabukovac 6c, 15798 [Zagreb]")
_TAIL_TOWN = re.compile(rf",[ ]{_POSTCODE},?[ ]([^\W\d_]+)")
# street words that also name a region or a building ("moved to Silicon Valley", "at Alla
# Islands"): no street without a house number ends in one
_NOT_A_REGION = (
    r"(?!(?:Valleys?|Mountains?|River|Islands?|Forest|Land|Station|Club|Camp|Mission"
    r"|Springs?|Falls?|Lakes?|Harbors?|Centers?|Parks?)(?![\w]))"
)
_CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)
_NOT_A_TOWN = re.compile(rf"[ \t>?]*{_NOT_A_STREET}\b")
_HAS_POSTCODE = re.compile(rf"\n[ \t]*{_POSTCODE}")
# after a house number, a street's name with its type ("Ilmalankuja 82 [Zachary Cliffs]",
# "Tungata 11 [Rott Crossroad]"), as two street fields are written on one line
_HOUSE_NUMBER_END = re.compile(r"(?<![\w\-])\d{1,5}[A-Za-z]?$")
# a street word and a name before a house number, in any script ("Λεωφόρος Συγγρού 119")
_STREET_WORDS_BEFORE = re.compile(
    rf"(?<![\w\-])(?:{_EU_PREFIX})[ ](?:{_CAPITAL}[\w'’\-]+[ ]){{1,3}}$"
)
# a street line ending in its type ("11 Souterhead Road [Gregersen Prairie]")
_STREET_TYPE_END = re.compile(rf"[ ]{STREET_TYPE}\.?$")
_NAMED_STREET_AFTER = re.compile(
    rf"[ ](?:{_WORD}[ ]){{1,2}}(?:{STREET_TYPE}|{RARE_STREET_TYPE})(?![\w\-])"
)
_LINE_TAIL = re.compile(r"(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’.\-]*){1,3}[ \t]*(?=\n)")
_LEADING_NUMBER = re.compile(r"(?:^|(?<=[\s>?\"'(;]))\d{3,6}[ \t]+$")
_UNIT_BEFORE = re.compile(rf"(?<![\w\-]){_UNIT_LEAD}[ \t]\d{{1,5}}[A-Z]?,?[ \t]*\n?[ \t]*$")
# a place's name: one to three capitalised words ("Belfast", "South Africa", "Aix-en-Provence")
_PLACE_WORDS = r"[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[ \-][A-ZÀ-ÖØ-Þ][^\W\d_]+){0,2}"
# after a street line: up to two towns or regions, a country and a postcode, each after a
# comma (", Belfast, South Africa", ", Aapajärvi, Finland 34736"); and on the next line, a
# town and a country that may go on with the sentence ("\nLekkerkerk, Malawi and I ...")
_TOWN_AND_COUNTRY = re.compile(
    rf"(?P<towns>(?:,[ ]{_PLACE_WORDS}){{0,2}}),[ ](?P<country>{_PLACE_WORDS})"
    r"(?:[ ]\d{4,6})?(?![\w\-])"
)
_WORDS = re.compile(r"[^\W\d_]+")
_TOWN_AND_COUNTRY_LINE = re.compile(
    rf"\n{_PFX}(?P<towns>{_PLACE_WORDS}),[ ](?P<country>{_PLACE_WORDS})"
    r"(?=,?[ \t]+[a-z]|[.,;:!?]|[ \t]*\n|[ \t]*$)"
)
_ENDS_WITH_UNIT = re.compile(rf"{_UNIT_WORD}\s?\d{{1,5}}[A-Z]?$")
_INLINE_UNIT = re.compile(rf"[ \t]*,?[ \t]*{_UNIT_WORD}[ \t]?\d{{1,5}}[A-Z]?(?![\w])")
# "692 Kuuse 53 [Apt. 641]", "143 31 rue de la Hulotais [Apt. 087]": the street line in front
# of a unit (words and a house number after or before them), any script, no street word
# needed: the unit anchors it.
_STREET_BEFORE_UNIT = re.compile(
    r"(?:(?<=[\s>?:])|^)(?:(?:\d{1,6}[ \t])?(?:[^\W\d_][\w'’.\-]*[ \t]){1,5}"
    r"\d{1,5}[A-Za-z]?\.?|\d{1,6}[ \t](?:\d{1,6}[ \t])?(?:[^\W\d_][\w'’.\-]*[ \t]){0,4}"
    r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’.\-]*),?[ \t]$"
)
# a house number, then a full stop that ends the sentence or the text
_SENTENCE_END_AFTER_NUMBER = re.compile(r"\d\.(?=[ \t]*$|[ \t]+[A-ZÅÄÖ])")
_TAIL_WORD = re.compile(r",?[ \t]+(\([^\s,.;:!?()\"]+\)|[^\s,.;:!?()\"]+)")  # "Cyprus (Greek)"
_TAIL_JOINERS = frozenset({"u", "v", "de", "del", "la", "le", "di", "am", "an", "im", "na", "nad"})
_TAIL_END = re.compile(r"[ \t]*(?:[.,;:!?)\n·|\"'(\t]|$|[ \t][a-zåäöæøéü])")


_LOWER_CASE_WITH_NUMBER = re.compile(r"[a-zß-ÿ]{3,}\s.{0,60}\d|\d.{0,60}\s[a-zß-ÿ]{3,}", re.DOTALL)
# log lines, key=value and JSON: their lower case is not someone typing without capitals
_MACHINE_TEXT = re.compile(r"^\s*[\[{]|\d{2}:\d{2}:\d{2}|[\w\-]=\S|\w/\w")
_WORD_START = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]*")


def _street_words(words: list[str]) -> bool:
    """``words`` may name a street: none is a common word that is no listed place, a month
    or a weekday, or written in capitals (``Units``, ``March``, ``GET``)."""
    return not any(
        (word.isupper() and len(word) > 1)
        or _common_word_no_place(word.lower())
        or word.lower() in _CALENDAR_WORDS
        for word in words
    )


def _street_line_end(text: str, start: int, end: int) -> int:
    """The end of a street's line: the words after the house number belong to it when a
    unit or postcode line follows (``Storgatan 52 Hus B\n Suite 894\n...``), and so does a
    second street name with its type after the number or the first street's type
    (``Ilmalankuja 82 Zachary Cliffs``, ``11 Souterhead Road Gregersen Prairie``)."""
    if (tail := _LINE_TAIL.match(text, end)) is not None:
        after = _CONTINUATION.match(text, tail.end())
        if after is not None and after.lastgroup in ("unit", "post"):
            return tail.end()
    elif (
        _HOUSE_NUMBER_END.search(text, max(start, end - 6), end)
        or _STREET_TYPE_END.search(text, max(start, end - 12), end)
    ) and (named := _NAMED_STREET_AFTER.match(text, end)):
        return named.end()
    return end


def _street_before_its_town(text: str, start: int, end: int) -> int | None:
    """The start of a street matched before a postcode and a town, without the words of the
    sentence before it (``bor på [storgatan 12], 111 22 ...``); None when the town is a
    common word (``Model 3, 50000 Units``)."""
    town = _TAIL_TOWN.match(text, end)
    if _common_word_no_place(town.group(1).lower() if town else ""):
        return None
    words = list(_WORD_START.finditer(text, start, end))
    kept = 0
    while kept < len(words) - 1 and words[kept].group().lower() in common_vocabulary():
        kept += 1
    return words[kept].start() if words else start


def _common_word_no_place(word: str) -> bool:
    """``word`` (lower-cased) is a common English or Swedish word and no listed town or
    region: ``units``, ``pages``; not ``nice`` or ``bath``, which are towns too."""
    return word in common_vocabulary() and not place_names().knows(word)


def _pattern_start(text: str, start: int, end: int, pattern: str) -> int | None:
    """The checks one pattern's match must pass, and where its street starts: None for a
    named street that is a person or no street ("is Anna Hill", "at Royal Court"), a numbered
    street of common words, ...; a block head starts after its line's ``>``/``???`` prefix,
    a street before a postal tail without the sentence's words before it."""
    if pattern == "named street":
        name, street = (word.lower() for word in text[start:end].split())
        names = person_names()
        unknown = name not in common_vocabulary() and not place_names().knows(name)
        if not (names.knows(name) or unknown) or name in common_words():
            return None  # "at Royal Court", "of Hyde Park"
        if name in names.given and street in names.surnames:
            return None  # "is Anna Hill": a given name and a surname are a person
    if pattern == "european suffix street":
        apart = _WORD_BEFORE_APART.search(text, start, end)
        if apart is not None and (
            apart.group(1).islower() or _common_word_no_place(apart.group(1).lower())
        ):
            return None  # "Hello u. 2"
        named = [word for word in text[start:end].split() if not word[:1].isdigit()]
        if len(named) == 1 and _common_word_no_place(named[0].lower()):
            return None  # "Gate 12", "Ring 3": a common word that is only a street word
    if pattern == "block head" and (prefix := _LINE_PREFIX.match(text, start, end)):
        start = prefix.end()
    if pattern == "numbered street" and not _street_words(text[start:end].split()[1:-1]):
        return None  # "In 2024 March 15", "1500 Units 3"
    if pattern == "numbers first" and not _street_words(text[start:end].split()[2:]):
        return None  # "In 2019 12 Days", "Order 4471 2 Blue Widgets"
    if pattern == "street before a postal tail":
        if (street_start := _street_before_its_town(text, start, end)) is None:
            return None
        start = street_start
    return start


def _street_words_before(text: str, start: int) -> int:
    """Where a street starts when a street word and a name stand before its house number
    (``[Λεωφόρος Συγγρού] 119 Nino Point``); else ``start``."""
    prefix = _STREET_WORDS_BEFORE.search(text, max(0, start - 60), start)
    return start if prefix is None else prefix.start()


def _town_and_country(text: str, end: int) -> int:
    """The end of a one-line address after its street line: a country the gazetteer knows,
    with up to two towns or regions before it and a postcode after it, each after a comma
    (``106 Rúa Olmos 44, Belfast, South Africa.``, ``Sahantie 72, Aapajärvi, Finland
    34736``), or ``end`` as it was."""
    found = _places_end(_TOWN_AND_COUNTRY.match(text, end))
    return end if found is None else found


def _town_and_country_line(text: str, end: int) -> int | None:
    """The end of a next line holding a town and a country the gazetteer knows, which may
    go on with the sentence (``...\nLekkerkerk, Malawi and I love it``, ``...\nNew Andrew,
    Belarus, come by``); None without one."""
    return _places_end(_TOWN_AND_COUNTRY_LINE.match(text, end))


def _places_end(match: re.Match[str] | None) -> int | None:
    """Where a match of towns and a country ends, when the gazetteer knows its country and
    no word of its towns is a stop word (``..., and Then, Sweden``); else None."""
    if match is None or match.group("country").lower() not in place_names().regions:
        return None
    if any(word.lower() in common_words() for word in _WORDS.findall(match.group("towns"))):
        return None
    return match.end()


def _outermost(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The results not inside another one; of equal spans, the first."""
    kept: list[RecognizerResult] = []
    reach = -1  # the furthest end of a kept result (each starts at or before this one)
    for result in sorted(results, key=lambda r: (r.start, -r.end)):
        if result.end <= reach:
            continue
        kept.append(result)
        reach = result.end
    return kept


def capitalised(text: str) -> str:
    """``text`` with the first letter of each word upper-cased, except stop words of both
    languages and particles (``de``, ``du``, ``la``); the same length, so offsets carry over."""
    stop = common_words()

    def upper(match: re.Match[str]) -> str:
        word = match.group()
        head = word[0].upper()
        if word in stop or len(head) != 1:
            return word
        return head + word[1:]

    return _WORD_START.sub(upper, text)


class PdmapStreetAddressRecognizer(RegexRecognizer):
    ENTITY = "STREET_ADDRESS"
    FLAGS = 0  # capitalisation carries the signal here
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        (
            "swedish street",
            rf"(?<![\w]){_SV_STREET}\s{_NUM}(?:\s?tr\.?\s?\d)?"
            rf"{_LGH}?{_POSTORT}?(?![\w])",
            0.9,
        ),
        ("swedish box", rf"(?<![\w])(?:Box|Postbox)\s\d{{1,6}}{_POSTORT}(?![\w])", 0.85),
        (
            "english street",
            rf"(?<![\w])(?!\d{{3}}\sBad\sGateway)"
            # the street line stays on one line ("UltimateCare 700\nCustomer Rhys Green" is not)
            rf"{_UNIT_FIRST}?{_EN_HOUSE}[ \t](?:(?:{_WORD}|{_ORDINAL})[ \t]){{1,3}}"
            rf"{STREET_TYPE}{_ABBREVIATION_DOT}{_EN_DIR}"
            rf"{_UNIT_EN}?(?:{_US_TAIL}|{_UK_TAIL}|{_AU_TAIL})?(?![\w])",
            0.8,
        ),
        (
            # "560 Diaz Prairie, South Brandonburgh, RI 26259": a rarer street type needs the
            # town and ZIP on its line ...
            "english street",
            rf"(?<![\w]){_UNIT_FIRST}?{_EN_HOUSE}[ \t](?:(?:{_WORD}|{_ORDINAL})[ \t]){{1,3}}"
            rf"{RARE_STREET_TYPE}{_EN_DIR}{_UNIT_EN}?(?:{_US_TAIL}|{_UK_TAIL}|{_AU_TAIL})(?![\w])",
            0.75,
        ),
        (
            # ... or a postal block below it: "514 Cardenas Orchard\nJackfort, VT 23585"
            "block head",
            rf"(?<![\w\-.,/:]){_UNIT_FIRST}?{_EN_HOUSE}[ \t]"
            rf"(?:(?:{_WORD}|{_ORDINAL})[ \t]){{1,3}}{RARE_STREET_TYPE}{_EN_DIR}{_UNIT_EN}?"
            r"(?=[ \t]*\n)",
            0.75,
        ),
        (
            "european suffix street",
            rf"(?<![\w])(?:{_WORD}\s){{0,2}}(?:{_WORD}-){{0,3}}{_UP}?{_LOW}*{_EU_SUFFIX}\s{_HOUSE}\.?"
            rf"{_UNIT_EU}(?![\w])",
            0.7,
        ),
        (
            # a street of any name whose line goes on with a postcode and a town: "Jabukovac
            # 6c, 15798 Zagreb", "Škrétova 281, 689 57 Hoštka", "Yinthepad 5, 3001LA,
            # Zuid-Scharwoude" (the tail is joined by accept); not "Order 12, 2019 Edition"
            "street before a postal tail",
            rf"(?<![\w\-/.,])(?!{_NOT_A_STREET}\b)(?:{_WORD}[ ](?:[a-zà-ÿ]{{1,3}}[ ])?){{0,3}}"
            rf"{_UP}{_LOW}+(?:-{_UP}?{_LOW}+)*[ ]{_HOUSE}"
            rf"(?=,[ ](?!(?:19|20)\d\d(?![\d\-]))(?-i:{_POSTCODE}),?[ ]{_TOWN_WORD})",
            0.65,
        ),
        (
            "european prefix street",
            rf"(?<![\w]){_EU_PREFIX}\s(?:{_PARTICLE}\s)?"
            # "Via Roma, 12", "Calle Corrientes N° 732", "Drumul Pușcașu Nr. 47"
            rf"(?:(?:{_WORD}\.?|{_PARTICLE})\s){{0,4}}{_WORD},?\s(?:N°\s?|Nr\.\s?|No\.\s)?{_HOUSE}"
            rf"{_UNIT_EU}(?![\w])",
            0.7,
        ),
        # A street line without a street word counts only as the head of a postal block
        # (see accept): "20789 Allika 46\n Suite 501\n Riisa\n Estonia 62488".
        (
            "block head",
            rf"(?m)^{_PFX}(?:\d{{1,6}}\s)?(?:{_WORD}\s){{0,3}}{_WORD}\s\d{{1,5}}[A-Za-z]?\.?(?=\n)",
            0.75,
        ),
        (
            # ... and mid-line when it starts with a house number: "address with 27534
            # Þorsteinsgata 63\nMOSS\n 51971", "it is 5638 Aasa 43\nHumilimont, nan 78618".
            "block head",
            rf"(?<![\w\-.,/:])\d{{2,6}}[ ](?:{_ANY_WORD}[ ]){{1,3}}\d{{1,5}}[A-Za-z]?\.?(?=\n)",
            0.75,
        ),
        (
            # ... or with words and a house number only: "to Bosanska 7\n98371 Valpovo",
            # "Na Pomezí 309\n476 55 Jablunkov", "Αμυγδαλέας 862-845,\nΤΚ 09966 Λιβαδιά"
            "block head",
            rf"(?<![\w\-.,/:])(?<!\d[ ])(?:{_CAPITAL}[\w'’.\-]+[ ]){{1,3}}{_HOUSE}\.?,?"
            r"(?=[ \t]*\n)",
            0.75,
        ),
        (
            # ... or a street word and a name without a number: "avenue Rémy\n01814 Rolland"
            "block head",
            rf"(?<![\w]){_EU_PREFIX}\s(?:{_PARTICLE}\s)?(?:(?:{_WORD}\.?|{_PARTICLE})\s){{0,3}}"
            rf"{_WORD}(?=[ \t]*\n)",
            0.75,
        ),
        (
            # ... and "641 Dašická 688, Turkovice u Prelouce": a house number, street words and
            # a number, then a capitalised town after a comma
            "numbered street and town",
            rf"(?<![\w\-.,/:])\d{{3,6}}[ ](?:{_ANY_WORD}[ ]){{1,3}}\d{{1,5}}[A-Za-z]?"
            rf"(?=,[ ]{_ANY_WORD}(?:[ ](?:{_ANY_WORD}|u|de|del|la|le|di|am|an|na|nad)){{0,3}}"
            r"[ \t]*(?:[.,;\n]|$))",
            0.7,
        ),
        (
            # ... and a house number, street words and a number mid-line in prose: "ship it to
            # 67952 Höfðagata 39 before Friday", "at 10252 Μεγάλη Άμμος 184" (see accept: no
            # common word, month or all-capital word among them)
            "numbered street",
            rf"(?<![\w\-.,/:])\d{{3,6}}[ ](?:{_ANY_WORD}[ ]){{1,3}}\d{{1,5}}[A-Za-z]?"
            r"(?![\w\-/]|[.,]\d)",
            0.6,
        ),
        (
            # ... or two numbers and the street's words after them, to a sentence's or a
            # phrase's end: "out for delivery to 9816 214 Pavlou Drandaki." (see accept: no
            # common word, month or all-capital word among them)
            "numbers first",
            # (not a postcode and its town: "123 45 Täby", "270 58 Πολύγυρος")
            rf"(?<![\w\-.,/:])(?!\d{{3}}[ ]\d\d[ ])\d{{3,6}}[ ]\d{{1,5}}[ ]"
            rf"(?:{_CAPITAL}[\w'’\-]{{2,}}[ ]){{0,2}}"
            rf"{_CAPITAL}[\w'’\-]{{2,}}(?=[ \t]*(?:[.,;!?)\n]|$))",
            0.6,
        ),
        ("po box", r"(?<![\w])P\.?\s?O\.?\s?Box\s\d{1,6}(?![\w])", 0.75),
        (
            # a military box without its APO/FPO line: "Unit 4719 Box 7394", "PSC 5217, Box 4854"
            "military box",
            r"(?<![\w])(?i:PSC|CMR|Unit)\s\d{3,5},?\s(?i:Box)\s\d{3,5}(?![\w])",
            0.7,
        ),
        (
            # US military mail: "PSC 6695, Box 2353\nAPO AP 20849", "USNV Botolen\nFPO AE
            # 12382" (a ship), as written or lower-cased
            "military",
            r"(?<![\w])(?i:(?:PSC|CMR|Unit)\s\d{1,5},?\sBox\s\d{1,5}"
            r"|(?:USNS|USNV|USS|USCGC)\s[^\W\d_][\w'’\-]*(?:\s[^\W\d_][\w'’\-]*)?)"
            r",?\s*\n?[ \t]*(?i:APO|FPO|DPO)\s(?i:AA|AE|AP)\s\d{5}(?![\w])",
            0.85,
        ),
        (
            # "Address: 03555 Vicolo Calcirelli 13 Suite 694 Valderice Trapani" - a labelled line
            "labelled line",
            r"(?im)^[ \t>]*(?:(?:billing|shipping|home|postal|delivery|street)\s)?(?:address|adress"
            r"|gatuadress|postadress|leveransadress|besöksadress|fakturaadress|hemadress)"
            r"[ \t]*:[ \t]*"
            # (to the line's end or the sentence's: "Address: X 68, 78597 Alavus. Leave it ...")
            r"(?P<value>(?=[^\n]*\d)(?=[^\n]*[A-Za-zÅÄÖåäö]{3})[^\n]{4,100}?)"
            r"(?:[ \t.]*$|\.[ \t]+(?=[A-ZÅÄÖ][a-zåäö]+[ \t]+[a-zåäö]))",
            0.8,
        ),
        ("unit", r"(?<![\w])(?:Apt\.|Suite|Apartment)\s\d{1,5}(?![\w])", 0.5),
        (
            # "lives at Allika 46", "address is 27534 Þorsteinsgata 63": a place after a cue
            # phrase, capitalised, ending in a house number; any script, no street word needed.
            "after a cue",
            r"(?i:\blives?\s(?:at|on)|\blived\s(?:at|on|in)|\blocated\s(?:at|on)"
            r"|\baddress(?:\sis|:)|\bmeet\s(?:you|me)\sat|\bsent\sto|\bship(?:ped)?\sto"
            r"|\bdeliver(?:ed)?\sto|\breturn\sto|\bmoved\sto|\bis\s(?:on|at)|\bside\sof"
            r"|\bstop\sat|\bbor\spå|\bligger\spå|\bflyttat?\still|\bskicka(?:s)?\still"
            r"|\blevereras?\still|\badress(?:en)?\s(?:är|:)"
            r"|\b(?:package|parcel|letter|invoice|bill|order|address|card)\sto"
            r"|\bvisit\s(?:us|me|them)\sat|\bfind\s(?:us|me)\sat|\boffices?\s(?:is\s|are\s)?at)"
            r":?\s+"
            # (the street's words on one line: "Ship to:\nJordan Johnson\n43 ..." is a name)
            r"(?P<value>(?:\d{1,6}[ \t])?(?![a-zåäöæøéüß])"
            rf"(?!{_NOT_A_STREET}\b)"
            r"(?:[^\W\d_][\w'’.\-]*[ \t]){1,4}"
            # a dot after the number belongs to it ("útja 3. street") unless it ends a sentence
            r"\d{1,5}[A-Za-z]?(?:\.(?![ \t]*(?:$|\n|[A-ZÅÄÖ])))?"
            # or house numbers first and the street's words after ("is at 9816 214 Pavlou
            # Drandaki"; a capitalised word, not an abbreviation such as "CET")
            rf"|(?<=\s)\d{{3,6}}\s(?:\d{{1,5}}\s)?(?!{_NOT_A_STREET}\b)"
            r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-Ω][\w'’\-]*[a-zß-öø-ÿα-ω][\w'’\-]*"
            r"(?:\s[A-ZÀ-ÖØ-ÞĀ-ŽΑ-Ω][\w'’\-]+){0,3}(?=[ \t]*(?:[.,;!?\n]|$)))"
            r"(?![\w\-/])",
            0.65,
        ),
        (
            # "31 Rue Al Imam Al Bakri, Cite Merzgui", "36 rue de pologne, cite ...": French-style
            # addresses put the house number before the street word; a town follows
            "number first european",
            rf"{_NUMBER_FIRST}(?!(?i:of|the|and|or|for|to|in|on|at|with|is|was|a|an)\b)"
            rf"(?:{_FR_PARTICLE_FIRST}[ ])?"
            r"[^\W\d_][\w'’\-]*"
            rf"(?:[ ](?:{_FR_PARTICLE}|[^\W\d_][\w'’\-]*)){{0,4}}"
            # a town after a comma (or a postcode and a town), the end of the line, a flat
            # number, or "street" after it
            r"(?=,[ \t]*(?!(?i:and|or|but|so|then|which|och|men|eller|som)\b)[^\W\d_]"
            r"|,[ \t]*\d{4,5}[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž]|[ \t]*\n|[ ](?i:street|road|avenue)\b"
            r"|[ \t]+(?:Apt\.|Suite|Unit|Apartment)[ \t]*\d)",
            0.7,
        ),
        (
            # "send it to 33 avenue de Provence.": the same in prose, its words capitalised
            # up to the end of the sentence or a lower-case word
            "number first european",
            # (not a year: "In 2019 Avenue Capital raised ...")
            rf"(?!(?:19|20)\d\d[ ,]){_NUMBER_FIRST}(?:{_FR_PARTICLE_FIRST}[ ])?"
            r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿ'’][\w'’\-]*"  # a word, not "Avenue Q"
            rf"(?:[ ](?:{_FR_PARTICLE}[ ])?[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*){{0,4}}"
            r"(?=[ \t]*(?:[.,;:!?)\n]|$)|[ ][a-zß-öø-ÿ])",
            0.7,
        ),
        (
            # "shows on Marina Fort Street", "lives on Elm Street": a named street without a
            # house number, after a word that places something on it
            "street without number",
            rf"(?<![\w])(?i:on|at|along|off|down|up|in|på|vid|längs)[ ]"
            rf"(?P<value>(?:{_WORD}[ ]){{1,3}}"
            r"(?:Street|Road|Avenue|Boulevard|Lane|Drive|St\.|Rd\.|Ave\.))"
            r"(?![\w])",
            0.6,
        ),
        (
            # "lives on Martinez Mall", "moved to Tarsicio Isle.": a named street with any street
            # type but no house number, after a phrase that gives where someone lives or where
            # something goes; not a region ("moved to Silicon Valley")
            "street without number",
            r"(?<![\w])(?i:lives?\s(?:at|on)|lived\s(?:at|on)|living\s(?:at|on)|moved\sto"
            r"|located\s(?:at|on)|address\s(?:is|to)|address:|(?:deliver|ship|send|sent|mail)(?:ed)?"
            r"(?:\s(?:it|them|this|that|the\s\w+))?\sto:?)[ ]"
            rf"(?P<value>(?!The[ ])(?:{_WORD}[ ]){{1,2}}"
            rf"{_NOT_A_REGION}"
            rf"(?:{STREET_TYPE}|{RARE_STREET_TYPE}))"
            r"(?=[ \t]*(?:[.,;:!?)\n]|$)|[ ][a-zß-öø-ÿ])",
            0.6,
        ),
        (
            # ... or a street named after a person or an unknown word, after a word that
            # places something at it or a label that names a place: "drinks at Inna Loop",
            # "visit Miletić Dale", "Destination:\nMarina Fort", "address": "Berg Hills" (see
            # accept: a listed name or no common word, and a street word that is no name:
            # not "Anna Hill", "at Royal Court")
            "named street",
            r"(?<![\w])(?:(?i:at|on|to|from|near|via|onto|is|address|of|visit(?:ing)?|outside"
            r"|between|past|behind|opposite|towards?|say|says|it's)[ ]"
            r"|(?i:address|destination|location|venue|site|property|ship\sto|deliver\sto)"
            r"[ \t]*:[ \t]*\n?[ \t]*"
            r"|\"(?:address|to|line1|street|location|destination)\":[ ]?\")"
            rf"(?P<value>{_WORD}[ ]"
            rf"{_NOT_A_REGION}"
            rf"(?:{STREET_TYPE}|{RARE_STREET_TYPE}))"
            r"(?=[ \t]*(?:[.,;:!?)\n\"]|$)|[ ](?!of\b)[a-zß-öø-ÿ])",
            0.55,
        ),
        (
            # "the corner of Dalbraut 99 and Frederikke Coves": an intersection, two streets
            # of capitalised words (and house numbers) joined by "and"/"och"/"&".
            "corner",
            r"(?<![\w])(?i:(?:the\s)?corner\sof|hörnet\s(?:av|mellan))\s"
            rf"(?:(?:\d{{1,6}}|[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’.\-]*|ul\.|u\.|str\.?"
            rf"|{_CORNER_PARTICLE})\s){{1,5}}"
            r"(?:and|och|&)\s"
            rf"(?:\d{{1,6}}\s)?(?:{_CORNER_PARTICLE}\s){{0,2}}"
            # (the second street's words stay on its line: "... and Rennie Union\nPhone")
            r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’\-]*(?:[ \t](?:[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’\-]*"
            r"|\d{1,5}|St\.?|Str\.?|Rd\.?|Ave\.?)){0,3}",
            0.9,  # a specific phrase: it wins over the single street inside it
        ),
    )
    CONTEXT = (
        "address", "live", "lives", "street", "deliver", "ship", "send", "located", "office",
        "billing", "moved",
    )  # fmt: skip
    CONTEXT_KEY = "SE_ADDRESS"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """The patterns; and in a text typed without any capital ("eva lives at 255 hersnapvej
        18, københavn k"), the patterns again over a copy with its words capitalised (the
        patterns lean on capitals to tell a street from prose). Offsets are the same in both;
        of the two passes' addresses, those inside another are dropped (the text as written
        may find "4880 betburweg 74" of "4880 betburweg 74 suite 967, lascano, uruguay")."""
        results = super().analyze(text, entities, nlp_artifacts)
        if (
            any(ch.isupper() for ch in text)
            or _MACHINE_TEXT.search(text)
            or not _LOWER_CASE_WITH_NUMBER.search(text)
        ):
            return results
        return _outermost(results + super().analyze(capitalised(text), entities, nlp_artifacts))

    def pattern_wanted(self, name: str, text: str) -> bool:
        """The European suffix pattern tries its suffixes at every word; it only runs over a
        text with a word ending in one of them before a house number (a tenth of the time)."""
        if name != "european suffix street":
            return True
        return any(
            match.group(1).lower().endswith(_EU_SUFFIX_ENDINGS)
            for match in _WORD_BEFORE_HOUSE.finditer(text)
        )

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        """Widen a street to its postal block: unit, town and postcode lines that follow, and a
        number in front of it; a bare "block head" must be followed by a unit, or by a postcode
        line with its town. The block ends at its town: a line or sentence after a postcode
        line that names its town, or a second postcode after a blank line, is not part of it."""
        checked = _pattern_start(text, start, end, pattern)
        if checked is None:
            return None
        start = checked
        lead = _LEADING_NUMBER.search(text, max(0, start - 8), start)
        if lead and pattern != "block head":
            start = lead.start()
        else:
            start = _street_words_before(text, start)
        # "Apt. 675 62314 Mellemvej 32": a flat written before the street line belongs to it
        if pattern != "unit" and (unit := _UNIT_BEFORE.search(text, max(0, start - 24), start)):
            start = unit.start()
        end = _street_line_end(text, start, end)
        kinds: list[str] = []
        towns = 0
        has_postcode = _HAS_POSTCODE.search(text, start, end) is not None
        # the pattern itself may end on a postal line with its town ("Storgatan 5\n123 45 Täby")
        line_start = text.rfind("\n", start, end) + 1
        town_seen = has_postcode and _POST_WITH_TOWN.search(text, line_start, end) is not None
        towns_named = town_seen
        previous = "post" if town_seen else None
        while len(kinds) < 5:
            match = _CONTINUATION.match(text, end)
            if match is None and text.startswith(".\n", end):
                match = _CONTINUATION.match(text, end + 1)  # "Piroska u. 97.\nPorto Alegre"
            if match is None and (line := _town_and_country_line(text, end)) is not None:
                kinds.append("town")  # "...\nLekkerkerk, Malawi and I love it"
                end = line
                break
            if match is None or match.lastgroup is None:
                break
            if match.lastgroup == "town":
                towns += 1
                if towns > 2 or ((kinds[-1] if kinds else previous) == "post" and town_seen):
                    break  # a line after "52964 Helsingborg" is the letter going on
            blank = _AFTER_BLANK.match(text, end) if match.lastgroup == "post" else None
            if blank is not None and (has_postcode or _NOT_A_TOWN.match(text, blank.end())):
                # "52964 Borlänge\n\nOrder 55123": the block had its postcode already;
                # "Manawawhero 3108\n\nOrder 55123": an order number is no postal line
                break
            town_seen = match.lastgroup == "town" or bool(_POST_WITH_TOWN.search(match.group()))
            has_postcode = has_postcode or match.lastgroup == "post"
            towns_named = towns_named or town_seen
            kinds.append(match.lastgroup)
            end = match.end()
        if pattern == "block head" and not ("unit" in kinds or ("post" in kinds and towns_named)):
            return None  # "Notepad 3\n12345 units": a bare number line is no postal block
        if kinds and kinds[-1] != "unit":
            if text[end - 1 : end] == "." and kinds[-1] in ("post", "town"):
                end -= 1  # the full stop after "52964 Helsingborg." ends the sentence
            return start, end
        start, end = self._inline(text, start, end, pattern)
        if _SENTENCE_END_AFTER_NUMBER.match(text, end - 2):
            end -= 1  # "... to Hansinegata 120. Thanks": the full stop ends the sentence
        return start, end

    @staticmethod
    def _inline(text: str, start: int, end: int, pattern: str) -> tuple[int, int]:
        """One-line international addresses: a unit after the street (``ul. Miła 57 Apt.
        819``), the street line in front of a bare unit (``692 Kuuse 53 Apt. 641``), and after
        a unit the town, region, country and postcode words up to the end of the address
        (``, Grubbenvorst, Netherlands 04020``): capitalised words, joiners such as ``u`` or
        ``de`` between them, an optional final postcode."""
        for _ in range(2):  # "Apt. 758 Suite 263"
            if (unit := _INLINE_UNIT.match(text, end)) is None:
                break
            end = unit.end()
        if pattern == "unit" and (
            street := _STREET_BEFORE_UNIT.search(text, max(0, start - 80), start)
        ):
            start = _street_words_before(text, street.start())
        if _ENDS_WITH_UNIT.search(text, start, end) is None:
            return start, _town_and_country(text, end)
        position, words, last = end, 0, end
        while words < 8 and (word := _TAIL_WORD.match(text, position)) is not None:
            token = word.group(1).strip("()")
            if token.isdigit() and 4 <= len(token) <= 6:
                last = word.end()  # a postcode ends the address
                break
            if token.lower() in _TAIL_JOINERS and words:
                position = word.end()
                continue
            if not (token[:1].isupper() or token.isupper()) or (
                token.lower() in common_words() and not token.isupper()
            ):
                break  # a lower-case word, or a sentence going on ("Apt. 5 Please call")
            position = last = word.end()
            words += 1
        if last > end and _TAIL_END.match(text, last):
            end = last
        return start, end
