// Tests of NotesView, the presenter's notes window: stopwatch formatting, the next-step line,
// text sizes at 1280 × 720 measured from the layout and from rendered ink, notes and next step
// drawn where the layout says, and scrolling of long notes.
// The hidden "[.png]" case writes /tmp/overlay-notes-*.png for a human to look at.
#include "views/notes_view.hpp"
#include "support/display.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <cmath>
#include <limits>

using namespace stepwise::views;
using namespace viewtest;

namespace {
NotesContent sampleContent() {
    NotesContent c;
    c.lessonTitle = "Forward pass";
    c.lessonIndex = 3;
    c.lessonCount = 9;
    c.stepTitle = "Z1 = W1 A0 + b1: ten weighted sums per image";
    c.stepIndex = 3;
    c.stepCount = 8;
    c.notes = "Point at the highlighted row of W1, then at column 7 of A0: the cell of Z1 is their dot product "
              "plus the bias. Ask: which pixels can change this sum at all? (Only the bright ones.)\n"
              "Give the class a minute before moving on.";
    c.nextStepTitle = "A1 = ReLU(Z1)";
    c.nextLessonTitle = "Loss";
    c.elapsedSeconds = 754.0;
    c.timeOfDay = "10:42";
    return c;
}

int inkIn(const sf::Image& image, const sf::FloatRect& rect, sf::Color background, int threshold = 80) {
    int ink = 0;
    for (int y = static_cast<int>(rect.top); y < static_cast<int>(rect.top + rect.height); ++y)
        for (int x = static_cast<int>(rect.left); x < static_cast<int>(rect.left + rect.width); ++x)
            if (channelDistance(image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)), background) > threshold) ++ink;
    return ink;
}

// Height of the first line of ink in \p rect: from the first inked row to the last inked row
// before a blank row.
int firstInkLineHeight(const sf::Image& image, const sf::FloatRect& rect, sf::Color background) {
    int first = -1, last = -1;
    for (int y = static_cast<int>(rect.top); y < static_cast<int>(rect.top + rect.height); ++y) {
        bool inked = false;
        for (int x = static_cast<int>(rect.left); x < static_cast<int>(rect.left + rect.width) && !inked; ++x)
            inked = channelDistance(image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)), background) > 80;
        if (inked) {
            if (first < 0) first = y;
            last = y;
        } else if (first >= 0) {
            break;
        }
    }
    return first < 0 ? 0 : last - first + 1;
}
} // namespace

TEST_CASE("[views] notes view formats elapsed time like a stopwatch") {
    CHECK(formatElapsed(0) == "0:00");
    CHECK(formatElapsed(75) == "1:15");
    CHECK(formatElapsed(3725) == "1:02:05");
    CHECK(formatElapsed(59.99) == "0:59");
    CHECK(formatElapsed(600) == "10:00");
    CHECK(formatElapsed(3599) == "59:59");
    CHECK(formatElapsed(3600) == "1:00:00");
    CHECK(formatElapsed(36000 + 61) == "10:01:01");
    CHECK(formatElapsed(-5) == "0:00");
    CHECK(formatElapsed(std::numeric_limits<double>::quiet_NaN()) == "0:00");
}

TEST_CASE("[views] notes view says what comes next and where the class is") {
    NotesContent c = sampleContent();
    CHECK(nextLine(c) == "A1 = ReLU(Z1)");
    CHECK(lessonLine(c) == "Lesson 3 of 9 \xC2\xB7 Forward pass");
    c.nextStepTitle.clear();
    CHECK(nextLine(c) == "End of lesson \xE2\x80\x94 next: Loss");
    c.nextLessonTitle.clear();
    CHECK(nextLine(c) == "End of the course");
    c.lessonCount = 0;
    CHECK(lessonLine(c) == "Forward pass");
}

