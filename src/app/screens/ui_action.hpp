// What an input asks the window to do, as one value: the actions of keys, buttons, the
// presentation remote and autoplay alike.
#pragma once

#include <cstddef>

namespace stepwise::app {

/// \brief What an input asks the window to do.
enum class UiAction {
    None,           ///< nothing
    NextStep,       ///< → / Space / PageDown / Enter / ↓
    PreviousStep,   ///< ← / PageUp / ↑ / Backspace
    JumpToStep,     ///< a typed number, then Enter: step Intent::number of the current lesson
    LessonStart,    ///< Home: first step of the current lesson
    LessonEnd,      ///< End: last step of the current lesson
    AutoAdvance,    ///< autoplay's timer: the next step, or back to the very first after the last
    PlayPause,      ///< P
    OneIteration,   ///< S
    Reset,          ///< R
    Slower,         ///< − : fewer iterations per second
    Faster,         ///< + : more iterations per second (up to full speed)
    Fullscreen,     ///< F11
    Present,        ///< F5: presenter mode on or off
    LeavePresent,   ///< Esc in presenter mode
    Screenshot,     ///< F12
    Help,           ///< F1 / H
    Glossary,       ///< Tab: the help overlay's glossary page (and back to its keys)
    CheatSheet,     ///< T: every equation of the network on one page, with its shapes
    PreviousImage,  ///< [ : the focused image j one to the left (every view follows)
    NextImage,      ///< ] : the focused image j one to the right
    Docs,           ///< D
    LessonMenu,     ///< L
    DrawDigit,      ///< G: the draw-a-digit screen and back
    Compare,        ///< C: the compare screen (runs side by side) and back
    SwitchData,     ///< Ctrl + D: train on the other dataset (MNIST digits ↔ Fashion-MNIST)
    Spotlight,      ///< F: dim everything but the view under discussion
    Magnifier,      ///< M: a lens over the heatmap under the mouse
    Narration,      ///< N: hide or show the narration column
    Palette,        ///< K: the next heatmap palette (purple–orange, blue–red, greyscale)
    TextLarger,     ///< Ctrl + = / Ctrl + +
    TextSmaller,    ///< Ctrl + −
    TextReset,      ///< Ctrl + 0
    Save,           ///< Ctrl + S: write a checkpoint
    Open,           ///< Ctrl + O: load a checkpoint
    ExportTensors,  ///< Ctrl + E: the current step's tensors as .npy
    Quit,           ///< Ctrl + Q
    StepAction      ///< one of the step's [[step.action]] buttons (see LessonScreen::takeStepAction())
};

/// \brief One request: an action, with the step number for UiAction::JumpToStep (1-based).
struct Intent {
    UiAction action = UiAction::None; ///< what to do
    std::size_t number = 0;           ///< the typed step number (JumpToStep only)
};

} // namespace stepwise::app
