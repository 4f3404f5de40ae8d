package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// ---- the measuring client ----
//
// The load runs share the machine's cores with the server, so whatever the
// client spends per response is taken from the server. net/http's client
// parses and allocates every response header: about 2 µs more for a Bearer
// answer (eight headers) than for an anonymous one (four), which showed up
// as a server cost in b/a. wireConn does what wrk does instead: it writes a
// request built once and reads only the status, Content-Length (or chunked
// framing) and the body. The server does all of its work either way.

// rawRequest is one scenario's whole HTTP/1.1 request, built once.
func rawRequest(host string, s scenario) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", host, len(s.body))
	if s.header != "" {
		fmt.Fprintf(&b, "%s: %s\r\n", s.header, s.value)
	}
	b.WriteString("\r\n")
	b.WriteString(s.body)
	return b.Bytes()
}

// wireConn is one keep-alive connection of one load worker.
type wireConn struct {
	c  net.Conn
	br *bufio.Reader
}

func dialWire(addr string, deadline time.Time) (*wireConn, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	// One deadline for the whole run instead of one per request: a request
	// still in flight when it passes is cut off like any other at the end.
	if err := c.SetDeadline(deadline); err != nil {
		c.Close()
		return nil, err
	}
	return &wireConn{c: c, br: bufio.NewReaderSize(c, 16<<10)}, nil
}

// do sends req and reads the whole response into body (reset first). It
// returns the status code, or 0 and the error if no whole response came;
// with errConnClosed the response is whole but the connection is done.
func (w *wireConn) do(req []byte, body *bytes.Buffer) (int, error) {
	if _, err := w.c.Write(req); err != nil {
		return 0, err
	}
	line, err := w.br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	// "HTTP/1.1 200 OK"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	code, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	length, chunked, closing := -1, false, false
	for {
		line, err := w.br.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		if len(line) <= 2 { // the blank line ending the header
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return 0, fmt.Errorf("bad header line %q", line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case len(name) == 14 && strings.EqualFold(string(name), "Content-Length"):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, fmt.Errorf("bad Content-Length %q", value)
			}
		case len(name) == 17 && strings.EqualFold(string(name), "Transfer-Encoding"):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case len(name) == 10 && strings.EqualFold(string(name), "Connection"):
			closing = bytes.EqualFold(value, []byte("close"))
		}
	}
	body.Reset()
	switch {
	case chunked:
		err = w.readChunked(body)
	case length >= 0:
		_, err = io.CopyN(body, w.br, int64(length))
	default:
		_, err = body.ReadFrom(w.br) // framed by the connection's end
		closing = true
	}
	if err != nil {
		return 0, err
	}
	if closing {
		return code, errConnClosed
	}
	return code, nil
}

// errConnClosed reports a complete response on a connection the server
// closes: the response counts, the connection is dialled again.
var errConnClosed = errors.New("connection closed by the server")

func (w *wireConn) readChunked(body *bytes.Buffer) error {
	for {
		line, err := w.br.ReadSlice('\n')
		if err != nil {
			return err
		}
		size, _, _ := bytes.Cut(bytes.TrimSpace(line), []byte(";"))
		n, err := strconv.ParseInt(string(size), 16, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("bad chunk size %q", line)
		}
		if n == 0 {
			// Trailers, then the blank line.
			for {
				line, err := w.br.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(line) <= 2 {
					return nil
				}
			}
		}
		if _, err := io.CopyN(body, w.br, n); err != nil {
			return err
		}
		if _, err := w.br.Discard(2); err != nil { // the chunk's CRLF
			return err
		}
	}
}
