// LessonScreen: everything the window shows for one lesson step — header, narration with
// errata and action buttons, the typeset equation with its shapes, the step's tensor views,
// the training strip with its controls, and the help overlay. The window and `stepwise render`
// draw the same LessonScreen, so a rendered PNG is exactly what the window shows.
#pragma once

#include "app/screens/live_checks.hpp"
#include "app/screens/remote_control.hpp"
#include "lessons/glossary.hpp"
#include "lessons/lesson_player.hpp"
#include "lessons/quiz.hpp"
#include "training/snapshot.hpp"
#include "views/confusion_view.hpp"
#include "views/digit_view.hpp"
#include "views/dot_product_view.hpp"
#include "views/equation_sheet.hpp"
#include "views/equation_view.hpp"
#include "views/matrix_view.hpp"
#include "views/narration_view.hpp"
#include "views/network_view.hpp"
#include "views/plot_view.hpp"
#include "views/text_table.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stepwise::app {

/// \brief One lesson step on screen. UI thread only.
class LessonScreen {
public:
    /// \brief A screen drawing with \p theme.
    explicit LessonScreen(views::Theme theme);
    /// \brief Releases the panels.
    ~LessonScreen();
    LessonScreen(const LessonScreen&) = delete;
    LessonScreen& operator=(const LessonScreen&) = delete;

    /// \brief Shows \p step of \p lesson (index \p stepIndex of \p stepCount) with the data of
    /// \p snapshot. Cheap when nothing changed; call once per frame.
    void update(const lessons::Lesson& lesson, std::size_t stepIndex, const training::TrainingSnapshot& snapshot);
    /// \brief Lays everything out for a \p size px target.
    void setSize(sf::Vector2f size);
    /// \brief Draws the whole screen.
    void draw(sf::RenderTarget& target);
    /// \brief Mouse events: hover linking, zoom/pan in views, clicks on controls.
    /// \return the control clicked, if any.
    UiAction handleEvent(const sf::Event& event);
    /// \brief The step action clicked last (after handleEvent returned UiAction::StepAction).
    [[nodiscard]] std::optional<lessons::StepAction> takeStepAction();

