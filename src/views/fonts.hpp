// The fonts every view draws with, loaded once from Debian font packages: Latin Modern for
// typeset mathematics (fonts-lmodern) and DejaVu for interface text (fonts-dejavu-core/-extra).
// Why these files and their licences: assets/fonts/README.md.
#pragma once

#include <SFML/Graphics/Font.hpp>

#include <string>

namespace stepwise::views {

/// \brief The typefaces of stepwise, loaded once from the system's Debian font packages.
///
/// Maths uses Latin Modern (the OpenType version of TeX's Computer Modern): roman for upright
/// text and digits, Latin Modern Math for operators, Greek (Σ, ⊙, ⊤, α, ←, −, ·, ′) and the
/// maths italic variables (see mathFont()). Interface text uses DejaVu Sans.
///
/// Thread: UI thread only. sf::Font caches glyphs in a texture on first use, so even the const
/// accessors must not be used from two threads.
class FontSet {
public:
    /// \brief Loads every font from the standard Debian paths.
    /// \throws std::runtime_error naming the missing file and the Debian package that provides it.
    FontSet();

    /// \brief Loads every font from \p lmDirectory (holding lm/ and lm-math/ as in
    /// /usr/share/texmf/fonts/opentype/public) and \p dejavuDirectory (holding DejaVuSans*.ttf).
    /// \throws std::runtime_error naming the missing file and the Debian package that provides it.
    FontSet(const std::string& lmDirectory, const std::string& dejavuDirectory);

    FontSet(const FontSet&) = delete;            ///< \brief Not copyable: views keep pointers to the fonts.
    FontSet& operator=(const FontSet&) = delete; ///< \brief Not copyable: views keep pointers to the fonts.

    /// \brief Latin Modern Roman 10 regular: digits, parentheses, upright words (ReLU, log).
    [[nodiscard]] const sf::Font& mathRegular() const { return m_mathRegular; }
    /// \brief Latin Modern Roman 10 italic: italic serif text (emphasis in typeset prose).
    /// Maths variables are not drawn with it but with the maths italic of mathSymbols().
    [[nodiscard]] const sf::Font& mathItalic() const { return m_mathItalic; }
    /// \brief Latin Modern Math: variables (maths italic), operators, relations, Greek, Σ.
    [[nodiscard]] const sf::Font& mathSymbols() const { return m_mathSymbols; }
    /// \brief DejaVu Sans: interface text.
    [[nodiscard]] const sf::Font& ui() const { return m_ui; }
    /// \brief DejaVu Sans Bold: interface headings.
    [[nodiscard]] const sf::Font& uiBold() const { return m_uiBold; }
    /// \brief DejaVu Sans Oblique: interface emphasis.
    [[nodiscard]] const sf::Font& uiItalic() const { return m_uiItalic; }
    /// \brief DejaVu Sans Mono: numbers in matrices, shapes, logs.
    [[nodiscard]] const sf::Font& uiMono() const { return m_uiMono; }

private:
    sf::Font m_mathRegular;
    sf::Font m_mathItalic;
    sf::Font m_mathSymbols;
    sf::Font m_ui;
    sf::Font m_uiBold;
    sf::Font m_uiItalic;
    sf::Font m_uiMono;
};

/// \brief The process-wide FontSet, loaded on first call from the standard Debian paths.
///
/// Thread: UI thread only. If loading fails the call throws std::runtime_error and the next
/// call tries again.
const FontSet& fonts();

} // namespace stepwise::views
