"""The CRF sequence labeller: features, BIO decoding, the rules-first combination policy,
the shipped model, training and the `train-ner` command. Needs no data from ../shared."""

from __future__ import annotations

import json

import pytest

from kg.cli import parser
from kg.model import Article, Mention
from kg.nlp import features as feat
from kg.nlp import ner, tokens
from kg.nlp.ner import SequenceTagger, add_mentions, mention_type, spans
from kg.nlp.train import bio, char_clusters, fold_gazetteers, train

SHIPPED = ner.DEFAULT_MODEL.exists()


@pytest.fixture
def lexicons(monkeypatch):
    """Replace the lexicon files by small in-test ones (the real ones may be empty)."""
    entries = {
        "surnames": {"李", "欧阳"},
        "titles": {"书记", "副书记"},
        "org_suffixes": {"委员会"},
        "area_suffixes": {"街道"},
    }

    def index(name):
        words = frozenset(entries.get(name, ()))
        return words, frozenset(w[0] for w in words), tuple(sorted({len(w) for w in words}, reverse=True))

    monkeypatch.setattr(feat, "_index", index)


def test_surname_feature_fires_on_a_known_surname(lexicons):
    f = feat.features("记者李明报道", [("记者", 0), ("李明", 2), ("报道", 4)])
    assert "sur=1" in f[2] and "sur+1" in f[1]
    assert not any(x.startswith("sur") for x in f[0] + f[3])


def test_two_character_surname(lexicons):
    f = feat.features("欧阳峰说", [("欧阳峰", 0), ("说", 3)])
    assert "sur=2" in f[0]


def test_lexicon_marks_are_begin_inside_end(lexicons):
    text = "党委副书记王刚在街道办"
    f = feat.features(text)
    assert "ti=B" in f[2] and "ti=I" in f[3] and "ti=E" in f[4]  # 副书记, longest match
    assert "ti-1" in f[5]  # the char after a title
    assert "as=B" in f[8] and "as=E" in f[9]


def test_empty_lexicons_fire_nothing(monkeypatch):
    monkeypatch.setattr(feat, "_index", lambda name: (frozenset(), frozenset(), ()))
    f = feat.features(
        "记者李明在广州路3号说",
        [("记者", 0), ("李明", 2), ("在", 4), ("广州路", 5), ("3", 8), ("号", 9), ("说", 10)],
    )
    assert not any(
        x.startswith(("sur", "asur", "ti", "os", "as", "ac", "dv", "po", "tr", "sv"))
        for row in f
        for x in row
    )


def test_surname_shape_marks_the_given_name_places(lexicons):
    f = feat.features("记者李明报道", [("记者", 0), ("李明", 2), ("报道", 4)])
    assert any(x.startswith("surg=") for x in f[2]) and "sur=1" in f[2]
    assert "asur1" in f[3] and "asur2" in f[4]
    f = feat.features("李2号", [("李", 0), ("2", 1), ("号", 2)])
    assert not any(x.startswith("asur") for row in f for x in row)  # a digit is no given name


def test_transliteration_runs(monkeypatch):
    monkeypatch.setattr(
        feat,
        "_index",
        lambda name: (
            frozenset("斯特克娃") if name == "transliteration_chars" else frozenset(),
            frozenset(),
            (),
        ),
    )
    f = feat.features("我见到克斯特·娃和斯")
    assert "tr=B3" in f[3] and "tr=I" in f[4] and "tr=I" in f[6] and "tr=E3" in f[7]
    assert "tr=S" in f[9]
    assert not any(x.startswith("tr") for x in f[0] + f[8])


def test_latin_case_shape():
    f = feat.features("是PeterSmith吗")
    assert "ls=CU" in f[1] and "ls=Ul" in f[2] and "ls=ll" in f[3] and "ls=lU" in f[6]
    assert "ls=#l" in feat.features("ab")[0]
    assert not any(x.startswith("ls") for x in f[0] + f[11])


def test_address_cues_divisions_and_numbered_units(monkeypatch):
    entries = {"address_cues": {"路", "号", "大厦"}, "divisions": {"浙江", "浙江省"}, "positions": {"经理"}}
    monkeypatch.setattr(feat, "_index", lambda name: (frozenset(entries.get(name, ())), frozenset(), ()))
    text = "浙江省长河路12号大厦经理"
    f = feat.features(text)
    assert "dv=B" in f[0] and "dv=E" in f[2] and "dv-1" in f[3]  # the longest form
    assert "ac=S" in f[5] and "ac+1" in f[4] and "ac=B" in f[9] and "ac=E" in f[10]
    assert "num=号" in f[6] and "num=号" in f[7] and "num-1" in f[8]
    assert "po=B" in f[11] and "po=E" in f[12]
    f = feat.features("12个")
    assert not any(x.startswith("num") for row in f for x in row)


