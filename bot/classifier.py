"""The signal model: how likely a message tells of danger or strain, learnt from examples.

The phrase lists of content/signalen.yml recognise the wording they were built from; each
writer they had not seen got far less of it recognised (docs/benchmarks.md). This model
learns from every labelled message in ``data/signalen/`` (danger, strain, strain with a
request, harmless answers, each set once written blind) and from the NLU's own examples of
everything but distress (answers, requests, small talk: all harmless). It reads word and
character n-grams of the normalised text, so chat spelling and typing slips count too.

It is trained with the Rasa model by the pipeline component ``components/signaal.py``,
which puts its likelihoods in the parse result. The judgement (bot/signals.py) uses them only
for a message about the writer, when the phrase lists found nothing, and only when the model
is near certain: measured both ways in tests/nlu/test_signalen.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.phrases import normalise

# What the model tells apart, in the order of its classes.
NOTHING, STRAIN, DANGER = 0, 1, 2
# The groups of a labelled set (data/signalen/*.yml, tests/nlu/signalen_blind*.yml) and what each teaches.
GROUPS = {"onschuldig": NOTHING, "spanning": STRAIN, "spanning_met_verzoek": STRAIN, "gevaar": DANGER}
# Where the labelled sets are, relative to the project's root (the component's default).
EXAMPLES_DIR = "data/signalen"
# How strongly the model may lean on single n-grams (scikit-learn's C; chosen by leaving
# one blind set out at a time on 2026-12-05: 4 kept false alarms lowest at equal recall).
# Tried again in session 11 with twenty sets: C 8, 16 or 32, word trigrams, character 6-grams,
# a calibrated linear SVM and the maximum over sentences each moved danger and strain by at
# most a point (the last at three times the check-ins on harmless answers); kept as it is.
REGULARISATION = 4.0


class ExamplesError(ValueError):
    """A labelled set that cannot be read: the message says where and how to fix it."""


def labelled_examples(directory: Path) -> list[tuple[str, int]]:
    """(text, class) of every labelled set in ``directory``, in file order."""
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise ExamplesError(f"{directory}: geen voorbeeldbestanden (*.yml) gevonden voor het signaalmodel")
    examples: list[tuple[str, int]] = []
    for path in files:
        examples += _read_set(path)
    return examples


def _read_set(path: Path) -> list[tuple[str, int]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ExamplesError(
            f"{where}: geen geldige YAML ({error}). Zet elke zin als '  - \"tekst\"' onder zijn groep."
        ) from error
    if not isinstance(data, dict):
        raise ExamplesError(f"{path}: verwacht groepen ({', '.join(GROUPS)}) met elk een lijst zinnen")
    examples = []
    for group, texts in data.items():
        if group not in GROUPS:
            raise ExamplesError(f"{path}: onbekende groep '{group}'; kies uit {', '.join(GROUPS)}")
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise ExamplesError(f"{path}: groep '{group}' moet een lijst zinnen (tekst) zijn, zonder lege regels")
        examples += [(text, GROUPS[group]) for text in texts]
    return examples


def train(examples: Iterable[tuple[str, int]]) -> Any:
    """A fitted scikit-learn pipeline over normalised text (deterministic: same data, same model)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    examples = list(examples)
    texts, labels = zip(*examples, strict=True) if examples else ((), ())
    if set(labels) != {NOTHING, STRAIN, DANGER}:
        raise ExamplesError("het signaalmodel heeft voorbeelden nodig van onschuldig, spanning en gevaar")
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
    )
    model = make_pipeline(
        features, LogisticRegression(C=REGULARISATION, max_iter=2000, class_weight="balanced", random_state=0)
    )
    return model.fit([normalise(text) for text in texts], list(labels))


def likelihoods(model: Any, texts: list[str]) -> list[dict[str, float]]:
    """For each text: how likely it tells of danger (``gevaar``) and of strain (``spanning``)."""
    if not texts:
        return []
    rows = model.predict_proba([normalise(text) for text in texts])
    return [_named(row, list(model.classes_)) for row in rows]


def _named(row: Any, classes: list[int]) -> dict[str, float]:
    return {
        "gevaar": round(float(row[classes.index(DANGER)]), 4),
        "spanning": round(float(row[classes.index(STRAIN)]), 4),
    }


class Scorer:
    """The trained pipeline's likelihoods for one message at a time, computed directly.

    scikit-learn's pipeline checks its input, builds sparse matrices and stacks the two
    vectorisers' columns for every call: about 2 ms for one short message, in every turn. The
    model is linear over tf-idf features, so the same numbers come from the n-grams of the
    message, their weights and the softmax (tests/test_classifier.py holds them equal to the
    pipeline's over every labelled message)."""

    def __init__(self, model: Any) -> None:
        import numpy as np

        union, regression = model.steps[0][1], model.steps[-1][1]
        if getattr(union, "transformer_weights", None) or len(regression.classes_) != 3:
            raise ValueError("het signaalmodel heeft een andere vorm dan verwacht: train het opnieuw (make train)")
        self._classes = list(regression.classes_)
        self._softmax = regression.coef_.shape[0] == len(self._classes) and regression.multi_class != "ovr"
        self._intercept = np.asarray(regression.intercept_, dtype=float)
        self._vectorisers = []
        offset = 0
        for _, vectoriser in union.transformer_list:
            if not (vectoriser.sublinear_tf and vectoriser.norm == "l2" and vectoriser.use_idf):
                raise ValueError("het signaalmodel heeft een andere vorm dan verwacht: train het opnieuw (make train)")
            size = len(vectoriser.vocabulary_)
            self._vectorisers.append(
                (
                    vectoriser.build_analyzer(),
                    vectoriser.vocabulary_,
                    np.asarray(vectoriser.idf_, dtype=float),
                    np.asarray(regression.coef_[:, offset : offset + size], dtype=float),
                )
            )
            offset += size
        if offset != regression.coef_.shape[1]:
            raise ValueError("het signaalmodel heeft een andere vorm dan verwacht: train het opnieuw (make train)")

    def likelihoods(self, texts: list[str]) -> list[dict[str, float]]:
        return [_named(self._probabilities(normalise(text)), self._classes) for text in texts]

    def _probabilities(self, text: str) -> Any:
        import numpy as np

        scores = self._intercept.copy()
        for analyse, vocabulary, idf, weights in self._vectorisers:
            counts: dict[int, int] = {}
            for term in analyse(text):
                index = vocabulary.get(term)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            values = (np.log(np.fromiter(counts.values(), dtype=float, count=len(counts))) + 1.0) * idf[columns]
            values /= np.sqrt(values @ values)
            scores += weights[:, columns] @ values
        if self._softmax:
            exponent = np.exp(scores - scores.max())
            return exponent / exponent.sum()
        odds = 1.0 / (1.0 + np.exp(-scores))
        return odds / odds.sum()
