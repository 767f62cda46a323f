"""Page splitting and OCR repair, on pages written for the tests."""

from kg.ingest.page import byline_names, classify, split_document
from kg.model import Document

PAGE = """2023年6月1日 星期四

青山绿水入画来

——访东岭县白沙镇党委书记陆文博

本报记者

叶子涵

“生态是我们最大的本钱。”陆文博说，全镇今年要把生态保护放在首位，持续推进河道整治，让群众

看得见变化。

另外，白沙镇还将加快建设乡村旅游步道，带动周边村民增收致富，推动产业提档升级。

另外，白沙镇还将加快建设乡村旅游步道，带动周边

栏目口号一行

栏目口号二行

东岭县“乡村振兴”巡礼系列报道(三)

白沙镇志愿服务站助老暖人心

本报记者 钱多多

本报讯（记者 孔令仪）6月1日，东岭县医保中心启动新一轮参保登记，工作人员耐心为群众讲解政策。

“志愿服务站帮了我们大忙。”白沙镇志愿服务站的志愿者每周上门看望独居老人。



志愿者在为老人测量血压。

石桥社区推进垃圾分类

“绿色积分”带动居民参与

本报讯（记者 叶子涵 杜若）近日，石桥社区推出“绿色积分”制度，居民参与热情高涨。
"""


def articles():
    return split_document(Document(source="page.txt", text=PAGE), "page")


def test_page_splits_into_its_articles_with_headlines_and_bylines():
    arts = articles()
    assert [a.headline for a in arts] == [
        "青山绿水入画来",
        "白沙镇志愿服务站助老暖人心",
        None,
        "“绿色积分”带动居民参与",
    ]
    assert [a.authors for a in arts] == [["叶子涵"], ["钱多多"], ["孔令仪"], ["叶子涵", "杜若"]]
    assert arts[3].kicker == "石桥社区推进垃圾分类"


def test_ids_are_stable_and_the_page_date_applies_to_every_article():
    arts = articles()
    assert [a.id for a in arts] == ["page-01", "page-02", "page-03", "page-04"]
    assert {a.date for a in arts} == {"2023-06-01"}


def test_broken_sentence_is_rejoined_and_reprint_dropped():
    body = articles()[0].text
    assert "让群众看得见变化" in body
    assert body.count("乡村旅游步道") == 1


def test_column_headers_and_series_label_stay_out_of_bodies():
    text = "\n".join(a.text for a in articles())
    assert "栏目口号" not in text and "系列报道" not in text


def test_interleaved_article_gets_its_body_and_caption_is_dropped():
    arts = articles()
    assert "志愿服务站帮了我们大忙" in arts[1].text
    assert "志愿服务站帮了我们大忙" not in arts[2].text
    assert "测量血压" not in "".join(a.text for a in arts)


def test_text_offsets_start_the_body_after_the_header():
    a = articles()[0]
    assert a.text[a.body_start :].startswith("“生态是我们最大的本钱")


def test_line_kinds():
    assert classify("本报记者 王一 张二") == "byline"
    assert classify("本报讯（记者 王一）今天上午，会议召开。") == "lead"
    assert classify("——访某某") == "subtitle"
    assert classify("这是一个完整的句子。") == "body"
    assert classify("短标题") == "title"
    assert byline_names("本报记者 王一 通讯员 李小二") == ["王一", "李小二"]


def test_single_article_document_keeps_text_exactly():
    text = "  第一行\r\n“引号”里的内容。 "
    [a] = split_document(
        Document(source="x.jsonl:1", text=text, kind="article", id="x1", title="标题", author="甲乙、丙丁"),
        "x",
    )
    assert a.text == text and a.headline == "标题" and a.authors == ["甲乙", "丙丁"]


