// pappus serve: the web page and the JSON API of serve_api.hpp over HTTP
// (cpp-httplib), on 127.0.0.1 unless --host says otherwise. Ctrl-C or
// SIGTERM stops it: running solves are cancelled, the others answered 503.
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "cli.hpp"
#include "serve_api.hpp"

#ifdef PAPPUS_HAVE_HTTPLIB
#include <httplib.h>
#endif

namespace pappus::cli {

#ifndef PAPPUS_HAVE_HTTPLIB

int run_serve(const CliOptions&) {
  Error e;
  e.message = "this pappus was built without cpp-httplib: 'pappus serve' is not available";
  e.hint = "install it (Debian: apt-get install libcpp-httplib-dev) and build pappus again";
  print_error(e);
  return kExitFailure;
}

#else

namespace {

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "::1" || host == "localhost"; }

// The name in a Host header, without its port.
std::string host_name(const std::string& header) {
  if (header.starts_with("[")) return header.substr(1, header.find(']') - 1);
  return header.substr(0, header.find(':'));
}

// httplib 0.11 listens with a backlog of 5 connections: a burst of clients
// past it waits a second for its connection to be retried. listen() again
// on the bound socket raises it.
class HttpServer : public httplib::Server {
 public:
  void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

void send(httplib::Response& res, const ServeReply& reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  res.set_content(reply.body, reply.type.c_str());
}

}  // namespace

int run_serve(const CliOptions& options) {
  if (!options.operands.empty())
    return usage_error("serve", fmt::format("serve takes no FILE, not '{}': pick problems on the page", options.operands[0]));
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  ServeLimits limits;
  limits.time_limit_s = options.time_limit;
  limits.max_body = static_cast<std::size_t>(options.max_body) * 1024;
  limits.max_solves = options.max_solves;
  limits.queue = options.queue;
  limits.max_depth = options.depth;
  limits.seed = options.seed;
  const std::filesystem::path data = library->data_dir();
  ServeApi api(*library, limits, (data / "web").string(), (data / "tools" / "examples" / "examples.txt").string());
  if (api.static_files() == 0)
    fmt::print(stderr, "pappus serve: note: no page found in {}; serving the JSON API alone\n",
               (data / "web").string());

  HttpServer server;
  // Threads for the solves and their queue, and a few for the rest (files,
  // parsing, the 503s), so that a full queue is answered, not left waiting.
  const std::size_t threads = static_cast<std::size_t>(limits.max_solves + limits.queue + 4);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(limits.max_body);
  server.set_read_timeout(10);
  server.set_write_timeout(10);
  server.set_keep_alive_timeout(2);
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"Content-Security-Policy",
                               "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
                               "'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob: data:; connect-src 'self' blob:"}});
  // SO_REUSEADDR alone: httplib's default adds SO_REUSEPORT, with which a
  // second server would share a port in use instead of failing.
  server.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  const bool loopback = is_loopback(options.host);

  // Every route goes to the api; a body is read up to the limit, decoded
  // (gzip and chunked included) before it is counted.
  auto dispatch = [&](const httplib::Request& req, httplib::Response& res, const std::string& body) {
    if (loopback && !is_loopback(host_name(req.get_header_value("Host"))))
      return send(res, ServeReply{403, "application/json",
                                  "{\"error\":{\"message\":\"this server answers requests for localhost only "
                                  "(Host: localhost or 127.0.0.1)\"}}\n",
                                  {}});
    send(res, api.handle(req.method, req.path, req.get_header_value("Content-Type"), body));
  };
  auto without_body = [&](const httplib::Request& req, httplib::Response& res) { dispatch(req, res, ""); };
  auto with_body = [&](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    // Past the limit the body is read on without being kept (up to 4 times
    // the limit), so that the client, still sending, gets the 413.
    std::string body;
    std::size_t seen = 0;
    const bool read = reader([&](const char* data, std::size_t size) {
      seen += size;
      if (seen <= limits.max_body) body.append(data, size);
      return seen <= 4 * limits.max_body;
    });
    const bool over = seen > limits.max_body;
    if (over || res.status == 413) return send(res, api.too_large());
    if (!read) return send(res, ServeReply{400, "application/json",
                                           "{\"error\":{\"message\":\"the request body could not be read\"}}\n", {}});
    dispatch(req, res, body);
  };
  server.Get(".*", without_body);
  server.Options(".*", without_body);
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Patch(".*", with_body);
  server.Delete(".*", with_body);
  // What httplib answers itself (a malformed request, a body over the
  // limit) is JSON as well.
  server.set_error_handler(httplib::Server::HandlerWithResponse([&](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    send(res, res.status == 413 ? api.too_large()
                                : ServeReply{res.status, "application/json",
                                             fmt::format("{{\"error\":{{\"message\":\"HTTP {}\"}}}}\n", res.status),
                                             {}});
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send(res, ServeReply{500, "application/json", "{\"error\":{\"message\":\"internal error\"}}\n", {}});
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    fmt::print(stderr, "{} {} {}\n", req.method, req.path, res.status);
  });

  const std::atomic<bool>* interrupted = interrupt_flag();
  int port = options.port;
  if (port == 0) port = server.bind_to_any_port(options.host);
  else if (!server.bind_to_port(options.host, port)) port = -1;
  if (port <= 0) {
    Error e;
    e.message = fmt::format("cannot listen on {}:{}", options.host, options.port);
    e.hint = "is the port in use? --port 0 picks a free one";
    print_error(e);
    return kExitFailure;
  }
  server.raise_backlog(128);
  const std::string shown = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  fmt::print("pappus serve: listening on http://{}:{}/\n", shown, port);
  std::fflush(stdout);

  // Ctrl-C: stop accepting, cancel the running solves (again and again, for
  // those that were starting), and let the answered requests finish.
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!done.load() && !interrupted->load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (done.load()) return;
    api.stop();
    server.stop();
    while (!done.load()) {
      api.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  const bool listened = server.listen_after_bind();
  done.store(true);
  watcher.join();
  if (!interrupted->load()) {
    Error e;
    e.message = listened ? "the server stopped" : "the server failed while listening";
    print_error(e);
    return kExitFailure;
  }
  fmt::print("pappus serve: stopped\n");
  return kExitOk;
}

#endif

}  // namespace pappus::cli
