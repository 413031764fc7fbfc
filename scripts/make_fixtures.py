#!/usr/bin/env python3
"""Reference values for tests/data, computed independently of the C++ code.

Prints the shuffle order of stepwise::data::shuffledIndices (Fisher-Yates driven by
std::mt19937_64(seed), bounded draws by rejection) for the cases pinned in
tests/data/split.test.cpp. Plain Python, no dependencies: python3 scripts/make_fixtures.py
"""

MASK64 = (1 << 64) - 1


def mt19937_64(seed):
    """The C++ standard's std::mt19937_64, one 64-bit output per next()."""
    n, m = 312, 156
    state = [0] * n
    state[0] = seed & MASK64
    for i in range(1, n):
        state[i] = (6364136223846793005 * (state[i - 1] ^ (state[i - 1] >> 62)) + i) & MASK64
    index = n
    while True:
        if index >= n:
            for i in range(n):
                x = (state[i] & 0xFFFFFFFF80000000) | (state[(i + 1) % n] & 0x7FFFFFFF)
                shifted = x >> 1
                if x & 1:
                    shifted ^= 0xB5026F5AA96619E9
                state[i] = state[(i + m) % n] ^ shifted
            index = 0
        y = state[index]
        index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        yield y & MASK64


def draw_below(generator, bound):
    """Unbiased value in [0, bound): redraw outputs below 2^64 mod bound."""
    threshold = (2**64 - bound) % bound
    while True:
        value = next(generator)
        if value >= threshold:
            return value % bound


def shuffled_indices(count, seed):
    order = list(range(count))
    generator = mt19937_64(seed)
    for i in range(count - 1, 0, -1):
        j = draw_below(generator, i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def main():
    check = mt19937_64(5489)
    for _ in range(9999):
        next(check)
    assert next(check) == 9981545732273789042, "not the standard mt19937_64"
    print("shuffledIndices(10, 42) =", shuffled_indices(10, 42))
    print("shuffledIndices(10, 43) =", shuffled_indices(10, 43))
    print("shuffledIndices(42000, 1)[:8] =", shuffled_indices(42000, 1)[:8])


if __name__ == "__main__":
    main()