def test_dateline_leads_trailing_credits_and_roles():
    page = (
        "春风拂面暖人心\n\n本报青州3月5日电（记者 叶子涵 通讯员 杜若）今天，活动开展。\n\n正文继续。\n\n"
        "（记者 钱多多）\n\n下一篇的标题\n\n本报记者 孔令仪 实习生 石小磊\n\n正文。"
    )
    arts = split_document(Document(source="p.txt", text=page), "p")
    assert [a.headline for a in arts] == ["春风拂面暖人心", "下一篇的标题"]
    assert arts[0].authors == ["叶子涵", "杜若", "钱多多"]
    assert arts[1].authors == ["孔令仪", "石小磊"] and arts[1].kicker is None


# ---------------------------------------------------------------- layouts of other papers


def split(text, **fields):
    return split_document(Document(source="p.txt", text=text, **fields), "p")


def test_kicker_title_with_column_label_and_byline_with_masthead():
    page = (
        "东岭县白沙镇党委——\n青山绿水入画来（乡村振兴在一线）\n"
        "本报记者  李  红《东岭日报》（2024年03月09日第 07 版）\n“生态是我们最大的本钱。”陆文博说。"
    )
    [a] = split(page)
    assert a.headline == "青山绿水入画来"
    assert a.kicker == "东岭县白沙镇党委"
    assert a.headline_aliases == ["青山绿水入画来（乡村振兴在一线）"]
    assert a.authors == ["李红"] and a.date == "2024-03-09"
    assert a.text[a.body_start :].startswith("“生态是")


def test_kicker_with_a_comma_opens_the_document_or_ends_in_a_dash():
    first = split("东岭县抓实基层治理，办好民生实事\n青山绿水入画来\n本报记者 王小明\n正文第一句。")[0]
    assert (first.kicker, first.headline) == ("东岭县抓实基层治理，办好民生实事", "青山绿水入画来")
    dashed = split(
        "正文的最后一句。\n\n东岭县抓实基层治理，办好民生实事——\n青山绿水入画来\n本报记者 王小明\n正文。"
    )[-1]
    assert dashed.kicker == "东岭县抓实基层治理，办好民生实事"
    broken = split("正文的最后一句。\n\n前一篇断开的一行，没有标点\n青山绿水入画来\n本报记者 王小明\n正文。")[
        -1
    ]
    assert broken.kicker is None and broken.headline == "青山绿水入画来"


def test_kicker_ending_in_a_colon_names_the_profiled_person():
    [a] = split("非遗传承人王小明：\n一把刻刀  守住手艺（匠人）\n本报记者 李红\n正文。")
    assert a.kicker == "非遗传承人王小明" and a.headline == "一把刻刀 守住手艺"


def test_masthead_line_between_title_and_dateline_is_never_the_headline():
    page = (
        "东岭县推动资源下沉\n派出工作队  帮扶到一线\n《东岭日报》（2024年02月11日第 10 版）\n"
        "本报东岭2月10日电  （王小明、李红）新厂房里机器轰鸣，工人们正在调试设备。\n第二段。"
    )
    [a] = split(page)
    assert (a.kicker, a.headline) == ("东岭县推动资源下沉", "派出工作队 帮扶到一线")
    assert a.authors == ["王小明", "李红"] and a.date == "2024-02-11"


def test_role_less_byline_before_a_masthead_and_photo_credit_after_a_caption():
    page = (
        "新技术让展馆活起来\n周立新《东岭日报》（2024年10月04日第 08 版）\n"
        "图为东岭县博物馆。\n王  明摄\n走进展馆，灯光随脚步亮起\n，孩子们看得入迷。"
    )
    [a] = split(page)
    assert a.authors == ["周立新"]
    assert "王  明摄\n走进展馆" in a.text  # the credit is not run into the next paragraph


def test_trailing_credit_paragraphs_are_authors_and_stay_in_the_text():
    page = (
        "秋收时节农家忙\n本报记者  孙小燕《东岭日报》（2024年10月03日第 02 版）\n正文。\n"
        "（本报记者王小明、李红参与采写）"
    )
    [a] = split(page)
    assert a.authors == ["孙小燕", "王小明", "李红"]
    assert a.text.endswith("（本报记者王小明、李红参与采写）")


