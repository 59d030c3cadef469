#pragma once
// How many CPUs this process may use: the CPUs of its affinity mask (taskset, cpusets,
// Slurm's --cpus-per-task), capped by a cgroup CPU quota (a Kubernetes CPU limit, Docker's
// --cpus), rounded up. std::thread::hardware_concurrency() counts the machine's CPUs and
// would oversubscribe a container on a large node.
#include <optional>
#include <string>

namespace ipmap {

/// The CPUs available to this process, at least 1.
int available_cpus();

/// The CPU limit of a cgroup v2 `cpu.max` ("200000 100000" → 2, "150000 100000" → 2,
/// "max 100000" → none), or nullopt when unlimited or unreadable.
std::optional<int> cgroup2_cpu_limit(const std::string& cpu_max);

/// The CPU limit of cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us` (quota -1: none).
std::optional<int> cgroup1_cpu_limit(const std::string& quota_us, const std::string& period_us);

}  // namespace ipmap
