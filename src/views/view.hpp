// The interface every panel view shares (a rectangle, drawing, events, a title) and the one
// frame helper their layouts start from: the padded content box and the line heights of the
// title, body and small text.
#pragma once

#include "views/theme.hpp"

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <string>

namespace stepwise::views {

/// \brief A view that draws into a rectangle of the screen. UI thread only.
class View {
public:
    virtual ~View() = default;
    /// \brief Places the view in \p rect (screen pixels).
    virtual void setRect(const sf::FloatRect& rect) = 0;
    /// \brief Draws the view with \p theme.
    virtual void draw(sf::RenderTarget& target, const Theme& theme) = 0;
    /// \brief Hover, zoom and clicks; returns true when the event changed the view.
    virtual bool handleEvent(const sf::Event& event) {
        (void)event;
        return false;
    }
    /// \brief The heading drawn at the top; views that compose their own heading ignore it.
    virtual void setTitle(std::string title) { (void)title; }
};

/// \brief The frame every view lays out in: the rectangle less the theme's padding, and the
/// heights of one line of title, body and small text.
struct ViewFrame {
    sf::FloatRect content; ///< rect minus padding on every side (never negative)
    float pad = 0.f;       ///< the theme's padding
    float gap = 0.f;       ///< the theme's gap between elements
    float titleH = 0.f;    ///< one line of bold title text
    float bodyH = 0.f;     ///< one line of body text
    float smallH = 0.f;    ///< one line of small text
};

/// \brief The frame of a view placed in \p rect with \p theme. UI thread only (font metrics).
ViewFrame viewFrame(const sf::FloatRect& rect, const Theme& theme);

} // namespace stepwise::views
