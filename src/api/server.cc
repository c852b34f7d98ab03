#include "api/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "api/errors.h"
#include "core/id.h"
#include "core/text.h"

namespace anagen::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

bool is_image_type(std::string_view ct) {
  return ct.rfind("image/", 0) == 0 || ct.rfind("application/octet-stream", 0) == 0;
}

std::string next_request_id() {
  static const std::string prefix = random_token(3);
  static std::atomic<uint64_t> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

}  // namespace

struct Server::Impl {
  ServerConfig cfg;
  RequestHandler handler;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;
  std::set<std::shared_ptr<class Conn>> sessions;

  Impl(ServerConfig c, RequestHandler h)
      : cfg(std::move(c)), handler(std::move(h)), workers(cfg.worker_threads) {}

  std::function<void()> on_stopping;  // set by run()

  void accept();
  void begin_stop();
  void forget(const std::shared_ptr<Conn>& c);
};

// One keep-alive connection. All its socket operations run on its strand.
class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(Server::Impl& srv, tcp::socket sock) : srv_(srv), stream_(std::move(sock)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    ip_ = ec ? "unknown" : ep.address().to_string();
  }

  void start() { read_header(); }

  // Closes the connection if it is waiting for a request; otherwise the
  // request being served is finished and the connection closed after it.
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->shutdown();
    });
  }

 private:
  void read_header() {
    if (srv_.stopping) return shutdown();
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // The limit depends on the content type; it is set once the header is in.
    parser_->body_limit(
        std::numeric_limits<std::uint64_t>::max());  // (none misbehaves in Beast 1.74)
    stream_.expires_after(std::chrono::seconds(srv_.cfg.idle_timeout_s));
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    idle_ = false;
    started_ = std::chrono::steady_clock::now();
    if (ec) {
      if (ec == http::error::header_limit)
        return reject(ErrorCode::kHeadersTooLarge, "The request headers are too large.");
      if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
          ec != asio::error::operation_aborted && ec != asio::error::eof &&
          ec != asio::error::connection_reset) {
        spdlog::debug("unreadable request from {}: {}", ip_, ec.message());
        return reject(ErrorCode::kBadRequest,
                      "The request is not valid HTTP/1.1 (" + ec.message() + ").");
      }
      return shutdown();
    }
    auto& req = parser_->get();
    limit_ =
        is_image_type(req[http::field::content_type]) ? srv_.cfg.image_limit : srv_.cfg.json_limit;
    if (parser_->content_length() && *parser_->content_length() > limit_) return too_large();
    parser_->body_limit(limit_);
    stream_.expires_after(std::chrono::seconds(srv_.cfg.read_timeout_s));
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      http::async_write(stream_, *cont,
                        [self = shared_from_this(), cont](beast::error_code ec, size_t) {
                          if (ec) return self->shutdown();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) return too_large();
    if (ec) return shutdown();
    auto msg = parser_->release();
    auto req = std::make_shared<HttpRequest>();
    req->method = std::string(msg.method_string());
    std::string_view target = msg.target();
    auto q = target.find('?');
    bool valid = percent_decode(target.substr(0, q), req->path, false);
    std::optional<std::string> repeated;
    if (q != std::string_view::npos)
      valid = valid && parse_query(target.substr(q + 1), req->query, &repeated);
    for (const auto& f : msg) {
      req->headers.emplace_back(ascii_lower(std::string(f.name_string())), std::string(f.value()));
    }
    req->body = std::move(msg.body());
    req->remote_ip = ip_;
    std::string_view given_id = req->header("x-request-id");
    req->request_id = !given_id.empty() && given_id.size() <= 64 &&
                              std::all_of(given_id.begin(), given_id.end(),
                                          [](char c) { return c > 0x20 && c < 0x7f; })
                          ? std::string(given_id)
                          : next_request_id();
    keep_alive_ = msg.keep_alive() && !srv_.stopping;
    version_ = msg.version();
    constexpr char kNotText[] = "The request URL is not UTF-8 text once decoded.";
    if (repeated && !is_valid_utf8(*repeated)) return reject(ErrorCode::kBadRequest, kNotText);
    if (repeated)
      return reject(ErrorCode::kBadRequest, "The query parameter \"" +
                                                std::string(utf8_prefix(*repeated, 60)) +
                                                "\" is given more than once.");
    if (!valid)
      return reject(ErrorCode::kBadRequest, "The request URL has malformed percent-encoding.");
    // The path and the parameters' names are text (each handler checks
    // the values it reads, naming the parameter; what it echoes unchecked
    // is written with the bytes that are not UTF-8 replaced).
    bool text = is_valid_utf8(req->path);
    for (const auto& [k, v] : req->query) text = text && is_valid_utf8(k);
    if (!text) return reject(ErrorCode::kBadRequest, kNotText);
    // Handlers may block on the database: run them on the worker pool, then
    // come back to this connection's strand to write.
    asio::post(srv_.workers, [self = shared_from_this(), req] {
      HttpResponse resp;
      try {
        resp = self->srv_.handler(*req);
      } catch (const std::exception& e) {
        spdlog::error("{} unhandled exception: {}", req->request_id, e.what());
        resp = problem(Error::internal(e.what()), req->path, req->request_id);
      }
      asio::post(self->stream_.get_executor(), [self, req, resp = std::move(resp)]() mutable {
        self->write(*req, std::move(resp));
      });
    });
  }

  void write(const HttpRequest& req, HttpResponse r) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), version_);
    res->set(http::field::server, "anagen");
    res->set(http::field::content_type, r.content_type);
    res->set("X-Request-Id", req.request_id);
    for (auto& [k, v] : r.headers) res->insert(k, v);
    res->body() = std::move(r.body);
    if (srv_.stopping) keep_alive_ = false;
    res->keep_alive(keep_alive_);
    res->prepare_payload();
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
                  .count();
    spdlog::info("{} {} {} {} {:.1f}ms {}B", req.request_id, req.method, loggable_path(req.path),
                 r.status, ms, res->body().size());
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, size_t) {
                        if (!ec && self->linger_) return self->drain();
                        if (ec || !self->keep_alive_) return self->shutdown();
                        self->read_header();
                      });
  }

  void too_large() {
    std::string limit = std::to_string(limit_ >> 20);
    reject(ErrorCode::kTooLarge, "The request body is larger than the limit of " + limit +
                                     " MiB (1 MiB for JSON, 25 MiB for images).");
  }

  // Answers an error without reading the rest of the request, then closes.
  void reject(ErrorCode code, const std::string& detail) {
    HttpRequest req;
    req.request_id = next_request_id();
    req.method =
        parser_ && parser_->is_header_done() ? std::string(parser_->get().method_string()) : "-";
    req.path = parser_ && parser_->is_header_done() ? std::string(parser_->get().target()) : "-";
    HttpResponse r = problem(Error{code, detail}, req.path, req.request_id);
    keep_alive_ = false;
    linger_ = true;
    version_ = 11;
    write(req, std::move(r));
  }

  // After answering a request whose body was not read (413), closing at
  // once would reset the connection under a client still sending, and it
  // would never see the answer. Half-close and discard what still arrives.
  void drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(5));
    discard_ = std::make_shared<std::array<char, 65536>>();
    drain_more();
  }

  void drain_more() {
    stream_.async_read_some(asio::buffer(*discard_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > (64u << 20)) return self->shutdown();
                              self->drain_more();
                            });
  }

  void shutdown() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
    srv_.forget(shared_from_this());
  }

  Server::Impl& srv_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string ip_;
  size_t limit_ = 0;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  bool idle_ = false;
  bool closed_ = false;
  bool linger_ = false;
  size_t drained_ = 0;
  std::shared_ptr<std::array<char, 65536>> discard_;
  std::chrono::steady_clock::time_point started_;
};

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket sock) {
    if (ec) {
      if (!stopping) accept();
      return;
    }
    if (stopping) return;
    auto c = std::make_shared<Conn>(*this, std::move(sock));
    {
      std::lock_guard lk(sessions_mu);
      sessions.insert(c);
    }
    c->start();
    accept();
  });
}

