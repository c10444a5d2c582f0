// pappus.Library, Problem, NamedProblem, Figure, FigurePoint.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"

namespace pappus::python {

namespace {

std::vector<std::string> goal_texts(const Problem& p) {
  std::vector<std::string> out;
  for (const Statement& s : p.goals) out.push_back(to_text(p, s));
  return out;
}

std::string problem_repr(const Problem& p) {
  return "<pappus.Problem" + (p.name.empty() ? std::string() : " '" + p.name + "'") + ": " + to_text(p) + ">";
}

}  // namespace

void bind_library(py::module_& m) {
  py::class_<Problem>(m, "Problem",
                      "A parsed and checked problem (Library.parse): points, clauses, goals. str() is the "
                      "problem written back in the problem language.")
      .def_readonly("name", &Problem::name, "The record's name ('' for a bare string).")
      .def_readonly("file", &Problem::file, "The file it came from, if any.")
      .def_readonly("line", &Problem::line, "The line of its clauses in that file (0: not from a file).")
      .def_readonly("points", &Problem::point_names, "The point names, in order of construction.")
      .def_property_readonly("goals", &goal_texts, "The goals, in the problem language ('perp a b c d').")
      .def_property_readonly("text", [](const Problem& p) { return to_text(p); },
                             "The problem in the problem language (auxiliary clauses after ' | ').")
      .def("__str__", [](const Problem& p) { return to_text(p); })
      .def("__repr__", &problem_repr);

  py::class_<NamedProblem>(m, "NamedProblem",
                           "One record of a problem file: its name and its problem, or the error that "
                           "kept it from parsing.")
      .def_readonly("name", &NamedProblem::name, "The record's name line.")
      .def_readonly("line", &NamedProblem::line, "The line of the name in the file.")
      .def_property_readonly(
          "problem",
          [](const NamedProblem& r) -> std::optional<Problem> {
            if (r.problem) return *r.problem;
            return std::nullopt;
          },
          "The problem, or None when it does not parse (see error).")
      .def_property_readonly(
          "error",
          [](const NamedProblem& r) -> py::object {
            if (r.problem) return py::none();
            return error_object(r.problem.error(), true);
          },
          "The pappus.ParseError of a record that does not parse, else None.")
      .def("__repr__", [](const NamedProblem& r) {
        return "<pappus.NamedProblem '" + r.name + "' line " + std::to_string(r.line) +
               (r.problem ? "" : ": " + r.problem.error().message) + ">";
      });

  py::class_<FigurePoint>(m, "FigurePoint", "A point of a figure; auxiliary points (after ' | ') are not built.")
      .def_readonly("name", &FigurePoint::name)
      .def_readonly("x", &FigurePoint::x)
      .def_readonly("y", &FigurePoint::y)
      .def_readonly("built", &FigurePoint::built, "False for an auxiliary point, which has no coordinates.")
      .def("__repr__", [](const FigurePoint& p) {
        return "<pappus.FigurePoint " + p.name + " (" + py::repr(py::float_(p.x)).cast<std::string>() + ", " +
               py::repr(py::float_(p.y)).cast<std::string>() + ")" + (p.built ? "" : " not built") + ">";
      });

  py::class_<Figure>(m, "Figure", "The numeric figure of a problem: seeded coordinates, goals checked.")
      .def_readonly("points", &Figure::points, "The points, in the problem's order.")
      .def_readonly("goal_holds", &Figure::goal_holds, "One per goal: true in the figure.")
      .def_readonly("attempts", &Figure::attempts, "Samples drawn until this figure.")
      .def_readonly("scale", &Figure::scale, "The largest distance between two of its points.")
      .def("all_goals_hold", &Figure::all_goals_hold, "Every goal is true in the figure.")
      .def_property_readonly(
          "coordinates",
          [](const Figure& f) {
            py::dict out;
            for (const FigurePoint& p : f.points)
              if (p.built) out[py::str(p.name)] = py::make_tuple(p.x, p.y);
            return out;
          },
          "{name: (x, y)} of the built points.")
      .def("__repr__", [](const Figure& f) {
        return "<pappus.Figure " + std::to_string(f.points.size()) + " points, goals " +
               (f.all_goals_hold() ? "hold" : "do not all hold") + ">";
      });

  py::class_<Library>(m, "Library",
                      "The data files (construction catalogue, rules), loaded and validated once. Immutable: "
                      "share one between threads and solvers.")
      .def(py::init([](std::optional<std::string> data_dir) {
             LibraryOptions options;
             if (data_dir) options.data_dir = *data_dir;
             if (!package_data_dir().empty()) options.package_data_dir = package_data_dir();
             return take(Library::load(options));
           }),
           py::arg("data_dir") = py::none(),
           "Loads the data files from data_dir, else $PAPPUS_DATA_DIR, else the installed package's, else "
           "the source tree pappus was built from. Raises pappus.Error when one is missing or malformed.")
      .def_property_readonly("data_dir", &Library::data_dir, "Where the data files were read.")
      .def(
          "parse",
          [](const Library& l, std::string_view text, std::string name, std::string file) {
            return take(l.parse(text, std::move(name), std::move(file)), true);
          },
          py::arg("text"), py::arg("name") = "", py::arg("file") = "",
          "Parses a problem line ('a b c = triangle a b c; ... ? perp a b c d'). Raises pappus.ParseError "
          "with line, column, token and hint; `file` names where the text came from in its message.")
      .def(
          "parse_file", [](const Library& l, const std::string& path) { return take(l.parse_file(path)); },
          py::arg("path"), py::call_guard<py::gil_scoped_release>(),
          "Reads a problem file (records of a name line and a problem line): one NamedProblem per record, "
          "each holding its problem or its ParseError. Raises pappus.Error when the file cannot be read.")
      .def(
          "build_figure",
          [](const Library& l, const Problem& p, std::uint64_t seed) { return take(l.build_figure(p, seed)); },
          py::arg("problem"), py::kw_only(), py::arg("seed") = defaults::seed, py::call_guard<py::gil_scoped_release>(),
          "Samples the figure (deterministic for a seed). Raises pappus.Error naming the clause when it "
          "cannot be built; goals false in it are reported in Figure.goal_holds.")
      .def(
          "draw", [](const Library& l, const Problem& p, std::uint64_t seed) { return take(l.draw(p, seed)); },
          py::arg("problem"), py::kw_only(), py::arg("seed") = defaults::seed, py::call_guard<py::gil_scoped_release>(),
          "The figure of build_figure as a self-contained SVG picture.")
      .def("__repr__", [](const Library& l) { return "<pappus.Library " + l.data_dir() + ">"; });

  m.def("similar_names", &similar_names, py::arg("names"), py::arg("query"), py::arg("count") = 3,
        "'Did you mean': the names most like query, at most count.");
}

}  // namespace pappus::python