def test_speech_cue_on_the_word_before(monkeypatch):
    monkeypatch.setattr(
        feat,
        "_index",
        lambda name: (frozenset({"表示"}) if name == "speech_cues" else frozenset(), frozenset(), ()),
    )
    f = feat.features("据张小明表示同意", [("据", 0), ("张", 1), ("小明", 2), ("表示同意", 4)])
    assert "sv+1=表示" in f[2] and "sv+1=表示" in f[3] and "sv+2" in f[1]
    assert not any(x.startswith("sv") for x in f[0] + f[4])


@pytest.mark.skipif(not tokens._MIRRORED, reason="a jieba release kg.nlp.tokens does not mirror")
def test_tokenize_gives_jiebas_own_words():
    """kg's copy of jieba's segmentation (`tokens._cut`) is jieba.tokenize word for word:
    dictionary words, runs of unknown characters through jieba's HMM, Latin, digits, spaces
    and punctuation."""
    import jieba

    texts = [
        "记者覃晓岚报道：昨天上午，蔺嘉禾在乌兰察布市钟楼街社区居委会调研。",
        "Xiaomi的3.5%增长率 与 ＧＤＰ（１２３亿元）\r\n\n下一段……“好”！",
        "鄢陵县人民政府办公室副主任说，2023年第4季度完成投资12.7亿元#tag e.g.",
        "",
        " ",
        "𠀀𠀁汉字a_b-c",
        "中华人民共和国中央人民政府",
    ]
    tokens._initialise()
    for text in texts:
        assert tokens.tokenize(text) == [(w, s) for w, s, _ in jieba.tokenize(text)], text


def test_neighbour_word_tags():
    f = feat.features("在2020年", [("在", 0), ("2020", 1), ("年", 5)])
    assert "gw-1=#" in f[0] and "gw-1=oov" in f[5] and "gw+1=#" in f[5]
    assert any(x.startswith("gw-1=p") for x in f[1])  # 在 is a preposition there


def test_window_word_and_class_features():
    f = feat.features("在2020年", [("在", 0), ("2020", 1), ("年", 5)])
    assert len(f) == 6
    assert "c0=0" in f[2] and "c-1=2" in f[2] and "c+2=0" in f[2] and "c-2=在" in f[2]
    assert "wp=I4" in f[2] and "w=2020" in f[2] and "wp=S1" in f[0]
    assert "t=CDD" in f[1] and "c-2=#" in f[0]
    assert "g=oov" in f[2] and "gt=oovI4" in f[2]  # a word not in jieba's dictionary
    assert any(x.startswith("g=p") for x in f[0])  # 在 is a preposition there


def test_gazetteer_matches_leftmost_longest():
    gaz = feat.Gazetteer({"北京": ("address",), "北京大学": ("organization",), "张华": ("name",)})
    assert gaz.matches("我在北京大学见张华和北京") == [
        (2, 6, ("organization",)),
        (7, 9, ("name",)),
        (10, 12, ("address",)),
    ]
    assert gaz.matches("北京大") == [(0, 2, ("address",))]


def test_gazetteer_features_fire_per_class_with_neighbours():
    gaz = feat.Gazetteer({"星光公司": ("company", "organization")})
    f = feat.features("加入星光公司了", gazetteer=gaz)
    assert "gz=companyB" in f[2] and "gz=organizationB" in f[2]
    assert "gz=companyI" in f[3] and "gz=companyE" in f[5]
    assert "gz+1=company" in f[1] and "gz-1=company" in f[6]
    assert not any(x.startswith("gz") for x in f[0])
    assert not any(x.startswith("gz") for row in feat.features("加入星光公司了") for x in row)


def test_gazetteer_from_spans_round_trips(tmp_path):
    gaz = feat.Gazetteer.from_spans([("张华在北京", [(0, 2, "name"), (3, 5, "address"), (2, 3, "name")])])
    assert gaz.entries == {"张华": ("name",), "北京": ("address",)}  # one-character spans left out
    gaz.save(tmp_path / "g.txt")
    assert feat.Gazetteer.load(tmp_path / "g.txt").entries == gaz.entries


