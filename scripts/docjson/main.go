// Command docjson prints /swagger/doc.json exactly as the server serves it,
// so CI can validate it without starting a server.
package main

import (
	"io"
	"net/http/httptest"
	"os"

	"github.com/verbatim/verbatim/api"
)

func main() {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/swagger/doc.json", nil)
	api.New(api.Config{}).Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		os.Stderr.WriteString("doc.json: unexpected status\n")
		os.Exit(1)
	}
	io.Copy(os.Stdout, rec.Body)
}
