// Package ci holds the tests of the repository's GitHub workflows
// (.github/workflows): actionlint finds no problem in any of them, and the
// Pages workflow uses the official actions, the least permissions they
// need, and the base URL that configure-pages reports.
package ci
