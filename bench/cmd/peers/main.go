// Command peers loads the benchmark corpus into PostgreSQL (full-text
// tsvector + GIN, and pg_trgm GIN) and SQLite FTS5, and runs the claims
// workload against them as phrase queries and as fuzzy queries, timing each
// query, so Verbatim's figures have something to be compared with.
//
//	peers pg     --port 55432 --corpus DIR --claims FILE --json FILE
//	peers sqlite --db FILE    --corpus DIR --claims FILE --json FILE
//
// PostgreSQL is reached on loopback only. Fuzzy queries (pg_trgm
// word_similarity, FTS5 OR-of-words ranked by bm25) can be slow on whole
// articles, so they run on a bounded, kind-balanced sample of the claims
// (--fuzzy-limit) with a per-query timeout.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "modernc.org/sqlite"

	"github.com/verbatim/verbatim/bench/internal/jsonl"
	"github.com/verbatim/verbatim/bench/internal/stats"
	"github.com/verbatim/verbatim/bench/internal/textutil"
)

type common struct {
	corpus, claims, jsonOut string
	load                    bool
	clients                 []int
	requests, fuzzyLimit    int
	duration, fuzzyDuration time.Duration
	timeout                 time.Duration
	modes                   string
	cpu                     stats.CPU
}

func main() {
	if len(os.Args) < 2 {
		fatal("usage: peers pg|sqlite [flags]")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	var c common
	fs.StringVar(&c.corpus, "corpus", "", "corpus .jsonl file or folder (to load)")
	fs.StringVar(&c.claims, "claims", "", "claims .jsonl")
	fs.StringVar(&c.jsonOut, "json", "", "write the reports here (JSON)")
	fs.BoolVar(&c.load, "load", true, "(re)load the corpus and build the indexes first")
	clients := fs.String("clients", "1,4", "concurrency levels")
	fs.IntVar(&c.requests, "requests", 0, "queries per level for phrase modes (0: one pass over the claims)")
	fs.IntVar(&c.fuzzyLimit, "fuzzy-limit", 200, "claims (kind-balanced) for fuzzy modes")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "longest time per level")
	fs.DurationVar(&c.fuzzyDuration, "fuzzy-duration", 120*time.Second, "longest time per level in fuzzy modes")
	fs.DurationVar(&c.timeout, "timeout", 10*time.Second, "timeout of one query")
	fs.StringVar(&c.modes, "modes", "", "modes to run (default: all of the engine's)")
	host := fs.String("host", "127.0.0.1", "PostgreSQL host (loopback only)")
	port := fs.Int("port", 55432, "PostgreSQL port")
	user := fs.String("user", "postgres", "PostgreSQL user")
	dbname := fs.String("dbname", "postgres", "PostgreSQL database")
	dbFile := fs.String("db", "", "SQLite database file")
	pgPID := fs.Int("pg-pid", 0, "the postmaster's process id, to report the CPU time of its backends per query")
	fs.Parse(os.Args[2:])
	var err error
	if c.clients, err = stats.ParseLevels(*clients); err != nil {
		fatal("%v", err)
	}
	if c.claims == "" {
		fatal("--claims is required")
	}
	claims, err := jsonl.ReadClaims(c.claims)
	if err != nil {
		fatal("%v", err)
	}
	var out []*stats.Report
	switch os.Args[1] {
	case "pg":
		if err := stats.CheckLoopbackHost(*host); err != nil {
			fatal("%v", err)
		}
		if *pgPID > 0 {
			c.cpu = stats.ProcCPU([]int{*pgPID}, true)
		}
		out, err = runPG(c, claims, fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", *host, *port, *user, *dbname))
	case "sqlite":
		if *dbFile == "" {
			fatal("--db is required")
		}
		c.cpu = stats.ProcCPU([]int{os.Getpid()}, false)
		out, err = runSQLite(c, claims, *dbFile)
	default:
		fatal("unknown engine %q (pg or sqlite)", os.Args[1])
	}
	if err != nil {
		fatal("%s: %v", os.Args[1], err)
	}
	for _, r := range out {
		stats.PrintTable(os.Stdout, r)
	}
	if c.jsonOut != "" {
		b, _ := json.MarshalIndent(out, "", "  ")
		if err := os.WriteFile(c.jsonOut, append(b, '\n'), 0o644); err != nil {
			fatal("%v", err)
		}
	}
}

func fatal(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "peers: "+format+"\n", a...)
	os.Exit(1)
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "peers: "+format+"\n", a...)
}

func wantMode(c common, m string) bool {
	if c.modes == "" {
		return true
	}
	for _, x := range strings.Split(c.modes, ",") {
		if strings.TrimSpace(x) == m {
			return true
		}
	}
	return false
}

// balanced takes up to n claims, round-robin over the kinds.
func balanced(claims []jsonl.Claim, n int) []jsonl.Claim {
	by := map[string][]jsonl.Claim{}
	for _, c := range claims {
		by[c.Kind] = append(by[c.Kind], c)
	}
	var out []jsonl.Claim
	for i := 0; len(out) < n; i++ {
		more := false
		for _, k := range jsonl.Kinds {
			if i < len(by[k]) && len(out) < n {
				out = append(out, by[k][i])
				more = true
			}
		}
		if !more {
			break
		}
	}
	return out
}

