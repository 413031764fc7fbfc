// CompareScreen: runs side by side (key C). Each run is its own Trainer on the window's data
// split and seed, training concurrently; the screen overlays their loss and accuracy curves in
// one colour per run, tabulates dev and test accuracy, shows each run's W¹ rows, reads one
// drawn digit through every run at once, and edits, pauses and restarts runs.
#pragma once

#include "core/run_spec.hpp"
#include "training/prepared_data.hpp"
#include "training/trainer.hpp"
#include "views/digit_view.hpp"
#include "views/drawing_pad_view.hpp"
#include "views/plot_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief What a compare-screen event asks of the window.
enum class CompareRequest {
    None,      ///< nothing (or handled inside the screen)
    Close,     ///< back to the lesson (Esc, C, the Back button)
    OpenInLesson ///< open the selected run in the lesson view (see CompareScreen::selected())
};

/// \brief The compare screen. UI thread only; every run's Trainer trains on its own thread and
/// the screen only sends commands and takes their newest snapshots (it never waits on them).
class CompareScreen {
public:
    /// \brief Which quantity the curves' x-axis shows.
    enum class XAxis {
        Iterations, ///< completed iterations
        Epochs,     ///< images seen / training images
        Seconds     ///< CPU seconds the run's iterations used (on every thread it trains on)
    };

    /// \brief One run: its spec, its trainer and what the screen measured of it.
    struct Run {
        core::RunSpec spec;                                  ///< what it trains
        std::unique_ptr<training::Trainer> trainer;          ///< its own trainer thread
        std::shared_ptr<const training::TrainingSnapshot> latest; ///< taken in update()
        bool paused = false;                                 ///< paused by the user
        std::unique_ptr<views::DigitView> rows;              ///< its W¹ rows
    };

    /// \brief A screen drawing with \p theme whose runs train on \p data (shared, not copied)
    /// from initialisation seed \p seed.
    CompareScreen(views::Theme theme, training::PreparedData data, std::uint64_t seed);
    ~CompareScreen();
    CompareScreen(const CompareScreen&) = delete;
    CompareScreen& operator=(const CompareScreen&) = delete;

    /// \brief Replaces every run by \p runs, each trained for \p iterations iterations from now,
    /// under the heading \p name.
    void setExperiment(std::string name, const std::vector<core::RunSpec>& runs, long iterations);
    /// \brief When there are no runs yet: the paper's network against hidden = 128, 500 iterations.
    void ensureDefaultExperiment();
    /// \brief Lays everything out for a \p size px target.
    void setSize(sf::Vector2f size);
    /// \brief Replaces the theme (presenter mode, text scale).
    void setTheme(views::Theme theme);
    /// \brief Takes every run's newest snapshot (a pointer swap: it never waits on a trainer).
    void update();
    /// \brief Draws the whole screen.
    void draw(sf::RenderTarget& target);
    /// \brief Keys (X, V, Space, A, D, Delete, 1…8, Tab, O) and clicks on the buttons and the table.
    CompareRequest handleEvent(const sf::Event& event);

    /// \brief Adds a run of \p spec, trained for the experiment's iterations (at most maxRuns).
    bool addRun(core::RunSpec spec);
    /// \brief Removes run \p index (its trainer stops).
    void removeRun(std::size_t index);
    /// \brief Adds a copy of run \p index, trained from the start.
    void duplicateRun(std::size_t index);
    /// \brief Pauses run \p index, or resumes it.
    void togglePause(std::size_t index);
    /// \brief Starts run \p index again from fresh weights with its current spec.
    void restartRun(std::size_t index);
    /// \brief Changes one setting of run \p index to the next value of its ladder and restarts
    /// it: \p key is "hidden", "activation", "optimizer" or "alpha".
    void cycleSetting(std::size_t index, std::string_view key);
    /// \brief The x-axis in use.
    [[nodiscard]] XAxis xAxis() const { return m_xAxis; }
    /// \brief Switches the x-axis to the next quantity (iterations → epochs → seconds).
    void nextXAxis();

