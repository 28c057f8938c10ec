//go:build linux

package exercise

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

//go:embed forkserver.py
var forkServerPy string

// Forks starts checks by forking a Python that has already imported the
// exercise's required modules, instead of starting a new interpreter for
// each: `course test` runs the solution, the starter and every mistake of
// an exercise, and importing torch and torchvision takes about two seconds
// of CPU each time. A check forked this way sees what a fresh `python -c`
// sees (its own folder, arguments, standard streams, process group and
// exit status), except that the modules in requires are already in
// sys.modules. One server runs per interpreter, thread cap and set of
// modules, until Close.
//
// On Linux only: elsewhere Forks does nothing and checks start a new
// interpreter. When a server cannot start (a module fails to import), its
// checks start a new interpreter too, which then reports the failure as it
// always has.
type Forks struct {
	TempDir string // parent of the sockets' folder; "" means os.TempDir()

	mu      sync.Mutex
	dir     string
	servers map[string]*forkServer
	closed  bool
}

type forkServer struct {
	ready  chan struct{}
	err    error
	cmd    *exec.Cmd
	sock   string
	stderr *stream
}

// errNoFork means: start a new interpreter instead.
var errNoFork = ErrNoFork

// Close stops every server. Checks already forked are not affected.
func (f *Forks) Close() error {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for _, s := range f.servers {
		<-s.ready
		if s.cmd != nil && s.cmd.Process != nil {
			syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			s.cmd.Wait()
		}
	}
	f.servers = nil
	if f.dir != "" {
		os.RemoveAll(f.dir)
		f.dir = ""
	}
	return nil
}

// server returns the running server for python, env and requires,
// starting it (and waiting at most setup for its imports) if need be.
func (f *Forks) server(ctx context.Context, python string, env []string, requires, optional []string, setup time.Duration) (*forkServer, error) {
	mods := slices.Clone(requires)
	slices.Sort(mods)
	opt := slices.Clone(optional)
	slices.Sort(opt)
	key := python + "\x00" + strings.Join(env, "\x00") + "\x00" + strings.Join(mods, ",") + "\x00" + strings.Join(opt, ",")
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil, errNoFork
	}
	s, ok := f.servers[key]
	if !ok {
		if f.dir == "" {
			dir, err := os.MkdirTemp(f.TempDir, "course-forks-")
			if err != nil {
				f.mu.Unlock()
				return nil, errNoFork
			}
			f.dir = dir
		}
		if f.servers == nil {
			f.servers = map[string]*forkServer{}
		}
		s = &forkServer{ready: make(chan struct{}), sock: filepath.Join(f.dir, strconv.Itoa(len(f.servers))+".sock")}
		f.servers[key] = s
		go s.start(python, env, mods, opt, setup)
	}
	f.mu.Unlock()
	select {
	case <-s.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if s.err != nil {
		return nil, errNoFork
	}
	return s, nil
}

func (s *forkServer) start(python string, env []string, mods, opt []string, setup time.Duration) {
	defer close(s.ready)
	cmd := exec.Command(python, "-B", "-X", "utf8", "-c", forkServerPy, s.sock, strings.Join(mods, ","), strings.Join(opt, ","))
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	s.stderr = newStream(64 << 10)
	cmd.Stderr = s.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		s.err = err
		return
	}
	if err := cmd.Start(); err != nil {
		s.err = err
		return
	}
	s.cmd = cmd
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		line <- l
		io.Copy(io.Discard, out)
	}()
	select {
	case l := <-line:
		if l == "ready\n" {
			return
		}
		s.err = fmt.Errorf("the fork server did not start: %s", strings.TrimSpace(string(s.stderr.bytes())))
	case <-time.After(setup):
		s.err = fmt.Errorf("the fork server did not start within %s", setup)
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	go cmd.Wait()
}

// forkedCheck is a check forked by a server: a child of one of its handlers.
type forkedCheck struct {
	pid    int
	conn   *net.UnixConn
	reply  *bufio.Reader
	copied sync.WaitGroup
	reads  []*os.File
	ended  atomic.Bool // reaped: its pid may be reused, its group may not
}

// forkExit is how a forked check ended; like *exec.ExitError it has
// ExitCode and Exited.
type forkExit struct {
	status syscall.WaitStatus
	lost   bool // the handler ended without saying
}

func (e *forkExit) Exited() bool { return !e.lost && e.status.Exited() }
func (e *forkExit) ExitCode() int {
	if e.Exited() {
		return e.status.ExitStatus()
	}
	return -1
}
func (e *forkExit) Error() string {
	switch {
	case e.lost:
		return "the fork server lost track of it"
	case e.status.Signaled():
		return "signal: " + e.status.Signal().String()
	}
	return fmt.Sprintf("exit status %d", e.status.ExitStatus())
}

