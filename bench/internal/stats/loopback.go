package stats

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// CheckLoopback refuses any target that is not this machine's loopback:
// 127.0.0.0/8, ::1 or localhost (which must resolve to loopback only).
func CheckLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("bad URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("URL %q: scheme must be http or https", raw)
	}
	return CheckLoopbackHost(u.Hostname())
}

// CheckLoopbackHost is CheckLoopback for a bare host name or address.
func CheckLoopbackHost(host string) error {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return fmt.Errorf("no host given")
	}
	if strings.EqualFold(host, "localhost") {
		addrs, err := net.LookupIP("localhost")
		if err != nil {
			return fmt.Errorf("resolve localhost: %w", err)
		}
		for _, a := range addrs {
			if !a.IsLoopback() {
				return fmt.Errorf("localhost resolves to %s, which is not loopback: refusing", a)
			}
		}
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("target %q is not a loopback address (127.0.0.1, ::1 or localhost): refusing", host)
	}
	return nil
}
