// NotesView: layout of the header, notes column and sidebar from the window size, the clipped
// and scrolled notes, the clock face and the key legend.
// Sections: text helpers, layout, events, drawing.
#include "views/notes_view.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Graphics/View.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

namespace stepwise::views {

namespace {
constexpr std::string_view kDot = " \xC2\xB7 ";    // " · "
constexpr std::string_view kEmDash = "\xE2\x80\x94"; // "—"

// The remote's keys, as the app maps them (app/remote_control.cpp).
const std::array<std::pair<const char*, const char*>, 5> kKeys{{
    {"\xE2\x86\x92  PgDn", "next step"},   // →
    {"\xE2\x86\x90  PgUp", "back"},        // ←
    {"B", "blank screen"},
    {"3 Enter", "jump to step 3"},
    {"Home", "first step"},
}};

float right(const sf::FloatRect& r) { return r.left + r.width; }
float bottom(const sf::FloatRect& r) { return r.top + r.height; }

unsigned scaledSize(float base, float scale, unsigned atLeast) {
    return std::max(atLeast, static_cast<unsigned>(std::lround(base * scale)));
}

float lineStep(unsigned size) { return std::round(1.3f * static_cast<float>(size)); }
} // namespace

// ---------------------------------------------------------------- text helpers

std::string formatElapsed(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0.0) seconds = 0.0;
    const auto total = static_cast<long long>(std::floor(std::min(seconds, 1e9)));
    const long long h = total / 3600, m = total / 60 % 60, s = total % 60;
    char buffer[48];
    if (h > 0)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", h, m, s);
    else
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", m, s);
    return buffer;
}

std::string nextLine(const NotesContent& content) {
    if (!content.nextStepTitle.empty()) return content.nextStepTitle;
    if (!content.nextLessonTitle.empty())
        return "End of lesson " + std::string(kEmDash) + " next: " + content.nextLessonTitle;
    return "End of the course";
}

std::string lessonLine(const NotesContent& content) {
    std::string out;
    if (content.lessonCount > 0)
        out = "Lesson " + std::to_string(content.lessonIndex) + " of " + std::to_string(content.lessonCount);
    if (!content.lessonTitle.empty()) out += (out.empty() ? "" : std::string(kDot)) + content.lessonTitle;
    return out;
}

// ---------------------------------------------------------------- layout

void NotesView::setContent(const NotesContent& content) {
    const bool newStep = content.notes != m_content.notes || content.stepIndex != m_content.stepIndex ||
                         content.lessonIndex != m_content.lessonIndex || content.lessonTitle != m_content.lessonTitle;
    m_content = content;
    if (newStep) m_scroll = 0.f;
}

void NotesView::setRect(const sf::FloatRect& rect) { m_rect = rect; }

