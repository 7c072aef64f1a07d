"""A neural sequence tagger for the German NER: BiLSTM-CRF over pretrained word vectors, a character CNN
and the CRF's cheap discrete features (an optional backend of the entities stage; needs ``torch``,
``pip install lagebild[neural]``).

Each token is represented by

* its **word vector** (lower-cased, digits read as ``0``), pretrained with word2vec on the shareable
  unlabelled text of ``../shared/data`` (:mod:`lagebild.training.ner_neural`) and kept fixed while the
  tagger is trained, so that a word the annotated sentences never showed keeps the neighbours its
  vector learnt;
* a **character CNN** over its characters (case kept), for unknown words and German inflection;
* small embeddings of the discrete features of :class:`lagebild.extract.entities.crf.WordClasses`: the
  shape ("Xx"), the lexical class (known noun, name, compound head, unknown …), the 128-class word
  class of a capitalised unknown word or name, and five gazetteer flags (country, major place, any
  GeoNames town, actor name word, given name);
* a **domain** embedding of the sentence's corpus ("frustratingly easy" adaptation in its neural form):
  the sentences of the further corpora carry their corpus's id, GermEval's and the text at run time the
  target domain's, so the legal or historical register does not swamp news.

A one-layer BiLSTM reads the sentence, a linear layer scores the BIO tags and a linear-chain CRF
(transition scores) decodes the best sequence (Viterbi). A model folder holds ``meta.json`` with
``"kind": "bilstm-crf"``, ``vocab.json`` (the word, character and feature vocabularies and the sizes
the network was built with) and ``tagger.pt`` (the weights, the word vectors among them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lagebild.errors import ModelError

KIND = "bilstm-crf"
META_FILE = "meta.json"
VOCAB_FILE = "vocab.json"
WEIGHTS_FILE = "tagger.pt"
PAD, UNKNOWN = 0, 1  # ids of padding and of an unknown symbol in every vocabulary
TARGET_DOMAIN = "news"  # the domain id of GermEval's sentences and of every text tagged at run time
GAZETTEER_FLAGS = "cpqog"  # country, major place, any GeoNames town, actor name word, given name
MAX_CHARS = 24  # longer words keep their first and last 12 characters
_DIGIT = re.compile(r"\d")


def normalise(word: str) -> str:
    """The form a word vector is looked up by: lower case, every digit ``0`` ("März", "2016" → "märz", "0000")."""
    return _DIGIT.sub("0", word.lower())


def clip_chars(word: str) -> str:
    """At most :data:`MAX_CHARS` characters: the first and the last half of a longer word."""
    if len(word) <= MAX_CHARS:
        return word
    half = MAX_CHARS // 2
    return word[:half] + word[-half:]


def is_neural_model(folder: Path) -> bool:
    """Whether ``folder`` holds a model of this kind (its ``meta.json`` says ``"kind": "bilstm-crf"``)."""
    meta = folder / META_FILE
    if not (meta.is_file() and (folder / WEIGHTS_FILE).is_file()):
        return False
    try:
        return bool(json.loads(meta.read_text(encoding="utf-8")).get("kind") == KIND)
    except (OSError, ValueError):
        return False


def import_torch() -> Any:
    """``torch``, one thread, or a ModelError that says how to install it."""
    try:
        import torch
    except ImportError as exc:
        raise ModelError(
            "the neural NER needs torch, which is not installed: pip install 'lagebild[neural]' "
            "(a CPU build is enough), or use the shipped CRF model"
        ) from exc
    return torch


def build_network(sizes: dict[str, int]) -> Any:
    """The BiLSTM-CRF network with the vocabulary and layer sizes of ``sizes`` (see :class:`Vocabulary`)."""
    torch = import_torch()
    nn = torch.nn

    class BiLstmCrf(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding(sizes["words"], sizes["word_dim"], padding_idx=PAD)
            self.words.weight.requires_grad = False  # pretrained vectors stay fixed
            self.chars = nn.Embedding(sizes["chars"], sizes["char_dim"], padding_idx=PAD)
            self.char_cnn = nn.Conv1d(sizes["char_dim"], sizes["char_filters"], kernel_size=3, padding=1)
            self.shapes = nn.Embedding(sizes["shapes"], 8, padding_idx=PAD)
            self.lexical = nn.Embedding(sizes["lexical"], 8, padding_idx=PAD)
            self.clusters = nn.Embedding(sizes["clusters"], 16, padding_idx=PAD)
            self.domains = nn.Embedding(sizes["domains"], 8)
            width = sizes["word_dim"] + sizes["char_filters"] + 8 + 8 + 16 + len(GAZETTEER_FLAGS) + 8
            self.dropout = nn.Dropout(sizes.get("dropout_pct", 50) / 100)
            self.lstm = nn.LSTM(width, sizes["hidden"], batch_first=True, bidirectional=True)
            self.emit = nn.Linear(2 * sizes["hidden"], sizes["tags"])
            self.transitions = nn.Parameter(torch.zeros(sizes["tags"], sizes["tags"]))  # [from, to]
            self.start = nn.Parameter(torch.zeros(sizes["tags"]))
            self.end = nn.Parameter(torch.zeros(sizes["tags"]))

        def char_vectors(self, chars: Any) -> Any:
            """(words, MAX_CHARS) character ids → (words, char_filters) by max pooling the CNN."""
            embedded = self.chars(chars).transpose(1, 2)
            convolved = self.char_cnn(embedded)
            convolved = convolved.masked_fill((chars == PAD).unsqueeze(1), -1e4)
            return convolved.max(dim=2).values

        def word_inputs(
            self, ids: Any, shape: Any, lexical: Any, cluster: Any, gazetteer: Any, chars: Any
        ) -> Any:
            """The input vector of each token without its domain: word vector, character CNN output,
            shape, lexical class, word class, gazetteer flags (``chars``: the CNN's outputs)."""
            return torch.cat(
                [
                    self.words(ids), chars, self.shapes(shape), self.lexical(lexical), self.clusters(cluster),
                    gazetteer,
                ],
                dim=-1,
            )  # fmt: skip

        def sequence_scores(self, inputs: Any, domain: Any, lengths: Any) -> Any:
            """Tag scores (sentences, tokens, tags) of padded token inputs and each sentence's domain id."""
            domain_vectors = self.domains(domain).unsqueeze(1).expand(-1, inputs.shape[1], -1)
            inputs = self.dropout(torch.cat([inputs, domain_vectors], dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(
                inputs, lengths, batch_first=True, enforce_sorted=False
            )
            output, _ = self.lstm(packed)
            output, _ = nn.utils.rnn.pad_packed_sequence(
                output, batch_first=True, total_length=inputs.shape[1]
            )
            return self.emit(self.dropout(output))

        def emissions(self, batch: dict[str, Any]) -> Any:
            """Tag scores (sentences, tokens, tags) of a padded batch (see :meth:`Vocabulary.batch`)."""
            # the character CNN runs once per distinct word of the batch
            char_vectors = self.char_vectors(batch["chars"])[batch["word_index"]]
            inputs = self.word_inputs(
                batch["ids"],
                batch["shape"],
                batch["lexical"],
                batch["cluster"],
                batch["gazetteer"],
                char_vectors,
            )
            return self.sequence_scores(inputs, batch["domain"], batch["lengths"])

        def loss(self, batch: dict[str, Any], tags: Any) -> Any:
            """Mean negative log-likelihood of the gold tag sequences under the linear-chain CRF."""
            scores = self.emissions(batch)
            mask = batch["mask"]
            count, length = tags.shape
            rows = torch.arange(count)
            gold = self.start[tags[:, 0]] + scores[rows, 0, tags[:, 0]]
            alpha = self.start.unsqueeze(0) + scores[:, 0]
            for i in range(1, length):
                step = mask[:, i]
                gold = gold + step * (
                    self.transitions[tags[:, i - 1], tags[:, i]] + scores[rows, i, tags[:, i]]
                )
                moved = torch.logsumexp(
                    alpha.unsqueeze(2) + self.transitions.unsqueeze(0) + scores[:, i].unsqueeze(1), dim=1
                )
                alpha = torch.where(step.unsqueeze(1) > 0, moved, alpha)
            last = tags[rows, batch["lengths"] - 1]
            gold = gold + self.end[last]
            partition = torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1)
            return (partition - gold).mean()

        def decode(self, batch: dict[str, Any]) -> list[list[int]]:
            """The best tag sequence of each sentence of a padded batch."""
            return self.viterbi(self.emissions(batch), batch["mask"], batch["lengths"])

        def viterbi(self, scores: Any, mask: Any, lengths: Any) -> list[list[int]]:
            """The best tag sequence of each sentence (Viterbi over emissions and transitions)."""
            return viterbi_paths(
                scores.detach().numpy(),
                lengths.tolist(),
                self.transitions.detach().numpy(),
                self.start.detach().numpy(),
                self.end.detach().numpy(),
            )

    return BiLstmCrf()


def viterbi_paths(
    scores: Any, lengths: Sequence[int], transitions: Any, start: Any, end: Any
) -> list[list[int]]:
    """The best tag sequence of each sentence under a linear-chain CRF, in NumPy (small arrays: NumPy's
    per-call cost is a fraction of torch's). ``scores``: (sentences, tokens, tags) emissions, padded;
    ``transitions[a, b]``: the score of tag b after tag a; ``start``/``end``: of the first and last tag."""
    import numpy as np

    count, longest, _tags = scores.shape
    sizes = np.asarray(lengths)
    best = start + scores[:, 0]
    back = np.zeros((longest, count, len(start)), dtype=np.int64)
    for i in range(1, longest):
        candidates = best[:, :, None] + transitions[None]
        argmax = candidates.argmax(axis=1)
        moved = candidates.max(axis=1) + scores[:, i]
        best = np.where((i < sizes)[:, None], moved, best)
        back[i] = argmax
    tag = (best + end).argmax(axis=1)
    paths = np.zeros((count, longest), dtype=np.int64)
    rows = np.arange(count)
    paths[:, longest - 1] = tag
    for i in range(longest - 2, -1, -1):
        tag = np.where(i < sizes - 1, back[i + 1, rows, tag], tag)
        paths[:, i] = tag
    return [paths[row, :size].tolist() for row, size in enumerate(lengths)]


class Vocabulary:
    """The symbols a model was trained with and the turning of sentences into padded tensors."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.tables = tables
        self.words: dict[str, int] = {w: i for i, w in enumerate(tables["words"])}
        self.chars: dict[str, int] = {c: i for i, c in enumerate(tables["chars"])}
        self.shapes: dict[str, int] = {s: i for i, s in enumerate(tables["shapes"])}
        self.lexical: dict[str, int] = {s: i for i, s in enumerate(tables["lexical"])}
        self.clusters: dict[str, int] = {s: i for i, s in enumerate(tables["clusters"])}
        self.domains: dict[str, int] = {s: i for i, s in enumerate(tables["domains"])}
        self.tags: list[str] = list(tables["tags"])
        self.sizes: dict[str, int] = dict(tables["sizes"])
        self.token_cache: dict[str, tuple[int, int, int, int, tuple[float, ...]]] = {}

    @classmethod
    def read(cls, folder: Path) -> Vocabulary:
        return cls(json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8")))

    def write(self, folder: Path) -> None:
        (folder / VOCAB_FILE).write_text(json.dumps(self.tables, ensure_ascii=False), encoding="utf-8")

    def token(self, word: str, classes: Any) -> tuple[int, int, int, int, tuple[float, ...]]:
        """(word id, shape id, lexical class id, word class id, gazetteer flags) of a word, cached."""
        found = self.token_cache.get(word)
        if found is not None:
            return found
        values = classes.features(word)
        lexical = values[2]
        cluster = values[9] if lexical in ("U", "E", "B") else "-"
        gazetteer = values[3]
        found = (
            self.words.get(normalise(word), UNKNOWN),
            self.shapes.get(values[1], UNKNOWN),
            self.lexical.get(lexical, UNKNOWN),
            self.clusters.get(cluster, UNKNOWN),
            tuple(1.0 if flag in gazetteer else 0.0 for flag in GAZETTEER_FLAGS),
        )
        if len(self.token_cache) > 200_000:
            self.token_cache.clear()
        self.token_cache[word] = found
        return found

    def batch(
        self, sentences: Sequence[Sequence[str]], classes: Any, domains: Sequence[str] | None = None
    ) -> dict[str, Any]:
        """Padded tensors of several sentences (each a non-empty list of tokens): word, feature and domain
        ids, the character ids of each distinct word and every token's index into them, lengths, mask."""
        torch = import_torch()
        count = len(sentences)
        longest = max(len(s) for s in sentences)
        ids = torch.zeros(count, longest, dtype=torch.long)
        shape = torch.zeros(count, longest, dtype=torch.long)
        lexical = torch.zeros(count, longest, dtype=torch.long)
        cluster = torch.zeros(count, longest, dtype=torch.long)
        gazetteer = torch.zeros(count, longest, len(GAZETTEER_FLAGS))
        word_index = torch.zeros(count, longest, dtype=torch.long)
        distinct: dict[str, int] = {"": 0}
        for row, sentence in enumerate(sentences):
            values = [self.token(word, classes) for word in sentence]
            length = len(sentence)
            ids[row, :length] = torch.tensor([v[0] for v in values])
            shape[row, :length] = torch.tensor([v[1] for v in values])
            lexical[row, :length] = torch.tensor([v[2] for v in values])
            cluster[row, :length] = torch.tensor([v[3] for v in values])
            gazetteer[row, :length] = torch.tensor([v[4] for v in values])
            word_index[row, :length] = torch.tensor([distinct.setdefault(w, len(distinct)) for w in sentence])
        chars = torch.zeros(len(distinct), MAX_CHARS, dtype=torch.long)
        for word, i in distinct.items():
            clipped = clip_chars(word)
            if clipped:
                chars[i, : len(clipped)] = torch.tensor([self.chars.get(c, UNKNOWN) for c in clipped])
        lengths = torch.tensor([len(s) for s in sentences])
        mask = (torch.arange(longest).unsqueeze(0) < lengths.unsqueeze(1)).float()
        domain_ids = [self.domains.get(d, 0) for d in (domains or [TARGET_DOMAIN] * count)]
        return {
            "ids": ids, "shape": shape, "lexical": lexical, "cluster": cluster, "gazetteer": gazetteer,
            "word_index": word_index, "chars": chars, "lengths": lengths, "mask": mask,
            "domain": torch.tensor(domain_ids, dtype=torch.long),
        }  # fmt: skip


class NeuralTagger:
    """A trained BiLSTM-CRF loaded from a model folder; tags sentences as the CRF tagger does."""

    batch_tokens = 4_000  # sentences are tagged in batches of about this many tokens

    def __init__(self, folder: Path) -> None:
        from lagebild.extract.entities.crf import CLUSTERS_FILE, WordClasses, read_word_clusters

        torch = import_torch()
        torch.set_num_threads(1)
        try:
            self.vocabulary = Vocabulary.read(folder)
            self.network = build_network(self.vocabulary.sizes)
            state = torch.load(folder / WEIGHTS_FILE, map_location="cpu", weights_only=True)
            self.network.load_state_dict({k: v.float() for k, v in state.items()})
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise ModelError(f"the neural NER model in {folder} cannot be loaded: {exc}") from exc
        self.network.eval()
        self.classes = WordClasses(clusters=read_word_clusters(folder / CLUSTERS_FILE))
        self.rows: dict[str, Any] = {}  # word → its input vector (:meth:`_word_rows`)
        self.target_domain = self.vocabulary.domains.get(TARGET_DOMAIN, 0)

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO tags of one sequence of tokens."""
        return self.tag_sentences([words])[0]

    def _word_rows(self, words: Sequence[str]) -> None:
        """Compute and cache the input vectors of the words not cached yet (fixed at run time: the
        word vector, the character CNN's output and the discrete features of a word never change)."""
        torch = import_torch()
        new = [w for w in dict.fromkeys(words) if w not in self.rows]
        if not new:
            return
        if len(self.rows) + len(new) > 200_000:
            self.rows.clear()
        values = [self.vocabulary.token(word, self.classes) for word in new]
        chars = torch.zeros(len(new), MAX_CHARS, dtype=torch.long)
        for i, word in enumerate(new):
            clipped = clip_chars(word)
            if clipped:
                chars[i, : len(clipped)] = torch.tensor(
                    [self.vocabulary.chars.get(c, UNKNOWN) for c in clipped]
                )
        network = self.network
        computed = network.word_inputs(
            torch.tensor([v[0] for v in values]),
            torch.tensor([v[1] for v in values]),
            torch.tensor([v[2] for v in values]),
            torch.tensor([v[3] for v in values]),
            torch.tensor([v[4] for v in values]),
            network.char_vectors(chars),
        )
        for word, row in zip(new, computed, strict=True):
            self.rows[word] = row

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of several sentences, each a sequence of its own (batched by length)."""
        torch = import_torch()
        nn = torch.nn
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        results: list[list[str]] = [[] for _ in sentences]
        tags = self.vocabulary.tags
        start = 0
        with torch.inference_mode():
            while start < len(order):
                end = start
                tokens = 0
                while end < len(order) and (
                    end == start or tokens + len(sentences[order[end]]) <= self.batch_tokens
                ):
                    tokens += len(sentences[order[end]])
                    end += 1
                chosen = [sentences[i] for i in order[start:end]]
                self._word_rows([w for sentence in chosen for w in sentence])
                rows = self.rows
                inputs = nn.utils.rnn.pad_sequence(
                    [torch.stack([rows[w] for w in sentence]) for sentence in chosen], batch_first=True
                )
                lengths = torch.tensor([len(s) for s in chosen])
                mask = (torch.arange(inputs.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)).float()
                domain = torch.full((len(chosen),), self.target_domain, dtype=torch.long)
                scores = self.network.sequence_scores(inputs, domain, lengths)
                paths = self.network.viterbi(scores, mask, lengths)
                for i, path in zip(order[start:end], paths, strict=True):
                    results[i] = [tags[t] for t in path]
                start = end
        return results
