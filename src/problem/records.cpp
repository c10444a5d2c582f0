// Problem files: records of a name line and a problem line, each parsed on
// its own; blank lines and '#' comments are skipped.
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "problem/parser.hpp"

namespace pappus {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::vector<ParsedRecord> parse_problem_file(std::string_view text, const dsl::Catalogue& catalogue,
                                             const ParseOptions& options) {
  std::vector<ParsedRecord> records;
  std::optional<std::pair<std::string, int>> pending;  // a name line waiting for its problem line
  int line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view content = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line;
    while (!content.empty() && is_space(content.back())) content.remove_suffix(1);
    std::size_t first = 0;
    while (first < content.size() && is_space(content[first])) ++first;
    if (first == content.size() || content[first] == '#') continue;
    if (!pending) {
      pending.emplace(std::string(content.substr(first)), line);
      continue;
    }
    records.push_back(ParsedRecord{pending->first, pending->second,
                                   parse_problem(content, catalogue, options, pending->first, line)});
    pending.reset();
  }
  if (pending)
    records.push_back(ParsedRecord{
        pending->first, pending->second,
        Error{"record '" + pending->first + "' has no problem line", options.file, Location{pending->second, 1},
              pending->first, "each record is a name line followed by a problem line"}});
  return records;
}

Expected<std::vector<ParsedRecord>> read_problem_file(const std::string& path, const dsl::Catalogue& catalogue,
                                                      ParseOptions options) {
  std::error_code ec;
  std::ifstream in;
  if (!std::filesystem::is_directory(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open())
    return Error{"cannot read problem file '" + path + "'", path, {}, "", "check that the file exists and is readable"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error{"error while reading problem file '" + path + "'", path, {}, "", ""};
  if (options.file.empty()) options.file = path;
  return parse_problem_file(buffer.str(), catalogue, options);
}

}  // namespace pappus
