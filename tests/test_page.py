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
    assert [a.headline for a in arts] == ["青山绿水入画来", "白沙镇志愿服务站助老暖人心", None,
                                          "“绿色积分”带动居民参与"]
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
    assert a.text[a.body_start:].startswith("“生态是我们最大的本钱")


def test_line_kinds():
    assert classify("本报记者 王一 张二") == "byline"
    assert classify("本报讯（记者 王一）今天上午，会议召开。") == "lead"
    assert classify("——访某某") == "subtitle"
    assert classify("这是一个完整的句子。") == "body"
    assert classify("短标题") == "title"
    assert byline_names("本报记者 王一 通讯员 李小二") == ["王一", "李小二"]


def test_single_article_document_keeps_text_exactly():
    text = "  第一行\r\n“引号”里的内容。 "
    [a] = split_document(Document(source="x.jsonl:1", text=text, kind="article", id="x1",
                                  title="标题", author="甲乙、丙丁"), "x")
    assert a.text == text and a.headline == "标题" and a.authors == ["甲乙", "丙丁"]


def test_dateline_leads_trailing_credits_and_roles():
    page = ("春风拂面暖人心\n\n本报青州3月5日电（记者 叶子涵 通讯员 杜若）今天，活动开展。\n\n正文继续。\n\n"
            "（记者 钱多多）\n\n下一篇的标题\n\n本报记者 孔令仪 实习生 石小磊\n\n正文。")
    arts = split_document(Document(source="p.txt", text=page), "p")
    assert [a.headline for a in arts] == ["春风拂面暖人心", "下一篇的标题"]
    assert arts[0].authors == ["叶子涵", "杜若", "钱多多"]
    assert arts[1].authors == ["孔令仪", "石小磊"] and arts[1].kicker is None
