"""argmap.sourcetext: paragraph numbering (layouts, line endings, markers, Markdown, HTML), the
normalisation quotes are matched under, find/closest/sentences/suggest, and offsets that always
point at the quoted characters (checked on random texts too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.sourcetext import (
    LAYOUTS,
    NORMALISATIONS,
    SourceText,
    SourceTextError,
    normalise,
    parse_source,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
OPED = Path(__file__).parent.parent / "data" / "north_korea_oped.txt"


def fixture(name: str, **options) -> SourceText:
    return parse_source((FIXTURES / name).read_text(encoding="utf-8"), name, **options)


def texts(src: SourceText) -> list[str]:
    return [p.text for p in src.paragraphs]


def assert_offsets(src: SourceText) -> None:
    """Each paragraph's span holds its text (for plain text, where there is no markup)."""
    for p in src.paragraphs:
        assert " ".join(src.text[p.start:p.end].split()) == p.text
        assert src.text[p.start:p.end] == src.text[p.start:p.end].strip()


def only(src: SourceText, quote: str, **options):
    found = src.find(quote, **options)
    assert len(found) == 1, found
    return found[0]


# layouts


def test_blocks_and_lines():
    text = "One\ntwo.\n\n\nThree.\n  \t\nFour\n"
    assert texts(parse_source(text, layout="blocks")) == ["One two.", "Three.", "Four"]
    assert texts(parse_source(text, layout="lines")) == ["One", "two.", "Three.", "Four"]
    with pytest.raises(SourceTextError, match="unknown layout 'line'") as e:
        parse_source(text, layout="line")
    assert e.value.hint == "use one of " + ", ".join(LAYOUTS)


def test_auto_one_paragraph_a_line_with_a_title():
    src = fixture("essay.txt")
    assert src.layout == "lines" and len(src.paragraphs) == 6
    assert src.paragraphs[0].text == src.title == "Should cities ban cars from their centres?"
    assert src.paragraphs[2].text.startswith("First of all")
    assert_offsets(src)


def test_auto_hard_wrapped_is_blocks():
    src = fixture("wrapped.txt")
    assert src.layout == "blocks" and src.title == "A Hard-Wrapped Letter"
    assert [p.text[:20] for p in src.paragraphs] == ["A Hard-Wrapped Lette", "Dear editor, the cou",
                                                     "The hall was built i"]
    assert_offsets(src)
    assert fixture("wrapped.txt", layout="lines").layout == "lines"


def test_auto_without_blank_lines_is_lines():
    src = parse_source("First paragraph, one line\nSecond\nThird")
    assert src.layout == "lines" and texts(src) == ["First paragraph, one line", "Second", "Third"]


@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"])
def test_line_endings(end):
    text = end.join(["Title", "", "A wrapped", "paragraph.", "", "", "Another one."]) + end
    src = parse_source(text)
    assert src.layout == "blocks"
    assert texts(src) == ["Title", "A wrapped paragraph.", "Another one."]
    assert_offsets(src)
    m = only(src, "wrapped paragraph")
    assert text[m.start:m.end] == f"wrapped{end}paragraph"
    assert texts(parse_source(text, layout="lines")) == ["Title", "A wrapped", "paragraph.",
                                                         "Another one."]


def test_title():
    assert parse_source("\n\n  A   spaced\ttitle  \nmore\n\nNext").title == "A spaced title"
    long = parse_source("word " * 100)
    assert long.title is not None and len(long.title) == 200 and long.title.endswith("\u2026")


def test_no_paragraph():
    for text in ["", " \n\t\n", "\u200b\n\n\u00ad"]:
        with pytest.raises(SourceTextError, match="the text has no paragraph"):
            parse_source(text, "empty.txt")
    src = parse_source("One\n\n\u200b\u200b\n\nTwo")  # no text once normalised: not numbered
    assert texts(src) == ["One", "Two"]


def test_kind():
    assert parse_source("x", "a.MD").kind == "markdown"
    assert parse_source("<p>x</p>", "a.htm").kind == "html"
    assert parse_source("<p>x</p>", "a.txt").kind == "text"
    assert parse_source("<p>x</p>", "a.txt", kind="html").paragraphs[0].text == "x"
    with pytest.raises(SourceTextError, match="unknown kind of text 'pdf'"):
        parse_source("x", kind="pdf")


# start and stop markers

MENU = ("Home | About\n\nLogin\n\nThe article \u201cbegins\u201d here.\n\nIt ends here.\n\n"
        "Subscribe to us\n\nFooter")


