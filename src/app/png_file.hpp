// PNG files the app writes (render, export slides, docs screenshots, F12), encoded here with
// zlib and written with every write checked: SFML 2.5's saveToFile ignores write errors, so on a
// full disk it reports success and leaves a truncated image. Temporary file, then rename.
#pragma once

#include <SFML/Graphics/Image.hpp>

#include <filesystem>

namespace stepwise::app {

/// \brief Writes \p image to \p file as an 8-bit RGBA PNG: to `FILE.tmp-PID` first, renamed over
/// \p file once complete, so \p file is either its old self or the whole new image (and the
/// temporary files that killed writes of \p file left are removed first).
/// \throws std::runtime_error `FILE: cannot write the image (reason)` when any step fails; the
///         temporary file is removed then. Any thread (it touches no OpenGL).
void writePng(const sf::Image& image, const std::filesystem::path& file);

} // namespace stepwise::app
