// The two theme presets, number formatting and the shared text helpers.
// Fonts come from the shared FontSet (views/fonts.hpp).
#include "views/theme.hpp"

#include "views/fonts.hpp"

#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/OpenGL.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_map>

namespace stepwise::views {

namespace {
constexpr std::string_view kMinus = "\xE2\x88\x92"; // U+2212 MINUS SIGN

sf::Color hex(std::uint32_t rgb) {
    return {static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>(rgb >> 8), static_cast<std::uint8_t>(rgb)};
}

// Replaces ASCII '-' by the real minus sign.
std::string withRealMinus(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 4);
    for (char c : s) {
        if (c == '-')
            out += kMinus;
        else
            out += c;
    }
    return out;
}

// Removes trailing zeros after a decimal point ("0.5000" → "0.5", "2.000" → "2").
std::string trimZeros(std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}
} // namespace

// ---------------------------------------------------------------- Theme

Theme Theme::dark() {
    Theme t;
    t.background = hex(0x16181d);
    t.panel = hex(0x1f2229);
    t.panelBorder = hex(0x3a3f4b);
    t.text = hex(0xe8eaed);
    t.mutedText = hex(0xa7adb8);
    t.accent = hex(0x56b4e9);    // Okabe–Ito sky blue
    t.highlight = hex(0x00e0ff);
    t.mistake = hex(0xff7043);
    t.grid = hex(0x4a505c);
    t.series = {hex(0xe69f00), hex(0x56b4e9), hex(0x009e73), hex(0xcc79a7)};
    t.bodySize = 18;
    t.titleSize = 24;
    t.smallSize = 15;
    t.equationSize = 26;
    t.padding = 12.f;
    t.gap = 8.f;
    t.lineWidth = 2.f;
    return t;
}

Theme Theme::projector() {
    Theme t;
    t.background = hex(0xffffff);
    t.panel = hex(0xf7f7f7);
    t.panelBorder = hex(0x8c8c8c);
    t.text = hex(0x000000);
    t.mutedText = hex(0x333333);
    t.accent = hex(0x0072b2);    // Okabe–Ito blue
    t.highlight = hex(0x0050d0);
    t.mistake = hex(0xc0392b);
    t.grid = hex(0x9a9a9a);
    t.series = {hex(0x0072b2), hex(0xd55e00), hex(0x009e73), hex(0xcc79a7)};
    t.bodySize = 30;     // a 29 px line box: "at least 28 px tall" from the back row
    t.titleSize = 38;
    t.smallSize = 24;
    t.equationSize = 40; // the lesson's equation is typeset at 1.2–1.7 × this: 48 px and up
    t.padding = 18.f;
    t.gap = 12.f;
    t.lineWidth = 3.f;
    return t;
}

Theme Theme::scaled(float factor) const {
    Theme t = *this;
    if (!(factor > 0.f)) return t;
    auto size = [factor](unsigned s) { return std::max(1u, static_cast<unsigned>(std::lround(static_cast<float>(s) * factor))); };
    t.bodySize = size(bodySize);
    t.titleSize = size(titleSize);
    t.smallSize = size(smallSize);
    t.equationSize = size(equationSize);
    t.padding = std::round(padding * factor);
    t.gap = std::round(gap * factor);
    t.lineWidth = std::max(1.f, std::round(lineWidth * factor));
    return t;
}

// ---------------------------------------------------------------- number formatting

std::string formatValue(double value, int significant) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "\xE2\x88\x9E" : std::string(kMinus) + "\xE2\x88\x9E";
    if (value == 0.0) return "0";
    significant = std::max(1, significant);
    const double magnitude = std::abs(value);
    char buffer[64];
    if (magnitude >= 1e-3 && magnitude < 1e5) {
        // Digits after the point so that `significant` digits are shown in total.
        const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
        int decimals = std::max(0, significant - 1 - exponent);
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
        // Rounding may carry into a new digit (9.9996 → "10.000"); trimming handles the zeros.
        std::string s = trimZeros(buffer);
        if (s == "-0") s = "0";
        return withRealMinus(s);
    }
    std::snprintf(buffer, sizeof buffer, "%.*e", significant - 1, value);
    std::string s = buffer;
    const auto e = s.find('e');
    std::string mantissa = trimZeros(s.substr(0, e));
    int exponent = std::stoi(s.substr(e + 1));
    return withRealMinus(mantissa + "e" + std::to_string(exponent));
}

