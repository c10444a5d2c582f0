// The JSON API of `pappus serve` without the sockets: a request (method,
// path, body) in, a reply (status, type, body) out. tools/cli_serve.cpp
// puts it behind cpp-httplib; tests can call it directly.
//
// Every route is a thin client of the library facade (Library, Solver and
// its tutoring calls); the proofs' JSON is the library's (to_json), the
// step highlighting is the library's HTML report (Proof::html()).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pappus/pappus.hpp>

namespace pappus::cli {

// What the server allows; `pappus serve`'s options set them.
struct ServeLimits {
  double time_limit_s = defaults::time_limit_s;  // per request: its solve, and its wait for a slot
  std::size_t max_body = 256 * 1024;              // request body, bytes
  int max_solves = 2;                             // solves (solve, hint, check_step, explain, figure) at once
  int queue = 8;                                  // requests waiting for a slot at most; more get 503
  int max_depth = defaults::depth;                // auxiliary points a solve may ask for at most
  std::uint64_t seed = defaults::seed;            // the figure seed when a request gives none
};

struct ServeRequest;  // a POST's fields, checked

struct ServeReply {
  int status = 200;
  std::string type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the type
};

// The slots for solves: `slots` run at once, at most `queue` wait for one.
class SolveGate {
 public:
  enum class Entry { Entered, Busy, TimedOut, Stopping };
  SolveGate(int slots, int queue) : slots_(slots), queue_(queue) {}
  // Takes a slot, waiting until `deadline` when all are taken; Busy at once
  // when the queue is full.
  Entry enter(std::chrono::steady_clock::time_point deadline);
  void leave();
  void stop();  // no more entries; wakes the waiting
  int running() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  int slots_, queue_;
  int running_ = 0, waiting_ = 0;
  bool stopping_ = false;
};

class ServeApi {
 public:
  // `web_dir`: the page's static files (index.html, app.js, style.css),
  // read once; `examples`: the bundled examples file. Either may be
  // missing: the routes that need them answer 404 saying so.
  ServeApi(Library library, ServeLimits limits, const std::string& web_dir, const std::string& examples);

  // Any request: GET the page's files, GET /api (the routes and limits),
  // GET /api/examples, POST /api/... with a JSON body of `content_type`
  // application/json.
  ServeReply handle(std::string_view method, std::string_view path, std::string_view content_type,
                    std::string_view body);
  // The reply for a body over ServeLimits::max_body.
  ServeReply too_large() const;

  // Stops: running solves are cancelled (Solver::cancel), waiting and new
  // ones get 503. Call again to cancel solves that started meanwhile.
  void stop();
  // Solves running now.
  int running() const { return gate_.running(); }
  std::size_t static_files() const { return files_.size(); }

 private:
  Library library_;
  ServeLimits limits_;
  std::map<std::string, std::pair<std::string, std::string>> files_;  // path -> (type, content)
  std::vector<std::pair<std::string, std::string>> examples_;         // (name, problem text)
  std::string examples_error_;                                        // why there are none
  SolveGate gate_;
  std::mutex solvers_mutex_;
  std::set<Solver*> solvers_;  // of the running jobs, for stop()
  bool stopping_ = false;      // under solvers_mutex_

  ServeReply post(std::string_view path, unsigned fields, std::string_view body);
  ServeReply call(std::string_view path, const ServeRequest& request, Solver& solver, double seconds_left);
  ServeReply info() const;
  ServeReply examples() const;
};

}  // namespace pappus::cli
