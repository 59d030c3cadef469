#include "core/temp_owner.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace ipmap {
namespace {

bool all_of_class(const std::string& s, bool hex) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

std::string host_tag(const std::string& host_name) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : host_name) h = (h ^ c) * 16777619u;
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(h));
    return buf;
}

std::optional<unsigned long long> process_start_ticks(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    if (!in) return std::nullopt;
    const std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream rest(stat.substr(close + 1));
    std::string field;
    for (int k = 3; k <= 22; ++k)
        if (!(rest >> field)) return std::nullopt;
    try {
        return std::stoull(field);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

const TempOwner& this_process() {
    static const TempOwner self = [] {
        TempOwner o;
        o.pid = static_cast<long>(::getpid());
        o.start = process_start_ticks(o.pid).value_or(0);
        char name[256] = {};
        if (::gethostname(name, sizeof name - 1) != 0) name[0] = '\0';
        // Pids mean something only within one pid namespace: containers that share a host
        // name (host networking, a fixed hostname) each have their own.
        char ns[128] = {};
        const ssize_t n = ::readlink("/proc/self/ns/pid", ns, sizeof ns - 1);
        o.host = host_tag(std::string(name) + "|" + (n > 0 ? std::string(ns, static_cast<std::size_t>(n)) : ""));
        return o;
    }();
    return self;
}

std::string temp_suffix() {
    const TempOwner& o = this_process();
    std::ostringstream os;
    os << ".tmp-" << o.pid << '-' << o.start << '-' << o.host << '-' << std::this_thread::get_id();
    return os.str();
}

std::optional<TempOwner> parse_temp_owner(const std::string& file_name) {
    const auto pos = file_name.rfind(".tmp-");
    if (pos == std::string::npos) return std::nullopt;
    std::string part[3];
    std::size_t at = pos + 5;
    for (auto& p : part) {
        const auto dash = file_name.find('-', at);
        if (dash == std::string::npos) return std::nullopt;
        p = file_name.substr(at, dash - at);
        at = dash + 1;
    }
    if (!all_of_class(part[0], false) || part[0].size() > 9 || !all_of_class(part[1], false) || part[1].size() > 19 ||
        part[2].size() != 8 || !all_of_class(part[2], true) || at >= file_name.size())
        return std::nullopt;
    TempOwner o;
    o.pid = std::stol(part[0]);
    o.start = std::stoull(part[1]);
    o.host = part[2];
    if (o.pid <= 0) return std::nullopt;
    return o;
}

OwnerState owner_state(const TempOwner& owner) {
    const TempOwner& self = this_process();
    if (owner.host != self.host) return OwnerState::Unknown;
    if (self.start == 0) return OwnerState::Unknown;  // no /proc here: nothing to tell by
    if (owner.pid == self.pid) return owner.start == self.start ? OwnerState::Self : OwnerState::Gone;
    if (const auto start = process_start_ticks(owner.pid))
        return *start == owner.start ? OwnerState::Running : OwnerState::Gone;
    // Not in /proc: gone, unless /proc hides it (hidepid) and the kernel still knows the pid.
    if (::kill(static_cast<pid_t>(owner.pid), 0) != 0 && errno == ESRCH) return OwnerState::Gone;
    return OwnerState::Running;
}

}  // namespace ipmap
