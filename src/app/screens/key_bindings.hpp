// The one table of what each key does: RemoteControl reads it to turn a key press into an
// action, the help overlay lists it, and the control strip's buttons take their labels from it,
// so the three cannot disagree.
#pragma once

#include "app/screens/ui_action.hpp"

#include <SFML/Window/Keyboard.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::app {

/// \brief One action and the keys that ask for it.
struct KeyBinding {
    UiAction action = UiAction::None;       ///< what the keys ask for
    std::vector<sf::Keyboard::Key> keys;    ///< any of these keys (none: not a plain key, e.g. typed digits)
    bool control = false;                   ///< with Ctrl held
    std::string_view keyLabel;              ///< how the help and the buttons write the keys ("P", "Ctrl+S")
    std::string_view button;                ///< the button's text without its key ("Play"); empty: no button
    std::string_view help;                  ///< what the help overlay says it does
    int helpRow = 0;                        ///< bindings with the same row share one line of the help
};

/// \brief Every binding, in the order the help lists them.
const std::vector<KeyBinding>& keyBindings();

/// \brief The action bound to \p key (with Ctrl when \p control); empty when the key is unbound.
std::optional<UiAction> boundAction(sf::Keyboard::Key key, bool control);

/// \brief A button's label with its (first) key: "One iteration (S)", "Help (F1)", or just the button text when
/// \p withKey is false. \p action must have a binding with a button.
std::string buttonLabel(UiAction action, bool withKey = true);

/// \brief One line of the help overlay: the keys and what they do.
struct HelpLine {
    std::string keys;        ///< e.g. "P  ·  S  ·  R"
    std::string description; ///< e.g. "play / pause training  ·  one iteration  ·  new initial weights"
};

/// \brief The help overlay's lines, from the table (bindings sharing a row joined by " · "),
/// and a last line for the mouse.
std::vector<HelpLine> helpLines();

} // namespace stepwise::app
