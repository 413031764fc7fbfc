// Helpers shared by the views tests: skip without a display, draw into an off-screen texture,
// and read pixels back. UI thread only (SFML).
#pragma once

#include "views/theme.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>

namespace viewtest {

/// Largest per-channel difference of two colours.
inline int channelDistance(sf::Color a, sf::Color b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

/// Draws with \p draw onto a width × height texture cleared to the theme background.
inline sf::Image render(unsigned width, unsigned height, const stepwise::views::Theme& theme,
                        const std::function<void(sf::RenderTarget&)>& draw) {
    sf::RenderTexture texture;
    REQUIRE(texture.create(width, height));
    texture.clear(theme.background);
    draw(texture);
    texture.display();
    return texture.getTexture().copyToImage();
}

/// The pixel at \p p.
inline sf::Color pixelAt(const sf::Image& image, sf::Vector2f p) {
    return image.getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y));
}

/// Centre of \p r.
inline sf::Vector2f centreOf(const sf::FloatRect& r) { return {r.left + r.width / 2.f, r.top + r.height / 2.f}; }

/// True when \p inner lies inside \p outer.
inline bool inside(const sf::FloatRect& inner, const sf::FloatRect& outer) {
    return inner.left >= outer.left && inner.top >= outer.top && inner.left + inner.width <= outer.left + outer.width &&
           inner.top + inner.height <= outer.top + outer.height;
}

} // namespace viewtest
