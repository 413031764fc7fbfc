// offerOtherData(): one SFML window with a few lines of text (dark theme, DejaVu), closed by
// Esc/Q/Enter, or answered with F for Fashion-MNIST when that is installed.
#include "app/screens/missing_data_screen.hpp"

#include "views/fonts.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Window/Event.hpp>

#include <cstdlib>
#include <system_error>

namespace stepwise::app {

std::vector<std::string> missingDataLines(const std::filesystem::path& fashionMnist) {
    std::vector<std::string> lines{
        "stepwise needs the MNIST digits to train on, and they are not here yet.",
        "",
        "To download them (11.5 MB, once), run in a terminal:",
        "    stepwise data fetch",
        "then start stepwise again.",
    };
    std::error_code ec;
    if (std::filesystem::is_directory(fashionMnist, ec)) {
        lines.insert(lines.end(), {"", "Fashion-MNIST (pictures of clothes, from Debian) is installed.",
                                   "Press F to train on it now, or start stepwise with",
                                   "    stepwise --data " + fashionMnist.string()});
    }
    lines.insert(lines.end(), {"", "Esc closes this window."});
    return lines;
}

void drawMissingData(sf::RenderTarget& target, const std::vector<std::string>& lines) {
    const views::Theme theme = views::Theme::dark();
    constexpr unsigned size = 22;
    constexpr float lineHeight = 32.f, margin = 36.f;
    target.clear(theme.background);
    float y = margin;
    for (const std::string& line : lines) {
        const bool command = line.starts_with("    ");
        sf::Text text(sf::String::fromUtf8(line.begin(), line.end()), command ? views::fonts().uiMono() : views::fonts().ui(),
                      size);
        text.setFillColor(command ? theme.accent : theme.text);
        text.setPosition(margin, y);
        target.draw(text);
        y += lineHeight;
    }
}

std::optional<std::filesystem::path> offerOtherData(const std::string& message, const std::filesystem::path& fashionMnist) {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if (!(x11 && *x11) && !(wayland && *wayland)) return std::nullopt;
    (void)message; // the caller printed it; the window says the same in more words

    const std::vector<std::string> lines = missingDataLines(fashionMnist);
    std::error_code ec;
    const bool offerFashion = std::filesystem::is_directory(fashionMnist, ec);
    sf::RenderWindow window(sf::VideoMode(missingDataSize.x, missingDataSize.y), "stepwise — no data yet",
                            sf::Style::Titlebar | sf::Style::Close);
    window.setFramerateLimit(30);
    while (window.isOpen()) {
        sf::Event event;
        while (window.pollEvent(event)) {
            if (event.type == sf::Event::Closed) return std::nullopt;
            if (event.type != sf::Event::KeyPressed) continue;
            const auto key = event.key.code;
            if (key == sf::Keyboard::Escape || key == sf::Keyboard::Q || key == sf::Keyboard::Enter) return std::nullopt;
            if (key == sf::Keyboard::F && offerFashion) return fashionMnist;
        }
        drawMissingData(window, lines);
        window.display();
    }
    return std::nullopt;
}

} // namespace stepwise::app
