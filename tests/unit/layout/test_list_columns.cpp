#include <catch2/catch.hpp>

#include "layout/list_columns.hpp"

using ipmap::pack_list;

TEST_CASE("list entries fill columns top to bottom and overflow to the next page", "[layout][list]") {
    std::vector<double> h(10, 10.0);  // ten entries of 10 mm, 1 mm apart
    auto one = pack_list(h, 1000, 1, 1);
    REQUIRE(one.columns.size() == 1);
    CHECK(one.columns[0].size() == 10);
    CHECK(one.overflow.empty());
    CHECK(one.height_mm == Approx(109));

    auto two = pack_list(h, 32, 2, 1);  // three per column (10+1+10+1+10 = 32)
    REQUIRE(two.columns.size() == 2);
    CHECK(two.columns[0] == std::vector<std::size_t>{0, 1, 2});
    CHECK(two.columns[1] == std::vector<std::size_t>{3, 4, 5});
    CHECK(two.overflow == std::vector<std::size_t>{6, 7, 8, 9});

    // Every entry is either in a column or in the overflow, once, in order.
    std::vector<std::size_t> all;
    for (const auto& c : two.columns) all.insert(all.end(), c.begin(), c.end());
    all.insert(all.end(), two.overflow.begin(), two.overflow.end());
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i] == i);
}

TEST_CASE("an entry taller than a column still gets a column", "[layout][list]") {
    auto r = pack_list({50, 5}, 20, 3, 1);
    REQUIRE(r.columns.size() == 2);
    CHECK(r.columns[0] == std::vector<std::size_t>{0});
    CHECK(r.overflow.empty());
}
