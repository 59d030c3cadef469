#pragma once
// A small fork-join loop for independent tasks (the layers of a project, say).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace ipmap {

/// Runs task(i) for every i in [0, n) on up to `threads` threads, the caller's among them,
/// and returns when all are done. Tasks run in no particular order and must not throw
/// (catch inside and keep the exception with the task's result); with threads <= 1 they
/// run one after another on the caller's thread, in order.
template <class Task> void parallel_for(std::size_t n, int threads, Task&& task) {
    const std::size_t workers = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1, threads)));
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) task(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    auto run = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i);
    };
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (std::size_t k = 1; k < workers; ++k) pool.emplace_back(run);
    run();
    for (auto& t : pool) t.join();
}

}  // namespace ipmap
