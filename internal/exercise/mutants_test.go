package exercise

import (
	"context"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlcourse/course/internal/diag"
)

func TestParseEquivalent(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		ids      []string
		problems []string
	}{
		{"empty", "", nil, nil},
		{"comments and blank lines", "# id reason\n\n  # more\n", nil, nil},
		{"one mark", "12:9:Lt->LtE  both sides equal there\n", []string{"12:9:Lt->LtE"}, nil},
		{"tab separated", "3:1:del-stmt\tprints only\n", []string{"3:1:del-stmt"}, nil},
		{"no reason", "12:9:Lt->LtE\n", nil, []string{"f.txt:1: mutant 12:9:Lt->LtE is marked equivalent without a reason"}},
		{"not an id", "line 12 is fine\n", nil, []string{`f.txt:1: "line" is not a mutant id`}},
		{"zero line", "0:1:const+1 why\n", nil, []string{`f.txt:1: "0:1:const+1" is not a mutant id`}},
		{"no kind", "4:2: why\n", nil, []string{`f.txt:1: "4:2:" is not a mutant id`}},
		{"twice", "4:2:const+1 a\n4:2:const+1 b\n", []string{"4:2:const+1"}, []string{"f.txt:2: mutant 4:2:const+1 is marked twice (first at line 1)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			marks, problems := ParseEquivalent("f.txt", []byte(tt.in))
			var ids []string
			for _, m := range marks {
				ids = append(ids, m.ID)
				if m.Reason == "" {
					t.Errorf("%s: empty reason", m.ID)
				}
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("ids = %v, want %v", ids, tt.ids)
			}
			if len(problems) != len(tt.problems) {
				t.Fatalf("problems = %q, want %q", problems, tt.problems)
			}
			for i, p := range problems {
				if !strings.HasPrefix(p, tt.problems[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, p, tt.problems[i])
				}
			}
		})
	}
}

func TestJudgeSharesAndMarks(t *testing.T) {
	e := &Exercise{ID: "m/x", Dir: "exercises/m/x"}
	mk := func(id, status string) *Mutant { return &Mutant{ID: id, Line: 1, Status: status, Test: "test_a"} }
	run := &MutantRun{Mutants: []*Mutant{
		mk("1:1:Add->Sub", "killed"), mk("1:2:const+1", "timeout"), mk("1:3:const-1", "crashed"),
		mk("2:1:Lt->LtE", "survived"), mk("3:1:del-stmt", "survived"),
	}}
	tests := []struct {
		name       string
		marks      string
		killed     int
		equivalent int
		survivors  int
		share      float64
		problems   int
	}{
		{"no marks", "", 3, 0, 2, 0.6, 0},
		{"one marked", "2:1:Lt->LtE same\n", 3, 1, 1, 0.75, 0},
		{"both marked", "2:1:Lt->LtE same\n3:1:del-stmt prints\n", 3, 2, 0, 1, 0},
		{"a killed mutant marked", "1:1:Add->Sub wrong\n", 3, 0, 2, 0.6, 1},
		{"a stale mark", "9:9:Add->Sub gone\n", 3, 0, 2, 0.6, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Judge(e, run, []byte(tt.marks))
			if r.Killed != tt.killed || r.Equivalent != tt.equivalent || len(r.Survivors) != tt.survivors ||
				r.Share() != tt.share || len(r.Problems) != tt.problems {
				t.Errorf("killed %d, equivalent %d, survivors %d, share %g, problems %q; want %d, %d, %d, %g, %d problems",
					r.Killed, r.Equivalent, len(r.Survivors), r.Share(), r.Problems, tt.killed, tt.equivalent, tt.survivors, tt.share, tt.problems)
			}
			if r.OK(0.5) != (tt.share >= 0.5 && tt.problems == 0) {
				t.Errorf("OK(0.5) = %v", r.OK(0.5))
			}
		})
	}
	if r := Judge(e, &MutantRun{}, nil); r.Share() != 1 {
		t.Errorf("no mutants: share %g, want 1", r.Share())
	}
}

// mutantsFS is testdata/mutants with the real checker library and mutants.py.
func mutantsFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("testdata/mutants")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"coursecheck.py", "mutants.py"} {
		data, err := os.ReadFile("../../exercises/_lib/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[LibDir+"/"+f] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestMutantsOnTestdata runs mutants.py through Runner.Mutants on the
// exercises of testdata/mutants: what is killed, what survives, and what
// the marks in equivalent-mutants.txt change.
func TestMutantsOnTestdata(t *testing.T) {
	py := testPython(t)
	fsys := mutantsFS(t)
	var dl diag.List
	set := Load(fsys, &dl)
	if dl.HasErrors() {
		t.Fatalf("testdata does not load:\n%s", dl.String())
	}
	tests := []struct {
		id         string
		total      int
		killed     int
		equivalent int
		survivors  []string
		problems   []string // substrings, in order
	}{
		{"demo/all-killed", 7, 7, 0, nil, nil},
		{"demo/survivors", 7, 5, 1, []string{"3:9:del-stmt"}, nil},
		{"demo/bad-marks", 7, 5, 1, []string{"2:8:Gt->GtE"}, []string{
			"equivalent-mutants.txt:3: mutant 2:8:Gt->GtE is marked equivalent without a reason",
			`equivalent-mutants.txt:4: "nonsense" is not a mutant id`,
			"equivalent-mutants.txt:6: mutant 3:9:del-stmt is marked twice",
			"equivalent-mutants.txt:1: mutant 4:12:min->max is marked equivalent, but the checker kills it (test_clips)",
			"equivalent-mutants.txt:2: mutant 99:1:Add->Sub no longer exists",
		}},
		{"demo/solution-fails", 0, 0, 0, nil, []string{"the unchanged solution does not pass its checker"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			e := set.Get(tt.id)
			if e == nil {
				t.Fatalf("no exercise %s", tt.id)
			}
			r := Runner{Python: py, FS: fsys}
			res := r.Mutants(context.Background(), e, 2)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			var survivors []string
			for _, m := range res.Survivors {
				survivors = append(survivors, m.ID)
			}
			if res.Total() != tt.total || res.Killed != tt.killed || res.Equivalent != tt.equivalent ||
				!reflect.DeepEqual(survivors, tt.survivors) {
				for _, m := range res.Run.Mutants {
					t.Logf("%-8s %-18s %s", m.Status, m.ID, m.Describe())
				}
				t.Errorf("total %d, killed %d, equivalent %d, survivors %v; want %d, %d, %d, %v",
					res.Total(), res.Killed, res.Equivalent, survivors, tt.total, tt.killed, tt.equivalent, tt.survivors)
			}
			if len(res.Problems) != len(tt.problems) {
				t.Fatalf("problems:\n%s\nwant %d", strings.Join(res.Problems, "\n"), len(tt.problems))
			}
			for i, p := range res.Problems {
				if !strings.Contains(p, tt.problems[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, p, tt.problems[i])
				}
			}
			var out strings.Builder
			WriteMutationTable(&out, []*MutationResult{res}, 0.9)
			for _, s := range survivors {
				if !strings.Contains(out.String(), s) {
					t.Errorf("the table does not list survivor %s:\n%s", s, out.String())
				}
			}
		})
	}
}
