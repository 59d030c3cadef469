// Property tests for Japanese line breaking (kinsoku, JIS X 4051 行頭・行末禁則) together with
// the "keep short parentheticals on one line" rule: for many register-like strings and
// every half millimetre of width, no wrapped line starts with a closing bracket or
// punctuation, none ends with an opening bracket, nothing sticks out and nothing is lost.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text/measure.hpp"
#include "text/wrap_lines.hpp"

using namespace ipmap;

namespace {

TextStyle style_pt(double pt) {
    TextStyle s;
    s.size_pt = pt;
    return s;
}

using CodePoint = char32_t;

/// Decodes valid UTF-8 (all the texts here are).
std::vector<CodePoint> code_points(const std::string& utf8) {
    std::vector<CodePoint> out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        CodePoint c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < len && i + k < utf8.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out.push_back(c);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

std::set<CodePoint> char_set(const std::string& utf8) {
    const auto cps = code_points(utf8);
    return {cps.begin(), cps.end()};
}

// Written out independently of src/text so that the test does not share the code's list.
const std::set<CodePoint>& no_line_start() {
    static const std::set<CodePoint> s = char_set(
        "、。，．,.）」』】〕〉》］｝〙〗〟’”)]}"  // closing brackets and punctuation
        "・：；？！:;?!‼⁇⁈⁉"                    // middle dot, colons, question and exclamation marks
        "ー〜‐゠–ゝゞヽヾ々〻"                    // prolonged sound, hyphens, iteration marks
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"  // small kana
        "｡､｣･ｰｧｨｩｪｫｯｬｭｮ");                     // halfwidth forms
    return s;
}

const std::set<CodePoint>& no_line_end() {
    static const std::set<CodePoint> s = char_set("（「『【〔〈《［｛〘〖〝‘“([{｢");
    return s;
}

std::string without_newlines(std::string s) {
    std::string out;
    for (char c : s)
        if (c != '\n') out += c;
    return out;
}

std::string shown(const std::vector<std::string>& lines) {
    std::ostringstream os;
    for (const auto& l : lines) os << "[" << l << "]";
    return os.str();
}

/// Checks every property for one text at one size and width; returns false (after
/// reporting through CHECK) on the first failure so that a bad case does not flood the log.
bool check_wrap(const std::string& text, double pt, double width_mm) {
    const TextStyle s = style_pt(pt);
    const auto lines = wrapped_lines(text, s, width_mm);
    INFO(text << " at " << pt << " pt, " << width_mm << " mm: " << shown(lines));
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        joined += lines[i];
        const auto cps = code_points(lines[i]);
        if (cps.empty()) continue;
        if (i > 0 && no_line_start().count(cps.front())) {
            CHECK_FALSE("a line starts with a line-start-forbidden character");
            return false;
        }
        if (i + 1 < lines.size() && no_line_end().count(cps.back())) {
            CHECK_FALSE("a line ends with an opening bracket");
            return false;
        }
    }
    if (joined != without_newlines(text)) {
        CHECK(joined == without_newlines(text));
        return false;
    }
    const double w = measure_text(text, s, width_mm).width_mm;
    if (w > width_mm + 1e-6) {
        CHECK(w <= width_mm + 1e-6);
        return false;
    }
    return true;
}

std::vector<std::string> register_like_texts() {
    std::vector<std::string> texts = {
        // The two strings of the bug report.
        "平成30年度着手、令和6年度事業中（進捗率42％）、令和8年度完成予定",
        "橋梁補修（上部工）・舗装（表層）。防雪柵設置",
        "橋梁補修（上部工）・舗装補修（表層・基層）。防雪柵設置",
        // Texts from the sample register and the map's notes.
        "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成",
        "後志地域３プロジェクトを支えるインフラ整備進捗図（令和6年度末時点）",
        "一般国道5号 共和町 稲穂峠 防災（新稲穂トンネル）",
        "保安林機能強化調査（古平町・積丹町）",
        "積丹地区 増養殖場 整備（ウニ・ナマコ）",
        "後志地域 河川防災情報システム更新（水位計・監視カメラ）",
        "トンネル掘削 L=1.1km、改良工 L=2.8km、橋梁下部工 2基、用地買収",
        "岸壁（-10m）改良 L=90m",
        "泊地浚渫（-10m）V=35千m3",
        "「北海道新幹線」倶知安駅周辺整備（「まちづくり」計画）。",
        "ニセコ町「ニセコアンベツ川」砂防えん堤、令和7年度完成。",
        "ショートカット・バイパス、ジャンクション（ＪＣＴ）っ",
    };
    // Callout-like texts: a name, a start year, this year's status and progress, the works.
    const std::vector<std::string> names = {
        "余市川 広域河川改修（仁木町〜余市町）", "橋梁長寿命化修繕（小樽開発建設部管内一円）",
        "後志自動車道 倶知安余市道路（余市IC〜仁木IC）", "羊蹄山 東麓 砂防えん堤（京極町）",
        "小樽港 中央ふ頭 岸壁（耐震）改良"};
    const std::vector<std::string> statuses = {"事業中", "完成", "着手"};
    const std::vector<std::string> works = {
        "改良工 L=1.2km、舗装工 L=0.9km", "法面対策工 A=1.5千m2、防雪柵 L=300m。",
        "橋梁補修 12橋・点検 85橋", "危機管理型水位計 6基、簡易監視カメラ 4基（予定）。"};
    const std::vector<std::string> progress = {"5", "42", "100"};
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = 0; j < statuses.size(); ++j) {
            const std::string& p = progress[(i + j) % progress.size()];
            const std::string& w = works[(i + 2 * j) % works.size()];
            texts.push_back(names[i] + "、平成" + std::to_string(20 + i + j) + "年度着手、令和6年度" +
                            statuses[j] + "（進捗率" + p + "％）、" + w);
            texts.push_back(names[i] + "\n平成30年度着手、令和6年度" + statuses[j] + "（進捗率" + p +
                            "％）\n" + w);
            texts.push_back("「" + names[i] + "」（" + statuses[j] + "）・" + w);
        }
    return texts;
}

}  // namespace

