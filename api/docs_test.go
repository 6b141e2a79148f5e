package api_test

import (
	"strings"
	"testing"
)

// TestSwagger checks that the UI loads and that doc.json is a Swagger 2.0
// document listing every route, with no empty host (which validators and
// client generators reject).
func TestSwagger(t *testing.T) {
	e := newEnv(t, "")
	r := e.do("GET", "/swagger/index.html", "", "")
	if r.status != 200 || !strings.Contains(string(r.body), "swagger-ui") {
		t.Fatalf("swagger UI = %d", r.status)
	}
	var doc struct {
		Swagger string                    `json:"swagger"`
		Host    *string                   `json:"host"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	e.do("GET", "/swagger/doc.json", "", "").decode(t, &doc)
	if doc.Swagger != "2.0" {
		t.Errorf("swagger = %q", doc.Swagger)
	}
	if doc.Host != nil && *doc.Host == "" {
		t.Error("doc.json has an empty host")
	}
	want := map[string][]string{
		"/healthz": {"get"}, "/readyz": {"get"},
		"/v1/sources": {"get", "post"}, "/v1/sources/{id}": {"get", "delete"}, "/v1/sources/{id}/quotations": {"get"},
		"/v1/speakers": {"get"}, "/v1/quotations": {"get"}, "/v1/verify": {"post"}, "/v1/verify/batch": {"post"},
	}
	for path, methods := range want {
		for _, m := range methods {
			op, ok := doc.Paths[path][m].(map[string]any)
			if !ok {
				t.Errorf("%s %s is not documented", m, path)
				continue
			}
			responses, _ := op["responses"].(map[string]any)
			if len(responses) == 0 {
				t.Errorf("%s %s documents no responses", m, path)
			}
		}
	}
}
