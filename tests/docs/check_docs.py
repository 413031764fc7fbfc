#!/usr/bin/python3
"""Checks the generated documentation (build/<preset>/docs) against the lesson files.

Asserts that every lesson file in lessons/ has its page in the HTML with a section per step,
that every step has its screenshot (generated and copied next to the HTML) and the page shows
it, that the navigation tree lists the lessons in lesson order, that no HTML page links to a
local file that does not exist, and that formulas are typeset by the local MathJax copy rather
than one fetched from the network.

    check_docs.py --html DIR --pages DIR --lessons DIR [--no-images] [--self-test]

--self-test breaks copies of the docs in several ways and fails unless the check notices
every one, so the check itself is known to be able to fail. Exit code 0 when all is well,
1 with one line per problem otherwise. Standard library only (Debian's /usr/bin/python3).
"""

import argparse
import html.parser
import os
import re
import shutil
import sys
import tempfile
import tomllib
import urllib.parse

REMOTE_SCHEMES = {"http", "https", "mailto", "javascript", "data"}


def label(text):
    """A lesson id as a Doxygen label, the way `stepwise docs` spells it."""
    return text.replace("-", "_").replace(".", "_")


def read_lessons(lessons_dir, problems):
    """(file name, id, title, step count) of every lesson file, read independently of the C++ parser."""
    lessons = []
    for name in sorted(os.listdir(lessons_dir)):
        if name.startswith(".") or not name.endswith(".toml"):
            continue
        try:
            with open(os.path.join(lessons_dir, name), "rb") as f:
                data = tomllib.load(f)
            lessons.append((name, data["id"], data["title"], len(data.get("step", []))))
        except (tomllib.TOMLDecodeError, KeyError, OSError) as e:
            problems.append(f"lessons/{name}: cannot read the lesson file ({e})")
    if not lessons and not problems:
        problems.append(f"{lessons_dir}: no lesson files")
    return lessons


class LinkCollector(html.parser.HTMLParser):
    """Collects href/src attributes, anchor ids and MathJax scripts of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (tag, attribute, value)
        self.ids = set()
        self.text = []
        self.in_mathjax_config = False
        self.mathjax_config = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        if tag == "script" and ("type", "text/x-mathjax-config") in attrs:
            self.in_mathjax_config = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_mathjax_config = False

    def handle_data(self, data):
        if self.in_mathjax_config:
            self.mathjax_config += data
        self.text.append(data)


def parse_page(path):
    collector = LinkCollector()
    with open(path, encoding="utf-8", errors="replace") as f:
        collector.feed(f.read())
    return collector


def html_pages(html_dir):
    for root, dirs, files in os.walk(html_dir):
        dirs[:] = [d for d in dirs if d != "mathjax"]  # third-party, not ours to check
        for name in files:
            if name.endswith(".html"):
                yield os.path.join(root, name)


def lesson_page_path(html_dir, lesson_id):
    """Doxygen 1.9.3+ names the page of a Markdown file md_<file name>; older ones use the label."""
    for name in (f"md_lesson_{label(lesson_id)}.html", f"lesson_{label(lesson_id)}.html"):
        path = os.path.join(html_dir, name)
        if os.path.isfile(path):
            return path
    return None


def is_png(path):
    try:
        with open(path, "rb") as f:
            return f.read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(path) > 1000
    except OSError:
        return False


def check_lessons(html_dir, pages_dir, lessons_dir, images, problems):
    index = os.path.join(html_dir, "index.html")
    if not os.path.isfile(index):
        problems.append(f"{index}: missing (the HTML entry point)")
    lessons_index = lesson_index_links(html_dir, problems)

    for file_name, lesson_id, title, steps in read_lessons(lessons_dir, problems):
        page_path = lesson_page_path(html_dir, lesson_id)
        if page_path is None:
            problems.append(f"lessons/{file_name}: no HTML page for lesson \"{lesson_id}\" in {html_dir}")
            continue
        page = parse_page(page_path)
        text = " ".join("".join(page.text).split())
        if " ".join(title.split()) not in text:
            problems.append(f"{page_path}: does not show the lesson title \"{title}\"")
        if os.path.basename(page_path) not in lessons_index:
            problems.append(f"lessons/{file_name}: the lessons index page does not link to {os.path.basename(page_path)}")
        img_sources = {urllib.parse.unquote(v) for tag, attr, v in page.links if tag == "img" and attr == "src"}
        for n in range(1, steps + 1):
            section = f"lesson_{label(lesson_id)}_step_{n}"
            if section not in page.ids:
                problems.append(f"{page_path}: no section {section} for step {n} of lessons/{file_name}")
            if not images:
                continue
            image = section + ".png"
            generated = os.path.join(pages_dir, "images", image)
            if not is_png(generated):
                problems.append(f"{generated}: missing or not a PNG (step {n} of lessons/{file_name})")
            if not is_png(os.path.join(html_dir, image)):
                problems.append(f"{os.path.join(html_dir, image)}: screenshot of step {n} not copied next to the HTML")
            if image not in img_sources:
                problems.append(f"{page_path}: does not show {image} (step {n} of lessons/{file_name})")


def lesson_index_links(html_dir, problems):
    """The local pages the generated lessons index links to."""
    for name in ("md_lessons.html", "lessons.html"):
        path = os.path.join(html_dir, name)
        if os.path.isfile(path):
            return {urllib.parse.urlsplit(v).path for _, attr, v in parse_page(path).links if attr == "href"}
    problems.append(f"{html_dir}: no lessons index page (md_lessons.html)")
    return set()


def check_links(html_dir, problems):
    """Every local href/src of every page must name an existing file, relative to the page."""
    for page_path in html_pages(html_dir):
        page = parse_page(page_path)
        base = os.path.dirname(page_path)
        for tag, attr, value in page.links:
            url = urllib.parse.urlsplit(value.strip())
            if url.scheme in REMOTE_SCHEMES:
                if tag == "script" and "mathjax" in value.lower():
                    problems.append(f"{page_path}: loads MathJax from the network ({value})")
                continue
            if url.scheme or url.netloc:
                problems.append(f"{page_path}: {attr}=\"{value}\" is neither a web link nor a relative path")
                continue
            if not url.path:
                continue  # "#anchor" within the page
            if url.path.startswith("/"):
                problems.append(f"{page_path}: {attr}=\"{value}\" is an absolute path (the docs must move as a folder)")
                continue
            target = os.path.normpath(os.path.join(base, urllib.parse.unquote(url.path)))
            if not os.path.exists(target):
                problems.append(f"{page_path}: {attr}=\"{value}\" names a missing file")
        if page.mathjax_config:
            check_mathjax(page_path, page, problems)


def check_mathjax(page_path, page, problems):
    """The MathJax 2 pieces the page's configuration asks for must be in the local copy."""
    scripts = [v for tag, attr, v in page.links if tag == "script" and v.split("?")[0].endswith("MathJax.js")]
    if not scripts:
        problems.append(f"{page_path}: configures MathJax but loads no MathJax.js")
        return
    for script in scripts:
        url = urllib.parse.urlsplit(script)
        if url.scheme:
            continue  # reported by check_links
        root = os.path.dirname(os.path.normpath(os.path.join(os.path.dirname(page_path), url.path)))
        wanted = []
        config = urllib.parse.parse_qs(url.query).get("config", [])
        wanted += [os.path.join("config", c.split("/")[0] + ".js") for c in config]
        for extension in re.findall(r'"([^"]+\.js)"', page.mathjax_config):
            wanted.append(os.path.join("extensions", extension))
        for jax in re.findall(r'"((?:input|output)/[^"]+)"', page.mathjax_config):
            wanted.append(os.path.join("jax", jax, "config.js"))
        for relative in wanted:
            if not os.path.isfile(os.path.join(root, relative)):
                problems.append(f"{page_path}: MathJax needs {relative}, missing from {root}")


