// Loads the FontSet from the Debian font packages and provides the process-wide instance.
// A missing file is reported with the package to install, since that is the usual cause.
#include "views/fonts.hpp"

#include <fstream>
#include <stdexcept>

namespace stepwise::views {

namespace {

constexpr const char* lmDirectoryDefault = "/usr/share/texmf/fonts/opentype/public";
constexpr const char* dejavuDirectoryDefault = "/usr/share/fonts/truetype/dejavu";

void load(sf::Font& font, const std::string& path, const char* package) {
    // Asked first, so a missing file is this one line rather than SFML's own messages as well.
    const bool readable = std::ifstream(path, std::ios::binary).good();
    if (!readable || !font.loadFromFile(path))
        throw std::runtime_error(std::string(readable ? "cannot read the font " : "missing font ") + path +
                                 " (it comes with the Debian package " + package + ": sudo apt-get install " +
                                 package + ")");
}

} // namespace

FontSet::FontSet() : FontSet(lmDirectoryDefault, dejavuDirectoryDefault) {}

FontSet::FontSet(const std::string& lmDirectory, const std::string& dejavuDirectory) {
    load(m_mathRegular, lmDirectory + "/lm/lmroman10-regular.otf", "fonts-lmodern");
    load(m_mathItalic, lmDirectory + "/lm/lmroman10-italic.otf", "fonts-lmodern");
    load(m_mathSymbols, lmDirectory + "/lm-math/latinmodern-math.otf", "fonts-lmodern");
    load(m_ui, dejavuDirectory + "/DejaVuSans.ttf", "fonts-dejavu-core");
    load(m_uiBold, dejavuDirectory + "/DejaVuSans-Bold.ttf", "fonts-dejavu-core");
    load(m_uiItalic, dejavuDirectory + "/DejaVuSans-Oblique.ttf", "fonts-dejavu-extra");
    load(m_uiMono, dejavuDirectory + "/DejaVuSansMono.ttf", "fonts-dejavu-core");
}

const FontSet& fonts() {
    static const FontSet instance;
    return instance;
}

} // namespace stepwise::views
