// The JSON API of `pappus serve`, without sockets: routes, request checks,
// the slots for solves, the page's static files.
#include "serve_api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include <nlohmann/json.hpp>

namespace pappus::cli {

struct ServeRequest {
  Problem problem;
  std::uint64_t seed = 0;
  double time_limit_s = 0;
  int depth = 0;
  std::string claim;                     // check_step
  std::string fact;                      // explain
  std::vector<std::string> established;  // hint
};

namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr int kMaxJsonDepth = 32;         // nesting of a request body
constexpr std::size_t kMaxEstablished = 500;  // facts a hint request may list

std::string dump(const Json& json) {
  // Replaces invalid UTF-8 (quoted from a request) instead of throwing.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

ServeReply reply(int status, const Json& json) {
  ServeReply out;
  out.status = status;
  out.body = dump(json);
  return out;
}

ServeReply fail(int status, std::string message, std::string hint = "") {
  Json error = {{"message", std::move(message)}};
  if (!hint.empty()) error["hint"] = std::move(hint);
  return reply(status, {{"error", std::move(error)}});
}

// A library Error: message, line and column, token and hint when known.
ServeReply fail(int status, const Error& e) {
  Json error = {{"message", e.message}, {"text", e.to_string()}};
  if (e.loc.line > 0) error["line"] = e.loc.line;
  if (e.loc.column > 0) error["column"] = e.loc.column;
  if (!e.token.empty()) error["token"] = e.token;
  if (!e.hint.empty()) error["hint"] = e.hint;
  return reply(status, {{"error", std::move(error)}});
}

// A value quoted in an error, cut short.
std::string quote(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

// How deep `text` nests arrays and objects (outside strings), stopping past
// `limit`: nlohmann-json would build (and tear down) a document of any depth.
int nesting(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) break;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// The fields a request may carry.
enum Field : unsigned { kProblem = 1, kSeed = 2, kTimeLimit = 4, kDepth = 8, kClaim = 16, kFact = 32, kEstablished = 64 };
constexpr std::pair<Field, std::string_view> kFieldNames[] = {
    {kProblem, "problem"}, {kSeed, "seed"},   {kTimeLimit, "time_limit"},   {kDepth, "depth"},
    {kClaim, "claim"},     {kFact, "fact"},   {kEstablished, "established"},
};

std::string field_list(unsigned fields) {
  std::string out;
  for (const auto& [bit, name] : kFieldNames)
    if (fields & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// A non-empty string field.
std::variant<std::string, ServeReply> text_field(const Json& body, std::string_view name, bool required) {
  const auto it = body.find(name);
  if (it == body.end()) {
    if (required) return fail(400, fmt::format("missing field '{}' (a string)", name));
    return std::string();
  }
  if (!it->is_string()) return fail(400, fmt::format("field '{}' must be a string, not {}", name, quote(*it)));
  std::string text = it->get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return fail(400, fmt::format("field '{}' is empty", name));
  return text;
}

// The body of a POST as the ServeRequest of a route taking `fields`.
std::variant<ServeRequest, ServeReply> read_request(const Library& library, const ServeLimits& limits, std::string_view body,
                                               unsigned fields) {
  if (nesting(body, kMaxJsonDepth) > kMaxJsonDepth)
    return fail(400, fmt::format("the JSON body nests deeper than {} levels", kMaxJsonDepth));
  Json json;
  try {
    json = Json::parse(body);
  } catch (const Json::out_of_range& e) {  // a number past double's range
    return fail(400, fmt::format("the body is not JSON that can be read: {}", e.what()));
  } catch (const Json::parse_error& e) {
    // Where: e.byte counts from 1; as line and column of the body.
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, body.size());
    const std::string_view before = body.substr(0, at);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const std::size_t newline = before.rfind('\n');
    const std::size_t column = at - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
    Json error = {{"message", fmt::format("the body is not JSON: {}", e.what())}, {"line", line}, {"column", column}};
    return reply(400, {{"error", std::move(error)}});
  }
  if (!json.is_object()) return fail(400, fmt::format("the body must be a JSON object, not {}", quote(json)));
  for (const auto& [key, value] : json.items()) {
    bool known = false;
    for (const auto& [bit, name] : kFieldNames) known |= (fields & bit) && key == name;
    if (!known)
      return fail(400, fmt::format("unknown field '{}'", key), "this route takes: " + field_list(fields));
  }

  ServeRequest out;
  auto problem = text_field(json, "problem", true);
  if (auto* r = std::get_if<ServeReply>(&problem)) return std::move(*r);
  auto parsed = library.parse(std::get<std::string>(problem), "", "problem");
  if (!parsed) return fail(422, parsed.error());
  out.problem = std::move(*parsed);

  out.seed = limits.seed;
  if (auto it = json.find("seed"); it != json.end()) {
    if (!it->is_number_unsigned())
      return fail(400, fmt::format("field 'seed' must be a whole number >= 0, not {}", quote(*it)));
    out.seed = it->get<std::uint64_t>();
  }
  out.time_limit_s = limits.time_limit_s;
  if (auto it = json.find("time_limit"); it != json.end()) {
    const double s = it->is_number() ? it->get<double>() : -1;
    if (!std::isfinite(s) || s <= 0 || s > limits.time_limit_s)
      return fail(400, fmt::format("field 'time_limit' must be a number of seconds > 0 and <= {} (the server's "
                                   "limit), not {}", limits.time_limit_s, quote(*it)));
    out.time_limit_s = s;
  }
  out.depth = limits.max_depth;
  if (auto it = json.find("depth"); it != json.end()) {
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() > static_cast<std::uint64_t>(limits.max_depth))
      return fail(400, fmt::format("field 'depth' must be a whole number from 0 to {}, not {}", limits.max_depth,
                                   quote(*it)));
    out.depth = it->get<int>();
  }
  for (auto [bit, target] : {std::pair{kClaim, &out.claim}, std::pair{kFact, &out.fact}}) {
    if (!(fields & bit)) continue;
    auto text = text_field(json, bit == kClaim ? "claim" : "fact", true);
    if (auto* r = std::get_if<ServeReply>(&text)) return std::move(*r);
    *target = std::move(std::get<std::string>(text));
  }
  if (auto it = json.find("established"); it != json.end()) {
    if (!it->is_array() || it->size() > kMaxEstablished)
      return fail(400, fmt::format("field 'established' must be an array of at most {} statements, not {}",
                                   kMaxEstablished, quote(*it)));
    for (const Json& s : *it) {
      if (!s.is_string()) return fail(400, fmt::format("field 'established' holds {}, not a string", quote(s)));
      out.established.push_back(s.get<std::string>());
    }
  }
  return out;
}

Json figure_json(const Figure& figure) {
  Json points = Json::array();
  for (const FigurePoint& p : figure.points)
    points.push_back({{"name", p.name}, {"x", p.x}, {"y", p.y}, {"built", p.built}});
  return {{"points", std::move(points)}, {"goal_holds", figure.goal_holds}, {"attempts", figure.attempts},
          {"scale", figure.scale}};
}

// A solve's result: the library's JSON document, and the proof as text and
// as its HTML report (the figure with each step highlighted).
Json result_json(const SolveResult& result, const Problem& problem) {
  Json out = {{"result", Json::parse(to_json(result, problem))}};
  if (result.proof) {
    out["text"] = result.proof->text;
    out["html"] = result.proof->html();
  }
  return out;
}

// The library's answer as JSON, or its Error (a problem or claim it cannot
// take) as 422.
template <class T, class ToJson>
ServeReply answer(const Expected<T>& value, ToJson&& as_json) {
  if (!value) return fail(422, value.error());
  return reply(200, as_json(*value));
}

Json problem_json(const Problem& problem) {
  Json goals = Json::array();
  for (const Statement& g : problem.goals) goals.push_back(to_text(problem, g));
  return {{"name", problem.name}, {"text", to_text(problem)}, {"points", problem.point_names},
          {"clauses", problem.clauses.size()}, {"goals", std::move(goals)}};
}

SolveOptions request_options(const ServeRequest& request, double seconds_left) {
  SolveOptions options;
  options.seed = request.seed;
  options.depth = request.depth;
  options.time_limit_s = std::max(0.05, seconds_left);
  return options;
}

std::string content_type(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
  };
  const auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "" : it->second;
}

// The POST routes and the fields each takes; all but /api/parse hold a
// slot of the SolveGate while they run.
struct PostRoute {
  std::string_view path;
  unsigned fields;
};
constexpr PostRoute kPostRoutes[] = {
    {"/api/parse", kProblem},
    {"/api/figure", kProblem | kSeed},
    {"/api/draw", kProblem | kSeed},
    {"/api/solve", kProblem | kSeed | kTimeLimit | kDepth},
    {"/api/check_step", kProblem | kClaim | kSeed | kTimeLimit},
    {"/api/hint", kProblem | kEstablished | kSeed | kTimeLimit | kDepth},
    {"/api/explain", kProblem | kFact | kSeed | kTimeLimit | kDepth},
};
constexpr std::string_view kGetRoutes[] = {"/api", "/api/examples"};

}  // namespace

// ---------------------------------------------------------------------------

SolveGate::Entry SolveGate::enter(Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  if (stopping_) return Entry::Stopping;
  if (running_ < slots_) return ++running_, Entry::Entered;
  if (waiting_ >= queue_) return Entry::Busy;
  ++waiting_;
  const bool free = freed_.wait_until(lock, deadline, [&] { return stopping_ || running_ < slots_; });
  --waiting_;
  if (stopping_) return Entry::Stopping;
  if (!free) return Entry::TimedOut;
  ++running_;
  return Entry::Entered;
}

void SolveGate::leave() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

void SolveGate::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  freed_.notify_all();
}

