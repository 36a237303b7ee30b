"""HTML reports: main text without navigation, paragraph breaks kept, title and language from the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from casewatch.errors import ReaderError
from casewatch.ingest import read_path

PAGE = """<!DOCTYPE html>
<html lang="ru-RU"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Задержания в Бишкеке | Правозащитный центр</title></head>
<body>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li>
<li><a href="/donate">Помочь</a></li></ul></nav>
<header><div class="site-name">Правозащитный центр</div></header>
<article>
<h1>Задержания в Бишкеке 5 марта</h1>
<p>5 марта в Бишкеке сотрудники ГКНБ задержали журналистку Махабат Таджибек кызы
и ещё десять сотрудников издания.</p>
<p>Суд избрал меру пресечения в виде содержания под стражей на два месяца.<br>Защита обжалует решение.</p>
<ul><li>Махабат Таджибек кызы: два месяца под стражей</li><li>Азамат Ишенбеков: домашний арест</li></ul>
<table><tr><th>Имя</th><th>Статья</th></tr><tr><td>Махабат Таджибек кызы</td><td>278</td></tr></table>
<p>Правозащитники требуют немедленно освободить всех задержанных журналистов.</p>
</article>
<aside><h3>Популярное</h3><p>Подпишитесь на нашу рассылку, чтобы получать новости первыми.</p></aside>
<footer>© 2024 Правозащитный центр. Все права защищены.</footer>
</body></html>"""


def test_html_main_text_with_paragraph_breaks(tmp_path):
    raw = PAGE.encode("cp1251")
    path = tmp_path / "page.html"
    path.write_bytes(raw)
    [doc] = read_path(path)
    assert doc.format == "html"
    assert doc.raw == raw
    assert doc.language == "ru"
    assert doc.title and "Задержания в Бишкеке" in doc.title
    blocks = doc.text.split("\n\n")
    assert blocks[0] == "Задержания в Бишкеке 5 марта"
    assert blocks[1].startswith(
        "5 марта в Бишкеке сотрудники ГКНБ задержали журналистку Махабат Таджибек кызы"
    )
    assert blocks[2] == (
        "Суд избрал меру пресечения в виде содержания под стражей на два месяца.\nЗащита обжалует решение."
    )
    assert blocks[3] == "Махабат Таджибек кызы: два месяца под стражей\nАзамат Ишенбеков: домашний арест"
    assert blocks[4] == "Имя | Статья\nМахабат Таджибек кызы | 278"
    assert blocks[5] == "Правозащитники требуют немедленно освободить всех задержанных журналистов."
    for boilerplate in ("Главная", "Новости", "Помочь", "рассылку", "Все права защищены", "Популярное"):
        assert boilerplate not in doc.text


def test_html_title_from_title_element(tmp_path):
    path = tmp_path / "short.htm"
    path.write_text(
        "<html><head><title>Picket in Uralsk</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
        "<p>Activists held a single-person picket in Uralsk; the police detained two of them.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    [doc] = read_path(path)
    assert doc.text == "Activists held a single-person picket in Uralsk; the police detained two of them."
    assert doc.title == "Picket in Uralsk"
    assert doc.language is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/b'>About</a></nav>"
        "<footer>(c) 2021</footer></body></html>",
        "<html><head><title>Empty</title></head><body><script>var x = 1;</script></body></html>",
    ],
    ids=["navigation-only", "script-only"],
)
def test_html_without_main_text_is_refused(tmp_path, page):
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ReaderError, match="no main text found in the HTML page"):
        read_path(path)


def test_html_binary_is_refused(tmp_path):
    path = tmp_path / "binary.html"
    path.write_bytes(b"\x00\x01\x02\x03garbage\xff\xfe")
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.path == str(path)


FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_html_blog_post_drops_menus_sidebar_comments_and_footer():
    [doc] = read_path(FIXTURES / "blog_post.html")
    assert doc.title == "Court extends detention of Aktau activist"
    assert doc.language == "en"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("On 17 June 2021, the Aktau city court heard the appeal")
    assert (
        paragraphs[3]
        == "We call on the authorities to release Bekizhan Mendygaziyev and to stop pressuring his family."
    )
    for boilerplate in (
        "cookies",
        "Donate",
        "Share this",
        "Related",
        "Leave a Reply",
        "Recent posts",
        "Subscribe",
        "Copyright",
        "Русский",
    ):
        assert boilerplate not in doc.text
