#include <catch2/catch.hpp>

#include "layout/list_columns.hpp"

using ipmap::ListColumns;
using ipmap::pack_list;
using ipmap::pack_list_within;

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

TEST_CASE("pack_list_within: the tallest packing whose panel hides no more than the tolerance", "[layout][list]") {
    const std::vector<double> h{5, 5, 8, 5, 5, 5};
    // A panel taller than 20 mm would reach a harbour below the corner.
    auto reaches_harbour = [](const ListColumns& lc) { return lc.height_mm > 20 ? 10.0 : 0.0; };
    const ListColumns lc = pack_list_within(h, 100, 1, 1, reaches_harbour, 2);
    CHECK(lc.height_mm <= 20);
    REQUIRE(lc.columns.size() == 1);
    CHECK(lc.columns[0] == std::vector<std::size_t>{0, 1, 2});  // 5 + 1 + 5 + 1 + 8 = 20
    CHECK(lc.overflow == std::vector<std::size_t>{3, 4, 5});    // to the continuation page, in order
    // Nothing hidden: the same as pack_list.
    const ListColumns open = pack_list_within(h, 100, 1, 1, [](const ListColumns&) { return 0.0; }, 2);
    CHECK(open.columns == pack_list(h, 100, 1, 1).columns);
    CHECK(open.overflow.empty());
    // Hidden whatever the height: the first packing stands.
    const ListColumns stuck = pack_list_within(h, 100, 1, 1, [](const ListColumns&) { return 5.0; }, 2);
    CHECK(stuck.columns == pack_list(h, 100, 1, 1).columns);
    CHECK(stuck.overflow.empty());
}
