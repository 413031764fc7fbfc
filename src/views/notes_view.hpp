// NotesView: the presenter's second window on the laptop. Shows where the class is (lesson k
// of n, step i of m), the current step's title and presenter notes in large wrapped text,
// what comes next, the time since class started with a running clock, and the remote's keys.
// Data comes in as a plain NotesContent, so this view knows nothing of lessons or training.
#pragma once

#include "views/narration_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <string>

namespace stepwise::views {

/// \brief Everything the presenter's notes window shows, as plain values.
///
/// Counters are 1-based as spoken in class ("step 3 of 8"); 0 counts hide that part.
struct NotesContent {
    std::string lessonTitle;     ///< title of the current lesson, e.g. "Forward pass"
    int lessonIndex = 0;         ///< the current lesson's number, 1 … lessonCount
    int lessonCount = 0;         ///< number of lessons
    std::string stepTitle;       ///< title of the current step
    int stepIndex = 0;           ///< the current step's number, 1 … stepCount
    int stepCount = 0;           ///< number of steps of the lesson
    std::string notes;           ///< presenter notes, UTF-8; line breaks separate paragraphs
    std::string nextStepTitle;   ///< title of the next step; empty on the lesson's last step
    std::string nextLessonTitle; ///< title of the next lesson, shown on the last step; empty after the last lesson
    double elapsedSeconds = 0.0; ///< time since class started (s)
    std::string timeOfDay;       ///< wall-clock time to show beside the timer, e.g. "10:42"; empty hides it
};

/// \brief Elapsed time as spoken on a stopwatch: "0:00", "1:15", "59:59", "1:02:05"
/// (minutes without a leading zero below an hour, h:mm:ss from an hour on). Fractions of a
/// second are dropped; negative and non-finite times give "0:00".
std::string formatElapsed(double seconds);

/// \brief The text under "Next": the next step's title, or "End of lesson — next: <lesson>"
/// on the last step, or "End of the course" after the last lesson (UTF-8).
std::string nextLine(const NotesContent& content);

/// \brief "Lesson 2 of 9 · Forward pass" (parts with a 0 count left out, UTF-8).
std::string lessonLine(const NotesContent& content);

/// \brief The presenter's notes window: header, notes column, sidebar with next step, clock
/// and key legend.
///
/// Text sizes grow with the window: the notes are 28 px at 1280 × 720 and scale with
/// min(width / 1280, height / 720) (never below the theme's bodySize). Notes longer than their
/// column scroll (mouse wheel, scrollBy()); a bar at the right edge shows where the view is.
/// A new step (different notes or step) scrolls back to the top.
///
/// Wiring: setContent() whenever the step changes and once per frame for the clock (cheap when
/// only elapsedSeconds changed), setRect() on resize, handleEvent() with the notes window's
/// events, draw() each frame of that window. Thread: UI thread only (holds SFML text).
class NotesView {
public:
    /// \brief Where everything goes, in the target's pixels (valid after setRect() and setContent()).
    struct Layout {
        sf::FloatRect header;    ///< the band with the lesson line, step counter, title and clock
        sf::FloatRect stepTitle; ///< line box of the current step's title
        sf::FloatRect progress;  ///< the row of step markers
        sf::FloatRect notes;     ///< the notes column (clips the scrolled text)
        sf::FloatRect next;      ///< the sidebar box with the next step
        sf::FloatRect nextText;  ///< where the next step's title is written
        sf::FloatRect timer;     ///< line box of the elapsed time
        sf::FloatRect clock;     ///< the clock face beside the timer
        sf::FloatRect keys;      ///< the key legend box
        unsigned notesSize = 0;  ///< text size of the notes (px)
        unsigned titleSize = 0;  ///< text size of the step title (px)
        unsigned nextSize = 0;   ///< text size of the next step's title (px)
        unsigned timerSize = 0;  ///< text size of the elapsed time (px)
        unsigned smallSize = 0;  ///< text size of the lesson line, headings and key legend (px)
    };

    /// \brief Shows \p content. Re-wraps the notes only when the notes, step or size changed.
    void setContent(const NotesContent& content);
    /// \brief The content last set.
    [[nodiscard]] const NotesContent& content() const { return m_content; }
    /// \brief The rectangle the view fills (usually the whole notes window), in pixels.
    ///
    /// The notes are clipped with an sf::View whose viewport is computed from the target's
    /// size, so the target's view must map 1:1 to its pixels (reset it on resize, as usual).
    void setRect(const sf::FloatRect& rect);
    /// \brief The rectangle set by setRect().
    [[nodiscard]] const sf::FloatRect& rect() const { return m_rect; }
    /// \brief The layout for the current rectangle and content, with \p theme's sizes as the
    /// lower bound. UI thread only (measures text).
    [[nodiscard]] Layout layout(const Theme& theme) const;

    /// \brief Scrolls the notes by \p pixels (positive: further down), clamped to the text.
    void scrollBy(float pixels);
    /// \brief How far the notes are scrolled (px from the top).
    [[nodiscard]] float scroll() const { return m_scroll; }
    /// \brief Height of the wrapped notes (px), from the last draw().
    [[nodiscard]] float notesHeight() const { return m_notes.height(); }
    /// \brief Mouse wheel over the notes scrolls them by three lines a notch.
    /// \return true when the event was used.
    bool handleEvent(const sf::Event& event);

    /// \brief Draws the view with \p theme's colours. UI thread only.
    void draw(sf::RenderTarget& target, const Theme& theme);

private:
    void drawHeader(sf::RenderTarget& target, const Theme& theme, const Layout& L) const;
    void drawSidebar(sf::RenderTarget& target, const Theme& theme, const Layout& L) const;
    void drawNotes(sf::RenderTarget& target, const Theme& theme, const Layout& L);
    void clampScroll();

    NotesContent m_content;
    sf::FloatRect m_rect{0, 0, 1280, 720};
    NarrationView m_notes;
    float m_scroll = 0.f;
    float m_visibleNotes = 0.f;  // height of the notes column at the last draw
    float m_notesLine = 40.f;    // one wrapped line at the last draw, for wheel steps
};

} // namespace stepwise::views
