"""The docs build with mkdocs --strict and render right; the data dictionary names every field."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs
import pytest
import yaml

from jijinan import records
from jijinan.records import PanelRow
from jijinan.tables.crosswalk import CrosswalkRow
from jijinan.tables.prefectural import PrefectureRow
from jijinan.tables.research import CROSSWALK_COLUMNS, panel_columns, prefecture_columns
from jijinan.tables.schema import COVERAGE_COLUMNS, MATCH_COLUMNS, UNIT_COLUMNS

REPO = Path(__file__).resolve().parent.parent
DICTIONARY = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
# Sphinx roles, which mkdocstrings prints as they are: docstrings use [`X`][jijinan.X] instead.
ROLE = re.compile(r":(?:class|meth|func|attr|data|mod|exc|obj):`?")
GOOGLE_FONTS = ("fonts.googleapis.com", "fonts.gstatic.com")
CJK = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _visible(page: Path) -> str:
    """A page's markup without its scripts and style sheets (the notebook page inlines both)."""
    text = page.read_text(encoding="utf-8")
    return re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.DOTALL | re.IGNORECASE)


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_mkdocs_build_strict(site: Path) -> None:
    assert (site / "index.html").is_file()
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert "Find a pilot unit by its code or by a name" in reference  # docstrings made it in
    notebook = (site / "example" / "index.html").read_text(encoding="utf-8")
    # the bar chart and the map are shown (the page's CSS has data: PNGs of its own: count <img> sources)
    assert notebook.count('src="data:image/png;base64,') >= 2
    assert "Keep a Changelog" in (site / "changelog" / "index.html").read_text(encoding="utf-8")


def test_no_sphinx_roles_or_escaped_pipes_are_printed(site: Path) -> None:
    for page in _pages(site):
        text = _text(_visible(page))
        assert not ROLE.findall(text), (page.relative_to(site), ROLE.findall(text))
        assert "\\|" not in text, page.relative_to(site)
    reference = _visible(site / "reference" / "index.html")
    # the cross-references became links
    assert re.search(r'<a [^>]*href="[^"]*#jijinan\.PilotUnits\.match"', reference)
    dictionary = _text(_visible(site / "data-dictionary" / "index.html"))
    assert "str | None" in dictionary