int SolveGate::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

// ---------------------------------------------------------------------------

ServeApi::ServeApi(Library library, ServeLimits limits, const std::string& web_dir, const std::string& examples)
    : library_(std::move(library)), limits_(limits), gate_(limits.max_solves, limits.queue) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(web_dir, ec)) {
    const std::string type = content_type(entry.path());
    if (!entry.is_regular_file() || type.empty()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files_["/" + entry.path().filename().string()] = {type, content.str()};
  }
  if (const auto index = files_.find("/index.html"); index != files_.end()) files_["/"] = index->second;

  auto records = library_.parse_file(examples);
  if (!records) {
    examples_error_ = records.error().to_string();
    return;
  }
  for (const NamedProblem& r : *records)
    if (r.problem) examples_.emplace_back(r.name, to_text(*r.problem));
}

ServeReply ServeApi::too_large() const {
  return fail(413, fmt::format("the request body is larger than the server's limit of {} bytes", limits_.max_body),
              "start the server with a larger --max-body");
}

void ServeApi::stop() {
  gate_.stop();
  std::lock_guard lock(solvers_mutex_);
  stopping_ = true;
  for (Solver* solver : solvers_) solver->cancel();
}

ServeReply ServeApi::handle(std::string_view method, std::string_view path, std::string_view content_type,
                            std::string_view body) {
  const bool get = method == "GET" || method == "HEAD";
  for (const PostRoute& route : kPostRoutes) {
    if (route.path != path) continue;
    if (method != "POST") {
      ServeReply r = fail(405, fmt::format("{} takes POST with a JSON body, not {}", path, method));
      r.headers.emplace_back("Allow", "POST");
      return r;
    }
    if (!content_type.starts_with("application/json"))
      return fail(415, fmt::format("{} takes a body of type application/json, not '{}'", path, content_type));
    if (body.size() > limits_.max_body) return too_large();
    return post(route.path, route.fields, body);
  }
  const bool api_get = std::ranges::find(kGetRoutes, path) != std::end(kGetRoutes);
  const auto file = files_.find(std::string(path));
  if (!api_get && file == files_.end()) {
    if (path == "/" && files_.empty()) return fail(404, "the web page's files were not found: the JSON API alone is served");
    return fail(404, fmt::format("no such route: {}", path), "GET /api lists the routes");
  }
  if (!get) {
    ServeReply r = fail(405, fmt::format("{} takes GET, not {}", path, method));
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (path == "/api") return info();
  if (path == "/api/examples") return examples();
  ServeReply r;
  r.type = file->second.first;
  r.body = file->second.second;
  return r;
}

ServeReply ServeApi::info() const {
  Json post = Json::object();
  for (const PostRoute& route : kPostRoutes) post[std::string(route.path)] = field_list(route.fields);
  return reply(200, {{"name", "pappus"},
                     {"version", version()},
                     {"get", kGetRoutes},
                     {"post", std::move(post)},
                     {"limits",
                      {{"time_limit", limits_.time_limit_s},
                       {"max_body", limits_.max_body},
                       {"max_solves", limits_.max_solves},
                       {"queue", limits_.queue},
                       {"max_depth", limits_.max_depth}}}});
}

ServeReply ServeApi::examples() const {
  if (examples_.empty()) return fail(404, "no bundled examples: " + examples_error_);
  Json list = Json::array();
  for (const auto& [name, text] : examples_) list.push_back({{"name", name}, {"problem", text}});
  return reply(200, {{"examples", std::move(list)}});
}

ServeReply ServeApi::post(std::string_view path, unsigned fields, std::string_view body) {
  auto read = read_request(library_, limits_, body, fields);
  if (auto* r = std::get_if<ServeReply>(&read)) return std::move(*r);
  const ServeRequest& request = std::get<ServeRequest>(read);
  if (path == "/api/parse") return reply(200, {{"problem", problem_json(request.problem)}});

  // A slot, waiting at most the request's time limit; then a Solver that
  // stop() can cancel.
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(request.time_limit_s));
  switch (gate_.enter(deadline)) {
    case SolveGate::Entry::Entered: break;
    case SolveGate::Entry::Busy:
      return fail(503, fmt::format("the server is busy: {} solves running and {} waiting; try again later",
                                   limits_.max_solves, limits_.queue));
    case SolveGate::Entry::TimedOut:
      return fail(503, fmt::format("the server is busy: no solve slot came free within the time limit ({} s); "
                                   "try again later", request.time_limit_s));
    case SolveGate::Entry::Stopping: return fail(503, "the server is shutting down");
  }
  Solver solver(library_);
  {
    std::lock_guard lock(solvers_mutex_);
    if (stopping_) {
      gate_.leave();
      return fail(503, "the server is shutting down");
    }
    solvers_.insert(&solver);
  }
  struct Release {
    ServeApi& api;
    Solver& solver;
    ~Release() {
      {
        std::lock_guard lock(api.solvers_mutex_);
        api.solvers_.erase(&solver);
      }
      api.gate_.leave();
    }
  } release{*this, solver};
  const double left = request.time_limit_s - std::chrono::duration<double>(Clock::now() - start).count();
  return call(path, request, solver, left);
}

ServeReply ServeApi::call(std::string_view path, const ServeRequest& request, Solver& solver, double seconds_left) {
  const Problem& problem = request.problem;
  const SolveOptions options = request_options(request, seconds_left);
  if (path == "/api/figure")
    return answer(library_.build_figure(problem, request.seed), [](const Figure& f) { return Json{{"figure", figure_json(f)}}; });
  if (path == "/api/draw")
    return answer(library_.draw(problem, request.seed), [](const std::string& svg) { return Json{{"svg", svg}}; });
  const auto result = [&](const SolveResult& r) { return result_json(r, problem); };
  if (path == "/api/solve") return answer(solver.solve(problem, options), result);
  if (path == "/api/explain") return answer(solver.explain(problem, request.fact, options), result);
  if (path == "/api/check_step")
    return answer(solver.check_step(problem, request.claim, options),
                  [](const StepCheck& c) { return Json{{"check", Json::parse(to_json(c))}}; });
  return answer(solver.hint(problem, request.established, options),
                [](const Hint& h) { return Json{{"hint", Json::parse(to_json(h))}}; });
}

}  // namespace pappus::cli
