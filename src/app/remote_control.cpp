// The window's key map (see remote_control.hpp): presentation remotes send PageDown/PageUp,
// B or "." and F5/Esc, so those keys behave as they do in a slide show.
#include "app/remote_control.hpp"

namespace stepwise::app {

namespace {

using Key = sf::Keyboard;

/// The digit of a number-row or keypad key, or −1.
int digitOf(Key::Key code) {
    if (code >= Key::Num0 && code <= Key::Num9) return code - Key::Num0;
    if (code >= Key::Numpad0 && code <= Key::Numpad9) return code - Key::Numpad0;
    return -1;
}

bool isShift(Key::Key code) { return code == Key::LShift || code == Key::RShift; }

} // namespace

Intent RemoteControl::keyPressed(const sf::Event::KeyEvent& key) {
    const Key::Key k = key.code;
    if (isShift(k)) {
        m_laser = true;
        return {};
    }
    if (m_blank) { // any key brings the picture back, and only that
        m_blank = false;
        return {};
    }
    m_autoplay = 0.0; // the teacher takes control back
    if (key.control) {
        switch (k) {
        case Key::Equal:
        case Key::Add: return {UiAction::TextLarger};
        case Key::Hyphen:
        case Key::Subtract: return {UiAction::TextSmaller};
        case Key::Num0:
        case Key::Numpad0: return {UiAction::TextReset};
        case Key::S: return {UiAction::Save};
        case Key::O: return {UiAction::Open};
        case Key::E: return {UiAction::ExportTensors};
        case Key::Q: return {UiAction::Quit};
        default: return {};
        }
    }
    if (const int d = digitOf(k); d >= 0) {
        if (m_digits.size() < 3) m_digits += static_cast<char>('0' + d);
        return {};
    }
    if (!m_digits.empty()) {
        if (k == Key::Enter) {
            const std::size_t n = std::stoul(m_digits);
            m_digits.clear();
            return {UiAction::JumpToStep, n};
        }
        if (k == Key::Backspace) {
            m_digits.pop_back();
            return {};
        }
        m_digits.clear(); // Esc, or any other key: forget the number
        if (k == Key::Escape) return {};
    }
    switch (k) {
    case Key::Right:
    case Key::Down:
    case Key::Space:
    case Key::PageDown:
    case Key::Enter: return {UiAction::NextStep};
    case Key::Left:
    case Key::Up:
    case Key::PageUp:
    case Key::Backspace: return {UiAction::PreviousStep};
    case Key::Home: return {UiAction::LessonStart};
    case Key::End: return {UiAction::LessonEnd};
    case Key::B:
    case Key::Period:
        m_blank = true;
        m_white = false;
        return {};
    case Key::W:
        m_blank = true;
        m_white = true;
        return {};
    case Key::F5: return {UiAction::Present};
    case Key::Escape: return {UiAction::LeavePresent};
    case Key::P: return {UiAction::PlayPause};
    case Key::S: return {UiAction::OneIteration};
    case Key::R: return {UiAction::Reset};
    case Key::Hyphen:
    case Key::Subtract: return {UiAction::Slower};
    case Key::Equal:
    case Key::Add: return {UiAction::Faster};
    case Key::F11: return {UiAction::Fullscreen};
    case Key::F12: return {UiAction::Screenshot};
    case Key::F1:
    case Key::H: return {UiAction::Help};
    case Key::D: return {UiAction::Docs};
    case Key::L: return {UiAction::LessonMenu};
    case Key::G: return {UiAction::DrawDigit};
    case Key::F: return {UiAction::Spotlight};
    case Key::M: return {UiAction::Magnifier};
    case Key::N: return {UiAction::Narration};
    default: return {};
    }
}

void RemoteControl::keyReleased(const sf::Event::KeyEvent& key) {
    if (isShift(key.code)) m_laser = false;
}

bool RemoteControl::mousePressed() {
    if (!m_blank) return false;
    m_blank = false;
    return true;
}

void RemoteControl::setAutoplay(double seconds) {
    m_autoplay = seconds > 0.0 ? seconds : 0.0;
    m_elapsed = 0.0;
}

Intent RemoteControl::advance(double seconds) {
    if (m_autoplay <= 0.0 || m_blank) return {};
    m_elapsed += seconds;
    if (m_elapsed < m_autoplay) return {};
    m_elapsed = 0.0;
    return {UiAction::AutoAdvance};
}

} // namespace stepwise::app
