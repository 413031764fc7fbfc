// The shared view frame (see view.hpp).
#include "views/view.hpp"

#include <algorithm>

namespace stepwise::views {

ViewFrame viewFrame(const sf::FloatRect& rect, const Theme& theme) {
    ViewFrame f;
    f.pad = theme.padding;
    f.gap = theme.gap;
    f.content = {rect.left + f.pad, rect.top + f.pad, std::max(0.f, rect.width - 2.f * f.pad),
                 std::max(0.f, rect.height - 2.f * f.pad)};
    f.titleH = lineHeight(theme.titleSize, FontRole::UiBold);
    f.bodyH = lineHeight(theme.bodySize);
    f.smallH = lineHeight(theme.smallSize);
    return f;
}

} // namespace stepwise::views
