// What the window, `stepwise render`, `stepwise export` and `stepwise docs` share (see
// session.hpp). Sections: lessons and trainer, sizes and themes.
#include "app/session.hpp"

#include <algorithm>
#include <exception>
#include <system_error>

namespace stepwise::app {

// ---------------------------------------------------------------- lessons and trainer

std::string errorLines(const std::vector<lessons::LessonError>& errors) {
    std::string out;
    for (const auto& e : errors) out += std::string(e.what()) + "\n";
    return out;
}

// Sends the trainer to the state the current step assumes: its equation executed (step mode),
// or training running (live mode).
void syncTrainer(const lessons::LessonPlayer& player, const core::NetworkConfig& network, training::Trainer& trainer,
                 bool autoplay, bool holdRun) {
    if (player.empty()) return;
    if (const auto target = player.stepperTarget(network)) {
        trainer.send(training::command::SeekPosition{holdRun && *target > 0 ? *target - 1 : *target});
    } else if (player.isLiveStep()) {
        if (autoplay) trainer.send(training::command::Play{});
    }
}

// ---------------------------------------------------------------- sizes and themes

std::optional<sf::Vector2u> parseSize(const std::string& text) {
    const auto x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    try {
        const int w = std::stoi(text.substr(0, x)), h = std::stoi(text.substr(x + 1));
        if (w < 320 || h < 240 || w > 8192 || h > 8192) return std::nullopt;
        return sf::Vector2u(static_cast<unsigned>(w), static_cast<unsigned>(h));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

views::Theme themeFor(bool present, sf::Vector2u size) {
    if (present) return views::Theme::projector();
    // Text scales with the window: body 18 px at 1080 lines, never below 15 px.
    const float factor = std::max(0.85f, static_cast<float>(size.y) / 1080.f);
    return factor == 1.f ? views::Theme::dark() : views::Theme::dark().scaled(factor);
}

int focusColumn(const lessons::LessonStep& step, const core::NetworkConfig& network) {
    int column = 0;
    for (const lessons::Highlight& h : step.highlights) { // only columns that are samples count
        if (!h.col || h.isSymbol) continue;
        if (const auto tensor = core::findTensor(network, h.tensor); tensor && tensor->perSample()) column = *h.col;
    }
    return column;
}

} // namespace stepwise::app
