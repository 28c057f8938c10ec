package exercise

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestCheckerLibraryUnitTests runs exercises/_lib/test_coursecheck.py with
// every distinct Python 3.11+ found, so that the library is tested both
// without numpy (as in the page) and with it.
func TestCheckerLibraryUnitTests(t *testing.T) {
	testPython(t) // skip (or fail under CI) when there is none
	pys := Pythons(context.Background(), Candidates(os.Getenv("COURSE_PYTHON"), "", exec.LookPath), []string{"numpy"}, false)
	seen := map[string]bool{}
	withNumpy := false
	for _, p := range pys {
		if !p.OK() || seen[p.Executable] {
			continue
		}
		seen[p.Executable] = true
		withNumpy = withNumpy || p.Has([]string{"numpy"})
		t.Run(p.Path, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, p.Exe(), "-B", "-m", "unittest", "discover", "-s", "../../exercises/_lib", "-p", "test_*.py")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s -m unittest: %v\n%s", p.Path, err, out.String())
			}
			t.Logf("Python %s (numpy: %v): %s", p.Version, p.Has([]string{"numpy"}), lastLines(out.String(), 1))
		})
	}
	if !withNumpy {
		msg := "NO PYTHON WITH NUMPY: coursecheck's array helpers were not tested"
		if isCI() {
			t.Error(msg)
		} else {
			t.Log("!!! " + msg)
		}
	}
}

// TestReportSchemaMatchesTheGoTypes keeps report.schema.json and Report in
// step: the same properties, all of them required, no others allowed.
func TestReportSchemaMatchesTheGoTypes(t *testing.T) {
	data, err := os.ReadFile("../../exercises/_lib/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	check := func(name string, obj map[string]any, typ reflect.Type) {
		var fields []string
		for i := range typ.NumField() {
			fields = append(fields, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
		}
		var props, required []string
		for k := range obj["properties"].(map[string]any) {
			props = append(props, k)
		}
		for _, r := range obj["required"].([]any) {
			required = append(required, r.(string))
		}
		sort.Strings(fields)
		sort.Strings(props)
		sort.Strings(required)
		if !slices.Equal(fields, props) || !slices.Equal(fields, required) {
			t.Errorf("%s: Go fields %v, schema properties %v, required %v", name, fields, props, required)
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties should be false", name)
		}
	}
	check("report", schema, reflect.TypeFor[Report]())
	check("test", defs["test"].(map[string]any), reflect.TypeFor[TestResult]())
	check("summary", defs["summary"].(map[string]any), reflect.TypeFor[Summary]())
	if c := schema["properties"].(map[string]any)["schema"].(map[string]any)["const"]; c != float64(Schema) {
		t.Errorf("schema const = %v, want %d", c, Schema)
	}
	status := schema["$defs"].(map[string]any)["test"].(map[string]any)["properties"].(map[string]any)["status"].(map[string]any)["enum"]
	if !reflect.DeepEqual(status, []any{StatusPass, StatusFail, StatusError, StatusSkip}) {
		t.Errorf("test statuses = %v", status)
	}
}
