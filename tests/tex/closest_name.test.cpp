// Tests of the "did you mean" helper shared by the TeX parser and the lesson checker.
#include "tex/closest_name.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace stepwise::tex;

TEST_CASE("[tex] editDistance counts insertions, deletions and substitutions") {
    CHECK(editDistance("", "") == 0);
    CHECK(editDistance("frac", "frac") == 0);
    CHECK(editDistance("", "abc") == 3);
    CHECK(editDistance("abc", "") == 3);
    CHECK(editDistance("fracc", "frac") == 1);
    CHECK(editDistance("naration", "narration") == 1);
    CHECK(editDistance("aplha", "alpha") == 2); // a swap is two edits
    CHECK(editDistance("kitten", "sitting") == 3);
}

TEST_CASE("[tex] closestName picks the nearest candidate within the edit budget") {
    const std::vector<std::string> keys{"title", "narration", "notes", "view"};
    CHECK(closestName("naration", keys) == "narration");
    CHECK(closestName("titel", keys) == "title");
    CHECK(closestName("vew", keys) == "view");
    CHECK_FALSE(closestName("summary", keys));
    CHECK(closestName("nots", keys) == "notes");
    CHECK_FALSE(closestName("nots", keys, 0));
    // Never a candidate that is mostly edits: "x" does not suggest "y".
    CHECK_FALSE(closestName("x", {"y"}));
    // A tie keeps the first candidate.
    CHECK(closestName("ab", {"abc", "abd"}) == "abc");
}