def test_images_exist(site: Path) -> None:
    for page in _pages(site):
        for src in re.findall(r"<img\b[^>]*\bsrc=[\"']([^\"']+)", _visible(page)):
            if src.startswith("data:"):
                continue
            assert not urlsplit(src).scheme, f"{page.relative_to(site)} loads {src} from the web"
            target = (page.parent / unquote(urlsplit(src).path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {src} is missing"


def test_no_web_fonts(site: Path) -> None:
    # Google Fonts is often unreachable from mainland China: the site uses system fonts.
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for host in GOOGLE_FONTS:
                assert host not in text, f"{path.relative_to(site)} refers to {host}"
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    css = (REPO / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    for font in ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"):
        assert f'"{font}"' in css, font
    assert 'href="../stylesheets/extra.css"' in (site / "reference" / "index.html").read_text(encoding="utf-8")


def test_signatures_fit_the_column(site: Path) -> None:
    # mkdocstrings formats the signatures (separate_signature, line_length) with ruff
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    (plugin,) = [p["mkdocstrings"] for p in config["plugins"] if isinstance(p, dict) and "mkdocstrings" in p]
    options = plugin["handlers"]["python"]["options"]
    assert options["separate_signature"] is True
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    signatures = re.findall(r'<div class="doc-signature[^"]*"[^>]*>(.*?)</div>', reference, flags=re.DOTALL)
    assert len(signatures) > 20
    longest = max(len(line) for signature in signatures for line in _text(signature).splitlines())
    assert longest <= options["line_length"]


def test_chinese_quick_start_links_to_chinese_pages(site: Path) -> None:
    page = _visible(site / "quickstart.zh" / "index.html")
    article = page[page.index("<article") : page.index("</article>")]
    links = set(re.findall(r'<a [^>]*href="(\.\./[^"#]*)', article))
    assert {"../matching.zh/", "../data-dictionary.zh/", "../citing.zh/"} <= links, links
    english = links - {link for link in links if ".zh/" in link}
    assert english == {"../cli/"}, english  # the one English page, named as such in the text
    assert "英文的 [Command line and files](cli.md)" in (REPO / "docs" / "quickstart.zh.md").read_text(encoding="utf-8")
    for name in ("matching.zh", "data-dictionary.zh", "citing.zh"):
        assert (site / name / "index.html").is_file(), name


@pytest.mark.parametrize("page", sorted((REPO / "docs").glob("*.zh.md")), ids=lambda p: p.name)
def test_chinese_pages_do_not_break_lines_inside_chinese_text(page: Path) -> None:
    # A line break in the source is a space on the page: between two Chinese characters it is a
    # visible gap. Paragraphs of the Chinese pages are therefore written on one line each.
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
    breaks = re.findall(f"{CJK}\n[ ]*{CJK}", text)
    assert not breaks, breaks


@pytest.mark.parametrize(
    "record",
    [
        records.PilotUnit,
        records.Successor,
        records.Approval,
        records.Notice,
        records.CoverageRow,
        records.Match,
        PanelRow,
        CrosswalkRow,
        PrefectureRow,
    ],
    ids=lambda r: r.__name__,
)
def test_data_dictionary_names_every_field(record: type) -> None:
    for field in attrs.fields(record):
        assert f"`{field.name}`" in DICTIONARY, f"{record.__name__}.{field.name}"


def test_data_dictionary_names_every_column() -> None:
    for column in (
        *UNIT_COLUMNS,
        *COVERAGE_COLUMNS,
        *MATCH_COLUMNS,
        *panel_columns(["2015"]),
        *CROSSWALK_COLUMNS,
        *prefecture_columns(("2015",)),
    ):
        assert f"| `{column.name}` | {column.type} |" in DICTIONARY, column.name


def test_no_raw_md_links_in_the_built_site(site: Path) -> None:
    # A link the build did not turn into a page's URL (the notebook's `matching.md`) is a 404.
    for page in _pages(site):
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', _visible(page)):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            assert not parts.path.endswith(".md"), f"{page.relative_to(site)} links {href}"
    assert not (site / "pilot_map" / "index.html").exists()  # the map's helper module is not a page


def test_the_reference_documents_every_public_function(site: Path) -> None:
    reference = _visible(site / "reference" / "index.html")
    for name in ("units", "notice", "coverage", "panel", "match_frame"):
        assert f'id="jijinan.{name}"' in reference, name


def test_read_the_docs_builds_the_site_as_ci_does() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["mkdocs"]["configuration"] == "mkdocs.yml"
    assert config["mkdocs"]["fail_on_warning"] is True
    assert (REPO / config["mkdocs"]["configuration"]).is_file()
    assert config["build"]["os"]
    assert config["build"]["tools"]["python"]
    (install,) = config["python"]["install"]
    assert install == {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "docs" in pyproject["project"]["optional-dependencies"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("name", ["quickstart.md", "quickstart.zh.md", "panel.md", "panel.zh.md"])
def test_code_lines_fit_the_page(name: str) -> None:
    # The content column shows about 80 columns of code: a longer line runs off the page's edge.
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.DOTALL) for line in block.splitlines()]
    assert lines
    long = [line for line in lines if _width(line) > 80]
    assert long == [], long


def test_the_50_mb_speed_is_given_once() -> None:
    # One measured figure, in docs/performance.md; the README and the command-line page refer to it.
    anchor = "performance/#jijinan-match-on-a-50-mb-csv"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    cli = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert anchor in readme
    assert "performance.md#jijinan-match-on-a-50-mb-csv" in cli
    for text in (readme, cli):
        assert not re.search(r"\d[\d,]* rows(/s| a second)", text)
    performance = (REPO / "docs" / "performance.md").read_text(encoding="utf-8")
    assert "### jijinan match on a 50 MB CSV" in performance
