#include <catch2/catch.hpp>

#include <sched.h>

#include <thread>

#include "core/available_cpus.hpp"

using namespace ipmap;

TEST_CASE("cgroup v2 cpu.max: a quota rounds up to whole CPUs, max means no limit", "[core][cpus]") {
    CHECK(cgroup2_cpu_limit("200000 100000") == 2);
    CHECK(cgroup2_cpu_limit("150000 100000") == 2);  // 1.5 CPUs: two workers, each throttled a little
    CHECK(cgroup2_cpu_limit("50000 100000") == 1);
    CHECK(cgroup2_cpu_limit("100000 100000\n") == 1);
    CHECK_FALSE(cgroup2_cpu_limit("max 100000").has_value());
    CHECK_FALSE(cgroup2_cpu_limit("").has_value());
    CHECK_FALSE(cgroup2_cpu_limit("garbage").has_value());
    CHECK_FALSE(cgroup2_cpu_limit("0 100000").has_value());
}

TEST_CASE("cgroup v1 cfs quota: -1 means no limit", "[core][cpus]") {
    CHECK(cgroup1_cpu_limit("400000", "100000") == 4);
    CHECK(cgroup1_cpu_limit("250000", "100000") == 3);
    CHECK_FALSE(cgroup1_cpu_limit("-1", "100000").has_value());
    CHECK_FALSE(cgroup1_cpu_limit("", "").has_value());
}

TEST_CASE("available CPUs follow the affinity mask", "[core][cpus]") {
    cpu_set_t saved;
    REQUIRE(sched_getaffinity(0, sizeof saved, &saved) == 0);
    const int all = available_cpus();
    CHECK(all >= 1);
    CHECK(all <= CPU_COUNT(&saved));
    // Pin this thread (sched_setaffinity(0) is the calling thread, which is what
    // sched_getaffinity(0) reads back) to its first CPU.
    int first = 0;
    while (first < CPU_SETSIZE && !CPU_ISSET(first, &saved)) ++first;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    REQUIRE(sched_setaffinity(0, sizeof one, &one) == 0);
    const int pinned = available_cpus();
    REQUIRE(sched_setaffinity(0, sizeof saved, &saved) == 0);
    CHECK(pinned == 1);
}
