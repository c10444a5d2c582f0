// The Python module `pappus` (pybind11) over the public library
// (include/pappus/): what its files share. The module is a client of the
// facade like the CLI: it includes <pappus/...> headers only.
#pragma once

#include <pybind11/pybind11.h>

#include <exception>
#include <string>
#include <utility>

#include <pappus/pappus.hpp>

namespace pappus::python {

namespace py = pybind11;

// A pappus::Error on its way to Python, raised there as pappus.ParseError
// (`parse`) or pappus.Error by the translator of module.cpp.
struct Raised : std::exception {
  Error error;
  bool parse = false;
  Raised(Error e, bool p) : error(std::move(e)), parse(p) {}
  const char* what() const noexcept override { return error.message.c_str(); }
};

// The value of `result`, or its Error raised in Python.
template <class T>
T take(Expected<T>&& result, bool parse = false) {
  if (!result) throw Raised(result.error(), parse);
  return std::move(result).value();
}

// The exception object for `error` (pappus.ParseError or pappus.Error),
// not raised: message, file, line, column, token and hint as attributes.
py::object error_object(const Error& error, bool parse);

// `text` parsed by Python's json.loads: the library's JSON as dicts and lists.
py::object json_loads(const std::string& text);

// Where the installed package keeps the data files, set by pappus/__init__.py
// ("" in the build tree: the library finds the source tree's).
const std::string& package_data_dir();

void bind_library(py::module_& m);   // Library, Problem, Figure (library.cpp)
void bind_solver(py::module_& m);    // Solver, results, proofs, tutoring (solver.cpp)
void bind_generate(py::module_& m);  // generate (generate.cpp)

}  // namespace pappus::python