TEST_CASE("[views] notes view text is at least 28 px at 1280 x 720") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    NotesView view;
    view.setRect({0.f, 0.f, 1280.f, 720.f});
    NotesContent c = sampleContent();
    c.notes = "Hg Hg Hg Hg Hg Hg"; // one line whose ink spans cap height to descender
    view.setContent(c);
    const NotesView::Layout L = view.layout(theme);
    CHECK(L.notesSize >= 28u);
    CHECK(L.nextSize >= 24u);
    CHECK(L.titleSize >= 32u);
    CHECK(L.timerSize >= 40u);
    CHECK(L.smallSize >= 18u);
    CHECK(lineHeight(L.notesSize) >= lineHeight(28));
    const sf::Image image = render(1280, 720, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    // Measured ink of the first notes line: cap top to the bottom of g, about 0.96 em.
    const int inkHeight = firstInkLineHeight(image, L.notes, theme.background);
    CHECK(inkHeight >= 26);
    CHECK(inkHeight <= static_cast<int>(lineHeight(L.notesSize)) + 2);
    // The step title is larger still.
    CHECK(firstInkLineHeight(image, L.stepTitle, theme.background) >= 32);

    // Larger window, larger text.
    view.setRect({0.f, 0.f, 1920.f, 1080.f});
    CHECK(view.layout(theme).notesSize >= 40u);
}

TEST_CASE("[views] notes view draws the notes, the next step and the clock where its layout says") {
    stepwise::test::requireDisplay();
    for (const sf::Vector2u size : {sf::Vector2u{1280, 720}, sf::Vector2u{1920, 1080}}) {
        INFO("window " << size.x << " x " << size.y);
        const Theme theme = Theme::dark();
        const sf::FloatRect window{0.f, 0.f, static_cast<float>(size.x), static_cast<float>(size.y)};
        NotesView view;
        view.setRect(window);
        view.setContent(sampleContent());
        const NotesView::Layout L = view.layout(theme);
        const sf::Image image = render(size.x, size.y, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
        // Everything inside the window; notes column and sidebar side by side.
        for (const sf::FloatRect& r : {L.notes, L.next, L.keys, L.timer, L.clock, L.stepTitle}) CHECK(inside(r, window));
        CHECK(L.notes.left + L.notes.width < L.next.left);
        CHECK(L.next.top + L.next.height <= L.keys.top);
        CHECK(L.notes.top >= L.stepTitle.top + L.stepTitle.height);
        // Ink where the notes, the next step, the timer and the clock go.
        CHECK(inkIn(image, L.notes, theme.background) > 3000);
        CHECK(inkIn(image, L.nextText, theme.panel) > 300);
        CHECK(inkIn(image, L.timer, theme.background) > 200);
        CHECK(inkIn(image, L.clock, theme.background, 40) > 100);

        // The next step's title is what is written there: another title gives other pixels,
        // and the last step's line is written too.
        NotesContent other = sampleContent();
        other.nextStepTitle = "Softmax";
        view.setContent(other);
        const sf::Image changed = render(size.x, size.y, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
        int differing = 0;
        for (int y = static_cast<int>(L.nextText.top); y < static_cast<int>(L.nextText.top + L.nextText.height); ++y)
            for (int x = static_cast<int>(L.nextText.left); x < static_cast<int>(L.nextText.left + L.nextText.width); ++x)
                if (image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)) !=
                    changed.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)))
                    ++differing;
        CHECK(differing > 100);
        other.nextStepTitle.clear();
        view.setContent(other);
        const NotesView::Layout last = view.layout(theme);
        const sf::Image end = render(size.x, size.y, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
        CHECK(inkIn(end, last.nextText, theme.panel) > 300);
    }
}

