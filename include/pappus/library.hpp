// The data files, loaded once (Library): parsing problems and problem
// files, figures as coordinates and as SVG pictures.
//
// Threads: a Library is immutable once loaded; share it (by reference or
// copy: copies share the same data) between any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pappus/defaults.hpp"
#include "pappus/error.hpp"
#include "pappus/problem.hpp"

// For programs built against an installed pappus, PAPPUS_PACKAGE_DATA_DIR
// is the data files of that install: pappus-config.cmake defines it, and
// the install writes it in pappus/installed_paths.hpp for other builds
// (pkg-config). In the source tree it is empty.
#if !defined(PAPPUS_PACKAGE_DATA_DIR) && __has_include(<pappus/installed_paths.hpp>)
#include <pappus/installed_paths.hpp>
#endif
#ifndef PAPPUS_PACKAGE_DATA_DIR
#define PAPPUS_PACKAGE_DATA_DIR ""
#endif

namespace pappus {

// Where the data files (dsl/, rules/, models/) are read from. The first of
// these that is set wins:
//   1. data_dir, when not empty;
//   2. the environment variable PAPPUS_DATA_DIR;
//   3. package_data_dir: the installed share/pappus, when the program was
//      built with find_package(pappus) or pkg-config;
//   4. the source tree the library was built from.
struct LibraryOptions {
  std::string data_dir;
  std::string package_data_dir = PAPPUS_PACKAGE_DATA_DIR;
};

// One record of a problem file: a name line and a problem line; each record
// parses (or fails, with a located Error) on its own.
struct NamedProblem {
  std::string name;
  int line = 0;  // line of the name in the file
  Expected<Problem> problem;
};

// A point of a figure; auxiliary points (after ' | ') are not built.
struct FigurePoint {
  std::string name;
  double x = 0, y = 0;
  bool built = false;
};

// The numeric figure of a problem, as coordinates.
struct Figure {
  std::vector<FigurePoint> points;  // in the problem's point order
  std::vector<bool> goal_holds;     // one per goal: true in the figure
  int attempts = 0;                 // samples drawn until this figure
  double scale = 0;                 // the largest distance between two of its points

  bool all_goals_hold() const;
};

// The data files (construction catalogue, rules), loaded and validated once.
class Library {
 public:
  // A missing or malformed data file is an Error naming it (file:line).
  static Expected<Library> load(const LibraryOptions& options = {});

  // Parses a problem line ("a b c = triangle a b c; ... ? perp a b c d").
  // Errors carry line:column, the offending token and a hint, and `file`
  // as the place the text came from ("--text", a form field), when given.
  Expected<Problem> parse(std::string_view text, std::string name = "", std::string file = "") const;
  // Reads a problem file (records of a name line and a problem line). An
  // unreadable file is an Error; a record that does not parse is one
  // NamedProblem holding its Error.
  Expected<std::vector<NamedProblem>> parse_file(const std::string& path) const;
  // Samples the figure (deterministic for a seed). A figure that cannot be
  // built is an Error naming the clause; goals false in it are reported in
  // Figure::goal_holds, not as errors.
  Expected<Figure> build_figure(const Problem& problem, std::uint64_t seed = defaults::seed) const;
  // The figure of build_figure as a self-contained SVG picture: the points
  // with their names, and the lines and circles the constructions speak of.
  Expected<std::string> draw(const Problem& problem, std::uint64_t seed = defaults::seed) const;

  const std::string& data_dir() const;  // where the data files were read

  struct Data;  // internal

 private:
  explicit Library(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
  friend struct LibraryAccess;  // internal: the facade's implementation
};

// "Did you mean": the names most like `query` (those containing it first,
// then those within a small edit distance), at most `count`, in the order
// of `names` among equals.
std::vector<std::string> similar_names(const std::vector<std::string>& names, std::string_view query,
                                       std::size_t count);
// The edit distance behind it: the fewest single-character insertions,
// deletions and substitutions that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace pappus
