"""A synthetic corpus in the style of a Chinese district newspaper: page files of several
articles each (headline, byline or lead, interview subtitle, body), with OCR-style broken
lines and stray blank lines. Every name is invented from lexicon parts (surnames and
suffixes from ontology/lexicon, random given names and place-name syllables), and the
same seed gives the same corpus.

    python benchmarks/corpus.py --articles 10000 --seed 1 --out /tmp/corpus10k
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg.lexicon import LEXICON_DIR as LEXICON

GIVEN = "子文明华建国志强海燕立新晓宇思涵浩然佳怡春生秋实德润雨桐梓豪一鸣嘉欣俊杰雅琴丽娟国庆卫东红梅小龙"
SYLLABLES = "青禾松岚溪川桐柳云湖泉石杉梧苇茗蓝橙杏枫桂荷兰泽澄岭涧芦汀竹樱柏槐栗"
PROGRAMME_HEADS = ("幸福", "暖心", "红色", "邻里", "睦邻", "清风", "先锋", "连心", "惠民", "乐享")
EVENTS = ("工作会议", "推进会", "座谈会", "代表大会", "全体会议")
TOPICS = (
    "为民服务",
    "基层治理",
    "疫情防控",
    "垃圾分类",
    "老旧小区改造",
    "营商环境",
    "乡村振兴",
    "文明创建",
    "志愿服务",
    "民生保障",
)
FILLER = (
    "进一步提升服务水平，让群众的获得感、幸福感、安全感更加充实",
    "坚持以人民为中心，把群众的急难愁盼作为工作的出发点和落脚点",
    "持续完善工作机制，推动各项任务落地见效",
    "广泛征求居民意见，及时解决群众反映的突出问题",
    "加强统筹协调，形成上下联动、齐抓共管的良好局面",
    "不断创新工作方法，切实把好事办实、把实事办好",
)


def lexicon(name: str, classes: tuple[str, ...] | None = None) -> list[str]:
    """The first field of each line of a lexicon file, optionally only of some classes."""
    out = []
    for line in (LEXICON / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if classes is None or (len(fields) > 1 and fields[1] in classes):
            out.append(fields[0])
    return out


class Words:
    """Random invented names built from lexicon parts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.surnames = [s for s in lexicon("surnames.txt") if len(s) == 1][:120]
        self.orgs = [
            s
            for s in lexicon(
                "org_suffixes.txt", ("GovernmentBody", "SocialOrganization", "School", "Company")
            )
            if len(s) > 1
        ]
        self.titles = [t for t in lexicon("titles.txt") if t.endswith(("长", "主任"))][:12]
        self.cues = lexicon("programme_cues.txt")[:10]
        self.district = self.place() + "区"
        self.streets = [self.place() + "街道" for _ in range(6)]

    def pick(self, seq):
        return self.rng.choice(seq)

    def person(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        return self.pick(self.surnames) + given

    def place(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(2))

    def street(self) -> str:
        return self.pick(self.streets)

    def community(self) -> str:
        return self.place() + self.pick(("社区", "村", "小区"))

    def org(self) -> str:
        return self.street() + self.place() + self.pick(self.orgs)

    def programme(self) -> str:
        return f"“{self.pick(PROGRAMME_HEADS)}{self.place()}”{self.pick(self.cues)}"


def sentence(w: Words) -> str:
    person, title = w.person(), w.pick(w.titles)
    return w.rng.choice(
        (
            lambda: f"{w.street()}党工委书记{person}表示，{w.pick(FILLER)}。",
            lambda: f"{w.org()}{title}{person}介绍，今年以来，{w.community()}{w.pick(FILLER)}。",
            lambda: f"{w.street()}推出{w.programme()}，{w.pick(FILLER)}。",
            lambda: f"近日，{w.district}召开{w.pick(TOPICS)}{w.pick(EVENTS)}，{w.pick(FILLER)}。",
            lambda: f"在{w.community()}，{w.pick(FILLER)}。",
            lambda: f"“{w.pick(FILLER)}。”{w.community()}居民{person}说。",
            lambda: f"{w.pick(FILLER)}，{w.pick(FILLER)}。",
        )
    )()


def paragraph(w: Words) -> str:
    return "".join(sentence(w) for _ in range(w.rng.randint(2, 5)))


def ocr_break(w: Words, text: str) -> str:
    """A paragraph broken across lines the way OCR of a column does it."""
    if len(text) < 40 or w.rng.random() < 0.6:
        return text
    cut = w.rng.randint(15, len(text) - 15)
    return text[:cut] + "\n" * w.rng.choice((1, 2, 3)) + text[cut:]


def header(w: Words) -> list[str]:
    topic, reporter = w.pick(TOPICS), w.person()
    kind = w.rng.random()
    if kind < 0.3:
        return [
            f"{topic}走深走实",
            "",
            f"——访{w.street()}党工委书记{w.person()}",
            "",
            "本报记者",
            "",
            reporter,
        ]
    if kind < 0.65:
        return [f"{w.street()}{topic}见成效", "", f"本报记者 {reporter} {w.person()}"]
    return [f"{topic}跑出加速度", "", f"本报讯（记者 {reporter}）{paragraph(w)}"]


def article(w: Words) -> str:
    lines = header(w)
    for _ in range(w.rng.randint(2, 5)):
        lines += [""] * w.rng.choice((1, 1, 2, 4)) + [ocr_break(w, paragraph(w))]
    return "\n".join(lines)


def page(w: Words, articles: int) -> str:
    return "\n\n\n".join(article(w) for _ in range(articles)) + "\n"


def write_corpus(out: Path, articles: int, seed: int, per_page: tuple[int, int] = (3, 6)) -> int:
    """Write page files holding `articles` articles in all; returns the number of files."""
    rng = random.Random(seed)
    w = Words(rng)
    out.mkdir(parents=True, exist_ok=True)
    written = files = 0
    while written < articles:
        n = min(rng.randint(*per_page), articles - written)
        (out / f"page_{files:06d}.txt").write_text(page(w, n), encoding="utf-8")
        written += n
        files += 1
    return files


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    files = write_corpus(Path(args.out), args.articles, args.seed)
    print(f"wrote {args.articles} articles in {files} page files to {args.out}")


if __name__ == "__main__":
    main()