NotesView::Layout NotesView::layout(const Theme& theme) const {
    Layout L;
    const sf::FloatRect& R = m_rect;
    const float s = std::clamp(std::min(R.width / 1280.f, R.height / 720.f), 0.6f, 3.f);
    L.smallSize = scaledSize(20.f, s, theme.smallSize);
    L.notesSize = scaledSize(28.f, s, theme.bodySize);
    L.titleSize = scaledSize(36.f, s, theme.titleSize);
    L.nextSize = scaledSize(26.f, s, theme.bodySize);
    L.timerSize = scaledSize(44.f, s, theme.titleSize);
    const float margin = std::round(24.f * s), gap = std::round(12.f * s), pad = std::round(14.f * s);

    const float sideWidth = std::round(std::min(0.32f * R.width, 440.f * s));
    const float sideLeft = right(R) - margin - sideWidth;
    const float left = R.left + margin;
    const float mainRight = sideLeft - 2.f * gap;

    // Header: lesson line, "Step i of n" with markers, the step title; the clock on the right.
    const float small = lineHeight(L.smallSize);
    const float y0 = R.top + margin;
    const float y1 = y0 + small + gap;
    const float y2 = y1 + small + gap;
    const auto titleLines = wrapText(m_content.stepTitle, L.titleSize, mainRight - left, FontRole::UiBold, 2);
    const float titleHeight = lineStep(L.titleSize) * static_cast<float>(std::max<std::size_t>(1, titleLines.size()) - 1) +
                              lineHeight(L.titleSize, FontRole::UiBold);
    L.stepTitle = {left, y2, mainRight - left, titleHeight};
    const float stepLabelWidth = textWidth("Step 88 of 88", L.smallSize, FontRole::UiBold);
    const float markerHeight = std::round(10.f * s);
    L.progress = {left + stepLabelWidth + gap, std::round(y1 + (small - markerHeight) / 2.f),
                  std::max(0.f, mainRight - left - stepLabelWidth - gap), markerHeight};
    L.header = {R.left, R.top, R.width, bottom(L.stepTitle) + gap - R.top};

    const float timerHeight = lineHeight(L.timerSize, FontRole::UiBold);
    const float timerWidth = textWidth(formatElapsed(m_content.elapsedSeconds), L.timerSize, FontRole::UiBold);
    L.timer = {right(R) - margin - timerWidth, y0, timerWidth, timerHeight};
    const float face = std::round(timerHeight * 1.25f);
    L.clock = {L.timer.left - gap - face, std::round(y0 + (timerHeight - face) / 2.f), face, face};

    // Body: notes on the left, next step and keys on the right.
    const float bodyTop = bottom(L.header) + gap;
    const float bodyBottom = bottom(R) - margin;
    L.notes = {left, bodyTop, mainRight - left, std::max(0.f, bodyBottom - bodyTop)};

    const float innerWidth = sideWidth - 2.f * pad;
    const auto nextLines = wrapText(nextLine(m_content), L.nextSize, innerWidth, FontRole::UiBold, 3);
    const float nextTextHeight =
        lineStep(L.nextSize) * static_cast<float>(std::max<std::size_t>(1, nextLines.size()) - 1) +
        lineHeight(L.nextSize, FontRole::UiBold);
    L.nextText = {sideLeft + pad, bodyTop + pad + small + gap, innerWidth, nextTextHeight};
    L.next = {sideLeft, bodyTop, sideWidth, bottom(L.nextText) + pad - bodyTop};

    const float keysHeight = 2.f * pad + small + gap + lineStep(L.smallSize) * static_cast<float>(kKeys.size() - 1) + small;
    L.keys = {sideLeft, std::max(bottom(L.next) + gap, bodyBottom - keysHeight), sideWidth, keysHeight};
    return L;
}

// ---------------------------------------------------------------- events

void NotesView::clampScroll() {
    const float most = std::max(0.f, m_notes.height() - m_visibleNotes);
    m_scroll = std::clamp(m_scroll, 0.f, most);
}

void NotesView::scrollBy(float pixels) {
    m_scroll += pixels;
    clampScroll();
}

bool NotesView::handleEvent(const sf::Event& event) {
    if (event.type != sf::Event::MouseWheelScrolled || event.mouseWheelScroll.wheel != sf::Mouse::VerticalWheel)
        return false;
    if (!m_rect.contains(static_cast<float>(event.mouseWheelScroll.x), static_cast<float>(event.mouseWheelScroll.y)))
        return false;
    scrollBy(-event.mouseWheelScroll.delta * 3.f * m_notesLine);
    return true;
}

// ---------------------------------------------------------------- drawing

void NotesView::draw(sf::RenderTarget& target, const Theme& theme) {
    const Layout L = layout(theme);
    drawBox(target, m_rect, theme.background);
    drawHeader(target, theme, L);
    drawNotes(target, theme, L);
    drawSidebar(target, theme, L);
}