void Server::Impl::forget(const std::shared_ptr<Conn>& c) {
  std::lock_guard lk(sessions_mu);
  sessions.erase(c);
}

void Server::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: finishing in-flight requests");
  asio::post(io, [this] {
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lk(sessions_mu);
    for (auto& c : sessions) c->close_if_idle();
  });
  if (on_stopping) on_stopping();
}

Server::Server(ServerConfig cfg, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(handler))) {}

Server::~Server() = default;

Result<int> Server::listen() {
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->cfg.host, ec);
  if (ec) return Error::bad_request("--host: '" + impl_->cfg.host + "' is not an IP address");
  tcp::endpoint ep(addr, static_cast<unsigned short>(impl_->cfg.port));
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::unavailable("cannot listen on " + impl_->cfg.host + ":" +
                              std::to_string(impl_->cfg.port) + ": " + ec.message());
  }
  return static_cast<int>(a.local_endpoint().port());
}

void Server::run() {
  auto& im = *impl_;
  // Keeps io.run() going while handlers run on the worker pool (they post
  // their responses back to it); released once the last connection closed.
  auto guard = asio::make_work_guard(im.io);
  asio::steady_timer drain(im.io);
  std::chrono::steady_clock::time_point deadline;
  std::function<void()> check_drained = [&] {
    bool empty;
    {
      std::lock_guard lk(im.sessions_mu);
      empty = im.sessions.empty();
    }
    if (empty || std::chrono::steady_clock::now() >= deadline) {
      guard.reset();
      im.io.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](beast::error_code) { check_drained(); });
  };
  auto on_stop = [&] {
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(im.cfg.shutdown_grace_s);
    check_drained();
  };
  im.on_stopping = [&] { asio::post(im.io, on_stop); };
  im.signals.async_wait([&im](beast::error_code ec, int) {
    if (!ec) im.begin_stop();
  });
  im.accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < im.cfg.io_threads; ++i) threads.emplace_back([&im] { im.io.run(); });
  im.io.run();
  for (auto& t : threads) t.join();
  im.stopping = true;
  im.workers.join();
}

void Server::stop() { impl_->begin_stop(); }

}  // namespace anagen::api
