#include "core/available_cpus.hpp"

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

namespace ipmap {
namespace {

std::optional<int> limit_from(double quota, double period) {
    if (!(quota > 0) || !(period > 0)) return std::nullopt;
    return std::max(1, static_cast<int>(std::ceil(quota / period - 1e-9)));
}

std::string read_first_line(const char* path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace

std::optional<int> cgroup2_cpu_limit(const std::string& cpu_max) {
    std::istringstream in(cpu_max);
    std::string quota;
    double period = 0;
    if (!(in >> quota >> period) || quota == "max") return std::nullopt;
    try {
        return limit_from(std::stod(quota), period);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<int> cgroup1_cpu_limit(const std::string& quota_us, const std::string& period_us) {
    try {
        return limit_from(std::stod(quota_us), std::stod(period_us));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

int available_cpus() {
    int n = 0;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
    if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
    // The process's own cgroup is mounted at /sys/fs/cgroup inside a container (cgroup
    // namespaces); on a host the root cgroup has no quota files, which reads as no limit.
    std::optional<int> limit = cgroup2_cpu_limit(read_first_line("/sys/fs/cgroup/cpu.max"));
    if (!limit)
        limit = cgroup1_cpu_limit(read_first_line("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
                                  read_first_line("/sys/fs/cgroup/cpu/cpu.cfs_period_us"));
    if (limit) n = std::min(n, *limit);
    return std::max(1, n);
}

}  // namespace ipmap
