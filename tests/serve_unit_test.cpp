// The API of `pappus serve` without sockets (tools/serve_api.hpp): routes and
// their errors, the solve slots (SolveGate), and stop() cancelling a solve.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "serve_api.hpp"

using namespace pappus;
using namespace pappus::cli;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kMidline = "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? para m n b c";
const char* const kMorley =
    "a b c = triangle a b c; d e = trisect d e b a c; f g = trisect f g c b a; h i = trisect h i a c b; "
    "j = intersection_ll j b f c i; k = intersection_ll k a e c h; l = intersection_ll l a d b g ? cong j l j k";

ServeApi make_api(ServeLimits limits = {}) {
  auto library = Library::load();
  REQUIRE(library.ok());
  return ServeApi(*library, limits, PAPPUS_WEB_DIR, PAPPUS_EXAMPLES_FILE);
}

ServeReply post(ServeApi& api, const char* path, const nlohmann::json& body) {
  return api.handle("POST", path, "application/json", body.dump());
}

nlohmann::json json_of(const ServeReply& reply) { return nlohmann::json::parse(reply.body); }

Clock::time_point in(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

TEST_CASE("serve api: routes and their errors", "[serve]") {
  ServeLimits limits;
  limits.max_body = 1000;
  ServeApi api = make_api(limits);
  CHECK(api.static_files() >= 3);

  CHECK(api.handle("GET", "/", "", "").type.starts_with("text/html"));
  CHECK(json_of(api.handle("GET", "/api/examples", "", ""))["examples"].size() >= 7);
  const nlohmann::json parsed = json_of(post(api, "/api/parse", {{"problem", kMidline}}));
  CHECK(parsed["problem"]["goals"] == nlohmann::json::array({"para m n b c"}));

  CHECK(api.handle("GET", "/nope", "", "").status == 404);
  CHECK(api.handle("GET", "/../CMakeLists.txt", "", "").status == 404);
  const ServeReply wrong_method = api.handle("GET", "/api/solve", "", "");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers == std::vector<std::pair<std::string, std::string>>{{"Allow", "POST"}});
  CHECK(api.handle("POST", "/api/parse", "text/plain", "{}").status == 415);
  CHECK(api.handle("POST", "/api/parse", "application/json", std::string(1001, ' ')).status == 413);
  CHECK(api.handle("POST", "/api/parse", "application/json", "{\"problem\": }").status == 400);
  CHECK(post(api, "/api/parse", {{"problem", kMidline}, {"extra", 1}}).status == 400);
  CHECK(post(api, "/api/solve", {{"problem", kMidline}, {"seed", -1}}).status == 400);

  const ServeReply bad = post(api, "/api/parse", {{"problem", "a b c = triangle a b c; m = midpint m a b ? para m c a b"}});
  REQUIRE(bad.status == 422);
  const nlohmann::json error = json_of(bad)["error"];
  CHECK(error["line"] == 1);
  CHECK(error["column"] == 29);
  CHECK(error["token"] == "midpint");
}

TEST_CASE("serve api: solve, check_step and hint go through the library", "[serve]") {
  ServeApi api = make_api();
  const nlohmann::json solved = json_of(post(api, "/api/solve", {{"problem", kMidline}}));
  CHECK(solved["result"]["status"] == "proved");
  CHECK(solved["html"].get<std::string>().find("proof-data") != std::string::npos);
  CHECK(json_of(post(api, "/api/check_step", {{"problem", kMidline}, {"claim", "para m n b c"}}))["check"]["derivable"]);
  CHECK(json_of(post(api, "/api/hint", {{"problem", kMidline}}))["hint"]["kind"] == "step");
  CHECK(api.running() == 0);
}

TEST_CASE("serve api: the solve slots", "[serve]") {
  SolveGate gate(1, 1);
  REQUIRE(gate.enter(in(1)) == SolveGate::Entry::Entered);
  CHECK(gate.enter(in(0.05)) == SolveGate::Entry::TimedOut);  // waits, then gives up
  auto waiter = std::async(std::launch::async, [&] { return gate.enter(in(10)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(gate.enter(in(10)) == SolveGate::Entry::Busy);  // the queue (1) is full: at once
  gate.leave();
  CHECK(waiter.get() == SolveGate::Entry::Entered);
  CHECK(gate.running() == 1);
  auto stopped = std::async(std::launch::async, [&] { return gate.enter(in(10)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  gate.stop();
  CHECK(stopped.get() == SolveGate::Entry::Stopping);
  CHECK(gate.enter(in(10)) == SolveGate::Entry::Stopping);
}

TEST_CASE("serve api: stop() cancels a running solve", "[serve]") {
  ServeApi api = make_api();
  const auto t0 = Clock::now();
  auto solve = std::async(std::launch::async, [&] { return post(api, "/api/solve", {{"problem", kMorley}}); });
  while (api.running() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  while (solve.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) api.stop();
  const ServeReply reply = solve.get();
  CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 10);  // its time limit is 30 s
  REQUIRE(reply.status == 200);
  CHECK(json_of(reply)["result"]["stop"] == "cancelled");
  CHECK(post(api, "/api/solve", {{"problem", kMidline}}).status == 503);  // stopping
  CHECK(post(api, "/api/parse", {{"problem", kMidline}}).status == 200);  // parsing needs no slot
}
