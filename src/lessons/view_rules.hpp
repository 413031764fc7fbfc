// Which tensors each kind of lesson view can draw, decided by what the tensor is (its kind and
// layer in the equation catalogue), never by its name, so the rules hold for any network.
#pragma once

#include "lessons/lesson.hpp"
#include "lessons/network_vocabulary.hpp"

#include <string>
#include <vector>

namespace stepwise::lessons {

/// \brief Whether a view needs a tensor, and which tensors it can draw.
struct ViewTensorRule {
    bool required = false; ///< the view needs `tensor = "..."`
    /// \brief True when the view can draw \p tensor of a network with \p layers weight layers;
    /// nullptr: any tensor.
    bool (*fits)(const core::TensorInfo& tensor, int layers) = nullptr;
};

/// \brief The rule of view \p kind: weights-as-images draws first-layer weights, digits the
/// images A0, dot-product Z¹ or a weight gradient after the first layer or a bias gradient,
/// relu-mask a hidden layer's Z; heatmap anything; the other views take no tensor.
ViewTensorRule tensorRule(ViewKind kind);

/// \brief The names of the tensors of \p vocabulary that \p rule accepts, in catalogue order.
std::vector<std::string> fittingTensors(const ViewTensorRule& rule, const NetworkVocabulary& vocabulary);

} // namespace stepwise::lessons
