// Parser for the problem language (AlphaGeometry/JGEX and Newclid dialects).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dsl/catalogue.hpp"
#include "pappus/error.hpp"
#include "pappus/problem.hpp"

namespace pappus {

struct ParseOptions {
  std::string file;           // for error messages
  bool require_goal = false;  // a problem without '?' is an error
};

// One record of a problem file: a name line and a clause line.
struct ParsedRecord {
  std::string name;
  int line = 0;  // line of the name
  Expected<Problem> problem;
};

// Parses one problem line ("a b c = triangle; ... ? goal"). `line` is its
// line number in the file (for locations); `name` its record name.
Expected<Problem> parse_problem(std::string_view text, const dsl::Catalogue& catalogue,
                                const ParseOptions& options = {}, std::string name = "", int line = 1);

// Parses a whole file's text: records of a name line then a problem line;
// blank lines and '#' comment lines are skipped. Each record parses (or
// fails) on its own.
std::vector<ParsedRecord> parse_problem_file(std::string_view text, const dsl::Catalogue& catalogue,
                                             const ParseOptions& options = {});

// Reads and parses a file from disk; an unreadable file is an error.
Expected<std::vector<ParsedRecord>> read_problem_file(const std::string& path, const dsl::Catalogue& catalogue,
                                                      ParseOptions options = {});

}  // namespace pappus
