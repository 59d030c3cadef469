#pragma once
// Batch progress: a bar with rate and time left on a terminal, plain lines otherwise.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace ipmap {

class Progress {
public:
    enum class Mode { Bar, Lines, Quiet };
    Progress(int total, Mode mode, std::FILE* out = stderr);
    /// One sheet finished (thread-safe). A failed sheet's error is printed with it (above
    /// the bar on a terminal), so a long batch says what went wrong as it happens.
    void done(const std::string& what, bool ok, double seconds, const std::string& error = {});
    /// Ends the bar's line.
    void finish();
    /// Bar on a terminal, lines otherwise.
    static Mode automatic(std::FILE* out = stderr);

private:
    int total_, count_ = 0, failed_ = 0;
    Mode mode_;
    std::FILE* out_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
};

}  // namespace ipmap
