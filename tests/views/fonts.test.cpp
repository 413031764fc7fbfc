// A missing font file is one line naming the file and the Debian package that provides it,
// without SFML's own messages beside it.
#include "views/fonts.hpp"

#include <SFML/System/Err.hpp>
#include <catch2/catch.hpp>

#include <sstream>

TEST_CASE("[views] a missing font names the file and the Debian package to install") {
    std::ostringstream sfmlMessages;
    auto* old = sf::err().rdbuf(sfmlMessages.rdbuf());
    const auto message = [](const std::string& lm, const std::string& dejavu) -> std::string {
        try {
            stepwise::views::FontSet fonts(lm, dejavu);
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "(loaded)";
    };
    const std::string lm = "/usr/share/texmf/fonts/opentype/public", dejavu = "/usr/share/fonts/truetype/dejavu";
    CHECK(message("/nowhere/texmf", dejavu) ==
          "missing font /nowhere/texmf/lm/lmroman10-regular.otf (it comes with the Debian package fonts-lmodern: "
          "sudo apt-get install fonts-lmodern)");
    CHECK(message(lm, "/nowhere/dejavu") ==
          "missing font /nowhere/dejavu/DejaVuSans.ttf (it comes with the Debian package fonts-dejavu-core: sudo "
          "apt-get install fonts-dejavu-core)");
    CHECK(message(lm, dejavu) == "(loaded)");
    sf::err().rdbuf(old);
    CHECK(sfmlMessages.str().empty()); // the one line above, nothing from SFML
}
