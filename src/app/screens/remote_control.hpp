// What a key press means: the keyboard and presentation-remote map of the window, with the
// state a remote needs (blank screen, a step number being typed, autoplay, the laser key held).
// No window and no drawing here, so tests drive it with synthesised key events.
#pragma once

#include "app/screens/ui_action.hpp"

#include <SFML/Window/Event.hpp>

#include <cstddef>
#include <string>

namespace stepwise::app {

/// \brief Turns key presses into intents, PowerPoint-style. UI thread only.
///
/// - B or "." blanks the screen to black, W to white; while blank, any key only brings the
///   picture back (the key does nothing else), as in a slide show.
/// - Digits build a step number (shown on screen); Enter jumps there; Backspace deletes a
///   digit; Esc forgets it. Enter with no number is "next".
/// - Holding Shift holds the laser pointer.
/// - While autoplay runs, any key stops it and then does its usual job; with a resume time set
///   (setAutoplayResume()), autoplay starts again once no key or click came for that long.
class RemoteControl {
public:
    /// \brief What \p key (a KeyPressed event's key) means now; updates blank, digits and autoplay.
    Intent keyPressed(const sf::Event::KeyEvent& key);
    /// \brief A KeyReleased event: lets go of the laser when Shift comes up.
    void keyReleased(const sf::Event::KeyEvent& key);
    /// \brief Any mouse button press: brings a blanked screen back (returns true then, and the
    /// click should be ignored otherwise).
    bool mousePressed();

    /// \brief True while the screen is blanked.
    [[nodiscard]] bool blank() const { return m_blank; }
    /// \brief True when blanked to white (W) rather than black (B or ".").
    [[nodiscard]] bool blankWhite() const { return m_white; }
    /// \brief The digits typed so far ("" when none).
    [[nodiscard]] const std::string& typedNumber() const { return m_digits; }
    /// \brief True while the laser key is held.
    [[nodiscard]] bool laser() const { return m_laser; }

    /// \brief Advances the steps every \p seconds on their own (0 or less switches autoplay off).
    void setAutoplay(double seconds);
    /// \brief After a key took over, autoplay starts again once no key or mouse button was pressed
    /// for \p seconds (0 or less: never, the teacher keeps control). Needs setAutoplay() > 0.
    void setAutoplayResume(double seconds);
    /// \brief True while autoplay runs.
    [[nodiscard]] bool autoplaying() const { return m_autoplay > 0.0; }
    /// \brief The autoplay interval in seconds (0 when off).
    [[nodiscard]] double autoplayInterval() const { return m_autoplay; }
    /// \brief Lets \p seconds of wall time pass. Returns UiAction::AutoAdvance each time an
    /// autoplay interval completes (at most one per call), else UiAction::None. Restarts a stopped
    /// autoplay when the resume time has passed without input (see setAutoplayResume()).
    Intent advance(double seconds);

private:
    bool m_blank = false;
    bool m_white = false;
    bool m_laser = false;
    std::string m_digits;
    double m_autoplay = 0.0;      // the running interval (0: stopped)
    double m_interval = 0.0;      // the interval setAutoplay() asked for, kept while stopped
    double m_resumeAfter = 0.0;   // idle seconds before a stopped autoplay restarts (0: never)
    double m_idle = 0.0;          // seconds since the last key or mouse button
    double m_elapsed = 0.0;
};

} // namespace stepwise::app
