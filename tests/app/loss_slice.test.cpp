// The loss-slice view (issue 12, device 3): L along one weight of the live network, with the
// tangent whose slope is backprop's gradient and the step the update takes. Lesson 4 shows it
// before its first "move against the gradient".
#include "app/screens/live_checks.hpp"
#include "core/stepper.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace stepwise;
using namespace std::chrono_literals;

namespace {

app::TensorMap parametersOf(const core::Parameters& p) {
    app::TensorMap tensors;
    for (int l = 1; l <= 2; ++l) {
        tensors["W" + std::to_string(l)] = p.W(l);
        tensors["b" + std::to_string(l)] = p.b(l);
    }
    return tensors;
}

} // namespace

TEST_CASE("[app] the loss slice's tangent has backprop's slope, and the step goes downhill") {
    const auto data = test::smallMnist(2000);
    core::NetworkConfig config;
    const core::Parameters p = core::initialParameters(config);
    for (const app::CheckedEntry& entry : {app::CheckedEntry{"W2", 3, 5}, app::CheckedEntry{"b1", 3, 0},
                                          app::CheckedEntry{"W1", 2, 406}}) {
        const app::LossSlice slice = app::lossSlice(config, parametersOf(p), data.train, entry);
        INFO(slice.name);
        REQUIRE(slice.w.size() == 41u);
        REQUIRE(slice.loss.size() == 41u);
        CHECK(std::is_sorted(slice.w.begin(), slice.w.end()));
        CHECK(slice.w[20] == slice.w0);
        CHECK(slice.loss[20] == slice.loss0);
        const bool weight = entry.tensor[0] == 'W';
        CHECK(slice.w0 == (weight ? p.W(entry.tensor[1] - '0')(entry.row, entry.col)
                                  : p.b(entry.tensor[1] - '0')(entry.row)));
        // The tangent's slope is backprop's gradient: the curve's own central difference agrees
        // within the finite-difference tolerance of the gradient check.
        const double h = slice.w[21] - slice.w0;
        const double numeric = (slice.loss[21] - slice.loss[19]) / (2.0 * h);
        CHECK(std::abs(slice.gradient) > 1e-4);
        CHECK(std::abs(numeric - slice.gradient) / (std::abs(numeric) + std::abs(slice.gradient)) < 2e-2);
        // The update moves against the gradient by α|g| and lowers L.
        CHECK(slice.step == Approx(-config.alpha * slice.gradient).epsilon(1e-3));
        CHECK(slice.lossAfterStep < slice.loss0);
        // The slice spans ±0.5, the scale of the first weights, or 8 steps each side when wider.
        CHECK(slice.w.back() - slice.w0 == Approx(std::max(0.5, 8.0 * std::abs(slice.step))).epsilon(1e-3));
    }
    // Backprop's gradient is the one core's stepper computes for that iteration.
    core::Stepper stepper(config, p, data.train);
    stepper.runIteration();
    const app::LossSlice slice = app::lossSlice(config, parametersOf(p), data.train, {"W2", 3, 5});
    CHECK(slice.gradient == (*stepper.tensor("dW2"))(3, 5));
}