    /// \brief The runs (for tests and the window).
    [[nodiscard]] const std::vector<Run>& runs() const { return m_runs; }
    /// \brief The run the editing buttons act on.
    [[nodiscard]] std::size_t selected() const { return m_selected; }
    /// \brief Selects run \p index.
    void select(std::size_t index);
    /// \brief The experiment's heading.
    [[nodiscard]] const std::string& name() const { return m_name; }
    /// \brief Iterations each run trains.
    [[nodiscard]] long iterations() const { return m_iterations; }
    /// \brief The loss plot (for tests: plot area and pixels).
    [[nodiscard]] const views::PlotView& lossPlot() const { return m_loss; }
    /// \brief The accuracy plot (for tests).
    [[nodiscard]] const views::PlotView& accuracyPlot() const { return m_accuracy; }
    /// \brief Rectangle of table row \p index (empty before the first draw).
    [[nodiscard]] sf::FloatRect tableRowRect(std::size_t index) const;
    /// \brief The table's text, one line per run: label, train, dev, test, iterations, seconds, parameters.
    [[nodiscard]] std::vector<std::vector<std::string>> tableText() const;
    /// \brief The most probable digit and its probability for the drawing in run \p index
    /// (empty without a drawing or before the first update()).
    [[nodiscard]] std::optional<std::pair<int, float>> drawnPrediction(std::size_t index) const;
    /// The draw pad's title: on Fashion-MNIST it says the pad draws digits while the runs read clothes.
    [[nodiscard]] std::string drawPadTitle() const;
    /// What the pad's row for run `index` says the run reads: a digit, or on Fashion-MNIST a class name.
    [[nodiscard]] std::string drawnReading(std::size_t index) const;
    /// \brief The drawing pad (for tests: strokes).
    views::DrawingPadView& pad() { return m_pad; }
    /// \brief Rectangle of the button labelled \p label (empty when not shown).
    [[nodiscard]] sf::FloatRect buttonRect(std::string_view label) const;
    /// \brief Colour index (into Theme::series) of run \p index.
    [[nodiscard]] static int colourOf(std::size_t index) { return static_cast<int>(index % 4); }
    /// \brief Most runs the screen trains at once.
    static constexpr std::size_t maxRuns = 6;

private:
    struct Button {
        sf::FloatRect rect;
        std::string label;
        int id = 0;
        bool active = false;
    };
    void startRun(Run& run);
    void layout();
    void refreshPlots();
    void refreshPredictions();
    void drawTable(sf::RenderTarget& target);
    void drawRows(sf::RenderTarget& target);
    void drawDrawing(sf::RenderTarget& target);
    void drawButtons(sf::RenderTarget& target);
    void drawButton(sf::RenderTarget& target, const Button& b);
    CompareRequest press(int id);
    [[nodiscard]] double xOf(const Run& run, const training::HistoryPoint& point) const;
    [[nodiscard]] std::string xLabel() const;

    views::Theme m_theme;
    training::PreparedData m_data;
    std::uint64_t m_seed = 0;
    std::string m_name;
    long m_iterations = 500;
    std::vector<Run> m_runs;
    std::size_t m_selected = 0;
    XAxis m_xAxis = XAxis::Iterations;
    sf::Vector2f m_size{1920.f, 1080.f};
    bool m_compact = false;  // large text on a small screen: two pages (see layout())
    bool m_showRows = false; // compact only: the W¹ rows and drawing page instead of the curves and table
    sf::Vector2f m_mouse{-1.f, -1.f};

    views::PlotView m_loss, m_accuracy;
    views::DrawingPadView m_pad;
    std::uint64_t m_padVersion = 0;
    std::vector<long> m_predictedAt;                        // iteration each prediction was made at
    std::vector<std::optional<std::pair<int, float>>> m_predictions;

    sf::FloatRect m_header, m_lossRect, m_accuracyRect, m_tableRect, m_rowsRect, m_drawRect, m_stripRect;
    std::vector<sf::FloatRect> m_tableRows;
    std::vector<Button> m_buttons;
    std::vector<Button> m_tableButtons;
};

} // namespace stepwise::app
