"""The signal model (bot/classifier.py) and its step in Rasa's NLU pipeline (components/signaal.py).

The model is learnt from the real labelled sets of data/signalen/; the component is trained,
persisted and loaded through Rasa's own model storage, as `rasa train` and `rasa run` do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import classifier
from tests.conftest import ROOT

EXAMPLES = ROOT / classifier.EXAMPLES_DIR


@pytest.fixture(scope="module")
def model():
    return classifier.train(classifier.labelled_examples(EXAMPLES))


def test_every_labelled_set_is_read_with_its_groups():
    examples = classifier.labelled_examples(EXAMPLES)
    counts = {label: sum(1 for _, found in examples if found == label) for label in classifier.GROUPS.values()}
    assert counts[classifier.NOTHING] > 3000 and counts[classifier.STRAIN] > 900 and counts[classifier.DANGER] > 400


@pytest.mark.parametrize(
    "text, most",
    [
        ("ik kan echt niet meer, ik slaap al weken slecht en huil om niks", "spanning"),
        ("ik wil er niet meer zijn, iedereen is beter af zonder mij", "gevaar"),
        ("de klantmanager en ik hebben een gezamenlijk plan gemaakt voor de inwoner", None),
    ],
)
def test_the_model_tells_danger_strain_and_a_case_answer_apart(model, text, most):
    (found,) = classifier.likelihoods(model, [text])
    nothing = 1 - found["gevaar"] - found["spanning"]
    if most is None:
        assert nothing > 0.5, found
    else:
        assert found[most] > 0.5, found


def test_chat_spelling_and_a_typing_slip_are_read_as_the_words_they_stand_for(model):
    (plain,), (chat,) = (
        classifier.likelihoods(model, ["ik kan niet meer"]),
        classifier.likelihoods(model, ["k kan nie meer"]),
    )
    assert chat == plain  # normalised to the same text before the model sees it


def test_the_same_examples_give_the_same_model():
    examples = classifier.labelled_examples(EXAMPLES)[:1500] + [("ik ben op", 1), ("ik wil dood", 2)]
    texts = ["ik ben zo moe", "de inwoner belde"]
    assert classifier.likelihoods(classifier.train(examples), texts) == classifier.likelihoods(
        classifier.train(examples), texts
    )


def test_the_direct_scorer_gives_the_pipelines_likelihoods_for_every_labelled_message(model):
    """The pipeline step scores with classifier.Scorer (fast); a danger or strain likelihood
    that differed from the trained pipeline's would change who gets a check-in."""
    texts = [text for text, _ in classifier.labelled_examples(EXAMPLES)]
    texts += ["", "   ", "xyzzy qwerty", "k kan nie meer!!!", "ik ben op. ik ben op. ik ben op."]
    scorer = classifier.Scorer(model)
    assert scorer.likelihoods(texts) == classifier.likelihoods(model, texts)


def test_a_model_of_another_shape_is_refused_by_the_scorer_with_a_dutch_message(model):
    import copy

    other = copy.deepcopy(model)
    other.steps[0][1].transformer_list[0][1].sublinear_tf = False
    with pytest.raises(ValueError, match="train het opnieuw"):
        classifier.Scorer(other)


@pytest.mark.parametrize(
    "body, says",
    [
        ("onschuldig:\n  - altijd\nzorgen:\n  - ik ben op\n", ["set.yml", "onbekende groep 'zorgen'", "gevaar"]),
        ('gevaar:\n  - "ik wil dood\n', ["set.yml:", "geen geldige YAML", '  - "tekst"']),
        ("spanning:\n  - \n", ["set.yml", "groep 'spanning'", "zonder lege regels"]),
        ("- ik ben op\n", ["set.yml", "verwacht groepen"]),
    ],
)
def test_a_broken_labelled_set_is_reported_with_its_file_and_how_to_fix_it(tmp_path: Path, body, says):
    (tmp_path / "set.yml").write_text(body, encoding="utf-8")
    with pytest.raises(classifier.ExamplesError) as error:
        classifier.labelled_examples(tmp_path)
    for part in says:
        assert part in str(error.value)


def test_a_folder_without_sets_is_reported(tmp_path: Path):
    with pytest.raises(classifier.ExamplesError, match="geen voorbeeldbestanden"):
        classifier.labelled_examples(tmp_path)


def test_the_pipeline_step_is_trained_persisted_and_loaded_through_rasas_model_storage(tmp_path: Path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from components.signaal import OUTPUT_KEY, SignaalClassifier

    (tmp_path / "storage").mkdir()
    storage = LocalModelStorage(tmp_path / "storage")
    resource = Resource("signaal")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**SignaalClassifier.get_default_config(), "voorbeelden": str(EXAMPLES)}
    nlu = TrainingData(
        [
            Message(data={"text": "sla deze vraag maar over", "intent": "skip"}),
            Message(data={"text": "ik kan niet meer", "intent": "distress"}),  # distress: not taught as harmless
        ]
    )
    SignaalClassifier.create(config, storage, resource, context).train(nlu)

    loaded = SignaalClassifier.load(config, storage, resource, context)
    texts = ["ik slaap al weken slecht en moet steeds huilen", "de inwoner kreeg de beschikking na drie weken"]
    expected = classifier.likelihoods(loaded._model, texts)  # scikit-learn's own way
    strain, case = (
        Message(data={"text": "ik slaap al weken slecht en moet steeds huilen"}),
        Message(data={"text": "de inwoner kreeg de beschikking na drie weken"}),
    )
    loaded.process([strain, case])
    # The likelihoods are in what Rasa puts in the parse result, and no intent is set.
    output = strain.as_dict(only_output_properties=True)
    assert set(output[OUTPUT_KEY]) == {"gevaar", "spanning"} and "intent" not in output
    assert output[OUTPUT_KEY]["spanning"] > 0.5
    assert sum(case.get(OUTPUT_KEY).values()) < 0.5
    assert [strain.get(OUTPUT_KEY), case.get(OUTPUT_KEY)] == expected


def test_a_model_trained_without_the_step_leaves_the_parse_as_it_was(tmp_path: Path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message

    from components.signaal import OUTPUT_KEY, SignaalClassifier

    (tmp_path / "storage").mkdir()
    storage = LocalModelStorage(tmp_path / "storage")
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = SignaalClassifier.load(SignaalClassifier.get_default_config(), storage, Resource("missing"), context)
    message = Message(data={"text": "ik kan niet meer"})
    loaded.process([message])
    assert message.get(OUTPUT_KEY) is None
