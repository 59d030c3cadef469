#pragma once
// Atomic outputs: write to a temporary name beside the target, then rename into place,
// so that no reader (nor a --resume after a kill) ever sees a half-written file.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>

#include "core/errors.hpp"

namespace ipmap {

/// A temporary file beside `path` ("<path>.tmp-<pid>-<thread>") that commit() renames into
/// place and the destructor removes otherwise.
class TempFile {
public:
    /// `stage` tells apart two temporaries of one target in one thread ("<path>.<stage>.tmp-...").
    explicit TempFile(std::string path, const std::string& stage = "") : path_(std::move(path)) {
        std::ostringstream os;
        os << path_ << (stage.empty() ? "" : "." + stage) << ".tmp-" << ::getpid() << '-' << std::this_thread::get_id();
        tmp_ = os.str();
    }
    ~TempFile() {
        if (!committed_) std::remove(tmp_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& name() const { return tmp_; }
    /// Throws OutputError naming the target when the rename fails.
    void commit() {
        if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            const int err = errno;
            throw OutputError(path_ + ": cannot move " + tmp_ + " into place: " + std::strerror(err));
        }
        committed_ = true;
    }

private:
    std::string path_;
    std::string tmp_;
    bool committed_ = false;
};

}  // namespace ipmap
