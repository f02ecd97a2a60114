"""The signal model as a step of Rasa's NLU pipeline (config.yml): a thin adapter over bot/classifier.py.

Trained by ``rasa train`` on the labelled sets of ``data/signalen/`` and on the NLU's own
examples of every intent but distress (harmless). At run time it adds to each parse result

    "signaal": {"gevaar": 0.01, "spanning": 0.97}

which Rasa keeps with the user's message, so the action server's judgement (bot/signals.py)
reads it from the tracker. It sets no intent: what the message asks stays DIET's.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import classifier

logger = logging.getLogger(__name__)

# The key of the parse result (and of the tracker's latest message) that holds the likelihoods.
OUTPUT_KEY = "signaal"
MODEL_FILE = "signaal.joblib"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SignaalClassifier(GraphComponent):
    """Adds how likely a message tells of danger or strain (bot/classifier.py)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The labelled sets, relative to where `rasa train` runs (the project's root).
        return {"voorbeelden": classifier.EXAMPLES_DIR}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: Any = None):
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._scorer: classifier.Scorer | None = None
        if model is not None:
            try:
                self._scorer = classifier.Scorer(model)
            except ValueError as problem:  # a model of another shape: scikit-learn's own way, slower
                logger.warning("%s", problem)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SignaalClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        import joblib

        examples = classifier.labelled_examples(Path(self._config["voorbeelden"]))
        harmless = [
            (message.get(TEXT), classifier.NOTHING)
            for message in training_data.intent_examples
            if message.get(INTENT) != "distress" and message.get(TEXT)
        ]
        self._model = classifier.train([*examples, *harmless])
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / MODEL_FILE)
        logger.info("signal model trained on %d labelled and %d NLU examples", len(examples), len(harmless))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SignaalClassifier:
        import joblib

        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            # A model trained without this step: the judgement goes on without the likelihoods.
            logger.warning("the signal model is missing from the trained model: run `make train`")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        texts = [message.get(TEXT) or "" for message in messages]
        if self._model is None:
            return messages
        found_all = self._scorer.likelihoods(texts) if self._scorer else classifier.likelihoods(self._model, texts)
        for message, found in zip(messages, found_all, strict=True):
            message.set(OUTPUT_KEY, found, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
