// The key table (see key_bindings.hpp). Presentation remotes send PageDown/PageUp, B or "." and
// F5/Esc, so those keys behave as they do in a slide show.
#include "app/screens/key_bindings.hpp"

#include <algorithm>
#include <stdexcept>

namespace stepwise::app {

namespace {
using K = sf::Keyboard;
} // namespace

const std::vector<KeyBinding>& keyBindings() {
    // clang-format off
    static const std::vector<KeyBinding> table{
        {UiAction::NextStep, {K::Right, K::Down, K::Space, K::PageDown, K::Enter}, false, "→  Space  PgDn  Enter", "Next ▶", "next step (runs the step's equation on the real network)", 1},
        {UiAction::PreviousStep, {K::Left, K::Up, K::PageUp, K::Backspace}, false, "←  PgUp  Backspace", "◀ Back", "previous step (keeps the tensors already computed)", 2},
        {UiAction::JumpToStep, {}, false, "12 Enter", "", "go to step 12 of this lesson", 3},
        {UiAction::None, {}, false, "A–F  1–6", "", "answer the step's question (a number or a word: type it, then Enter; → shows the answer)", 3},
        {UiAction::LessonStart, {K::Home}, false, "Home", "", "first step", 3},
        {UiAction::LessonEnd, {K::End}, false, "End", "", "last step", 3},
        {UiAction::PlayPause, {K::P}, false, "P", "Play", "play / pause training", 4},
        {UiAction::OneIteration, {K::S}, false, "S", "One iteration", "one iteration", 4},
        {UiAction::Reset, {K::R}, false, "R", "Reset", "new initial weights", 4},
        {UiAction::Slower, {K::Hyphen, K::Subtract}, false, "−", "Slower", "slower training", 5},
        {UiAction::Faster, {K::Equal, K::Add}, false, "+", "Faster", "faster training (up to full speed)", 5},
        {UiAction::LessonMenu, {K::L}, false, "L", "Lessons", "lesson and step menu", 6},
        {UiAction::DrawDigit, {K::G}, false, "G", "Draw", "draw a digit for the live network", 6},
        {UiAction::Compare, {K::C}, false, "C", "Compare", "compare runs side by side (Esc or C returns)", 6},
        {UiAction::SwitchData, {K::D}, true, "Ctrl+D", "", "switch the data: MNIST digits ↔ Fashion-MNIST clothes (also in the lesson menu)", 6},
        {UiAction::Present, {K::F5}, false, "F5", "Present", "presenter mode on (projector colours, large text)", 7},
        {UiAction::LeavePresent, {K::Escape}, false, "Esc", "", "presenter mode off", 7},
        {UiAction::None, {}, false, "B or .  ·  W", "", "blank the screen to black / white; any key brings it back", 8},
        {UiAction::Spotlight, {K::F}, false, "F", "", "spotlight the view", 9},
        {UiAction::Magnifier, {K::M}, false, "M", "", "magnifier", 9},
        {UiAction::None, {}, false, "hold Shift", "", "laser pointer", 9},
        {UiAction::CheatSheet, {K::T}, false, "T", "", "cheat-sheet", 9},
        {UiAction::Palette, {K::K}, false, "K", "", "next heatmap colours (colour-blind safe, greyscale for print)", 10},
        {UiAction::Narration, {K::N}, false, "N", "", "hide the narration", 11},
        {UiAction::TextLarger, {K::Equal, K::Add}, true, "Ctrl +", "A+", "larger text", 11},
        {UiAction::TextSmaller, {K::Hyphen, K::Subtract}, true, "Ctrl −", "A−", "smaller text (remembered)", 11},
        {UiAction::TextReset, {K::Num0, K::Numpad0}, true, "Ctrl 0", "", "text size back to 100 %", 11},
        {UiAction::Save, {K::S}, true, "Ctrl+S", "", "save a checkpoint", 12},
        {UiAction::Open, {K::O}, true, "Ctrl+O", "", "load the last one", 12},
        {UiAction::PreviousImage, {K::LBracket}, false, "[", "", "", 12},
        {UiAction::NextImage, {K::RBracket}, false, "]", "", "image j: previous / next (or click an image)", 12},
        {UiAction::ExportTensors, {K::E}, true, "Ctrl+E", "", "export this step's tensors (.npy)", 13},
        {UiAction::Screenshot, {K::F12}, false, "F12", "Screenshot", "screenshot", 13},
        {UiAction::Help, {K::F1, K::H}, false, "F1  H", "Help", "this help", 14},
        {UiAction::Glossary, {K::Tab}, false, "Tab", "", "glossary", 14},
        {UiAction::Docs, {K::D}, false, "D", "Docs", "documentation", 14},
        {UiAction::Fullscreen, {K::F11}, false, "F11", "Fullscreen", "fullscreen", 14},
        {UiAction::Quit, {K::Q}, true, "Ctrl+Q", "Quit", "quit", 14},
    };
    // clang-format on
    return table;
}

std::optional<UiAction> boundAction(sf::Keyboard::Key key, bool control) {
    for (const KeyBinding& b : keyBindings())
        if (b.control == control && std::find(b.keys.begin(), b.keys.end(), key) != b.keys.end()) return b.action;
    return std::nullopt;
}

std::string buttonLabel(UiAction action, bool withKey) {
    for (const KeyBinding& b : keyBindings())
        if (b.action == action && !b.button.empty()) {
            const bool arrow = action == UiAction::NextStep || action == UiAction::PreviousStep;
            // A button names the first key of its label only: "Help (F1)", not "Help (F1  H)".
            const std::string_view key = b.keyLabel.substr(0, b.keyLabel.find("  "));
            return std::string(b.button) + (withKey && !arrow ? " (" + std::string(key) + ")" : "");
        }
    throw std::logic_error("buttonLabel: an action without a button");
}

std::vector<HelpLine> helpLines() {
    std::vector<HelpLine> lines;
    int row = -1;
    bool paired = false; // the last binding had no text of its own: the next one says what both do ("[  ]")
    for (const KeyBinding& b : keyBindings()) {
        if (b.helpRow != row) {
            lines.push_back({std::string(b.keyLabel), std::string(b.help)});
            row = b.helpRow;
        } else {
            lines.back().keys += (paired ? "  " : "  ·  ") + std::string(b.keyLabel);
            if (!b.help.empty()) lines.back().description += "  ·  " + std::string(b.help);
        }
        paired = b.help.empty();
    }
    lines.push_back({"mouse", "hover a cell for its value · wheel zooms · drag pans · hover a symbol to find its matrix"});
    return lines;
}

} // namespace stepwise::app