void NotesView::drawHeader(sf::RenderTarget& target, const Theme& theme, const Layout& L) const {
    const float maxLessonWidth = L.clock.left - L.stepTitle.left - L.smallSize;
    drawText(target, elide(lessonLine(m_content), L.smallSize, maxLessonWidth), {L.stepTitle.left, L.timer.top},
             L.smallSize, theme.mutedText);

    const float stepY = L.progress.top + L.progress.height / 2.f;
    if (m_content.stepCount > 0) {
        const std::string step = "Step " + std::to_string(m_content.stepIndex) + " of " + std::to_string(m_content.stepCount);
        drawText(target, step, {L.stepTitle.left, stepY}, L.smallSize, theme.accent, HAlign::Left, VAlign::Center,
                 FontRole::UiBold);
        // One marker per step: done ones muted, the current one in the accent colour.
        const int n = m_content.stepCount;
        sf::VertexArray markers(sf::Triangles);
        const float space = std::max(2.f, std::round(L.progress.height * 0.6f));
        const float w = std::min(L.progress.height * 6.f, (L.progress.width - space * static_cast<float>(n - 1)) / static_cast<float>(n));
        if (w >= 2.f) {
            for (int i = 0; i < n; ++i) {
                const sf::Color c = i + 1 == m_content.stepIndex ? theme.accent
                                    : i + 1 < m_content.stepIndex ? theme.mutedText
                                                                  : theme.panelBorder;
                appendRect(markers, {std::round(L.progress.left + static_cast<float>(i) * (w + space)), L.progress.top, std::round(w), L.progress.height}, c);
            }
            target.draw(markers);
        }
    }
    float y = L.stepTitle.top;
    for (const std::string& line : wrapText(m_content.stepTitle, L.titleSize, L.stepTitle.width, FontRole::UiBold, 2)) {
        drawText(target, line, {L.stepTitle.left, y}, L.titleSize, theme.text, HAlign::Left, VAlign::Top, FontRole::UiBold);
        y += lineStep(L.titleSize);
    }

    // Timer and a clock face whose long hand goes round once an hour and short hand once a minute.
    drawText(target, formatElapsed(m_content.elapsedSeconds), {right(L.timer), L.timer.top}, L.timerSize, theme.text,
             HAlign::Right, VAlign::Top, FontRole::UiBold);
    const sf::Vector2f c{L.clock.left + L.clock.width / 2.f, L.clock.top + L.clock.height / 2.f};
    const float r = L.clock.width / 2.f;
    const float line = std::max(2.f, std::round(r / 10.f));
    sf::CircleShape rim(r - line, 60);
    rim.setPosition(c.x - r + line, c.y - r + line);
    rim.setFillColor(theme.panel);
    rim.setOutlineColor(theme.mutedText);
    rim.setOutlineThickness(line);
    target.draw(rim);
    sf::VertexArray face(sf::Triangles);
    constexpr float turn = 2.f * std::numbers::pi_v<float>;
    for (int i = 0; i < 12; ++i) {
        const float a = turn * static_cast<float>(i) / 12.f;
        const sf::Vector2f d{std::sin(a), -std::cos(a)};
        appendLine(face, c + d * (r * 0.72f), c + d * (r * 0.86f), std::max(1.f, line / 2.f), theme.mutedText);
    }
    const double t = std::isfinite(m_content.elapsedSeconds) ? std::max(0.0, m_content.elapsedSeconds) : 0.0;
    const float minutes = turn * static_cast<float>(std::fmod(t, 3600.0) / 3600.0);
    const float seconds = turn * static_cast<float>(std::fmod(t, 60.0) / 60.0);
    appendLine(face, c, c + sf::Vector2f(std::sin(minutes), -std::cos(minutes)) * (r * 0.62f), line * 1.5f, theme.text);
    appendLine(face, c, c + sf::Vector2f(std::sin(seconds), -std::cos(seconds)) * (r * 0.8f), std::max(1.f, line * 0.75f),
               theme.accent);
    target.draw(face);
    if (!m_content.timeOfDay.empty())
        drawText(target, "now " + m_content.timeOfDay, {right(L.timer), bottom(L.timer) + std::round(L.smallSize * 0.4f)},
                 L.smallSize, theme.mutedText, HAlign::Right, VAlign::Top);

    // A rule under the header.
    sf::VertexArray rule(sf::Triangles);
    appendRect(rule, {L.stepTitle.left, bottom(L.header) - 1.f, right(L.timer) - L.stepTitle.left, 1.f}, theme.panelBorder);
    target.draw(rule);
}

