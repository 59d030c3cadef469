#pragma once
// Fatal errors. Per-feature problems are Diagnostics instead (see diagnostics.hpp).
#include <stdexcept>
#include <string>

namespace ipmap {

/// A configuration file is wrong: names the file, line and key.
class ConfigError : public std::runtime_error {
public:
    ConfigError(std::string file, int line, std::string key, const std::string& what)
        : std::runtime_error(format(file, line, key, what)),
          file_(std::move(file)), line_(line), key_(std::move(key)) {}
    const std::string& file() const { return file_; }
    int line() const { return line_; }
    const std::string& key() const { return key_; }
private:
    static std::string format(const std::string& file, int line, const std::string& key,
                              const std::string& what) {
        std::string s = file;
        if (line > 0) s.append(":").append(std::to_string(line));
        if (!key.empty()) s.append(": key '").append(key).append("'");
        s.append(": ").append(what);
        return s;
    }
    std::string file_;
    int line_;
    std::string key_;
};

/// A command-line option has a value that cannot be used (exit 2): the message starts with
/// the option's name ("--page: ...").
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// An input source cannot be used at all (missing file, wrong layer, unknown CRS).
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An output cannot be written.
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Exit codes chosen in main only.
enum ExitCode : int { kExitOk = 0, kExitInput = 1, kExitUsage = 2, kExitPartial = 3, kExitOutput = 4 };

}  // namespace ipmap