NAV_ENTRY = re.compile(r'\[\s*"[^"]*",\s*"((?:md_)?lesson_[A-Za-z0-9_]+)\.html"')


def navigation_files(html_dir):
    """The navigation tree's scripts (navtreedata.js and the child lists it loads): path -> text."""
    scripts = {}
    for name in sorted(os.listdir(html_dir)):
        if name.endswith(".js") and not name.startswith(("jquery", "navtreeindex", "search")):
            with open(os.path.join(html_dir, name), encoding="utf-8", errors="replace") as f:
                scripts[os.path.join(html_dir, name)] = f.read()
    return scripts


def lesson_labels(lessons_dir):
    """The lessons' ids as page labels, in their `order`."""
    lessons = []
    for name in sorted(os.listdir(lessons_dir)):
        if name.endswith(".toml") and not name.startswith("."):
            try:
                with open(os.path.join(lessons_dir, name), "rb") as f:
                    data = tomllib.load(f)
                lessons.append((data["order"], label(data["id"])))
            except (tomllib.TOMLDecodeError, KeyError, OSError):
                pass  # reported by read_lessons
    return [lesson for _, lesson in sorted(lessons)]


def navigation_lessons(text, labels):
    """The lesson pages a navigation script lists, in its order (source files named lesson_* left out)."""
    found = [re.sub(r"^(md_)?lesson_", "", m.group(1)) for m in NAV_ENTRY.finditer(text)]
    return [name for name in found if name in labels]


def check_navigation(html_dir, lessons_dir, problems):
    """The tree on the left lists the lesson pages once each, in the lessons' `order`."""
    expected = lesson_labels(lessons_dir)
    best_path, listed = None, []
    for path, text in navigation_files(html_dir).items():
        found = navigation_lessons(text, set(expected))
        if len(found) > len(listed):
            best_path, listed = path, found
    if not listed:
        problems.append(f"{html_dir}: the navigation tree lists no lesson pages")
    elif listed != expected:
        problems.append(f"{best_path}: the navigation tree lists the lessons as {listed}, "
                        f"expected lesson order {expected}")


def check(html_dir, pages_dir, lessons_dir, images):
    problems = []
    if not os.path.isdir(html_dir):
        return [f"{html_dir}: no HTML (build the docs target first)"]
    check_lessons(html_dir, pages_dir, lessons_dir, images, problems)
    check_navigation(html_dir, lessons_dir, problems)
    check_links(html_dir, problems)
    return problems


