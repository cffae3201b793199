//go:build race

package format

// raceEnabled says that the tests run with the race detector.
const raceEnabled = true
