// Command course builds and previews interactive courses, and checks
// their exercises on the learner's machine.
//
//	course build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--timings]
//	course serve [--source DIR] [--base-url URL] [--drafts] [--port N] [--bind ADDR] [--open] [--poll DURATION]
//	course import mdbook SRC DEST [--site-url URL] [--force]
//	course start|check|watch|hint|solution|progress|doctor|test …
//	course --version
//
// `course help` lists every command; `course <command> --help` its flags.
// Exit status: 0 on success, 1 on content errors, 2 on bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"

	"github.com/mlcourse/course/internal/build"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	// A soft memory limit makes the garbage collector work harder before a
	// large build's heap grows past it (10,000 pages peak at about 950 MB
	// without it, 670 MB with it, for the same CPU time). GOMEMLIMIT
	// overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(640 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the course into a static site (public/)", runBuild},
		{"new", "scaffold a lesson or an exercise", runNew},
		{"import", "import a book: course import mdbook SRC DEST", runImport},
		{"serve", "build the course into memory and serve it with live reload", runServe},
		{"start", "start an exercise: copy its starter into workspace/", runStart},
		{"check", "check your exercise files (an exercise, a module or all)", runCheck},
		{"watch", "check the current exercise on every save, then move to the next", runWatch},
		{"hint", "reveal the next hint of an exercise", runHint},
		{"solution", "show an exercise's reference solution (after one check)", runSolution},
		{"progress", "show your progress through the exercises", runProgress},
		{"doctor", "show which Python runs the exercises and what it lacks", runDoctor},
		{"test", "test the exercises: solutions pass, starters and mistakes fail", runTest},
		{"version", "print the version", func(_ []string, out, _ io.Writer) int {
			fmt.Fprintln(out, "course", versionString())
			return exitOK
		}},
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "course: build, preview and check interactive courses")
	fmt.Fprintln(w, "\nUsage: course <command> [flags] [arguments]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'course <command> --help' for a command's flags.")
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "--version", "-version", "-v":
		fmt.Fprintln(stdout, "course", versionString())
		return exitOK
	case "help", "--help", "-help", "-h":
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "course: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// isProject checks that source is a course project: a folder holding
// content/ (run outside one, a build would only report a missing folder as
// a content error).
func isProject(source string) error {
	st, err := os.Stat(source)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("--source %s is not a folder", source)
	}
	if st, err := os.Stat(filepath.Join(source, "content")); err != nil || !st.IsDir() {
		abs, _ := filepath.Abs(source)
		return fmt.Errorf("%s is not a course project: it has no content/ folder (run course in the project root, or pass --source DIR)", abs)
	}
	return nil
}

// parse parses flags that may stand before or after positional arguments.
// It returns the positional arguments, or an exit code when parsing ended
// (help shown or an error).
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, int, bool) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, exitOK, false
		}
		if err != nil {
			fmt.Fprintf(stderr, "course %s: %v\n", fs.Name(), err)
			fs.SetOutput(stderr)
			fs.Usage()
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseNoArgs parses flags of a command that takes no positional argument.
func parseNoArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (int, bool) {
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code, false
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "course %s: unexpected argument %q\n", fs.Name(), pos[0])
		return exitUsage, false
	}
	return 0, true
}

// newFlagSet makes a command's flag set. synopsis is the usage line after
// "course ", naming every flag as the README writes it (--out DIR); the
// help lists the flags the same way, with the synopsis's placeholders.
func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: course %s\n\nFlags:\n", synopsis)
		placeholders := map[string]string{}
		for _, m := range synopsisFlag.FindAllStringSubmatch(synopsis, -1) {
			placeholders[m[1]] = m[2]
		}
		fs.VisitAll(func(f *flag.Flag) {
			arg, usage := flag.UnquoteUsage(f)
			if p, ok := placeholders[f.Name]; ok {
				arg = p
			}
			line := "  --" + f.Name
			if arg != "" {
				line += " " + arg
			}
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "0s" {
				usage += " (default " + f.DefValue + ")"
			}
			fmt.Fprintf(w, "%s\n      %s\n", line, usage)
		})
	}
	return fs
}

// synopsisFlag matches "--name" and its placeholder, if any, in a synopsis.
var synopsisFlag = regexp.MustCompile(`--([a-z][a-z-]*)(?: ([A-Z][A-Z_]*))?`)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--timings]")
	source := fs.String("source", ".", "project root (holds course.toml and content/)")
	out := fs.String("out", "public", "output folder, replaced atomically (relative to the current folder)")
	baseURL := fs.String("base-url", "", "a path (/ml-course/) or full URL (https://user.github.io/ml-course/); overrides course.toml")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	timings := fs.Bool("timings", false, "print the time spent per stage")
	if code, ok := parseNoArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if err := isProject(*source); err != nil {
		fmt.Fprintf(stderr, "course build: %v\n", err)
		return exitUsage
	}
	b, err := build.New(build.Options{Source: *source, BaseURL: *baseURL, Drafts: *drafts, Generator: "course " + versionString()})
	if err != nil {
		fmt.Fprintf(stderr, "course build: %v\n", err)
		return exitUsage
	}
	defer func() {
		if err := b.Close(); err != nil {
			fmt.Fprintf(stderr, "course build: warning: cannot save the cache: %v\n", err)
		}
	}()
	res, err := b.Write(*out)
	if res != nil && res.Diags.Len() > 0 {
		fmt.Fprint(stderr, res.Diags.String())
	}
	if err != nil {
		// A refused or unwritable output folder: set-up, not content.
		fmt.Fprintf(stderr, "course build: %v\n", err)
		return exitUsage
	}
	if !res.OK() {
		fmt.Fprintln(stderr, "course build: failed; nothing was written")
		return exitContent
	}
	for _, note := range res.Notes {
		fmt.Fprintln(stderr, "note: "+note)
	}
	if res.UpToDate {
		fmt.Fprintf(stdout, "%s is up to date: %d pages, nothing changed since it was built (checked in %s)\n", *out, res.Pages, res.Duration.Round(1e5))
	} else {
		fmt.Fprintf(stdout, "built %d pages into %s in %s\n", res.Pages, *out, res.Duration.Round(1e6))
	}
	if *timings {
		for _, s := range res.Timings.Stages() {
			fmt.Fprintf(stdout, "  %-30s %s\n", s.Name, s.Time.Round(1e5))
		}
	}
	return exitOK
}
