"""The source articles are named: on the home page, under each page's title, in its references and in
its notes on the article (issue: the app never said whose articles it teaches)."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, run_page
from ui.registry import AUTHOR, BLOG, PAGES


def _all_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def test_every_topic_page_names_its_article():
    assert all(page.article for page in PAGES)
    assert len({page.article.title for page in PAGES}) == len(PAGES)


def test_the_home_page_lists_every_article_with_author_and_blog():
    at = run_page()
    assert_clean(at)
    text = _all_text(at)
    assert AUTHOR in text and BLOG in text
    for page in PAGES:
        assert page.article.title in text, page.stem


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_names_its_article_under_the_title_and_in_its_references(page):
    at = run_page(page.path)
    assert_clean(at)
    caption = "\n".join(c.value for c in at.caption)
    assert page.article.title in caption and AUTHOR in caption
    references = [e for e in at.expander if e.label == "References"]
    assert references, "no References expander"
    assert page.article.citation() in "\n".join(m.value for m in references[0].markdown)
    notes = [str(i.value) for i in at.info if "On the article" in str(i.value)]
    for note in notes:
        assert page.article.title in note and AUTHOR in note and BLOG in note
