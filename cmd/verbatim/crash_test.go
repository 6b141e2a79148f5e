package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// proc is a `verbatim serve` whose stderr goes to a file, so a test can read
// its logs without racing the process.
type proc struct {
	cmd  *exec.Cmd
	base string
	addr string
	logs string
}

func startProc(t *testing.T, bin, data, key string, args ...string) *proc {
	t.Helper()
	logs := filepath.Join(t.TempDir(), "stderr.log")
	f, err := os.Create(logs)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, args...)...)
	cmd.Env = append(os.Environ(), "VERBATIM_API_KEY="+key)
	cmd.Stderr = f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, logs: logs}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(60 * time.Second)
	for p.addr == "" && time.Now().Before(deadline) {
		for _, m := range p.logLines(t) {
			if m["msg"] == "listening" {
				p.addr, _ = m["addr"].(string)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if p.addr == "" {
		t.Fatalf("server did not start:\n%s", p.rawLogs(t))
	}
	p.base = "http://" + p.addr
	for time.Now().Before(deadline) {
		if res, err := http.Get(p.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server not ready:\n%s", p.rawLogs(t))
	return nil
}

func (p *proc) rawLogs(t *testing.T) string {
	b, err := os.ReadFile(p.logs)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// logLines parses the server's structured log, one JSON object a line.
func (p *proc) logLines(t *testing.T) []map[string]any {
	var out []map[string]any
	for _, l := range strings.Split(p.rawLogs(t), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

// kill stops the server the hard way: no shutdown, no flush.
func (p *proc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
}

// crashBatch is one NDJSON ingest and what became of it.
type crashBatch struct {
	ids   []string
	texts map[string]string
	// acked is set on a 201, with the quotation counts it reported.
	acked bool
	// deleteTried is set when the client sent a DELETE for the batch (of
	// one source), deleted when the server acknowledged it with a 204.
	deleteTried, deleted bool
	quotations           map[string]int
	// state is what restarts showed: "" unknown, "present" or "absent".
	state string
	// seen holds each source's quotations as first read back, to compare
	// across later restarts.
	seen map[string]string
}

func crashText(round, batch, k int, rng *rand.Rand) string {
	name := []string{"Alvarez", "Okafor", "Lindqvist", "Tanaka", "Moreau"}[rng.IntN(5)]
	text := fmt.Sprintf("Council report %d/%d/%d.\n\n“The budget for district %d will rise by %d percent,” Mayor %s said on day %d.\n\nThe council did not comment.",
		round, batch, k, k, rng.IntN(90)+1, name, round*100+batch)
	if rng.IntN(8) == 0 {
		// Now and then a long source, so kills land inside bigger writes.
		text += strings.Repeat("\n\nThe minutes of the meeting ran long and covered the roads, the schools and the parks.", 200)
	}
	return text
}

// TestCrashKeepsAcknowledgedWrites kills the real server with SIGKILL at
// random moments while a client ingests batches, restarts it on the same
// data directory, and checks that every acknowledged source is there with
// its exact text and quotations, that no batch is half there, and that
// verify still answers.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	bin := buildBinary(t)
	seed := uint64(20251123)
	if s, err := strconv.ParseUint(os.Getenv("VERBATIM_CRASH_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (set VERBATIM_CRASH_SEED to replay)", seed)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	data := t.TempDir()
	const key = "crash-key"
	start := time.Now()
	budget := 45 * time.Second

	var (
		mu      sync.Mutex
		batches []*crashBatch
	)
	rounds, ackedTotal, seeds := 0, 0, 0
	var p *proc
	for round := 0; round < 6 && time.Since(start) < budget; round++ {
		p = startProc(t, bin, data, key)
		if round == 0 {
			var list struct {
				Total int `json:"total"`
			}
			get(t, p.base+"/v1/sources", &list)
			seeds = list.Total
		} else {
			checkAfterCrash(t, p, batches, seeds)
		}
		rounds++
		stop := make(chan struct{})
		writerDone := make(chan struct{})
		wrng := rand.New(rand.NewPCG(seed, uint64(round)+1))
		client := &http.Client{Timeout: 20 * time.Second}
		go func() {
			defer close(writerDone)
			for b := 0; ; b++ {
				select {
				case <-stop:
					return
				default:
				}
				cb := &crashBatch{texts: map[string]string{}}
				var body bytes.Buffer
				n := 1 + wrng.IntN(12)
				if b%4 == 0 {
					n = 1 // single-source batches are the ones deleted later
				}
				for k := 0; k < n; k++ {
					id := fmt.Sprintf("c%d-b%d-s%d", round, b, k)
					text := crashText(round, b, k, wrng)
					cb.ids = append(cb.ids, id)
					cb.texts[id] = text
					line, _ := json.Marshal(map[string]string{"id": id, "text": text})
					body.Write(line)
					body.WriteByte('\n')
				}
				mu.Lock()
				batches = append(batches, cb)
				mu.Unlock()
				req, _ := http.NewRequest("POST", p.base+"/v1/sources", &body)
				req.Header.Set("Content-Type", "application/x-ndjson")
				req.Header.Set("Authorization", "Bearer "+key)
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				rb, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 201 {
					continue // not acknowledged; all or nothing still holds
				}
				var ir struct {
					Ingested []struct {
						ID         string `json:"id"`
						Quotations int    `json:"quotations"`
					} `json:"ingested"`
				}
				if json.Unmarshal(rb, &ir) == nil {
					mu.Lock()
					cb.acked = true
					cb.quotations = map[string]int{}
					for _, s := range ir.Ingested {
						cb.quotations[s.ID] = s.Quotations
					}
					mu.Unlock()
				}
				if wrng.IntN(3) != 0 {
					continue
				}
				// Now and then delete an earlier single-source batch.
				var victim *crashBatch
				mu.Lock()
				for _, old := range batches {
					if old.acked && len(old.ids) == 1 && !old.deleteTried && old != cb {
						victim = old
						victim.deleteTried = true
						break
					}
				}
				mu.Unlock()
				if victim == nil {
					continue
				}
				req, _ = http.NewRequest("DELETE", p.base+"/v1/sources/"+victim.ids[0], nil)
				req.Header.Set("Authorization", "Bearer "+key)
				res, err = client.Do(req)
				if err != nil {
					return
				}
				res.Body.Close()
				if res.StatusCode == 204 {
					mu.Lock()
					victim.deleted = true
					mu.Unlock()
				}
			}
		}()
		delay := time.Duration(150+rng.IntN(1200)) * time.Millisecond
		time.Sleep(delay)
		p.kill()
		close(stop)
		<-writerDone
		mu.Lock()
		n := 0
		for _, b := range batches {
			if b.acked {
				n++
			}
		}
		mu.Unlock()
		t.Logf("round %d: killed after %v and %d batches, %d acknowledged so far", round, delay, len(batches), n)
		ackedTotal = n
	}
	p = startProc(t, bin, data, key)
	lost := checkAfterCrash(t, p, batches, seeds)
	unackedPresent, unackedAbsent, deletes := 0, 0, 0
	for _, b := range batches {
		if b.deleted {
			deletes++
		}
		switch {
		case b.acked:
		case b.state == "present":
			unackedPresent++
		default:
			unackedAbsent++
		}
	}
	t.Logf("%d crash rounds in %v, %d batches acknowledged, %d acknowledged sources lost, %d acknowledged deletes; unacknowledged batches: %d stored whole, %d absent",
		rounds, time.Since(start).Round(time.Millisecond), ackedTotal, lost, deletes, unackedPresent, unackedAbsent)
	if ackedTotal == 0 {
		t.Error("no batch was acknowledged: the test proved nothing")
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("server exited with %v after SIGTERM", err)
	}
}

// checkAfterCrash checks every batch against the restarted server and
// returns how many acknowledged sources are missing.
func checkAfterCrash(t *testing.T, p *proc, batches []*crashBatch, seeds int) (lost int) {
	t.Helper()
	present := 0
	var probe *crashBatch
	for _, b := range batches {
		have := 0
		for _, id := range b.ids {
			var src struct {
				Text string `json:"text"`
			}
			code := get(t, p.base+"/v1/sources/"+id, &src)
			switch {
			case code == 404:
				continue
			case code != 200:
				t.Errorf("GET %s = %d", id, code)
				continue
			}
			have++
			if src.Text != b.texts[id] {
				t.Errorf("%s text changed across a crash: %q", id, src.Text)
			}
			var qs struct {
				Quotations []struct {
					Text       string `json:"text"`
					Start, End int
				} `json:"quotations"`
			}
			raw := getRaw(t, p.base+"/v1/sources/"+id+"/quotations")
			if err := json.Unmarshal(raw, &qs); err != nil {
				t.Errorf("quotations of %s: %v", id, err)
			}
			for _, q := range qs.Quotations {
				if q.Start < 0 || q.End > len(src.Text) || q.Start > q.End || src.Text[q.Start:q.End] != q.Text {
					t.Errorf("quotation of %s does not match its text: %+v", id, q)
				}
			}
			if b.acked && len(qs.Quotations) != b.quotations[id] {
				t.Errorf("%s has %d quotations, %d acknowledged", id, len(qs.Quotations), b.quotations[id])
			}
			if b.seen == nil {
				b.seen = map[string]string{}
			}
			if prev, ok := b.seen[id]; ok && prev != string(raw) {
				t.Errorf("quotations of %s changed across restarts", id)
			}
			b.seen[id] = string(raw)
		}
		present += have
		switch {
		case b.deleted && have != 0:
			t.Errorf("acknowledged delete of %v undone by a crash", b.ids)
		case b.deleteTried:
			// either outcome of an unacknowledged delete is fine
		case b.acked && have != len(b.ids):
			lost += len(b.ids) - have
			t.Errorf("acknowledged batch %v: %d of %d sources after a crash", b.ids, have, len(b.ids))
		case have != 0 && have != len(b.ids):
			t.Errorf("batch %v is half there: %d of %d sources", b.ids, have, len(b.ids))
		case b.state == "present" && have != len(b.ids) && !b.deleteTried:
			t.Errorf("batch %v was on disk after an earlier restart and is now gone", b.ids)
		case b.state == "absent" && have != 0:
			t.Errorf("batch %v was absent after an earlier restart and is now back", b.ids)
		}
		if have == len(b.ids) {
			b.state = "present"
			if b.acked && probe == nil {
				probe = b
			}
		} else if have == 0 {
			b.state = "absent"
		}
	}
	var list struct {
		Total int `json:"total"`
	}
	get(t, p.base+"/v1/sources", &list)
	if list.Total != present+seeds {
		t.Errorf("listed %d sources, want %d (%d seeds + %d ingested)", list.Total, present+seeds, seeds, present)
	}
	// Verify still answers, over the seeds and over what survived: the
	// words are found (whatever extraction makes of their speaker).
	type probeQuote struct{ body, wantID string }
	quotes := []probeQuote{{body: `{"quote":"the most extensive agenda"}`}}
	if probe != nil {
		text := probe.texts[probe.ids[0]]
		q := text[strings.Index(text, "“")+len("“") : strings.Index(text, "”")]
		quotes = append(quotes, probeQuote{fmt.Sprintf(`{"quote":%q}`, strings.TrimRight(q, ",")), probe.ids[0]})
	}
	for _, q := range quotes {
		res, err := http.Post(p.base+"/v1/verify", "application/json", strings.NewReader(q.body))
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Verdict      string `json:"verdict"`
			Attestations []struct {
				Source struct {
					ID string `json:"id"`
				} `json:"source"`
			} `json:"attestations"`
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		found := q.wantID == ""
		if res.StatusCode == 200 && json.Unmarshal(b, &v) == nil {
			for _, a := range v.Attestations {
				found = found || a.Source.ID == q.wantID
			}
		}
		if res.StatusCode != 200 || len(v.Attestations) == 0 || !found {
			t.Errorf("verify %s after a crash: %d %.300s", q.body, res.StatusCode, b)
		}
	}
	return lost
}

func getRaw(t *testing.T, url string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return b
}

// TestServerHygiene runs the real binary with short timeouts: a client that
// sends half a header, half a body or nothing after a request is cut off;
// SIGTERM lets a write in flight finish and closes the index cleanly; and
// the structured log never holds the API key or a request body.
func TestServerHygiene(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	const key = "hygiene-Key-7f3a9c"
	const marker = "QuokkaMarker"
	p := startProc(t, bin, data, key, "--read-header-timeout", "300ms", "--read-timeout", "2s", "--write-timeout", "5s", "--idle-timeout", "1s")

	dial := func() net.Conn {
		c, err := net.Dial("tcp", p.addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		c.SetDeadline(time.Now().Add(10 * time.Second))
		return c
	}
	// closedWithin reads until the server closes the connection.
	closedWithin := func(c net.Conn, what string, min, max time.Duration) {
		t.Helper()
		start := time.Now()
		_, err := io.Copy(io.Discard, c)
		d := time.Since(start)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Errorf("%s: connection still open after %v", what, d)
			return
		}
		if d < min || d > max {
			t.Errorf("%s: closed after %v, want between %v and %v", what, d, min, max)
		}
	}

	// Half a header: closed after the read-header timeout.
	c := dial()
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: verbatim.test\r\nX-Slow: ")
	closedWithin(c, "half a header", 200*time.Millisecond, 3*time.Second)

	// A header trickled a byte at a time does not reset the clock.
	c = dial()
	go func(c net.Conn) {
		for _, b := range []byte("GET /healthz HTTP/1.1\r\nHost: verbatim.test\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa") {
			if _, err := c.Write([]byte{b}); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}(c)
	closedWithin(c, "trickled header", 200*time.Millisecond, 3*time.Second)

	// Half a body: the read timeout ends it.
	c = dial()
	io.WriteString(c, "POST /v1/verify HTTP/1.1\r\nHost: verbatim.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"quote\":")
	start := time.Now()
	if res, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
		res.Body.Close()
		if res.StatusCode < 400 || res.StatusCode >= 500 {
			t.Errorf("half a body answered %d", res.StatusCode)
		}
	}
	closedWithin(c, "half a body", 0, 5*time.Second)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("half a body held the connection %v", d)
	}

	// An idle kept-alive connection is closed after the idle timeout.
	c = dial()
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: verbatim.test\r\n\r\n")
	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz on a raw connection: %v", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	start = time.Now()
	_, err = br.ReadByte()
	if d := time.Since(start); err == nil || d > 4*time.Second || d < 500*time.Millisecond {
		t.Errorf("idle connection: %v after %v, want closed after about 1s", err, d)
	}

	// Some ordinary traffic that carries the key and bodies.
	post := func(path, ct, body, auth string) int {
		req, _ := http.NewRequest("POST", p.base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if code := post("/v1/sources", "application/json", `{"id":"hy-1","text":"“`+marker+` one is here,” Doe said."}`, "Bearer "+key); code != 201 {
		t.Errorf("ingest = %d", code)
	}
	post("/v1/sources", "application/json", `{"id":"hy-2","text":"`+marker+` two`, "Bearer "+key)
	post("/v1/sources", "application/json", `{"id":"hy-3","text":"x"}`, "Bearer "+key+marker)
	post("/v1/sources", "application/json", `{"id":"hy-4","text":"x"}`, key)
	post("/v1/verify", "application/json", `{"quote":"`+marker+` three","speaker":"`+marker+`"}`, "")
	post("/v1/verify", "application/json", `{"quote":"`+marker+` four`, "")
	post("/v1/verify/batch", "application/x-ndjson", `{"quote":"`+marker+` five"}`+"\nnot json "+marker, "")
	getRaw(t, p.base+"/v1/quotations?q="+marker+"&speaker="+marker)

	// SIGTERM while a write is in flight: the write finishes, then the
	// server stops cleanly.
	text := "“" + marker + " in flight,” the spokesman said. " + strings.Repeat("More words follow here. ", 50)
	body, _ := json.Marshal(map[string]string{"id": "hy-inflight", "text": text})
	c = dial()
	fmt.Fprintf(c, "POST /v1/sources HTTP/1.1\r\nHost: verbatim.test\r\nContent-Type: application/json\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n", key, len(body))
	half := len(body) / 2
	c.Write(body[:half])
	time.Sleep(300 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := net.DialTimeout("tcp", p.addr, time.Second); err == nil {
		t.Error("new connections still accepted after SIGTERM")
	}
	c.Write(body[half:])
	res, err = http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("write in flight at SIGTERM got no answer: %v", err)
	}
	rb, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Errorf("write in flight at SIGTERM = %d, want 201: %s", res.StatusCode, rb)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop after SIGTERM")
	}

	// The log is structured, one JSON object a line, with a request id on
	// every request line, and holds neither the key nor any body.
	raw := p.rawLogs(t)
	for _, secret := range []string{key, marker} {
		if strings.Contains(raw, secret) {
			t.Errorf("the log contains %q:\n%s", secret, raw)
		}
	}
	var msgs []string
	for _, l := range strings.Split(strings.TrimSpace(raw), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("log line is not JSON: %q", l)
			continue
		}
		msgs = append(msgs, fmt.Sprint(m["msg"]))
		if m["msg"] == "request" && m["request_id"] == "" {
			t.Errorf("request logged without an id: %q", l)
		}
	}
	joined := strings.Join(msgs, ",")
	if !strings.Contains(joined, "shutting down") || !strings.HasSuffix(joined, "stopped") {
		t.Errorf("no clean shutdown in the log: %v", msgs)
	}

	// The index was closed cleanly: it reopens with the write in flight.
	p = startProc(t, bin, data, key)
	var src struct {
		Text string `json:"text"`
	}
	if code := get(t, p.base+"/v1/sources/hy-inflight", &src); code != 200 || src.Text != text {
		t.Errorf("write in flight at SIGTERM after restart: %d %q", code, src.Text)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()
}
