/**
 * RE2/J (https://github.com/google/re2j), relocated from {@code com.google.re2j}: the released sources of
 * the version named in tunnel-diagnostics-re2j's pom, unchanged but for the package name. Copyright The Go
 * Authors, Go's BSD licence ({@code META-INF/LICENSE-re2j.txt} in this jar). Internal to
 * tunnel-diagnostics: no compatibility promise; depend on {@code com.google.re2j:re2j} to use RE2/J.
 */
package io.github.tunneldiagnostics.re2j.internal;