// ---- PostgreSQL ----

func runPG(c common, claims []jsonl.Claim, dsn string) ([]*stats.Report, error) {
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = int32(max(8, maxOf(c.clients)))
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = fmt.Sprint(c.timeout.Milliseconds())
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	if err := pool.Ping(ctx); err != nil {
		return nil, err
	}
	extra := map[string]any{}
	if c.load {
		if err := pgLoad(ctx, pool, c.corpus, extra); err != nil {
			return nil, err
		}
	}
	if err := pgSizes(ctx, pool, extra); err != nil {
		return nil, err
	}
	var reps []*stats.Report
	if wantMode(c, "pg-phrase") {
		q := func(ctx context.Context, w, i int, need bool) (*stats.Outcome, error) {
			return pgIDs(ctx, pool, `SELECT id FROM docs, phraseto_tsquery('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10`, claims[i].Quote)
		}
		r := stats.DriveCPU("pg-phrase", claims, q, c.clients, c.requests, c.duration, os.Stderr, c.cpu)
		r.Extra = extra
		r.Notes = append(r.Notes, "SELECT id FROM docs, phraseto_tsquery('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10; tsv is a stored to_tsvector('simple', body) with a GIN index")
		reps = append(reps, r)
	}
	if wantMode(c, "pg-trgm") {
		sample := balanced(claims, c.fuzzyLimit)
		q := func(ctx context.Context, w, i int, need bool) (*stats.Outcome, error) {
			return pgIDs(ctx, pool, `SELECT id FROM docs WHERE $1 <% body ORDER BY $1 <<-> body LIMIT 10`, sample[i].Quote)
		}
		r := stats.DriveCPU("pg-trgm", sample, q, c.clients, len(sample), c.fuzzyDuration, os.Stderr, c.cpu)
		r.Extra = extra
		r.Notes = append(r.Notes, fmt.Sprintf("SELECT id FROM docs WHERE $1 <%% body ORDER BY $1 <<-> body LIMIT 10 (pg_trgm word_similarity, threshold 0.6, GIN gin_trgm_ops on body); %d kind-balanced claims, statement_timeout %s", len(sample), c.timeout))
		reps = append(reps, r)
	}
	return reps, nil
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func pgIDs(ctx context.Context, pool *pgxpool.Pool, sql, quote string) (*stats.Outcome, error) {
	rows, err := pool.Query(ctx, sql, quote)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	return &stats.Outcome{IDs: ids}, nil
}

func pgLoad(ctx context.Context, pool *pgxpool.Pool, corpus string, extra map[string]any) error {
	if corpus == "" {
		return fmt.Errorf("--corpus is required to load")
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// Loading and index builds are not bound by the query timeout.
	steps := []string{
		`SET statement_timeout = 0`,
		`DROP TABLE IF EXISTS docs`,
		`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
		`CREATE TABLE docs (id text PRIMARY KEY, title text, body text NOT NULL)`,
	}
	for _, s := range steps {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	defer conn.Exec(ctx, `RESET statement_timeout`)
	t0 := time.Now()
	var rows [][]any
	var textBytes int64
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		_, err := conn.CopyFrom(ctx, pgx.Identifier{"docs"}, []string{"id", "title", "body"}, pgx.CopyFromRows(rows))
		rows = rows[:0]
		return err
	}
	n := 0
	err = jsonl.Each([]string{corpus}, func(s *jsonl.Source) error {
		rows = append(rows, []any{s.ID, s.Title, s.Text})
		textBytes += int64(len(s.Text))
		n++
		if len(rows) >= 2000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	timings := map[string]float64{"copy": time.Since(t0).Seconds()}
	logf("pg: copied %d sources (%.1f MB of text) in %.1fs", n, float64(textBytes)/1e6, timings["copy"])
	for _, s := range []struct{ name, sql string }{
		{"tsvector_column", `ALTER TABLE docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED`},
		{"tsvector_gin", `CREATE INDEX docs_tsv ON docs USING gin (tsv)`},
		{"trgm_gin", `CREATE INDEX docs_trgm ON docs USING gin (body gin_trgm_ops)`},
		{"analyze", `VACUUM ANALYZE docs`},
	} {
		t := time.Now()
		if _, err := conn.Exec(ctx, s.sql); err != nil {
			return fmt.Errorf("%s: %w", s.sql, err)
		}
		timings[s.name] = time.Since(t).Seconds()
		logf("pg: %s in %.1fs", s.name, timings[s.name])
	}
	total := 0.0
	for _, v := range timings {
		total += v
	}
	timings["total"] = total
	extra["load_seconds"] = timings
	extra["sources"] = n
	extra["text_bytes"] = textBytes
	return nil
}

func pgSizes(ctx context.Context, pool *pgxpool.Pool, extra map[string]any) error {
	var table, tsv, trgm, total int64
	err := pool.QueryRow(ctx, `SELECT pg_table_size('docs'), pg_relation_size('docs_tsv'), pg_relation_size('docs_trgm'), pg_total_relation_size('docs')`).Scan(&table, &tsv, &trgm, &total)
	if err != nil {
		return err
	}
	extra["bytes"] = map[string]int64{"table_with_toast_and_tsv": table, "tsv_gin": tsv, "trgm_gin": trgm, "total": total}
	return nil
}

// ---- SQLite FTS5 ----

func runSQLite(c common, claims []jsonl.Claim, file string) ([]*stats.Report, error) {
	extra := map[string]any{}
	if c.load {
		os.Remove(file)
		os.Remove(file + "-wal")
		os.Remove(file + "-shm")
	}
	// One connection per client: database/sql hands them out.
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(maxOf(c.clients) + 1)
	db.SetMaxIdleConns(maxOf(c.clients) + 1)
	ctx := context.Background()
	if c.load {
		if err := sqliteLoad(ctx, db, c.corpus, extra); err != nil {
			return nil, err
		}
	}
	// Fold the write-ahead log into the file before measuring it.
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return nil, err
	}
	var size int64
	for _, f := range []string{file, file + "-wal"} {
		if st, err := os.Stat(f); err == nil {
			size += st.Size()
		}
	}
	extra["bytes"] = map[string]int64{"total": size}
	var reps []*stats.Report
	query := func(ctx context.Context, match string) (*stats.Outcome, error) {
		if match == "" {
			return &stats.Outcome{}, nil
		}
		ctx, cancel := context.WithTimeout(ctx, c.timeout)
		defer cancel()
		rows, err := db.QueryContext(ctx, `SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10`, match)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var o stats.Outcome
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			o.IDs = append(o.IDs, id)
		}
		return &o, rows.Err()
	}
	if wantMode(c, "sqlite-fts5-phrase") {
		q := func(ctx context.Context, w, i int, need bool) (*stats.Outcome, error) {
			return query(ctx, ftsPhrase(claims[i].Quote))
		}
		r := stats.DriveCPU("sqlite-fts5-phrase", claims, q, c.clients, c.requests, c.duration, os.Stderr, c.cpu)
		r.Extra = extra
		r.Notes = append(r.Notes, `SELECT id FROM docs WHERE docs MATCH '"w1 w2 …"' ORDER BY rank LIMIT 10 (fts5, unicode61 remove_diacritics 2)`)
		reps = append(reps, r)
	}
	if wantMode(c, "sqlite-fts5-or") {
		sample := balanced(claims, c.fuzzyLimit)
		q := func(ctx context.Context, w, i int, need bool) (*stats.Outcome, error) {
			return query(ctx, ftsOr(sample[i].Quote))
		}
		r := stats.DriveCPU("sqlite-fts5-or", sample, q, c.clients, len(sample), c.fuzzyDuration, os.Stderr, c.cpu)
		r.Extra = extra
		r.Notes = append(r.Notes, fmt.Sprintf(`MATCH '"w1" OR "w2" OR …' ORDER BY rank (bm25) LIMIT 10: a fuzzy peer; %d kind-balanced claims`, len(sample)))
		reps = append(reps, r)
	}
	return reps, nil
}

func sqliteLoad(ctx context.Context, db *sql.DB, corpus string, extra map[string]any) error {
	if corpus == "" {
		return fmt.Errorf("--corpus is required to load")
	}
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		return err
	}
	t0 := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO docs (id, title, body) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	n := 0
	var textBytes int64
	err = jsonl.Each([]string{corpus}, func(s *jsonl.Source) error {
		n++
		textBytes += int64(len(s.Text))
		_, err := st.ExecContext(ctx, s.ID, s.Title, s.Text)
		return err
	})
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	ins := time.Since(t0).Seconds()
	t1 := time.Now()
	if _, err := db.ExecContext(ctx, `INSERT INTO docs(docs) VALUES ('optimize')`); err != nil {
		return err
	}
	opt := time.Since(t1).Seconds()
	logf("sqlite: inserted %d sources in %.1fs, optimize %.1fs", n, ins, opt)
	extra["load_seconds"] = map[string]float64{"insert": ins, "optimize": opt, "total": ins + opt}
	extra["sources"] = n
	extra["text_bytes"] = textBytes
	return nil
}

// ftsPhrase is the claim as one FTS5 phrase of its tokens (tokens are runs
// of letters and digits, as unicode61 splits them).
func ftsPhrase(q string) string {
	t := textutil.Tokens(q)
	if len(t) == 0 {
		return ""
	}
	return `"` + strings.Join(t, " ") + `"`
}

// ftsOr is any of the claim's distinct tokens, ranked by bm25.
func ftsOr(q string) string {
	seen := map[string]bool{}
	var parts []string
	for _, t := range textutil.Tokens(q) {
		if !seen[t] {
			seen[t] = true
			parts = append(parts, `"`+t+`"`)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, " OR ")
}
