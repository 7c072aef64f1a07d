// The REST API's interactive reference: Swagger UI over /api/openapi.json, served from this server
// (no CDN), so it works offline and under the page's Content-Security-Policy.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
  });
});