std::string formatFixed(double value, int decimals) {
    if (!std::isfinite(value)) return formatValue(value);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 12), value);
    std::string s = buffer;
    if (s.find_first_not_of("-0.") == std::string::npos) return "0";
    return withRealMinus(s);
}

int decimalsFor(double limit, int significant) {
    if (!std::isfinite(limit) || limit <= 0.0) return std::max(0, significant - 1);
    const int exponent = static_cast<int>(std::floor(std::log10(limit)));
    return std::clamp(significant - 1 - exponent, 0, 8);
}

std::string formatCount(long long count) {
    const bool negative = count < 0;
    unsigned long long n = negative ? 0ULL - static_cast<unsigned long long>(count) : static_cast<unsigned long long>(count);
    std::string digits = std::to_string(n);
    std::string out;
    const auto len = digits.size();
    for (std::size_t i = 0; i < len; ++i) {
        if (i > 0 && (len - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return negative ? std::string(kMinus) + out : out;
}

std::string formatPercent(double fraction, int decimals) {
    if (!std::isfinite(fraction)) return formatValue(fraction);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f %%", std::max(0, decimals), fraction * 100.0);
    return withRealMinus(buffer);
}

float snapImageSize(float size, int pixels) {
    if (size <= 0.f || pixels <= 0) return std::max(0.f, size);
    const float snapped = std::floor(size / static_cast<float>(pixels)) * static_cast<float>(pixels);
    return snapped >= 0.85f * size ? snapped : std::floor(size);
}

sf::String toSfString(std::string_view utf8) { return sf::String::fromUtf8(utf8.begin(), utf8.end()); }

// ---------------------------------------------------------------- text drawing

const sf::Font& viewFont(FontRole role) {
    switch (role) {
    case FontRole::UiBold: return fonts().uiBold();
    case FontRole::Mono: return fonts().uiMono();
    case FontRole::Ui: break;
    }
    return fonts().ui();
}

namespace {
/// The texts drawn and measured lately, laid out once each. A lesson screen draws a few hundred
/// short strings a frame (cell values, tick labels, captions), nearly all the same as the frame
/// before; building an sf::Text asks FreeType for every glyph and kerning pair, which was a
/// quarter of the UI thread's CPU time while training (perf, forward/2 at 1920×1080). Two generations: a text used in the current
/// one stays; when it fills, the older one is dropped, so a text unused for a whole generation goes.
class TextCache {
public:
    struct Entry {
        float width = 0.f;             // advance width at position 0 (textWidth)
        std::unique_ptr<sf::Text> text; // made on the first draw, its geometry then kept
    };

    Entry& get(std::string_view utf8, unsigned size, FontRole role) {
        m_key.assign(utf8);
        m_key.push_back(static_cast<char>('0' + static_cast<int>(role))); // the role and size make it unique
        m_key.append(reinterpret_cast<const char*>(&size), sizeof size);
        if (auto it = m_now.find(m_key); it != m_now.end()) return it->second;
        if (m_now.size() >= kGeneration) {
            m_before = std::move(m_now);
            m_now.clear();
        }
        if (auto old = m_before.extract(m_key)) return m_now.insert(std::move(old)).position->second;
        Entry entry;
        const sf::Text text(toSfString(utf8), viewFont(role), size);
        // The advance of the last glyph counts, so trailing spaces and narrow glyphs are measured.
        entry.width = text.findCharacterPos(text.getString().getSize()).x;
        return m_now.emplace(m_key, std::move(entry)).first->second;
    }

    /// The entry's text, laid out, in \p color.
    sf::Text& text(Entry& entry, std::string_view utf8, unsigned size, FontRole role, sf::Color color) {
        if (!entry.text) {
            entry.text = std::make_unique<sf::Text>(toSfString(utf8), viewFont(role), size);
            (void)entry.text->getLocalBounds(); // builds the geometry now, kept while the font's texture stays
        }
        entry.text->setFillColor(color);
        return *entry.text;
    }

private:
    static constexpr std::size_t kGeneration = 3000; // texts per generation: a few frames' worth
    std::unordered_map<std::string, Entry> m_now, m_before;
    std::string m_key; // reused, so a lookup allocates nothing once it has grown
};

TextCache& textCache() {
    thread_local TextCache cache; // sf::Text and sf::Font are for one thread at a time
    return cache;
}
} // namespace

sf::Text makeText(std::string_view utf8, unsigned size, sf::Color color, FontRole role) {
    TextCache& cache = textCache();
    sf::Text text = cache.text(cache.get(utf8, size, role), utf8, size, role, color); // a copy keeps the geometry
    text.setPosition(0.f, 0.f); // drawText moves the cached one
    return text;
}

float textWidth(std::string_view utf8, unsigned size, FontRole role) { return textCache().get(utf8, size, role).width; }

std::string elide(std::string_view utf8, unsigned size, float maxWidth, FontRole role) {
    std::string text(utf8);
    if (textWidth(text, size, role) <= maxWidth) return text;
    const std::string ellipsis = "\xE2\x80\xA6";
    while (!text.empty()) {
        // Drop one UTF-8 code point: continuation bytes are 10xxxxxx.
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
        if (!text.empty()) text.pop_back();
        while (!text.empty() && text.back() == ' ') text.pop_back();
        if (textWidth(text + ellipsis, size, role) <= maxWidth) return text + ellipsis;
    }
    return textWidth(ellipsis, size, role) <= maxWidth ? ellipsis : std::string();
}

std::vector<std::string> wrapText(const std::string& text, unsigned size, float width, FontRole role, int maxLines) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        const std::string joined = line.empty() ? word : line + " " + word;
        if (line.empty() || textWidth(joined, size, role) <= width) {
            line = joined;
            continue;
        }
        lines.push_back(line);
        line = word;
    }
    if (!line.empty()) lines.push_back(line);
    if (static_cast<int>(lines.size()) > maxLines) {
        lines.resize(static_cast<std::size_t>(maxLines));
        lines.back() += " \xE2\x80\xA6"; // elide() turns the overflow into a trailing "…"
    }
    for (std::string& l : lines) l = elide(l, size, width, role);
    return lines;
}

namespace {
// Offsets from a text's origin to the top of capitals and to the bottom of descenders.
struct LineMetrics {
    float capTop;  // y of the top of 'H' relative to the text position
    float bottom;  // y of the bottom of 'g' relative to the text position
};

LineMetrics measureLine(unsigned size, FontRole role) {
    const sf::Font& font = viewFont(role);
    const sf::Glyph& cap = font.getGlyph(U'H', size, false);
    const sf::Glyph& desc = font.getGlyph(U'g', size, false);
    // sf::Text puts the baseline at y = characterSize.
    const float baseline = static_cast<float>(size);
    return {baseline + cap.bounds.top, baseline + desc.bounds.top + desc.bounds.height};
}

/// measureLine, remembered per size and role (each text placed asks for it).
LineMetrics lineMetrics(unsigned size, FontRole role) {
    thread_local std::unordered_map<unsigned, LineMetrics> known[3];
    auto& forRole = known[static_cast<int>(role)];
    if (auto it = forRole.find(size); it != forRole.end()) return it->second;
    return forRole.emplace(size, measureLine(size, role)).first->second;
}

/// The top-left position that anchors a line box of \p width at \p anchor.
sf::Vector2f anchoredPosition(float width, unsigned size, FontRole role, sf::Vector2f anchor, HAlign h, VAlign v) {
    const LineMetrics m = lineMetrics(size, role);
    float x = anchor.x;
    if (h == HAlign::Center) x -= width / 2.f;
    if (h == HAlign::Right) x -= width;
    float y = anchor.y - m.capTop;
    const float height = m.bottom - m.capTop;
    if (v == VAlign::Center) y -= height / 2.f;
    if (v == VAlign::Bottom) y -= height;
    return {std::round(x), std::round(y)};
}
} // namespace

float lineHeight(unsigned size, FontRole role) {
    const LineMetrics m = lineMetrics(size, role);
    return std::ceil(m.bottom - m.capTop);
}

void placeText(sf::Text& text, sf::Vector2f anchor, HAlign h, VAlign v) {
    const sf::Font* font = text.getFont();
    FontRole role = FontRole::Ui;
    if (font == &viewFont(FontRole::UiBold)) role = FontRole::UiBold;
    if (font == &viewFont(FontRole::Mono)) role = FontRole::Mono;
    const float width = text.findCharacterPos(text.getString().getSize()).x - text.getPosition().x;
    text.setPosition(anchoredPosition(width, text.getCharacterSize(), role, anchor, h, v));
}

sf::FloatRect drawText(sf::RenderTarget& target, std::string_view utf8, sf::Vector2f anchor, unsigned size,
                       sf::Color color, HAlign h, VAlign v, FontRole role) {
    // The line's metrics first: a glyph is placed in the font's texture when first asked for, and
    // this order ('H' and 'g', then the text) keeps that texture as it always was.
    const LineMetrics m = lineMetrics(size, role);
    TextCache& cache = textCache();
    TextCache::Entry& entry = cache.get(utf8, size, role);
    sf::Text& text = cache.text(entry, utf8, size, role, color);
    const sf::Vector2f pos = anchoredPosition(entry.width, size, role, anchor, h, v);
    text.setPosition(pos);
    target.draw(text);
    return {pos.x, pos.y + m.capTop, entry.width, m.bottom - m.capTop};
}

namespace {
/// Paints an opaque, axis-aligned rectangle of the current view by clearing it (glScissor and
/// glClear) instead of drawing two triangles over it. Mesa's software renderer clears at memory
/// speed but shades each pixel of a triangle (about 5 ns a pixel here: a millisecond or more for a
/// panel at 1920×1080, several per frame). The pixels are the same: a triangle covers the pixels
/// whose centres lie inside it, and rounding each edge to the nearest pixel boundary picks exactly
/// those. False (nothing done) for a rotated view: the caller then draws the shape.
bool clearRect(sf::RenderTarget& target, const sf::FloatRect& r, sf::Color c) {
    const sf::View& view = target.getView();
    if (view.getRotation() != 0.f) return false;
    const sf::IntRect port = target.getViewport(view);
    // Each corner to the first pixel whose centre is inside, as the rasterizer decides: a centre
    // exactly on a left edge is inside, one exactly on a top edge is not (seen in Mesa's output;
    // SFML's mapCoordsToPixel truncates instead, which turns 40 into 39 after the round trip
    // through the view's matrix). The viewport clips, as drawing would.
    const sf::Transform& toView = view.getTransform();
    const auto edge = [&](sf::Vector2f p) {
        const sf::Vector2f n = toView.transformPoint(p);
        const float x = (n.x + 1.f) / 2.f * static_cast<float>(port.width) + static_cast<float>(port.left);
        const float y = (1.f - n.y) / 2.f * static_cast<float>(port.height) + static_cast<float>(port.top);
        return sf::Vector2i(static_cast<int>(std::ceil(x - 0.5f - 1e-4f)), static_cast<int>(std::floor(y + 0.5f + 1e-4f)));
    };
    const sf::Vector2i a = edge({r.left, r.top}), b = edge({r.left + r.width, r.top + r.height});
    const int x0 = std::max(std::min(a.x, b.x), port.left), x1 = std::min(std::max(a.x, b.x), port.left + port.width);
    const int y0 = std::max(std::min(a.y, b.y), port.top), y1 = std::min(std::max(a.y, b.y), port.top + port.height);
    if (x1 <= x0 || y1 <= y0) return true; // nothing of it on the target
    if (!target.setActive(true)) return false;
    const auto height = static_cast<GLint>(target.getSize().y);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, height - y1, x1 - x0, y1 - y0); // GL counts rows from the bottom
    glClearColor(static_cast<float>(c.r) / 255.f, static_cast<float>(c.g) / 255.f, static_cast<float>(c.b) / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST); // SFML never scissors: leave the state as it expects
    return true;
}
} // namespace