def test_bare_name_credit_only_at_the_end():
    [a] = split("青山绿水入画来\n本报讯 东岭县召开大会。\n（王小明）")
    assert a.authors == ["王小明"]
    [b] = split("青山绿水入画来\n本报讯 东岭县召开大会。\n（王小明）\n正文继续。")
    assert b.authors == []


def test_page_without_byline_has_no_author_and_photographers_are_not_authors():
    page = "东岭县这五年（图片新闻）\n《东岭日报》（2024年10月03日第 04 版）\n图为新建的大桥。\n新华社记者  王小明摄"
    [a] = split(page)
    assert a.headline == "东岭县这五年" and a.authors == [] and a.date == "2024-10-03"


def test_dates_from_metadata_win_and_none_is_invented():
    page = "青山绿水入画来\n本报东岭2月10日电  （王小明）正文。"
    assert split(page)[0].date is None
    assert split(page, date="2024-02-11T09:00:00+08:00")[0].date == "2024-02-11"
    assert split(page, date="2024")[0].date == "2024-02-10"  # a year only: the dateline's day
    assert split(page, date="不详")[0].date is None


def test_single_article_document_reads_byline_and_masthead_when_fields_are_absent():
    text = "青山绿水入画来\n本报记者  王小明《东岭日报》（2024年03月09日第 07 版）\n正文。"
    [a] = split_document(Document(source="x.jsonl:1", text=text, kind="article", id="x1"), "x")
    assert a.text == text and a.authors == ["王小明"] and a.date == "2024-03-09"
    assert a.headline == "青山绿水入画来"
    [b] = split_document(
        Document(source="x.jsonl:2", text=text, kind="article", id="x2", author="李红", date="2024-03-08"),
        "x",
    )
    assert b.authors == ["李红"] and b.date == "2024-03-08"


def test_run_together_names_left_whole_are_warned_about():
    [a] = split("青山绿水入画来\n记者 王小明李红\n正文。")
    assert a.authors == ["王小明李红"]
    assert a.warnings and "王小明李红" in a.warnings[0] and "p.txt" in a.warnings[0]


def test_html_meta_date_dates_the_page(tmp_path):
    from kg.ingest.readers import read_inputs

    page = tmp_path / "a.html"
    page.write_text(
        '<html><head><meta name="date" content="2024-01-01">'
        '<meta property="article:published_time" content="2024-03-09T08:00:00+08:00"/>'
        "<title>青山绿水入画来</title></head><body><h1>青山绿水入画来</h1>"
        "<p>本报记者 王小明</p><p>正文。</p></body></html>",
        encoding="utf-8",
    )
    [doc] = read_inputs([page])
    [a] = split_document(doc, "a")
    assert a.date == "2024-03-09" and a.authors == ["王小明"]
    bare = tmp_path / "b.html"
    bare.write_text("<p>青山绿水入画来</p><p>本报记者 王小明</p><p>正文。</p>", encoding="utf-8")
    assert split_document(next(iter(read_inputs([bare]))), "b")[0].date is None


def test_build_summary_counts_articles_without_a_byline_and_reports_doubtful_names(tmp_path):
    import kg
    from kg.commands.build import report

    page = tmp_path / "p.txt"
    page.write_text(
        "青山绿水入画来\n\n记者 王小明李红\n\n正文第一段。\n\n\n\n另一篇没有署名的稿件\n\n"
        "——访东岭县白沙镇党委书记陆文博\n\n正文第二段。\n",
        encoding="utf-8",
    )
    s = kg.build([str(page)], tmp_path / "out", html=False, workers=1, progress=False)
    assert s.ok and s.articles == 2 and s.without_byline == 1
    assert len(s.warnings) == 1 and "王小明李红" in s.warnings[0]
    assert "articles without a byline: 1" in report(s)


