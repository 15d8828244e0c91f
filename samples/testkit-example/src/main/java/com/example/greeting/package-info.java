/** The sample app the testkit example proves reachable through the tunnel. */
@NullMarked
package com.example.greeting;

import org.jspecify.annotations.NullMarked;
