package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	verbatim "github.com/verbatim/verbatim"
)

// statusOf is the one table from domain error codes to HTTP statuses.
var statusOf = map[string]int{
	verbatim.EInvalid:      http.StatusBadRequest,
	verbatim.ENotFound:     http.StatusNotFound,
	verbatim.EConflict:     http.StatusConflict,
	verbatim.ETooLarge:     http.StatusRequestEntityTooLarge,
	verbatim.EUnauthorized: http.StatusUnauthorized,
	verbatim.EForbidden:    http.StatusForbidden,
	verbatim.EUnsupported:  http.StatusUnsupportedMediaType,
	verbatim.EUnavailable:  http.StatusServiceUnavailable,
	verbatim.EInternal:     http.StatusInternalServerError,
	codeMethod:             http.StatusMethodNotAllowed,
}

// codeMethod is an HTTP-only error: the route exists, the method does not.
const codeMethod = "method_not_allowed"

// ErrorBody is the SPEC's error shape.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong: a stable code and a message for people.
type ErrorDetail struct {
	Code    string `json:"code" example:"invalid"`
	Message string `json:"message" example:"quote is empty"`
	// Line is the NDJSON line an error in a batch belongs to.
	Line int `json:"line,omitempty"`
}

// errorDetail maps err to its status and body, logging internal errors with
// the request id; the client sees only "internal error" for those.
func errorDetail(c *gin.Context, err error) (int, ErrorDetail) {
	code, msg := verbatim.ErrorCode(err), verbatim.ErrorMessage(err)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		// The client went away or the server is stopping: not a bug, and
		// nobody reads the answer.
		return http.StatusServiceUnavailable, ErrorDetail{Code: verbatim.EUnavailable, Message: "request cancelled"}
	}
	var me *methodError
	if errors.As(err, &me) {
		code, msg = codeMethod, me.Error()
	}
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 && code != verbatim.EUnavailable {
		slog.Error("internal error", "request_id", requestID(c), "path", c.FullPath(), "err", err)
	}
	return status, ErrorDetail{Code: code, Message: msg}
}

// writeError is how every handler and middleware reports an error.
func writeError(c *gin.Context, err error) {
	status, d := errorDetail(c, err)
	c.AbortWithStatusJSON(status, ErrorBody{Error: d})
}

type methodError struct{ method string }

func (e *methodError) Error() string { return "method " + e.method + " is not allowed here" }