void drawBox(sf::RenderTarget& target, const sf::FloatRect& rect, sf::Color fill, sf::Color outline, float thickness) {
    if (fill.a == 255 && (thickness <= 0.f || outline.a == 255)) {
        const sf::FloatRect inner{rect.left + thickness, rect.top + thickness, std::max(0.f, rect.width - 2.f * thickness),
                                  std::max(0.f, rect.height - 2.f * thickness)};
        // The outline as the whole rectangle, then the fill over its inside: two clears.
        if ((thickness <= 0.f || clearRect(target, rect, outline)) && clearRect(target, inner, fill)) return;
    }
    sf::RectangleShape box({std::max(0.f, rect.width - 2.f * thickness), std::max(0.f, rect.height - 2.f * thickness)});
    box.setPosition(rect.left + thickness, rect.top + thickness);
    box.setFillColor(fill);
    box.setOutlineColor(outline);
    box.setOutlineThickness(thickness);
    // An opaque box replaces what is under it: drawn without blending, the software renderer
    // skips reading the pixels below and drops earlier work it covers (same pixels either way).
    const bool opaque = fill.a == 255 && (thickness <= 0.f || outline.a == 255);
    target.draw(box, opaque ? sf::RenderStates(sf::BlendNone) : sf::RenderStates::Default);
}

