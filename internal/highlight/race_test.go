//go:build race

package highlight

// raceEnabled shrinks the differential tests' samples under the race
// detector, which makes chroma several times slower.
const raceEnabled = true