def test_markers():
    src = parse_source(MENU, start='article "begins"', stop="Subscribe  to")
    assert texts(src) == ["The article \u201cbegins\u201d here.", "It ends here."]
    assert src.title == "Home | About"  # the title is taken before the markers apply
    assert src.paragraph(1) == src.paragraphs[0] and src.paragraph(3) is None
    assert src.paragraph(0) is None
    assert src.text[src.paragraphs[0].start:src.paragraphs[0].end] == texts(src)[0]
    assert texts(parse_source(MENU, stop="Subscribe"))[-1] == "It ends here."
    assert texts(parse_source(MENU, start="Footer")) == ["Footer"]


def test_marker_errors():
    with pytest.raises(SourceTextError, match="no paragraph contains the start marker 'Begin'") as e:
        parse_source(MENU, "page.txt", start="Begin")
    assert "'Home | About', 'Login', 'The article \u201cbegins\u201d here.'" in (e.value.hint or "")
    with pytest.raises(SourceTextError, match="from paragraph 1 on contains the stop marker 'Login'"):
        parse_source(MENU, start="article", stop="Login")  # only before paragraph 1
    with pytest.raises(SourceTextError, match="stop marker 'ends' is in paragraph 1"):
        parse_source(MENU, start="ends", stop="ends")
    with pytest.raises(SourceTextError, match="the start marker is empty"):
        parse_source(MENU, start=" ")


@pytest.mark.skipif(not OPED.is_file(), reason="data/north_korea_oped.txt is not there yet")
def test_oped():
    src = parse_source(OPED.read_text(encoding="utf-8"), str(OPED),
                       start="Now that the North has fired", stop="Subscribe to Crisis Group")
    assert src.layout == "blocks" and len(src.paragraphs) == 7
    assert src.paragraphs[0].text.startswith("Now that the North has fired")


# Markdown


def test_markdown():
    src = fixture("page.md")
    assert src.kind == "markdown" and src.title == "A Markdown Source"
    assert texts(src) == [
        "The first paragraph has strong words, emphasis, a snake_case name, inline *code* and a link "
        "with gone.",
        "A quoted paragraph that goes on.",
        "a list item another item",
        "The last paragraph *escapes* a star and has a tag.",
    ]
    m = only(src, "strong words, emphasis, a snake_case name, inline *code* and a link with")
    assert src.text[m.start:m.end] == ("strong** words, _emphasis_, a snake_case name,\n`inline *code*` "
                                       "and [a link](https://example.org) with")
    m = only(src, "paragraph that goes")
    assert src.text[m.start:m.end] == "paragraph\n> that goes"
    m = only(src, "*escapes*")
    assert src.text[m.start:m.end] == "*escapes\\*"  # from the quote's first character
    for absent in ["Front matter", "Section", "code is not", "a comment", "Markdown Source"]:
        assert src.find(absent) == [], absent
    assert fixture("page.md", layout="lines").paragraphs[2].text == "A quoted paragraph"


def test_markdown_lists_and_headings():
    src = parse_source("Title\n=====\n\n1. one\n2) two\n- three\n\nIn\n1984. Then\n\n## Closed ##\n", "a.md")
    assert src.title == "Title"
    assert texts(src) == ["one two three", "In 1984. Then"]  # 1984. is no list item mid-paragraph
    assert parse_source("---\nnot closed\n\nText", "a.md").paragraphs[0].text == "not closed"  # a rule
    assert parse_source("No heading\n\n## Second", "a.md").title == "Second"
    assert parse_source("Just *text*", "a.md").title == "Just text"


# HTML


def test_html():
    src = fixture("page.html")
    assert src.kind == "html" and src.layout == "blocks" and src.title == "An HTML & Source"
    assert texts(src) == [
        "The first paragraph, with nested markup & an entity, caf\u00e9 and caf\u00e9, and a line break.",
        "The second paragraph",
        "is closed by the third.",
        "A paragraph in a list.",
    ]
    m = only(src, "nested markup & an entity, caf\u00e9 and caf\u00e9, and a")
    assert src.text[m.start:m.end] == ("nested</em> markup &amp; an entity,\n  caf&eacute; and "
                                       "caf&#233;,<br>and a")
    assert m.passage == "nested markup & an entity, caf\u00e9 and caf\u00e9, and a"
    m = src.find("caf\u00e9")[1]
    assert src.text[m.start:m.end] == "caf&#233;"
    assert src.text[src.paragraphs[0].start:src.paragraphs[0].end].startswith("The first")
    for absent in ["not a paragraph", "in a div", "Not shown", "Nor this", "color", "heading"]:
        assert src.find(absent) == [], absent


def test_html_title_and_errors():
    assert parse_source("<h1>Head</h1><p>x</p>", "a.html").title == "Head"
    assert parse_source("<p>First &lt;p&gt;</p><p>x</p>", "a.html").title == "First <p>"
    with pytest.raises(SourceTextError, match="the text has no paragraph") as e:
        parse_source("<div>no p</div>", "a.html")
    assert "<p>" in (e.value.hint or "")
    with pytest.raises(SourceTextError, match="the HTML cannot be read"):
        parse_source("<p>x</p><![foo bar", "a.html")


