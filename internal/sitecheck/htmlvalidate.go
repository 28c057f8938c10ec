package sitecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// hvResult is one file of html-validate's JSON report.
type hvResult struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"` // 1 warning, 2 error
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
	} `json:"messages"`
}

// validateHTML runs html-validate once over every HTML file of the site.
func validateHTML(ctx context.Context, opts Options) ([]Finding, error) {
	node := opts.Node
	if node == "" {
		node = "node"
	}
	nodePath, err := exec.LookPath(node)
	if err != nil {
		return nil, fmt.Errorf("sitecheck: %w: %v", ErrNoNode, err)
	}
	cli := filepath.Join(opts.NodeModules, "html-validate", "bin", "html-validate.mjs")
	// The report goes to a file: node may exit before a pipe has taken
	// all of it.
	tmp, err := os.MkdirTemp("", "sitecheck-hv-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	report := filepath.Join(tmp, "report.json")
	cmd := exec.CommandContext(ctx, nodePath, cli, "--config", opts.HTMLValidateConfig, "--formatter", "json="+report, "--ext", "html", opts.Dir)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	err = cmd.Run()
	if st := cmd.ProcessState; st != nil {
		opts.Logf("sitecheck: html-validate took %s (CPU %s)", time.Since(start).Round(time.Millisecond), (st.UserTime() + st.SystemTime()).Round(time.Millisecond))
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("sitecheck: html-validate: %v\n%s", err, strings.TrimSpace(output.String()))
	}
	data, err := os.ReadFile(report)
	if err != nil {
		return nil, fmt.Errorf("sitecheck: html-validate wrote no report: %v\n%s", err, strings.TrimSpace(output.String()))
	}
	return parseHTMLValidate(data, opts.Dir, opts.BasePath)
}

// parseHTMLValidate turns html-validate's JSON report into findings, one
// per message, on the page each file is served as.
func parseHTMLValidate(report []byte, dir, basePath string) ([]Finding, error) {
	var results []hvResult
	if len(bytes.TrimSpace(report)) > 0 {
		if err := json.Unmarshal(report, &results); err != nil {
			return nil, fmt.Errorf("sitecheck: reading html-validate's report: %w", err)
		}
	}
	var out []Finding
	for _, r := range results {
		rel, err := filepath.Rel(dir, r.FilePath)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = r.FilePath
		}
		rel = filepath.ToSlash(rel)
		for _, m := range r.Messages {
			level := "error"
			if m.Severity == 1 {
				level = "warning"
			}
			out = append(out, Finding{
				Page:   basePath + pagePath(rel),
				Check:  "html-validate",
				Detail: fmt.Sprintf("%s:%d:%d: %s %s (%s)", rel, m.Line, m.Column, level, m.Message, m.RuleID),
			})
		}
	}
	return out, nil
}
