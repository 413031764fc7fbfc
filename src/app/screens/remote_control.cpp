// The remote's state machine (see remote_control.hpp): blanking, typed step numbers, autoplay
// and the laser key. What each plain key means comes from the one table in key_bindings.cpp.
#include "app/screens/remote_control.hpp"

#include "app/screens/key_bindings.hpp"

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
    m_idle = 0.0;
    if (isShift(k)) {
        m_laser = true;
        return {};
    }
    if (m_blank) { // any key brings the picture back, and only that
        m_blank = false;
        return {};
    }
    m_autoplay = 0.0; // the teacher takes control back
    if (key.control) return {boundAction(k, true).value_or(UiAction::None)};
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
    switch (k) { // blanking keeps state here; every other key is in the table
    case Key::B:
    case Key::Period:
        m_blank = true;
        m_white = false;
        return {};
    case Key::W:
        m_blank = true;
        m_white = true;
        return {};
    default: return {boundAction(k, false).value_or(UiAction::None)};
    }
}

void RemoteControl::keyReleased(const sf::Event::KeyEvent& key) {
    if (isShift(key.code)) m_laser = false;
}

bool RemoteControl::mousePressed() {
    m_idle = 0.0; // a visitor drawing a digit is using the window too
    if (!m_blank) return false;
    m_blank = false;
    return true;
}

void RemoteControl::setAutoplay(double seconds) {
    m_autoplay = seconds > 0.0 ? seconds : 0.0;
    m_interval = m_autoplay;
    m_elapsed = 0.0;
}

void RemoteControl::setAutoplayResume(double seconds) {
    m_resumeAfter = seconds > 0.0 ? seconds : 0.0;
    m_idle = 0.0;
}

Intent RemoteControl::advance(double seconds) {
    if (m_blank) return {}; // a blanked wall stays blank until someone brings it back
    if (m_autoplay <= 0.0) {
        if (m_interval <= 0.0 || m_resumeAfter <= 0.0) return {};
        m_idle += seconds;
        if (m_idle < m_resumeAfter) return {};
        m_autoplay = m_interval; // nobody touched it for a while: the open day goes on
        m_elapsed = 0.0;
        return {};
    }
    m_elapsed += seconds;
    if (m_elapsed < m_autoplay) return {};
    m_elapsed = 0.0;
    return {UiAction::AutoAdvance};
}

} // namespace stepwise::app