def test_html_offsets_across_lines():
    text = "<p>a</p>\r\n<p>b\rc &amp;\nd</p>"
    src = parse_source(text, "a.html")
    m = only(src, "c & d")
    assert text[m.start:m.end] == "c &amp;\nd"


# normalisation


def test_normalisations():
    assert len(NORMALISATIONS) == 5 and all(s.endswith(".") for s in NORMALISATIONS)
    assert normalise(" a\u00a0\u2009b\t\n c ") == "a b c"
    quotes = "\u2018a\u2019 \u201cb\u201d \u201ec\u201f \u00abd\u00bb `e\u2032 \u201bf\u201a \u2033g"
    assert normalise(quotes) == "'a' \"b\" \"c\" \"d\" 'e' 'f' \"g"
    dashes = ["a \u2014 b", "a\u2014b", "a - b", "a -- b", "a\u2013b", "a \u2212 b",
              "a\u2010 \u2011\u2012\u2015b"]
    assert {normalise(s) for s in dashes} == {"a-b"}
    assert normalise("sus\u00adcep\u200btible \u200b x") == "susceptible x"
    assert normalise("Cafe\u0301") == normalise("Caf\u00e9") == "Caf\u00e9"
    assert normalise("Case") != normalise("case")


QUOTES = ("He said \u201cno\u201d \u2014 it\u2019s\u00a0sus\u00adceptible \u2013 and left.\n\n"
          "She said \"yes\" - it's susceptible -- and stayed.")


@pytest.mark.parametrize("quote, para, source", [
    ("said \"no\" - it's susceptible", 1, "said \u201cno\u201d \u2014 it\u2019s\u00a0sus\u00adceptible"),
    ("said \u201cyes\u201d\u2014it\u2019s susceptible", 2, "said \"yes\" - it's susceptible"),
    ("susceptible - and", 1, "sus\u00adceptible \u2013 and"),
    ("susceptible\u2014and", 2, "susceptible -- and"),
])
def test_typography_both_ways(quote, para, source):
    m = only(parse_source(QUOTES), quote, paras=[para])
    assert m.para == para and QUOTES[m.start:m.end] == source and m.score == 100.0


def test_nfc_offsets():
    text = "Une cafe\u0301 cre\u0300me\n\nUn caf\u00e9 cr\u00e8me"
    src = parse_source(text)
    one, two = src.find("caf\u00e9 cr\u00e8me")
    assert text[one.start:one.end] == "cafe\u0301 cre\u0300me" and one.passage == "cafe\u0301 cre\u0300me"
    assert text[two.start:two.end] == "caf\u00e9 cr\u00e8me"
    assert [m.para for m in src.find("cafe\u0301")] == [1, 2]


def test_quote_across_a_line_break_but_not_paragraphs():
    src = fixture("wrapped.txt")
    m = only(src, "Most of the harm can be trimmed down to size")
    assert m.para == 2 and src.text[m.start:m.end] == "Most of the harm\ncan be trimmed down to size"
    assert src.find("the rest can wait. The hall") == []


def test_case_counts():
    src = fixture("wrapped.txt")
    assert src.find("most of the harm") == [] and len(src.find("Most of the harm")) == 1


def test_every_occurrence_in_order():
    src = parse_source("a b a b a\n\nb a")
    assert [(m.para, m.start) for m in src.find("a")] == [(1, 0), (1, 4), (1, 8), (2, 13)]
    assert [m.start for m in src.find("a b a")] == [0]  # not overlapping
    assert src.find("") == [] and src.find(" \n ") == [] and src.find("...") == []


# ellipsis


@pytest.mark.parametrize("quote", [
    "Dear editor ... has had", "Dear editor...has had", "Dear editor \u2026 has had",
    "Dear editor\u2026has had", "Dear editor [...] has had", "Dear editor [\u2026] has had",
])
def test_ellipsis(quote):
    src = fixture("wrapped.txt")
    m = only(src, quote)
    assert src.text[m.start:m.end].startswith("Dear editor") and src.text[m.start:m.end].endswith("has had")
    assert m.score == 100.0 and m.para == 2


def test_ellipsis_pieces_in_order_in_one_paragraph():
    src = fixture("wrapped.txt")
    assert src.find("has had ... Dear editor") == []
    assert src.find("Dear editor ... built in 1884") == []  # the pieces are in two paragraphs
    m = only(src, "council ... the rest")
    assert src.text[m.start:m.end].startswith("council's plan")


# restricting and checking offsets