def test_credit_less_datelines_start_articles_on_a_page():
    page = (
        "青山绿水入画来\n\n本报讯 近日，东岭县召开大会，部署生态保护工作。\n\n正文一。\n\n\n"
        "石桥社区推进垃圾分类\n\n本报东岭2月10日电 近日，石桥社区推出积分制度。\n\n正文二。"
    )
    arts = split(page)
    assert [a.headline for a in arts] == ["青山绿水入画来", "石桥社区推进垃圾分类"]
    assert all(a.authors == [] for a in arts)


def test_scanned_page_date_line_with_paper_and_edition():
    assert classify("东岭日报 2024年3月9日 星期六 第3版 要闻") == "date"
    [a] = split("东岭日报 2024年3月9日 星期六 第3版\n\n青山绿水入画来\n\n本报记者 王小明\n\n正文。")
    assert a.date == "2024-03-09" and a.headline == "青山绿水入画来"


def test_names_with_a_space_inside_on_lines_under_a_bare_role():
    [a] = split("青山绿水入画来\n\n本报记者\n\n李  红  王小明\n\n正文。")
    assert a.authors == ["李红", "王小明"] and a.headline == "青山绿水入画来"


def test_interview_subtitle_under_a_title_with_a_masthead_byline():
    from kg.pipeline import Pipeline  # the relation rules read the subtitle

    page = (
        "青山绿水入画来（人物专访）\n——访东岭县白沙镇党委书记陆文博\n"
        "本报记者  李  红《东岭日报》（2024年03月09日第 07 版）\n“生态是我们最大的本钱。”陆文博说。"
    )
    [a] = Pipeline()(split(page))
    assert a.headline == "青山绿水入画来" and a.authors == ["李红"] and a.interviewees == ["陆文博"]
    assert a.headline_aliases == ["青山绿水入画来（人物专访）", "访东岭县白沙镇党委书记陆文博"]


def test_byline_printed_at_the_end_of_the_article_is_its_byline():
    arts = split("青山绿水入画来\n\n本报讯 近日，东岭县召开大会。\n\n正文。\n\n本报记者 王小明 李红")
    assert len(arts) == 1 and arts[0].authors == ["王小明", "李红"]
    assert arts[0].text.endswith("本报记者 王小明 李红")


def test_article_node_has_one_headline_its_alternatives_and_a_typed_date():
    from rdflib import URIRef
    from rdflib.namespace import XSD

    from kg.rdf.mapping import article_node_triples
    from kg.rdf.namespaces import KG

    [a] = split(
        "东岭县白沙镇党委——\n青山绿水入画来（乡村振兴在一线）\n"
        "本报记者  李  红《东岭日报》（2024年03月09日第 07 版）\n正文。"
    )
    triples = list(article_node_triples(a, URIRef("urn:a")))
    values = {p: [str(o) for s, q, o in triples if q == p] for p in (KG.headline, KG.alternativeHeadline)}
    assert values[KG.headline] == ["青山绿水入画来"]
    assert values[KG.alternativeHeadline] == ["东岭县白沙镇党委", "青山绿水入画来（乡村振兴在一线）"]
    [day] = [o for s, q, o in triples if q == KG.datePublished]
    assert str(day) == "2024-03-09" and day.datatype == XSD.date


def test_byline_above_the_title_and_a_bullet_before_a_kicker():
    [a] = split(
        "文/图 本报记者 王小明\n乡村振兴的新路子\n东岭县白沙镇桃花村，桃花盛开。\n村民们忙着采摘。（李红 摄）"
    )
    assert a.headline == "乡村振兴的新路子" and a.authors == ["王小明"]
    [b] = split("■记者手记\n一线的温度\n记者 孙小燕\n走进车间，机器轰鸣。")
    assert (b.kicker, b.headline, b.authors) == ("记者手记", "一线的温度", ["孙小燕"])