TEST_CASE("the bug report's lines no longer start with 、 。 or ・", "[text][kinsoku]") {
    const std::string a = "平成30年度着手、令和6年度事業中（進捗率42％）、令和8年度完成予定";
    CHECK(check_wrap(a, 6.5, 18.5));
    const std::string b = "橋梁補修（上部工）・舗装（表層）。防雪柵設置";
    for (double w = 9; w <= 14; w += 0.25) CHECK(check_wrap(b, 6.5, w));
}

TEST_CASE("kinsoku holds for register-like texts at every width from 8 to 40 mm", "[text][kinsoku]") {
    int failures = 0, checked = 0;
    for (const std::string& text : register_like_texts())
        for (double pt : {5.5, 6.5})
            for (int half_mm = 16; half_mm <= 80; ++half_mm) {
                ++checked;
                if (!check_wrap(text, pt, half_mm * 0.5) && ++failures >= 10) FAIL("10 failures, giving up");
            }
    CHECK(failures == 0);
    CHECK(checked > 3000);
}

TEST_CASE("a short parenthetical is still kept on one line next to its punctuation", "[text][kinsoku]") {
    const std::string text = "令和6年度事業中（進捗率42％）、令和8年度完成予定";
    for (double w = 20; w <= 40; w += 0.5) {
        INFO("max width " << w << " mm");
        const auto lines = wrapped_lines(text, style_pt(6.5), w);
        bool together = false;
        for (const auto& l : lines) together = together || l.find("（進捗率42％）、") != std::string::npos;
        CHECK(together);
    }
}

TEST_CASE("newlines still break lines next to kinsoku characters", "[text][kinsoku]") {
    const auto lines = wrapped_lines("完成（予定）\n、令和8年度「\n着手", style_pt(6.5), 30);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "完成（予定）");
    CHECK(lines[1] == "、令和8年度「");
    CHECK(lines[2] == "着手");
}

TEST_CASE("breaks_a_quantity names the breaks inside a number or between a number and its unit", "[text][kinsoku]") {
    using L = std::vector<std::string>;
    CHECK(breaks_a_quantity(L{"泊地浚渫（-10m）V=35千", "m3"}));
    CHECK(breaks_a_quantity(L{"点検 140", "橋"}));
    CHECK(breaks_a_quantity(L{"令和7", "年度未着手"}));
    CHECK(breaks_a_quantity(L{"改良工 L=1.", "2km"}));
    CHECK(breaks_a_quantity(L{"（進捗率45", "％）"}));
    CHECK(breaks_a_quantity(L{"一行目", "延長 L=1", "2km"}));  // any pair of lines
    CHECK_FALSE(breaks_a_quantity(L{"泊地浚渫（-10m）", "V=35千m3"}));
    CHECK_FALSE(breaks_a_quantity(L{"令和7年度", "未着手"}));
    CHECK_FALSE(breaks_a_quantity(L{"護岸工 L=120m、", "掘削 V=25千m3"}));
    CHECK_FALSE(breaks_a_quantity(L{"V=35千m3"}));
    CHECK_FALSE(breaks_a_quantity(L{}));
    CHECK_FALSE(breaks_a_quantity(L{"", "m3"}));
}
