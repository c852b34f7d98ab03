// Serves the built web app (web/dist) at /.
#pragma once

#include <string>

#include "api/http.h"

namespace anagen::api {

// The file under `root` named by `path`; paths without a file extension get
// index.html (the app routes in the browser). Never leaves `root`.
HttpResponse serve_static(const std::string& root, const std::string& path);

}  // namespace anagen::api
