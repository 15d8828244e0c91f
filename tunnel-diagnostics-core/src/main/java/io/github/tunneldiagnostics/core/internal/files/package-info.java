/**
 * Reading the files a diagnosis is given (the config, credentials, CA pools) as bounded, regular files:
 * what is not a regular file is refused before it is opened, and size limits hold while reading.
 */
@NullMarked
package io.github.tunneldiagnostics.core.internal.files;

import org.jspecify.annotations.NullMarked;
