// The HTTP/1.1 server (Boost.Beast over Asio): keep-alive, body limits (413),
// read and idle timeouts, one access-log line per request, and graceful
// shutdown (stop accepting, finish in-flight requests, then return).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/http.h"
#include "core/result.h"

namespace anagen::api {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;              // 0 picks a free port
  int io_threads = 2;           // threads reading and writing sockets
  int worker_threads = 32;      // threads running handlers (they block on the database)
  size_t json_limit = 1 << 20;  // bodies other than images
  size_t image_limit = 25 << 20;
  int read_timeout_s = 30;    // to receive a whole request once it started
  int idle_timeout_s = 75;    // keep-alive connection with no request
  int shutdown_grace_s = 30;  // longest wait for in-flight requests on shutdown
};

using RequestHandler = std::function<HttpResponse(HttpRequest&)>;

class Server {
 public:
  Server(ServerConfig cfg, RequestHandler handler);
  ~Server();
  // Binds and listens; returns the bound port.
  Result<int> listen();
  // Serves until SIGINT/SIGTERM or stop(); returns once in-flight requests
  // have been answered.
  void run();
  // Begins a graceful stop (thread-safe).
  void stop();

  struct Impl;  // defined in server.cc

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace anagen::api
