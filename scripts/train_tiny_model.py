#!/usr/bin/env python3
"""Train a tiny real en→ko translation model and save it as an Argos package.

A random model shows that the code path works; it cannot show what a trained
model does with a glossary placeholder, a number or a name it never saw. This
script writes sentence pairs from templates (newsroom sentences about people
and places of North Korea, with numbers, weekdays and agency acronyms that a
translation copies through), trains a small Transformer on them with torch
(four minutes on two cores), and writes its weights into a CTranslate2
TransformerSpec, packaged like any Argos model (one SentencePiece model for
both sides, as Argos packages have).

Some names are held out of training (HELD_OUT): a model cannot know them, which
is what glossary protection is for. scripts/placeholder_shapes.py and the tests
use the package this writes, tests/data/tiny-en_ko.argosmodel.

Runs in an environment with torch (scripts/test makes .venv-argos, which has
the CPU build); seeds and the step count are fixed: a rerun with the same torch
and thread count gives the same model.bin, byte for byte (checked once).
Usage: .venv-argos/bin/python scripts/train_tiny_model.py [--steps 2600] [--out PATH]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import builder  # noqa: E402

PEOPLE = {
    "Kim Jong-un": "김정은",
    "Kim Yo-jung": "김여정",
    "Choe Son-hui": "최선희",
    "Pak Jong-chon": "박정천",
    "Ri Son-gwon": "리선권",
    "Hyon Song-wol": "현송월",
    "Kim Tok-hun": "김덕훈",
    "Choe Ryong-hae": "최룡해",
    "Thae Yong-ho": "태영호",
    "Moon Jae-in": "문재인",
    "Kim Yong-chol": "김영철",
    "Ri Pyong-chol": "리병철",
    "Kim Ju-ae": "김주애",
    "Ri Sol-ju": "리설주",
    "Pak Pong-ju": "박봉주",
}
PLACES = {
    "Hyesan": "혜산",
    "Sinuiju": "신의주",
    "Kaesong": "개성",
    "Chongjin": "청진",
    "Hamhung": "함흥",
    "Wonsan": "원산",
    "Nampo": "남포",
    "Rason": "라선",
    "Manpo": "만포",
    "Musan": "무산",
    "Hoeryong": "회령",
    "Pyongyang": "평양",
    "Seoul": "서울",
    "Dandong": "단둥",
    "Yongbyon": "영변",
}
#: Names the model never sees: the glossary has them, so protection must carry them through.
HELD_OUT = {"Kim Ju-ae", "Ri Sol-ju", "Pak Pong-ju", "Manpo", "Hoeryong", "Yongbyon"}
WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS = dict(zip(WEEK, "월화수목금토일", strict=True))

#: English template → Korean template. {P} person, {L} {M} places, {N} number, {D} weekday, {A} acronym;
#: a particle after a slot is chosen by the last syllable: {P:이} is 이 or 가, {L:을} 을 or 를, {P:은} 은 or 는.
TEMPLATES = [
    ("{P} visited {L} on {D}.", "{P:이} {D}요일 {L:을} 방문했다."),
    ("{P} said prices in {L} rose by {N} won.", "{P:은} {L}의 물가가 {N}원 올랐다고 말했다."),
    ("Traders in {L} sold {N} tons of rice.", "{L}의 상인들은 쌀 {N}톤을 팔았다."),
    ("{P} met officials from {L} in {M}.", "{P:은} {M}에서 {L}의 관리들을 만났다."),
    ("The {A} report says {N} people left {L}.", "{A} 보고서에 따르면 {N}명이 {L:을} 떠났다."),
    ("{P} arrived in {L} on {D}.", "{P:은} {D}요일 {L}에 도착했다."),
    ("Prices in {L} doubled on {D}.", "{D}요일 {L}의 물가가 두 배로 뛰었다."),
    ("When did you leave {L}?", "언제 {L:을} 떠났습니까?"),
    ("{P} spoke to {A} reporters in {L}.", "{P:은} {L}에서 {A} 기자들과 이야기했다."),
    ("About {N} soldiers guard the border near {L}.", "{L} 인근 국경은 약 {N}명의 군인이 지킨다."),
    ("{P} and {Q} left {L} together.", "{P:와} {Q:은} 함께 {L:을} 떠났다."),
    ("A kilo of corn cost {N} won in {L}.", "{L}에서 옥수수 1킬로그램은 {N}원이었다."),
    ("{P} wrote {R} on the wall in {L}.", "{P:은} {L}의 벽에 {R:이}라고 썼다."),
    ("The sign in {L} read {R}.", "{L}의 간판에는 {R:이}라고 적혀 있었다."),
]
#: Rare characters, each seen a few times: SentencePiece leaves them out of its vocabulary
#: (character coverage below 1, as in Argos's training), so the model learns to copy <unk>.
RARE = [chr(c) for c in range(0x2600, 0x26FF) if chr(c).isprintable()] + [chr(c) for c in range(0x3400, 0x3500)]
PARTICLES = {"이": ("이", "가"), "은": ("은", "는"), "을": ("을", "를"), "와": ("과", "와")}


def _particle(word: str, kind: str) -> str:
    last = word[-1]
    closed = not "\uac00" <= last <= "\ud7a3" or (ord(last) - 0xAC00) % 28 != 0  # a symbol: read as closed
    return PARTICLES[kind][0 if closed else 1]


def _number(rng: random.Random) -> str:
    value = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 99999)])
    return f"{value:,}" if value >= 1000 and rng.random() < 0.5 else str(value)


def _acronym(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(rng.randint(2, 4)))


def fill(template: tuple[str, str], slots: dict[str, tuple[str, str]]) -> tuple[str, str]:
    english, korean = template
    for key, (en, ko) in slots.items():
        english = english.replace("{" + key + "}", en)
        for kind in PARTICLES:
            korean = korean.replace("{" + key + ":" + kind + "}", ko + _particle(ko, kind))
        korean = korean.replace("{" + key + "}", ko)
    return english, korean


def pairs(rng: random.Random, count: int, people: dict[str, str], places: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for _ in range(count):
        number, acronym, day = _number(rng), _acronym(rng), rng.choice(list(DAYS))
        rare = "".join(rng.choice(RARE) for _ in range(rng.randint(1, 3)))
        person, other = rng.sample(sorted(people), 2)
        place, second = rng.sample(sorted(places), 2)
        slots = {
            "P": (person, people[person]),
            "Q": (other, people[other]),
            "L": (place, places[place]),
            "M": (second, places[second]),
            "N": (number, number),
            "A": (acronym, acronym),
            "D": (day, DAYS[day]),
            "R": (rare, rare),
        }
        out.append(fill(rng.choice(TEMPLATES), slots))
    return out


def known(names: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in names.items() if k not in HELD_OUT}


def unknown(names: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in names.items() if k in HELD_OUT}


def training_pairs(seed: int = 7, count: int = 6000) -> list[tuple[str, str]]:
    return pairs(random.Random(seed), count, known(PEOPLE), known(PLACES))


def unseen_pairs(seed: int = 11, count: int = 200) -> list[tuple[str, str]]:
    """Sentences of the same kinds in which every name is one the model never saw."""
    return pairs(random.Random(seed), count, unknown(PEOPLE), unknown(PLACES))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=2600, help="batches of 64 pairs to train on (default 2600)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "tiny-en_ko.argosmodel")
    args = parser.parse_args()

    import numpy as np
    import torch
    from ctranslate2.specs import transformer_spec

    torch.manual_seed(0)
    torch.set_num_threads(2)
    data = training_pairs()
    corpus = [text for pair in data for text in pair]
    sp_model, vocab = builder.sentencepiece_model(corpus, 600, character_coverage=0.995)
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=sp_model.getvalue())
    bos, eos = vocab.index("<s>"), vocab.index("</s>")
    encoded = [(sp.encode(en), sp.encode(ko)) for en, ko in data]
    model = _model_class()(len(vocab), d_model=128, heads=4, ffn=256, layers=2)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3, betas=(0.9, 0.98))
    start, step = time.perf_counter(), 0
    rng = random.Random(0)
    while step < args.steps:
        batch = rng.sample(encoded, 64)
        src = _pad([s for s, _ in batch], PAD)
        tgt_in = _pad([[bos, *t] for _, t in batch], PAD)
        tgt_out = _pad([[*t, eos] for _, t in batch], -100)
        logits = model(src, src == PAD, tgt_in)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), tgt_out.reshape(-1), ignore_index=-100)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
        if step % 100 == 0:
            print(f"step {step}: loss {loss.item():.3f} ({time.perf_counter() - start:.0f} s)", flush=True)

    # replace_unknowns copies the source token the decoder attends to most: averaged over all heads of
    # the last layer here (CTranslate2's default, one head, follows whatever that head learned).
    spec = transformer_spec.TransformerSpec.from_config((2, 2), 4, alignment_heads=4)
    model.export(spec, np)
    archive = builder.package(
        args.out, spec, vocab, sp_model, "en", "ko", "1.0", "test en-ko (tiny, trained on templated newsroom sentences)"
    )
    print(f"{archive}: {archive.stat().st_size:,} bytes after {step} steps, loss {loss.item():.3f}")
    return 0


PAD = -1  # padding, masked; never an index into the embeddings


def _pad(rows: list[list[int]], value: int):
    import torch

    width = max(map(len, rows))
    return torch.tensor([row + [value] * (width - len(row)) for row in rows])


def _model_class():
    import torch
    from torch import nn

    class Attention(nn.Module):
        def __init__(self, d: int, heads: int, fused_kv: bool):
            super().__init__()
            self.heads, self.fused_kv = heads, fused_kv
            self.query = nn.Linear(d, d) if fused_kv else None
            self.inputs = nn.Linear(d, 2 * d if fused_kv else 3 * d)
            self.out = nn.Linear(d, d)

        def forward(self, x, memory=None, key_padding=None, causal=False):
            if self.fused_kv:
                q, (k, v) = self.query(x), self.inputs(memory).chunk(2, dim=-1)
            else:
                q, k, v = self.inputs(x).chunk(3, dim=-1)
            b, t, d = q.shape
            split = lambda z: z.reshape(b, z.shape[1], self.heads, d // self.heads).transpose(1, 2)  # noqa: E731
            q, k, v = split(q), split(k), split(v)
            scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.heads)
            if key_padding is not None:
                scores = scores.masked_fill(key_padding[:, None, None, :], float("-inf"))
            if causal:
                scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
            return self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d))

    class Layer(nn.Module):
        def __init__(self, d: int, heads: int, ffn: int, decoder: bool):
            super().__init__()
            self.self_norm, self.self_attention = nn.LayerNorm(d, eps=1e-6), Attention(d, heads, False)
            self.cross_norm = nn.LayerNorm(d, eps=1e-6) if decoder else None
            self.cross = Attention(d, heads, True) if decoder else None
            self.ffn_norm = nn.LayerNorm(d, eps=1e-6)
            self.ffn = nn.Sequential(nn.Linear(d, ffn), nn.ReLU(), nn.Linear(ffn, d))

        def forward(self, x, padding, memory=None, memory_padding=None):
            x = x + self.self_attention(self.self_norm(x), key_padding=padding, causal=self.cross is not None)
            if self.cross is not None:
                x = x + self.cross(self.cross_norm(x), memory=memory, key_padding=memory_padding)
            return x + self.ffn(self.ffn_norm(x))

    class Tiny(nn.Module):
        """A pre-norm Transformer laid out the way CTranslate2's TransformerSpec stores one."""

        def __init__(self, vocab: int, d_model: int, heads: int, ffn: int, layers: int):
            super().__init__()
            self.d_model = d_model
            self.source_embeddings = nn.Embedding(vocab, d_model)
            self.target_embeddings = nn.Embedding(vocab, d_model)
            self.encoder = nn.ModuleList(Layer(d_model, heads, ffn, False) for _ in range(layers))
            self.decoder = nn.ModuleList(Layer(d_model, heads, ffn, True) for _ in range(layers))
            self.encoder_norm, self.decoder_norm = nn.LayerNorm(d_model, eps=1e-6), nn.LayerNorm(d_model, eps=1e-6)
            self.projection = nn.Linear(d_model, vocab)
            self.register_buffer("positions", torch.from_numpy(builder.sinusoids(512, d_model)))

        def embed(self, table, ids):
            return table(ids.clamp(min=0)) * math.sqrt(self.d_model) + self.positions[: ids.shape[1]]  # pads: masked

        def forward(self, src, src_padding, tgt):
            memory = self.embed(self.source_embeddings, src)
            for layer in self.encoder:
                memory = layer(memory, src_padding)
            memory = self.encoder_norm(memory)
            x = self.embed(self.target_embeddings, tgt)
            for layer in self.decoder:
                x = layer(x, None, memory, src_padding)
            return self.projection(self.decoder_norm(x))

        def export(self, spec, np) -> None:
            def put(node, module):
                node.weight = module.weight.detach().numpy().astype(np.float32)
                node.bias = module.bias.detach().numpy().astype(np.float32)

            def norm(node, module):
                node.gamma = module.weight.detach().numpy().astype(np.float32)
                node.beta = module.bias.detach().numpy().astype(np.float32)

            positions = self.positions.numpy().astype(np.float32)
            for side, table, layers, final in (
                (spec.encoder, self.source_embeddings, self.encoder, self.encoder_norm),
                (spec.decoder, self.target_embeddings, self.decoder, self.decoder_norm),
            ):
                embeddings = side.embeddings[0] if isinstance(side.embeddings, list) else side.embeddings
                embeddings.weight = table.weight.detach().numpy().astype(np.float32)
                side.position_encodings.encodings = positions
                norm(side.layer_norm, final)
                for node, layer in zip(side.layer, layers, strict=True):
                    norm(node.self_attention.layer_norm, layer.self_norm)
                    put(node.self_attention.linear[0], layer.self_attention.inputs)
                    put(node.self_attention.linear[1], layer.self_attention.out)
                    if layer.cross is not None:
                        norm(node.attention.layer_norm, layer.cross_norm)
                        put(node.attention.linear[0], layer.cross.query)
                        put(node.attention.linear[1], layer.cross.inputs)
                        put(node.attention.linear[2], layer.cross.out)
                    norm(node.ffn.layer_norm, layer.ffn_norm)
                    put(node.ffn.linear_0, layer.ffn[0])
                    put(node.ffn.linear_1, layer.ffn[2])
            put(spec.decoder.projection, self.projection)

    return Tiny


if __name__ == "__main__":
    sys.exit(main())
