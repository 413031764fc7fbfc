// What the window, `stepwise render` and `stepwise export` share: where the lessons live, how a
// lesson step drives the trainer, and how a screen size picks its theme.
#pragma once

#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_player.hpp"
#include "training/trainer.hpp"
#include "views/theme.hpp"

#include <SFML/System/Vector2.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief The lesson folder of the source tree (`lessons/`).
std::filesystem::path lessonDir();

/// \brief The lesson errors as text, one line each.
std::string errorLines(const std::vector<lessons::LessonError>& errors);

/// \brief Sends \p trainer to the state the current step of \p player assumes: its equation
/// executed (step mode), or training running when \p autoplay is set (live mode). Any thread.
void syncTrainer(const lessons::LessonPlayer& player, training::Trainer& trainer, bool autoplay);

/// \brief Parses "WxH" between 320×240 and 8192×8192; nothing for anything else.
std::optional<sf::Vector2u> parseSize(const std::string& text);

/// \brief The theme for a target of \p size px: the projector theme when \p present, else the
/// dark theme with text scaled to the height (body 18 px at 1080 lines, never below 15 px).
views::Theme themeFor(bool present, sf::Vector2u size);

} // namespace stepwise::app