// startCheck forks `python -c code` with args in dir, its stdout and
// stderr copied to the writers given. errNoFork means: start it the usual way.
func (f *Forks) startCheck(ctx context.Context, python string, env []string, requires, optional []string, setup time.Duration,
	dir string, args []string, code string, stdout, stderr io.Writer) (child, error) {
	if f == nil {
		return nil, errNoFork
	}
	s, err := f.server(ctx, python, env, requires, optional, setup)
	if err != nil {
		return nil, err
	}
	stdin, err := os.Open(os.DevNull)
	if err != nil {
		return nil, err
	}
	defer stdin.Close()
	outR, outW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	errR, errW := outR, outW // one pipe for both, in the order written, when both go to one writer
	if stderr != stdout {
		if errR, errW, err = os.Pipe(); err != nil {
			outR.Close()
			outW.Close()
			return nil, err
		}
	}
	closeWrites := func() { outW.Close(); errW.Close() }
	fail := func(err error) (child, error) {
		closeWrites()
		outR.Close()
		errR.Close()
		return nil, err
	}
	conn, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: s.sock, Net: "unix"})
	if err != nil {
		return fail(errNoFork)
	}
	req, _ := json.Marshal(map[string]any{"dir": dir, "argv": append([]string{"-c"}, args...), "code": code})
	req = append(req, '\n')
	rights := syscall.UnixRights(int(stdin.Fd()), int(outW.Fd()), int(errW.Fd()))
	if _, _, err := conn.WriteMsgUnix(req, rights, nil); err != nil {
		conn.Close()
		return fail(errNoFork)
	}
	closeWrites()
	c := &forkedCheck{conn: conn, reply: bufio.NewReader(conn), reads: []*os.File{outR}}
	writers := []io.Writer{stdout}
	if errR != outR {
		c.reads = append(c.reads, errR)
		writers = append(writers, stderr)
	}
	var msg struct{ Pid int }
	line, err := c.reply.ReadBytes('\n')
	if err != nil || json.Unmarshal(line, &msg) != nil || msg.Pid <= 0 {
		conn.Close()
		for _, r := range c.reads {
			r.Close()
		}
		return nil, errNoFork
	}
	c.pid = msg.Pid
	for i, w := range writers {
		c.copied.Add(1)
		go func() {
			defer c.copied.Done()
			io.Copy(w, c.reads[i])
		}()
	}
	return c, nil
}

// Run runs `python -c code` in dir, with env, as a fork of a server that
// has imported requires, and copies what it writes on stdout and stderr to
// out, in the order written. It returns nil when the code exits with
// status 0, an error with ExitCode and Exited when it does not, ctx's
// error when ctx ends first (the code and what it started are killed
// then), and ErrNoFork when no server can run it: run it the usual way.
func (f *Forks) Run(ctx context.Context, python string, env, requires []string, dir, code string, out io.Writer) error {
	w := &lockedWriter{w: out}
	c, err := f.startCheck(ctx, python, env, requires, nil, DefaultSetupTimeout, dir, nil, code, w, w)
	if errors.Is(err, errNoFork) {
		return ErrNoFork
	}
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- c.wait() }()
	select {
	case err = <-done:
		c.kill()
	case <-ctx.Done():
		c.kill()
		<-done
		err = ctx.Err()
	}
	return err
}

// wait waits for the check to end and for its output to be copied (at most
// a second more, if processes it started hold its stdout or stderr open).
func (c *forkedCheck) wait() error {
	defer c.conn.Close()
	defer c.ended.Store(true)
	var msg struct{ Status *int }
	line, err := c.reply.ReadBytes('\n')
	waitErr := error(&forkExit{lost: true})
	if err == nil && json.Unmarshal(line, &msg) == nil && msg.Status != nil {
		waitErr = &forkExit{status: syscall.WaitStatus(*msg.Status)}
		if *msg.Status == 0 {
			waitErr = nil
		}
	}
	done := make(chan struct{})
	go func() { c.copied.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Second):
		for _, r := range c.reads {
			r.Close()
		}
		<-done
	}
	for _, r := range c.reads {
		r.Close()
	}
	return waitErr
}

func (c *forkedCheck) release() {}

// kill kills the check's process group, and the check itself in case it
// had not yet made its group.
func (c *forkedCheck) kill() {
	syscall.Kill(-c.pid, syscall.SIGKILL)
	if !c.ended.Load() {
		syscall.Kill(c.pid, syscall.SIGKILL)
	}
}
