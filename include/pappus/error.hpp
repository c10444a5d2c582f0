// Errors as values: a message with a location and a hint, and Expected<T>.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace pappus {

// A position in a text: 1-based line and column; 0 means unknown.
struct Location {
  int line = 0;
  int column = 0;
};

// A user-facing error: bad problem text, bad data file, impossible figure.
struct Error {
  std::string message;  // what is wrong, one sentence
  std::string file;     // file name, or empty for a string input
  Location loc;         // where in that file
  std::string token;    // the offending token, if any
  std::string hint;     // how to fix it, if known

  // "file:line:col: error: message (at 'token')\n  hint: ..." with the parts
  // that are known.
  std::string to_string() const;
};

// Either a value or an Error. Deliberately small: no exceptions, no
// implicit conversions between the two states besides construction.
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}
  Expected(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

}  // namespace pappus