def test_gazetteer_rate_bands_say_how_often_a_string_was_labelled():
    examples = [
        ("星光来了", [(0, 2, "company")]),
        ("星光灿烂", []),
        ("看星光", []),
        ("星光好", []),
        ("星光", []),
        ("月影来了", [(0, 2, "name")]),
        ("月影来了", [(0, 2, "name")]),
        ("海风", [(0, 2, "name")]),
    ]
    gaz = feat.Gazetteer.from_spans(examples)
    assert gaz.rates == {"星光": ("0",), "月影": ("3",), "海风": ("1x",)}
    f = feat.features("看星光", gazetteer=gaz)
    assert "gzr=company0" in f[1] and "gzr=company0" in f[2] and "gz=companyB" in f[1]
    assert not any(x.startswith("gzr") for x in f[0])


def test_gazetteer_without_rates_loads_and_fires_no_rate(tmp_path):
    (tmp_path / "g.txt").write_text("星光公司\tcompany\n", encoding="utf-8")
    gaz = feat.Gazetteer.load(tmp_path / "g.txt")
    assert gaz.rates == {}
    f = feat.features("加入星光公司了", gazetteer=gaz)
    assert "gz=companyB" in f[2] and not any(x.startswith("gzr") for row in f for x in row)


def test_fold_gazetteers_leave_out_the_own_fold():
    examples = [(f"{w}来了", [(0, 2, "name")]) for w in ("张华", "李明", "王芳", "赵强")]
    gazetteers = fold_gazetteers(examples, folds=2)
    for (text, _), gaz in zip(examples, gazetteers):
        assert text[:2] not in gaz.entries and len(gaz.entries) == 2


def test_cluster_features():
    table = {"李": ("1", "a"), "北": ("2", "b")}
    f = feat.features("李在北", clusters=table)
    assert {"k-1=-", "k0=1", "k+1=-", "kk=-a-"} <= set(f[0])
    assert {"k-1=-", "k0=2", "kk=-b-"} <= set(f[2]) and "kk=a-b" in f[1]


def test_char_clusters_group_characters_used_alike():
    texts = ["张先生说", "李先生说", "王先生说", "一二三四"] * 3
    table = char_clusters(texts)
    assert table["张"][0] == table["李"][0] == table["王"][0]
    assert table["张"] != table["说"]


def test_bioes_labels_and_decoding():
    labels = bio(6, [(0, 3, "name"), (4, 5, "address")], scheme="BIOES")
    assert labels == ["B-name", "I-name", "E-name", "O", "S-address", "O"]
    assert spans(labels) == [(0, 3, "name"), (4, 5, "address")]
    assert spans(["S-name", "S-name", "I-company", "E-company"]) == [
        (0, 1, "name"),
        (1, 2, "name"),
        (2, 4, "company"),
    ]


def test_bio_decoding():
    labels = ["B-name", "I-name", "O", "I-company", "I-company", "B-address", "B-address", "I-name"]
    assert spans(labels) == [
        (0, 2, "name"),
        (3, 5, "company"),
        (5, 6, "address"),
        (6, 7, "address"),
        (7, 8, "name"),
    ]


def test_class_mapping():
    assert mention_type("address", "平阳县") == "AdministrativeArea"
    assert mention_type("address", "南湖公园") == "Place"
    assert mention_type("government", "财政局") == "GovernmentBody"
    assert mention_type("name", "李明") == "Person"
    assert mention_type("game", "某游戏") is None


@pytest.mark.parametrize(
    "text,cls",
    [
        ("石桥小区", "Place"),
        ("青松蓄滞洪区", "Place"),
        ("白云景区", "Place"),
        ("石桥社区", "AdministrativeArea"),
        ("青松新区", "AdministrativeArea"),
        ("怒山州", "AdministrativeArea"),
        ("青松湖", "Place"),
    ],
)
def test_an_address_takes_the_class_of_its_longest_area_suffix(text, cls):
    assert mention_type("address", text) == cls


def _article():
    art = Article("a", "市长李明会见了张华。")
    art.mentions = [Mention("市长李明", 0, 4, "Person", 1.0, "rules")]
    return art


def test_rule_mention_wins_and_new_model_mention_is_added():
    art = _article()
    found = [
        Mention("李明", 2, 4, "Person", 0.99, "crf-ner"),
        Mention("张华", 7, 9, "Person", 0.9, "crf-ner"),
        Mention("会见", 4, 6, "Person", 0.1, "crf-ner"),
    ]
    add_mentions(art, found, threshold=0.5)
    assert [(m.text, m.extractor) for m in art.mentions] == [("市长李明", "rules"), ("张华", "crf-ner")]


def test_missing_model_names_path_and_command(tmp_path):
    path = tmp_path / "absent.crfsuite"
    with pytest.raises(FileNotFoundError) as exc:
        SequenceTagger.load(path)
    assert str(path) in str(exc.value) and "kg train-ner" in str(exc.value)