    /// \brief The sample column j every view focuses on: the learner's choice, else the step's.
    [[nodiscard]] int focusColumn() const { return m_focusColumn; }
    /// \brief The learner picks image \p j (0 … kFocusImages − 1, wrapping): every view that shows
    /// the focused image follows, on this step and the next ones.
    void chooseFocusColumn(int j);
    /// \brief Images the learner can focus: the first twelve, which every per-image view shows.
    static constexpr int kFocusImages = 12;
    /// \brief True while a view still computes in the background (the gradient check).
    [[nodiscard]] bool busy() const;
    /// \brief The first loss-slice panel's curve and its plot, once computed (for tests).
    [[nodiscard]] std::optional<std::pair<LossSlice, const views::PlotView*>> lossSliceShown() const;
    /// \brief An earlier run of the lesson's network, kept as a faded curve (a "ghost") after a
    /// lesson button restarted training with another network, so the comparison stays on screen.
    struct Ghost {
        std::string lessonId; ///< the lesson it belongs to: moving to another lesson drops it
        std::string label;    ///< legend text, e.g. "was: hidden 10"
        std::vector<training::HistoryPoint> history; ///< the run's curve up to the restart
    };
    /// \brief Keeps \p ghost as the newest of at most kMaxGhosts; an empty history is ignored.
    void addGhost(Ghost ghost);
    /// \brief The ghosts drawn under the loss and accuracy curves, oldest first.
    [[nodiscard]] const std::vector<Ghost>& ghosts() const { return m_ghosts; }
    static constexpr std::size_t kMaxGhosts = 2; ///< theme colours 2 and 3; the live run has 0 and 1
    /// Background checks a step change left running; the window does not wait for them.
    [[nodiscard]] std::size_t abandonedChecks() const { return m_abandonedChecks.size(); }
    /// \brief Shows or hides the help overlay.
    void toggleHelp() {
        m_help = !m_help;
        m_glossaryPage = false;
    }
    /// \brief Tab: opens the help on the glossary's first page; in the help, the next page (the
    /// keys, the glossary's pages when it needs more than one, then the keys again).
    void toggleGlossary() {
        if (m_help && m_glossaryPage && m_glossaryPageIndex + 1 < m_glossaryPages) {
            ++m_glossaryPageIndex;
            return;
        }
        m_glossaryPage = !m_help || !m_glossaryPage;
        m_glossaryPageIndex = 0;
        m_help = true;
    }
    /// \brief The glossary page shown (0-based) and how many the last draw needed.
    [[nodiscard]] std::pair<std::size_t, std::size_t> glossaryPage() const { return {m_glossaryPageIndex, m_glossaryPages}; }
    /// \brief True while the help shows the glossary page.
    [[nodiscard]] bool glossaryShown() const { return m_help && m_glossaryPage; }
    /// \brief The terms the glossary page lists (lessons/glossary.md); \p problem, when not
    /// empty, is shown instead of them (the file is missing or malformed).
    void setGlossary(std::vector<lessons::GlossaryEntry> entries, std::string problem = {}) {
        m_glossary = std::move(entries);
        m_glossaryProblem = std::move(problem);
    }
    /// \brief Why there is no glossary (empty when it loaded).
    [[nodiscard]] const std::string& glossaryProblem() const { return m_glossaryProblem; }
    /// \brief Glossary entries the last drawn glossary page showed (all of them over its pages).
    [[nodiscard]] std::size_t glossaryEntriesDrawn() const { return m_glossaryDrawn; }
    /// \brief The text size the last drawn glossary page used.
    [[nodiscard]] unsigned glossarySize() const { return m_glossarySize; }
    /// \brief Shows or hides the cheat-sheet: every equation of the live network on one page (T).
    void toggleCheatSheet() { m_cheatSheetShown = !m_cheatSheetShown; }
    /// \brief True while the cheat-sheet is shown.
    [[nodiscard]] bool cheatSheetShown() const { return m_cheatSheetShown; }
    /// \brief The cheat-sheet as last drawn (its equations, their places and its title).
    [[nodiscard]] const views::EquationSheet& cheatSheet() const { return m_cheatSheet; }
    /// \brief True while the help overlay is shown (F1 / H).
    [[nodiscard]] bool helpShown() const { return m_help; }
    /// \brief Lines of helpLines() the last drawn help overlay had room for (all of them, unless
    /// the window is very small).
    [[nodiscard]] std::size_t helpLinesDrawn() const { return m_helpLinesDrawn; }
    /// \brief Shows or hides the lesson menu.
    void toggleMenu();
    /// \brief True while the lesson menu is open.
    [[nodiscard]] bool menuOpen() const { return m_menu; }
    /// \brief One lesson of the menu: its title and the titles of its steps.
    struct MenuLesson {
        std::string title;              ///< "3. Forward propagation"
        std::vector<std::string> steps; ///< step titles in order
        int minutes = 0;                ///< reading time (lessons::readingMinutes), 0: not shown
    };
    /// \brief The lessons for the menu, in order.
    void setLessonMenu(std::vector<MenuLesson> lessons) { m_menuLessons = std::move(lessons); }
    /// \brief The lessons the menu lists.
    [[nodiscard]] const std::vector<MenuLesson>& menuLessons() const { return m_menuLessons; }
    /// \brief Menu entry clicked since the last call: (lesson index, step index).
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> takeMenuChoice();
    /// \brief Rectangle of lesson \p index's row in the open menu (for tests and clicks).
    [[nodiscard]] sf::FloatRect menuLessonRect(std::size_t index) const { return menuRow(index); }
    /// \brief Rectangle of step \p index's row in the open menu's step list.
    [[nodiscard]] sf::FloatRect menuStepRect(std::size_t index) const { return menuStepRow(index); }
    /// \brief Replaces the theme (presenter mode, text scale) and lays everything out again.
    void setTheme(views::Theme theme);
    /// \brief Presenter layout: a one-line status strip with a few large buttons, no key hints.
    void setPresenting(bool presenting);
    /// \brief True in the presenter layout.
    [[nodiscard]] bool presenting() const { return m_presenting; }
    /// \brief Hides or shows the narration column (the panels then take the whole width).
    void toggleNarration();
    /// \brief True while the narration column is shown.
    [[nodiscard]] bool narrationShown() const { return m_showNarration; }
    /// \brief The rectangle of the view under discussion: the panel clicked last on this step,
    /// else the panel of the step's first highlighted tensor, else the first panel, else the
    /// equation. Empty before the first update().
    [[nodiscard]] sf::FloatRect focusRect() const;
    /// \brief The heatmap under \p point, if any (for the magnifier).
    [[nodiscard]] const views::MatrixView* matrixAt(sf::Vector2f point) const;
    /// \brief Text heights of the current layout in px, measured from the laid-out objects.
    struct TextMetrics {
        float narrationLine = 0.f; ///< line box of one narration line (0 when hidden)
        float narrationSize = 0.f; ///< character size of the narration text
        float equationSize = 0.f;  ///< pixels per em of the typeset equation (0 when none)
        float statusSize = 0.f;    ///< character size of the status strip
        float tooltipSize = 0.f;   ///< character size of heatmap tooltips
        float smallestSize = 0.f;  ///< smallest character size any text on the screen uses
    };
    /// \brief The text sizes of what draw() draws now.
    [[nodiscard]] TextMetrics textMetrics() const;
    /// \brief A transient status line (screenshot path, reload errors…), shown for a few seconds.
    void setStatus(std::string text, bool error = false);
    /// \brief A status message is on screen (it stays for a number of drawn frames).
    [[nodiscard]] bool statusShowing() const { return m_statusFrames > 0; }
    /// \brief Persistent error text (lesson files that failed to load); empty hides it.
    void setErrors(std::string text) { m_errors = std::move(text); }
    /// \brief The newest status line set, even after it has faded (for tests and the frame log).
    [[nodiscard]] const std::string& status() const { return m_status; }
    /// \brief The persistent error text shown now (empty: none).
    [[nodiscard]] const std::string& errors() const { return m_errors; }
    /// \brief The theme in use.
    [[nodiscard]] const views::Theme& theme() const { return m_theme; }
    /// \brief The equation view (for tests: symbol rectangles).
    [[nodiscard]] const views::EquationView& equation() const { return m_equation; }
    /// \brief Rectangles of the tensor panels, with the tensor each shows (for tests and hover).
    [[nodiscard]] std::vector<std::pair<std::string, sf::FloatRect>> panelRects() const;
    /// \brief The view of each panel in step order (null for text-only panels), for tests.
    [[nodiscard]] std::vector<const views::View*> panelViews() const;
    /// \brief How each table panel (live checks, equation shapes) is laid out in its frame, in
    /// step order, for tests: a fit that is not `fits` has rows left off.
    [[nodiscard]] std::vector<views::TableFit> panelTableFits() const;
    /// \brief Rectangle of the narration text block.
    [[nodiscard]] sf::FloatRect narrationRect() const { return m_narrationRect; }
    /// \brief Rectangle of the equation block.
    [[nodiscard]] sf::FloatRect equationRect() const { return m_equationRect; }
    /// \brief The shape line under the equation ("(10×784)·(784×m) + … (m = 41,000)"), empty
    /// for a step that executes nothing.
    [[nodiscard]] const std::string& shapeLineText() const { return m_shapeLine; }
    /// \brief The prediction gallery of panel \p index, if that panel is one (for tests: its labels).
    [[nodiscard]] const views::PredictionGalleryView* galleryPanel(std::size_t index) const;
    /// \brief The lesson menu's data row: what the class trains on and what Ctrl+D switches to
    /// ("Data: MNIST digits · Ctrl+D or click: Fashion-MNIST"); empty hides the row.
    void setDataLine(std::string text) { m_dataLine = std::move(text); }
    /// \brief Rectangle of the menu's data row (clicking it switches the data).
    [[nodiscard]] sf::FloatRect menuDataRect() const;
    /// \brief The matrix view of panel \p index, if that panel is a heatmap (for pixel tests).
    [[nodiscard]] const views::MatrixView* matrixPanel(std::size_t index) const;

