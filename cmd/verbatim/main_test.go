package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildBinary compiles verbatim once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "verbatim")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return bin
}

// server is a running `verbatim serve`.
type server struct {
	cmd  *exec.Cmd
	base string
	logs *syncBuffer
}

// syncBuffer collects the server's log lines from the reading goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) WriteString(x string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.WriteString(x)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startServer(t *testing.T, bin, data, key string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", data)
	cmd.Env = append(os.Environ(), "VERBATIM_API_KEY="+key)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: &syncBuffer{}}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			s.logs.WriteString(line + "\n")
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == "listening" {
				addr <- m["addr"].(string)
			}
		}
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server not ready")
	return nil
}

func (s *server) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop on SIGTERM")
	}
}

func get(t *testing.T, url string, v any) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v: %s", url, err, b)
		}
	}
	return res.StatusCode
}

func TestRestartKeepsEverything(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	s := startServer(t, bin, data, "k")
	text := "“Ünïcode — and “nested ‘quotes’” survive,” the mayor said.\r\n\r\nShe added that the bridge would reopen in May.\n"
	body, _ := json.Marshal(map[string]string{"id": "restart-1", "text": text})
	req, _ := http.NewRequest("POST", s.base+"/v1/sources", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer k")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("ingest = %d", res.StatusCode)
	}
	var before struct {
		Quotations []json.RawMessage `json:"quotations"`
	}
	get(t, s.base+"/v1/sources/restart-1/quotations", &before)
	if len(before.Quotations) == 0 {
		t.Fatal("no quotations extracted")
	}
	s.stop(t)

	s = startServer(t, bin, data, "k")
	var src struct {
		Text string `json:"text"`
	}
	if code := get(t, s.base+"/v1/sources/restart-1", &src); code != 200 || src.Text != text {
		t.Fatalf("after restart: %d, text %q", code, src.Text)
	}
	var after struct {
		Quotations []json.RawMessage `json:"quotations"`
	}
	get(t, s.base+"/v1/sources/restart-1/quotations", &after)
	if fmt.Sprint(after.Quotations) != fmt.Sprint(before.Quotations) {
		t.Fatalf("quotations changed across restart:\n%s\n%s", before.Quotations, after.Quotations)
	}
	var list struct {
		Total int `json:"total"`
	}
	get(t, s.base+"/v1/sources", &list)
	if list.Total != 3 {
		t.Errorf("total after restart = %d, want 3 (2 seeds + 1)", list.Total)
	}
	if strings.Contains(s.logs.String(), "Bearer k") {
		t.Error("the API key appears in the logs")
	}

	// A second process on the same data dir is refused with a clear message.
	out, err := exec.Command(bin, "verify", "--data", data, "anything at all").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "in use") {
		t.Errorf("second process: err %v, output %s", err, out)
	}
	s.stop(t)
}

func TestCLI(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\nid: md-1\ntitle: A title\npublisher: Gazette\npublished: 2024-01-02\n---\n“We will win,” Smith said.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(`{"id":"j-1","text":"Jones said the vote was close."}`+"\n"+`{"id":"j-2","text":"“It is over,” Brown said."}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.html"), []byte(`<html><head><title>T</title><script>x()</script></head><body><p>“Prices will fall,” the minister said.</p></body></html>`), 0o644)

	out, err := exec.Command(bin, "ingest", "--data", data, dir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ingested 4 sources") {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "ingest", "--data", data, dir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ingested 0 sources") || !strings.Contains(string(out), "4 already stored") {
		t.Fatalf("re-ingest is not resumable: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "verify", "--data", data, "--speaker", "Brown", "it is over").Output()
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	var v struct {
		Verdict string `json:"verdict"`
	}
	if json.Unmarshal(out, &v) != nil || v.Verdict != "attested" {
		t.Errorf("verify printed %s", out)
	}
	for _, args := range [][]string{{}, {"bogus"}, {"serve", "--nope"}, {"ingest"}, {"verify", "--data", data}} {
		cmd := exec.Command(bin, args...)
		if err := cmd.Run(); err == nil {
			t.Errorf("verbatim %v exited 0", args)
		}
	}
	if out, err := exec.Command(bin, "ingest", "--data", data, filepath.Join(dir, "missing.txt")).CombinedOutput(); err == nil {
		t.Errorf("ingest of a missing file exited 0: %s", out)
	}
	if out, err := exec.Command(bin, "serve", "--help").CombinedOutput(); err != nil || !strings.Contains(string(out), "-addr") {
		t.Errorf("serve --help: %v %s", err, out)
	}
}