@pytest.mark.skipif(not SHIPPED, reason="no shipped model at kg/models/ner.crfsuite")
def test_shipped_model_tags_a_person():
    tagger = SequenceTagger.load()
    assert SequenceTagger.load() is tagger
    found = tagger.tag("记者王建国报道")
    people = [m for m in found if m.type == "Person"]
    assert [(m.text, m.start, m.end, m.extractor) for m in people] == [("王建国", 2, 5, "crf-ner")]
    assert 0.5 < people[0].score <= 1.0
    assert tagger.gazetteer is not None and len(tagger.gazetteer.entries) > 10000


@pytest.mark.skipif(not SHIPPED, reason="no shipped model at kg/models/ner.crfsuite")
def test_component_uses_article_tokens_and_keeps_rule_mentions():
    text = "县委书记刘志刚在会上讲话，记者王建国报道。"
    art = Article("b", text)
    art.tokens = [(w, "", s) for w, s in feat.tokenize(text)]
    art.mentions = [Mention("刘志刚", 4, 7, "Person", 1.0, "rules")]
    ner.crf_ner(art)
    assert art.mentions[0].extractor == "rules"
    added = [(m.text, m.type) for m in art.mentions if m.extractor == "crf-ner"]
    assert ("王建国", "Person") in added
    assert not any(m.start < 7 and 4 < m.end for m in art.mentions[1:])


def _tiny_corpus(folder):
    rows = [
        ("记者李明报道", {"name": {"李明": [[2, 3]]}}),
        ("张华在北京市工作", {"name": {"张华": [[0, 1]]}, "address": {"北京市": [[3, 5]]}}),
        ("王芳加入了星光公司", {"name": {"王芳": [[0, 1]]}, "company": {"星光公司": [[5, 8]]}}),
        ("今天天气很好", {}),
    ] * 5
    with open(folder / "train.json", "w", encoding="utf-8") as f:
        for text, label in rows:
            f.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")


def test_training_is_reproducible(tmp_path):
    _tiny_corpus(tmp_path)
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    summary = train(tmp_path, a, seed=0, max_iterations=30)
    train(tmp_path, b, seed=0, max_iterations=30)
    assert summary["sentences"] == 20
    assert a.read_bytes() == b.read_bytes()
    assert feat.gazetteer_path(a).read_bytes() == feat.gazetteer_path(b).read_bytes()
    assert not feat.clusters_path(a).exists()
    assert [m.type for m in SequenceTagger.load(a).tag("记者李明报道")] == ["Person"]


def test_training_with_gazetteer_clusters_and_bioes_and_without(tmp_path):
    _tiny_corpus(tmp_path)
    model = tmp_path / "g.crfsuite"
    feat.gazetteer_path(model).write_text("陈旧\tname\n", encoding="utf-8")
    summary = train(tmp_path, model, max_iterations=30, scheme="BIOES", gazetteer=True, clusters=True)
    assert summary["scheme"] == "BIOES"
    assert feat.gazetteer_path(model).read_text(encoding="utf-8") == (
        "北京市\taddress\t3\n张华\tname\t3\n星光公司\tcompany\t3\n李明\tname\t3\n王芳\tname\t3\n"
    )
    tagger = SequenceTagger.load(model)
    assert tagger.gazetteer.entries["李明"] == ("name",) and tagger.clusters["李"]
    assert [(m.text, m.type) for m in tagger.tag("记者李明报道")] == [("李明", "Person")]
    train(tmp_path, model, max_iterations=30, gazetteer=False)
    assert not feat.gazetteer_path(model).exists() and not feat.clusters_path(model).exists()


def test_train_ner_command(tmp_path, capsys):
    _tiny_corpus(tmp_path)
    out = tmp_path / "m.crfsuite"
    args = parser().parse_args(["train-ner", "--data", str(tmp_path), "--out", str(out)])
    assert args.run(args) == 0 and out.exists()
    args = parser().parse_args(["train-ner", "--data", str(tmp_path / "none"), "--out", str(out)])
    assert args.run(args) == 2
    assert "no train.json" in capsys.readouterr().err


@pytest.mark.skipif(not SHIPPED, reason="no shipped model at kg/models/ner.crfsuite")
def test_a_relative_path_and_its_absolute_form_share_one_tagger(monkeypatch):
    from kg.nlp.ner import DEFAULT_MODEL

    monkeypatch.chdir(DEFAULT_MODEL.parent)
    relative = SequenceTagger.load(DEFAULT_MODEL.name)
    assert SequenceTagger.load(str(DEFAULT_MODEL)) is relative
    assert SequenceTagger.load(DEFAULT_MODEL) is relative
