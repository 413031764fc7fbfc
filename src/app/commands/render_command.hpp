// StepRenderer: lesson steps drawn into PNGs exactly as the window shows them. One trainer, one
// LessonScreen and one render texture serve every step, so `stepwise render` (one step),
// `stepwise export` (every step of a lesson) and `stepwise docs` (every step of every lesson)
// share one way of bringing the network to a step and drawing it.
#pragma once

#include "app/screens/lesson_screen.hpp"
#include "lessons/lesson.hpp"
#include "lessons/lesson_player.hpp"
#include "training/prepared_data.hpp"
#include "training/snapshot.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/System/Vector2.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace stepwise::app {

/// \brief How a StepRenderer trains and draws.
struct StepRenderSettings {
    std::filesystem::path data;     ///< \brief Kaggle CSV or IDX folder
    long samples = 0;               ///< \brief train on the first M training images only (0 = all)
    core::NetworkConfig network;    ///< \brief the network trained and drawn; its seed also shuffles the data
    long iterations = 0;            ///< \brief iterations trained before the lesson starts
    sf::Vector2u size{1920, 1080};  ///< \brief image size in px
    bool projector = false;         ///< \brief presenter mode (projector theme and layout), else the dark theme scaled to the height
    views::Palette palette = views::Palette::PurpleOrange; ///< \brief heatmap colours (`--palette`)
    /// \brief Draw a step's questions as the learner first meets them, waiting for an answer
    /// (`stepwise render`); export and docs leave them out and show the views.
    bool questions = false;
};

/// \brief A failure to draw: no X display or render texture, training that never finished,
/// or a PNG that cannot be written. The message is one line without a command prefix.
class RenderError : public std::runtime_error {
public:
    /// \brief The error with message \p what.
    explicit RenderError(const std::string& what) : std::runtime_error(what) {}
};

/// \brief Draws lesson steps into PNGs as the window shows them. Main thread only (SFML).
///
/// The network is the settings' one (the paper's 784-10-10 by default), trained `iterations` iterations
/// first. Before each step the trainer is brought to the state the step assumes (the stepper
/// position of its equation, or of the last equation an earlier step of its lesson ran, else the
/// trained state as it is), exactly as a fresh `stepwise render` of that one step would: a seek
/// that completes an iteration appends a history point that stepping back keeps, so when the
/// history would differ from a fresh run's, the renderer trains a fresh trainer first.
class StepRenderer {
public:
    /// \brief Loads the data, trains and prepares a render texture.
    /// \param lessons  the lessons that render() may be asked for
    /// \param settings data, network, training and image size
    /// \throws data::InputError for bad data; RenderError when there is no X display (DISPLAY
    ///         unset), no render texture, or training does not finish within ten minutes.
    StepRenderer(std::vector<lessons::Lesson> lessons, StepRenderSettings settings);
    /// \brief Stops the trainer.
    ~StepRenderer();
    StepRenderer(const StepRenderer&) = delete;
    StepRenderer& operator=(const StepRenderer&) = delete;

    /// \brief Brings the network to step \p stepIndex (0-based) of lesson \p lessonId, draws it
    /// and writes the PNG \p png.
    /// \return the snapshot drawn: the live network at that step (never windowed).
    /// \throws std::out_of_range when there is no such step; RenderError when the PNG cannot be
    ///         written or training does not finish.
    std::shared_ptr<const training::TrainingSnapshot> render(std::string_view lessonId, std::size_t stepIndex,
                                                             const std::filesystem::path& png);

private:
    void startTrainer();
    void waitForTrainer();

    StepRenderSettings m_settings;
    core::NetworkConfig m_network; // what the trainer runs: the settings' network, or the step's own
    lessons::LessonPlayer m_player;
    training::PreparedData m_data;
    std::unique_ptr<training::Trainer> m_trainer;
    std::size_t m_trainedPosition = 0; // stepper position right after training (N once trained)
    int m_historyPushes = 0;           // history points appended by seeks since training
    sf::RenderTexture m_texture;
    LessonScreen m_screen;
    lessons::Quiz m_quiz; // no answers: every question waits
};

} // namespace stepwise::app