def test_find_in_paras():
    src = parse_source("the cat\n\nthe dog\n\nthe cow")
    assert [m.para for m in src.find("the")] == [1, 2, 3]
    assert [m.para for m in src.find("the", paras=[3, 1, 3])] == [1, 3]
    assert src.find("the", paras=[0, 4, -1]) == [] and src.find("cat", paras=[2]) == []
    assert [m.para for m in src.find("the", paras=iter([2]))] == [2]


@pytest.mark.parametrize("name", ["essay.txt", "wrapped.txt", "page.md", "page.html"])
def test_offsets_of_matches(name):
    src = fixture(name)
    for p in src.paragraphs:
        words = p.text.split()
        for quote in [" ".join(words[k:k + 4]) for k in range(0, len(words), 3)] + [
                f"{words[0]} ... {words[-1]}"]:
            found = src.find(quote, paras=[p.number])
            assert found, (quote, p)
            for m in found:
                assert all(normalise(piece) in normalise(m.passage) for piece in quote.split("..."))
                if src.kind == "text":
                    assert all(normalise(piece) in normalise(src.text[m.start:m.end])
                               for piece in quote.split("..."))
                assert p.start <= m.start < m.end <= p.end and m.para == p.number


CHARACTERS = st.sampled_from(list("ab Z.-,'\"\t") + ["\u00a0", "\u2014", "\u2013", "\u201c", "\u201d",
                                                     "\u2019", "\u00ad", "\u200b", "--", "\u2026"])
LINES = st.lists(CHARACTERS, min_size=1, max_size=20).map("".join).filter(lambda s: not s.isspace())
PARAGRAPHS = st.lists(LINES, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(PARAGRAPHS, min_size=1, max_size=4), st.sampled_from(["\n", "\r\n", "\r"]), st.data())
def test_any_substring_is_found_where_it_is(paragraphs, end, data):
    text = "\n\n".join(paragraphs).replace("\n", end)
    assume(any(c.isalnum() for c in text))
    src = parse_source(text, layout="blocks")
    p = data.draw(st.sampled_from(src.paragraphs))
    i = data.draw(st.integers(0, len(p.text) - 1))
    quote = p.text[i:data.draw(st.integers(i + 1, len(p.text)))]
    assume(any(c.isalnum() for c in quote))
    found = src.find(quote, paras=[p.number])
    assert found and set(found) <= set(src.find(quote))
    for m in found:
        assert p.start <= m.start < m.end <= p.end
        if "..." not in quote and "\u2026" not in quote:
            assert normalise(text[m.start:m.end]) == normalise(quote)


# closest, sentences, suggest


def test_closest():
    src = fixture("wrapped.txt")
    m = src.closest("can be trimmed downx")
    assert m is not None and m.para == 2 and m.score > 85 and m.passage == "can be trimmed down"
    assert src.text[m.start:m.end] == "can be trimmed down"
    m = src.closest("the hall was bilt in 1884")  # case and a typo
    assert m is not None and m.para == 3 and m.passage == "The hall was built in 1884"
    exact = src.closest("Most of the harm ... down")
    assert exact is not None and exact.score == 100.0 and exact == src.find("Most of the harm ... down")[0]
    assert src.closest("  ") is None


def test_sentences():
    text = ("Mr. Smith met Dr. J. R. Jones in the U.S. last year. They talked, e.g. about Gen. Lee! "
            "\u201cWhy?\u201d she asked. (It rained.) 3 people came... 4 left? no. Then it ended\n\n"
            "A second paragraph.\n\nSt. Louis, No. 5 and Acme Inc. Ltd. are names. Last one")
    src = parse_source(text)
    sentences = src.sentences()
    assert [s.text for s in sentences] == [
        "Mr. Smith met Dr. J. R. Jones in the U.S. last year.",
        "They talked, e.g. about Gen. Lee!",
        "\u201cWhy?\u201d she asked.",
        "(It rained.)",
        "3 people came...",
        "4 left? no.",
        "Then it ended",
        "A second paragraph.",
        "St. Louis, No. 5 and Acme Inc. Ltd. are names.",
        "Last one",
    ]
    assert [s.para for s in sentences] == [1] * 7 + [2, 3, 3]
    assert all(" ".join(text[s.start:s.end].split()) == s.text for s in sentences)
    assert src.sentences() is sentences


def test_suggest():
    src = fixture("essay.txt")
    (best, score), = src.suggest("Car-free streets are safer for children walking to school")
    assert best.text == "Children can walk to school alone, and the old need not fear crossing the road."
    assert 0 <= score <= 100
    found = src.suggest("shopkeepers are afraid of losing customers", limit=3)
    assert len(found) == 3 and found[0][0].text.startswith("Admittedly, shopkeepers fear")
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)


def test_the_spaces_normalised_are_every_character_python_calls_space():
    from argmap.sourcetext import _SPACES

    assert set(_SPACES) == {c for c in map(chr, range(0x110000)) if c.isspace()}