# ---------------------------------------------------------------- self-test


def copy_docs(args, workdir):
    """A copy of the HTML (MathJax linked, not copied), the generated pages and the lesson files."""
    html = os.path.join(workdir, "html")
    shutil.copytree(args.html, html, ignore=shutil.ignore_patterns("mathjax"))
    if os.path.isdir(os.path.join(args.html, "mathjax")):
        os.symlink(os.path.abspath(os.path.join(args.html, "mathjax")), os.path.join(html, "mathjax"))
    pages = os.path.join(workdir, "pages")
    shutil.copytree(args.pages, pages)
    lessons = os.path.join(workdir, "lessons")
    shutil.copytree(args.lessons, lessons)
    return html, pages, lessons


def first_lesson(lessons_dir):
    problems = []
    name, lesson_id, _, _ = read_lessons(lessons_dir, problems)[0]
    return name, lesson_id


def break_remove_lesson_page(html, pages, lessons):
    _, lesson_id = first_lesson(lessons)
    os.remove(lesson_page_path(html, lesson_id))
    return f"no HTML page for lesson \"{lesson_id}\""


def break_add_lesson_file(html, pages, lessons):
    with open(os.path.join(lessons, "99-extra.toml"), "w") as f:
        f.write('id = "extra"\ntitle = "Extra"\norder = 99\nsummary = "x"\n\n[[step]]\ntitle = "t"\nnarration = "n"\n')
    return 'no HTML page for lesson "extra"'


def break_remove_screenshot(html, pages, lessons):
    _, lesson_id = first_lesson(lessons)
    image = f"lesson_{label(lesson_id)}_step_1.png"
    os.remove(os.path.join(html, image))
    os.remove(os.path.join(pages, "images", image))
    return image


def break_unreferenced_screenshot(html, pages, lessons):
    _, lesson_id = first_lesson(lessons)
    path = lesson_page_path(html, lesson_id)
    image = f"lesson_{label(lesson_id)}_step_1.png"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(f'src="{image}"', 'src="doxygen.svg"'))
    return f"does not show {image}"


def break_dead_link(html, pages, lessons):
    path = os.path.join(html, "index.html")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", '<a href="gone/missing_page.html#x">x</a></body>'))
    return "missing_page.html"


def break_remote_mathjax(html, pages, lessons):
    path = os.path.join(html, "index.html")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace('src="mathjax/MathJax.js', 'src="https://cdn.example.org/mathjax/MathJax.js'))
    return "loads MathJax from the network"


def break_navigation_order(html, pages, lessons):
    labels = set(lesson_labels(lessons))
    for path, text in navigation_files(html).items():
        entries = [m.group(1) for m in NAV_ENTRY.finditer(text) if re.sub(r"^(md_)?lesson_", "", m.group(1)) in labels]
        if len(entries) >= 2:
            first, second = entries[0], entries[1]
            text = text.replace(f'"{first}.html"', '"@SWAP@"').replace(f'"{second}.html"', f'"{first}.html"')
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace('"@SWAP@"', f'"{second}.html"'))
            return "expected lesson order"
    return "no lesson entries to swap"


def self_test(args):
    """Each breakage, on a fresh copy, must be reported; the unbroken copy must pass."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="check_docs.") as tmp:
        workdir = os.path.join(tmp, "intact")
        problems = check(*copy_docs(args, workdir), images=not args.no_images)
        if problems:
            failures.append("the intact copy fails: " + problems[0])
        breakages = [break_remove_lesson_page, break_add_lesson_file, break_dead_link, break_remote_mathjax,
                     break_navigation_order]
        if not args.no_images:
            breakages += [break_remove_screenshot, break_unreferenced_screenshot]
        for breakage in breakages:
            workdir = os.path.join(tmp, breakage.__name__)
            html, pages, lessons = copy_docs(args, workdir)
            expected = breakage(html, pages, lessons)
            problems = check(html, pages, lessons, images=not args.no_images)
            if not any(expected in p for p in problems):
                failures.append(f"{breakage.__name__}: expected a problem mentioning {expected!r}, got {problems[:3]}")
            else:
                print(f"{breakage.__name__}: caught")
    for failure in failures:
        print(f"self-test: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", required=True, help="Doxygen's HTML folder (build/<preset>/docs/html)")
    parser.add_argument("--pages", required=True, help="folder `stepwise docs` wrote the lesson pages to")
    parser.add_argument("--lessons", required=True, help="the lesson files (lessons/)")
    parser.add_argument("--no-images", action="store_true", help="the docs were built without screenshots")
    parser.add_argument("--self-test", action="store_true", help="check that broken copies of the docs fail")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args)
    problems = check(args.html, args.pages, args.lessons, images=not args.no_images)
    for problem in problems:
        print(problem, file=sys.stderr)
    pages = sum(1 for _ in html_pages(args.html)) if os.path.isdir(args.html) else 0
    print(f"{pages} HTML pages checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
