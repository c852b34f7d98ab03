#include "api/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/errors.h"

namespace anagen::api {
namespace {

const char* content_type(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".webmanifest") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

}  // namespace

HttpResponse serve_static(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos) {
    return problem(Error::not_found("No such file."), path, "-");
  }
  fs::path base(root);
  fs::path file = base / path.substr(path.empty() ? 0 : 1);
  std::error_code ec;
  bool immutable = path.rfind("/assets/", 0) == 0;
  if (path == "/" || !fs::is_regular_file(file, ec)) {
    if (fs::path(path).has_extension())
      return problem(Error::not_found("No such file."), path, "-");
    file = base / "index.html";
    immutable = false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return problem(Error::not_found("The web app is not built; run make build."), path, "-");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  HttpResponse r;
  r.content_type = content_type(file.extension().string());
  r.body = ss.str();
  // Vite names assets by content hash: they never change under one name.
  r.headers.emplace_back("Cache-Control",
                         immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace anagen::api
