// Package api is Verbatim's HTTP surface: a gin router, thin handlers that
// decode a request, call the archive and write JSON, the middleware every
// request passes (request id, logging, panic recovery, body limit, auth), and
// the one mapping from domain errors to HTTP statuses.
//
//	@title						Verbatim API
//	@version					1.0
//	@description				Quote-attribution verification: did this person really say these words, and where is it written? Verbatim indexes sources, finds every quotation and its speaker, and verifies a submitted quote against them with byte offsets and a word-level diff. Writes need `Authorization: Bearer <key>` (the server's VERBATIM_API_KEY); reads are open. Every error answers `{"error": {"code", "message"}}`.
//	@BasePath					/
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				"Bearer " followed by the server's VERBATIM_API_KEY.
package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	swaggerFiles "github.com/swaggo/files"
	ginSwagger "github.com/swaggo/gin-swagger"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/docs"
)

// Config holds the server's documented limits.
type Config struct {
	// APIKey enables writes; empty disables them (403).
	APIKey string
	// MaxBodyBytes bounds every request body.
	MaxBodyBytes int64
	// MaxBatchLines bounds the lines of POST /v1/verify/batch.
	MaxBatchLines int
}

// Defaults of the configuration, documented in the README.
const (
	DefaultMaxBodyBytes  = 10 << 20
	DefaultMaxBatchLines = 1000
	DefaultPageSize      = 20
	MaxPageSize          = 100
)

// Server serves the API. Until SetArchive is called (the index is open and
// loaded) /readyz and every /v1 route answer 503.
type Server struct {
	cfg     Config
	archive atomic.Pointer[archive.Archive]
	keyHash [32]byte
	// Panics counts recovered panics, so tests can assert none happen.
	Panics atomic.Int64
}

// New builds a server; call Handler for its routes.
func New(cfg Config) *Server {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxBatchLines <= 0 {
		cfg.MaxBatchLines = DefaultMaxBatchLines
	}
	s := &Server{cfg: cfg}
	s.keyHash = sha256.Sum256([]byte(cfg.APIKey))
	return s
}

// SetArchive makes the server ready.
func (s *Server) SetArchive(a *archive.Archive) { s.archive.Store(a) }

func init() { gin.SetMode(gin.ReleaseMode) }