    /// \brief The learner's answers, read to draw the step's questions (`[[step.question]]`);
    /// null draws none. The session owns it and outlives the screen's use of it.
    void setQuiz(const lessons::Quiz* quiz) { m_quiz = quiz; }
    /// \brief The choice clicked since the last call (0-based), if any.
    [[nodiscard]] std::optional<int> takeChoiceClick() { return std::exchange(m_clickedChoice, std::nullopt); }
    /// \brief Rectangle of choice \p index of the question on screen (empty when not shown).
    [[nodiscard]] sf::FloatRect choiceRect(std::size_t index) const;
    /// \brief Rectangle of the question card drawn last (empty when the step shows none).
    [[nodiscard]] sf::FloatRect questionRect() const { return m_questionRect; }
    /// \brief The text of the question card drawn last, line by line (for tests and the docs).
    [[nodiscard]] const std::vector<std::string>& questionText() const { return m_questionText; }
    /// \brief True while an unanswered question holds the step's views back.
    [[nodiscard]] bool viewsHeld() const;

private:
    struct Panel;
    struct Button {
        sf::FloatRect rect;
        std::string label;
        UiAction action = UiAction::None;
        std::size_t stepAction = 0;
        bool active = false;
    };
    void rebuildPanels(const lessons::LessonStep& step, const core::NetworkConfig& network);
    void refreshPanels(const training::TrainingSnapshot& snapshot);
    void layout();
    void drawHeader(sf::RenderTarget& target);
    void drawNarration(sf::RenderTarget& target);
    void drawEquation(sf::RenderTarget& target);
    void drawPanels(sf::RenderTarget& target);
    void drawStrip(sf::RenderTarget& target);
    void drawHelp(sf::RenderTarget& target);
    void drawGlossary(sf::RenderTarget& target, const sf::FloatRect& box, float top);
    void drawCheatSheet(sf::RenderTarget& target);
    void drawMenu(sf::RenderTarget& target);
    void drawButton(sf::RenderTarget& target, const Button& b);
    sf::FloatRect menuBox() const;
    std::size_t menuRowCount() const;
    sf::FloatRect menuRow(std::size_t index) const;     // row of lesson index
    sf::FloatRect menuStepRow(std::size_t index) const; // row of step index of m_menuOpenLesson
    std::string statusLine() const;
    UiAction handleMenuEvent(const sf::Event& event);
    /// The question card of the current step at (x, y), \p width wide; \p scroll is the narration's
    /// scroll offset for click rectangles. Returns its height (0 when the step shows no question).
    float drawQuestion(sf::RenderTarget& target, float x, float y, float width, float scroll);
    /// drawQuestion()'s layout: draws on \p target, or only measures when it is null.
    float layoutQuestion(sf::RenderTarget* target, float x, float y, float width, float scroll);
    /// True when the card goes over the panels (presenter mode, question waiting), not in the narration.
    [[nodiscard]] bool questionOverPanels() const;
    /// Where the card goes over the panels: the right-hand column below the header.
    [[nodiscard]] sf::FloatRect questionArea() const;

