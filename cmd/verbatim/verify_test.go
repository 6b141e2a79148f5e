package main

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"
)

// TestVerifyCLIPrintsTheAPIsJSON runs the same claim through `verbatim
// verify` and POST /v1/verify on the same data and compares the bytes.
func TestVerifyCLIPrintsTheAPIsJSON(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	claim := "Russia-US relations are the most important factor behind ensuring strategic stability and international security"
	cli, err := exec.Command(bin, "verify", "--data", data, "--speaker", "Putin", claim).Output()
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	s := startServer(t, bin, data, "")
	res, err := http.Post(s.base+"/v1/verify", "application/json",
		strings.NewReader(`{"quote":"`+claim+`","speaker":"Putin"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	api, _ := io.ReadAll(res.Body)
	if !bytes.Equal(bytes.TrimSpace(cli), bytes.TrimSpace(api)) {
		t.Errorf("CLI and API differ:\ncli: %s\napi: %s", cli, api)
	}
	if !strings.Contains(string(cli), `"verdict":"attested"`) {
		t.Errorf("unexpected verdict: %s", cli)
	}
}