// Handler returns the router with every route of the SPEC.
func (s *Server) Handler() http.Handler {
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	r.Use(s.requestID, s.logRequests, s.recoverPanics)
	r.NoRoute(func(c *gin.Context) {
		writeError(c, verbatim.Errorf(verbatim.ENotFound, "no route %s %s", c.Request.Method, c.Request.URL.Path))
	})
	r.NoMethod(func(c *gin.Context) {
		writeError(c, &methodError{method: c.Request.Method})
	})

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/swagger/*any", swaggerUI())

	v1 := r.Group("/v1", s.limitBody, s.ready)
	v1.POST("/sources", s.requireKey, s.postSources)
	v1.GET("/sources", s.listSources)
	v1.GET("/sources/:id", s.getSource)
	v1.DELETE("/sources/:id", s.requireKey, s.deleteSource)
	v1.GET("/sources/:id/quotations", s.sourceQuotations)
	v1.GET("/speakers", s.listSpeakers)
	v1.GET("/quotations", s.searchQuotations)
	v1.POST("/verify", s.verify)
	v1.POST("/verify/batch", s.verifyBatch)
	return r
}

// swaggerUI serves the Swagger UI and the generated document. swag renders
// an unset host as "host": "", which Swagger 2.0 forbids and client
// generators reject, so doc.json is served without it: clients then use the
// host they loaded the document from.
func swaggerUI() gin.HandlerFunc {
	ui := ginSwagger.WrapHandler(swaggerFiles.Handler)
	doc := []byte(docs.SwaggerInfo.ReadDoc())
	var m map[string]any
	if json.Unmarshal(doc, &m) == nil {
		if h, ok := m["host"].(string); ok && h == "" {
			delete(m, "host")
		}
		if b, err := json.Marshal(m); err == nil {
			doc = b
		}
	}
	return func(c *gin.Context) {
		if c.Param("any") == "/doc.json" {
			c.Data(http.StatusOK, "application/json; charset=utf-8", doc)
			return
		}
		ui(c)
	}
}

const requestIDKey = "request_id"

func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-Id")
	if id == "" || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-Id", id)
	c.Next()
}

func requestID(c *gin.Context) string { return c.GetString(requestIDKey) }

// logRequests logs one line a request: never its body, its query's values
// beyond the path, nor its headers (the API key is one).
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	slog.Info("request", "request_id", requestID(c), "method", c.Request.Method, "route", c.FullPath(),
		"status", c.Writer.Status(), "bytes", c.Writer.Size(), "ms", float64(time.Since(start).Microseconds())/1000)
}

// recoverPanics turns a panic into a 500 in the error shape, logged with the
// request id and counted.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			s.Panics.Add(1)
			slog.Error("panic", "request_id", requestID(c), "route", c.FullPath(), "panic", fmt.Sprint(p))
			if !c.Writer.Written() {
				c.AbortWithStatusJSON(http.StatusInternalServerError, ErrorBody{Error: ErrorDetail{Code: verbatim.EInternal, Message: "internal error"}})
			} else {
				c.Abort()
			}
		}
	}()
	c.Next()
}

// limitBody refuses a body over the limit: at once when Content-Length says
// so, and otherwise as soon as the reader passes the limit.
func (s *Server) limitBody(c *gin.Context) {
	if c.Request.ContentLength > s.cfg.MaxBodyBytes {
		writeError(c, verbatim.Errorf(verbatim.ETooLarge, "body is %d bytes; the limit is %d", c.Request.ContentLength, s.cfg.MaxBodyBytes))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxBodyBytes)
	c.Next()
}

func (s *Server) ready(c *gin.Context) {
	if s.archive.Load() == nil {
		writeError(c, verbatim.Errorf(verbatim.EUnavailable, "the index is still loading; retry shortly"))
		return
	}
	c.Next()
}

// requireKey guards writes: 403 when no key is configured, 401 when the
// request's key is missing or wrong. Keys are compared as SHA-256 digests in
// constant time, so neither their content nor their length leaks by timing.
func (s *Server) requireKey(c *gin.Context) {
	if s.cfg.APIKey == "" {
		writeError(c, verbatim.Errorf(verbatim.EForbidden, "writes are disabled on this server: start it with VERBATIM_API_KEY set (or --api-key) and send Authorization: Bearer <key>"))
		return
	}
	h := c.GetHeader("Authorization")
	scheme, key, ok := strings.Cut(h, " ")
	if h == "" {
		writeError(c, verbatim.Errorf(verbatim.EUnauthorized, "missing Authorization header: send Authorization: Bearer <key>"))
		return
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		writeError(c, verbatim.Errorf(verbatim.EUnauthorized, "Authorization must use the Bearer scheme"))
		return
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(key)))
	if subtle.ConstantTimeCompare(sum[:], s.keyHash[:]) != 1 {
		writeError(c, verbatim.Errorf(verbatim.EUnauthorized, "wrong API key"))
		return
	}
	c.Next()
}

// Status is the body of /healthz and /readyz.
type Status struct {
	Status  string `json:"status" example:"ok"`
	Sources int    `json:"sources,omitempty" example:"2"`
}

// healthz godoc
//
//	@Summary	Liveness: 200 as soon as the process serves
//	@Tags		health
//	@Produce	json
//	@Success	200	{object}	Status
//	@Router		/healthz [get]
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, Status{Status: "ok"})
}

// readyz godoc
//
//	@Summary	Readiness: 200 once the index is open and loaded
//	@Tags		health
//	@Produce	json
//	@Success	200	{object}	Status
//	@Failure	503	{object}	ErrorBody
//	@Router		/readyz [get]
func (s *Server) readyz(c *gin.Context) {
	a := s.archive.Load()
	if a == nil {
		writeError(c, verbatim.Errorf(verbatim.EUnavailable, "the index is still loading"))
		return
	}
	c.JSON(http.StatusOK, Status{Status: "ready", Sources: a.Count()})
}
