package sitecheck_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/sitecheck"
)

// TestFindsWhatIsWrong runs the check over testdata/site, a hand-written
// site with one known problem per check, and wants each of them found, and
// nothing found on the page that has no problem.
func TestFindsWhatIsWrong(t *testing.T) {
	opts := toolOptions(t)
	opts.Dir = "testdata/site"
	opts.BasePath = "/fx/"
	opts.LessonBudget = 100               // bytes: the lesson is over it
	opts.RunnerTimeout = 60 * time.Second // a hang guard; the fixture's run ends in a second alone
	opts.SearchQuery = "part"
	opts.Logf = t.Logf
	findings, err := sitecheck.Run(testContext(t), opts)
	if err != nil {
		t.Fatalf("sitecheck could not run: %v", err)
	}
	for _, want := range []struct{ page, check, detail string }{
		{"/fx/bad/", "console", "console.error: bad things"},
		{"/fx/bad/", "foreign-host", "GET http://example.org/pixel.png"},
		{"/fx/bad/", "link", `a href="/fx/missing/": no such file in the site`},
		{"/fx/bad/", "link", `a href="/fx/clean/#nowhere": /fx/clean/ has no element with id "nowhere"`},
		{"/fx/bad/", "link", `a href="/elsewhere/": outside the site (/fx/)`},
		{"/fx/bad/", "description", "no <meta name=\"description\">"},
		{"/fx/bad/", "title", "<title>Clean · Fixture</title> is also the title of /fx/clean/"},
		{"/fx/clean/", "title", "<title>Clean · Fixture</title> is also the title of /fx/bad/"},
		{"/fx/bad/", "axe", "light mode: label (critical"},
		{"/fx/bad/", "axe", "dark mode: color-contrast (serious"},
		{"/fx/bad/", "layout-shift", "cumulative layout shift"},
		{"/fx/bad/", "html-validate", "bad/index.html:"},
		{"/fx/lesson/", "weight", "the budget is 100"},
		{"/fx/lesson/", "runner", "data-status=error: The checker crashed."},
		{"/fx/search/?q=part", "link", `a href="/fx/clean/#part-2": /fx/clean/ has no element with id "part-2"`},
	} {
		found := false
		for _, f := range findings {
			if f.Page == want.page && f.Check == want.check && strings.Contains(f.Detail, want.detail) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("want a finding %s\t%s\t…%s…", want.page, want.check, want.detail)
		}
	}
	for _, f := range findings {
		clean := f.Page == "/fx/sitecheck-no-such-page/" || f.Page == "/fx/" || f.Page == "/fx/search/" ||
			(f.Page == "/fx/clean/" && f.Check != "title") || (f.Page == "/fx/search/?q=part" && f.Check != "link")
		if clean {
			t.Errorf("a page with no problem has a finding: %s", f)
		}
	}
	if t.Failed() {
		for _, f := range findings {
			t.Logf("found: %s", f)
		}
	}
}
