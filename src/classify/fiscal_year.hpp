#pragma once
// Japanese fiscal years (年度, April–March) and their 和暦 (era) notation.
#include <optional>
#include <string>
#include <string_view>

namespace ipmap {

/// Parses a fiscal year as offices write it: "2024", "2024年度", "FY2024", "R6", "R06",
/// "令和6年度", "令和６年度" (full-width digits), "令和元年度", "H30", "平成30年度",
/// "平成３０年", "S63", "昭和63年度". Surrounding blanks (incl. U+3000) are ignored.
/// Returns the Western year in which the fiscal year starts (令和元年度 = 2019),
/// or std::nullopt with `error` set to a short reason when the text is not a fiscal year
/// (unknown era, year 0, beyond the era's end such as 平成32年度, garbage).
/// Also accepted: lowercase and full-width era letters ("r6", "Ｒ６"), "R.6", one-kanji eras
/// ("令6", "平30"), 元 after any era ("R元"), era-letter squares (㋿ ㍻ ㍼), "年" or no suffix,
/// "2024.0" (numeric spreadsheet cells) and dates ("2024-03-31" → 2023, April–March).
/// Limits: Western years 1900–2100 only; 平成 up to 31 (= 2019), 昭和 up to 64 (= 1989).
/// Reasons: "empty", "not a fiscal year", "... has no year 0 ...", "beyond the end of 平成 ...",
/// "year N is outside 1900-2100".
std::optional<int> parse_fiscal_year(std::string_view text, std::string* error = nullptr);

struct WarekiOptions {
    bool full_width_digits = false;  ///< "令和６年度" as in the official document
    bool with_suffix = true;         ///< append "年度"
};

/// 和暦 of a fiscal year: 2024 → "令和6年度", 2019 → "令和元年度", 2018 → "平成30年度",
/// 1988 → "昭和63年度"; before 1926 the Western year ("1925年度").
/// Era of a fiscal year is the era on April 1 of that year (FY2019 starts 2019-04-01,
/// which is 平成31年 by calendar, but offices write 令和元年度 for it — see note in .cpp).
std::string format_wareki(int fiscal_year, const WarekiOptions& options = {});

/// Converts ASCII digits in `text` to full-width (０-９).
std::string to_full_width_digits(std::string_view text);

/// Converts full-width digits (０-９) in `text` to ASCII; everything else is kept as is.
std::string to_half_width_digits(std::string_view text);

}  // namespace ipmap
