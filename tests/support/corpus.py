"""The text the tiny test models are trained on, and sentences to translate with them."""

from __future__ import annotations

CORPUS = [
    "Kim Yo-jung issued a statement on Tuesday.",
    "Traders in Hyesan said rice prices doubled.",
    "The border guards took a share of everything.",
    "김여정이 화요일 담화를 발표했다.",
    "혜산의 상인들은 쌀값이 두 배로 올랐다고 말했다.",
    "金与正氏は火曜日に談話を発表した。",
    "恵山の商人たちは米の値段が倍になったと話した。",
] * 30


PLACES = ("Hyesan", "Sinuiju", "Kaesong", "Rason", "Chongjin", "Musan")


SENTENCES = [
    "Kim Yo-jung issued a statement.",
    "Traders said prices doubled on Tuesday in Hyesan, and the guards took a share.",
    "Rice.",
    "The border guards said nothing.",
]
