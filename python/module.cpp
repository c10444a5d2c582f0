// The extension module pappus._pappus: its exceptions, shared helpers, and
// the module itself (pappus/__init__.py re-exports it as `pappus`).
#include <pybind11/stl.h>

#include "bindings.hpp"

namespace pappus::python {

namespace {

// The exception types, created once at import; never freed (the module
// lives as long as the interpreter).
PyObject* error_type = nullptr;
PyObject* parse_error_type = nullptr;

std::string& data_dir_of_package() {
  static std::string dir;
  return dir;
}

}  // namespace

py::object error_object(const Error& error, bool parse) {
  py::object type = py::reinterpret_borrow<py::object>(parse ? parse_error_type : error_type);
  py::object exc = type(error.to_string());
  exc.attr("message") = error.message;
  exc.attr("file") = error.file;
  exc.attr("line") = error.loc.line;
  exc.attr("column") = error.loc.column;
  exc.attr("token") = error.token;
  exc.attr("hint") = error.hint;
  return exc;
}

py::object json_loads(const std::string& text) {
  static py::handle loads = py::object(py::module_::import("json").attr("loads")).release();
  return loads(text);
}

const std::string& package_data_dir() { return data_dir_of_package(); }

}  // namespace pappus::python

PYBIND11_MODULE(_pappus, m) {
  namespace py = pybind11;
  using namespace pappus::python;
  m.doc() = "pappus: a prover for plane geometry problems (the C++ library's Python bindings).";

  error_type = PyErr_NewExceptionWithDoc(
      "pappus.Error",
      "An error of pappus: bad problem text, missing data files, a figure that cannot be built,\n"
      "an unknown proposer. str() is the full report; the parts are the attributes message,\n"
      "file, line and column (1-based; 0 when unknown), token (the offending text) and hint.",
      PyExc_Exception, nullptr);
  parse_error_type = PyErr_NewExceptionWithDoc(
      "pappus.ParseError",
      "Problem text that does not parse (Library.parse, Library.parse_file): a pappus.Error\n"
      "whose line and column locate the mistake in the text.",
      error_type, nullptr);
  // Class-level defaults of the attributes error_object sets on instances.
  for (const char* name : {"message", "file", "token", "hint"}) py::setattr(error_type, name, py::str(""));
  for (const char* name : {"line", "column"}) py::setattr(error_type, name, py::int_(0));
  m.add_object("Error", py::handle(error_type));
  m.add_object("ParseError", py::handle(parse_error_type));
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const Raised& r) {
      py::object exc = error_object(r.error, r.parse);
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    }
  });

  m.def(
      "_set_package_data_dir", [](std::string dir) { data_dir_of_package() = std::move(dir); },
      "Internal: the data files of the installed package (pappus/__init__.py sets it).");
  m.attr("__version__") = pappus::version();
  py::dict defaults;
  defaults["time_limit_s"] = pappus::defaults::time_limit_s;
  defaults["threads"] = pappus::defaults::threads;
  defaults["depth"] = pappus::defaults::depth;
  defaults["beam"] = pappus::defaults::beam;
  defaults["max_facts"] = pappus::defaults::max_facts;
  defaults["max_nodes"] = pappus::defaults::max_nodes;
  defaults["max_memory_mib"] = pappus::defaults::max_memory_mib;
  defaults["proposer"] = std::string(pappus::defaults::proposer);
  defaults["seed"] = pappus::defaults::seed;
  defaults["given_aux"] = false;
  m.attr("DEFAULTS") = defaults;

  bind_library(m);
  bind_solver(m);
  bind_generate(m);
}