void NotesView::drawNotes(sf::RenderTarget& target, const Theme& theme, const Layout& L) {
    const float bar = std::max(4.f, std::round(static_cast<float>(L.notesSize) * 0.2f));
    const float textWidthAvailable = std::max(1.f, L.notes.width - 3.f * bar);
    if (m_content.notes.empty()) {
        drawText(target, "No presenter notes for this step.", {L.notes.left, L.notes.top}, L.notesSize, theme.mutedText);
        m_notes.set({}, textWidthAvailable, L.notesSize, theme.text);
        m_visibleNotes = L.notes.height;
        clampScroll();
        return;
    }
    m_notes.set(plainParagraphs(m_content.notes), textWidthAvailable, L.notesSize, theme.text);
    m_visibleNotes = L.notes.height;
    m_notesLine = std::round(1.55f * static_cast<float>(L.notesSize));
    clampScroll();

    // Clip to the notes column: a view showing exactly that rectangle, scrolled.
    const sf::Vector2u size = target.getSize();
    const sf::View previous = target.getView();
    if (size.x > 0 && size.y > 0 && L.notes.width > 0.f && L.notes.height > 0.f) {
        sf::View clip({L.notes.left, L.notes.top + m_scroll, L.notes.width, L.notes.height});
        clip.setViewport({L.notes.left / static_cast<float>(size.x), L.notes.top / static_cast<float>(size.y),
                          L.notes.width / static_cast<float>(size.x), L.notes.height / static_cast<float>(size.y)});
        target.setView(clip);
        m_notes.setPosition({L.notes.left, L.notes.top});
        m_notes.draw(target);
        target.setView(previous);
    }

    // When the notes overflow: a scroll bar, and the last visible line fading out if more follows.
    const float total = m_notes.height();
    if (total > L.notes.height + 0.5f) {
        sf::VertexArray marks(sf::Triangles);
        const float x = right(L.notes) - bar;
        appendRect(marks, {x, L.notes.top, bar, L.notes.height}, theme.panel);
        const float thumb = std::max(2.f * bar, L.notes.height * L.notes.height / total);
        const float top = L.notes.top + (L.notes.height - thumb) * (m_scroll / (total - L.notes.height));
        appendRect(marks, {x, top, bar, thumb}, theme.mutedText);
        if (m_scroll + L.notes.height < total - 0.5f) {
            const float fade = std::round(1.2f * static_cast<float>(L.notesSize));
            const float y = bottom(L.notes) - fade;
            const sf::Color clear = withAlpha(theme.background, 0);
            const sf::Vector2f a{L.notes.left, y}, b{x - bar, y}, c{x - bar, bottom(L.notes)}, d{L.notes.left, bottom(L.notes)};
            for (const auto& [p, col] : {std::pair{a, clear}, {b, clear}, {c, theme.background}, {a, clear},
                                         {c, theme.background}, {d, theme.background}})
                marks.append({p, col});
        }
        target.draw(marks);
    }
}

void NotesView::drawSidebar(sf::RenderTarget& target, const Theme& theme, const Layout& L) const {
    const float pad = L.nextText.left - L.next.left;
    const float gap = L.nextText.top - L.next.top - pad - lineHeight(L.smallSize);
    // Next step.
    drawBox(target, L.next, theme.panel, theme.panelBorder, 1.f);
    drawText(target, "NEXT", {L.nextText.left, L.next.top + pad}, L.smallSize, theme.mutedText, HAlign::Left,
             VAlign::Top, FontRole::UiBold);
    const bool lessonEnds = m_content.nextStepTitle.empty();
    float y = L.nextText.top;
    for (const std::string& line : wrapText(nextLine(m_content), L.nextSize, L.nextText.width, FontRole::UiBold, 3)) {
        drawText(target, line, {L.nextText.left, y}, L.nextSize, lessonEnds ? theme.accent : theme.text, HAlign::Left,
                 VAlign::Top, FontRole::UiBold);
        y += lineStep(L.nextSize);
    }

    // Key legend of the remote.
    drawBox(target, L.keys, theme.panel, theme.panelBorder, 1.f);
    drawText(target, "REMOTE", {L.keys.left + pad, L.keys.top + pad}, L.smallSize, theme.mutedText, HAlign::Left,
             VAlign::Top, FontRole::UiBold);
    float keyWidth = 0.f;
    for (const auto& [key, what] : kKeys) keyWidth = std::max(keyWidth, textWidth(key, L.smallSize, FontRole::UiBold));
    y = L.keys.top + pad + lineHeight(L.smallSize) + gap;
    const float descLeft = L.keys.left + pad + keyWidth + gap * 1.5f;
    for (const auto& [key, what] : kKeys) {
        drawText(target, key, {L.keys.left + pad, y}, L.smallSize, theme.accent, HAlign::Left, VAlign::Top,
                 FontRole::UiBold);
        drawText(target, elide(what, L.smallSize, right(L.keys) - pad - descLeft), {descLeft, y}, L.smallSize, theme.text);
        y += lineStep(L.smallSize);
    }
}

} // namespace stepwise::views
