package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/mlcourse/course/internal/server"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr, nil)
}

// serve runs `course serve` until ctx ends. ready, when set, receives the
// preview's URL once it listens.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(url string)) int {
	fs := newFlagSet("serve", "serve [--source DIR] [--base-url URL] [--drafts] [--port N] [--bind ADDR] [--open] [--poll DURATION]")
	source := fs.String("source", ".", "project root (holds course.toml and content/)")
	baseURL := fs.String("base-url", "", "serve under this path (a path or full URL, as for build); default: at /")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	port := fs.Int("port", 1313, "port to listen on; 0 picks a free one")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; anything but loopback lets other machines see the preview")
	open := fs.Bool("open", false, "open the preview in the browser")
	poll := fs.Duration("poll", 0, "poll for changes at this interval (e.g. 300ms) instead of relying on file-system events")
	if code, ok := parseNoArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "course serve: --port %d is not a port (0-65535)\n", *port)
		return exitUsage
	}
	if *poll < 0 {
		fmt.Fprintf(stderr, "course serve: --poll must be positive\n")
		return exitUsage
	}
	if err := isProject(*source); err != nil {
		fmt.Fprintf(stderr, "course serve: %v\n", err)
		return exitUsage
	}
	if !isLoopback(*bind) {
		fmt.Fprintf(stderr, "course serve: warning: --bind %s makes the preview reachable from other machines, with your drafts and errors; use 127.0.0.1 unless you mean it\n", *bind)
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "course serve: %v (try --port 0 for any free port)\n", err)
		return exitUsage
	}
	defer ln.Close()

	p, err := server.NewPreview(server.PreviewOptions{
		Source: *source, BaseURL: *baseURL, Drafts: *drafts, Poll: *poll,
		Generator: "course " + versionString(), Log: stdout,
	})
	if err != nil {
		fmt.Fprintf(stderr, "course serve: %v\n", err)
		return exitUsage
	}
	url := "http://" + urlHost(ln.Addr()) + p.Server().BasePath()
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", *source, url)

	hs := &http.Server{Handler: p.Server(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	rebuilt := make(chan struct{})
	go func() {
		p.Run(ctx)
		close(rebuilt)
	}()
	if ready != nil {
		ready(url)
	}
	if *open {
		openBrowser(url, stderr)
	}

	code := exitOK
	select {
	case <-ctx.Done():
	case err := <-served:
		fmt.Fprintf(stderr, "course serve: %v\n", err)
		code = exitContent
	}
	// Event streams first: Shutdown waits for open requests, and a stream
	// stays open until the server ends it.
	if err := p.Close(); err != nil {
		fmt.Fprintf(stderr, "course serve: warning: %v\n", err)
	}
	<-rebuilt
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "course serve: %v\n", err)
	}
	fmt.Fprintln(stdout, "stopped")
	return code
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// urlHost is the host:port to print for a listener: an unspecified address
// (0.0.0.0, ::) is shown as 127.0.0.1, which reaches it from this machine.
func urlHost(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// openBrowser opens url with the platform's opener, without waiting.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("cmd", "/c", "start", "", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "course serve: cannot open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait() // reap it
}