void drawTooltip(sf::RenderTarget& target, const Theme& theme, std::string_view utf8, sf::Vector2f pointer) {
    const float w = textWidth(utf8, theme.bodySize) + 2.f * theme.gap;
    const float h = lineHeight(theme.bodySize) + 2.f * theme.gap;
    const sf::Vector2f size = target.getView().getSize();
    const sf::Vector2f origin = target.getView().getCenter() - size / 2.f;
    float x = pointer.x + 16.f;
    float y = pointer.y + 20.f;
    if (x + w > origin.x + size.x) x = pointer.x - 8.f - w;
    if (y + h > origin.y + size.y) y = pointer.y - 8.f - h;
    x = std::max(x, origin.x);
    y = std::max(y, origin.y);
    drawBox(target, {x, y, w, h}, theme.background, theme.text, 1.f);
    drawText(target, utf8, {x + theme.gap, y + theme.gap}, theme.bodySize, theme.text);
}

void appendRect(sf::VertexArray& triangles, const sf::FloatRect& rect, sf::Color color) {
    const sf::Vector2f a{rect.left, rect.top}, b{rect.left + rect.width, rect.top},
        c{rect.left + rect.width, rect.top + rect.height}, d{rect.left, rect.top + rect.height};
    for (const sf::Vector2f& p : {a, b, c, a, c, d}) triangles.append(sf::Vertex(p, color));
}

void appendLine(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, float thickness, sf::Color color) {
    const sf::Vector2f d = b - a;
    const float length = std::sqrt(d.x * d.x + d.y * d.y);
    if (length <= 0.f) return;
    const sf::Vector2f n{-d.y / length * thickness / 2.f, d.x / length * thickness / 2.f};
    for (const sf::Vector2f& p : {a + n, b + n, b - n, a + n, b - n, a - n}) triangles.append(sf::Vertex(p, color));
}

sf::Color withAlpha(sf::Color color, std::uint8_t alpha) {
    color.a = alpha;
    return color;
}

sf::Color readableOn(sf::Color background) {
    auto linear = [](std::uint8_t c) {
        const double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    const double luminance = 0.2126 * linear(background.r) + 0.7152 * linear(background.g) + 0.0722 * linear(background.b);
    // Crossover where contrast against black equals contrast against white.
    return luminance > 0.179 ? sf::Color::Black : sf::Color::White;
}

} // namespace stepwise::views
