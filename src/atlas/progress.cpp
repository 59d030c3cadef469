#include "atlas/progress.hpp"

#include <unistd.h>

#include <cmath>

namespace ipmap {

Progress::Progress(int total, Mode mode, std::FILE* out)
    : total_(total), mode_(mode), out_(out), start_(std::chrono::steady_clock::now()) {}

Progress::Mode Progress::automatic(std::FILE* out) { return ::isatty(fileno(out)) ? Mode::Bar : Mode::Lines; }

void Progress::done(const std::string& what, bool ok, double seconds, const std::string& error) {
    std::lock_guard lock(mutex_);
    ++count_;
    failed_ += !ok;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = elapsed > 0 ? count_ / elapsed : 0;
    double left = rate > 0 ? (total_ - count_) / rate : 0;
    if (mode_ == Mode::Lines) {
        std::fprintf(out_, "[%d/%d] %s %s %.2f s%s%s\n", count_, total_, what.c_str(), ok ? "ok" : "FAILED", seconds,
                     error.empty() ? "" : ": ", error.c_str());
    } else if (mode_ == Mode::Bar) {
        // A failure goes on its own line above the bar: erase the bar, print, redraw.
        if (!ok) std::fprintf(out_, "\r\033[K%s FAILED: %s\n", what.c_str(), error.empty() ? "(no message)" : error.c_str());
        const int width = 30;
        int fill = total_ ? count_ * width / total_ : width;
        std::string bar(static_cast<std::size_t>(fill), '#');
        bar.resize(width, '.');
        std::fprintf(out_, "\r[%s] %d/%d sheets  %.1f sheets/s  %.0f s left%s   ", bar.c_str(), count_, total_, rate,
                     std::ceil(left), failed_ ? ("  " + std::to_string(failed_) + " failed").c_str() : "");
    }
    std::fflush(out_);
}

void Progress::finish() {
    std::lock_guard lock(mutex_);
    if (mode_ == Mode::Bar) std::fprintf(out_, "\n");
    std::fflush(out_);
}

}  // namespace ipmap
