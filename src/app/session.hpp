// What the window, `stepwise render`, `stepwise export` and `stepwise docs` share about a
// lesson step on screen: how it drives the trainer, which sample it follows, and how a screen
// size picks its theme. Paths are in paths.hpp, lesson markup in markup.hpp.
#pragma once

#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_player.hpp"
#include "training/trainer.hpp"
#include "app/markup.hpp"
#include "app/paths.hpp"
#include "views/theme.hpp"

#include <SFML/System/Vector2.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::app {

/// \brief The lesson errors as text, one line each.
std::string errorLines(const std::vector<lessons::LessonError>& errors);

/// \brief Sends \p trainer, which runs \p network, to the state the current step of \p player
/// assumes: its equation executed (step mode), or training running when \p autoplay is set
/// (live mode). With \p holdRun (a question on the step waits for its answer first) the stepper
/// stops just before the step's equation instead. Any thread.
void syncTrainer(const lessons::LessonPlayer& player, const core::NetworkConfig& network, training::Trainer& trainer,
                 bool autoplay, bool holdRun = false);

/// \brief Parses "WxH" between 320×240 and 8192×8192; nothing for anything else.
std::optional<sf::Vector2u> parseSize(const std::string& text);

/// \brief The theme for a target of \p size px: the projector theme when \p present, else the
/// dark theme with text scaled to the height (body 18 px at 1080 lines, never below 15 px).
views::Theme themeFor(bool present, sf::Vector2u size);

/// \brief The sample column j a step follows: the column of its last cell highlight on a tensor
/// with one column per sample in \p network, as the catalogue says (`Z1[3, 5]` → 5; `W1[3, 5]`
/// does not count), else 0. The letter `j` in a highlight means this column.
int focusColumn(const lessons::LessonStep& step, const core::NetworkConfig& network);

} // namespace stepwise::app