TEST_CASE("[views] notes view scrolls long notes and starts a new step at the top") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    NotesView view;
    view.setRect({0.f, 0.f, 1280.f, 720.f});
    NotesContent c = sampleContent();
    std::string longNotes;
    for (int i = 1; i <= 30; ++i) longNotes += "Paragraph " + std::to_string(i) + " of the presenter notes.\n";
    c.notes = longNotes;
    view.setContent(c);
    const NotesView::Layout L = view.layout(theme);
    const sf::Image top = render(1280, 720, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    REQUIRE(view.notesHeight() > L.notes.height);
    CHECK(view.scroll() == 0.f);
    view.scrollBy(1e6f);
    CHECK(view.scroll() == Approx(view.notesHeight() - L.notes.height));
    const sf::Image scrolled = render(1280, 720, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    // The first line's place now shows another line (or nothing): pixels differ there.
    const sf::FloatRect firstLine{L.notes.left, L.notes.top, L.notes.width / 2.f, static_cast<float>(L.notesSize)};
    int differing = 0;
    for (int y = static_cast<int>(firstLine.top); y < static_cast<int>(firstLine.top + firstLine.height); ++y)
        for (int x = static_cast<int>(firstLine.left); x < static_cast<int>(firstLine.left + firstLine.width); ++x)
            if (top.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)) !=
                scrolled.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)))
                ++differing;
    CHECK(differing > 100);
    // Scrolled text never leaks above the notes column into the header.
    const sf::FloatRect aboveNotes{L.notes.left, L.stepTitle.top + L.stepTitle.height + 2.f, L.notes.width,
                                   L.notes.top - (L.stepTitle.top + L.stepTitle.height) - 4.f};
    CHECK(inkIn(scrolled, aboveNotes, theme.background) == inkIn(top, aboveNotes, theme.background));

    view.scrollBy(-1e6f);
    CHECK(view.scroll() == 0.f);
    // The wheel turned towards the user (negative delta) scrolls down, by three lines a notch.
    sf::Event wheel{};
    wheel.type = sf::Event::MouseWheelScrolled;
    wheel.mouseWheelScroll.wheel = sf::Mouse::VerticalWheel;
    wheel.mouseWheelScroll.delta = -1.f;
    wheel.mouseWheelScroll.x = static_cast<int>(L.notes.left + 50.f);
    wheel.mouseWheelScroll.y = static_cast<int>(L.notes.top + 50.f);
    CHECK(view.handleEvent(wheel));
    CHECK(view.scroll() == Approx(3.f * std::round(1.55f * static_cast<float>(L.notesSize))));
    wheel.mouseWheelScroll.delta = 2.f;
    CHECK(view.handleEvent(wheel));
    CHECK(view.scroll() == 0.f);
    view.scrollBy(100.f);
    c.elapsedSeconds += 1.0; // the clock ticking keeps the scroll
    view.setContent(c);
    CHECK(view.scroll() == 100.f);
    c.stepIndex = 4; // a new step starts at the top
    view.setContent(c);
    CHECK(view.scroll() == 0.f);
}

TEST_CASE("[views] notes view PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    for (const auto& [size, theme] : {std::pair{sf::Vector2u{1280, 720}, Theme::dark()}, std::pair{sf::Vector2u{1920, 1080}, Theme::dark()},
                                      std::pair{sf::Vector2u{1280, 800}, Theme::projector()}}) {
        NotesView view;
        view.setRect({0.f, 0.f, static_cast<float>(size.x), static_cast<float>(size.y)});
        view.setContent(sampleContent());
        const sf::Image image = render(size.x, size.y, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
        REQUIRE(image.saveToFile("/tmp/overlay-notes-" + std::to_string(size.x) + "x" + std::to_string(size.y) + ".png"));
        NotesContent last = sampleContent();
        last.nextStepTitle.clear();
        last.stepIndex = 8;
        last.elapsedSeconds = 3725;
        std::string longNotes;
        for (int i = 1; i <= 6; ++i)
            longNotes += "Ask: for a network with one million parameters, how many forward passes would finite "
                         "differences need per iteration? (Two million.) That settles why nobody trains this way.\n";
        last.notes = longNotes;
        view.setContent(last);
        const sf::Image end = render(size.x, size.y, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
        REQUIRE(end.saveToFile("/tmp/overlay-notes-last-" + std::to_string(size.x) + "x" + std::to_string(size.y) + ".png"));
    }
}