    views::Theme m_theme;
    sf::Vector2f m_size{1920.f, 1080.f};
    const lessons::Lesson* m_lesson = nullptr;
    const lessons::LessonStep* m_step = nullptr;
    std::string m_stepKey;               // lesson id + step index + equation: rebuild when it changes
    std::size_t m_stepIndex = 0;
    const training::TrainingSnapshot* m_snapshot = nullptr;
    std::uint64_t m_dataVersion = 0;     // bumped when the snapshot changes
    // A0 (the snapshots' shared a0Window) is the same data in every snapshot: its views copy
    // it once, not once per snapshot (it is by far the largest tensor a heatmap shows).
    const void* m_a0Seen = nullptr;
    std::uint64_t m_a0Version = 0;
    const training::TrainingSnapshot* m_lastSnapshot = nullptr;
    int m_focusColumn = 0;               // the sample j the lesson talks about
    std::optional<int> m_chosenColumn;
    Eigen::MatrixXf m_initialW1;         // the run's first W1 (weights-change view), from its seed
    std::uint64_t m_initialSeed = ~std::uint64_t{0};
    core::NetworkConfig m_initialConfig;   // the image the learner picked ([, ] or a click), kept across steps

    views::EquationView m_equation;
    std::string m_shapeLine;
    views::NarrationView m_narration;
    std::vector<std::unique_ptr<Panel>> m_panels;
    /// Checks of panels a step change removed, still running; dropped once ready, never waited for.
    std::vector<std::future<BackgroundResult>> m_abandonedChecks;
    std::vector<Ghost> m_ghosts;
    std::vector<Button> m_stripButtons;
    std::vector<Button> m_actionButtons;
    std::optional<lessons::StepAction> m_clickedAction;
    std::vector<MenuLesson> m_menuLessons;
    std::string m_dataLine;
    std::size_t m_menuOpenLesson = 0;    // lesson whose steps the menu lists
    std::optional<std::pair<std::size_t, std::size_t>> m_menuChoice;
    bool m_presenting = false;
    bool m_showNarration = true;
    int m_clickedPanel = -1;             // panel clicked on this step (spotlight target)
    std::string m_hoverTensor;           // tensor under the mouse (equation symbol or panel)
    sf::Vector2f m_mouse;

    sf::FloatRect m_headerRect, m_narrationRect, m_equationRect, m_panelArea, m_stripRect;
    float m_narrationScroll = 0.f;       // px scrolled down in the narration column
    float m_narrationContentHeight = 0.f; // px of narration content (title to buttons)
    bool m_help = false;
    bool m_glossaryPage = false;         // the help shows the glossary instead of the keys
    std::vector<lessons::GlossaryEntry> m_glossary;
    std::string m_glossaryProblem;
    std::size_t m_glossaryDrawn = 0;
    std::size_t m_glossaryPageIndex = 0, m_glossaryPages = 1;
    unsigned m_glossarySize = 0;
    bool m_cheatSheetShown = false;
    views::EquationSheet m_cheatSheet;
    std::size_t m_helpLinesDrawn = 0;
    bool m_menu = false;
    std::string m_status;
    bool m_statusError = false;
    int m_statusFrames = 0;
    std::string m_errors;
    const lessons::Quiz* m_quiz = nullptr;
    std::vector<sf::FloatRect> m_choiceRects; // of the question drawn last, in screen pixels
    std::optional<int> m_clickedChoice;
    sf::FloatRect m_questionRect;
    std::vector<std::string> m_questionText;
};


} // namespace stepwise::app
