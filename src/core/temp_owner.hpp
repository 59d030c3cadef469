#pragma once
// Who wrote a temporary output file, so that a run may sweep up what a killed run left
// without touching what a live one (another shard, maybe on another machine sharing the
// folder) is still writing. A temporary is named
//     <target>.tmp-<pid>-<start>-<host>-<thread>
// with the writer's pid, its start time (clock ticks since boot, /proc/PID/stat), a hash of
// its host name and pid namespace (8 hex digits) and its thread. The start time tells a pid
// reused by another process from the writer itself; the host tag tells that the pid means
// nothing here (another machine, another container), and such a file is left alone.
#include <optional>
#include <string>

namespace ipmap {

struct TempOwner {
    long pid = 0;
    unsigned long long start = 0;  ///< process start, clock ticks since boot
    std::string host;              ///< 8 hex digits
};

/// This process.
const TempOwner& this_process();

/// ".tmp-<pid>-<start>-<host>-<thread>" for this process and the calling thread.
std::string temp_suffix();

/// The owner recorded in a file name, or nullopt when the name has no well-formed ".tmp-" part.
std::optional<TempOwner> parse_temp_owner(const std::string& file_name);

/// Gone: the writer is certainly not running (same host and pid namespace; its pid is free
/// or now belongs to a process that started at another time). Running: it may still be
/// writing (also when /proc hides it but the pid exists). Unknown: another host or pid
/// namespace, or no /proc to tell by.
enum class OwnerState { Self, Running, Gone, Unknown };
OwnerState owner_state(const TempOwner& owner);

/// FNV-1a of the text, as 8 lowercase hex digits (the host tag hashes "HOSTNAME|pid:[INODE]").
std::string host_tag(const std::string& host_name);

/// Field 22 of /proc/PID/stat, or nullopt when there is no such process.
std::optional<unsigned long long> process_start_ticks(long pid);

}  // namespace ipmap
