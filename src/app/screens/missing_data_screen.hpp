// The window stepwise opens instead of the lessons when it has no data: it says how to get
// MNIST (`stepwise data fetch`) and, when Debian's Fashion-MNIST is installed, offers to train
// on that now. Started from the desktop launcher there is no terminal to read the message in.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/System/Vector2.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief The lines the missing-data window shows: how to fetch MNIST and, when \p fashionMnist
/// is an existing folder, the key that trains on it instead.
[[nodiscard]] std::vector<std::string> missingDataLines(const std::filesystem::path& fashionMnist);

/// \brief The missing-data window's size in px: room for every line missingDataLines() returns.
inline const sf::Vector2u missingDataSize{960, 540};

/// \brief Draws \p lines (missingDataLines()) on the dark theme's background: commands (lines
/// indented by four spaces) in DejaVu Sans Mono and the accent colour, the rest in DejaVu Sans.
/// UI thread only.
void drawMissingData(sf::RenderTarget& target, const std::vector<std::string>& lines);

/// \brief Shows missingDataLines() in a small window until the user answers. Returns
/// \p fashionMnist when F was pressed (only offered when that folder exists), or nothing when the
/// window was closed (Esc, Q, Enter or the close button). With no display (no `DISPLAY` or
/// `WAYLAND_DISPLAY`) it returns nothing at once: \p message, already printed on stderr by the
/// caller, is all there is. UI thread only.
std::optional<std::filesystem::path> offerOtherData(const std::string& message, const std::filesystem::path& fashionMnist);

} // namespace stepwise::app
